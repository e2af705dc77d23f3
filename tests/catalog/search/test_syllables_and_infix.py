"""Over the API on the real node: a run of pinyin syllables inside a title word finds it, and the
search box completes from inside titles, from categories, themes and places."""

from __future__ import annotations

import copy
from urllib.parse import quote

import pytest
from conftest import example, lesson

PANDA = "成都大熊猫繁育研究基地"


def base(resource_id: str, title: str, city: str, district: str, categories: list[str]) -> dict:
    resource = copy.deepcopy(example("practice_base"))
    resource.update(id=resource_id, title=title, keywords=[], files=[], region={"city": city, "district": district})
    resource["practice_base"]["categories"] = categories
    return resource


@pytest.fixture
def api(catalog, app_factory):
    maths = {"subjects": ["数学"], "stages": ["初中"], "grades": ["八年级"], "keywords": [], "summary": "直角三角形。"}
    catalog.put("cq", lesson("gg-1", "勾股定理", **maths))
    catalog.put("cq", lesson("gg-2", "勾股定理的逆定理", **maths))
    catalog.put("cq", lesson("zc-1", "长方形和正方形的周长", keywords=[], summary="认识周长。"))
    catalog.put("sc", base("jd-xm", PANDA, "成都市", "成华区", ["科普教育基地"]))
    catalog.put("cq", base("jd-hy", "红岩革命纪念馆", "重庆市", "渝中区", ["爱国主义教育基地", "研学实践教育基地"]))
    catalog.put("cq", base("jd-zz", "渣滓洞监狱旧址", "重庆市", "沙坪坝区", ["爱国主义教育基地"]))
    catalog.put("sc", example("study_tour"))  # 古蜀文明探源：三星堆—金沙两日研学, theme 历史文化
    catalog.put("sc", base("jd-draft", "雅安熊猫草稿基地", "雅安市", "雨城区", ["科普教育基地"]))
    catalog.sync()
    catalog.es.update(index=catalog.alias, id="sc:jd-draft", doc={"review_state": "pending"}, refresh=True)
    return app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()


def found(client, q: str) -> dict:
    answer = client.get(f"/api/v1/search?q={quote(q)}")
    assert answer.status_code == 200, answer.json
    return answer.json


def ids(client, q: str) -> set[str]:
    return {hit["id"] for hit in found(client, q)["hits"]}


def suggested(client, q: str) -> list[dict]:
    answer = client.get(f"/api/v1/suggest?q={quote(q)}")
    assert answer.status_code == 200, answer.json
    return answer.json["suggestions"]


@pytest.mark.parametrize("typed", ["dingli", "gougu", "gudingli", "dl"])
def test_a_run_of_syllables_inside_a_title_word_finds_it(api, typed):
    assert {"cq:gg-1", "cq:gg-2"} <= ids(api, typed)
    assert "cq:zc-1" not in ids(api, typed)  # 长方形和正方形的周长


def test_xiongmao_inside_daxiongmao_finds_the_base(api):
    assert "sc:jd-xm" in ids(api, "xiongmao")


@pytest.mark.parametrize("typed", ["ongma", "ingli", "qwzx", "xiongmaoq"])
def test_latin_that_is_no_run_of_syllables_matches_nothing(api, typed):
    assert found(api, typed)["total"] == 0


@pytest.mark.parametrize("typed", ["熊猫", "xiongmao", "xm", "繁育研究"])
def test_a_word_inside_a_title_completes_to_the_whole_title_linked(api, typed):
    options = suggested(api, typed)
    assert {"text": PANDA, "type": "practice_base", "id": "sc:jd-xm"} in options
    assert not any("草稿" in option["text"] for option in options)  # pending review: never suggested


def test_places_categories_and_themes_complete_to_the_value(api):
    assert "渝中区" in [o["text"] for o in suggested(api, "渝中")]
    assert "沙坪坝区" in [o["text"] for o in suggested(api, "spb")]
    research = [o["text"] for o in suggested(api, "研学")]
    assert "研学实践教育基地" in research
    patriotic = [o["text"] for o in suggested(api, "爱国")]
    assert patriotic.count("爱国主义教育基地") == 1  # two bases, one suggestion
    assert {"text": "历史文化", "type": "study_tour", "id": None} in suggested(api, "lswh")
    assert [o for o in suggested(api, "雨城") if o["text"] == "雨城区"] == []  # only the pending base is there
