"""What a school's upload, edit or withdrawal can run into, as errors that name their field."""

from __future__ import annotations

from catalog.messages import N_


class UploadRejected(Exception):
    """Nothing was written; ``errors`` names each field and why."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{field}: {' '.join(reasons)}" for field, reasons in errors.items()))
        self.errors = errors


class NotStored(LookupError):
    """No such resource in its province's storage (never there, or withdrawn)."""

    @classmethod
    def resource(cls, province: str, resource_id: str) -> NotStored:
        return cls(N_("没有这个资源：%(province)s/%(resource_id)s", province=province, resource_id=resource_id))

    @classmethod
    def version(cls, province: str, resource_id: str, number: int) -> NotStored:
        return cls(
            N_(
                "没有这个版本：%(province)s/%(resource_id)s 第 %(number)s 版",
                province=province,
                resource_id=resource_id,
                number=number,
            )
        )
