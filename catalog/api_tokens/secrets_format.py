"""What a token looks like and how it is checked: ``cdcq_<public id>_<secret>``, of which only a hash is kept.

The public id finds the row; the secret is compared by its SHA-256 in constant time. A 32-byte random
secret cannot be guessed, so a plain (unsalted, fast) hash is enough: there is nothing to brute-force.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

PREFIX = "cdcq_"
PUBLIC_ID = re.compile(r"^[0-9a-f]{12}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{43}$")  # token_urlsafe(32)


@dataclass(frozen=True)
class NewSecret:
    public_id: str
    token: str  # shown once, never stored
    sha256: str


def secret_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> NewSecret:
    public_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    return NewSecret(public_id, f"{PREFIX}{public_id}_{secret}", secret_sha256(secret))


def split_token(token: str) -> tuple[str, str] | None:
    """(public id, secret) of a well-formed token, else None."""
    if not token.startswith(PREFIX):
        return None
    public_id, underscore, secret = token[len(PREFIX) :].partition("_")
    if not underscore or not PUBLIC_ID.match(public_id) or not SECRET.match(secret):
        return None
    return public_id, secret


def secret_matches(secret: str, stored_sha256: str) -> bool:
    return hmac.compare_digest(secret_sha256(secret), stored_sha256)
