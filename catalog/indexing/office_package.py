"""The parts of an Office (OPC) package that text extraction reads, and no others.

python-docx and python-pptx open a file by loading and parsing every part of its package: styles,
numbering, themes, slide layouts and masters, fonts, media. That took 5–7 ms of the 6–8 ms a
lesson's DOCX or PPTX cost to read. Text needs the main part and the parts it names (headers,
slides, notes, charts …): this reads those from the ZIP when asked, and leaves the XML of each to
the libraries' own element classes, which keep the rules of what text a part holds.
"""

import io
import posixpath
import zipfile
from typing import NamedTuple

from lxml import etree

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
# The libraries' own settings: no entities resolved, nothing fetched.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


class MissingPart(Exception):
    """The package lacks a part it needs: the main part, or one a relationship names."""


class Relationship(NamedTuple):
    """One relationship of a part: its id, its type URI and the part name it leads to.

    `target` is a part name without the leading slash (the ZIP member), or the URL as written
    when `external` (a hyperlink, a linked picture).
    """

    id: str
    type: str
    target: str
    external: bool


class OfficePackage:
    """A DOCX or PPTX read part by part."""

    def __init__(self, data: bytes) -> None:
        self._archive = zipfile.ZipFile(io.BytesIO(data))

    def main_part(self) -> str:
        """The document (DOCX) or presentation (PPTX) part, as the package's relationships name it."""
        for relationship in self.relationships(""):
            if relationship.type == OFFICE_DOCUMENT and not relationship.external:
                return relationship.target
        raise MissingPart("the package names no main document part")

    def read(self, part: str) -> bytes:
        try:
            return self._archive.read(part)
        except KeyError:
            raise MissingPart(f"the package has no part {part}") from None

    def relationships(self, part: str) -> list[Relationship]:
        """The part's relationships in the order its ``.rels`` lists them; none if it has no ``.rels``."""
        folder, name = posixpath.split(part)
        try:
            rels = self._archive.read(posixpath.join(folder, "_rels", f"{name}.rels"))
        except KeyError:
            return []
        return [
            Relationship(
                element.get("Id", ""),
                element.get("Type", ""),
                *_target(folder, element.get("Target", ""), element.get("TargetMode") == "External"),
            )
            for element in etree.fromstring(rels, _PARSER).iter(_RELATIONSHIPS)
        ]


def _target(folder: str, target: str, external: bool) -> tuple[str, bool]:
    if external:
        return target, True
    # A target is relative to the source part's folder, or absolute from the package root.
    joined = target if target.startswith("/") else posixpath.join("/", folder, target)
    return posixpath.normpath(joined).lstrip("/"), False
