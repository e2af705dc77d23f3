"""The brake on mass withdrawal: an emptied bucket or a wrong prefix must not empty the catalog.

A run that would take more than a set share of a province's documents out of the index in one
go withdraws none of them, says why, and waits for ``--allow-mass-withdrawal``. Below
``MINIMUM_DOCUMENTS`` a few withdrawals are a large share, so the share applies only from
there on; leaving a province with no documents at all needs the flag at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM_DOCUMENTS = 20
FLAG = "--allow-mass-withdrawal"


class MassWithdrawalHeld(RuntimeError):
    """A run would have withdrawn too much of a province; nothing was withdrawn."""


@dataclass(frozen=True)
class WithdrawalBrake:
    max_percent: int = 20
    allowed: bool = False  # the operator passed --allow-mass-withdrawal

    def refusal(self, province: str, withdrawing: int, holding: int, province_total: int | None = None) -> str | None:
        """Why withdrawing ``withdrawing`` of the ``holding`` documents the run looked at is held
        back, or None. ``province_total`` is the province's whole count (a worker may look at
        some of its shards only)."""
        province_total = holding if province_total is None else province_total
        if self.allowed or withdrawing <= 0 or holding <= 0:
            return None
        empties = withdrawing >= province_total
        too_many = withdrawing * 100 > self.max_percent * holding and province_total >= MINIMUM_DOCUMENTS
        if not (empties or too_many):
            return None
        share = f"{withdrawing * 100 / holding:.0f} %"
        why = (
            "all of the province"
            if empties
            else f"more than the {self.max_percent} % limit, CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT"
        )
        return (
            f"mass withdrawal held back: {withdrawing} of {holding} {province} documents ({share}) would leave "
            f"the index ({why}); nothing was withdrawn. Check the bucket and prefix; if the resources were "
            f"really withdrawn, run again with {FLAG}"
        )

    def check(self, province: str, withdrawing: int, holding: int, province_total: int | None = None) -> None:
        """Raise ``MassWithdrawalHeld`` when ``refusal`` gives a reason."""
        reason = self.refusal(province, withdrawing, holding, province_total)
        if reason:
            raise MassWithdrawalHeld(reason)
