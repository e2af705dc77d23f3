"""The districts a teacher can pick as "my place": complete, findable by key, placed where they are."""

from __future__ import annotations

import pytest

from catalog.resources.districts import (
    DISTRICTS,
    DISTRICTS_BY_KEY,
    city_of_district,
    distance_km,
    district_key,
    districts_by_city,
    find_district,
)

# (lat_min, lat_max, lon_min, lon_max)
PROVINCE_BOUNDS = {"cq": (28.1, 32.2, 105.2, 110.2), "sc": (26.0, 34.3, 97.3, 108.6)}

CITY_SEATS = {
    "绵阳市": "涪城区",
    "德阳市": "旌阳区",
    "乐山市": "市中区",
    "宜宾市": "翠屏区",
    "南充市": "顺庆区",
    "自贡市": "自流井区",
    "泸州市": "江阳区",
    "攀枝花市": "东区",
    "广元市": "利州区",
    "遂宁市": "船山区",
    "内江市": "市中区",
    "眉山市": "东坡区",
    "广安市": "广安区",
    "达州市": "通川区",
    "雅安市": "雨城区",
    "巴中市": "巴州区",
    "资阳市": "雁江区",
    "阿坝藏族羌族自治州": "马尔康市",
    "甘孜藏族自治州": "康定市",
    "凉山彝族自治州": "西昌市",
}

SAMPLE_DATA_DISTRICTS = [
    ("乐山市", "峨眉山市"),
    ("凉山彝族自治州", "冕宁县"),
    ("南充市", "仪陇县"),
    ("南充市", "阆中市"),
    ("宜宾市", "长宁县"),
    ("巴中市", "通江县"),
    ("广元市", "剑阁县"),
    ("德阳市", "广汉市"),
    ("德阳市", "绵竹市"),
    ("甘孜藏族自治州", "泸定县"),
    ("绵阳市", "北川羌族自治县"),
    ("绵阳市", "梓潼县"),
    ("绵阳市", "江油市"),
    ("自贡市", "大安区"),
    ("阿坝藏族羌族自治州", "九寨沟县"),
    ("阿坝藏族羌族自治州", "松潘县"),
    ("阿坝藏族羌族自治州", "汶川县"),
    ("雅安市", "石棉县"),
]

CHENGDU = {
    "锦江区",
    "青羊区",
    "金牛区",
    "武侯区",
    "成华区",
    "龙泉驿区",
    "青白江区",
    "新都区",
    "温江区",
    "双流区",
    "郫都区",
    "新津区",
    "简阳市",
    "都江堰市",
    "彭州市",
    "邛崃市",
    "崇州市",
    "金堂县",
    "大邑县",
    "蒲江县",
}


def names_in(city: str) -> list[str]:
    return [district.name for district in DISTRICTS if district.city == city]


def test_every_chongqing_district_and_county_is_listed():
    chongqing = names_in("重庆市")
    assert len(chongqing) == 38
    assert sum(name.endswith("区") for name in chongqing) == 26
    assert {
        "渝中区",
        "开州区",
        "酉阳土家族苗族自治县",
        "石柱土家族自治县",
        "秀山土家族苗族自治县",
        "彭水苗族土家族自治县",
    } <= set(chongqing)
    assert {district.province for district in DISTRICTS if district.city == "重庆市"} == {"cq"}


def test_every_chengdu_district_county_and_city_is_listed():
    assert sorted(names_in("成都市")) == sorted(CHENGDU)


def test_keys_are_unique_and_need_the_city():
    assert len(DISTRICTS_BY_KEY) == len(DISTRICTS)
    assert find_district("乐山市市中区") != find_district("内江市市中区")
    assert find_district("市中区") is None
    assert find_district("") is None


@pytest.mark.parametrize("district", DISTRICTS, ids=district_key)
def test_every_point_lies_in_its_province(district):
    lat_min, lat_max, lon_min, lon_max = PROVINCE_BOUNDS[district.province]
    assert lat_min <= district.lat <= lat_max and lon_min <= district.lon <= lon_max


def test_every_sichuan_city_and_prefecture_has_its_seat():
    sichuan_cities = {district.city for district in DISTRICTS if district.province == "sc"}
    assert sichuan_cities == set(CITY_SEATS) | {"成都市"}
    for city, seat in CITY_SEATS.items():
        district = find_district(f"{city}{seat}")
        assert district is not None and (district.province, district.city, district.name) == ("sc", city, seat)


@pytest.mark.parametrize("city, name", SAMPLE_DATA_DISTRICTS)
def test_the_sample_data_districts_can_be_chosen(city, name):
    district = find_district(f"{city}{name}")
    assert district is not None and (district.city, district.name) == (city, name)


def test_every_place_and_publisher_in_the_sample_corpus_can_be_chosen():
    from sample_corpus.places import PLACES, PUBLISHERS

    used = {(place.city, place.district) for places in PLACES.values() for place in places}
    used |= {(city, district) for publishers in PUBLISHERS.values() for _, _, city, district, _ in publishers}
    assert {f"{city}{district}" for city, district in used} - set(DISTRICTS_BY_KEY) == set()


def test_a_key_finds_its_own_district():
    for district in DISTRICTS:
        assert find_district(district_key(district)) is district


def test_chongqing_to_chengdu_is_a_few_hundred_kilometres():
    yuzhong, qingyang = find_district("重庆市渝中区"), find_district("成都市青羊区")
    kilometres = distance_km((yuzhong.lat, yuzhong.lon), (qingyang.lat, qingyang.lon))
    assert 250 < kilometres < 290
    assert distance_km((qingyang.lat, qingyang.lon), (yuzhong.lat, yuzhong.lon)) == pytest.approx(kilometres)


def test_a_point_is_no_distance_from_itself():
    assert distance_km((29.5556, 106.5652), (29.5556, 106.5652)) == 0


def test_one_degree_of_latitude_is_about_111_km():
    assert distance_km((30.0, 104.0), (31.0, 104.0)) == pytest.approx(111.19, abs=0.01)


def test_groups_follow_the_table_with_chongqing_first():
    groups = districts_by_city()
    assert [province for province, _, _ in groups] == sorted(province for province, _, _ in groups)
    assert groups[0][:2] == ("cq", "重庆市") and groups[1][:2] == ("sc", "成都市")
    assert [district for _, _, districts in groups for district in districts] == list(DISTRICTS)
    assert len({city for _, city, _ in groups}) == len(groups)
    assert all(
        district.city == city and district.province == province
        for province, city, districts in groups
        for district in districts
    )


def test_a_district_name_two_cities_share_is_placed_by_a_point_near_it():
    assert city_of_district("市中区", {"lat": 29.545, "lon": 103.77}) == "乐山市"  # 乐山大佛
    assert city_of_district("市中区", {"lat": 29.58, "lon": 105.06}) == "内江市"
    assert city_of_district("市中区") is None  # not decided without a point
    assert city_of_district("大邑县") == "成都市"
    assert city_of_district("不存在县") is None
