"""A school never changes what teachers see without a curator: each finding of the review, over HTTP.

Every write a school makes becomes a version staged outside the live folders; only a curator's
approval of that version copies it live.
"""

from __future__ import annotations

import json
import os

import pytest
import requests

from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack

BIG = pdf_bytes("课堂实录") + b"%" + os.urandom(9 * 1024 * 1024)  # two parts


def start(client, name: str, size: int, **extra):
    return client.write("POST", "/api/v1/uploads/large", json={"name": name, "size": size, **extra})


def put_parts(started: dict, data: bytes) -> list[dict]:
    """What a browser does: PUT each part to its presigned URL."""
    parts = []
    for number, url in enumerate(started["part_urls"], start=1):
        chunk = data[(number - 1) * started["part_bytes"] : number * started["part_bytes"]]
        response = requests.put(url, data=chunk, timeout=60)
        assert response.status_code == 200, response.text
        parts.append({"number": number, "etag": response.headers["ETag"]})
    return parts


def complete(client, token: str, parts: list[dict]):
    return client.write("POST", f"/api/v1/uploads/large/{token}/complete", json={"parts": parts})


def submit(live_site, client, title: str, tokens: list[str]):
    return client.write(
        "POST",
        "/api/v1/uploads",
        data={"metadata": json.dumps(lesson_metadata(title), ensure_ascii=False), "large": tokens},
    )


def approve(live_site, submitted) -> str:
    """A curator approves the version a submission created; the resource's id."""
    body = submitted.json()
    decision = {"action": "approve", "version": live_site.site.version("cq", body["resource_id"])}
    if body.get("resource_version"):
        decision["resource_version"] = body["resource_version"]
    curator = live_site.client("curator")
    response = curator.write("POST", f"/api/v1/curation/cq/{body['resource_id']}", json=decision)
    assert response.status_code == 200, response.text
    return body["resource_id"]


def teacher_sees(live_site, resource_id: str) -> dict | None:
    response = requests.get(f"{live_site.root}/api/v1/resources/cq/{resource_id}", timeout=30)
    return response.json()["resource"] if response.status_code == 200 else None


def teacher_downloads(live_site, resource_id: str, name: str) -> bytes | None:
    response = requests.get(f"{live_site.root}/resources/cq/{resource_id}/files/{name}", timeout=60)
    return response.content if response.status_code == 200 else None


def test_a_second_token_of_a_folder_cannot_publish_past_the_curator(live_site):
    """Finding 1: two large uploads in one folder, the first submitted and approved; submitting the
    second with new metadata published at once ("上传 已发布 → 已发布")."""
    school = live_site.client("school")
    first = start(school, "实录.pdf", len(BIG)).json()
    second = start(school, "替身.pdf", len(BIG), folder=first["folder"]).json()
    assert complete(school, first["token"], put_parts(first, BIG)).status_code == 200
    assert complete(school, second["token"], put_parts(second, BIG)).status_code == 200
    created = submit(live_site, school, "圆的认识（审核过的）", [first["token"]])
    assert created.status_code == 201, created.text
    resource_id = approve(live_site, created)

    again = submit(live_site, school, "圆的认识（没审核过的）", [second["token"]])
    assert again.status_code == 400, again.text
    assert again.json().get("review_state") != "published"
    assert teacher_sees(live_site, resource_id)["title"] == "圆的认识（审核过的）"
    assert teacher_downloads(live_site, resource_id, "替身.pdf") is None


def test_a_file_of_a_published_resource_is_never_replaced_in_place(live_site):
    """Finding 2: with an unused token left in a published folder, a school uploaded under an existing
    file's name and teachers downloaded the new bytes at once; completing was not audited."""
    school = live_site.client("school")
    first = start(school, "实录.pdf", len(BIG)).json()
    start(school, "备用.pdf", 10, folder=first["folder"])  # started, never used
    complete(school, first["token"], put_parts(first, BIG))
    resource_id = approve(live_site, submit(live_site, school, "植树问题（课堂实录）", [first["token"]]))
    assert teacher_downloads(live_site, resource_id, "实录.pdf") == BIG

    forged = pdf_bytes("偷换的内容") + b"%" + os.urandom(9 * 1024 * 1024)
    again = start(school, "实录.pdf", len(forged), folder=resource_id)
    if again.status_code == 201:  # allowed only as a file of a new draft version
        body = again.json()
        assert complete(school, body["token"], put_parts(body, forged)).status_code == 200
    assert teacher_downloads(live_site, resource_id, "实录.pdf") == BIG
    actions = live_site.site.audit_actions("cq", resource_id)
    assert actions.count("large_upload_complete") == (2 if again.status_code == 201 else 1)


def test_a_part_larger_than_declared_is_refused_and_nothing_stays(live_site):
    """Finding 7: an upload declared as 12 bytes accepted a 30 MiB part on its presigned URL."""
    school = live_site.client("school")
    started = start(school, "小文件.pdf", 12).json()
    refused = requests.put(started["part_urls"][0], data=b"0" * (30 * 1024 * 1024), timeout=60)
    assert refused.status_code == 403
    completed = complete(school, started["token"], [{"number": 1, "etag": '"x"'}])
    assert completed.status_code == 400 and "parts" in completed.json()["error"]["fields"]
    storage = live_site.catalog.storages["cq"]
    in_progress = storage.client.list_multipart_uploads(
        Bucket=storage.province.bucket, Prefix=storage.staged_key(started["folder"], 1, "")
    )
    assert not in_progress.get("Uploads")


def test_an_edit_keeps_the_approved_version_online_and_can_replace_a_file(live_site):
    """Finding 9: editing took a published resource offline (404 for teachers) until approved
    again, and files could not be replaced in an edit."""
    school = live_site.client("school")
    old_bytes = pdf_bytes("第一版")
    resource_id = approve(live_site, live_site.upload(school, files={"课件.pdf": old_bytes}))
    new_bytes = pdf_bytes("第二版")
    edited = school.write(
        "PUT",
        f"/api/v1/uploads/cq/{resource_id}",
        data={
            "metadata": json.dumps(lesson_metadata("分数（第二版）"), ensure_ascii=False),
            "version": str(live_site.site.version("cq", resource_id)),
        },
        files=[("files", ("课件.pdf", new_bytes))],
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["resource_version"] == 2

    assert teacher_sees(live_site, resource_id)["title"] == "分数的初步认识（校本课例）"
    assert teacher_downloads(live_site, resource_id, "课件.pdf") == old_bytes
    approve(live_site, edited)
    assert teacher_sees(live_site, resource_id)["title"] == "分数（第二版）"
    assert teacher_downloads(live_site, resource_id, "课件.pdf") == new_bytes
