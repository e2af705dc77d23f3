"""The compose deployment agrees with the code: the settings it sets are ones the code reads,
every province has its storage service and credentials, and no secret is written in the file.

Pure: parses docker-compose.yml, deploy/ and the Dockerfile; starts nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import elasticsearch
import pytest
import yaml

from catalog.provinces import parse_provinces
from catalog.settings import ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
PROVINCES_FILE = ROOT / "deploy" / "provinces.toml"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
S3_INIT_SCRIPT = ROOT / "deploy" / "s3-init.sh"

CATALOG_SERVICES = ("app", "indexer")
# Read outside catalog.settings: gunicorn.conf.py, and the indexer service's own loop.
EXTRA_CATALOG_VARIABLES = {"CATALOG_BIND", "CATALOG_WORKERS", "CATALOG_THREADS", "CATALOG_SYNC_INTERVAL_SECONDS"}
# Required settings the indexer does not read ("web app only" in settings.ENVIRONMENT).
WEB_ONLY_SETTINGS = {"CATALOG_SECRET_KEY"}
S3_CREDENTIAL = re.compile(r"^CATALOG_S3_([A-Z]+)_(ACCESS|SECRET)_KEY$")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|ACCESS_KEY")
REQUIRED_INTERPOLATION = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*):\?[^}]*\}$")
# ${NAME}, ${NAME:-default}, ${NAME:?message} and friends; "$$" is compose's escape for a literal "$".
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")
FAKE_ENV = {
    "ELASTIC_PASSWORD": "fake-elastic-password",
    "POSTGRES_PASSWORD": "fake-postgres-password",
    "CATALOG_ES_WEB_PASSWORD": "fake-web-password",
}


# -- reading the files -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def provinces():
    text = PROVINCES_FILE.read_text(encoding="utf-8")
    codes = re.findall(r'^\s*code\s*=\s*"([a-z]+)"', text, flags=re.M)
    fake = {}
    for code in codes:
        fake[f"CATALOG_S3_{code.upper()}_ACCESS_KEY"] = f"{code}-fake-access"
        fake[f"CATALOG_S3_{code.upper()}_SECRET_KEY"] = f"{code}-fake-secret"
    return parse_provinces(text, fake)


def environment(service: dict) -> dict[str, str]:
    """A service's environment as a dict, whichever of compose's two spellings it uses."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {name: (None if value is None else str(value)) for name, value in env.items()}


def resolve(value: str, environ: dict[str, str]) -> str:
    """Interpolate like compose: ``environ`` wins, then the ``:-`` default; ``:?`` must be satisfied."""

    def one(match: re.Match) -> str:
        name, operator, argument = match.groups()
        if environ.get(name):
            return environ[name]
        if operator in (":-", "-"):
            return argument
        if operator in (":?", "?"):
            raise AssertionError(f"{name} is required: {argument}")
        return ""

    return INTERPOLATION.sub(one, value).replace("$$", "$")


def published_ports(service: dict) -> list[tuple[str, str]]:
    """(published, target) pairs from the short ("[ip:]host:container") or long syntax."""
    pairs = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            pairs.append((str(port.get("published")), str(port["target"])))
        else:
            parts = str(port).split("/")[0].split(":")
            if len(parts) >= 2:
                pairs.append((parts[-2], parts[-1]))
    return pairs


