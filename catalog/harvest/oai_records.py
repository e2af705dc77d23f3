"""Where harvested records come from: published documents in the index, withdrawals in the database.

Published: the index documents a teacher can see (review_state "published"), datestamped by the
indexer's last write of the document (``sync.indexed_at``), paged with ``search_after``.
Deleted: resources the catalog took out of view — withdrawn by their school, or rejected after a
province's feed published them — datestamped by that decision. A province deleting a folder in its
own storage leaves no record once the index drops the document, so deletions are ``transient``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import exists, select

from catalog.harvest.oai_request import ListRequest, Window
from catalog.harvest.oai_xml import Record
from catalog.indexing.index_definition import document_id
from catalog.stores.models import AuditEntry, ResourceDecision, ResourceVersion

REPOSITORY_ID = "edu-catalog.cdcq"
TYPES = {"lesson": "数字课程资源", "study_tour": "研学旅行", "practice_base": "实践基地"}
OUT_OF_VIEW = ("withdrawn", "rejected")
SOURCE_FIELDS = [
    "province",
    "resource_id",
    "type",
    "title",
    "summary",
    "keywords",
    "subjects",
    "stages",
    "grades",
    "publisher",
    "region",
    "language",
    "license",
    "published_at",
    "updated_at",
    "places",
    "files.name",
    "files.media_type",
    "files.size",
    "files.role",
    "lesson",
    "study_tour.duration_days",
    "study_tour.fee_cny",
    "practice_base.free_for_students",
    "sync.indexed_at",
]
SORT = [{"sync.indexed_at": "asc"}, {"province": "asc"}, {"resource_id": "asc"}]


def oai_identifier(province: str, resource_id: str) -> str:
    return f"oai:{REPOSITORY_ID}:{province}/{resource_id}"


def parse_identifier(identifier: str) -> tuple[str, str] | None:
    """(province, resource id) of one of this repository's identifiers, else None."""
    prefix = f"oai:{REPOSITORY_ID}:"
    if not identifier.startswith(prefix) or identifier.count("/") != 1:
        return None
    province, resource_id = identifier[len(prefix) :].split("/")
    return (province, resource_id) if province and resource_id else None


def set_specs(province: str, kind: str | None) -> tuple[str, ...]:
    return (f"province:{province}",) + ((f"type:{kind}",) if kind else ())


def _in_set(set_spec: str | None, province: str, kind: str | None) -> bool:
    if set_spec in (None, "province", "type"):
        return True
    return set_spec in set_specs(province, kind)


