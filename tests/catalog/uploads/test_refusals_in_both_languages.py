"""A refused upload says why in the reader's language: the Chinese page in Chinese, the English one in
English, and the API as its Accept-Language asks."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _bad_form(client) -> dict:
    return {
        "csrf_token": client.csrf,
        "type": "lesson",
        "title": "长" * 201,
        "stages": ["大学"],
        "files": [(io.BytesIO("只是几行文字".encode()), "教案.pdf")],
    }


def _field_errors(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", error) for error in re.findall(r'<p class="field-error"[^>]*>(.*?)</p>', page)]


def test_the_chinese_upload_page_says_what_is_wrong_in_chinese(site):
    school = site.client("school")
    response = school.post("/school/upload", data=_bad_form(school), content_type="multipart/form-data")
    assert response.status_code == 400
    errors = " ".join(_field_errors(response.get_data(as_text=True)))
    assert "应为 1 到 200 个字（不计首尾空格）" in errors  # the format's own check (marshmallow)
    assert "「大学」不是可选的学段" in errors  # the vocabularies
    assert "教案.pdf: 名称是 .pdf，但内容是 纯文本" in errors  # the file check
    assert "must" not in errors and "required" not in errors


def test_the_english_upload_page_says_the_same_in_english(site):
    school = site.client("school")
    school.set_cookie("lang", "en")
    response = school.post("/school/upload", data=_bad_form(school), content_type="multipart/form-data")
    assert response.status_code == 400
    errors = _field_errors(response.get_data(as_text=True))
    joined = " ".join(errors)
    assert "must be 1 to 200 characters (after trimming spaces)" in joined
    assert "“大学” is not one of the choices for Stage" in joined
    assert "教案.pdf: the name ends in .pdf but the content is a plain text" in joined
    # What is left in Chinese is what the school typed or must type (a value, a file name), never our words.
    assert [e for e in errors if CHINESE.search(re.sub(r"“[^”]*”|教案\.pdf|学前、小学、初中、高中、中职", "", e))] == []


def _api_upload(client, metadata: dict, language: str):
    data = {
        "metadata": json.dumps(metadata, ensure_ascii=False),
        "files": [(io.BytesIO(pdf_bytes()), "课件.pdf")],
    }
    return client.post(
        "/api/v1/uploads",
        data=data,
        headers={"X-CSRFToken": client.csrf, "Accept-Language": language},
        content_type="multipart/form-data",
    )


def test_the_api_answers_in_the_language_the_request_accepts(site):
    school = site.client("school")
    metadata = lesson_metadata(title="", grades=["初二"])
    english = _api_upload(school, metadata, "en-GB,en;q=0.9").get_json()["error"]
    assert english["fields"]["title"] == ["required"]
    assert english["fields"]["grades"] == ["“初二”: please use “八年级” instead"]
    assert english["message"].startswith("nothing was stored: ")

    chinese = _api_upload(school, metadata, "zh-CN").get_json()["error"]
    assert chinese["fields"]["title"] == ["必填"]
    assert chinese["fields"]["grades"] == ["「初二」请改为「八年级」"]
    assert chinese["message"].startswith("什么也没有保存：")

    refused = site.client().post(
        "/api/v1/uploads", data={}, headers={"X-CSRFToken": school.csrf, "Accept-Language": "en"}
    )
    assert refused.status_code in (400, 401, 403)
    assert not CHINESE.search(refused.get_json()["error"]["message"]), refused.get_json()


def test_a_refused_bulk_archive_says_why_in_the_requests_language(site):
    school = site.client("school")

    def bulk(language: str, archive: bytes) -> dict:
        return school.post(
            "/api/v1/uploads/bulk",
            data={"archive": (io.BytesIO(archive), "feed.zip")},
            headers={"X-CSRFToken": school.csrf, "Accept-Language": language},
            content_type="multipart/form-data",
        ).get_json()["error"]

    assert bulk("en", b"not a zip")["fields"]["archive"] == ["not a ZIP archive, or the archive is damaged"]
    assert bulk("zh-CN", b"not a zip")["fields"]["archive"] == ["不是 ZIP 压缩包，或压缩包已损坏"]
