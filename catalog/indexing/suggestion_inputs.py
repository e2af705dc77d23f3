"""What the search box completes a resource from, and what each completion shows.

A completion field only matches from the start of an input, so a title is entered from each of
its word boundaries too (``熊猫繁育研究基地`` for 成都大熊猫繁育研究基地), and beside the title
come the values a teacher types: subjects, base categories and activities, the tour's theme and
places (cities, districts, destinations). Each is entered as characters, pinyin and initials. Titles show as
themselves; a value's input shows the value it came from, which ``displays`` records.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from catalog.indexing.segmentation import normalise_text, pinyin_spellings, word_starts
from catalog.resources.vocabularies import CITY_NICKNAMES

# The completion field cuts longer inputs; cut here so the display map keys match what it keeps.
MAX_INPUT = 60
# Word boundaries a text is entered from: a title's first twelve words cover what is typed.
MAX_STARTS = 12
MIN_INPUT = 2  # one character or letter from inside a text begins too many inputs to point at one
# The engine offers one input per document, the heaviest: a text typed from its start comes
# before one typed from inside.
WHOLE_WEIGHT, INSIDE_WEIGHT = 2, 1


class Completions(NamedTuple):
    titles: list[dict]  # the ``suggest`` field: [{"input": [...], "weight": w}, ...], each shows the title
    values: list[dict]  # the ``suggest_values`` field: subjects, categories, themes, places
    displays: dict[str, str]  # a ``suggest_values`` input → the value it shows


def entries(text: str) -> tuple[list[str], list[str]]:
    """``text`` from its start and from inside (each word boundary), as characters, pinyin and initials."""
    whole, inside = _entries(text)
    return list(whole), list(inside)


# Cities, districts, subjects and categories repeat in resource after resource; each suffix costs
# a cut and a spelling, so a value's entries are made once.
@lru_cache(maxsize=4096)
def _entries(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    normalised = normalise_text(text).strip()
    if not normalised:
        return (), ()
    whole = [normalised, *pinyin_spellings(normalised)]
    inside = []
    for start in [s for s in word_starts(normalised) if s > 0][:MAX_STARTS]:
        rest = normalised[start:].strip()
        inside += [rest, *pinyin_spellings(rest)]
    return tuple(_kept(whole, 1)), tuple(_kept(inside))


def _kept(inputs: list[str], shortest: int = MIN_INPUT) -> list[str]:
    return list(dict.fromkeys(i[:MAX_INPUT] for i in inputs if len(i) >= shortest))


def named_values(resource: dict) -> list[str]:
    """Values a teacher may type instead of a title, entered from inside too: subjects, a base's
    categories and activities (川剧变脸体验), a tour's theme."""
    base = resource.get("practice_base") or {}
    values = [*resource.get("subjects", []), *base.get("categories", []), *base.get("activities", [])]
    values += filter(None, [(resource.get("study_tour") or {}).get("theme")])
    return list(dict.fromkeys(values))


def place_values(resource: dict) -> list[str]:
    """The resource's city, district and tour destinations, entered from their start only: a short
    form (渝中 for 渝中区, 成都 for 成都市) begins the name, and its inside (都市) means nothing."""
    region = resource.get("region") or {}
    values = [region.get("city"), region.get("district")]
    for destination in (resource.get("study_tour") or {}).get("destinations", []):
        values += [destination.get("name"), destination.get("district")]
    return list(dict.fromkeys(filter(None, values)))


def _weighted(chosen: dict[str, int]) -> list[dict]:
    by_weight: dict[int, list[str]] = {}
    for value, weight in chosen.items():
        by_weight.setdefault(weight, []).append(value)
    return [{"input": by_weight[w], "weight": w} for w in sorted(by_weight, reverse=True)]


def completions(resource: dict) -> Completions:
    """The two completion fields and the display map of one resource.

    Titles and values are separate fields because the engine offers one input per document: in
    one field, 成都市 (the city of every base there) would hide 成都大熊猫繁育研究基地."""
    title_whole, title_inside = entries(resource["title"])
    titles = dict.fromkeys(title_whole, WHOLE_WEIGHT) | {i: INSIDE_WEIGHT for i in title_inside if i not in title_whole}
    chosen: dict[str, tuple[int, str]] = {}  # input → (weight, shown): the first claim wins

    def claim(inputs: list[str], weight: int, shown: str) -> None:
        for value in inputs:
            chosen.setdefault(value, (weight, shown))

    for place in place_values(resource):
        claim(entries(place)[0], WHOLE_WEIGHT, place)
        # A city's nickname (蓉城) completes to the city: it does not begin the name.
        claim(_kept([normalise_text(n) for n, city in CITY_NICKNAMES.items() if city == place]), WHOLE_WEIGHT, place)
    value_inside = []
    for value in named_values(resource):
        whole, inside = entries(value)
        claim(whole, WHOLE_WEIGHT, value)
        value_inside.append((inside, value))
    for inside, value in value_inside:
        claim(inside, INSIDE_WEIGHT, value)
    return Completions(
        titles=_weighted(titles),
        values=_weighted({value: weight for value, (weight, _) in chosen.items()}),
        displays={value: shown for value, (_, shown) in chosen.items()},
    )
