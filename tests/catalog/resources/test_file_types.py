import io
import zipfile

import docx
import pptx
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from catalog.resources.file_types import (
    ALLOWED_TYPES,
    DOCX,
    PDF,
    PPTX,
    XLSX,
    UploadFileRejected,
    check_file,
    describe_forbidden,
    detect_media_type,
    safe_file_name,
)

MAX_BYTES = 10 * 1024 * 1024


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "fractions")
    page.save()
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("分数的初步认识")
    document.save(out)
    return out.getvalue()


def pptx_bytes() -> bytes:
    out = io.BytesIO()
    pptx.Presentation().save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def image_bytes(format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format=format)
    return out.getvalue()


MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 32
MP3_ID3_HEAD = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32
MP3_FRAME_HEAD = b"\xff\xfb\x90\x64" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100

SAMPLES = {
    "pdf": (pdf_bytes, "教案.pdf", PDF),
    "docx": (docx_bytes, "教案.docx", DOCX),
    "pptx": (pptx_bytes, "课件.PPTX", PPTX),
    "xlsx": (xlsx_bytes, "成绩.xlsx", XLSX),
    "jpeg": (lambda: image_bytes("JPEG"), "照片.jpg", "image/jpeg"),
    "png": (lambda: image_bytes("PNG"), "图.png", "image/png"),
    "gif": (lambda: image_bytes("GIF"), "动图.gif", "image/gif"),
    "webp": (lambda: image_bytes("WEBP"), "图.webp", "image/webp"),
    "mp4": (lambda: MP4_HEAD, "视频.mp4", "video/mp4"),
    "mp3 id3": (lambda: MP3_ID3_HEAD, "朗读.mp3", "audio/mpeg"),
    "mp3 frame": (lambda: MP3_FRAME_HEAD, "朗读.mp3", "audio/mpeg"),
    "text": (lambda: "第一课\t分数\r\n\f第二课\n".encode(), "说明.txt", "text/plain"),
    "text with bom": (lambda: "\ufeff说明".encode(), "说明.txt", "text/plain"),
}


def reason_for(name: str, content: bytes, size: int | None = None, max_bytes: int = MAX_BYTES) -> str:
    with pytest.raises(UploadFileRejected) as caught:
        check_file(name, content, len(content) if size is None else size, max_bytes)
    assert caught.value.field == name
    return caught.value.reason


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=list(SAMPLES))
def test_each_allowed_type_is_detected_and_accepted(sample):
    make, name, media_type = sample
    content = make()
    assert detect_media_type(content) == media_type
    assert check_file(name, content, len(content), MAX_BYTES) == (name, media_type)


def test_every_sample_media_type_is_on_the_allow_list():
    assert {media_type for _, _, media_type in SAMPLES.values()} == {t.media_type for t in ALLOWED_TYPES}


def test_office_type_is_found_in_the_first_bytes_of_a_large_archive():
    head = docx_bytes()[:4096]
    assert detect_media_type(head) == DOCX


def test_a_windows_program_named_pdf_is_refused():
    reason = reason_for("lesson.pdf", EXE)
    assert "MZ" in reason and "Windows" in reason
    assert reason.startswith("内容不是允许的文件类型")


def test_a_png_named_pdf_is_refused_naming_the_mismatch():
    assert reason_for("lesson.pdf", image_bytes("PNG")) == "名称是 .pdf，但内容是 PNG 图片"


def test_a_plain_zip_named_docx_is_refused():
    reason = reason_for("教案.docx", zip_bytes({"a.txt": b"hello"}))
    assert "ZIP" in reason
    assert describe_forbidden(zip_bytes({"a.txt": b"hello"})) == "不是 Word/PowerPoint/Excel 文档的 ZIP 压缩包"


def test_an_elf_program_named_txt_is_refused():
    assert "ELF" in reason_for("notes.txt", ELF)


def test_a_shell_script_named_txt_is_refused_as_a_script():
    script = b"#!/bin/sh\nrm -rf /\n"
    assert detect_media_type(script) is None
    assert "脚本" in reason_for("run.txt", script)


def test_text_with_control_characters_or_gbk_is_not_text():
    assert detect_media_type(b"hello\x00world") is None
    assert detect_media_type(b"\x1b[31mred") is None
    gbk = "第一课 分数".encode("gbk")
    assert detect_media_type(gbk) is None
    assert "UTF-8" in reason_for("说明.txt", gbk)


def test_text_cut_inside_a_character_is_still_text():
    assert detect_media_type("分数".encode()[:4]) == "text/plain"


def test_unknown_content_is_described_as_unknown():
    assert describe_forbidden(b"\x00\x01\x02\x03") == "未知类型"


def test_an_oversized_file_is_refused():
    assert reason_for("教案.pdf", pdf_bytes(), size=MAX_BYTES + 1) == "文件超过 10 MB 上限"
    assert reason_for("教案.pdf", pdf_bytes(), size=2 * 1024 * 1024, max_bytes=1536 * 1024) == "文件超过 1.5 MB 上限"


def test_an_empty_file_is_refused():
    assert reason_for("教案.pdf", b"") == "文件是空的"


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\课件.pptx", "课件.pptx"),
        ("  .hidden.pdf ", "hidden.pdf"),
        ("ＡＢＣ.pdf", "ABC.pdf"),
        ("a<b>c?.pdf", "abc.pdf"),
        ("第一课\t\t 分数（人教版）.docx", "第一课 分数(人教版).docx"),
        ("photo\u202egpj.exe", "photogpj.exe"),
    ],
)
def test_safe_file_name(name, safe):
    assert safe_file_name(name) == safe


def test_a_long_name_is_cut_keeping_its_extension():
    safe = safe_file_name("分" * 300 + ".pdf")
    assert len(safe) <= 120 and safe.endswith(".pdf")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("resource.json", "resource.json 是资源描述文件的保留名称"),
        ("Resource.JSON", "resource.json 是资源描述文件的保留名称"),
        ("noext", "文件名缺少扩展名（如 .pdf）"),
        ("", "文件名不能为空"),
        ("../..", "文件名不能为空"),
        ("<>?*", "文件名不能为空"),
    ],
)
def test_bad_names_are_refused(name, reason):
    with pytest.raises(UploadFileRejected) as caught:
        safe_file_name(name)
    assert caught.value.reason == reason
