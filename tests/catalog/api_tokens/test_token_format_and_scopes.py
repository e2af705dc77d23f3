"""API tokens without a database: the secret's format and hash, and which scopes a role may give a token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from catalog.api_tokens.scopes import DEFAULT_DAYS, checked_name, checked_scopes, expiry, is_expired, scopes_for_role
from catalog.api_tokens.secrets_format import new_secret, secret_matches, secret_sha256, split_token
from catalog.field_problem import FieldProblem


def test_a_new_token_carries_its_public_id_and_only_a_hash_of_the_secret_is_kept():
    made = new_secret()
    assert made.token.startswith(f"cdcq_{made.public_id}_")
    public_id, secret = split_token(made.token)
    assert public_id == made.public_id
    assert secret not in made.sha256 and made.sha256 == secret_sha256(secret)
    assert secret_matches(secret, made.sha256)
    assert not secret_matches(secret[:-1] + ("A" if secret[-1] != "A" else "B"), made.sha256)


def test_two_tokens_never_share_an_id_or_a_secret():
    made = [new_secret() for _ in range(200)]
    assert len({m.public_id for m in made}) == len({m.token for m in made}) == 200


@pytest.mark.parametrize(
    "token",
    [
        "",
        "cdcq_",
        "abc",
        "ghp_0123456789ab_" + "a" * 43,
        "cdcq_0123456789ab",
        "cdcq_XYZ456789abc_" + "a" * 43,
        "cdcq_0123456789ab_" + "a" * 42,
        "cdcq_0123456789ab_" + "a" * 42 + "!",
    ],
)
def test_anything_but_a_well_formed_token_is_not_looked_up(token):
    assert split_token(token) is None


@pytest.mark.parametrize(
    ("role", "scopes"),
    [("teacher", []), ("school", ["upload", "edit_own"]), ("curator", ["curate"]), ("admin", ["edit_own", "curate"])],
)
def test_a_role_can_only_give_a_token_what_it_may_do_itself(role, scopes):
    assert scopes_for_role(role) == scopes


def test_scopes_beyond_the_role_unknown_or_none_are_refused_naming_the_field():
    assert checked_scopes("school", ["upload", "edit_own", "upload"]) == ["edit_own", "upload"]
    for role, wanted in (("school", ["curate"]), ("curator", ["upload"]), ("school", ["root"]), ("school", [])):
        with pytest.raises(FieldProblem) as refused:
            checked_scopes(role, wanted)
        assert refused.value.field == "scopes"


def test_a_token_expires_after_the_default_or_chosen_days_and_never_after_a_year():
    now = datetime(2026, 12, 2, tzinfo=UTC)
    assert expiry(None, now) == now + timedelta(days=DEFAULT_DAYS)
    assert expiry(365, now) == now + timedelta(days=365)
    for days in (0, 366, -5):
        with pytest.raises(FieldProblem) as refused:
            expiry(days, now)
        assert refused.value.field == "days"
    assert is_expired(now, now) and not is_expired(now + timedelta(seconds=1), now)
    assert is_expired(datetime(2026, 1, 1), now)  # SQLite hands times back without a zone: read as UTC


def test_a_token_needs_a_name_of_at_most_sixty_characters():
    assert checked_name("  区教育局资源平台 ") == "区教育局资源平台"
    for name in ("", "   ", None, "名" * 61):
        with pytest.raises(FieldProblem) as refused:
            checked_name(name)
        assert refused.value.field == "name"


def test_a_token_rate_limit_flask_limiter_cannot_read_is_refused_at_start(minimal_environ):
    from catalog.settings import Settings, SettingsError

    assert Settings.from_environ(minimal_environ).api_token_rate_limit == "600 per minute"
    chosen = {**minimal_environ, "CATALOG_API_TOKEN_RATE_LIMIT": "100 per minute; 5000 per day"}
    assert Settings.from_environ(chosen).api_token_rate_limit == "100 per minute; 5000 per day"
    with pytest.raises(SettingsError, match="CATALOG_API_TOKEN_RATE_LIMIT"):
        Settings.from_environ({**minimal_environ, "CATALOG_API_TOKEN_RATE_LIMIT": "lots"})
