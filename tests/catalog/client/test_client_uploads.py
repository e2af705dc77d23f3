"""The acceptance of issue 19: ``catalog-client`` (the installed console script, in its own process) uploads
sample-corpus lessons from a folder over HTTP with an API token; the good ones wait for review in the
school's province storage, the bad one is reported with its field and leaves nothing; a rerun skips what was
uploaded; large files go through the resumable direct-to-storage upload."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog.api_tokens.service import create_token
from catalog.stores.models import AuditEntry, PendingUpload, ResourceVersion
from sample_corpus.generator import generate_corpus
from sample_corpus.writer import FolderStorage, write_resource

CLIENT = shutil.which("catalog-client", path=str(Path(sys.executable).parent))
LESSONS = 5
BAD_TITLE = "标题超长的坏资源" * 30  # 240 characters: over the 200 the format allows


def sample_lessons(count: int) -> list:
    """Lessons of the sample corpus as a feed would send them (left-alone values, no deliberate mess)."""
    chosen = []
    for resource in generate_corpus(80, seed=11):
        document = json.loads(resource.resource_json)
        if document.get("type") == "lesson" and not resource.mess:
            chosen.append(resource)
        if len(chosen) == count:
            return chosen
    raise AssertionError("the sample corpus has too few lessons")


def write_bad_resource(root: Path, good_folder: Path) -> None:
    bad = root / "zz-bad-lesson"
    shutil.copytree(good_folder, bad)
    document = json.loads((bad / "resource.json").read_text(encoding="utf-8"))
    document.update(id="zz-bad-lesson", title=BAD_TITLE)
    (bad / "resource.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def run_client(live_site, token: str, folder: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CLIENT, "catalog-client is not installed (pip install -e .)"
    environ = {**os.environ, "CATALOG_API_TOKEN": token}
    return subprocess.run(
        [CLIENT, "upload", str(folder), "--url", live_site.root, *extra],
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


def stored_keys(site, province: str) -> set[str]:
    storage = site.catalog.storages[province]
    pages = storage.client.get_paginator("list_objects_v2").paginate(
        Bucket=storage.province.bucket, Prefix=storage.province.prefix
    )
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


def versions(site) -> list[ResourceVersion]:
    """The versions sent for review (drafts, whose large files are still arriving, are nobody's to see)."""
    with site.sessions() as session:
        query = select(ResourceVersion).where(ResourceVersion.state != "draft").order_by(ResourceVersion.title)
        return list(session.scalars(query))


def test_a_token_client_uploads_sample_lessons_reports_the_bad_one_and_leaves_nothing_of_it(live_site, tmp_path):
    site = live_site.site
    lessons = sample_lessons(LESSONS)
    folder = tmp_path / "district-feed"
    for lesson in lessons:
        write_resource(lesson, FolderStorage(folder))
    write_bad_resource(folder, folder / lessons[0].resource_id)
    token = create_token(site.sessions, site.users["school"], "区县夜间同步", ["upload"]).token

    run = run_client(live_site, token, folder)
    print(run.stdout)
    assert run.returncode == 1, run.stdout + run.stderr  # something was refused
    assert f"{LESSONS} uploaded, 0 skipped (uploaded before), 1 refused" in run.stdout
    assert "zz-bad-lesson" in run.stdout and "title:" in run.stdout.split("refused   zz-bad-lesson")[1]
    for number in range(1, LESSONS + 2):
        assert f"[{number}/{LESSONS + 1}]" in run.stdout  # a progress line per resource

    stored = versions(site)
    titles = sorted(json.loads(lesson.resource_json)["title"] for lesson in lessons)
    assert sorted(v.title for v in stored) == titles
    assert {(v.province, v.state, v.school_id) for v in stored} == {("cq", "submitted", site.schools["cq"].id)}
    for version in stored:
        assert site.staged_names("cq", version.resource_id, version.number)  # its files, waiting for review
        assert site.live_names("cq", version.resource_id) == set()  # nothing published before review
    assert stored_keys(site, "cq") == {
        site.catalog.storages["cq"].staged_key(v.resource_id, v.number, name)
        for v in stored
        for name in site.staged_names("cq", v.resource_id, v.number)
    }  # nothing of the bad one, anywhere in the province's storage
    assert stored_keys(site, "sc") == set()
    with site.sessions() as session:
        assert not session.scalars(select(PendingUpload)).all()
        uses = session.scalars(select(AuditEntry.after).where(AuditEntry.action == "api_token_use")).all()
    assert sorted(u["status"] for u in uses) == [201] * LESSONS + [400]  # every request audited, naming the token
    assert {u["token_name"] for u in uses} == {"区县夜间同步"}

    again = run_client(live_site, token, folder)
    assert f"0 uploaded, {LESSONS} skipped (uploaded before), 1 refused" in again.stdout, again.stdout
    assert len(versions(site)) == LESSONS  # the rerun created nothing twice


def test_large_files_go_straight_to_storage_and_a_bad_token_stops_the_run(live_site, tmp_path):
    site = live_site.site
    lesson = sample_lessons(1)[0]
    folder = tmp_path / "one-lesson"
    write_resource(lesson, FolderStorage(folder))
    token = create_token(site.sessions, site.users["school"], "大文件", ["upload"]).token

    refused = run_client(live_site, token[:-4] + "AAAA", folder / lesson.resource_id)
    assert refused.returncode == 2 and "token" in refused.stderr
    assert versions(site) == []

    run = run_client(live_site, token, folder / lesson.resource_id, "--large-from-mb", "0.001")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "part 1/1" in run.stdout and "1 uploaded" in run.stdout
    (version,) = versions(site)
    names = {f["name"] for f in json.loads(lesson.resource_json)["files"]}
    large = {f["name"] for f in version.document["files"]}
    assert large == names  # every file arrived, the large ones through the direct upload
    assert site.staged_names("cq", version.resource_id, version.number) == names
    state = json.loads((folder / lesson.resource_id / ".catalog-client-state.json").read_text(encoding="utf-8"))
    assert state["sources"][lesson.resource_id] == {"uploaded": {"province": "cq", "resource_id": version.resource_id}}


def test_without_a_token_the_client_says_what_to_set(tmp_path):
    run = subprocess.run(
        [CLIENT, "upload", str(tmp_path), "--url", "http://127.0.0.1:9"],
        env={k: v for k, v in os.environ.items() if k != "CATALOG_API_TOKEN"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "CATALOG_API_TOKEN" in run.stderr


@pytest.mark.parametrize("module", ["catalog.client.cli"])
def test_the_client_loads_neither_flask_nor_the_web_app(module):
    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'werkzeug') or m.startswith('catalog.web')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert loaded.stdout.strip() == "[]"


def test_a_rerun_after_an_interruption_continues_a_started_large_file_without_resending_its_parts(live_site, tmp_path):
    import hashlib

    from tests.curation_fixtures import lesson_metadata, pdf_bytes

    site = live_site.site
    big = b"%PDF-1.4\n" + os.urandom(16 * 1024 * 1024 + 100)  # three parts of 8 MiB at most
    folder = tmp_path / "big-lesson"
    folder.mkdir()
    document = {
        "schema": "edu-resource/1",
        "id": "big-lesson",
        **lesson_metadata("公开课实录（大文件）"),
        "files": [{"name": "实录.pdf", "role": "main"}, {"name": "教案.pdf", "role": "attachment"}],
    }
    (folder / "resource.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (folder / "实录.pdf").write_bytes(big)
    (folder / "教案.pdf").write_bytes(pdf_bytes())
    token = create_token(site.sessions, site.users["school"], "大文件续传", ["upload"]).token
    environ = {**os.environ, "CATALOG_API_TOKEN": token}

    interrupted = subprocess.Popen(
        [CLIENT, "upload", str(folder), "--url", live_site.root, "--large-from-mb", "1"],
        env=environ,
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in interrupted.stdout:
        if "part 1/3" in line:
            interrupted.kill()  # as a power cut would
            break
    interrupted.wait(timeout=60)
    assert versions(site) == []

    rerun = run_client(live_site, token, folder, "--large-from-mb", "1")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "part 1/3" not in rerun.stdout and "starting the large files again" not in rerun.stdout
    assert "1 uploaded" in rerun.stdout
    (version,) = versions(site)
    files = {f["name"]: f for f in version.document["files"]}
    assert files["实录.pdf"]["sha256"] == hashlib.sha256(big).hexdigest()  # the parts joined into the same bytes
    assert files["实录.pdf"]["size"] == len(big)
    assert site.staged_names("cq", version.resource_id, version.number) == {"实录.pdf", "教案.pdf"}


def test_a_manifest_with_files_is_one_bulk_upload_whose_bad_rows_are_named(live_site, tmp_path):
    from tests.curation_fixtures import pdf_bytes

    site = live_site.site
    folder = tmp_path / "manifest-feed"
    folder.mkdir()
    (folder / "manifest.csv").write_text(
        "type,title,subjects,stages,grades,files\n"
        "lesson,认识钟表,数学,小学,一年级,a.pdf\n"
        "lesson,,数学,小学,一年级,b.pdf\n",
        encoding="utf-8",
    )
    (folder / "a.pdf").write_bytes(pdf_bytes("认识钟表"))
    (folder / "b.pdf").write_bytes(pdf_bytes("无题"))
    token = create_token(site.sessions, site.users["school"], "清单", ["upload"]).token

    run = run_client(live_site, token, folder)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 uploaded, 0 skipped (uploaded before), 1 refused" in run.stdout
    assert "row 3" in run.stdout.split("refused   ")[1] and "title:" in run.stdout.split("refused   ")[1]
    assert [v.title for v in versions(site)] == ["认识钟表"]
    again = run_client(live_site, token, folder)
    assert "1 skipped" in again.stdout and [v.title for v in versions(site)] == ["认识钟表"]
