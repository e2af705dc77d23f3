"""Text extraction from a resource's attached files, so their contents are searchable.

PDF text comes from PDFium (pypdfium2): it reads the fonts of Chinese official documents that
pypdf garbles, opens AES-encrypted files, and is about twice as fast; on the sample corpus it
gives exactly pypdf's text (tests/catalog/indexing/test_pdf_engines.py). pypdf stays as the
fallback for a page whose PDFium text is mostly unprintable, and names the defect of a file
PDFium cannot open.

Two calls make the API: `should_fetch()` decides from the listing alone whether a file is
worth downloading, `extract_text()` turns the downloaded bytes into normalised text. Neither
raises for a bad file; the reason comes back as data, for the indexer's report.
"""

import codecs
import io
import re
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import NamedTuple

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are not fetched; their text is not extracted."""


@dataclass(frozen=True)
class ExtractedText:
    """What came out of one file: `error` is a short human reason, and then `text` is empty.

    `timed_out` says the time budget cut the text short (then `truncated` is set too): unlike the
    character budget, a later run with a less busy machine may read more, so it is not final.
    """

    text: str
    error: str | None
    truncated: bool
    timed_out: bool = False


class FetchDecision(NamedTuple):
    """Whether to download a file; `reason` is set when skipping it is worth reporting."""

    fetch: bool
    reason: str | None


class _UnreadableFile(Exception):
    """Raised by an extractor for a problem it found itself (not a parser's exception)."""


_NOTHING_TO_EXTRACT = ExtractedText("", None, False)
_UNSUPPORTED = "unsupported"

_KIND_BY_MEDIA_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
_KIND_BY_EXTENSION = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".pptx": "pptx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".csv": "text",
}
# Formats we recognise by content but do not read (PNG, JPEG, GIF, OLE2 = legacy .doc/.ppt):
# they win over a misleading name.
_UNSUPPORTED_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
_LABEL_BY_KIND = {
    "pdf": "PDF",
    "docx": "DOCX",
    "pptx": "PPTX",
    "html": "HTML",
    "text": "text file",
}


def should_fetch(name: str, media_type: str | None, size: int, *, max_bytes: int = MAX_FILE_BYTES) -> FetchDecision:
    """Decide from name, media type and stored size whether downloading the file is worthwhile.

    Types with no text to extract (images, video, spreadsheets …) are skipped silently;
    an extractable file over `max_bytes` is skipped with a reason for the report.
    """
    if _declared_kind(name, media_type) == _UNSUPPORTED:
        return FetchDecision(False, None)
    if size > max_bytes:
        limit = f"{max_bytes / 2**20:g} MiB"
        return FetchDecision(False, f"file larger than {limit}, text not extracted")
    return FetchDecision(True, None)


def extract_text(
    name: str, media_type: str | None, data: bytes, *, max_chars: int = 100_000, time_budget_s: float = 10.0
) -> ExtractedText:
    """Extract normalised text from a file's bytes; never raises for a bad file.

    The format is chosen by content first (PDF header, the ZIP parts of DOCX/PPTX), then by
    `media_type`, then by the extension of `name`. Unsupported formats give empty text and no
    error. Both budgets are checked between pages, paragraphs or slides; hitting one stops
    extraction and sets `truncated` (and `timed_out` for time). A single slow page is stopped
    only by running this in `extraction_worker`. Lines are whitespace-collapsed, blank lines dropped.
    """
    kind = _kind_from_content(data) or _declared_kind(name, media_type)
    if kind == _UNSUPPORTED:
        return _NOTHING_TO_EXTRACT
    reader, parser_errors = _extractor(kind)
    deadline = time.monotonic() + time_budget_s
    try:
        return _collect(reader(data), max_chars=max_chars, deadline=deadline)
    except (_UnreadableFile, *parser_errors) as exc:
        return ExtractedText("", _reason(kind, str(exc) or type(exc).__name__), False)
    except Exception as exc:  # noqa: BLE001
        # The one outer boundary: parsers meet hostile bytes and fail in ways no list of types
        # covers (struct.error, RecursionError, MemoryError …); one bad file must not stop a run.
        return ExtractedText("", _reason(kind, f"{type(exc).__name__}: {exc}"), False)


