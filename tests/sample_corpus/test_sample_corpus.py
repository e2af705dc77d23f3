"""The sample-corpus generator: deterministic, realistic, and messy in documented ways."""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
from collections import Counter
from datetime import datetime
from itertools import islice

import pytest

from sample_corpus.__main__ import main as cli_main
from sample_corpus.curriculum import VOLUMES
from sample_corpus.feed_mess import BAD_KINDS
from sample_corpus.generator import SHARED_IDS, generate_corpus
from sample_corpus.places import PLACES, PUBLISHERS
from sample_corpus.writer import RESOURCE_JSON, FolderStorage, write_corpus

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
BOXES = {"cq": ((28.1, 32.3), (105.2, 110.2)), "sc": ((26.0, 34.4), (97.3, 108.6))}
CATEGORIES = {
    "社会实践基地",
    "综合实践教育基地",
    "法治教育实践基地",
    "劳动教育实践基地",
    "爱国主义教育基地",
    "科普教育基地",
    "研学实践教育基地",
    "国防教育基地",
}
THEMES = {"红色文化", "历史文化", "自然生态", "科技创新", "非遗传承", "劳动实践", "国防教育", "地理地质"}
SPEC_FIELDS = {
    "schema",
    "id",
    "type",
    "title",
    "summary",
    "keywords",
    "subjects",
    "stages",
    "grades",
    "publisher",
    "region",
    "language",
    "license",
    "published_at",
    "updated_at",
    "files",
    "lesson",
    "study_tour",
    "practice_base",
}
COUNT = 2000


def in_box(province: str, location: dict) -> bool:
    (lat_min, lat_max), (lon_min, lon_max) = BOXES[province]
    return lat_min <= location["lat"] <= lat_max and lon_min <= location["lon"] <= lon_max


def parsed(resource):
    try:
        return json.loads(resource.resource_json)
    except json.JSONDecodeError:
        return None


def is_bad(resource) -> bool:
    return resource.resource_id.startswith("bad-")


