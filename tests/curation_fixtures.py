"""A catalog with accounts: one user per role, two schools in two provinces, signed-in clients.

Each test gets its own database file (migrated by the real Alembic migrations), alias and key
prefixes, so decisions never leak from one test into another.
"""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

PASSWORD = "correct-horse-42"
ROLES = ("teacher", "school", "curator", "admin")


def pdf_bytes(text: str = "分数的初步认识") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("STSong-Light", 14)
    page.drawString(72, 760, text)
    page.save()
    return out.getvalue()


def lesson_metadata(title: str = "分数的初步认识（校本课例）", **changes) -> dict:
    return {
        "type": "lesson",
        "title": title,
        "summary": "通过折纸认识几分之一。",
        "subjects": ["数学"],
        "stages": ["小学"],
        "grades": ["三年级"],
        "lesson": {"edition": "人教版", "volume": "三年级上册"},
        **changes,
    }


@dataclasses.dataclass
class Site:
    catalog: object
    app: object
    users: dict
    schools: dict

    @property
    def sessions(self):
        return self.app.extensions["catalog.sessions"]

    def client(self, who: str | None = None):
        """A test client, signed in as ``who`` (a role, or "other_school"), with its CSRF token."""
        client = self.app.test_client()
        client.csrf = client.get("/api/v1/session").get_json()["csrf_token"]
        if who is not None:
            response = client.post(
                "/login", data={"email": self.users[who].email, "password": PASSWORD, "csrf_token": client.csrf}
            )
            assert response.status_code == 303, response.get_data(as_text=True)
            client.csrf = client.get("/api/v1/session").get_json()["csrf_token"]
        return client

    def upload(self, client, metadata: dict | None = None, files: dict | None = None):
        files = {"分数课件.pdf": pdf_bytes()} if files is None else files
        data = {
            "metadata": json.dumps(metadata or lesson_metadata(), ensure_ascii=False),
            "files": [(io.BytesIO(body), name) for name, body in files.items()],
        }
        return client.post(
            "/api/v1/uploads", data=data, headers={"X-CSRFToken": client.csrf}, content_type="multipart/form-data"
        )

    def decide(self, client, province: str, resource_id: str, action: str, **body):
        if "version" not in body:
            body["version"] = self.version(province, resource_id)
        return client.post(
            f"/api/v1/curation/{province}/{resource_id}",
            json={"action": action, **body},
            headers={"X-CSRFToken": client.csrf},
        )

    def waiting(self, province: str, resource_id: str) -> int | None:
        """The number of the resource's version waiting for review, if one is."""
        from catalog.curation.versions import waiting_version

        with self.sessions() as session:
            version = waiting_version(session, province, resource_id)
            return version.number if version else None

    def approve(self, client, province: str, resource_id: str):
        """Approve the version waiting for review, as a curator's review page does."""
        return self.decide(
            client, province, resource_id, "approve", resource_version=self.waiting(province, resource_id)
        )

    def live_names(self, province: str, resource_id: str) -> set[str]:
        storage = self.catalog.storages[province]
        return {o.key.rsplit("/", 1)[1] for o in storage.list_objects(folder=resource_id)}

    def staged_names(self, province: str, resource_id: str, number: int) -> set[str]:
        storage = self.catalog.storages[province]
        prefix = storage.staged_key(resource_id, number, "")
        page = storage.client.list_objects_v2(Bucket=storage.province.bucket, Prefix=prefix)
        return {item["Key"][len(prefix) :] for item in page.get("Contents", [])}

    def version(self, province: str, resource_id: str) -> int:
        from catalog.stores.models import ResourceDecision

        with self.sessions() as session:
            decision = session.get(ResourceDecision, (province, resource_id))
            return decision.version if decision else 0

    def audit_actions(self, province: str, resource_id: str) -> list[str]:
        from sqlalchemy import select

        from catalog.stores.models import AuditEntry

        with self.sessions() as session:
            return list(
                session.scalars(
                    select(AuditEntry.action)
                    .where(AuditEntry.province == province, AuditEntry.resource_id == resource_id)
                    .order_by(AuditEntry.id)
                )
            )

    def search_ids(self, **params) -> list[str]:
        client = self.app.test_client()
        return [hit["id"] for hit in client.get("/api/v1/search", query_string=params).get_json()["hits"]]


@pytest.fixture
def site(catalog, app_factory, fresh_database_url):
    from catalog.accounts import create_school, create_user
    from catalog.stores.database import make_engine, make_sessions, transaction
    from catalog.stores.migrate import upgrade_database

    url = fresh_database_url
    upgrade_database(url)
    catalog.settings = dataclasses.replace(catalog.settings, database_url=url)
    engine = make_engine(url)
    users, schools = {}, {}
    with transaction(make_sessions(engine)) as session:
        schools["cq"] = create_school(session, name="重庆市测试小学", province="cq", city="重庆市", district="渝中区")
        schools["sc"] = create_school(session, name="成都市测试小学", province="sc", city="成都市", district="武侯区")
        for role in ROLES:
            users[role] = create_user(
                session,
                email=f"{role}@example.cn",
                display_name=f"测试{role}",
                password=PASSWORD,
                role=role,
                school_id=schools["cq"].id if role == "school" else None,
            )
        users["other_school"] = create_user(
            session,
            email="other@example.cn",
            display_name="另一所学校",
            password=PASSWORD,
            role="school",
            school_id=schools["sc"].id,
        )
    engine.dispose()
    catalog.sync()  # creates the alias, so uploads index at once
    app = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces, database_url=url)
    app.config["WTF_CSRF_ENABLED"] = True
    return Site(catalog, app, users, schools)
