"""Suggestion probes: what a teacher types in the search box, and what must come back.

A probe is answered when one of the first ``SIZE`` suggestions (``/api/v1/suggest``'s default)
contains one of its expected words. Written from the sample corpus (titles, places,
categories, themes) and issue 14, never from what suggest returns. Forms: ``hanzi`` (the
start of a title or word), ``infix`` (a word inside titles), ``category`` (a base category or
tour theme word), ``place`` (a city or district), ``pinyin`` (a word's whole pinyin),
``pinyin_partial`` (a syllable run inside a word), ``initials`` (of a word inside a title).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from benchmarks.search_bench import percentile
from catalog.search.service import suggest

SIZE = 8


class Probe(NamedTuple):
    prefix: str
    form: str
    expect: tuple[str, ...]


PROBES: tuple[Probe, ...] = (
    Probe("欧姆", "hanzi", ("欧姆定律",)),
    Probe("勾股", "hanzi", ("勾股定理",)),
    Probe("光合", "hanzi", ("光合作用",)),
    Probe("一元二次", "hanzi", ("一元二次",)),
    Probe("三星堆", "hanzi", ("三星堆",)),
    Probe("沁园", "hanzi", ("沁园春",)),
    Probe("熊猫", "infix", ("熊猫",)),
    Probe("研学", "infix", ("研学",)),
    Probe("恐龙", "infix", ("恐龙",)),
    Probe("变脸", "infix", ("变脸",)),
    Probe("定理", "infix", ("定理",)),
    Probe("石刻", "infix", ("石刻",)),
    Probe("鸦片", "infix", ("鸦片战争",)),
    Probe("科普", "category", ("科普",)),
    Probe("爱国主义", "category", ("爱国主义",)),
    Probe("非遗", "category", ("非遗",)),
    Probe("红色", "category", ("红色",)),
    Probe("劳动教育", "category", ("劳动",)),
    Probe("渝中", "place", ("渝中",)),
    Probe("成都", "place", ("成都",)),
    Probe("自贡", "place", ("自贡",)),
    Probe("九寨", "place", ("九寨沟",)),
    Probe("oumu", "pinyin", ("欧姆",)),
    Probe("gougu", "pinyin", ("勾股",)),
    Probe("xiongmao", "pinyin", ("熊猫",)),
    Probe("sanxingdui", "pinyin", ("三星堆",)),
    Probe("konglong", "pinyin", ("恐龙",)),
    Probe("yanxue", "pinyin", ("研学",)),
    Probe("dingli", "pinyin_partial", ("定理",)),
    Probe("bianlian", "pinyin_partial", ("变脸",)),
    Probe("yapian", "pinyin_partial", ("鸦片",)),
    Probe("ggdl", "initials", ("勾股定理",)),
    Probe("dxm", "initials", ("大熊猫",)),
    Probe("omdl", "initials", ("欧姆定律",)),
    Probe("ghzy", "initials", ("光合作用",)),
    Probe("dzsk", "initials", ("大足石刻",)),
    Probe("cjbl", "initials", ("川剧变脸",)),
    Probe("jzg", "initials", ("九寨沟",)),
)


def answered(probe: Probe, texts: Iterable[str]) -> bool:
    """Whether a suggestion's text contains one of the probe's expected words (case folded)."""
    return any(word.lower() in text.lower() for text in texts for word in probe.expect)


def score(results: Mapping[str, dict]) -> dict:
    """Share answered, overall and by form, from ``{prefix: {"form", "answered", …}}``."""
    forms: dict[str, list[bool]] = {}
    for result in results.values():
        forms.setdefault(result["form"], []).append(result["answered"])
    everything = [r["answered"] for r in results.values()]
    return {
        "probes": len(everything),
        "answered": sum(everything),
        "share": statistics.fmean(everything) if everything else None,
        "by_form": {form: statistics.fmean(hits) for form, hits in forms.items()},
    }


def run_probes(es, alias: str, probes: Sequence[Probe] = PROBES, rounds: int = 3) -> dict:
    """Every probe through the service function behind ``/api/v1/suggest``; timings of every call."""
    results, timings = {}, []
    for probe in probes:
        for _ in range(rounds):
            started = time.perf_counter()
            options = suggest(es, alias, probe.prefix, size=SIZE)
            timings.append((time.perf_counter() - started) * 1000)
        texts = [option.text for option in options]
        results[probe.prefix] = {"form": probe.form, "expect": list(probe.expect), "texts": texts}
        results[probe.prefix]["answered"] = answered(probe, texts)
    return {
        "results": results,
        **score(results),
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
    }
