"""Who may do what: one table of role × action, checked by the services the pages and API share.

Searching published resources needs no account. Everything else is in the table; "own"
actions also need the resource to belong to the user's school.
"""

from __future__ import annotations

from catalog.messages import N_

ROLES = ("teacher", "school", "curator", "admin")

# action -> what a refusal says the action is
ACTIONS = {
    "upload": N_("上传资源"),
    "edit_own": N_("修改本校的资源"),
    "withdraw_own": N_("撤回本校的资源"),
    "view_own": N_("查看本校资源的审核状态"),
    "view_unpublished": N_("查看未发布的资源"),
    "review": N_("审核资源"),
    "tag": N_("编辑标签"),
    "feature": N_("设为精品"),
    "view_audit": N_("查看操作记录"),
    "manage_accounts": N_("管理学校和账号"),
    "collect": N_("收藏资源"),
}

PERMISSIONS: dict[str, frozenset[str]] = {
    "teacher": frozenset({"collect"}),
    "school": frozenset({"upload", "edit_own", "withdraw_own", "view_own"}),
    "curator": frozenset({"view_unpublished", "review", "tag", "feature", "view_audit"}),
    # Every upload belongs to a school, whose province's storage it goes to: admins act on
    # uploads (edit, withdraw, review) but do not make them.
    "admin": frozenset(ACTIONS) - {"upload"},
}
OWN_ACTIONS = frozenset({"edit_own", "withdraw_own", "view_own"})


class PermissionDenied(Exception):
    """Refused: ``message`` says what and why, for a 403 page or JSON error."""

    def __init__(self, action: str, message: str):
        super().__init__(message)
        self.action = action
        self.message = message


def allowed(role: str | None, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return action in PERMISSIONS.get(role or "", frozenset())


def authorize(user, action: str, *, owner_school_id: int | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` (None: not signed in) may do ``action``."""
    what = ACTIONS[action]
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied(action, N_("请先登录，才能%(what)s", what=what))
    if not allowed(user.role, action):
        raise PermissionDenied(action, N_("你的账号角色不能%(what)s", what=what))
    if action in OWN_ACTIONS and user.role != "admin" and owner_school_id != user.school_id:
        raise PermissionDenied(action, N_("这个资源属于别的学校：只能处理本校的资源"))
