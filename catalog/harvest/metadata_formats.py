"""The resource format (spec/resource-format.md) as Dublin Core (``oai_dc``) and IEEE LOM (``lom``).

Each builder takes an index document's source and the resource page's address and returns an
element; text goes in as element text or attribute values only, so lxml escapes all of it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

FORMATS = {
    # prefix: (schema, namespace)
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "lom": ("http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd", LOM),
}

TYPE_NAMES = {"lesson": "数字课程资源", "study_tour": "研学旅行", "practice_base": "实践基地"}
# DCMI Type Vocabulary: a lesson is a text or moving image; tours and bases are events and places (services).
DCMI_TYPES = {"lesson": "InteractiveResource", "study_tour": "Event", "practice_base": "Service"}
# LOM 5.2 learningResourceType, from the lesson's format where one fits.
LEARNING_RESOURCE_TYPES = {
    "教学设计": "narrative text",
    "课件": "slide",
    "微课视频": "lecture",
    "课堂实录": "lecture",
    "习题": "exercise",
    "学案": "problem statement",
}
AGE_RANGES = {"学前": "3-6", "小学": "6-12", "初中": "12-15", "高中": "15-18", "中职": "15-18"}


def _strings(source: dict, *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        value = source.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item and item not in values:
                values.append(item)
    return values


def _language(source: dict) -> str:
    return source.get("language") or "zh-CN"


def _region(source: dict) -> str:
    region = source.get("region") or {}
    return " ".join(part for part in (region.get("city"), region.get("district")) if part)


def _media_types(source: dict) -> list[str]:
    return list(dict.fromkeys(f["media_type"] for f in source.get("files") or [] if f.get("media_type")))


def dublin_core(source: dict, page_url: str) -> etree._Element:
    """``oai_dc``: the fifteen elements, those the resource has."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {FORMATS['oai_dc'][0]}")
    language = _language(source)

    def add(name: str, text, lang: str | None = None) -> None:
        if text in (None, ""):
            return
        element = etree.SubElement(root, f"{{{DC}}}{name}")
        element.text = str(text)
        if lang:
            element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)

    add("title", source.get("title"), language)
    publisher = (source.get("publisher") or {}).get("name")
    add("creator", publisher)
    for subject in _strings(source, "subjects", "stages", "grades", "keywords"):
        add("subject", subject, language)
    add("description", source.get("summary"), language)
    add("publisher", publisher)
    add("date", (source.get("published_at") or "")[:10])
    add("type", DCMI_TYPES.get(source.get("type")))
    add("type", TYPE_NAMES.get(source.get("type")), "zh-CN")
    lesson_format = (source.get("lesson") or {}).get("format")
    add("type", lesson_format, "zh-CN")
    for media_type in _media_types(source):
        add("format", media_type)
    add("identifier", page_url)
    add("language", language)
    add("coverage", _region(source), "zh-CN")
    for place in _strings(source, "places"):
        add("coverage", place, "zh-CN")
    add("rights", source.get("license") or "all-rights-reserved")
    return root


class _Lom:
    """Builds one LOM record: elements in the LOM namespace, LangStrings and vocabularies."""

    def __init__(self, language: str):
        self.language = language

    def element(self, parent, name: str, text=None):
        element = etree.SubElement(parent, f"{{{LOM}}}{name}")
        if text is not None:
            element.text = str(text)
        return element

    def lang_string(self, parent, name: str, text: str, language: str | None = None):
        holder = self.element(parent, name)
        string = self.element(holder, "string", text)
        string.set("language", language or self.language)
        return holder

    def vocabulary(self, parent, name: str, value: str):
        holder = self.element(parent, name)
        self.element(holder, "source", "LOMv1.0")
        self.element(holder, "value", value)
        return holder