def _utc(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _in_window(moment: datetime, window: Window) -> bool:
    return (window.start is None or moment >= window.start) and (window.end is None or moment < window.end)


def live_record(source: dict) -> Record:
    return Record(
        oai_identifier(source["province"], source["resource_id"]),
        _utc(source["sync"]["indexed_at"]),
        set_specs(source["province"], source.get("type")),
        source=source,
    )


class RecordSource:
    """The records of the catalog's OAI-PMH repository."""

    def __init__(self, es, alias: str, sessions, provinces: tuple[str, ...]):
        self.es = es
        self.alias = alias
        self.sessions = sessions
        self.provinces = provinces

    def sets(self) -> list[tuple[str, str]]:
        provinces = [(f"province:{code}", f"省份 {code}") for code in self.provinces]
        types = [(f"type:{kind}", name) for kind, name in TYPES.items()]
        return [("province", "按省份"), *provinces, ("type", "按资源类型"), *types]

    def known_set(self, set_spec: str | None) -> bool:
        return set_spec is None or set_spec in {spec for spec, _ in self.sets()}

    # --- published ---

    def _live_query(self, listing: ListRequest) -> dict:
        filters: list[dict] = [{"term": {"review_state": "published"}}]
        if listing.set_spec and listing.set_spec.startswith("province:"):
            filters.append({"term": {"province": listing.set_spec.split(":", 1)[1]}})
        if listing.set_spec and listing.set_spec.startswith("type:"):
            filters.append({"term": {"type": listing.set_spec.split(":", 1)[1]}})
        dates = {}
        if listing.window.start:
            dates["gte"] = listing.window.start.isoformat()
        if listing.window.end:
            dates["lt"] = listing.window.end.isoformat()
        if dates:
            filters.append({"range": {"sync.indexed_at": dates}})
        return {"bool": {"filter": filters}}

    def _live_page(self, listing: ListRequest, size: int) -> tuple[list[Record], tuple]:
        body = {"query": self._live_query(listing), "sort": SORT, "size": size, "_source": SOURCE_FIELDS}
        if listing.after:
            body["search_after"] = list(listing.after)
        hits = self.es.search(index=self.alias, **body)["hits"]["hits"]
        return [live_record(hit["_source"]) for hit in hits], tuple(hits[-1]["sort"]) if hits else ()

    def _live_count(self, listing: ListRequest) -> int:
        return self.es.count(index=self.alias, query=self._live_query(listing))["count"]

    # --- deleted ---

    def _deleted(self, listing: ListRequest) -> list[Record]:
        """Every withdrawal in the set and window, oldest first (they are few: no paging in SQL)."""
        ever_published = ResourceDecision.owner_school_id.is_(None) | exists().where(
            AuditEntry.action == "approve",
            AuditEntry.province == ResourceDecision.province,
            AuditEntry.resource_id == ResourceDecision.resource_id,
        )
        query = select(ResourceDecision.province, ResourceDecision.resource_id, ResourceDecision.updated_at).where(
            ResourceDecision.review_state.in_(OUT_OF_VIEW), ever_published
        )
        with self.sessions() as session:
            rows = session.execute(query).all()
            kinds = self._kinds(session, rows)
        records = [
            Record(oai_identifier(p, r), at, set_specs(p, kinds.get((p, r))), deleted=True)
            for p, r, at in rows
            if _in_window(at, listing.window) and _in_set(listing.set_spec, p, kinds.get((p, r)))
        ]
        return sorted(records, key=lambda record: (record.datestamp, record.identifier))

    def _kinds(self, session, rows) -> dict[tuple[str, str], str]:
        """Each resource's type: from its school's last version, else from its (rejected) index document."""
        kinds = {}
        for province, resource_id, _ in rows:
            kind = session.scalar(
                select(ResourceVersion.resource_type)
                .where(ResourceVersion.province == province, ResourceVersion.resource_id == resource_id)
                .order_by(ResourceVersion.number.desc())
                .limit(1)
            )
            if kind:
                kinds[(province, resource_id)] = kind
        missing = [document_id(p, r) for p, r, _ in rows if (p, r) not in kinds]
        if missing:
            found = self.es.mget(index=self.alias, ids=missing, source_includes=["province", "resource_id", "type"])
            for doc in found["docs"]:
                if doc.get("found"):
                    source = doc["_source"]
                    kinds[(source["province"], source["resource_id"])] = source.get("type")
        return kinds

    # --- the repository's questions ---

    def page(self, listing: ListRequest, size: int) -> tuple[list[Record], ListRequest | None]:
        """One page of the harvest and the request for the next (None: this was the last)."""
        if listing.total is None:
            listing = ListRequest(
                listing.prefix,
                listing.set_spec,
                listing.window,
                total=self._live_count(listing) + len(self._deleted(listing)),
            )
        records: list[Record] = []
        if listing.phase == "live":
            records, after = self._live_page(listing, size)
            if len(records) == size:
                return records, listing.next_page(phase="live", after=after, sent=len(records))
            listing = listing.next_page(phase="deleted", after=(), sent=len(records))
            size -= len(records)
        deleted = self._deleted(listing)
        if listing.after:
            last = (_utc(listing.after[0]), listing.after[1])
            deleted = [d for d in deleted if (d.datestamp, d.identifier) > last]
        chunk = deleted[:size]
        records += chunk
        if len(deleted) > size:
            after = (chunk[-1].datestamp.isoformat(), chunk[-1].identifier)
            return records, listing.next_page(phase="deleted", after=after, sent=len(chunk))
        return records, None

    def total(self, listing: ListRequest) -> int:
        return listing.total if listing.total is not None else self._live_count(listing) + len(self._deleted(listing))

    def find(self, province: str, resource_id: str) -> Record | None:
        """The record of one resource: published, deleted, or None (never published here)."""
        found = self.es.options(ignore_status=404).get(
            index=self.alias, id=document_id(province, resource_id), source_includes=SOURCE_FIELDS + ["review_state"]
        )
        if found.get("found") and found["_source"].get("review_state") == "published":
            return live_record(found["_source"])
        for record in self._deleted(ListRequest("")):
            if record.identifier == oai_identifier(province, resource_id):
                return record
        return None

    def earliest(self) -> datetime | None:
        """The oldest datestamp the repository holds."""
        query = {"term": {"review_state": "published"}}
        aggregations = {"earliest": {"min": {"field": "sync.indexed_at"}}}
        found = self.es.search(index=self.alias, query=query, size=0, aggregations=aggregations)
        value = found["aggregations"]["earliest"].get("value_as_string")
        moments = [_utc(value.replace("Z", "+00:00"))] if value else []
        moments += [record.datestamp for record in self._deleted(ListRequest(""))[:1]]
        return min(moments) if moments else None
