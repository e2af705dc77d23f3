"""Failed logins are limited per address and per account, and with Redis the count and a logout
hold across gunicorn workers, as deployments with several workers and hosts run them."""

from __future__ import annotations

import os

import pytest
import requests

from tests.curation_fixtures import PASSWORD
from tests.security import gunicorn_site

pytestmark = pytest.mark.stack


def _login(client, email: str, password: str, address: str):
    token = client.get("/api/v1/session", environ_base={"REMOTE_ADDR": address}).get_json()["csrf_token"]
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_guesses_spread_over_many_addresses_still_stop_at_the_account(site):
    client = site.app.test_client()
    email = site.users["school"].email
    for n in range(10):
        assert _login(client, email, "wrong-guess", f"198.51.100.{n}").status_code == 401
    assert _login(client, email, PASSWORD, "198.51.100.200").status_code == 429
    # Another account from one of those addresses is not held back by this one.
    assert _login(client, site.users["curator"].email, PASSWORD, "198.51.100.1").status_code == 303


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("CATALOG_TEST_REDIS_URL")
    assert url, "scripts/test starts Redis and sets CATALOG_TEST_REDIS_URL"
    redis.Redis.from_url(url).flushdb()
    return url


def test_two_workers_share_one_logout_and_one_limit_through_redis(site, tmp_path, redis_url):
    environment = {"CATALOG_RATELIMIT_STORAGE_URL": redis_url}
    with gunicorn_site.served_by_gunicorn(site, tmp_path, workers=2, environment=environment) as (root, _):
        admin = gunicorn_site.signed_in(root, site.users["admin"].email)
        copied = requests.Session()
        copied.cookies.update(admin.cookies)
        admin.post(
            root + "/logout", data={"csrf_token": admin.headers["X-CSRFToken"]}, timeout=10, allow_redirects=False
        )
        for _ in range(4):  # new connections, so both workers answer: the copied session is over on each
            with requests.Session() as replay:
                replay.cookies.update(copied.cookies)
                assert replay.get(root + "/api/v1/session", timeout=10).json()["user"] is None

        for _ in range(10):  # each guess on a new connection: the two workers take turns
            with requests.Session() as guesser:
                token = guesser.get(root + "/api/v1/session", timeout=10).json()["csrf_token"]
                answer = guesser.post(
                    root + "/login",
                    timeout=10,
                    allow_redirects=False,
                    data={"email": site.users["school"].email, "password": "wrong-guess", "csrf_token": token},
                )
                assert answer.status_code == 401
        with requests.Session() as late:
            token = late.get(root + "/api/v1/session", timeout=10).json()["csrf_token"]
            blocked = late.post(
                root + "/login",
                timeout=10,
                allow_redirects=False,
                data={"email": site.users["curator"].email, "password": PASSWORD, "csrf_token": token},
            )
        # The address's eleventh attempt is refused, whichever worker counted the ten (memory:// would
        # let about twenty through with two workers).
        assert blocked.status_code == 429