def normalised(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def timed_corpus():
    started = time.perf_counter()
    resources = list(generate_corpus(COUNT, seed=7))
    return resources, time.perf_counter() - started


@pytest.fixture(scope="module")
def corpus(timed_corpus):
    return timed_corpus[0]


@pytest.fixture(scope="module")
def valid(corpus):
    return [(r, parsed(r)) for r in corpus if not is_bad(r)]


def test_generating_2000_with_files_is_fast(timed_corpus):
    resources, elapsed = timed_corpus
    print(f"\ngenerated {len(resources)} resources with files in {elapsed:.1f}s")
    assert len(resources) == COUNT
    assert elapsed < 60


def test_same_seed_gives_identical_bytes():
    first = list(islice(generate_corpus(COUNT, seed=7), 50))
    second = list(islice(generate_corpus(COUNT, seed=7), 50))
    assert first == second
    assert [[f.body for f in r.files] for r in first] == [[f.body for f in r.files] for r in second]


def test_different_seed_gives_different_corpus():
    first = [r.resource_json for r in islice(generate_corpus(COUNT, seed=7), 50)]
    other = [r.resource_json for r in islice(generate_corpus(COUNT, seed=8), 50)]
    assert first != other


def test_type_mix_and_both_provinces(corpus):
    types = Counter((parsed(r) or {}).get("type") for r in corpus if not is_bad(r))
    assert 0.65 * COUNT <= types["lesson"] <= 0.75 * COUNT
    assert 0.12 * COUNT <= types["study_tour"] <= 0.18 * COUNT
    assert 0.12 * COUNT <= types["practice_base"] <= 0.18 * COUNT
    provinces = Counter(r.province for r in corpus)
    assert set(provinces) == {"cq", "sc"}
    assert min(provinces.values()) >= 0.4 * COUNT


def test_ids_valid_unique_per_province_and_some_shared(corpus):
    seen = {"cq": set(), "sc": set()}
    for resource in corpus:
        assert ID_PATTERN.match(resource.resource_id), resource.resource_id
        assert resource.resource_id not in seen[resource.province], resource.resource_id
        seen[resource.province].add(resource.resource_id)
    shared = seen["cq"] & seen["sc"]
    assert len(shared) >= 3
    assert shared == set(SHARED_IDS)


def test_valid_resources_follow_the_format(valid):
    for resource, doc in valid:
        assert doc["schema"] == "edu-resource/1"
        assert doc["id"] == resource.resource_id
        assert 1 <= len(doc["title"]) <= 200
        assert len(doc.get("summary", "")) <= 5000
        assert doc["type"] in doc
        assert doc["publisher"]["kind"] in {"school", "bureau", "museum", "venue", "company", "other"}
        assert doc["published_at"].endswith("+08:00")
        datetime.fromisoformat(doc["published_at"])
        if resource.province == "cq":
            assert doc["region"]["city"] == "重庆市"
        else:
            assert doc["region"]["city"] != "重庆市"


def test_publishers_match_province(valid):
    names = {code: {p[0] for p in publishers} for code, publishers in PUBLISHERS.items()}
    venues = {code: {p.name for p in places} for code, places in PLACES.items()}
    for resource, doc in valid:
        assert doc["publisher"]["name"] in names[resource.province] | venues[resource.province]


def test_files_named_in_json_are_shipped_with_matching_size_and_hash(valid):
    for resource, doc in valid:
        bodies = {f.name: f for f in resource.files}
        assert len(bodies) == len(resource.files)
        assert [entry["name"] for entry in doc.get("files", [])] == list(bodies)
        for entry in doc.get("files", []):
            sample = bodies[entry["name"]]
            assert "/" not in entry["name"] and ".." not in entry["name"]
            assert entry["media_type"] == sample.media_type
            if "size" in entry:
                assert entry["size"] == len(sample.body)
            if "sha256" in entry:
                assert entry["sha256"] == hashlib.sha256(sample.body).hexdigest()
        if doc["type"] == "lesson":
            assert [e["role"] for e in doc["files"]].count("main") == 1


def test_practice_bases_have_real_coordinates_in_their_province(valid):
    bases = [(r, d) for r, d in valid if d["type"] == "practice_base"]
    assert bases
    for resource, doc in bases:
        base = doc["practice_base"]
        assert in_box(resource.province, base["location"]), (resource.resource_id, base["location"])
        assert set(base["categories"]) <= CATEGORIES


def test_study_tours_have_real_destinations(valid):
    tours = [d for _, d in valid if d["type"] == "study_tour"]
    known = {p.name: p for places in PLACES.values() for p in places}
    for doc in tours:
        tour = doc["study_tour"]
        assert tour["theme"] in THEMES
        assert 1 <= len(tour["destinations"]) <= 4
        assert set(tour["months"]) <= set(range(1, 13))
        for destination in tour["destinations"]:
            place = known[destination["name"]]
            assert destination["location"] == {"lat": place.lat, "lon": place.lon}


def test_pdf_text_contains_its_unit_name(valid):
    pypdf = pytest.importorskip("pypdf")
    checked = 0
    for resource, doc in valid:
        if doc["type"] != "lesson" or resource.resource_id.startswith("corrupt-"):
            continue
        main = next((f for f in resource.files if f.media_type == "application/pdf"), None)
        if main is None:
            continue
        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(main.body)).pages)
        unit = doc["lesson"]["unit"]
        assert normalised(unit) in normalised(text), (resource.resource_id, unit)
        checked += 1
        if checked == 25:
            break
    assert checked == 25


def test_docx_and_pptx_open_and_mention_the_unit(valid):
    import docx
    import pptx

    seen = set()
    for resource, doc in valid:
        if doc["type"] != "lesson":
            continue
        for sample in resource.files:
            if sample.name.endswith(".docx") and "docx" not in seen:
                text = "\n".join(p.text for p in docx.Document(io.BytesIO(sample.body)).paragraphs)
                assert doc["lesson"]["unit"] in text
                seen.add("docx")
            if sample.name.endswith(".pptx") and "pptx" not in seen:
                deck = pptx.Presentation(io.BytesIO(sample.body))
                text = "\n".join(
                    shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
                )
                assert doc["lesson"]["unit"] in text
                seen.add("pptx")
    assert seen == {"docx", "pptx"}


def test_corrupt_pdf_resource_has_valid_metadata_and_unreadable_pdf(corpus):
    pypdf = pytest.importorskip("pypdf")
    corrupt = [r for r in corpus if r.resource_id.startswith("corrupt-")]
    assert len(corrupt) == 1
    doc = parsed(corrupt[0])
    assert doc["type"] == "lesson" and doc["id"] == corrupt[0].resource_id
    body = corrupt[0].files[0].body
    assert body.startswith(b"%PDF")
    with pytest.raises(pypdf.errors.PyPdfError):
        pypdf.PdfReader(io.BytesIO(body), strict=True).pages[0].extract_text()


def test_every_kind_of_invalid_resource_is_present(corpus):
    bad = [r for r in corpus if is_bad(r)]
    kinds = Counter(label.split(":")[1] for r in bad for label in r.mess if label.startswith("bad:"))
    assert set(kinds) == {kind for _, kind in BAD_KINDS}
    assert len(bad) >= 5
    for resource in bad:
        doc = parsed(resource)
        if "bad:malformed-json" in resource.mess:
            assert doc is None
        elif "bad:wrong-type" in resource.mess:
            assert doc["type"] not in {"lesson", "study_tour", "practice_base"}
        elif "bad:missing-title" in resource.mess:
            assert "title" not in doc
        elif "bad:id-not-folder" in resource.mess:
            assert doc["id"] != resource.resource_id
        elif "bad:unsafe-file-name" in resource.mess:
            assert any(".." in f["name"] for f in doc["files"])
            assert all(".." not in f.name for f in resource.files)
        elif "bad:base-without-location" in resource.mess:
            assert doc["type"] == "practice_base" and "location" not in doc["practice_base"]


def test_messy_spellings_and_unknown_fields(valid):
    messy = Counter(label for r, _ in valid for label in r.mess if label.startswith("messy:"))
    assert 0.02 * COUNT <= sum(messy.values()) <= 0.08 * COUNT
    assert len(messy) >= 4
    unknown = [d for r, d in valid if "unknown-fields" in r.mess]
    assert len(unknown) >= 4
    assert all(set(d) - SPEC_FIELDS for d in unknown)
    assert all(not set(d) - SPEC_FIELDS for r, d in valid if "unknown-fields" not in r.mess)


def test_curriculum_and_places_are_broad():
    entries = [(v["volume"], unit, lesson) for v in VOLUMES for unit, _, lessons in v["units"] for lesson in lessons]
    assert len(entries) >= 150
    assert len({v["subject"] for v in VOLUMES}) >= 12
    assert {v["stage"] for v in VOLUMES} == {"小学", "初中", "高中"}
    for code, places in PLACES.items():
        assert len(places) >= 30
        for place in places:
            assert in_box(code, {"lat": place.lat, "lon": place.lon}), place.name
            assert set(place.categories) <= CATEGORIES and set(place.themes) <= THEMES


class RecordingStorage:
    """Records the order of writes; stands in for ProvinceStorage (same two methods)."""

    def __init__(self):
        self.keys: list[str] = []

    def key_for(self, resource_id, name):
        return f"{resource_id}/{name}"

    def put_bytes(self, key, body, content_type="application/octet-stream"):
        self.keys.append(key)
        return ""


def test_writer_puts_resource_json_last_for_every_resource():
    storages = {"cq": RecordingStorage(), "sc": RecordingStorage()}
    resources = list(generate_corpus(150, seed=3))
    counts = write_corpus(iter(resources), storages, workers=4)
    assert counts == dict(Counter(r.province for r in resources))
    for code, storage in storages.items():
        for resource in (r for r in resources if r.province == code):
            folder_keys = [k for k in storage.keys if k.split("/")[0] == resource.resource_id]
            assert folder_keys[-1] == f"{resource.resource_id}/{RESOURCE_JSON}"
            assert len(folder_keys) == len(resource.files) + 1


def test_cli_writes_a_folder_tree(tmp_path, capsys):
    assert cli_main(["--count", "120", "--seed", "5", "--out", str(tmp_path)]) == 0
    output = capsys.readouterr().out
    assert re.search(r"^cq: \d+ resources written", output, re.M)
    assert re.search(r"^sc: \d+ resources written", output, re.M)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/*/resource.json"))
    assert len(written) == 120
    assert all(p.split("/")[0] in {"cq", "sc"} for p in written)


def test_folder_storage_refuses_unsafe_names(tmp_path):
    storage = FolderStorage(tmp_path)
    with pytest.raises(ValueError):
        storage.key_for("x", "../escape.pdf")
