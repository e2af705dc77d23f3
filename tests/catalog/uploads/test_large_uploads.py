"""Large files straight from the client to storage: presigned parts, checked on completion, cleaned up."""

from __future__ import annotations

import hashlib
import io
import json
import os
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from catalog.stores.models import PendingUpload, ResourceVersion
from catalog.uploads.large_uploads import LargeUploads
from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack

BIG_PDF = pdf_bytes("大文件") + b"%" + os.urandom(9 * 1024 * 1024)  # two 8 MiB parts


def put_parts(started: dict, data: bytes) -> list[dict]:
    """What the browser does: PUT each part to its presigned URL and keep the ETag."""
    parts = []
    for number, url in enumerate(started["part_urls"], start=1):
        chunk = data[(number - 1) * started["part_bytes"] : number * started["part_bytes"]]
        with urllib.request.urlopen(urllib.request.Request(url, data=chunk, method="PUT"), timeout=30) as response:
            parts.append({"number": number, "etag": response.headers["ETag"]})
    return parts


def start(client, name: str, size: int, **extra):
    return client.post(
        "/api/v1/uploads/large", json={"name": name, "size": size, **extra}, headers={"X-CSRFToken": client.csrf}
    )


def complete(client, token: str, parts: list[dict]):
    return client.post(
        f"/api/v1/uploads/large/{token}/complete", json={"parts": parts}, headers={"X-CSRFToken": client.csrf}
    )


def folder_names(site, folder: str) -> set[str]:
    return site.live_names("cq", folder)


def test_a_large_file_goes_to_storage_directly_and_becomes_part_of_a_version_waiting_for_review(site):
    school = site.client("school")
    started = start(school, "公开课实录.pdf", len(BIG_PDF))
    assert started.status_code == 201
    body = started.get_json()
    assert len(body["part_urls"]) == 2
    assert all(url.startswith(site.catalog.storages["cq"].province.endpoint_url) for url in body["part_urls"])

    done = complete(school, body["token"], put_parts(body, BIG_PDF))
    assert done.status_code == 200 and done.get_json()["media_type"] == "application/pdf"
    assert site.staged_names("cq", body["folder"], body["version"]) == {"公开课实录.pdf"}
    assert folder_names(site, body["folder"]) == set()  # staged, never in a live folder

    submitted = school.post(
        "/api/v1/uploads",
        headers={"X-CSRFToken": school.csrf},
        content_type="multipart/form-data",
        data={
            "metadata": json.dumps(lesson_metadata("圆的认识 公开课"), ensure_ascii=False),
            "large": body["token"],
            "files": [(io.BytesIO(pdf_bytes()), "教学设计.pdf")],
        },
    )
    assert submitted.status_code == 201, submitted.get_json()
    assert submitted.get_json()["resource_id"] == body["folder"]
    assert site.staged_names("cq", body["folder"], 1) == {"公开课实录.pdf", "教学设计.pdf"}
    assert folder_names(site, body["folder"]) == set()
    with site.sessions() as session:
        assert session.get(PendingUpload, body["token"]).used is True

    assert site.approve(site.client("curator"), "cq", body["folder"]).status_code == 200
    assert folder_names(site, body["folder"]) == {"公开课实录.pdf", "教学设计.pdf", "resource.json"}
    document = site.catalog.document(f"cq:{body['folder']}")
    assert document["review_state"] == "published"
    large = {f["name"]: f for f in document["files"]}["公开课实录.pdf"]
    assert large["size"] == len(BIG_PDF) and large["sha256"] == hashlib.sha256(BIG_PDF).hexdigest()


def test_a_large_program_named_pdf_is_deleted_on_completion_with_the_reason(site):
    school = site.client("school")
    program = b"MZ\x90\x00" + os.urandom(1024)
    body = start(school, "课件.pdf", len(program)).get_json()
    refused = complete(school, body["token"], put_parts(body, program))
    assert refused.status_code == 400
    assert "Windows 可执行程序" in refused.get_json()["error"]["fields"]["file"][0]
    assert site.staged_names("cq", body["folder"], body["version"]) == set()


def test_a_part_of_another_size_than_declared_is_refused_by_storage_and_on_completion(site):
    school = site.client("school")
    data = pdf_bytes()
    body = start(school, "a.pdf", len(data) + 10).get_json()
    with pytest.raises(urllib.error.HTTPError) as refused_put:  # the part's URL is signed for its length
        put_parts(body, data)
    assert refused_put.value.code == 403
    refused = complete(school, body["token"], [{"number": 1, "etag": "x"}])
    assert refused.status_code == 400 and "分片" in refused.get_json()["error"]["fields"]["parts"][0]
    assert site.staged_names("cq", body["folder"], body["version"]) == set()


