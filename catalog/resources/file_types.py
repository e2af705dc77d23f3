"""What a school upload really is, told by its content (magic bytes), never by its name.

A name says nothing: ``lesson.pdf`` may be a Windows program. So before anything is written to
storage, the content must be one of ALLOWED_TYPES and the cleaned name must carry one of that
type's extensions; anything else is refused with a reason, in Chinese, that a teacher can act on.
Stored files, from uploads and feeds alike, are served as ``served_as`` says: few kinds inline.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import NamedTuple

from catalog.field_problem import FieldProblem
from catalog.messages import N_


@dataclass(frozen=True)
class FileType:
    media_type: str
    extensions: tuple[str, ...]
    label: str


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"

ALLOWED_TYPES = (
    FileType(PDF, (".pdf",), N_("PDF 文档")),
    FileType(DOCX, (".docx",), N_("Word 文档")),
    FileType(PPTX, (".pptx",), N_("PowerPoint 演示文稿")),
    FileType(XLSX, (".xlsx",), N_("Excel 表格")),
    FileType("image/jpeg", (".jpg", ".jpeg"), N_("JPEG 图片")),
    FileType("image/png", (".png",), N_("PNG 图片")),
    FileType("image/gif", (".gif",), N_("GIF 图片")),
    FileType("image/webp", (".webp",), N_("WebP 图片")),
    FileType("video/mp4", (".mp4", ".m4v"), N_("MP4 视频")),
    FileType("audio/mpeg", (".mp3",), N_("MP3 音频")),
    FileType(TEXT, (".txt",), N_("纯文本")),
)
TYPES_BY_MEDIA_TYPE = {file_type.media_type: file_type for file_type in ALLOWED_TYPES}

# Fixed signatures at the start of the content: (media type, pattern).
SIGNATURES = tuple(
    (media_type, re.compile(pattern, re.DOTALL))
    for media_type, pattern in (
        (PDF, rb"%PDF-"),
        ("image/jpeg", rb"\xff\xd8\xff"),
        ("image/png", rb"\x89PNG\r\n\x1a\n"),
        ("image/gif", rb"GIF8[79]a"),
        ("image/webp", rb"RIFF.{4}WEBP"),
        ("video/mp4", rb".{4}ftyp(?:isom|iso[2-6]|mp41|mp42|avc1|M4V )"),
        # ID3v2.2–2.4 tag (version byte, then a zero revision), or a bare MPEG audio frame sync.
        ("audio/mpeg", rb"ID3[\x02-\x04]\x00|\xff[\xfb\xf3\xf2]"),
    )
)
ZIP = b"PK\x03\x04"
# DOCX, PPTX and XLSX are all ZIP archives; the main part's member name tells them apart.
OFFICE_MAIN_PARTS = (("word/document.xml", DOCX), ("ppt/presentation.xml", PPTX), ("xl/workbook.xml", XLSX))
# C0 controls other than tab, LF, FF and CR (NUL included): binary, or text meant to deceive.
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SCRIPT = re.compile(rb"(?:\xef\xbb\xbf)?#!")

# What refused content looks like, for the reason: (pattern, description).
LOOKALIKES = tuple(
    (re.compile(pattern), description)
    for pattern, description in (
        (rb"MZ", N_("Windows 可执行程序（MZ 文件头）")),
        (rb"\x7fELF", N_("Linux 可执行程序（ELF）")),
        (rb"\xfe\xed\xfa[\xce\xcf]|[\xce\xcf]\xfa\xed\xfe", N_("macOS 可执行程序（Mach-O）")),
        (SCRIPT.pattern, N_("脚本文件（以 #! 开头）")),
        (ZIP, N_("不是 Word/PowerPoint/Excel 文档的 ZIP 压缩包")),
        (rb"Rar!\x1a\x07|7z\xbc\xaf\x27\x1c|\x1f\x8b", N_("RAR/7z/gzip 压缩包")),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("旧版 Office 文档（.doc/.ppt/.xls）")),
    )
)
UNKNOWN = N_("未知类型")
NOT_UTF8_TEXT = N_("非 UTF-8 编码的文本（如 GBK），请另存为 UTF-8")

MAX_NAME_LENGTH = 120
# A longer "extension" is just part of the name (``通知.2024年春季学期第三周安排``).
MAX_EXTENSION_LENGTH = 16
KEPT_PUNCTUATION = frozenset("-_.()（） ")
RESERVED_NAMES = {"resource.json": N_("resource.json 是资源描述文件的保留名称")}


class UploadFileRejected(FieldProblem):
    """An upload refused: ``field`` is the file's name as uploaded, ``reason`` says why, in Chinese."""


