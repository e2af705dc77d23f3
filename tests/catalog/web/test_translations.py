"""The English catalog covers every message of the pages, and the compiled file matches it."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "catalog" / "web" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
METHODS = [("catalog/**.py", "python"), ("templates/**.html", "jinja2")]


def message_ids(catalog) -> dict:
    def plain(value):
        return value if isinstance(value, str) else tuple(value)

    return {plain(message.id): plain(message.string) for message in catalog if message.id}


def test_every_message_in_templates_and_code_has_an_english_translation():
    used = {
        message[2] if isinstance(message[2], str) else tuple(message[2])
        for message in extract_from_dir(str(ROOT), METHODS)
    }
    english = message_ids(read_po(PO.open("rb")))
    assert used, "no messages extracted: the extraction patterns are wrong"
    missing = sorted(
        str(m) for m in used if not english.get(m) or (isinstance(english[m], tuple) and not all(english[m]))
    )
    assert missing == [], "run scripts/translations update, translate, then compile"


def test_the_compiled_catalog_matches_the_po_file():
    assert message_ids(read_mo(MO.open("rb"))) == message_ids(read_po(PO.open("rb"))), (
        "run scripts/translations compile"
    )
