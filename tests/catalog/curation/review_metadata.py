"""Complete metadata of a study tour and a practice base, as a school's upload sends it."""

from __future__ import annotations


def tour_metadata(title: str = "红岩精神研学") -> dict:
    return {
        "type": "study_tour",
        "title": title,
        "summary": "两天走访红岩革命纪念馆和渣滓洞。",
        "subjects": ["历史"],
        "stages": ["初中"],
        "grades": ["八年级"],
        "license": "CC-BY-4.0",
        "study_tour": {
            "theme": "红色文化",
            "duration_days": 2,
            "destinations": [
                {"name": "红岩革命纪念馆", "district": "渝中区", "location": {"lat": 29.5611, "lon": 106.5021}},
                {"name": "渣滓洞", "district": "沙坪坝区", "location": {"lat": 29.5735, "lon": 106.4352}},
            ],
            "months": [4, 10],
            "fee_cny": 380,
            "capacity": 120,
            "organizer": "重庆市测试小学德育处",
            "safety_notes": "全程佩戴胸卡，统一乘车。",
        },
    }


def base_metadata(title: str = "科技馆实践基地") -> dict:
    return {
        "type": "practice_base",
        "title": title,
        "summary": "机器人和天文观测。",
        "subjects": ["科学"],
        "stages": ["小学"],
        "grades": ["五年级"],
        "license": "CC-BY-4.0",
        "practice_base": {
            "categories": ["科普教育基地"],
            "address": "成都市武侯区人民南路四段 9 号",
            "location": {"lat": 30.6286, "lon": 104.0702},
            "capacity": 800,
            "opening_hours": "周二至周日 9:00-17:00",
            "booking": {"phone": "028-8888 0000", "url": "https://example.cn/booking"},
            "activities": ["机器人编程", "天文观测"],
            "free_for_students": True,
        },
    }
