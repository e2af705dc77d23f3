"""A stateful property test of publication: whatever schools and curators do, in any order, what an
anonymous teacher can see and download is exactly the last approved version of each resource, or nothing.

Schools upload, edit (files replaced, added, removed), send large files, upload ZIPs, withdraw and try
to slip bytes into a published folder; curators approve and reject, sometimes two at once.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
import requests
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.curation_fixtures import lesson_metadata

pytestmark = pytest.mark.stack

TITLES = st.sampled_from(["分数的初步认识", "植树问题", "鸡兔同笼", "圆的面积", "认识钟表", "位置与方向"])
NAMES = st.sampled_from(["课件.txt", "学案.txt", "习题.txt"])


def text_file(seed: int) -> bytes:
    return f"第 {seed} 份内容\n".encode()


class Publication(RuleBasedStateMachine):
    site = None  # set by the test

    @initialize()
    def begin(self):
        self.school = self.site.client("school")
        self.curators = (self.site.client("curator"), self.site.client("admin"))
        self.approved: dict[str, tuple[str, dict[str, bytes]] | None] = {}  # what teachers must see
        self.sent: dict[str, tuple[str, dict[str, bytes]]] = {}  # the school's newest version
        self.waiting: dict[str, int] = {}  # resource → its version waiting for review
        self.withdrawn: set[str] = set()
        self.counter = 0

    # --- helpers -----------------------------------------------------------------------------

    def _fresh(self) -> bytes:
        self.counter += 1
        return text_file(self.counter)

    def _submitted(self, response, title: str, files: dict[str, bytes]) -> None:
        assert response.status_code in (200, 201), response.get_data(as_text=True)
        body = response.get_json()
        self.sent[body["resource_id"]] = (title, files)
        self.waiting[body["resource_id"]] = body["resource_version"]
        self.approved.setdefault(body["resource_id"], None)

    def _open(self) -> list[str]:
        # In the order the steps made them: ids are random, so sorting them would make replays differ.
        return [resource_id for resource_id in self.sent if resource_id not in self.withdrawn]

    def _large(self, name: str, data: bytes, folder: str | None = None) -> str | None:
        """A large upload, started and completed; None when the draft has a file of that name already."""
        body = {"name": name, "size": len(data), **({"folder": folder} if folder else {})}
        started = self.school.post("/api/v1/uploads/large", json=body, headers={"X-CSRFToken": self.school.csrf})
        if started.status_code == 400 and "name" in started.get_json()["error"]["fields"]:
            return None
        assert started.status_code == 201, started.get_data(as_text=True)
        started = started.get_json()
        etag = requests.put(started["part_urls"][0], data=data, timeout=30).headers["ETag"]
        done = self.school.post(
            f"/api/v1/uploads/large/{started['token']}/complete",
            json={"parts": [{"number": 1, "etag": etag}]},
            headers={"X-CSRFToken": self.school.csrf},
        )
        assert done.status_code == 200, done.get_data(as_text=True)
        return started["token"]

    # --- schools --------------------------------------------------------------------------------

    @rule(title=TITLES, names=st.sets(NAMES, min_size=1, max_size=2))
    def upload(self, title, names):
        files = {name: self._fresh() for name in sorted(names)}
        self._submitted(self.site.upload(self.school, lesson_metadata(title), files), title, files)

    @rule(title=TITLES, name=NAMES)
    def upload_with_a_large_file(self, title, name):
        data = self._fresh()
        token = self._large(name, data)
        response = self.school.post(
            "/api/v1/uploads",
            headers={"X-CSRFToken": self.school.csrf},
            content_type="multipart/form-data",
            data={"metadata": json.dumps(lesson_metadata(title), ensure_ascii=False), "large": token},
        )
        self._submitted(response, title, {name: data})

    @rule(title=TITLES)
    def bulk(self, title):
        data = self._fresh()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(
                "manifest.json",
                json.dumps(
                    [{"type": "lesson", "title": title, "subjects": "数学", "files": ["批量.txt"]}], ensure_ascii=False
                ),
            )
            archive.writestr("批量.txt", data)
        response = self.school.post(
            "/api/v1/uploads/bulk",
            headers={"X-CSRFToken": self.school.csrf},
            content_type="multipart/form-data",
            data={"archive": (io.BytesIO(out.getvalue()), "batch.zip")},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        resource_id = response.get_json()["created"][0]["resource_id"]
        self.sent[resource_id] = (title, {"批量.txt": data})
        self.waiting[resource_id] = 1
        self.approved[resource_id] = None

    @precondition(lambda self: self._open())
    @rule(data=st.data(), title=TITLES, name=NAMES, how=st.sampled_from(["form", "large", "remove"]))
    def edit(self, data, title, name, how):
        resource_id = data.draw(st.sampled_from(self._open()))
        _, base = self.sent[resource_id]
        files = dict(base)
        request = {
            "metadata": json.dumps(lesson_metadata(title), ensure_ascii=False),
            "version": str(self.site.version("cq", resource_id)),
        }
        if how == "remove" and len(files) > 1:
            removed = sorted(files)[0]
            request["remove_files"] = removed
            del files[removed]
        elif how == "large" and (token := self._large(name, self._fresh(), folder=resource_id)):
            files[name] = text_file(self.counter)
            request["large"] = token
        else:
            files[name] = self._fresh()
            request["files"] = [(io.BytesIO(files[name]), name)]
        response = self.school.put(
            f"/api/v1/uploads/cq/{resource_id}",
            data=request,
            headers={"X-CSRFToken": self.school.csrf},
            content_type="multipart/form-data",
        )
        response.get_json()["resource_id"] = resource_id
        self._submitted(response, title, files)

    @precondition(lambda self: self._open())
    @rule(data=st.data(), name=st.sampled_from(["课件.txt", "夹带.txt"]))
    def slip_a_file_into_a_published_folder(self, data, name):
        """A large file started in the school's own folder and completed, but never submitted."""
        self._large(name, self._fresh(), folder=data.draw(st.sampled_from(self._open())))

    @precondition(lambda self: self._open())
    @rule(data=st.data())
    def withdraw(self, data):
        resource_id = data.draw(st.sampled_from(self._open()))
        response = self.school.delete(f"/api/v1/uploads/cq/{resource_id}", headers={"X-CSRFToken": self.school.csrf})
        assert response.status_code == 204
        self.withdrawn.add(resource_id)
        self.approved[resource_id] = None
        self.waiting.pop(resource_id, None)

    # --- curators -------------------------------------------------------------------------------

    def _decide(self, curator, resource_id: str, action: str, version: int):
        return self.site.decide(
            curator,
            "cq",
            resource_id,
            action,
            version=version,
            resource_version=self.waiting[resource_id],
            reason="请补充教学目标",
        )

    @precondition(lambda self: self.waiting)
    @rule(data=st.data(), action=st.sampled_from(["approve", "reject"]))
    def decide(self, data, action):
        resource_id = data.draw(st.sampled_from(list(self.waiting)))
        response = self._decide(self.curators[0], resource_id, action, self.site.version("cq", resource_id))
        assert response.status_code == 200, response.get_data(as_text=True)
        if action == "approve":
            self.approved[resource_id] = self.sent[resource_id]
        del self.waiting[resource_id]

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def two_curators_at_once(self, data):
        """Both saw the same version: the second gets a conflict, never a second decision."""
        resource_id = data.draw(st.sampled_from(list(self.waiting)))
        seen = self.site.version("cq", resource_id)
        first = self._decide(self.curators[0], resource_id, "reject", seen)
        second = self._decide(self.curators[1], resource_id, "approve", seen)
        assert (first.status_code, second.status_code) == (200, 409)
        del self.waiting[resource_id]

    # --- what a teacher sees ----------------------------------------------------------------------

    @invariant()
    def teachers_see_exactly_the_last_approved_version(self):
        if not hasattr(self, "approved"):
            return
        teacher = self.site.app.test_client()
        for resource_id, approved in self.approved.items():
            response = teacher.get(f"/api/v1/resources/cq/{resource_id}")
            if approved is None:
                assert response.status_code == 404, resource_id
                continue
            assert response.status_code == 200, resource_id
            resource = response.get_json()["resource"]
            title, files = approved
            assert resource["title"] == title
            assert {f["name"]: f["sha256"] for f in resource["files"]} == {
                name: hashlib.sha256(body).hexdigest() for name, body in files.items()
            }
            for name, body in files.items():
                signed = teacher.get(f"/resources/cq/{resource_id}/files/{name}")
                assert signed.status_code == 302
                assert requests.get(signed.headers["Location"], timeout=30).content == body


def test_teachers_only_ever_see_the_last_approved_version(site):
    Publication.site = site
    machine = Publication.TestCase
    machine.settings = settings(
        max_examples=25, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
    )
    machine().runTest()
