"""A deterministic, realistic sample corpus in the ``edu-resource/1`` format.

``generate_corpus(count, seed)`` yields resources for Chongqing (``cq``) and Sichuan (``sc``):
~70 % lessons (real textbook units, a PDF/DOCX/PPTX main file, sometimes an attachment and a
PNG cover), ~15 % study tours (1–4 real destinations) and ~15 % practice bases (real places
with coordinates). The same seed always gives the same bytes; nothing reads the clock or the
global random generator.

Deliberate feed mess, for counts of 100 or more. Counts at the default count=2400, seed=7:

- messy spellings, ~5 % of valid resources (112): subject with its stage 小学数学 / 初中物理
  (25), informal grade 初一/初二/初三 (9), old subject names 思品 / 高中政治 / 生物学 / 体育 (7),
  edition inside the subject 数学(人教版) (16), edition alias 部编版 ↔ 统编版 (1), padded values
  " 数学 " or with a full-width space (31), a subject outside the vocabulary — STEAM, 研学,
  校本课程, 奥数 — that must end up as a keyword (23);
- invalid resources with ids starting ``bad-``, max(6, 0.5 %) of the count (12, two of each):
  malformed JSON cut off mid-write (``bad-json-N``), ``type`` "course" (``bad-type-N``), no
  title (``bad-notitle-N``), ``id`` different from its folder (``bad-idmismatch-N``), a file
  named ``../escape.pdf`` that is not shipped (``bad-path-N``), a practice base without
  ``location`` (``bad-noloc-N``);
- unknown top-level fields (``x_source_system``, ``_legacy_id``, ``rating``, ``review_status``,
  ``schema_extensions`` …) on max(4, 0.5 %) valid resources (12) — readers must ignore them;
- one lesson ``corrupt-pdf-1`` whose main PDF is truncated (its metadata is valid);
- four ids present in both provinces as different resources (8 resources): ``les-2025-0817``,
  ``kejian-001``, ``demo-001``, ``yx-test``.

Each ``SampleResource.mess`` names the mess applied to it, so the counts can be checked.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sample_corpus import content, files
from sample_corpus.curriculum import VOLUMES
from sample_corpus.feed_mess import BAD_KINDS, add_unknown_fields, break_resource, make_messy
from sample_corpus.places import AREA_CODES, PLACES, PUBLISHERS

PROVINCES = ("cq", "sc")
SHARED_IDS = ("les-2025-0817", "kejian-001", "demo-001", "yx-test")
MESSY_RATE = 0.05
_EPOCH = datetime(2021, 9, 1, 8, 0)
_SPAN_DAYS = (datetime(2025, 6, 30) - _EPOCH).days
_LICENSES = ("CC-BY-4.0", "CC-BY-4.0", "CC-BY-NC-4.0", "CC-BY-SA-4.0", "all-rights-reserved", None)
_STAGE_GRADES = {
    "小学": ("三年级", "四年级", "五年级", "六年级"),
    "初中": ("七年级", "八年级", "九年级"),
    "高中": ("高一", "高二"),
}
_SUBJECT_COLOURS = {
    "语文": (192, 57, 43),
    "数学": (41, 128, 185),
    "英语": (142, 68, 173),
    "物理": (22, 160, 133),
    "化学": (211, 84, 0),
    "生物": (39, 174, 96),
    "历史": (160, 64, 0),
    "地理": (52, 152, 219),
}
_MAIN_KINDS = ("pdf", "docx", "pptx")
_FORMATS_FOR = {
    "pdf": ("教学设计", "习题", "学案", "素材", "课堂实录"),
    "docx": ("教学设计", "学案", "习题"),
    "pptx": ("课件", "课件", "微课视频"),
}


@dataclass(frozen=True)
class SampleFile:
    name: str
    body: bytes
    media_type: str


@dataclass(frozen=True)
class SampleResource:
    province: str
    resource_id: str
    resource_json: bytes
    files: tuple[SampleFile, ...]
    mess: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class _Slot:
    kind: str
    province: str
    special: str | None = None  # "bad:<kind>", "corrupt", "shared:<id>", "unknown"


def _plan(count: int, rng: random.Random) -> list[_Slot]:
    """Decide type, province and deliberate mess for every position up front."""
    slots = []
    for _ in range(count):
        draw = rng.random()
        kind = "lesson" if draw < 0.70 else "study_tour" if draw < 0.85 else "practice_base"
        slots.append(_Slot(kind, PROVINCES[rng.random() < 0.5]))
    if count < 100:
        return slots
    n_bad = max(len(BAD_KINDS), round(count * 0.005))
    n_unknown = max(4, round(count * 0.005))
    chosen = rng.sample(range(count), n_bad + 1 + 2 * len(SHARED_IDS) + n_unknown)
    for number, position in enumerate(chosen[:n_bad]):
        short, bad_kind = BAD_KINDS[number % len(BAD_KINDS)]
        slots[position].special = f"bad:{bad_kind}:bad-{short}-{number // len(BAD_KINDS) + 1}"
        if bad_kind == "base-without-location":
            slots[position].kind = "practice_base"
    rest = chosen[n_bad:]
    slots[rest[0]] = _Slot("lesson", slots[rest[0]].province, "corrupt")
    for number, shared_id in enumerate(SHARED_IDS):
        for offset, province in enumerate(PROVINCES):
            slots[rest[1 + 2 * number + offset]] = _Slot("lesson", province, f"shared:{shared_id}")
    for position in rest[1 + 2 * len(SHARED_IDS) :]:
        slots[position].special = "unknown"
    return slots


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.sequence = 0
        self.lessons = 0
        self.base_uses: dict[str, int] = {}

    # ---------------------------------------------------------------- shared pieces
    def _timestamps(self) -> tuple[str, str | None]:
        published = _EPOCH + timedelta(
            days=self.rng.randrange(_SPAN_DAYS),
            hours=self.rng.randrange(13),
            minutes=self.rng.choice((0, 10, 20, 30, 45)),
        )
        updated = None
        if self.rng.random() < 0.4:
            updated = published + timedelta(days=self.rng.randrange(1, 90), hours=self.rng.randrange(8))
        fmt = "%Y-%m-%dT%H:%M:%S+08:00"
        return published.strftime(fmt), updated.strftime(fmt) if updated else None

    def _publisher(self, province: str, stage: str) -> tuple[dict, dict]:
        options = [p for p in PUBLISHERS[province] if stage in p[4]]
        name, kind, city, district, _ = self.rng.choice(options)
        return {"name": name, "kind": kind}, {"city": city, "district": district}

    def _base_doc(self, resource_id: str, kind: str, title: str, publisher: dict, region: dict) -> dict:
        published, updated = self._timestamps()
        doc = {"schema": "edu-resource/1", "id": resource_id, "type": kind, "title": title}
        doc.update(publisher=publisher, region=region)
        if self.rng.random() < 0.7:
            doc["language"] = "zh-CN"
        license_id = self.rng.choice(_LICENSES)
        if license_id:
            doc["license"] = license_id
        doc["published_at"] = published
        if updated:
            doc["updated_at"] = updated
        return doc

    def _file_entry(self, sample: SampleFile, role: str) -> dict:
        entry = {"name": sample.name, "role": role, "media_type": sample.media_type}
        draw = self.rng.random()
        if draw < 0.8:
            entry["size"] = len(sample.body)
        if draw < 0.7:
            entry["sha256"] = hashlib.sha256(sample.body).hexdigest()
        return entry

    def _cover(self, subject: str) -> SampleFile:
        colour = _SUBJECT_COLOURS.get(subject, (90, 110, 130))
        return SampleFile("cover.png", files.cover_png(colour), files.PNG)

    def _next_id(self, prefix: str, published_at: str) -> str:
        self.sequence += 1
        return f"{prefix}-{published_at[:4]}-{self.sequence:05d}"

    # ---------------------------------------------------------------- lessons
    def _lesson_file(self, kind: str, volume: dict, unit: tuple, name: str) -> SampleFile:
        """A file for the lesson's whole unit (cached per unit and kind: many lessons share it)."""
        unit_name, terms, lessons = unit
        if kind == "pptx":
            body = files.pptx_bytes(f"{unit_name} 单元课件", content.unit_slides(volume, unit_name, terms, lessons))
            return SampleFile(f"{name}.pptx", body, files.PPTX)
        paragraphs = content.unit_paragraphs(volume, unit_name, terms, lessons)
        if kind == "docx":
            return SampleFile(f"{name}.docx", files.docx_bytes(f"{unit_name} 单元学案", paragraphs), files.DOCX)
        return SampleFile(f"{name}.pdf", files.pdf_bytes(f"{unit_name} 单元教学设计", paragraphs), files.PDF)

    def lesson(self, province: str, resource_id: str | None, corrupt: bool = False) -> tuple[str, dict, list]:
        rng = self.rng
        volume = rng.choice(VOLUMES)
        unit = rng.choice(volume["units"])
        unit_name, terms, _ = unit
        lesson = rng.choice(unit[2])
        if volume["subject"] == "英语":  # "Section A" alone says nothing: teachers prefix the unit
            lesson = f"{' '.join(unit_name.split(' ')[:2])} {lesson}"
        main_kind = "pdf" if corrupt else _MAIN_KINDS[self.lessons % 3]
        self.lessons += 1
        fmt = rng.choice(_FORMATS_FOR[main_kind])
        publisher, region = self._publisher(province, volume["stage"])
        title = content.lesson_title(volume, lesson, fmt, rng.randrange(4))
        doc = self._base_doc("", "lesson", title, publisher, region)
        resource_id = resource_id or self._next_id("les", doc["published_at"])
        doc["id"] = resource_id
        doc["summary"] = content.lesson_summary(volume, unit_name, lesson, fmt, terms)
        doc["keywords"] = [lesson.strip("《》"), terms[0]]
        doc["subjects"], doc["stages"], doc["grades"] = [volume["subject"]], [volume["stage"]], [volume["grade"]]
        safe_lesson = lesson.replace("/", "-")
        name = rng.choice((fmt, f"{safe_lesson}-{fmt}", "main"))
        main = self._lesson_file(main_kind, volume, unit, name)
        if corrupt:
            main = SampleFile(main.name, files.corrupt_pdf_bytes(title), files.PDF)
        attached = [(main, "main")]
        if rng.random() < 0.3:
            extra_kind = "docx" if main_kind == "pdf" else "pdf"
            extra_fmt = "学案" if main_kind == "pptx" else "教学设计"
            extra = self._lesson_file(extra_kind, volume, unit, extra_fmt)
            if extra.name != main.name:
                attached.append((extra, "attachment"))
        if rng.random() < 0.2:
            attached.append((self._cover(volume["subject"]), "cover"))
        doc["files"] = [self._file_entry(sample, role) for sample, role in attached]
        duration = 10 if fmt == "微课视频" else 40 if volume["stage"] == "小学" else 45
        doc["lesson"] = {
            "edition": volume["edition"],
            "volume": volume["volume"],
            "unit": unit_name,
            "format": fmt,
            "duration_minutes": duration,
        }
        return resource_id, doc, [sample for sample, _ in attached]

    # ---------------------------------------------------------------- study tours
    def study_tour(self, province: str) -> tuple[str, dict, list]:
        rng = self.rng
        places = PLACES[province]
        first = rng.choice(places)
        theme = rng.choice(first.themes)
        same_theme = [p for p in places if theme in p.themes and p is not first]
        destinations = [first] + rng.sample(same_theme, min(len(same_theme), rng.choice((0, 1, 1, 2, 2, 3))))
        if rng.random() < 0.1:  # a 成渝双城 tour crossing into the other province
            other = [p for p in PLACES[PROVINCES[province == "cq"]] if theme in p.themes]
            if other and len(destinations) < 4:
                destinations.append(rng.choice(other))
        cities = {p.city for p in destinations}
        days = min(4, max(len(cities), len(destinations) - rng.randint(0, 1), 1))
        stage = rng.choice(("小学", "初中", "初中", "高中"))
        grades = sorted(rng.sample(_STAGE_GRADES[stage], 2), key=_STAGE_GRADES[stage].index)
        publisher, region = self._publisher(province, stage)
        title = (
            f"{content.THEME_TITLES[theme]}：{'—'.join(p.name for p in destinations[:3])}{content.DAY_WORDS[days]}研学"
        )
        doc = self._base_doc("", "study_tour", title, publisher, region)
        resource_id = self._next_id("yx", doc["published_at"])
        doc["id"] = resource_id
        doc["summary"] = (
            f"走进{'、'.join(p.name for p in destinations)}，开展"
            f"{'、'.join(p.activities[0] for p in destinations)}等研学活动，"
            f"在真实情境中完成{theme}主题的研学任务。"
        )
        doc["keywords"] = [p.name for p in destinations] + [theme]
        subjects = []
        for place in destinations:
            subjects += [s for s in place.subjects if s not in subjects]
        doc["subjects"], doc["stages"], doc["grades"] = subjects[:3], [stage], grades
        attached = []
        if rng.random() < 0.5:
            paragraphs = content.tour_paragraphs(title, theme, days, tuple(destinations))
            attached.append((SampleFile("研学手册.pdf", files.pdf_bytes(title, paragraphs), files.PDF), "main"))
        if rng.random() < 0.3:
            attached.append((self._cover(subjects[0]), "cover"))
        if attached:
            doc["files"] = [self._file_entry(sample, role) for sample, role in attached]
        fee_per_day = (
            rng.choice((0, 120, 160, 180, 220, 260)) if theme == "红色文化" else rng.choice((150, 180, 220, 260, 320))
        )
        doc["study_tour"] = {
            "theme": theme,
            "duration_days": days,
            "destinations": [
                {"name": p.name, "district": p.district, "location": {"lat": p.lat, "lon": p.lon}} for p in destinations
            ],
            "capacity": rng.choice((40, 60, 80, 100, 120, 150, 200, 300)),
            "fee_cny": fee_per_day * days,
            "months": sorted(rng.sample((3, 4, 5, 6, 9, 10, 11), rng.randint(2, 4))),
            "organizer": publisher["name"],
            "safety_notes": rng.choice(content.SAFETY_NOTES),
        }
        return resource_id, doc, [sample for sample, _ in attached]

    # ---------------------------------------------------------------- practice bases
    def practice_base(self, province: str, resource_id: str | None = None) -> tuple[str, dict, list]:
        rng = self.rng
        place = rng.choice(PLACES[province])
        uses = self.base_uses.get(place.slug, 0)
        self.base_uses[place.slug] = uses + 1
        activity = place.activities[uses % len(place.activities)]
        title = place.name if uses == 0 else f"{place.name}·{activity}实践课程"
        resource_id = resource_id or (f"jd-{place.slug}" if uses == 0 else f"jd-{place.slug}-{uses + 1}")
        is_museum = any(word in place.name for word in ("博物", "纪念", "陈列"))
        publisher = {"name": place.name, "kind": "museum" if is_museum else "venue"}
        doc = self._base_doc(
            resource_id, "practice_base", title, publisher, {"city": place.city, "district": place.district}
        )
        doc["summary"] = content.base_summary(place)
        doc["keywords"] = list(place.activities[:3])
        doc["subjects"] = list(place.subjects)
        doc["stages"] = ["小学", "初中", "高中"] if rng.random() < 0.7 else ["小学", "初中"]
        attached = []
        if rng.random() < 0.2:
            body = files.docx_bytes(place.name, content.base_paragraphs(place))
            attached.append((SampleFile("基地简介.docx", body, files.DOCX), "attachment"))
        if rng.random() < 0.4:
            attached.append((self._cover(place.subjects[0]), "cover"))
        if attached:
            doc["files"] = [self._file_entry(sample, role) for sample, role in attached]
        booking = {"phone": f"{AREA_CODES[province]}-00000000"}
        if rng.random() < 0.3:
            booking["url"] = f"https://booking.example.edu.cn/{province}/{place.slug}"
        doc["practice_base"] = {
            "categories": list(place.categories),
            "address": place.address,
            "location": {"lat": place.lat, "lon": place.lon},
            "capacity": place.capacity,
            "opening_hours": place.opening_hours,
            "booking": booking,
            "activities": [activity] + [a for a in place.activities if a != activity],
            "free_for_students": place.free_for_students,
        }
        return resource_id, doc, [sample for sample, _ in attached]


