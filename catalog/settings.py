"""The catalog's configuration, read from ``CATALOG_*`` environment variables.

Every variable is documented in the README's configuration table; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from limits import parse_many

from catalog.provinces import Province, load_provinces


class SettingsError(ValueError):
    """A required setting is missing or malformed."""


# name -> (default or None when required, description). The README table is checked against this.
ENVIRONMENT = {
    "CATALOG_ES_URL": (
        "http://127.0.0.1:9200",
        "Elasticsearch URL; several nodes separated by commas (a failed request is tried on another; no sniffing)",
    ),
    "CATALOG_ES_USERNAME": (None, "Elasticsearch user"),
    "CATALOG_ES_PASSWORD": (None, "Elasticsearch password"),
    "CATALOG_ES_TIMEOUT": ("10", "seconds before an Elasticsearch request gives up"),
    "CATALOG_INDEX_ALIAS": ("resources", "alias the app reads; concrete indices are <alias>-<stamp>"),
    "CATALOG_INDEX_SHARDS": ("1", "primary shards of each new concrete index (a rebuild applies a change)"),
    "CATALOG_INDEX_REPLICAS": (
        "0",
        "replicas of the catalog index once a rebuild has loaded it; 1 or more on a cluster",
    ),
    "CATALOG_INDEXER_SHARDS": (
        "4",
        "shards each province's resources are split into for indexer workers "
        "(catalog-indexer --workers); the same on every indexer instance",
    ),
    "CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT": (
        "20",
        "most of a province's documents (in %) one sync or rebuild may withdraw without --allow-mass-withdrawal",
    ),
    "CATALOG_PROVINCES_FILE": (None, "TOML file listing the provinces' storage"),
    "CATALOG_SECRET_KEY": (None, "Flask session signing key (web app only)"),
    "CATALOG_PRESIGN_SECONDS": ("300", "lifetime of presigned download URLs"),
    "CATALOG_MAP_TILE_URL": (
        "",
        "map tile URL template with {z}/{x}/{y} (a domestic service for mainland users); "
        "empty: markers on the district outlines the app serves itself",
    ),
    "CATALOG_MAP_ATTRIBUTION": ("", "credit line the tile service requires"),
    "CATALOG_DATABASE_URL": (
        "sqlite:///var/catalog.db",
        "the catalog's database (accounts, reviews, tags, audit): "
        "a SQLite file, or postgresql+psycopg://… in deployments",
    ),
    "CATALOG_UPLOAD_MAX_FILE_MB": ("50", "largest file a school may upload through the form or API"),
    "CATALOG_UPLOAD_DIRECT_FROM_MB": (
        "20",
        "files larger than this go from the browser straight to the province's storage (presigned multipart)",
    ),
    "CATALOG_RESTORE_DAYS": (
        "30",
        "how many days after withdrawing a resource its school (or an admin) may restore it",
    ),
    "CATALOG_RATELIMIT_STORAGE_URL": (
        "memory://",
        "where login attempts are counted (redis://… to share between gunicorn workers and hosts)",
    ),
    "CATALOG_SECURE_COOKIES": ("true", "send session cookies over HTTPS only (false for the plain-HTTP local stack)"),
    "CATALOG_TEMPLATES_DIR": (
        "",
        "the pages' templates folder; empty: templates/ beside the catalog package "
        "(a source checkout). An installed package has none: the image sets /app/templates",
    ),
    # Read by scripts/elasticsearch (a file-realm user and role) and scripts/run, not by Settings.
    "CATALOG_ES_WEB_USERNAME": (
        "catalog-web",
        "the web app's own Elasticsearch user: documents of <alias>* only, "
        "no index creation or deletion; scripts/run serves with it",
    ),
    "CATALOG_ES_WEB_PASSWORD": (None, "its password"),
    # Read by gunicorn.conf.py and the compose indexer loop, not by Settings.
    "CATALOG_BIND": ("127.0.0.1:8000", "address gunicorn listens on"),
    "CATALOG_WORKERS": ("2", "gunicorn worker processes"),
    "CATALOG_THREADS": ("4", "threads per gunicorn worker"),
    "CATALOG_SYNC_INTERVAL_SECONDS": ("900", "pause between scheduled syncs (docker-compose indexer)"),
    "CATALOG_METRICS_PORT": ("", "port of the Prometheus /metrics listener, apart from the site's; empty: no metrics"),
    "CATALOG_METRICS_ADDRESS": ("127.0.0.1", "address the metrics listener binds (0.0.0.0 in a container)"),
    "CATALOG_OAI_ADMIN_EMAIL": ("catalog-admin@example.cn", "the address OAI-PMH Identify gives harvesters"),
    "CATALOG_API_TOKEN_RATE_LIMIT": (
        "600 per minute",
        "how many JSON API requests one API token may make (flask-limiter notation, counted per token)",
    ),
}


def _read(environ, name: str) -> str:
    default, _ = ENVIRONMENT[name]
    value = environ.get(name, default)
    if value in (None, ""):
        raise SettingsError(f"{name} is not set")
    return value


def _read_int(environ, name: str) -> int:
    value = _read(environ, name)
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {value!r}") from None


def _read_positive_int(environ, name: str) -> int:
    value = _read_int(environ, name)
    if value < 1:
        raise SettingsError(f"{name} must be 1 or more, got {value}")
    return value


def _read_percent(environ, name: str) -> int:
    value = _read_int(environ, name)
    if not 0 <= value <= 100:
        raise SettingsError(f"{name} must be between 0 and 100, got {value}")
    return value


def _read_port(environ, name: str) -> int:
    value = _read_int(environ, name)
    if not 1 <= value <= 65535:
        raise SettingsError(f"{name} must be a port between 1 and 65535, got {value}")
    return value


def _read_rate_limit(environ, name: str) -> str:
    value = _read(environ, name)
    try:
        parse_many(value)
    except ValueError:
        raise SettingsError(f"{name} must be a rate such as '600 per minute', got {value!r}") from None
    return value


def _read_bool(environ, name: str) -> bool:
    value = _read(environ, name).strip().lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise SettingsError(f"{name} must be true or false, got {value!r}")
    return value in ("true", "1", "yes")


@dataclass(frozen=True)
class Settings:
    es_url: str
    es_username: str
    es_password: str = field(repr=False)
    es_timeout: int
    index_alias: str
    provinces: tuple[Province, ...]
    secret_key: str | None = field(default=None, repr=False)
    presign_seconds: int = 300
    map_tile_url: str = ""
    map_attribution: str = ""
    database_url: str = "sqlite:///var/catalog.db"
    upload_max_file_mb: int = 50
    upload_direct_from_mb: int = 20
    restore_days: int = 30
    ratelimit_storage_url: str = "memory://"
    secure_cookies: bool = True
    index_shards: int = 1
    index_replicas: int = 0
    indexer_shards: int = 4
    indexer_max_withdrawal_percent: int = 20
    templates_dir: str = ""
    metrics_port: int | None = None
    metrics_address: str = "127.0.0.1"
    oai_admin_email: str = "catalog-admin@example.cn"
    api_token_rate_limit: str = "600 per minute"

    @classmethod
    def from_environ(cls, environ=None, *, need_secret_key: bool = False) -> Settings:
        environ = os.environ if environ is None else environ
        return cls(
            es_url=_read(environ, "CATALOG_ES_URL"),
            es_username=_read(environ, "CATALOG_ES_USERNAME"),
            es_password=_read(environ, "CATALOG_ES_PASSWORD"),
            es_timeout=_read_int(environ, "CATALOG_ES_TIMEOUT"),
            index_alias=_read(environ, "CATALOG_INDEX_ALIAS"),
            provinces=tuple(load_provinces(_read(environ, "CATALOG_PROVINCES_FILE"), environ)),
            secret_key=_read(environ, "CATALOG_SECRET_KEY") if need_secret_key else environ.get("CATALOG_SECRET_KEY"),
            presign_seconds=_read_int(environ, "CATALOG_PRESIGN_SECONDS"),
            map_tile_url=environ.get("CATALOG_MAP_TILE_URL", ""),
            map_attribution=environ.get("CATALOG_MAP_ATTRIBUTION", ""),
            database_url=_read(environ, "CATALOG_DATABASE_URL"),
            upload_max_file_mb=_read_int(environ, "CATALOG_UPLOAD_MAX_FILE_MB"),
            upload_direct_from_mb=_read_int(environ, "CATALOG_UPLOAD_DIRECT_FROM_MB"),
            restore_days=_read_positive_int(environ, "CATALOG_RESTORE_DAYS"),
            ratelimit_storage_url=_read(environ, "CATALOG_RATELIMIT_STORAGE_URL"),
            secure_cookies=_read_bool(environ, "CATALOG_SECURE_COOKIES"),
            index_shards=_read_int(environ, "CATALOG_INDEX_SHARDS"),
            index_replicas=_read_int(environ, "CATALOG_INDEX_REPLICAS"),
            indexer_shards=_read_positive_int(environ, "CATALOG_INDEXER_SHARDS"),
            indexer_max_withdrawal_percent=_read_percent(environ, "CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT"),
            templates_dir=environ.get("CATALOG_TEMPLATES_DIR", ""),
            metrics_port=_read_port(environ, "CATALOG_METRICS_PORT") if environ.get("CATALOG_METRICS_PORT") else None,
            metrics_address=_read(environ, "CATALOG_METRICS_ADDRESS"),
            oai_admin_email=_read(environ, "CATALOG_OAI_ADMIN_EMAIL"),
            api_token_rate_limit=_read_rate_limit(environ, "CATALOG_API_TOKEN_RATE_LIMIT"),
        )

    def province(self, code: str) -> Province | None:
        return next((p for p in self.provinces if p.code == code), None)