def _zip_member_names(data: bytes) -> set[str] | None:
    """The member names if ``data`` is a complete ZIP archive, else None (only the directory is read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        return None


def _office_type(data: bytes) -> str | None:
    names = _zip_member_names(data)
    for member, media_type in OFFICE_MAIN_PARTS:
        # Only the first bytes of a large archive: its local headers still carry the member names.
        if (member in names) if names is not None else (member.encode() in data):
            return media_type
    return None


def _clean_text(head: bytes, encoding: str) -> str | None:
    """``head`` decoded if it is clean text in ``encoding``; a character cut off at the end is fine."""
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    return None if CONTROL_IN_TEXT.search(text) else text


def detect_media_type(head: bytes) -> str | None:
    """The allow-listed media type the first bytes show, or None."""
    for media_type, signature in SIGNATURES:
        if signature.match(head):
            return media_type
    if head.startswith(ZIP):
        return _office_type(head)
    if _clean_text(head, "utf-8-sig") and not SCRIPT.match(head):
        return TEXT
    return None


def describe_forbidden(head: bytes) -> str:
    """What refused content looks like, in Chinese, as far as we can tell."""
    media_type = detect_media_type(head)
    if media_type is not None:
        return TYPES_BY_MEDIA_TYPE[media_type].label
    for pattern, description in LOOKALIKES:
        if pattern.match(head):
            return description
    if head and _clean_text(head, "gb18030"):
        return NOT_UTF8_TEXT
    return UNKNOWN


def _is_kept(char: str) -> bool:
    # Letters, combining marks (Tibetan, Yi …) and digits; everything else, including format
    # characters such as U+202E that make "gpj.exe" display as "exe.jpg", is dropped.
    category = unicodedata.category(char)
    return char in KEPT_PUNCTUATION or category[0] in "LM" or category == "Nd"


def safe_file_name(name: str) -> str:
    """The name to store under: the last path part, cleaned, at most 120 characters, extension kept."""
    cleaned = re.split(r"[/\\]", unicodedata.normalize("NFKC", name or ""))[-1]
    cleaned = "".join(" " if char.isspace() else char for char in cleaned if char.isspace() or _is_kept(char))
    cleaned = re.sub(" +", " ", cleaned).lstrip(". ").rstrip(". ")
    if not cleaned:
        raise UploadFileRejected(name, N_("文件名不能为空"))
    stem, _, extension = cleaned.rpartition(".")
    if not stem or len(extension) > MAX_EXTENSION_LENGTH:
        raise UploadFileRejected(name, N_("文件名缺少扩展名（如 .pdf）"))
    cleaned = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(". ") + "." + extension
    if cleaned.casefold() in RESERVED_NAMES:
        raise UploadFileRejected(name, RESERVED_NAMES[cleaned.casefold()])
    return cleaned


def _megabytes(size: int) -> str:
    megabytes = round(size / (1024 * 1024), 1)
    return str(int(megabytes)) if megabytes.is_integer() else str(megabytes)


def check_file(name: str, head: bytes, size: int, max_bytes: int) -> tuple[str, str]:
    """(safe name, media type) of an acceptable upload, or raise UploadFileRejected saying why not."""
    safe_name = safe_file_name(name)
    if size <= 0 or not head:
        raise UploadFileRejected(name, N_("文件是空的"))
    if size > max_bytes:
        raise UploadFileRejected(name, N_("文件超过 %(size)s MB 上限", size=_megabytes(max_bytes)))
    media_type = detect_media_type(head)
    if media_type is None:
        raise UploadFileRejected(name, N_("内容不是允许的文件类型（看起来是%(kind)s）", kind=describe_forbidden(head)))
    file_type = TYPES_BY_MEDIA_TYPE[media_type]
    extension = "." + safe_name.rpartition(".")[2].lower()
    if extension not in file_type.extensions:
        raise UploadFileRejected(
            name, N_("名称是 %(extension)s，但内容是 %(kind)s", extension=extension, kind=file_type.label)
        )
    return safe_name, media_type


# --- serving stored files ---------------------------------------------------------------------

# What a browser may show from the storage's address, by the media type the catalog serves it as,
# with the extensions that name it when a feed gives no type. HTML, SVG, XML, scripts and every
# other type could run script on that address: they are only ever downloaded, as bytes.
INLINE_TYPES = {
    PDF: (PDF, (".pdf",)),
    "image/png": ("image/png", (".png",)),
    "image/jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "image/gif": ("image/gif", (".gif",)),
    "image/webp": ("image/webp", (".webp",)),
    "audio/mpeg": ("audio/mpeg", (".mp3",)),
    "audio/ogg": ("audio/ogg", (".ogg", ".oga")),
    "audio/wav": ("audio/wav", (".wav",)),
    "video/mp4": ("video/mp4", (".mp4", ".m4v")),
    "video/webm": ("video/webm", (".webm",)),
    TEXT: ("text/plain; charset=utf-8", (".txt",)),
}
# Other names feeds use for the same types.
MEDIA_TYPE_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "audio/mp3": "audio/mpeg",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/vnd.wave": "audio/wav",
}
DOWNLOAD_ONLY = "application/octet-stream"


class ServedAs(NamedTuple):
    may_show_inline: bool
    content_type: str


def served_as(name: str, media_type: str | None) -> ServedAs:
    """How a stored file is served: shown in the browser only for the kinds in INLINE_TYPES, with a
    content type from that list, never the feed's own string; anything else as bytes to save."""
    base = (media_type or "").split(";")[0].strip().lower()
    base = MEDIA_TYPE_ALIASES.get(base, base)
    if not base:
        _, dot, extension = (name or "").rpartition(".")
        extension = "." + extension.lower() if dot else ""
        base = next((key for key, (_, extensions) in INLINE_TYPES.items() if extension in extensions), "")
    if base in INLINE_TYPES:
        return ServedAs(True, INLINE_TYPES[base][0])
    return ServedAs(False, DOWNLOAD_ONLY)
