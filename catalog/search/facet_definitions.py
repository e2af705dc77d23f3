"""The search facets as data: URL name → indexed field, labels and how many values to show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    name: str
    field: str
    label_zh: str
    label_en: str
    size: int
    boolean: bool = False  # values travel as "true"/"false"


FACETS: tuple[Facet, ...] = (
    Facet("type", "type", "资源类型", "Type", 5),
    Facet("province", "province", "省份", "Province", 10),
    Facet("city", "region.city", "城市", "City", 30),
    Facet("district", "region.district", "区县", "District", 50),
    Facet("stage", "stages", "学段", "Stage", 10),
    Facet("grade", "grades", "年级", "Grade", 15),
    Facet("subject", "subjects", "学科", "Subject", 30),
    Facet("edition", "lesson.edition", "教材版本", "Textbook edition", 30),
    Facet("volume", "lesson.volume", "册次", "Volume", 40),
    Facet("format", "lesson.format", "课型", "Lesson format", 10),
    Facet("theme", "study_tour.theme", "研学主题", "Tour theme", 10),
    Facet("category", "practice_base.categories", "基地类别", "Base category", 10),
    Facet("free", "practice_base.free_for_students", "对学生免费", "Free for students", 2, boolean=True),
    Facet("tag", "tags", "标签", "Tag", 30),
    Facet("license", "license", "许可协议", "License", 10),
)

FACETS_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}


def filters_from(params: Mapping) -> dict[str, tuple[str, ...]]:
    """The ticked facet values of parsed search parameters, in facet order; unticked facets left out."""
    return {facet.name: tuple(params[facet.name]) for facet in FACETS if params.get(facet.name)}


# Labels for values that are codes rather than words a teacher reads.
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "lesson": ("课例", "Lesson"),
        "study_tour": ("研学线路", "Study tour"),
        "practice_base": ("实践基地", "Practice base"),
    },
    "province": {"cq": ("重庆", "Chongqing"), "sc": ("四川", "Sichuan")},
    "free": {"true": ("免费", "Free"), "false": ("收费", "Paid")},
    "license": {
        "all-rights-reserved": ("保留所有权利", "All rights reserved"),
        "CC-BY-4.0": ("署名 4.0（CC BY）", "Attribution 4.0 (CC BY)"),
        "CC-BY-SA-4.0": ("署名—相同方式共享 4.0（CC BY-SA）", "Attribution-ShareAlike 4.0 (CC BY-SA)"),
        "CC-BY-NC-4.0": ("署名—非商业性使用 4.0（CC BY-NC）", "Attribution-NonCommercial 4.0 (CC BY-NC)"),
        "CC-BY-NC-SA-4.0": (
            "署名—非商业性使用—相同方式共享 4.0（CC BY-NC-SA）",
            "Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA)",
        ),
        "CC-BY-ND-4.0": ("署名—禁止演绎 4.0（CC BY-ND）", "Attribution-NoDerivatives 4.0 (CC BY-ND)"),
        "CC-BY-NC-ND-4.0": (
            "署名—非商业性使用—禁止演绎 4.0（CC BY-NC-ND）",
            "Attribution-NonCommercial-NoDerivatives 4.0 (CC BY-NC-ND)",
        ),
        "CC0-1.0": ("公共领域贡献（CC0）", "Public domain dedication (CC0)"),
    },
}


def value_label(facet_name: str, value: str, language: str = "zh") -> str:
    """How a facet value is shown; most values are already Chinese words."""
    labels = VALUE_LABELS.get(facet_name, {}).get(value)
    if not labels:
        return value
    return labels[0] if language == "zh" else labels[1]
