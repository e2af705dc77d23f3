"""The places a teacher can pick as "my place" when searching by distance.

Every district and county of 重庆市 and 成都市, the seat district of each other Sichuan city and
prefecture, and the other districts the sample resources are in. A district stands for its
government seat, where its town and most of its schools are, rather than its geometric centre
(in a mountain county that can be a peak). Points are WGS-84, as resources' locations are: the
published seat coordinates are GCJ-02 and were shifted back by about 500 m. 市中区 and the
like repeat across cities, so a district's key is city and name together: 乐山市市中区.
"""

from __future__ import annotations

import math
from itertools import groupby
from typing import NamedTuple

EARTH_RADIUS_KM = 6371.0088


class District(NamedTuple):
    province: str  # "cq" or "sc", as in the provinces file
    city: str  # the full official name: 阿坝藏族羌族自治州, not 阿坝州
    name: str
    lat: float  # the government seat, WGS-84
    lon: float


CQ = "重庆市"
CHENGDU = "成都市"

DISTRICTS: tuple[District, ...] = (
    District("cq", CQ, "万州区", 30.8099, 108.4041),
    District("cq", CQ, "涪陵区", 29.7055, 107.3851),
    District("cq", CQ, "渝中区", 29.5556, 106.5652),
    District("cq", CQ, "大渡口区", 29.4872, 106.4784),
    District("cq", CQ, "江北区", 29.6096, 106.5706),
    District("cq", CQ, "沙坪坝区", 29.5437, 106.4529),
    District("cq", CQ, "九龙坡区", 29.5050, 106.5069),
    District("cq", CQ, "南岸区", 29.5041, 106.6407),
    District("cq", CQ, "北碚区", 29.8076, 106.3916),
    District("cq", CQ, "綦江区", 29.0312, 106.6476),
    District("cq", CQ, "大足区", 29.7097, 105.7181),
    District("cq", CQ, "渝北区", 29.7210, 106.6275),
    District("cq", CQ, "巴南区", 29.4053, 106.5365),
    District("cq", CQ, "黔江区", 29.5363, 108.7663),
    District("cq", CQ, "长寿区", 29.8604, 107.0763),
    District("cq", CQ, "江津区", 29.2929, 106.2555),
    District("cq", CQ, "合川区", 29.9747, 106.2723),
    District("cq", CQ, "永川区", 29.3593, 105.9235),
    District("cq", CQ, "南川区", 29.1606, 107.0948),
    District("cq", CQ, "璧山区", 29.5947, 106.2235),
    District("cq", CQ, "铜梁区", 29.8473, 106.0525),
    District("cq", CQ, "潼南区", 30.1938, 105.8368),
    District("cq", CQ, "荣昌区", 29.4080, 105.5913),
    District("cq", CQ, "开州区", 31.1628, 108.3885),
    District("cq", CQ, "梁平区", 30.6568, 107.7651),
    District("cq", CQ, "武隆区", 29.3284, 107.7556),
    District("cq", CQ, "城口县", 31.9499, 108.6598),
    District("cq", CQ, "丰都县", 29.8661, 107.7264),
    District("cq", CQ, "垫江县", 30.3302, 107.3288),
    District("cq", CQ, "忠县", 30.3021, 108.0345),
    District("cq", CQ, "云阳县", 30.9330, 108.6929),
    District("cq", CQ, "奉节县", 31.0205, 109.3953),
    District("cq", CQ, "巫山县", 31.0773, 109.8744),
    District("cq", CQ, "巫溪县", 31.4009, 109.5653),
    District("cq", CQ, "石柱土家族自治县", 30.0017, 108.1095),
    District("cq", CQ, "秀山土家族苗族自治县", 28.4514, 109.0026),
    District("cq", CQ, "酉阳土家族苗族自治县", 28.8444, 108.7634),
    District("cq", CQ, "彭水苗族土家族自治县", 29.2966, 108.1611),
    District("sc", CHENGDU, "锦江区", 30.6006, 104.1145),
    District("sc", CHENGDU, "青羊区", 30.6763, 104.0589),
    District("sc", CHENGDU, "金牛区", 30.6938, 104.0498),
    District("sc", CHENGDU, "武侯区", 30.6444, 104.0408),
    District("sc", CHENGDU, "成华区", 30.6624, 104.0990),
    District("sc", CHENGDU, "龙泉驿区", 30.5591, 104.2722),
    District("sc", CHENGDU, "青白江区", 30.8811, 104.2486),
    District("sc", CHENGDU, "新都区", 30.8259, 104.1562),
    District("sc", CHENGDU, "温江区", 30.6849, 103.8545),
    District("sc", CHENGDU, "双流区", 30.5772, 103.9215),
    District("sc", CHENGDU, "郫都区", 30.7986, 103.8990),
    District("sc", CHENGDU, "新津区", 30.4131, 103.8091),
    District("sc", CHENGDU, "金堂县", 30.8643, 104.4093),
    District("sc", CHENGDU, "大邑县", 30.5749, 103.5097),
    District("sc", CHENGDU, "蒲江县", 30.1995, 103.5044),
    District("sc", CHENGDU, "都江堰市", 30.9913, 103.6451),
    District("sc", CHENGDU, "彭州市", 30.9927, 103.9558),
    District("sc", CHENGDU, "邛崃市", 30.4129, 103.4619),
    District("sc", CHENGDU, "崇州市", 30.6328, 103.6709),
    District("sc", CHENGDU, "简阳市", 30.4135, 104.5444),
    District("sc", "自贡市", "自流井区", 29.3403, 104.7745),
    District("sc", "自贡市", "大安区", 29.3665, 104.7713),
    District("sc", "攀枝花市", "东区", 26.5501, 101.7026),
    District("sc", "泸州市", "江阳区", 28.8818, 105.4314),
    District("sc", "德阳市", "旌阳区", 31.1448, 104.4143),
    District("sc", "德阳市", "广汉市", 30.9795, 104.2800),
    District("sc", "德阳市", "绵竹市", 31.3403, 104.2183),
    District("sc", "绵阳市", "涪城区", 31.4573, 104.7542),
    District("sc", "绵阳市", "梓潼县", 31.6448, 105.1674),
    District("sc", "绵阳市", "北川羌族自治县", 31.6193, 104.4653),
    District("sc", "绵阳市", "江油市", 31.7802, 104.7431),
    District("sc", "广元市", "利州区", 32.4362, 105.8416),
    District("sc", "广元市", "剑阁县", 32.2901, 105.5212),
    District("sc", "遂宁市", "船山区", 30.5282, 105.5649),
    District("sc", "内江市", "市中区", 29.5896, 105.0644),
    District("sc", "乐山市", "市中区", 29.5581, 103.7591),
    District("sc", "乐山市", "峨眉山市", 29.6039, 103.4823),
    District("sc", "南充市", "顺庆区", 30.7991, 106.0884),
    District("sc", "南充市", "仪陇县", 31.2737, 106.2991),
    District("sc", "南充市", "阆中市", 31.5605, 106.0012),
    District("sc", "眉山市", "东坡区", 30.0451, 103.8297),
    District("sc", "宜宾市", "翠屏区", 28.7691, 104.6177),
    District("sc", "宜宾市", "长宁县", 28.5857, 104.9185),
    District("sc", "广安市", "广安区", 30.4767, 106.6379),
    District("sc", "达州市", "通川区", 31.2170, 107.5004),
    District("sc", "雅安市", "雨城区", 30.0081, 103.0311),
    District("sc", "雅安市", "石棉县", 29.2307, 102.3578),
    District("sc", "巴中市", "巴州区", 31.8537, 106.7647),
    District("sc", "巴中市", "通江县", 31.9139, 107.2405),
    District("sc", "资阳市", "雁江区", 30.1110, 104.6746),
    District("sc", "阿坝藏族羌族自治州", "马尔康市", 31.9079, 102.2048),
    District("sc", "阿坝藏族羌族自治州", "汶川县", 31.4792, 103.5882),
    District("sc", "阿坝藏族羌族自治州", "松潘县", 32.6578, 103.6026),
    District("sc", "阿坝藏族羌族自治州", "九寨沟县", 33.2539, 104.2413),
    District("sc", "甘孜藏族自治州", "康定市", 30.0013, 101.9556),
    District("sc", "甘孜藏族自治州", "泸定县", 29.9169, 102.2331),
    District("sc", "凉山彝族自治州", "西昌市", 27.8979, 102.2630),
    District("sc", "凉山彝族自治州", "冕宁县", 28.5530, 102.1754),
)


def district_key(district: District) -> str:
    return f"{district.city}{district.name}"


DISTRICTS_BY_KEY: dict[str, District] = {district_key(district): district for district in DISTRICTS}


def city_of_district(name: str, location: dict | None = None) -> str | None:
    """The city a district name belongs to; where two cities have the name (市中区), the one whose
    district seat is nearest ``location``; None for a name not known or not decided."""
    candidates = [district for district in DISTRICTS if district.name == name]
    if len(candidates) > 1 and location:
        point = (location["lat"], location["lon"])
        candidates = [min(candidates, key=lambda district: distance_km(point, (district.lat, district.lon)))]
    return candidates[0].city if len(candidates) == 1 else None


def find_district(key: str) -> District | None:
    return DISTRICTS_BY_KEY.get(key)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat_a, lon_a, lat_b, lon_b = map(math.radians, (*a, *b))
    h = math.sin((lat_b - lat_a) / 2) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin((lon_b - lon_a) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def districts_by_city() -> list[tuple[str, str, list[District]]]:
    """(province, city, districts) in table order, one group per <optgroup>."""
    by_city = groupby(DISTRICTS, key=lambda district: (district.province, district.city))
    return [(province, city, list(districts)) for (province, city), districts in by_city]