def reads_in_linear_time(name: str, media_type: str | None, data: bytes) -> bool:
    """Whether the file is plain text (or nothing to read): decoding and splitting lines cannot hang or crash."""
    return (_kind_from_content(data) or _declared_kind(name, media_type)) in ("text", _UNSUPPORTED)


def reader_failed(name: str, media_type: str | None, data: bytes, detail: str) -> ExtractedText:
    """The result for a file whose reader died outside `extract_text` (a crashed worker process)."""
    kind = _kind_from_content(data) or _declared_kind(name, media_type)
    return ExtractedText("", _reason(kind if kind != _UNSUPPORTED else "text", detail), False)


def _reason(kind: str, detail: str) -> str:
    detail = " ".join(detail.split())
    return f"{_LABEL_BY_KIND[kind]} could not be read: {detail[:200]}"


# --- choosing the format -------------------------------------------------------------------


def _kind_from_content(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None  # a damaged archive: let the declared type pick the reader and report
        if "word/document.xml" in parts:
            return "docx"
        if "ppt/presentation.xml" in parts:
            return "pptx"
        return _UNSUPPORTED  # xlsx, plain archives …
    if b"%PDF-" in data[:1024]:  # the PDF spec tolerates junk before the header
        return "pdf"
    if data.startswith(_UNSUPPORTED_SIGNATURES):
        return _UNSUPPORTED
    return None


def _declared_kind(name: str, media_type: str | None) -> str:
    by_extension = _KIND_BY_EXTENSION.get(PurePosixPath(name).suffix.lower())
    return _kind_from_media_type(media_type) or by_extension or _UNSUPPORTED


def _kind_from_media_type(media_type: str | None) -> str | None:
    essence = (media_type or "").split(";")[0].strip().lower()
    if not essence or essence in ("application/octet-stream", "binary/octet-stream"):
        return None  # says nothing: ask the extension
    if essence in _KIND_BY_MEDIA_TYPE:
        return _KIND_BY_MEDIA_TYPE[essence]
    return "text" if essence.startswith("text/") else _UNSUPPORTED


# --- budgets and whitespace ----------------------------------------------------------------

_INVISIBLE_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def _collect(chunks: Iterable[str], *, max_chars: int, deadline: float) -> ExtractedText:
    """Join the extractor's chunks (pages, paragraphs, shapes) as normalised lines, in budget."""
    lines: list[str] = []
    length = 0
    for chunk_number, chunk in enumerate(chunks):
        # Checked before using a chunk, so `truncated` means text really was left out; the
        # first chunk is always taken, so even a tiny budget indexes something.
        if chunk_number and time.monotonic() > deadline:
            return ExtractedText("\n".join(lines), None, True, timed_out=True)
        for raw_line in _INVISIBLE_CHARS.sub("", chunk).splitlines():
            line = " ".join(raw_line.split())
            if not line:
                continue
            separator = 1 if lines else 0
            if length + separator + len(line) > max_chars:
                room = max_chars - length - separator
                if room > 0:
                    lines.append(line[:room])
                return ExtractedText("\n".join(lines), None, True)
            lines.append(line)
            length += separator + len(line)
    return ExtractedText("\n".join(lines), None, False)


# --- the extractors: each yields chunks of text, so the budgets are checked between them ---

# PDFium is not thread-safe and extract_text may be called from threads: one call at a time.
_PDFIUM = threading.Lock()


def _pdf_chunks(data: bytes) -> Iterator[str]:
    import pypdf
    import pypdfium2 as pdfium

    try:
        with _PDFIUM:
            document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _UnreadableFile("it is password-protected") from None
        yield from _pypdf_chunks(data)  # its reasons name the defect ("EOF marker not found")
        return
    fallback = None
    try:
        for number in range(len(document)):
            with _PDFIUM:
                page = document[number]
                text = page.get_textpage().get_text_range()
            if mostly_unprintable(text):
                fallback = fallback or pypdf.PdfReader(io.BytesIO(data))
                text = fallback.pages[number].extract_text()
            yield text
    finally:
        with _PDFIUM:
            document.close()


def mostly_unprintable(text: str) -> bool:
    """PDFium gives control codes for some fonts without a usable ToUnicode map; pypdf may do better."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    bad = sum(1 for c in visible if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") or c == "\ufffd")
    return bad > len(visible) / 2


def _pypdf_chunks(data: bytes) -> Iterator[str]:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
    except pypdf.errors.PdfReadError:
        if b"%PDF-" not in data[:1024]:
            raise _UnreadableFile("it is not a PDF (no %PDF header)") from None
        # The lenient parser says where it gave up; the strict one names the first defect
        # ("EOF marker not found"), which tells a curator more.
        pypdf.PdfReader(io.BytesIO(data), strict=True)
        raise
    if reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise _UnreadableFile("it is password-protected")
    for page in reader.pages:
        yield page.extract_text()


def _text_chunks(data: bytes) -> Iterator[str]:
    text = _decode_text(data)
    sample = text[:4096]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f\v")
    if controls > len(sample) / 100:
        raise _UnreadableFile("the content looks binary, not text")
    yield from text.splitlines()


def _decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Windows Notepad), else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise _UnreadableFile("the text is neither UTF-8 nor GB18030")


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# Pages labelled with an older Chinese charset routinely use characters only its superset has.
_CHARSET_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}


def _html_chunks(data: bytes) -> Iterator[str]:
    declared = _DECLARED_CHARSET.search(data[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else None
    charset = _CHARSET_SUPERSET.get(charset, charset)
    try:
        text = data.decode(charset, errors="replace") if charset else _decode_text(data)
    except LookupError:  # a charset Python does not know
        text = _decode_text(data)
    parser = _VisibleTextParser()
    for start in range(0, len(text), 65_536):
        parser.feed(text[start : start + 65_536])
        yield from parser.take_blocks()
    parser.close()
    yield from parser.take_blocks()


class _VisibleTextParser(HTMLParser):
    """Collects the text a reader would see, one block element (paragraph, cell …) at a time."""

    HIDDEN = {"script", "style", "noscript", "template"}
    BLOCKS = set(
        "address article aside blockquote br dd div dl dt figcaption footer form h1 h2"
        " h3 h4 h5 h6 header hr li main nav ol p pre section table td th title tr ul".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._hidden_depth = 0
        self._current: list[str] = []
        self._blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self._hidden_depth += 1
        if tag in self.BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        if tag in self.BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            # Source line breaks inside a paragraph are only spaces to a browser.
            self._current.append(_WHITESPACE_RUN.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        if self._current:
            self._blocks.append("".join(self._current))
            self._current = []

    def take_blocks(self) -> list[str]:
        """The blocks completed since the last call."""
        blocks, self._blocks = self._blocks, []
        return blocks


def _extractor(kind: str) -> tuple:
    """The kind's reader, yielding chunks, and the exceptions that mean "bad file".

    The PDF and Office libraries take about a second to import and a run that copies or rebuilds
    documents never reads a file: they are imported when a file of theirs is first read.
    """
    if kind == "pdf":
        import pypdf
        import pypdfium2

        return _pdf_chunks, (pypdf.errors.PyPdfError, pypdfium2.PdfiumError)
    if kind in ("docx", "pptx"):
        from catalog.indexing import office_text

        if kind == "docx":
            return office_text.docx_chunks, office_text.DOCX_ERRORS
        return office_text.pptx_chunks, office_text.PPTX_ERRORS
    return {"html": _html_chunks, "text": _text_chunks}[kind], ()
