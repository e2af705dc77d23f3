"""What a version changes against the live resource: the fields a school decides, and the files."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.resources.resource_schema import SCHOOL_FIELDS

# The fields a curator compares, in the order the review page shows them.
COMPARED_FIELDS = (*SCHOOL_FIELDS, "publisher", "region")
# Objects compared key by key, so a change reads as 费用 380 → 420 rather than two whole blocks.
BLOCK_FIELDS = frozenset({"lesson", "study_tour", "practice_base", "publisher", "region"})


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class FileChange:
    name: str
    change: str  # added, removed, replaced, unchanged
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class Differences:
    fields: list[FieldChange]
    files: list[FileChange]

    @property
    def is_new(self) -> bool:
        return all(change.before is None for change in self.fields) and all(f.before is None for f in self.files)


def _same_bytes(before: dict, after: dict) -> bool:
    if before.get("sha256") and after.get("sha256"):
        return before["sha256"] == after["sha256"]
    return before.get("size") == after.get("size") and before.get("media_type") == after.get("media_type")


def _field_changes(name: str, before, after) -> list[FieldChange]:
    """The change of one field; a block's changes as ``block.key``, one per key that differs."""
    if before == after:
        return []
    if name in BLOCK_FIELDS and isinstance(before or {}, dict) and isinstance(after or {}, dict):
        before, after = before or {}, after or {}
        keys = [*before, *(key for key in after if key not in before)]
        return [
            FieldChange(f"{name}.{key}", before.get(key), after.get(key))
            for key in keys
            if before.get(key) != after.get(key)
        ]
    return [FieldChange(name, before, after)]


def version_differences(live: dict | None, proposed: dict) -> Differences:
    """Every compared field whose value differs, and every file with what happened to it."""
    live = live or {}
    fields = [change for name in COMPARED_FIELDS for change in _field_changes(name, live.get(name), proposed.get(name))]
    before = {f["name"]: f for f in live.get("files", []) if isinstance(f, dict) and "name" in f}
    after = {f["name"]: f for f in proposed.get("files", [])}
    files = []
    for name in sorted(before.keys() | after.keys()):
        if name not in before:
            files.append(FileChange(name, "added", None, after[name]))
        elif name not in after:
            files.append(FileChange(name, "removed", before[name], None))
        else:
            same = _same_bytes(before[name], after[name])
            files.append(FileChange(name, "unchanged" if same else "replaced", before[name], after[name]))
    return Differences(fields, files)
