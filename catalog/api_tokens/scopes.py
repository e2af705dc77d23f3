"""Which scopes a token may carry: each stands for actions of the permission table, and a user can only
give a token what the user's role may do itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from catalog.field_problem import FieldProblem
from catalog.messages import N_ as _  # marks each message for extraction; shown translated
from catalog.permissions import allowed

# scope -> the action of catalog.permissions the role must allow
SCOPES = {"upload": "upload", "edit_own": "edit_own", "curate": "review"}
SCOPE_LABELS = {"upload": _("上传资源"), "edit_own": _("修改和撤回本校的资源"), "curate": _("审核、标注和推荐资源")}
DEFAULT_DAYS = 90
MAX_DAYS = 365
MAX_NAME = 60


def scopes_for_role(role: str | None) -> list[str]:
    """The scopes a user of ``role`` may put on a token, in table order."""
    return [scope for scope, action in SCOPES.items() if allowed(role, action)]


def checked_scopes(role: str | None, wanted) -> list[str]:
    """The wanted scopes, sorted; ``FieldProblem`` on ``scopes`` for none, unknown or beyond the role."""
    wanted = sorted(set(wanted or ()))
    if not wanted:
        raise FieldProblem("scopes", _("请至少选择一个权限范围"))
    if any(scope not in SCOPES for scope in wanted):
        raise FieldProblem("scopes", _("没有这个权限范围"))
    if any(scope not in scopes_for_role(role) for scope in wanted):
        raise FieldProblem("scopes", _("你的账号角色不能授予这个权限范围"))
    return wanted


def checked_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise FieldProblem("name", _("请给令牌起一个名字（例如用它的系统）"))
    if len(name) > MAX_NAME:
        raise FieldProblem("name", _("名字最多 60 个字"))
    return name


def expiry(days: int | None, now: datetime | None = None) -> datetime:
    """When a token made now for ``days`` (None: the default) expires; ``FieldProblem`` beyond a year."""
    days = DEFAULT_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise FieldProblem("days", _("有效期须在 1 到 365 天之间"))
    return (now or datetime.now(UTC)) + timedelta(days=days)


def is_expired(expires_at: datetime, now: datetime | None = None) -> bool:
    moment = expires_at if expires_at.tzinfo else expires_at.replace(tzinfo=UTC)
    return moment <= (now or datetime.now(UTC))
