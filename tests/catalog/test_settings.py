"""Settings come from the environment, and every one of them is documented in the README."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from catalog.settings import ENVIRONMENT, Settings, SettingsError


def test_every_setting_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(CATALOG_[A-Z0-9_]+)`", readme, flags=re.MULTILINE))
    missing = set(ENVIRONMENT) - documented
    assert not missing, f"settings missing from README's configuration table: {sorted(missing)}"


def test_no_secret_has_a_default():
    for name, (default, _) in ENVIRONMENT.items():
        if any(word in name for word in ("PASSWORD", "SECRET")):
            assert default is None, name


def test_a_missing_secret_is_named(tmp_path):
    provinces = tmp_path / "provinces.toml"
    provinces.write_text(
        '[[province]]\ncode="cq"\nname="重庆市"\nendpoint_url="http://x"\nbucket="b"\n', encoding="utf-8"
    )
    environ = {
        "CATALOG_ES_USERNAME": "u",
        "CATALOG_PROVINCES_FILE": str(provinces),
        "CATALOG_S3_CQ_ACCESS_KEY": "a",
        "CATALOG_S3_CQ_SECRET_KEY": "s",
    }
    with pytest.raises(SettingsError, match="CATALOG_ES_PASSWORD is not set"):
        Settings.from_environ(environ)
    settings = Settings.from_environ(
        {**environ, "CATALOG_ES_PASSWORD": "pw-0451", "CATALOG_S3_CQ_SECRET_KEY": "sk-0451"}
    )
    assert settings.es_url == "http://127.0.0.1:9200" and settings.index_alias == "resources"
    assert "0451" not in repr(settings)  # secrets stay out of logs and tracebacks
    with pytest.raises(SettingsError, match="CATALOG_ES_TIMEOUT must be a whole number"):
        Settings.from_environ({**environ, "CATALOG_ES_PASSWORD": "p", "CATALOG_ES_TIMEOUT": "soon"})


def test_several_elasticsearch_nodes_and_index_shape_come_from_the_environment():
    from catalog.indexing.index_definition import index_body
    from catalog.stores.elasticsearch_client import es_hosts

    assert es_hosts("http://es1:9200, http://es2:9200,,http://es3:9200") == [
        "http://es1:9200",
        "http://es2:9200",
        "http://es3:9200",
    ]
    body = index_body(shards=3, replicas=1)
    assert (body["settings"]["number_of_shards"], body["settings"]["number_of_replicas"]) == (3, 1)
    assert index_body(shards=3, replicas=1, for_bulk_load=True)["settings"]["number_of_replicas"] == 0