def _vcard(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", " ")
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{escaped}\nORG:{escaped}\nEND:VCARD"


def _lom_date_time(value: str) -> str:
    """LOM's DateTime pattern takes a zone only after fractional seconds: UTC, with ``.0Z``."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value[:10]
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.0Z")


def _duration(source: dict) -> str | None:
    minutes = (source.get("lesson") or {}).get("duration_minutes")
    if isinstance(minutes, int | float) and minutes > 0:
        return f"PT{round(minutes)}M"
    days = (source.get("study_tour") or {}).get("duration_days")
    if isinstance(days, int | float) and days > 0:
        return f"P{round(days)}D" if days == int(days) else f"PT{round(days * 24)}H"
    return None


def learning_object(source: dict, page_url: str, identifier: str) -> etree._Element:
    """``lom``: IEEE 1484.12.1 in its XML binding (1484.12.3), LOMv1.0 vocabularies only."""
    language = _language(source)
    lom = _Lom(language)
    root = etree.Element(f"{{{LOM}}}lom", nsmap={None: LOM, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{LOM} {FORMATS['lom'][0]}")

    general = lom.element(root, "general")
    ident = lom.element(general, "identifier")
    lom.element(ident, "catalog", "oai")
    lom.element(ident, "entry", identifier)
    lom.lang_string(general, "title", source.get("title") or "")
    lom.element(general, "language", language)
    if source.get("summary"):
        lom.lang_string(general, "description", source["summary"])
    for keyword in _strings(source, "keywords"):
        lom.lang_string(general, "keyword", keyword)
    for coverage in [_region(source), *_strings(source, "places")]:
        if coverage:
            lom.lang_string(general, "coverage", coverage, "zh-CN")

    publisher = (source.get("publisher") or {}).get("name")
    if publisher:
        life_cycle = lom.element(root, "lifeCycle")
        contribute = lom.element(life_cycle, "contribute")
        lom.vocabulary(contribute, "role", "publisher")
        lom.element(contribute, "entity", _vcard(publisher))
        if source.get("published_at"):
            lom.element(lom.element(contribute, "date"), "dateTime", _lom_date_time(source["published_at"]))

    meta = lom.element(root, "metaMetadata")
    lom.element(meta, "metadataSchema", "LOMv1.0")
    lom.element(meta, "language", language)

    technical = lom.element(root, "technical")
    for media_type in _media_types(source):
        lom.element(technical, "format", media_type)
    sizes = [f["size"] for f in source.get("files") or [] if isinstance(f.get("size"), int)]
    if sizes:
        lom.element(technical, "size", sum(sizes))
    lom.element(technical, "location", page_url)

    educational = lom.element(root, "educational")
    kind = source.get("type")
    learning_type = LEARNING_RESOURCE_TYPES.get((source.get("lesson") or {}).get("format"))
    if learning_type:
        lom.vocabulary(educational, "learningResourceType", learning_type)
    lom.vocabulary(educational, "intendedEndUserRole", "teacher" if kind == "lesson" else "learner")
    lom.vocabulary(educational, "context", "school")
    for stage in _strings(source, "stages"):
        if stage in AGE_RANGES:
            lom.lang_string(educational, "typicalAgeRange", AGE_RANGES[stage], "x-none")
    duration = _duration(source)
    if duration:
        lom.element(lom.element(educational, "typicalLearningTime"), "duration", duration)
    lom.element(educational, "language", language)

    rights = lom.element(root, "rights")
    fee = (source.get("study_tour") or {}).get("fee_cny")
    free = (source.get("practice_base") or {}).get("free_for_students")
    if isinstance(fee, int | float) or isinstance(free, bool):
        lom.vocabulary(rights, "cost", "yes" if (isinstance(fee, int | float) and fee > 0) or free is False else "no")
    lom.vocabulary(rights, "copyrightAndOtherRestrictions", "yes")
    lom.lang_string(rights, "description", source.get("license") or "all-rights-reserved", "x-none")

    for purpose, source_name, values in (
        ("discipline", "学科", _strings(source, "subjects")),
        ("educational level", "学段", _strings(source, "stages", "grades")),
    ):
        if not values:
            continue
        classification = lom.element(root, "classification")
        lom.vocabulary(classification, "purpose", purpose)
        for value in values:
            path = lom.element(classification, "taxonPath")
            lom.lang_string(path, "source", source_name, "zh-CN")
            lom.lang_string(lom.element(path, "taxon"), "entry", value, "zh-CN")
    return root


def metadata(prefix: str, source: dict, page_url: str, identifier: str) -> etree._Element:
    if prefix == "oai_dc":
        return dublin_core(source, page_url)
    return learning_object(source, page_url, identifier)
