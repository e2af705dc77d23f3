"""How a stored file is served: only a short list of kinds inline, each with the catalog's own type."""

from __future__ import annotations

import pytest

from catalog.resources.file_types import ServedAs, served_as
from catalog.web.page_format import previewable


@pytest.mark.parametrize(
    ("name", "media_type", "content_type"),
    [
        ("教案.pdf", "application/pdf", "application/pdf"),
        ("cover.jpg", "image/jpeg", "image/jpeg"),
        ("cover.jpg", "image/jpg", "image/jpeg"),
        ("map.PNG", "IMAGE/PNG", "image/png"),
        ("a.gif", "image/gif", "image/gif"),
        ("a.webp", "image/webp", "image/webp"),
        ("song.mp3", "audio/mpeg", "audio/mpeg"),
        ("song.mp3", "audio/mp3", "audio/mpeg"),
        ("a.ogg", "audio/ogg", "audio/ogg"),
        ("a.wav", "audio/x-wav", "audio/wav"),
        ("课堂实录.mp4", "video/mp4", "video/mp4"),
        ("a.webm", "video/webm", "video/webm"),
        ("说明.txt", "text/plain; charset=gbk", "text/plain; charset=utf-8"),
        ("说明.txt", None, "text/plain; charset=utf-8"),  # no type given: the extension decides
    ],
)
def test_previewable_kinds_are_shown_inline_with_a_type_from_the_list(name, media_type, content_type):
    assert served_as(name, media_type) == ServedAs(True, content_type)


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("x.html", "text/html"),
        ("x.htm", "text/html; charset=utf-8"),
        ("y.svg", "image/svg+xml"),
        ("z.xml", "application/xml"),
        ("z.xhtml", "application/xhtml+xml"),
        ("app.js", "text/javascript"),
        ("a.pdf", 'application/pdf"; x="text/html'),  # no such type: a string built to trick a header
        ("课件.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("a.bin", "application/x-unknown"),
        ("x.html", None),
        ("pdf", None),  # a name without an extension
        ("", ""),
    ],
)
def test_everything_else_is_bytes_to_save(name, media_type):
    assert served_as(name, media_type) == ServedAs(False, "application/octet-stream")


def test_the_pages_offer_a_preview_only_for_what_is_served_inline():
    assert previewable({"name": "a.png", "media_type": "image/png"})
    assert not previewable({"name": "y.svg", "media_type": "image/svg+xml"})
    assert not previewable({"name": "x.html", "media_type": "text/html"})
    assert not previewable({"name": "a.png", "media_type": "image/png", "text_error": "not a PNG"})
