"""What a school's upload, edit or withdrawal can run into, as errors that name their field."""

from __future__ import annotations


class UploadRejected(Exception):
    """Nothing was written; ``errors`` names each field and why."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{field}: {' '.join(reasons)}" for field, reasons in errors.items()))
        self.errors = errors


class NotStored(LookupError):
    """No such resource in its province's storage (never there, or withdrawn)."""
