"""Every message the services can raise is a Chinese message id with an English translation; the web
layer shows it in the reader's language. Pure: the sources are read, the app serves no request."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from catalog.messages import N_, Message, prefixed

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "catalog" / "web" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# The services and the domain checks whose refusals reach a page or the API.
SERVICE_FILES = sorted(
    path
    for path in (ROOT / "catalog").rglob("*.py")
    if "web" not in path.relative_to(ROOT / "catalog").parts and "indexing" not in path.parts
)
# Rooms whose every refusal is a message id: a Chinese or English literal raised there fails the test.
CHECKED_ROOMS = (
    "catalog/permissions.py",
    "catalog/resources/resource_schema.py",
    "catalog/resources/file_types.py",
    "catalog/uploads/service.py",
    "catalog/uploads/large_uploads.py",
    "catalog/uploads/school_choices.py",
    "catalog/uploads/bulk.py",
    "catalog/uploads/restore.py",
    "catalog/curation/",
    "catalog/collections/",
    "catalog/search/query_builder.py",
    "catalog/accounts.py",
    "catalog/accounts_admin.py",
    "catalog/resources/limited_json.py",
)
# The refusals, and whether their first argument names a field (the message comes after it).
REFUSALS = {
    "FieldProblem": True,
    "CurationRejected": True,
    "VersionProblem": True,
    "InvalidSearch": True,
    "UploadFileRejected": True,
    "PermissionDenied": True,
    "AccountError": True,
    "JsonRefused": True,
    "UploadRejected": False,
    "NotStored": False,
    "EditConflict": False,
    "ValidationError": False,
    "BulkRejected": False,
    "MemberRefused": False,
}


def _english_catalog() -> dict[str, str]:
    with PO.open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id}


def _service_message_ids() -> set[str]:
    ids = set()
    for path in SERVICE_FILES:
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"N_": None, "_": None}):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_the_services_raise_many_message_ids():
    assert len(_service_message_ids()) > 100


@pytest.mark.parametrize("msgid", sorted(_service_message_ids()))
def test_each_service_message_id_is_chinese_and_has_an_english_translation(msgid):
    english = _english_catalog().get(msgid)
    assert CHINESE.search(msgid) or msgid == "%(prefix)s: %(reason)s", "the id is the Chinese sentence itself"
    assert english, f"no English for {msgid!r} (scripts/translations update, then fill the .po)"
    assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(msgid)), "the same values filled in"
    assert not CHINESE.search(PLACEHOLDER.sub("", english)), "the English has no Chinese words of its own"


def _literal_words(node) -> list[str]:
    """String literals (plain or f-strings) passed straight to a refusal, not through N_."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("N_", "_", "prefixed"):
        return []
    if isinstance(node, ast.Dict):  # {field: [reasons]}: the keys are field names
        return [word for value in node.values for word in _literal_words(value)]
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search(r"[^\W\d_]{2}", node.value):
        return [node.value]
    return [word for child in ast.iter_child_nodes(node) for word in _literal_words(child)]


def _checked_files() -> list[Path]:
    return [p for p in SERVICE_FILES if any(str(p.relative_to(ROOT)).startswith(room) for room in CHECKED_ROOMS)]


@pytest.mark.parametrize("path", _checked_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_refusal_in_the_services_is_a_bare_sentence(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = []
    for node in ast.walk(tree):
        name = getattr(node.func, "id", getattr(node.func, "attr", None)) if isinstance(node, ast.Call) else None
        if name in REFUSALS:
            for argument in node.args[1:] if REFUSALS[name] else node.args:
                bare += [f"line {node.lineno}: {word}" for word in _literal_words(argument)]
    assert sorted(set(bare)) == []


def test_a_message_reads_as_its_chinese_text_and_keeps_its_id_and_values():
    message = N_("文件超过 %(size)s MB 上限", size=20)
    assert message == "文件超过 20 MB 上限" and isinstance(message, str)
    assert (message.msgid, message.params) == ("文件超过 %(size)s MB 上限", {"size": 20})
    english_for_reports = N_("必填", text="required")
    assert english_for_reports == "required" and english_for_reports.msgid == "必填"
    # marshmallow fills its messages in with str.format: the id survives it.
    assert isinstance(english_for_reports.format(input="x"), Message)
    assert prefixed("a.pdf", N_("文件是空的")) == "a.pdf: 文件是空的"