def _encode(doc: dict, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def generate_corpus(count: int = 2400, seed: int = 7) -> Iterator[SampleResource]:
    """Yield ``count`` sample resources, the same ones for the same ``seed``."""
    generator = _Generator(seed)
    rng = generator.rng
    unknown_index = 0
    for slot in _plan(count, rng):
        special = slot.special or ""
        forced_id = None
        if special.startswith("shared:"):
            forced_id = special.split(":", 1)[1]
        elif special.startswith("bad:"):
            forced_id = special.split(":")[2]
        elif special == "corrupt":
            forced_id = "corrupt-pdf-1"
        if slot.kind == "lesson":
            resource_id, doc, samples = generator.lesson(slot.province, forced_id, corrupt=special == "corrupt")
        elif slot.kind == "study_tour":
            resource_id, doc, samples = generator.study_tour(slot.province)
            if forced_id:
                resource_id = doc["id"] = forced_id
        else:
            resource_id, doc, samples = generator.practice_base(slot.province, forced_id)
        mess = []
        if special.startswith("bad:"):
            bad_kind = special.split(":")[1]
            body = break_resource(doc, bad_kind)
            mess.append(f"bad:{bad_kind}")
        else:
            if special == "unknown":
                mess.append(add_unknown_fields(doc, unknown_index))
                unknown_index += 1
            elif special:
                mess.append(special.split(":")[0])
            if rng.random() < MESSY_RATE:
                kind = make_messy(doc, rng)
                if kind:
                    mess.append(f"messy:{kind}")
            body = _encode(doc, rng)
        yield SampleResource(slot.province, resource_id, body, tuple(samples), tuple(mess))
