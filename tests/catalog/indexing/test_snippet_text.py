"""Snippet text: markdown marks and extraction's spaces inside Chinese text are gone, words stay."""

from __future__ import annotations

import pytest
from conftest import lesson

from catalog.indexing.document_builder import build_document
from catalog.indexing.snippet_text import snippet_text


@pytest.mark.parametrize(
    ("extracted", "shown"),
    [
        ("随后小 组交流、全\n班展示。", "随后小组交流、全班展示。"),
        ("能结合“土地资源”说明自\n己的想法\n。", "能结合“土地资源”说明自己的想法。"),
        ("Reading and\nThinking 与 Discovering", "Reading and Thinking 与 Discovering"),
        ("第 2 课时 共 45 分钟", "第 2 课时共 45 分钟"),
        ("学科：英语\u3000\u3000教材：人教版", "学科：英语教材：人教版"),
    ],
)
def test_spaces_inside_chinese_text_go_and_latin_words_stay_apart(extracted, shown):
    assert snippet_text(extracted) == shown


@pytest.mark.parametrize(
    ("marked", "shown"),
    [
        ("## 单元目标\n1. 理解并掌握本单元关键词", "单元目标\n\n1. 理解并掌握本单元关键词"),
        ("### 课时安排 ###", "课时安排"),
        ("> - 引用里的**重点**内容", "引用里的重点内容"),
        ("* 第一条\n+ 第二条\n• 第三条", "第一条\n\n第二条\n\n第三条"),
        ("正文\n---\n正文", "正文\n\n正文"),
        ("| 课时 | 内容 |\n|---|:---:|\n| 1 | 认识 |", "课时 / 内容\n\n1 / 认识"),
        ("见[配套课件](https://example.edu.cn/a.pptx)与![封面](cover.png)", "见配套课件与封面"),
        ("`print()` 与 ~~旧版~~ 与 __新版__", "print() 与旧版与新版"),
    ],
)
def test_markdown_marks_are_left_out_and_their_words_kept(marked, shown):
    assert snippet_text(marked) == shown


@pytest.mark.parametrize("text", ["#tag 不是标题", "-5 ℃ 的早晨", "2*3*4=24", "snake_case_name"])
def test_what_only_looks_like_a_mark_is_kept(text):
    assert snippet_text(text) == text


def test_headings_and_items_stay_apart_and_cleaning_twice_changes_nothing():
    text = "# 第八单元\n## 单元目标\n1. 认识几分\n之一\n- 会读写\n\n\n  课堂练习 "
    once = snippet_text(text)
    assert once == "第八单元\n\n单元目标\n\n1. 认识几分之一\n\n会读写\n\n课堂练习"
    assert snippet_text(once) == once
    assert snippet_text("") == "" and snippet_text(" \n\t\n") == ""


def test_the_document_keeps_clean_summary_and_file_text():
    resource = lesson("les-1", "分数", summary="**重点**：分 数的意义")
    files = [{"name": "a.pdf", "role": "main", "media_type": "application/pdf", "text": "## 目标\n小 组交流"}]
    _, document = build_document("cq", resource, files, fingerprint="f", json_key="k", unmapped=[])
    assert document["summary"] == "重点：分数的意义"
    assert document["files"][0]["text"] == "目标\n\n小组交流"
    assert "小组 交流" in document["file_text_seg"] or "小组交流" in document["file_text_seg"]
