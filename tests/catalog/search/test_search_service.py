"""The search service on the real node: relevance, pinyin, phrases, facets, place, paging,
escaping, suggestions and related resources, over a small corpus written by each test."""

from __future__ import annotations

import copy
import math

import pytest
from conftest import example, lesson
from markupsafe import Markup

from catalog.search.query_builder import SearchRequest
from catalog.search.service import SearchUnavailable, related, search, suggest

JIEFANGBEI = (29.5576, 106.5770)  # 渝中区


def unit(edition="人教版", volume="三年级上册", name="第八单元 分数的初步认识", fmt="课件"):
    return {"edition": edition, "volume": volume, "unit": name, "format": fmt}


def base(
    resource_id,
    title,
    lat,
    lon,
    *,
    city="重庆市",
    district="渝中区",
    categories=("爱国主义教育基地",),
    summary="面向中小学生开展研学活动。",
    free=True,
):
    resource = copy.deepcopy(example("practice_base"))
    resource.update(
        id=resource_id, title=title, summary=summary, keywords=[], files=[], region={"city": city, "district": district}
    )
    resource["practice_base"].update(
        location={"lat": lat, "lon": lon},
        categories=list(categories),
        address=f"{city}{district}",
        free_for_students=free,
    )
    return resource


LESSONS = {
    "cq": [
        lesson(
            "fs-1", "分数的初步认识", keywords=["分数"], summary="认识几分之几，会比较简单分数的大小。", lesson=unit()
        ),
        lesson(
            "fs-3",
            "分数的简单应用",
            keywords=["分数"],
            grades=["三年级"],
            summary="用分数解决问题，配套微课视频讲解。",
            lesson=unit(edition="西师大版", fmt="微课视频"),
        ),
        lesson(
            "zc-1",
            "长方形和正方形的周长",
            keywords=["周长"],
            summary="认识周长，计算长方形的周长。",
            lesson=unit(name="第七单元 长方形和正方形"),
        ),
        lesson(
            "sx-g",
            "数学广角——搭配",
            keywords=["搭配", "有序思考"],
            grades=["二年级"],
            summary="用有序的方法找出所有搭配。",
            lesson=unit(volume="二年级上册", name="第八单元 数学广角"),
        ),
    ],
    "sc": [
        lesson("fs-2", "分数的初步认识（一）几分之一", lesson=unit(edition="北师大版")),
        lesson(
            "fs-4",
            "认识分数与小数",
            keywords=["小数"],
            grades=["四年级"],
            summary="初步了解小数和分数的关系。",
            lesson=unit(edition="北师大版", volume="四年级下册", name="第一单元 小数的意义"),
        ),
        lesson(
            "xs-1",
            "小数的意义",
            keywords=["小数"],
            grades=["四年级"],
            summary="理解小数的意义。",
            lesson=unit(volume="四年级下册", name="第四单元 小数的意义和性质"),
        ),
        lesson(
            "gs-1",
            "古诗三首",
            subjects=["语文"],
            keywords=["古诗"],
            summary="朗读背诵古诗。",
            lesson=unit(edition="统编版", name="第一单元", fmt="教学设计"),
        ),
        lesson(
            "xss",
            "<script>alert(1)</script>分数墙",
            keywords=["分数墙"],
            summary="<b>用分数墙</b>比较分数大小。",
            lesson=unit(edition="北师大版", volume="五年级上册", name="第五单元 分数的意义"),
            grades=["五年级"],
        ),
    ],
}
BASES = {
    "cq": [
        {**example("practice_base"), "files": []},  # 重庆科技馆, 江北区
        base("jd-hy", "红岩革命纪念馆", 29.5586, 106.5218, categories=("爱国主义教育基地", "研学实践教育基地")),
        base("jd-bb", "重庆自然博物馆", 29.8125, 106.4010, district="北碚区", categories=("科普教育基地",), free=False),
    ],
    "sc": [
        base(
            "jd-xm",
            "成都大熊猫繁育研究基地",
            30.7353,
            104.1456,
            city="成都市",
            district="成华区",
            categories=("科普教育基地",),
        )
    ],
}


@pytest.fixture
def corpus(catalog):
    for province, resources in LESSONS.items():
        for resource in resources:
            catalog.put(province, resource)
    for province, resources in BASES.items():
        for resource in resources:
            catalog.put(province, resource)
    catalog.put("sc", example("study_tour"))
    catalog.put("cq", lesson("draft", "分数的初步认识草稿"))
    catalog.sync()
    catalog.es.update(index=catalog.alias, id="cq:draft", doc={"review_state": "pending"}, refresh=True)
    return catalog


def run(catalog, q="", **options):
    return search(catalog.es, catalog.alias, SearchRequest(q=q, **options))


def ids(result) -> list[str]:
    return [hit.doc_id for hit in result.hits]


def test_fenshu_in_chinese_finds_the_fraction_lessons_first(corpus):
    result = run(corpus, "分数")
    assert "分数" in str(result.hits[0].title)
    fraction_titles = [h for h in result.hits if "分数" in h.source["title"]]
    assert ids(result)[: len(fraction_titles)] == [h.doc_id for h in fraction_titles]
    assert "cq:draft" not in ids(result)  # not yet published


def test_the_exact_title_ranks_first(corpus):
    assert ids(run(corpus, "分数的初步认识"))[0] == "cq:fs-1"
    assert ids(run(corpus, "分数的初步认识（一）几分之一"))[0] == "sc:fs-2"
    assert ids(run(corpus, "分数的初步认识(一)几分之一"))[0] == "sc:fs-2"


@pytest.mark.parametrize("typed", ["fenshu", "fs", "FenShu", "fenshudechuburenshi"])
def test_pinyin_and_initials_reach_chinese_titles(corpus, typed):
    assert "cq:fs-1" in ids(run(corpus, typed))


def test_a_quoted_phrase_matches_only_the_phrase(corpus):
    loose = set(ids(run(corpus, "分数的初步认识")))
    assert "sc:fs-4" in loose  # 认识分数 … 初步了解: all the words, not the phrase
    phrase = ids(run(corpus, '"分数的初步认识"'))
    assert set(phrase) == {"cq:fs-1", "sc:fs-2"}


def test_a_minus_excludes(corpus):
    assert "cq:fs-3" in ids(run(corpus, "分数"))
    without = ids(run(corpus, "分数 -视频"))
    assert without and "cq:fs-3" not in without


def count(catalog, **terms) -> int:
    filters = [{"term": {"review_state": "published"}}]
    filters += [{"terms": {field: list(values)}} for field, values in terms.items()]
    return catalog.es.count(index=catalog.alias, query={"bool": {"filter": filters}})["count"]


def test_values_of_one_facet_are_ored_and_counts_equal_toggled_searches(corpus):
    grades = ("三年级", "四年级")
    result = run(corpus, filters={"grade": grades, "subject": ("数学",)}, size=50)
    assert result.total == count(corpus, grades=grades, subjects=["数学"]) == 6
    assert {g for hit in result.hits for g in hit.grades} >= set(grades)
    facets = result.facets
    for value, n, selected in facets["grade"]:
        assert n == count(corpus, grades=[value], subjects=["数学"])
        assert selected == (value in grades)
    for value, n, _ in facets["subject"]:
        assert n == count(corpus, grades=grades, subjects=[value])
    for value, n, _ in facets["edition"]:
        assert n == count(corpus, grades=grades, subjects=["数学"], **{"lesson.edition": [value]})
    assert ("语文", 1, False) in facets["subject"]


def test_facet_counts_with_a_query_equal_the_toggled_searches(corpus):
    chosen = {"edition": ("人教版", "北师大版"), "province": ("sc",)}
    result = run(corpus, "分数", filters=chosen)
    for value, n, _ in result.facets["edition"]:
        assert n == run(corpus, "分数", filters={**chosen, "edition": (value,)}).total
    for value, n, _ in result.facets["province"]:
        assert n == run(corpus, "分数", filters={**chosen, "province": (value,)}).total
    assert result.total == dict((v, n) for v, n, _ in result.facets["province"])["sc"] == 3


def haversine_km(a, b) -> float:
    (lat1, lon1), (lat2, lon2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_near_with_a_radius_returns_bases_within_it_nearest_first(corpus):
    result = run(corpus, near=JIEFANGBEI, radius_km=30, sort="distance", filters={"type": ("practice_base",)})
    assert ids(result) == ["cq:jd-cqkjg", "cq:jd-hy"]
    for hit in result.hits:
        location = hit.source["practice_base"]["location"]
        assert abs(hit.distance_km - haversine_km(JIEFANGBEI, (location["lat"], location["lon"]))) < 0.5
        assert hit.distance_km <= 30
    everything = run(corpus, near=JIEFANGBEI, sort="distance", size=50)
    distances = [h.distance_km for h in everything.hits if h.distance_km is not None]
    assert distances == sorted(distances) and len(distances) == 5  # four bases and the tour
    assert all(h.distance_km is None for h in everything.hits if h.type == "lesson")


def test_a_script_title_comes_back_escaped(corpus):
    (hit, *_) = [h for h in run(corpus, "分数墙").hits if h.doc_id == "sc:xss"]
    assert isinstance(hit.title, Markup)
    assert "<script>" not in hit.title and "&lt;script&gt;" in hit.title
    assert "<mark>分数墙</mark>" in hit.title
    assert all("<b>" not in snippet for snippet in hit.snippets)
    (plain, *_) = [h for h in run(corpus, filters={"grade": ("五年级",)}).hits]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;分数墙" == str(plain.title)


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_paging_with_search_after_walks_every_hit_once(corpus, sort):
    seen, after, pages = [], None, 0
    total = run(corpus, "", sort=sort).total
    while True:
        result = run(corpus, "", sort=sort, size=3, search_after=after)
        seen += ids(result)
        pages += 1
        after = result.next_search_after
        if after is None:
            break
    assert len(seen) == len(set(seen)) == total == count(corpus)
    assert pages >= 4


def test_suggestions_reach_shuxue_by_initials_and_characters(corpus):
    by_initials = [s.text for s in suggest(corpus.es, corpus.alias, "sx")]
    assert "数学" in by_initials
    by_character = [s.text for s in suggest(corpus.es, corpus.alias, "数")]
    assert "数学" in by_character and "数学广角——搭配" in by_character
    assert len(by_character) == len(set(by_character))
    titles = suggest(corpus.es, corpus.alias, "fenshu", size=3)
    assert len(titles) <= 3 and all(s.doc_id for s in titles)
    assert "分数的初步认识草稿" not in [s.text for s in suggest(corpus.es, corpus.alias, "分数", size=20)]
    bases = suggest(corpus.es, corpus.alias, "重庆", types=["practice_base"])
    assert {s.type for s in bases} == {"practice_base"}  # the city first, then both bases' titles
    assert bases[0].text == "重庆市" and {s.text for s in bases[1:]} == {"重庆科技馆", "重庆自然博物馆"}


def test_related_returns_similar_lessons_not_itself(corpus):
    found = [hit.doc_id for hit in related(corpus.es, corpus.alias, "cq:fs-1")]
    assert found and "cq:fs-1" not in found and "cq:draft" not in found
    assert set(found[:3]) <= {"sc:fs-2", "cq:fs-3", "sc:fs-4", "sc:xss"}
    assert related(corpus.es, corpus.alias, "cq:missing") == []


def test_an_unknown_index_is_reported_as_unavailable(es, unique_name):
    with pytest.raises(SearchUnavailable):
        search(es, unique_name, SearchRequest(q="分数"))


def test_typed_facet_values_and_their_beginnings_are_found(corpus):
    assert set(ids(run(corpus, "人教版 三年级上册"))) == {"cq:fs-1", "cq:zc-1"}
    assert ids(run(corpus, "渝中区 爱国主义")) == ["cq:jd-hy"]


@pytest.mark.parametrize("typed", ['分数 "几分之一', "分数 -", 'a" OR title:*', "-", '""', "（", "\\"])
def test_odd_input_is_searched_as_words_never_an_error(corpus, typed):
    result = run(corpus, typed)
    assert result.total >= 0
    if typed.startswith("分数"):
        assert result.total == run(corpus, "分数 几分之一" if '"' in typed else "分数").total > 0


def test_featured_resources_are_lifted_modestly(corpus):
    before = ids(run(corpus, "分数"))
    last = before[-1]
    corpus.es.update(index=corpus.alias, id=last, doc={"featured": True}, refresh=True)
    after = ids(run(corpus, "分数"))
    assert after.index(last) < before.index(last)
    assert ids(run(corpus, "分数的初步认识"))[0] == "cq:fs-1"  # never above an exact title


def test_shuxue_in_characters_finds_every_primary_maths_lesson(corpus):
    result = run(corpus, "数学", size=50)
    primary_maths = {h.doc_id for h in result.hits if "数学" in h.subjects and "小学" in h.stages}
    assert len(primary_maths) == count(corpus, subjects=["数学"], stages=["小学"]) > 0


def test_full_pinyin_suggests_the_subject(corpus):
    assert "数学" in [s.text for s in suggest(corpus.es, corpus.alias, "shuxue")]
