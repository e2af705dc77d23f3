"""The one shape of a refusal that names its field: every layer reports ``field`` and ``reason``."""

from __future__ import annotations


class FieldProblem(ValueError):
    """``field`` is at fault for ``reason`` (a sentence a person can act on)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
