"""What the search box completes a resource from: titles from inside, values, places, with pinyin."""

from __future__ import annotations

import copy

from conftest import example

from catalog.indexing.suggestion_inputs import INSIDE_WEIGHT, MAX_INPUT, WHOLE_WEIGHT, completions


def panda_base() -> dict:
    resource = copy.deepcopy(example("practice_base"))
    resource.update(title="成都大熊猫繁育研究基地", subjects=["科学"], region={"city": "成都市", "district": "成华区"})
    resource["practice_base"].update(categories=["科普教育基地", "研学实践教育基地"], activities=[])
    return resource


def weighted(groups: list[dict]) -> dict[str, int]:
    return {value: group["weight"] for group in groups for value in group["input"]}


def shown(resource: dict, typed: str) -> set[str]:
    """What the two completion fields would offer for ``typed``, each as it is shown."""
    result = completions(resource)
    titles = {resource["title"] for value in weighted(result.titles) if value.startswith(typed)}
    return titles | {result.displays[value] for value in weighted(result.values) if value.startswith(typed)}


def test_a_title_completes_from_each_word_inside_it_by_characters_pinyin_and_initials():
    base = panda_base()
    for typed in ("熊猫", "xiongmao", "xm", "繁育", "fy", "研究基地"):
        assert shown(base, typed) == {"成都大熊猫繁育研究基地"}, typed
    inputs = weighted(completions(base).titles)
    assert inputs["成都大熊猫繁育研究基地"] == inputs["cddxmfyyjjd"] == WHOLE_WEIGHT
    assert inputs["熊猫繁育研究基地"] == inputs["xmfyyjjd"] == INSIDE_WEIGHT


def test_categories_places_and_subjects_complete_to_the_value_itself():
    base = panda_base()
    assert shown(base, "研学") == shown(base, "yx") == {"研学实践教育基地"}
    assert shown(base, "成华") == shown(base, "chq") == {"成华区"}
    assert shown(base, "蓉") == {"成都市"} and shown(base, "kx") == {"科学"}
    assert shown(base, "实践") == {"研学实践教育基地"} and shown(base, "教育基地") <= {
        "科普教育基地",
        "研学实践教育基地",
    }
    values = weighted(completions(base).values)
    assert values["研学实践教育基地"] == WHOLE_WEIGHT and values["教育基地"] == INSIDE_WEIGHT
    assert "都市" not in values  # a place is entered from its start only
    assert "成都市" not in weighted(completions(base).titles)  # values have a field apart
    base["practice_base"]["activities"] = ["川剧变脸体验"]
    assert shown(base, "变脸") == shown(base, "bianlian") == shown(base, "cjbl") == {"川剧变脸体验"}


def test_a_tour_completes_from_its_theme_and_destinations():
    tour = example("study_tour")
    theme = tour["study_tour"]["theme"]
    destination = tour["study_tour"]["destinations"][0]["name"]
    assert shown(tour, theme[:2]) and theme in shown(tour, theme[:2])
    assert destination in shown(tour, destination[:2])


def test_inputs_are_distinct_bounded_and_never_a_single_inside_character():
    base = panda_base()
    base["title"] = "长" * 200
    for field in completions(base)[:2]:
        values = [value for group in field for value in group["input"]]
        assert len(values) == len(set(values)) and all(1 <= len(value) <= MAX_INPUT for value in values)
    titles = weighted(completions(panda_base()).titles)
    assert "jd" in titles and "j" not in titles and "地" not in titles
