"""The published OAI-PMH 2.0, oai_dc and IEEE LOM schemas (vendored in tests/fixtures/schemas/), loaded once."""

from __future__ import annotations

import functools
from pathlib import Path

import xmlschema

SCHEMAS = Path(__file__).resolve().parents[2] / "fixtures" / "schemas"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
LOM = "http://ltsc.ieee.org/xsd/LOM"


@functools.cache
def oai_pmh() -> xmlschema.XMLSchema:
    """OAI-PMH.xsd with both metadata formats imported: its ``<any processContents="strict">`` checks them too."""
    schema = xmlschema.XMLSchema(SCHEMAS / "oai" / "OAI-PMH.xsd", allow="local", build=False)
    schema.import_schema(OAI_DC, str(SCHEMAS / "oai" / "oai_dc.xsd"))
    schema.import_schema(LOM, str(SCHEMAS / "lom" / "lom.xsd"))
    schema.build()
    return schema


@functools.cache
def dublin_core() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "oai" / "oai_dc.xsd", allow="local")


@functools.cache
def learning_object() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "lom" / "lom.xsd", allow="local")


def assert_valid(schema: xmlschema.XMLSchema, document: bytes | str) -> None:
    """Fails with every reason the schema gives, not only the first."""
    text = document.decode() if isinstance(document, bytes) else document
    errors = [str(problem) for problem in schema.iter_errors(text)]
    assert not errors, "\n\n".join(errors)[:4000]
