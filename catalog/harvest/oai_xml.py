"""OAI-PMH 2.0 responses as XML: the envelope, each verb's body, headers, records and errors.

Pure: callers hand in records and values; lxml escapes every text and attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from catalog.harvest.metadata_formats import FORMATS
from catalog.harvest.oai_request import datestamp

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
# The request element carries the arguments unless they were the error (badVerb, badArgument).
ARGUMENT_ERRORS = frozenset({"badVerb", "badArgument"})


@dataclass(frozen=True)
class Record:
    """One resource as a harvester sees it: published (with its index source) or deleted."""

    identifier: str
    datestamp: datetime
    set_specs: tuple[str, ...] = ()
    deleted: bool = False
    source: dict = field(default_factory=dict)


def element(parent, name: str, text: str | None = None, **attributes):
    """An OAI-namespace child of ``parent``."""
    child = etree.SubElement(parent, f"{{{OAI}}}{name}")
    if text is not None:
        child.text = text
    for key, value in attributes.items():
        child.set(key, value)
    return child


def envelope(base_url: str, arguments: dict[str, str] | None, now: datetime):
    """The OAI-PMH root with responseDate and request; ``arguments`` None for badVerb/badArgument."""
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    element(root, "responseDate", datestamp(now))
    request = element(root, "request", base_url)
    for name, value in sorted((arguments or {}).items()):
        request.set(name, value)
    return root


def error(base_url: str, arguments: dict[str, str], code: str, message: str, now: datetime):
    root = envelope(base_url, None if code in ARGUMENT_ERRORS else arguments, now)
    element(root, "error", message, code=code)
    return root


def identify(root, *, name: str, base_url: str, admin_email: str, earliest: datetime):
    body = element(root, "Identify")
    element(body, "repositoryName", name)
    element(body, "baseURL", base_url)
    element(body, "protocolVersion", "2.0")
    element(body, "adminEmail", admin_email)
    element(body, "earliestDatestamp", datestamp(earliest))
    # transient: withdrawals through the catalog are kept; a province deleting a folder in its own storage
    # leaves no trace once the index drops the document (oai_records.py).
    element(body, "deletedRecord", "transient")
    element(body, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    return root


def list_metadata_formats(root):
    body = element(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        entry = element(body, "metadataFormat")
        element(entry, "metadataPrefix", prefix)
        element(entry, "schema", schema)
        element(entry, "metadataNamespace", namespace)
    return root


def list_sets(root, sets: list[tuple[str, str]]):
    body = element(root, "ListSets")
    for spec, name in sets:
        entry = element(body, "set")
        element(entry, "setSpec", spec)
        element(entry, "setName", name)
    return root


def header(parent, record: Record):
    head = element(parent, "header")
    if record.deleted:
        head.set("status", "deleted")
    element(head, "identifier", record.identifier)
    element(head, "datestamp", datestamp(record.datestamp))
    for spec in record.set_specs:
        element(head, "setSpec", spec)
    return head


def record(parent, item: Record, metadata_element):
    """A record: the header, and the metadata unless it was deleted."""
    entry = element(parent, "record")
    header(entry, item)
    if not item.deleted:
        element(entry, "metadata").append(metadata_element)
    return entry


def resumption_token(parent, token: str, *, cursor: int, total: int | None):
    """An empty token ends a harvest that was resumed; a full one continues it."""
    token_element = element(parent, "resumptionToken", token or None, cursor=str(cursor))
    if total is not None:
        token_element.set("completeListSize", str(total))
    return token_element


def serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
