"""Text extraction from attached files: real files built in memory, no services."""

import io
import random

import docx
import pptx
import pypdf
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from catalog.indexing.text_extraction import MAX_FILE_BYTES, ExtractedText, _pypdf_chunks, extract_text, should_fetch

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
LINE = "分数的初步认识 几分之一"


def make_pdf(pages=1, lines_per_page=1, user_password=None):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    encryption = None if user_password is None else StandardEncryption(user_password, "owner")
    pdf = canvas.Canvas(buffer, encrypt=encryption)
    for page in range(1, pages + 1):
        pdf.setFont("STSong-Light", 12)
        for line in range(lines_per_page):
            pdf.drawString(50, 800 - 18 * line, f"第{page}页 {LINE} 第{line + 1}行")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx():
    document = docx.Document()
    document.add_paragraph("三年级上册  第八单元\t分数的初步认识")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "教学目标"
    table.cell(0, 1).text = "认识几分之一"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并的单元格"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pptx():
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "分数的初步认识"
    slide.placeholders[1].text = "把一个月饼平均分成2份\n每份是它的二分之一"
    slide.notes_slide.notes_text_frame.text = "提问：几分之一怎么写？"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def test_pdf_with_cid_font_gives_the_chinese_exactly():
    result = extract_text("课件.pdf", PDF, make_pdf())
    assert result == ExtractedText(f"第1页 {LINE} 第1行", None, False)


def test_pdf_with_only_an_owner_password_is_read_and_a_user_password_is_reported():
    assert extract_text("a.pdf", PDF, make_pdf(user_password="")).text == f"第1页 {LINE} 第1行"
    locked = extract_text("a.pdf", PDF, make_pdf(user_password="secret"))
    assert locked == ExtractedText("", "PDF could not be read: it is password-protected", False)


def test_docx_gives_paragraphs_and_each_table_cell_once():
    result = extract_text("教学设计.docx", DOCX, make_docx())
    assert result.error is None and not result.truncated
    assert result.text.splitlines() == [
        "三年级上册 第八单元 分数的初步认识",
        "教学目标",
        "认识几分之一",
        "合并的单元格",
    ]


def test_pptx_gives_title_body_and_notes():
    result = extract_text("课件.pptx", PPTX, make_pptx())
    assert result.text.splitlines() == [
        "分数的初步认识",
        "把一个月饼平均分成2份",
        "每份是它的二分之一",
        "提问：几分之一怎么写？",
    ]


def test_html_gives_visible_text_without_scripts_or_styles():
    page = """<!doctype html><html><head><meta charset="gbk"><title>分数</title>
      <style>p { color: red }</style><script>var secret = "不该出现";</script></head>
      <body><p>把一个月饼
      平均分成<b>2</b>份</p><ul><li>二分之一</li><li>a &amp; b</li></ul></body></html>"""
    result = extract_text("page.html", "text/html", page.encode("gb18030"))
    assert result.text.splitlines() == ["分数", "把一个月饼 平均分成2份", "二分之一", "a & b"]
    assert "secret" not in result.text and "color" not in result.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_plain_text_in_common_chinese_encodings(encoding):
    data = f"{LINE}\r\n\r\n\r\n  第二段\u3000 有空格  \n".encode(encoding)
    result = extract_text("说明.txt", "text/plain", data)
    assert result == ExtractedText(f"{LINE}\n第二段 有空格", None, False)


def test_content_wins_over_name_and_media_type():
    result = extract_text("教学设计.pdf", PDF, make_docx())
    assert result.error is None and "认识几分之一" in result.text


@pytest.mark.parametrize(
    "name, media_type, data, reason",
    [
        ("坏.pdf", PDF, make_pdf()[:-300], "PDF could not be read: EOF marker not found"),
        ("坏.pdf", None, random.Random(1).randbytes(4096), "PDF could not be read: it is not a PDF"),
        ("坏.docx", DOCX, make_docx()[:2000], "DOCX could not be read: File is not a zip file"),
        ("坏.pptx", None, make_pptx()[:2000], "PPTX could not be read: File is not a zip file"),
        ("坏.txt", "text/plain", b"abc\x00\x01\x02" * 100, "text file could not be read: "),
    ],
)
def test_a_corrupt_file_gives_a_reason_not_an_exception(name, media_type, data, reason):
    result = extract_text(name, media_type, data)
    assert result.text == "" and not result.truncated
    assert result.error.startswith(reason) and len(result.error) < 300


@pytest.mark.parametrize(
    "name, media_type, data",
    [
        ("封面.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("封面.txt", "text/plain", b"\x89PNG\r\n\x1a\n" + bytes(64)),  # content wins here too
        ("微课.mp4", "video/mp4", bytes(64)),
        ("成绩.xlsx", None, b"PK\x03\x04"),
        ("无后缀", None, b"whatever"),
    ],
)
def test_unsupported_types_give_nothing_and_no_error(name, media_type, data):
    assert extract_text(name, media_type, data) == ExtractedText("", None, False)


def test_char_budget_truncates_exactly():
    result = extract_text("课件.pdf", PDF, make_pdf(pages=3), max_chars=10)
    assert result == ExtractedText(f"第1页 {LINE}"[:10], None, True)


def test_text_exactly_at_the_char_budget_is_not_truncated():
    result = extract_text("a.txt", None, b"12345", max_chars=5)
    assert result == ExtractedText("12345", None, False)


def test_time_budget_stops_after_the_first_page_and_says_so():
    result = extract_text("课件.pdf", PDF, make_pdf(pages=3), time_budget_s=0)
    assert result == ExtractedText(f"第1页 {LINE} 第1行", None, True, timed_out=True)


def test_the_char_budget_is_not_a_timeout():
    assert not extract_text("课件.pdf", PDF, make_pdf(pages=3), max_chars=10).timed_out


def aes_256(pdf: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_an_aes_256_pdf_with_an_empty_user_password_is_read_by_both_readers():
    encrypted = aes_256(make_pdf())
    assert b"/AESV3" in encrypted
    assert extract_text("课件.pdf", PDF, encrypted).text == f"第1页 {LINE} 第1行"
    # pypdf, the fallback for pages PDFium reads as control codes, needs `cryptography` for AES.
    assert [page.strip() for page in _pypdf_chunks(encrypted)] == [f"第1页 {LINE} 第1行"]


def test_ten_page_chinese_pdf_gives_every_line():
    # Speed is the benchmark's business (scripts/bench index), not a timed assertion here.
    result = extract_text("课件.pdf", PDF, make_pdf(pages=10, lines_per_page=40))
    assert result.error is None and not result.truncated
    assert result.text.count(LINE) == 400


@pytest.mark.parametrize(
    "name, media_type, size, decision",
    [
        ("课件.pptx", PPTX, 183_402, (True, None)),
        ("课件.pdf", "application/octet-stream", 1000, (True, None)),
        ("说明.txt", None, 10, (True, None)),
        ("课件.pdf", PDF, MAX_FILE_BYTES + 1, (False, "file larger than 20 MiB, text not extracted")),
        ("封面.jpg", "image/jpeg", 10, (False, None)),
        ("微课.mp4", None, MAX_FILE_BYTES * 10, (False, None)),
    ],
)
def test_should_fetch(name, media_type, size, decision):
    assert should_fetch(name, media_type, size) == decision
