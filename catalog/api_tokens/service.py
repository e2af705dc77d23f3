"""Creating, listing, revoking and checking API tokens; each creation, revocation and use is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from catalog.api_tokens.scopes import checked_name, checked_scopes, expiry, is_expired, scopes_for_role
from catalog.api_tokens.secrets_format import new_secret, secret_matches, split_token
from catalog.curation.decisions import audit
from catalog.field_problem import FieldProblem
from catalog.messages import N_ as _
from catalog.permissions import PermissionDenied
from catalog.stores.database import transaction
from catalog.stores.models import ApiToken, ResourceDecision, School


class TokenRefused(Exception):
    """The Bearer token cannot be used: ``code`` (malformed, unknown, revoked, expired, disabled) and why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class TokenInfo:
    """What the token list shows: never the secret, which only its creator saw once."""

    public_id: str
    name: str
    scopes: list[str]
    school_name: str | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    state: str  # active, expired, revoked


@dataclass(frozen=True)
class CreatedToken:
    token: str  # the whole secret token, to show once
    info: TokenInfo


def _state(row: ApiToken, now: datetime) -> str:
    if row.revoked_at is not None:
        return "revoked"
    return "expired" if is_expired(row.expires_at, now) else "active"


def _info(row: ApiToken, now: datetime | None = None) -> TokenInfo:
    return TokenInfo(
        row.public_id,
        row.name,
        row.scopes.split(),
        row.school.name if row.school else None,
        row.created_at,
        row.expires_at,
        row.last_used_at,
        _state(row, now or datetime.now(UTC)),
    )


def _snapshot(row: ApiToken) -> dict:
    return {
        "token": row.public_id,
        "token_name": row.name,
        "scopes": row.scopes,
        "school_id": row.school_id,
        "expires_at": row.expires_at.isoformat(),
    }


def may_hold_tokens(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and scopes_for_role(user.role))


def _authorize(user) -> None:
    if not may_hold_tokens(user):
        raise PermissionDenied("api_tokens", "你的账号角色不能使用 API 令牌")


def _school_for(session, user, school_id: int | None) -> int | None:
    """The school a new token is limited to: a school account's own; for curators and admins, the one chosen."""
    if user.role == "school":
        return user.school_id
    if school_id is None:
        return None
    if session.get(School, school_id) is None:
        raise FieldProblem("school_id", _("没有这所学校"))
    return school_id


def create_token(
    sessions, user, name: str, scopes, *, days: int | None = None, school_id: int | None = None
) -> CreatedToken:
    """A new token for ``user``; the returned ``token`` is the only time its secret exists in clear."""
    _authorize(user)
    name, scopes, expires_at = checked_name(name), checked_scopes(user.role, scopes), expiry(days)
    secret = new_secret()
    with transaction(sessions) as session:
        row = ApiToken(
            public_id=secret.public_id,
            user_id=user.id,
            name=name,
            secret_sha256=secret.sha256,
            scopes=" ".join(scopes),
            school_id=_school_for(session, user, school_id),
            expires_at=expires_at,
        )
        session.add(row)
        session.flush()
        session.refresh(row)
        audit(session, user, "api_token_create", after=_snapshot(row))
        return CreatedToken(secret.token, _info(row))


def list_tokens(sessions, user) -> list[TokenInfo]:
    """The user's tokens, newest first, revoked and expired ones included."""
    _authorize(user)
    now = datetime.now(UTC)
    with sessions() as session:
        rows = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc()))
        return [_info(row, now) for row in rows]


def revoke_token(sessions, user, public_id: str) -> None:
    """Revoke one of the user's own tokens at once; revoking twice changes nothing."""
    _authorize(user)
    with transaction(sessions) as session:
        row = session.scalar(select(ApiToken).where(ApiToken.public_id == public_id, ApiToken.user_id == user.id))
        if row is None:
            raise FieldProblem("token", _("没有这个令牌"))
        if row.revoked_at is None:
            before = {**_snapshot(row), "revoked": False}
            row.revoked_at = datetime.now(UTC)
            audit(session, user, "api_token_revoke", before=before, after={**_snapshot(row), "revoked": True})


def authenticate(session, token: str) -> ApiToken:
    """The active token row for a Bearer ``token`` (its ``user`` loaded), or ``TokenRefused`` saying why."""
    parts = split_token(token.strip())
    if parts is None:
        raise TokenRefused("token_malformed", _("不是本目录的 API 令牌（应以 cdcq_ 开头）"))
    row = session.scalar(select(ApiToken).where(ApiToken.public_id == parts[0]))
    if row is None or not secret_matches(parts[1], row.secret_sha256):
        raise TokenRefused("token_unknown", _("API 令牌无效"))
    if row.revoked_at is not None:
        raise TokenRefused("token_revoked", _("API 令牌已被撤销"))
    if is_expired(row.expires_at):
        raise TokenRefused("token_expired", _("API 令牌已过期"))
    if not row.user.active:
        raise TokenRefused("account_disabled", _("令牌所属的账号已停用"))
    return row


def school_refusal(session, row: ApiToken, province: str, resource_id: str) -> str | None:
    """Why a token limited to one school may not act on this resource, or None."""
    if row.school_id is None:
        return None
    decision = session.get(ResourceDecision, (province, resource_id))
    if decision is not None and decision.owner_school_id == row.school_id:
        return None
    return _("这个 API 令牌只限于一所学校的资源")


def record_use(
    sessions, public_id: str, *, write: dict | None = None, province: str | None = None, resource_id: str | None = None
) -> None:
    """Note the token's last use; a write (``write``: method, path, status) also gets an audit row naming it."""
    with transaction(sessions) as session:
        row = session.scalar(select(ApiToken).where(ApiToken.public_id == public_id))
        if row is None:
            return
        row.last_used_at = datetime.now(UTC)
        if write is not None:
            audit(
                session,
                row.user,
                "api_token_use",
                province,
                resource_id,
                after={"token": row.public_id, "token_name": row.name, **write},
            )


def school_choices(sessions) -> list[tuple[int, str]]:
    """The schools a curator's or admin's token may be limited to: (id, name), by province and name."""
    with sessions() as session:
        return [(s.id, s.name) for s in session.scalars(select(School).order_by(School.province, School.name))]
