"""Who may see a resource that is not published: curators and admins every one, a school its own
while it waits for review; anyone else only what is published."""

from __future__ import annotations

from catalog.permissions import allowed
from catalog.stores.models import ResourceDecision


def may_see_unpublished(sessions, user, province: str, resource_id: str) -> bool:
    """May ``user`` (None or anonymous: not signed in) see this resource before it is published?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if allowed(user.role, "view_unpublished"):
        return True
    if not allowed(user.role, "view_own"):
        return False
    with sessions() as session:
        decision = session.get(ResourceDecision, (province, resource_id))
        return decision is not None and decision.owner_school_id == user.school_id
