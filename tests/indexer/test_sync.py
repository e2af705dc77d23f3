"""Sync and rebuild against the real node and both S3 endpoints (issue acceptance, one test each)."""

from __future__ import annotations

import threading

from conftest import lesson

from indexer.leftovers import alias_targets
from sample_corpus.files import corrupt_pdf_bytes, docx_bytes, pdf_bytes, pptx_bytes


def test_new_changed_and_withdrawn_resources_reach_the_index_in_each_province(catalog):
    for code in ("cq", "sc"):
        catalog.put(code, lesson("kept", f"{code} 保留的课"))
        catalog.put(code, lesson("changes", f"{code} 旧标题"))
        catalog.put(code, lesson("leaves", f"{code} 将撤回的课"))
    first = catalog.sync()
    assert first.ok and [p.indexed for p in first.provinces] == [3, 3]

    for code in ("cq", "sc"):
        catalog.put(code, lesson("changes", f"{code} 新标题"))
        catalog.withdraw(code, "leaves")
        catalog.put(code, lesson("arrives", f"{code} 新来的课"))
    second = catalog.sync()

    for code in ("cq", "sc"):
        assert catalog.ids(province=code) == {f"{code}:kept", f"{code}:changes", f"{code}:arrives"}
        assert catalog.document(f"{code}:changes")["title"] == f"{code} 新标题"
    assert [(p.indexed, p.deleted, p.unchanged) for p in second.provinces] == [(2, 1, 1), (2, 1, 1)]


def test_a_second_sync_with_no_changes_writes_nothing(catalog):
    for code in ("cq", "sc"):
        catalog.put(code, lesson("one", "一"))
        catalog.put(code, lesson("two", "二"))
    catalog.sync()
    versions = {
        h["_id"]: h["_seq_no"]
        for h in catalog.es.search(index=catalog.alias, seq_no_primary_term=True, size=100)["hits"]["hits"]
    }

    again = catalog.sync()

    assert [(p.indexed, p.deleted, p.unchanged) for p in again.provinces] == [(0, 0, 2), (0, 0, 2)]
    after = {
        h["_id"]: h["_seq_no"]
        for h in catalog.es.search(index=catalog.alias, seq_no_primary_term=True, size=100)["hits"]["hits"]
    }
    assert after == versions


def test_invalid_resources_are_rejected_with_key_and_reason_and_the_rest_indexed(catalog):
    wrong_type = lesson("wrong-type", "类型错误")
    wrong_type["type"] = "podcast"
    no_title = lesson("no-title", "x")
    del no_title["title"]
    bad_file = lesson("bad-file", "文件名越界")
    bad_file["files"] = [{"name": "../escape.pdf", "role": "main", "media_type": "application/pdf"}]
    catalog.put("cq", b'{"schema": "edu-resource/1", "id": ', folder="bad-json")
    catalog.put("cq", wrong_type)
    catalog.put("cq", no_title)
    catalog.put("cq", lesson("Bad_ID", "坏编号"), folder="Bad_ID")
    catalog.put("cq", bad_file)
    catalog.put("cq", lesson("good", "合格的课"))

    run = catalog.sync()

    cq = run.provinces[0]
    reasons = {r["key"].rsplit("/", 2)[-2]: " ".join(r["reasons"]) for r in cq.rejected}
    assert set(reasons) == {"bad-json", "wrong-type", "no-title", "Bad_ID", "bad-file"}
    assert all(r["key"].endswith("/resource.json") for r in cq.rejected)
    assert "JSON" in reasons["bad-json"]
    assert reasons["wrong-type"].startswith("type:")
    assert reasons["no-title"].startswith("title:")
    assert "id:" in reasons["Bad_ID"]
    assert reasons["bad-file"].startswith("files.0.name:")
    assert catalog.ids(province="cq") == {"cq:good"}


def test_the_same_id_in_both_provinces_gives_two_documents_and_json_cannot_move_a_province(catalog):
    catalog.put("cq", lesson("shared-id", "重庆的课"))
    claims_sichuan = lesson("shared-id", "四川的课")
    claims_sichuan["province"] = "cq"
    catalog.put("sc", claims_sichuan)
    catalog.put("cq", {**lesson("claims", "自称四川"), "province": "sc"})

    catalog.sync()

    assert catalog.document("cq:shared-id")["title"] == "重庆的课"
    assert catalog.document("sc:shared-id")["title"] == "四川的课"
    assert catalog.document("cq:claims")["province"] == "cq"
    assert catalog.ids(province="sc") == {"sc:shared-id"}


def test_a_stopped_province_is_skipped_reported_and_keeps_its_documents(catalog, stack_control):
    for code in ("cq", "sc"):
        catalog.put(code, lesson("first", "第一课"))
    catalog.sync()
    catalog.put("cq", lesson("second", "第二课"))
    catalog.put("sc", lesson("second", "第二课"))

    with stack_control.province_stopped("sc"):
        during = catalog.sync()
        cq, sc = during.provinces
        assert cq.status == "ok" and cq.indexed == 1
        assert sc.status == "failed" and sc.error
        assert not during.ok
        assert catalog.ids(province="sc") == {"sc:first"}

    after = catalog.sync()
    assert after.ok
    assert catalog.ids(province="sc") == {"sc:first", "sc:second"}


