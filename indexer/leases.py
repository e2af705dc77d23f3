"""Leases in the catalog's database: no two indexer processes write the same province shard.

A lease is a row per (target, province, shard), where the target is what the writes go to
(the alias for a sync, the new concrete index for a rebuild). Claiming is one conditional
UPDATE, atomic in SQLite and PostgreSQL alike; a holder renews its leases while it works and
one that stops (killed, hung) loses them when they expire, so a crashed indexer blocks its
shards for at most ``LEASE_SECONDS``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from catalog.stores.database import transaction
from catalog.stores.models import IndexerLease

log = logging.getLogger(__name__)

LEASE_SECONDS = 60.0


class LeaseLost(RuntimeError):
    """This process stopped holding a shard it was writing (it could not renew in time)."""


# The province of the lease a rebuild holds on its new index from creation to swap: while it is
# live, the unaliased index is being built, not left over (province codes are letters only).
REBUILD_MARKER = "*"


def holder_name(run_id: str) -> str:
    """Who holds a lease: host and process, and the run, so a run's own workers recognise each other."""
    return f"{socket.gethostname()}:{os.getpid()}:{run_id}"


def holder_is_dead(holder: str) -> bool:
    """Whether ``holder`` was a process on this host that no longer runs (killed, crashed).

    A holder elsewhere cannot be asked; its lease is waited for until it expires.
    """
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


class ShardLeases:
    """The leases of one run's process. A shard the run has finished is not claimed again by any
    of its workers; a later run may take it."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        target: str,
        run_id: str,
        *,
        holder: str | None = None,
        seconds: float = LEASE_SECONDS,
        clock=time.time,
    ):
        self.sessions = sessions
        self.target = target
        self.run_id = run_id
        self.holder = holder or holder_name(run_id)
        self.seconds = seconds
        self.clock = clock
        self.held: set[tuple[str, int]] = set()
        self.lost = False
        # Renewal (a background thread) and release must not interleave: a renewal of a shard
        # released a moment before finds no row of its holder and would call the lease lost.
        self._lock = threading.Lock()

    def _row(self, province: str, shard: int):
        return and_(IndexerLease.target == self.target, IndexerLease.province == province, IndexerLease.shard == shard)

    def _ensure_rows(self, province: str, shards: list[int]) -> None:
        with transaction(self.sessions) as session:
            existing = set(
                session.scalars(
                    select(IndexerLease.shard).where(
                        IndexerLease.target == self.target, IndexerLease.province == province
                    )
                )
            )
        missing = [shard for shard in shards if shard not in existing]
        if not missing:
            return
        try:
            with transaction(self.sessions) as session:
                session.add_all(
                    IndexerLease(target=self.target, province=province, shard=shard, holder=None, expires_at=0.0)
                    for shard in missing
                )
        except IntegrityError:
            pass  # another process made them first; they exist either way

    def claim(self, province: str, shards: Iterable[int], limit: int) -> list[int]:
        """Take up to ``limit`` of ``shards`` that nobody holds (or whose holder let them expire)."""
        shards = list(shards)
        self._ensure_rows(province, shards)
        claimed = []
        for shard in shards:
            if len(claimed) == limit:
                break
            now = self.clock()
            with transaction(self.sessions) as session:
                result = session.execute(
                    update(IndexerLease)
                    .where(
                        self._row(province, shard),
                        or_(IndexerLease.holder.is_(None), IndexerLease.expires_at < now),
                        or_(IndexerLease.finished_run.is_(None), IndexerLease.finished_run != self.run_id),
                    )
                    .values(holder=self.holder, expires_at=now + self.seconds)
                )
            if result.rowcount == 1:
                claimed.append(shard)
        with self._lock:
            self.held.update((province, shard) for shard in claimed)
        return claimed

    def holders(self, province: str) -> dict[int, str]:
        """Shards of ``province`` another run holds now and this run has not finished, with the holder.

        A run started beside this one syncs again the shards this one finished (its own listing may
        be the later one); such a shard is that run's work, not one this run waits for or left undone.
        """
        with transaction(self.sessions) as session:
            rows = session.execute(
                select(IndexerLease.shard, IndexerLease.holder).where(
                    IndexerLease.target == self.target,
                    IndexerLease.province == province,
                    IndexerLease.holder.is_not(None),
                    IndexerLease.expires_at >= self.clock(),
                    or_(IndexerLease.finished_run.is_(None), IndexerLease.finished_run != self.run_id),
                )
            ).all()
        return {shard: holder for shard, holder in rows if not holder.endswith(f":{self.run_id}")}

    def take_from_dead(self, province: str, holders: dict[int, str], limit: int) -> list[int]:
        """Take up to ``limit`` shards whose holder is a dead process on this host, without waiting
        for its leases to expire."""
        taken = []
        for shard, holder in sorted(holders.items()):
            if len(taken) == limit or not holder_is_dead(holder):
                continue
            with transaction(self.sessions) as session:
                result = session.execute(
                    update(IndexerLease)
                    .where(self._row(province, shard), IndexerLease.holder == holder)
                    .values(holder=self.holder, expires_at=self.clock() + self.seconds)
                )
            if result.rowcount == 1:
                log.warning(
                    "took over the lease of a dead indexer",
                    extra={"fields": {"province": province, "shard": shard, "dead_holder": holder}},
                )
                taken.append(shard)
        with self._lock:
            self.held.update((province, shard) for shard in taken)
        return taken

    def renew(self) -> None:
        """Push every held lease's expiry on; a lease already taken over by another holder is lost."""
        with self._lock:
            now = self.clock()
            for province, shard in sorted(self.held):
                with transaction(self.sessions) as session:
                    result = session.execute(
                        update(IndexerLease)
                        .where(self._row(province, shard), IndexerLease.holder == self.holder)
                        .values(expires_at=now + self.seconds)
                    )
                if result.rowcount != 1:
                    self.lost = True
                    log.error(
                        "lease lost", extra={"fields": {"province": province, "shard": shard, "holder": self.holder}}
                    )

    def check(self) -> None:
        if self.lost:
            raise LeaseLost(f"{self.holder} lost a shard lease of {self.target}; another indexer may be writing it")

    def release(self, province: str, shards: Iterable[int]) -> None:
        """Let go of ``shards``, finished (or failed) by this run."""
        shards = list(shards)
        with self._lock:
            with transaction(self.sessions) as session:
                session.execute(
                    update(IndexerLease)
                    .where(
                        IndexerLease.target == self.target,
                        IndexerLease.province == province,
                        IndexerLease.shard.in_(shards),
                        IndexerLease.holder == self.holder,
                    )
                    .values(holder=None, expires_at=0.0, finished_run=self.run_id)
                )
            self.held.difference_update((province, shard) for shard in shards)

    @contextmanager
    def renewing(self):
        """Renew the held leases in the background, every third of their lifetime, while the block runs."""
        stop = threading.Event()

        def renew_until_stopped():
            while not stop.wait(self.seconds / 3):
                try:
                    self.renew()
                except Exception:  # a database hiccup: try again next time, the lease still has time
                    log.exception("lease renewal failed", extra={"fields": {"holder": self.holder}})

        thread = threading.Thread(target=renew_until_stopped, name="lease-renewal", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            thread.join()


def live_targets(sessions: sessionmaker[Session], now: float | None = None) -> set[str]:
    """Targets some process holds a lease on now."""
    now = time.time() if now is None else now
    with transaction(sessions) as session:
        return set(
            session.scalars(
                select(IndexerLease.target)
                .where(IndexerLease.holder.is_not(None), IndexerLease.expires_at >= now)
                .distinct()
            )
        )


def lease_targets(sessions: sessionmaker[Session]) -> set[str]:
    with transaction(sessions) as session:
        return set(session.scalars(select(IndexerLease.target).distinct()))


def forget_target(sessions: sessionmaker[Session], target: str) -> None:
    """Drop the lease rows of a target that is finished with (a rebuild's new index)."""
    with transaction(sessions) as session:
        session.execute(delete(IndexerLease).where(IndexerLease.target == target))


@contextmanager
def marked_as_building(sessions: sessionmaker[Session], index: str, run_id: str):
    """Hold the rebuild marker on ``index`` while the block runs, so no other run takes the index
    for a leftover; its lease rows are forgotten afterwards."""
    leases = ShardLeases(sessions, index, run_id)
    leases.claim(REBUILD_MARKER, [0], limit=1)
    try:
        with leases.renewing():
            yield
    finally:
        try:
            forget_target(sessions, index)
        except SQLAlchemyError as exc:  # the next run of any kind forgets them
            log.error("could not forget the lease rows of %s: %s", index, " ".join(str(exc).split())[:300])
