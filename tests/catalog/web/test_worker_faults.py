"""A gunicorn worker killed while schools upload: every upload that was accepted (201) is staged
and waits for review; the others failed visibly. The app runs under gunicorn, as deployed."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest
import requests

from catalog.stores.models import ResourceDecision
from tests.curation_fixtures import lesson_metadata, pdf_bytes
from tests.security import gunicorn_site

pytestmark = [pytest.mark.stack, pytest.mark.faults]
UPLOADS = 24


@pytest.fixture
def served_by_gunicorn(site, tmp_path):
    with gunicorn_site.served_by_gunicorn(site, tmp_path, workers=2) as served:
        yield served


def test_a_killed_worker_loses_no_accepted_upload(site, served_by_gunicorn):
    base, master = served_by_gunicorn
    session = gunicorn_site.signed_in(base, site.users["school"].email)
    body = pdf_bytes("课件")
    outcomes: list[tuple[int, object]] = []
    lock = threading.Lock()

    def upload(number: int) -> None:
        try:
            response = session.post(
                base + "/api/v1/uploads",
                timeout=60,
                files={"files": ("课件.pdf", body)},
                data={"metadata": json.dumps(lesson_metadata(f"工作进程测试 {number}"), ensure_ascii=False)},
            )
            result = (response.status_code, response.json() if response.status_code == 201 else response.text)
        except requests.RequestException as exc:
            result = (0, exc)
        with lock:
            outcomes.append((number, result))

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(UPLOADS)]
    for thread in threads[: UPLOADS // 2]:
        thread.start()
    time.sleep(0.3)
    victims = gunicorn_site.workers_of(master)
    assert len(victims) == 2
    os.kill(victims[0], signal.SIGKILL)  # mid-flight: some requests die with it
    for thread in threads[UPLOADS // 2 :]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    accepted = [result[1] for _, result in outcomes if result[0] == 201]
    refused = [result for _, result in outcomes if result[0] not in (0, 201)]
    assert len(outcomes) == UPLOADS and not refused
    assert len(accepted) >= UPLOADS // 2  # the respawned worker and the other one kept serving
    for upload_result in accepted:
        resource_id = upload_result["resource_id"]
        assert site.staged_names("cq", resource_id, 1) == {"课件.pdf"}, resource_id
        with site.sessions() as db:
            assert db.get(ResourceDecision, ("cq", resource_id)).review_state == "pending"
        assert site.waiting("cq", resource_id) == 1
    assert len(gunicorn_site.workers_of(master)) == 2  # gunicorn replaced the killed worker