def test_abandoned_uploads_leave_no_resource_and_are_cleaned_up(site):
    school = site.client("school")
    finished = start(school, "没提交的.pdf", len(BIG_PDF)).get_json()
    complete(school, finished["token"], put_parts(finished, BIG_PDF))
    unfinished = start(school, "传了一半.pdf", len(BIG_PDF)).get_json()
    put_parts({**unfinished, "part_urls": unfinished["part_urls"][:1]}, BIG_PDF)

    site.catalog.sync()
    assert site.catalog.ids(resource_id=finished["folder"]) == set()  # a folder without resource.json

    uploads = LargeUploads(site.catalog.storages, site.sessions)
    assert uploads.cleanup(now=datetime.now(UTC) + timedelta(hours=1)) == 0  # not old yet
    assert uploads.cleanup(now=datetime.now(UTC) + timedelta(hours=25)) == 2
    assert site.staged_names("cq", finished["folder"], 1) == set()
    assert site.staged_names("cq", unfinished["folder"], 1) == set()
    storage = site.catalog.storages["cq"]
    in_progress = storage.client.list_multipart_uploads(
        Bucket=storage.province.bucket, Prefix=storage.staged_key(unfinished["folder"], 1, "")
    )
    assert not in_progress.get("Uploads")
    with site.sessions() as session:
        assert session.get(PendingUpload, finished["token"]) is None
    # Their drafts were never submitted: the rows go too, with anything staged for them.
    assert uploads.cleanup_drafts(now=datetime.now(UTC) + timedelta(hours=1)) == 0
    assert uploads.cleanup_drafts(now=datetime.now(UTC) + timedelta(hours=25)) == 2
    with site.sessions() as session:
        assert session.get(ResourceVersion, ("cq", finished["folder"], 1)) is None
    assert site.audit_actions("cq", finished["folder"])[-1] == "draft_abandoned"


def test_an_edit_cut_off_before_its_commit_leaves_a_draft_the_cleanup_removes(site):
    """A crash between staging and the commit: the draft row and its staged bytes, never live."""
    from catalog.curation.publication import StagedFile, stage_files
    from catalog.curation.versions import new_draft

    school = site.client("school")
    resource_id = site.upload(school).get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    with site.sessions() as session, session.begin():
        number = new_draft(
            session, site.users["school"], "cq", resource_id, site.schools["cq"].id, reuse_open=False
        ).number
    stage_files(site.catalog.storages["cq"], resource_id, number, [StagedFile("半截.pdf", "application/pdf", b"%PDF")])
    uploads = LargeUploads(site.catalog.storages, site.sessions)
    assert uploads.cleanup_drafts(now=datetime.now(UTC) + timedelta(hours=25)) == 1
    assert site.staged_names("cq", resource_id, number) == set()
    assert site.staged_names("cq", resource_id, 1) == {"分数课件.pdf"}  # the approved version's history stays
    assert site.live_names("cq", resource_id) == {"分数课件.pdf", "resource.json"}


def test_only_a_school_may_upload_large_files_and_only_its_own_are_completed(site):
    assert start(site.client("teacher"), "a.pdf", 10).status_code == 403
    body = start(site.client("school"), "a.pdf", 10).get_json()
    other = site.client("other_school")
    assert complete(other, body["token"], [{"number": 1, "etag": "x"}]).status_code == 400


def test_a_start_in_another_schools_or_a_submitted_folder_is_refused(site):
    school, other = site.client("school"), site.client("other_school")
    resource_id = site.upload(school).get_json()["resource_id"]
    refused = start(other, "换掉.pdf", 10, folder=resource_id)
    assert refused.status_code == 400 and "folder" in refused.get_json()["error"]["fields"]
    # The school's own resource: the file joins a new draft version, never version 1 or the live folder.
    own = start(school, "新增.pdf", 10, folder=resource_id).get_json()
    assert own["folder"] == resource_id and own["version"] == 2
    assert start(other, "x.pdf", 10, folder="up-20990101-deadbeef").status_code == 400


def test_a_file_cannot_join_a_version_once_it_is_submitted(site):
    school = site.client("school")
    first = start(school, "课堂实录.pdf", len(BIG_PDF)).get_json()
    complete(school, first["token"], put_parts(first, BIG_PDF))
    late = start(school, "迟到的.pdf", len(BIG_PDF), folder=first["folder"]).get_json()
    late_parts = put_parts(late, BIG_PDF)
    submitted = school.post(
        "/api/v1/uploads",
        headers={"X-CSRFToken": school.csrf},
        content_type="multipart/form-data",
        data={"metadata": json.dumps(lesson_metadata("课堂实录"), ensure_ascii=False), "large": first["token"]},
    )
    assert submitted.status_code == 201, submitted.get_json()
    refused = complete(school, late["token"], late_parts)
    assert refused.status_code == 400
    assert site.staged_names("cq", first["folder"], 1) == {"课堂实录.pdf"}
