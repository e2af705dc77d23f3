"""The OAI-PMH repository: one request in, one response document out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from catalog.harvest import oai_xml
from catalog.harvest.metadata_formats import FORMATS, metadata
from catalog.harvest.oai_records import RecordSource, parse_identifier
from catalog.harvest.oai_request import OaiError, OaiRequest, encode_token, parse_request

REPOSITORY_NAME = "成渝教育资源共享目录"
PAGE_SIZE = 100


@dataclass(frozen=True)
class Repository:
    records: RecordSource
    base_url: str
    admin_email: str
    page_url: Callable[[str, str], str]  # (province, resource id) → the resource's page
    page_size: int = PAGE_SIZE

    def respond(self, pairs: list[tuple[str, str]], now: datetime | None = None) -> bytes:
        now = now or datetime.now(UTC)
        arguments = dict(pairs)
        try:
            request = parse_request(pairs)
            root = oai_xml.envelope(self.base_url, request.arguments | {"verb": request.verb}, now)
            getattr(self, f"_{request.verb}")(root, request)
        except OaiError as problem:
            root = oai_xml.error(self.base_url, arguments, problem.code, problem.message, now)
        return oai_xml.serialise(root)

    def _metadata(self, prefix: str, record: oai_xml.Record):
        source = record.source
        return metadata(prefix, source, self.page_url(source["province"], source["resource_id"]), record.identifier)

    def _check_prefix(self, prefix: str) -> None:
        if prefix not in FORMATS:
            raise OaiError("cannotDisseminateFormat", f"metadataPrefix {prefix!r} is not offered: {', '.join(FORMATS)}")

    def _find(self, identifier: str) -> oai_xml.Record:
        key = parse_identifier(identifier)
        found = self.records.find(*key) if key else None
        if found is None:
            raise OaiError("idDoesNotExist", f"no record has the identifier {identifier!r}")
        return found

    def _Identify(self, root, request: OaiRequest) -> None:
        earliest = self.records.earliest() or datetime.now(UTC)
        oai_xml.identify(
            root, name=REPOSITORY_NAME, base_url=self.base_url, admin_email=self.admin_email, earliest=earliest
        )

    def _ListMetadataFormats(self, root, request: OaiRequest) -> None:
        if "identifier" in request.arguments:
            self._find(request.arguments["identifier"])
        oai_xml.list_metadata_formats(root)

    def _ListSets(self, root, request: OaiRequest) -> None:
        oai_xml.list_sets(root, self.records.sets())

    def _GetRecord(self, root, request: OaiRequest) -> None:
        prefix = request.arguments["metadataPrefix"]
        self._check_prefix(prefix)
        found = self._find(request.arguments["identifier"])
        body = oai_xml.element(root, "GetRecord")
        oai_xml.record(body, found, None if found.deleted else self._metadata(prefix, found))

    def _list(self, root, request: OaiRequest, *, with_metadata: bool) -> None:
        listing = request.listing
        self._check_prefix(listing.prefix)
        if not self.records.known_set(listing.set_spec):
            raise OaiError("noRecordsMatch", f"there is no set {listing.set_spec!r} (ListSets names them)")
        records, following = self.records.page(listing, self.page_size)
        resumed = "resumptionToken" in request.arguments
        if not records and not resumed:
            raise OaiError("noRecordsMatch", "no record matches the set and dates asked for")
        body = oai_xml.element(root, request.verb)
        for item in records:
            if with_metadata:
                oai_xml.record(body, item, None if item.deleted else self._metadata(listing.prefix, item))
            else:
                oai_xml.header(body, item)
        if following is not None or resumed:
            token = encode_token(following) if following is not None else ""
            total = (following or listing).total
            oai_xml.resumption_token(body, token, cursor=listing.cursor, total=total)

    def _ListIdentifiers(self, root, request: OaiRequest) -> None:
        self._list(root, request, with_metadata=False)

    def _ListRecords(self, root, request: OaiRequest) -> None:
        self._list(root, request, with_metadata=True)
