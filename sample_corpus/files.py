"""Small, real attached files as bytes: PDF (Chinese text), DOCX, PPTX, PNG cover.

Every renderer is a pure function of its arguments and is cached, so a unit that appears
in many resources is rendered once. Output is byte-for-byte reproducible: reportlab runs
in invariant mode and the Office zips get fixed timestamps and core properties.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import UTC, datetime
from functools import lru_cache

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PNG = "image/png"

CJK_FONT = "STSong-Light"  # a reportlab built-in CID font: no font file to ship
_FIXED_TIME = datetime(2024, 1, 1, tzinfo=UTC)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_font_registered = False


def _register_font() -> None:
    global _font_registered
    if not _font_registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        _font_registered = True


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (CJK breaks anywhere)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for char in text:
        if stringWidth(current + char, CJK_FONT, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    if current:
        lines.append(current)
    return lines


@lru_cache(maxsize=4096)
def pdf_bytes(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """An A4 PDF with ``title`` as heading and ``paragraphs`` as body text, in Chinese."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("成渝教育资源共享目录 样例")
    page_width, page_height = A4
    margin, size, leading = 56, 11, 17
    y = page_height - margin
    pdf.setFont(CJK_FONT, 16)
    for line in _wrap(title, page_width - 2 * margin, 16):
        pdf.drawString(margin, y, line)
        y -= 24
    y -= 6
    for paragraph in paragraphs:
        for line in _wrap(paragraph, page_width - 2 * margin, size):
            if y < margin:
                pdf.showPage()
                y = page_height - margin
            pdf.setFont(CJK_FONT, size)
            pdf.drawString(margin, y, line)
            y -= leading
        y -= 6
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def corrupt_pdf_bytes(title: str) -> bytes:
    """A file that starts like a PDF but is cut off mid-object: text extraction must fail."""
    whole = pdf_bytes(title, ("本文件在传输中被截断。",))
    return whole[: len(whole) // 3] + b"\x00\xff garbage after truncation \xfe"


def _fixed_zip(body: bytes) -> bytes:
    """Rewrite an Office zip with fixed entry timestamps so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def _fix_core_properties(core, title: str) -> None:
    core.title = title
    core.author = "成渝教育资源共享目录 样例"
    core.last_modified_by = "sample-corpus"
    core.created = _FIXED_TIME
    core.modified = _FIXED_TIME
    core.revision = 1


@lru_cache(maxsize=4096)
def docx_bytes(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A Word document: a heading and one paragraph per item (lines starting '## ' are subheadings)."""
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            document.add_heading(paragraph[3:], level=2)
        else:
            document.add_paragraph(paragraph)
    _fix_core_properties(document.core_properties, title)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


@lru_cache(maxsize=4096)
def pptx_bytes(title: str, slides: tuple[tuple[str, tuple[str, ...]], ...]) -> bytes:
    """A slide deck: a title slide, then one bulleted slide per ``(heading, bullets)``."""
    from pptx import Presentation

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = title
    first.placeholders[1].text = "成渝教育资源共享目录"
    for heading, bullets in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        frame = slide.placeholders[1].text_frame
        frame.text = bullets[0] if bullets else ""
        for bullet in bullets[1:]:
            frame.add_paragraph().text = bullet
    _fix_core_properties(deck.core_properties, title)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@lru_cache(maxsize=256)
def cover_png(rgb: tuple[int, int, int], width: int = 160, height: int = 90) -> bytes:
    """A valid PNG cover: a horizontal gradient from ``rgb`` to white (no imaging library needed)."""
    rows = []
    for _y in range(height):
        row = bytearray([0])  # filter type 0 (None) for each scanline
        for x in range(width):
            t = x / max(width - 1, 1)
            row.extend(int(c + (255 - c) * t * 0.6) for c in rgb)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )
