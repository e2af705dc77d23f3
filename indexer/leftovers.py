"""What an interrupted run leaves behind: a half-built concrete index and its lease rows.

Any run (sync or rebuild) clears them first. An unaliased concrete index is a leftover unless
a rebuild still holds its marker lease on it (``leases.marked_as_building``): two indexers may
run at once, and one must not drop the index the other is building.
"""

from __future__ import annotations

import logging

from elasticsearch import Elasticsearch
from sqlalchemy.orm import Session, sessionmaker

from catalog.indexing.index_definition import is_concrete_index_of
from indexer.leases import forget_target, lease_targets, live_targets

log = logging.getLogger(__name__)


def alias_targets(es: Elasticsearch, alias: str) -> list[str]:
    """The concrete indices behind ``alias``; none when there is no such alias."""
    # An alias look-up resolves every index of the cluster twice (security, then the action), and one
    # deleted in between (another run dropping its old index, any index at all) fails it with
    # index_not_found; exists_alias, the same look-up, then says the alias is missing, and a sync would
    # rebuild and the leftovers sweep drop the serving index. ignore_unavailable skips such an index.
    found = es.options(ignore_status=404).indices.get_alias(name=alias, ignore_unavailable=True).body
    return sorted(
        name for name, entry in found.items() if isinstance(entry, dict) and alias in entry.get("aliases", {})
    )


def clear_leftovers(es: Elasticsearch, alias: str, sessions: sessionmaker[Session]) -> list[str]:
    """Drop the concrete indices of ``alias`` no run serves or builds, and forget the lease rows of
    every such index; return the dropped indices' names."""
    # The order matters while a rebuild runs: it takes its marker before it creates its index and
    # lets go of it only after the swap. So an index listed here is either marked live when the
    # leases are read next, or serving when the alias is read last.
    existing = {
        name
        for name in es.indices.get(index=f"{alias}-*", expand_wildcards="open,closed")
        if is_concrete_index_of(alias, name)
    }
    live = live_targets(sessions)
    serving = set(alias_targets(es, alias))
    dropped = sorted(existing - serving - live)
    for name in dropped:
        log.warning("dropping index %s, left by an interrupted rebuild", name)
        es.options(ignore_status=404).indices.delete(index=name)
    for target in lease_targets(sessions):
        if is_concrete_index_of(alias, target) and target not in serving and target not in live:
            forget_target(sessions, target)
    return dropped