def test_rebuild_keeps_searches_answering_and_swaps_the_alias_once(catalog):
    for number in range(40):
        catalog.put("cq" if number % 2 else "sc", lesson(f"r{number}", f"第{number}课 分数"))
    catalog.sync()
    (old_index,) = catalog.es.indices.get_alias(name=catalog.alias)
    seen_targets, failures, counts = [], [], []
    done = threading.Event()

    def search_while_rebuilding():
        while not done.is_set():
            try:
                # alias_targets: a bare get_alias fails when any index is deleted meanwhile (the old one)
                targets = alias_targets(catalog.es, catalog.alias)
                if not seen_targets or seen_targets[-1] != targets:
                    seen_targets.append(targets)
                counts.append(catalog.es.count(index=catalog.alias)["count"])
            except Exception as exc:  # noqa: BLE001 - any failure here is what the test reports
                failures.append(repr(exc))

    watcher = threading.Thread(target=search_while_rebuilding)
    watcher.start()
    try:
        run = catalog.rebuild()
    finally:
        done.set()
        watcher.join()

    assert run.ok, run.summary_lines()
    assert failures == []
    assert set(counts) == {40}
    (new_index,) = catalog.es.indices.get_alias(name=catalog.alias)
    assert seen_targets == [[old_index], [new_index]]
    assert not catalog.es.indices.exists(index=old_index)


def test_a_failed_rebuild_leaves_the_old_index_serving_and_no_orphan(catalog, stack_control):
    for code in ("cq", "sc"):
        catalog.put(code, lesson("a", "甲"))
    catalog.sync()
    before = catalog.es.indices.get(index=f"{catalog.alias}-2*")

    with stack_control.province_stopped("sc"):
        run = catalog.rebuild()

    assert not run.ok and "sc" in run.error
    assert run.provinces[0].indexed == 1  # Chongqing was loaded: the failure came midway
    assert catalog.es.indices.get(index=f"{catalog.alias}-2*").keys() == before.keys()
    assert catalog.ids() == {"cq:a", "sc:a"}


def test_text_inside_pdf_docx_and_pptx_is_findable_and_a_corrupt_file_is_reported(catalog):
    files = {
        "pdf": ("jiangyi.pdf", "application/pdf", pdf_bytes("讲义", ("光合作用需要叶绿体参与",))),
        "docx": (
            "sheji.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx_bytes("设计", ("摩擦力的大小与接触面粗糙程度有关",)),
        ),
        "pptx": (
            "kejian.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            pptx_bytes("课件", (("勾股定理", ("直角三角形两条直角边的平方和",)),)),
        ),
        "corrupt": ("broken.pdf", "application/pdf", corrupt_pdf_bytes("坏文件")),
    }
    for kind, (name, media_type, body) in files.items():
        resource = lesson(f"with-{kind}", f"{kind} 资源")
        resource["files"] = [{"name": name, "role": "main", "media_type": media_type}]
        catalog.put("cq", resource, files={name: body})

    run = catalog.sync()

    assert catalog.search_ids("file_text_seg", "叶绿体") == {"cq:with-pdf"}
    assert catalog.search_ids("file_text_seg", "粗糙程度") == {"cq:with-docx"}
    assert catalog.search_ids("file_text_seg", "直角边") == {"cq:with-pptx"}
    problems = {p["key"].split("/")[-1]: p["reason"] for p in run.provinces[0].file_problems}
    assert problems.keys() == {"broken.pdf"} and "PDF" in problems["broken.pdf"]
    assert "cq:with-corrupt" in catalog.ids(province="cq")


def test_normalisation_maps_feed_spellings_and_the_report_counts_unmapped_values(catalog):
    messy = lesson("messy", "二次根式", subjects=["初中数学", "奥数"], stages=[], grades=["初二"])
    civics = lesson("civics", "法治教育", subjects=["思品"], stages=["小学"], grades=[])
    politics = lesson("politics", "政治生活", subjects=["高中政治"], stages=[], grades=[])
    catalog.put("cq", messy)
    catalog.put("cq", civics)
    catalog.put("cq", politics)

    run = catalog.sync()

    document = catalog.document("cq:messy")
    assert (document["subjects"], document["stages"], document["grades"]) == (["数学"], ["初中"], ["八年级"])
    assert "奥数" in document["keywords"]
    assert catalog.document("cq:civics")["subjects"] == ["道德与法治"]
    assert catalog.document("cq:politics")["subjects"] == ["思想政治"]
    assert catalog.document("cq:politics")["stages"] == ["高中"]
    assert run.provinces[0].unmapped == {"subjects: 奥数": 1}


def test_a_rebuild_makes_the_index_with_the_configured_shards_and_replicas(catalog):
    import dataclasses

    catalog.settings = dataclasses.replace(catalog.settings, index_shards=2, index_replicas=1)
    catalog.put("cq", lesson("les-shape", "分片"))
    catalog.rebuild()
    (index,) = catalog.es.indices.get_alias(name=catalog.alias)
    shape = catalog.es.indices.get_settings(index=index)[index]["settings"]["index"]
    assert (shape["number_of_shards"], shape["number_of_replicas"]) == ("2", "1")
    assert catalog.ids() == {"cq:les-shape"}