def volume_sources(service: dict) -> dict[str, str]:
    """target path -> source for bind mounts and volumes."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            mounts[volume["target"]] = volume.get("source", "")
        else:
            source, target, *_ = str(volume).split(":")
            mounts[target] = source
    return mounts


def command_words(service: dict) -> list[str]:
    command = service.get("command") or []
    return command.split() if isinstance(command, str) else [str(word) for word in command]


def all_environments(services: dict):
    for name, service in services.items():
        for variable, value in environment(service).items():
            yield name, variable, value


# -- the shape ---------------------------------------------------------------------------------


def test_every_service_is_there(services, provinces):
    expected = {"elasticsearch", "s3-init", "app", "indexer"} | {urlsplit(p.endpoint_url).hostname for p in provinces}
    missing = expected - set(services)
    assert not missing, f"docker-compose.yml lacks services {sorted(missing)}"


def test_app_serves_gunicorn_on_port_8000(services):
    app = services["app"]
    words = " ".join(command_words(app))
    assert "exec gunicorn -c gunicorn.conf.py" in words, "the app runs gunicorn with gunicorn.conf.py"
    assert words.index("catalog-admin db upgrade &&") < words.index("gunicorn"), "the schema is migrated first"
    assert ("8000", "8000") in published_ports(app), "the app publishes port 8000"
    bind = resolve(environment(app).get("CATALOG_BIND") or "", FAKE_ENV)
    assert bind == "0.0.0.0:8000", f"CATALOG_BIND must be 0.0.0.0:8000 in a container, got {bind!r}"


def test_app_and_indexer_share_the_built_image(services):
    assert services["app"].get("build"), "the app is built from the repository's Dockerfile"
    assert services["indexer"].get("image") == services["app"].get("image")
    words = " ".join(command_words(services["indexer"]))
    assert "catalog-indexer sync" in words, "the indexer service runs catalog-indexer sync"
    assert "CATALOG_SYNC_INTERVAL_SECONDS" in words, "the indexer sleeps CATALOG_SYNC_INTERVAL_SECONDS between runs"


@pytest.mark.parametrize("service_name", CATALOG_SERVICES)
def test_catalog_variables_are_ones_the_code_reads(services, provinces, service_name):
    codes = {p.code.upper() for p in provinces}
    unknown = []
    for name in environment(services[service_name]):
        if not name.startswith("CATALOG_"):
            continue
        credential = S3_CREDENTIAL.match(name)
        if name in ENVIRONMENT or name in EXTRA_CATALOG_VARIABLES or (credential and credential.group(1) in codes):
            continue
        unknown.append(name)
    assert not unknown, f"{service_name} sets variables no code reads: {unknown}"


@pytest.mark.parametrize("service_name", CATALOG_SERVICES)
def test_required_settings_are_set(services, service_name):
    required = {name for name, (default, _) in ENVIRONMENT.items() if default is None}
    if service_name != "app":
        required -= WEB_ONLY_SETTINGS
    env = environment(services[service_name])
    unset = sorted(name for name in required if not env.get(name))
    assert not unset, f"{service_name} does not set required settings {unset}"


@pytest.mark.parametrize("service_name", CATALOG_SERVICES)
def test_settings_point_at_the_compose_services(services, service_name):
    service = services[service_name]
    env = {
        name: resolve(value, FAKE_ENV)
        for name, value in environment(service).items()
        if value is not None and not REQUIRED_INTERPOLATION.match(value)
    }
    es_url = urlsplit(env.get("CATALOG_ES_URL", ENVIRONMENT["CATALOG_ES_URL"][0]))
    assert es_url.hostname == "elasticsearch" and (es_url.port or 9200) == 9200, f"CATALOG_ES_URL is {es_url.geturl()}"
    assert "elasticsearch" in service.get("depends_on", {})
    provinces_path = env["CATALOG_PROVINCES_FILE"]
    source = volume_sources(service).get(provinces_path)
    assert source and (ROOT / source).resolve() == PROVINCES_FILE, (
        f"{service_name}: {provinces_path} must be deploy/provinces.toml mounted, got {source!r}"
    )


@pytest.mark.parametrize("service_name", CATALOG_SERVICES)
def test_the_catalog_database_is_the_compose_postgres(services, service_name):
    url = urlsplit(resolve(environment(services[service_name])["CATALOG_DATABASE_URL"], FAKE_ENV))
    assert (url.scheme, url.hostname, url.path) == ("postgresql+psycopg", "postgres", "/catalog")
    assert services[service_name]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])


@pytest.mark.parametrize("service_name", CATALOG_SERVICES)
def test_catalog_services_wait_for_healthy_stores(services, provinces, service_name):
    depends_on = services[service_name].get("depends_on")
    assert isinstance(depends_on, dict), f"{service_name}: depends_on needs conditions"
    wanted = {"elasticsearch": "service_healthy", "s3-init": "service_completed_successfully"}
    wanted.update({urlsplit(p.endpoint_url).hostname: "service_healthy" for p in provinces})
    actual = {name: (spec or {}).get("condition") for name, spec in depends_on.items()}
    wrong = {name: actual.get(name) for name, condition in wanted.items() if actual.get(name) != condition}
    assert not wrong, f"{service_name}: depends_on conditions should be {wanted}, differ at {wrong}"


def test_app_healthcheck_asks_readyz(services):
    test = services["app"].get("healthcheck", {}).get("test")
    assert test and "/readyz" in " ".join(test if isinstance(test, list) else [test])


# -- provinces and their storage ---------------------------------------------------------------


def test_deploy_provinces_file_loads(provinces):
    assert [p.code for p in provinces] == ["cq", "sc"]
    for province in provinces:
        assert province.access_key == f"{province.code}-fake-access"
        assert province.bucket, f"{province.code} needs a bucket"


def test_every_province_has_its_storage_service(services, provinces):
    for province in provinces:
        endpoint = urlsplit(province.endpoint_url)
        service = services.get(endpoint.hostname)
        assert service is not None, f"{province.code}: no service named {endpoint.hostname} for {province.endpoint_url}"
        words = command_words(service)
        address = words[words.index("--address") + 1] if "--address" in words else ":9000"  # MinIO's default
        port = int(address.rsplit(":", 1)[1])
        assert (endpoint.port or 80) == port, (
            f"{province.code}: {province.endpoint_url} but {endpoint.hostname} listens on {port}"
        )
        assert service.get("healthcheck", {}).get("test"), f"{endpoint.hostname} needs a healthcheck"
        assert any(not source.startswith((".", "/")) for source in volume_sources(service).values()), (
            f"{endpoint.hostname} keeps its data in its own named volume"
        )


def test_storage_services_do_not_share_volumes_or_root_users(services, provinces):
    hosts = [urlsplit(p.endpoint_url).hostname for p in provinces]
    volumes = [source for host in hosts for source in volume_sources(services[host]).values()]
    assert len(volumes) == len(set(volumes)), f"storage services share volumes: {volumes}"
    root_users = [environment(services[host]).get("MINIO_ROOT_USER") for host in hosts]
    assert None not in root_users and len(set(root_users)) == len(root_users), f"root users: {root_users}"


@pytest.mark.parametrize("service_name", CATALOG_SERVICES + ("s3-init",))
def test_every_province_credentials_are_passed(services, provinces, service_name):
    env = environment(services[service_name])
    for province in provinces:
        for name in province.credential_env_names():
            required = REQUIRED_INTERPOLATION.match(env.get(name) or "")
            assert required and required.group(1) == name, (
                f"{service_name} must pass {name} through as ${{{name}:?...}}, got {env.get(name)!r}"
            )


def test_s3_init_creates_the_buckets_of_the_provinces_file(services, provinces):
    init = services["s3-init"]
    assert "minio/mc" in init["image"]
    mounts = volume_sources(init)
    provinces_path = environment(init).get("CATALOG_PROVINCES_FILE")
    assert provinces_path and (ROOT / mounts.get(provinces_path, "")).resolve() == PROVINCES_FILE
    entrypoint = init.get("entrypoint") or []
    script_target = next((word for word in entrypoint if word.endswith(".sh")), None)
    assert script_target and (ROOT / mounts.get(script_target, "")).resolve() == S3_INIT_SCRIPT
    env = environment(init)
    for province in provinces:
        upper = province.code.upper()
        for name in (f"S3_{upper}_ROOT_USER", f"S3_{upper}_ROOT_PASSWORD"):
            assert env.get(name), f"s3-init needs {name} to log in to {province.code}'s storage"
    script = S3_INIT_SCRIPT.read_text(encoding="utf-8")
    assert "mc mb --ignore-existing" in script


# -- Elasticsearch -----------------------------------------------------------------------------


def test_elasticsearch_matches_the_client(services):
    image = services["elasticsearch"]["image"]
    repository, _, tag = image.rpartition(":")
    assert repository == "docker.elastic.co/elasticsearch/elasticsearch", image
    server = tuple(int(part) for part in tag.split(".")[:2])
    client = tuple(int(part) for part in elasticsearch.__versionstr__.split(".")[:2])
    assert server[0] == client[0], f"server {tag} and client {elasticsearch.__versionstr__} majors differ"
    assert server >= client, f"server {tag} is older than client {elasticsearch.__versionstr__}"


def test_elasticsearch_is_single_node_with_security_and_a_heap(services):
    es = services["elasticsearch"]
    env = environment(es)
    assert env.get("discovery.type") == "single-node"
    assert env.get("xpack.security.enabled") == "true"
    assert REQUIRED_INTERPOLATION.match(env.get("ELASTIC_PASSWORD") or ""), "ELASTIC_PASSWORD must be required"
    assert re.search(r"-Xms\S+", env.get("ES_JAVA_OPTS", "")) and re.search(r"-Xmx\S+", env["ES_JAVA_OPTS"])
    test = " ".join(es["healthcheck"]["test"])
    # "$$" reaches the container as "$": the password is read there, not written here.
    assert "curl" in test and re.search(r"-u\s+\"?elastic:\$\$\{?ELASTIC_PASSWORD\}?", test), test


def test_catalog_logs_in_with_the_elastic_password(services):
    elastic_password = environment(services["elasticsearch"])["ELASTIC_PASSWORD"]
    for name in CATALOG_SERVICES:
        env = environment(services[name])
        assert env.get("CATALOG_ES_USERNAME") == "elastic"
        assert REQUIRED_INTERPOLATION.match(env["CATALOG_ES_PASSWORD"]).group(1) == REQUIRED_INTERPOLATION.match(
            elastic_password
        ).group(1)


# -- secrets -----------------------------------------------------------------------------------


def test_no_secret_has_a_literal_value(services):
    literal = [
        (service, name, value)
        for service, name, value in all_environments(services)
        if SECRET_NAME.search(name.upper()) and not REQUIRED_INTERPOLATION.match(value or "")
    ]
    assert not literal, f"secrets must be ${{VAR:?message}} interpolations, found {literal}"


def test_required_variables_are_documented_in_env_example():
    required = {
        match.group(1)
        for match in INTERPOLATION.finditer(COMPOSE_FILE.read_text(encoding="utf-8"))
        if match.group(2) in (":?", "?")
    }
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), flags=re.M))
    assert required == documented, (
        f"deploy/env.example out of step: undocumented {sorted(required - documented)}, stale {sorted(documented - required)}"
    )
    assert not re.search(r"^[A-Z][A-Z0-9_]*=\S", ENV_EXAMPLE.read_text(encoding="utf-8"), flags=re.M), (
        "deploy/env.example must not carry values"
    )


def test_no_variable_default_looks_like_a_secret():
    defaults = [
        (match.group(1), match.group(3))
        for match in INTERPOLATION.finditer(COMPOSE_FILE.read_text(encoding="utf-8"))
        if match.group(2) in (":-", "-")
    ]
    leaked = [(name, default) for name, default in defaults if SECRET_NAME.search(name)]
    assert not leaked, f"secret variables with defaults: {leaked}"


# -- the image ---------------------------------------------------------------------------------


def test_dockerfile_runs_gunicorn_as_a_user_on_python_311():
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert {line.split()[1] for line in lines if line.startswith("FROM ")} == {"python:3.11-slim"}
    # The image installs the wheel it built (tests/stack/test_installed_wheel.py), not the source tree.
    assert any(re.match(r"(RUN|&&) pip install \"\$\(ls /wheels/\*\.whl\)\[postgres\]\"", line) for line in lines)
    # Leaflet is fetched at build time, so no page depends on a CDN at run time.
    assert any("scripts/lib/vendor_assets.py" in line for line in lines)
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0"), "the image must not run as root"
    assert lines[-1] == 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]'


def test_dockerignore_keeps_local_state_and_secrets_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".venv", ".cache", ".stack", ".git", ".env", "scripts/dev.env"):
        assert entry in ignored, f".dockerignore should exclude {entry}"
    for needed in ("catalog", "indexer", "setup.cfg", "pyproject.toml", "gunicorn.conf.py", "templates"):
        assert needed not in ignored, f"the image needs {needed}"


def test_the_app_uses_its_scoped_elasticsearch_user_made_by_es_init(services):
    words = " ".join(command_words(services["app"]))
    assert "CATALOG_ES_USERNAME=$CATALOG_ES_WEB_USERNAME" in words.replace("$$", "$")
    assert services["app"]["depends_on"]["es-init"] == {"condition": "service_completed_successfully"}
    init = " ".join(command_words(services["es-init"]))
    assert "/_security/role/catalog_web" in init and '"write"' in init and "delete_index" not in init
    assert "/_security/user/catalog-web" in init
