"""The brake on mass withdrawal (issue 16): an emptied bucket or a wrong prefix must not empty the
catalog. A sync or rebuild that would withdraw more than CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT
(20 %) of a province withdraws nothing, fails with the reason, and waits for --allow-mass-withdrawal."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import CatalogUnderTest, lesson

from indexer.run_report_store import latest_runs

PROVINCE_SIZE = 25  # above the brake's 20-document floor


# --- the rule itself (no services) ---


@pytest.mark.parametrize(
    "withdrawing, holding, total, held_back",
    [
        (25, 25, 25, True),  # an emptied bucket
        (5, 25, 25, False),  # exactly 20 %: allowed
        (6, 25, 25, True),  # 24 %
        (3, 10, 10, False),  # a small province: a few withdrawals are a large share, and allowed
        (10, 10, 10, True),  # ...but never all of it
        (1, 1, 1, True),
        (10, 10, 40, True),  # a worker's shards of a 40-document province, all gone
        (3, 5, 12, False),  # a worker's shards of a small province
        (0, 25, 25, False),
    ],
)
def test_the_brake_holds_more_than_the_share_from_20_documents_on_and_any_emptying(
    withdrawing, holding, total, held_back
):
    from indexer.withdrawal_brake import WithdrawalBrake

    reason = WithdrawalBrake(20).refusal("cq", withdrawing, holding, total)
    assert (reason is not None) == held_back
    if reason:
        assert f"{withdrawing} of {holding} cq documents" in reason and "--allow-mass-withdrawal" in reason
    assert WithdrawalBrake(20, allowed=True).refusal("cq", withdrawing, holding, total) is None


@pytest.mark.parametrize("value, message", [("150", "between 0 and 100, got 150"), ("most", "a whole number")])
def test_a_bad_withdrawal_limit_is_refused_naming_the_setting(tmp_path, value, message):
    from catalog.settings import Settings, SettingsError

    provinces = tmp_path / "provinces.toml"
    provinces.write_text(
        '[[province]]\ncode="cq"\nname="重庆市"\nendpoint_url="http://x"\nbucket="b"\n', encoding="utf-8"
    )
    environ = {
        "CATALOG_ES_USERNAME": "u",
        "CATALOG_ES_PASSWORD": "p",
        "CATALOG_PROVINCES_FILE": str(provinces),
        "CATALOG_S3_CQ_ACCESS_KEY": "a",
        "CATALOG_S3_CQ_SECRET_KEY": "s",
    }
    assert Settings.from_environ(environ).indexer_max_withdrawal_percent == 20
    with pytest.raises(SettingsError, match=f"CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT must be {message}"):
        Settings.from_environ({**environ, "CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT": value})


# --- on the real stack ---


@pytest.fixture
def filled(catalog):
    with ThreadPoolExecutor(8) as pool:
        list(
            pool.map(
                lambda rid: catalog.put("cq", lesson(rid, f"重庆 课 {rid}")),
                [f"les-{n:03d}" for n in range(PROVINCE_SIZE)],
            )
        )
    for rid in ("les-a", "les-b", "les-c"):
        catalog.put("sc", lesson(rid, f"四川 课 {rid}"))
    first = catalog.sync()
    assert first.ok, first.summary_lines()
    return catalog


def empty_the_bucket(catalog, code: str) -> None:
    storage = catalog.storages[code]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(storage.delete, [stored.key for stored in storage.list_objects()]))


def with_prefix(catalog, code: str, prefix: str) -> CatalogUnderTest:
    provinces = tuple(
        dataclasses.replace(p, prefix=prefix) if p.code == code else p for p in catalog.settings.provinces
    )
    return CatalogUnderTest(dataclasses.replace(catalog.settings, provinces=provinces), catalog.es)


def report_of(run, code: str):
    return next(report for report in run.provinces if report.province == code)


@pytest.mark.parametrize("fault", ["emptied bucket", "wrong prefix"])
def test_a_sync_that_finds_a_province_gone_withdraws_nothing_and_says_why(filled, fault):
    catalog = filled
    before = catalog.ids(province="cq")
    if fault == "emptied bucket":
        empty_the_bucket(catalog, "cq")
        syncing = catalog
    else:
        syncing = with_prefix(catalog, "cq", catalog.settings.province("cq").prefix + "typo/")

    run = syncing.sync()

    cq, sc = report_of(run, "cq"), report_of(run, "sc")
    assert not run.ok and cq.status == "failed" and cq.deleted == 0
    assert f"mass withdrawal held back: {PROVINCE_SIZE} of {PROVINCE_SIZE} cq documents" in cq.error
    assert "--allow-mass-withdrawal" in cq.error
    assert catalog.ids(province="cq") == before  # teachers still find every Chongqing resource
    assert sc.status == "ok"
    assert any(line.startswith("cq: failed") and "mass withdrawal held back" in line for line in run.summary_lines())
    stored = latest_runs(catalog.es, catalog.alias)["cq"]  # what `catalog-indexer status` shows
    assert stored["status"] == "failed" and "mass withdrawal held back" in stored["error"]

    if fault == "emptied bucket":  # really withdrawn: the operator says so
        allowed = catalog.sync(allow_mass_withdrawal=True)
        assert allowed.ok and report_of(allowed, "cq").deleted == PROVINCE_SIZE
        assert catalog.ids(province="cq") == set()


def test_a_fifth_of_a_province_may_leave_in_one_sync_and_more_is_held_back(filled):
    catalog = filled
    for n in range(5):  # 5 of 25: exactly the limit
        catalog.withdraw("cq", f"les-{n:03d}")
    within = catalog.sync()
    assert within.ok and report_of(within, "cq").deleted == 5

    for n in range(5, 10):  # 5 of the 20 left: 25 %
        catalog.withdraw("cq", f"les-{n:03d}")
    beyond = catalog.sync()
    assert not beyond.ok and report_of(beyond, "cq").deleted == 0
    assert "5 of 20 cq documents (25 %)" in report_of(beyond, "cq").error
    assert len(catalog.ids(province="cq")) == 20


def test_a_rebuild_that_would_drop_a_province_fails_and_the_old_index_keeps_serving(filled):
    catalog = filled
    serving = set(catalog.es.indices.get_alias(name=catalog.alias))
    before = catalog.ids()
    empty_the_bucket(catalog, "cq")

    run = catalog.rebuild()

    assert not run.ok and "mass withdrawal held back" in run.error and "cq" in run.error
    assert report_of(run, "cq").status == "failed"
    assert set(catalog.es.indices.get_alias(name=catalog.alias)) == serving
    assert catalog.ids() == before
    assert set(catalog.es.indices.get(index=f"{catalog.alias}-2*")) == serving  # the new index was dropped

    allowed = catalog.rebuild(allow_mass_withdrawal=True)
    assert allowed.ok, allowed.summary_lines()
    assert catalog.ids(province="cq") == set() and len(catalog.ids(province="sc")) == 3


def provinces_toml(settings) -> str:
    """A provinces file for ``catalog-indexer`` run as a program with these settings' provinces."""
    blocks = []
    for p in settings.provinces:
        blocks.append(
            f'[[province]]\ncode = "{p.code}"\nname = "{p.name}"\nendpoint_url = "{p.endpoint_url}"\n'
            f'region = "{p.region}"\nbucket = "{p.bucket}"\nprefix = "{p.prefix}"\n'
        )
    return "\n".join(blocks)


def test_the_cli_exits_non_zero_on_the_brake_and_the_flag_lets_the_withdrawal_through(filled, tmp_path):
    catalog = filled
    provinces = tmp_path / "provinces.toml"
    provinces.write_text(provinces_toml(catalog.settings), encoding="utf-8")
    env = {**os.environ, "CATALOG_PROVINCES_FILE": str(provinces), "CATALOG_INDEX_ALIAS": catalog.alias}
    command = [str(Path(sys.executable).with_name("catalog-indexer")), "sync"]
    empty_the_bucket(catalog, "cq")

    held = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert held.returncode == 1, held.stderr
    assert "cq: failed" in held.stdout and "--allow-mass-withdrawal" in held.stdout
    assert "Traceback" not in held.stderr
    assert len(catalog.ids(province="cq")) == PROVINCE_SIZE

    allowed = subprocess.run(
        [*command, "--allow-mass-withdrawal"], env=env, capture_output=True, text=True, timeout=300
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    catalog.refresh()
    assert catalog.ids(province="cq") == set()
