"""wrk's script and summary, and the load benchmark's rows (no services, no wrk)."""

from __future__ import annotations

import pytest

from benchmarks.load_bench import catalog_requests, error_notes, load_rows, raw_requests
from benchmarks.report import BenchResult, format_table
from benchmarks.wrk import WrkFailed, WrkRequest, lua_string, parse_summary, wrk_script

CLEAN = (
    "Running 20s test @ http://127.0.0.1:8090\n  1 threads and 8 connections\n"
    'WRK-SUMMARY {"duration_us": 20000000, "requests": 4000, "bytes": 123456, "non_2xx": 0, '
    '"errors": {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}, '
    '"latency_us": {"min": 900, "mean": 2000.5, "stdev": 300.0, "max": 90000, "p50": 1800, '
    '"p90": 3000, "p99": 12500}}\n'
)
FAILING = (
    CLEAN.replace('"requests": 4000', '"requests": 1000')
    .replace('"non_2xx": 0', '"non_2xx": 200')
    .replace('"read": 0', '"read": 3')
    .replace('"timeout": 0', '"timeout": 2')
    .replace('"status": 0', '"status": 200')
)


def test_summary_is_read_from_the_marked_line():
    summary = parse_summary(CLEAN)
    assert summary.requests == 4000 and summary.seconds == 20.0
    assert summary.ok_per_second == pytest.approx(200.0)
    assert summary.latency_ms("p50") == pytest.approx(1.8)
    assert summary.latency_ms("p99") == pytest.approx(12.5)
    assert summary.socket_errors == 0


def test_errors_do_not_count_as_throughput():
    summary = parse_summary(FAILING)
    assert summary.ok_per_second == pytest.approx((1000 - 200) / 20)
    assert summary.socket_errors == 5  # read 3 + timeout 2; wrk's "status" count is the non-2xx row's


def test_output_without_a_summary_is_a_failure():
    with pytest.raises(WrkFailed, match="WRK-SUMMARY"):
        parse_summary("unable to connect to 127.0.0.1:8090 Connection refused\n")


def test_rows_compare_catalog_with_raw_and_always_show_errors():
    rows = load_rows(parse_summary(FAILING), parse_summary(CLEAN))
    assert [row.metric for row in rows] == [
        "throughput, 2xx responses",
        "latency p50",
        "latency p99",
        "non-2xx responses",
        "socket errors",
    ]
    assert rows[0].ratio == pytest.approx(40.0 / 200.0)
    table = format_table(
        BenchResult("load", {"connections": 8}, rows=rows, notes=error_notes({"catalog": parse_summary(FAILING)}))
    )
    lines = table.splitlines()
    assert lines[-3].split()[-4:] == ["(responses)", "200", "0", "—"]
    assert lines[-2].split()[-4:] == ["(errors)", "5", "0", "—"]
    assert lines[-1] == (
        "note: catalog: 200 non-2xx responses and 5 socket errors (read 3, status 200, timeout 2) in 1000 requests"
    )


def test_a_clean_run_has_no_notes():
    assert error_notes({"catalog": parse_summary(CLEAN), "raw": parse_summary(CLEAN)}) == []


def test_lua_strings_escape_quotes_backslashes_and_utf8_bytes():
    assert lua_string('a"b\\c') == '"a\\034b\\092c"'
    assert lua_string("数") == '"\\230\\149\\176"'  # the UTF-8 bytes, three digits each
    assert lua_string("x\n1") == '"x\\0101"'  # \0101 would be ambiguous without the padding


def test_script_puts_the_requests_above_the_cycle():
    script = wrk_script(
        [
            WrkRequest("GET", "/api/v1/search?q=x"),
            WrkRequest("POST", "/a/_search", {"Content-Type": "application/json"}, "{}"),
        ]
    )
    table, rest = script.split("\n}\n", 1)
    assert table.startswith("REQUESTS = {")
    assert 'method = "GET", path = "/api/v1/search?q=x", headers = {}, body = nil' in table
    assert '["Content-Type"] = "application/json"' in table
    assert "function done(summary, latency, requests)" in rest
    with pytest.raises(ValueError):
        wrk_script([])


def test_both_targets_get_the_same_queries_in_the_same_order():
    queries = ["分数", "shuxue"]
    catalog = catalog_requests(queries)
    raw = raw_requests(queries, "bench-resources", "elastic", "secret")
    assert [r.path for r in catalog] == ["/api/v1/search?q=%E5%88%86%E6%95%B0", "/api/v1/search?q=shuxue"]
    assert {r.path for r in raw} == {"/bench-resources/_search"}
    assert raw[0].headers["Authorization"] == "Basic ZWxhc3RpYzpzZWNyZXQ="
    assert '"分数"' in raw[0].body and '"shuxue"' in raw[1].body
