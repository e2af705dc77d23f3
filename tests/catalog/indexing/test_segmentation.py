"""Chinese into index terms: the same function serves documents and queries."""

from __future__ import annotations

import threading

from catalog.indexing.segmentation import normalise_text, pinyin_terms, segment


def test_search_mode_gives_words_and_their_parts():
    assert segment("三星堆博物馆").split() == ["三星", "三星堆", "博物", "博物馆"]


def test_full_width_and_case_fold_as_queries_do():
    assert normalise_text("ＡＢＣ（一）") == "abc(一)"
    assert segment("Hello，世界") == segment("hello,世界")


def test_punctuation_is_not_a_term():
    assert "，" not in segment("分数，小数。").split()


def test_pinyin_reaches_titles_by_word_pair_and_initials():
    terms = pinyin_terms("植树问题（一）")
    assert {"zhishu", "zhishuwenti", "zs", "zswt", "zhishuwentiyi"} <= set(terms)
    assert pinyin_terms("数学")[:2] == ["shuxue", "sx"]
    assert pinyin_terms("ABC") == []


def test_threads_segmenting_at_once_get_the_words_one_thread_gets():
    # rjieba's dictionary is one per process by construction (the jieba Tokenizer each thread built is gone).
    text = "成都大熊猫繁育研究基地的勾股定理与分数的初步认识" * 20
    expected = segment(text)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(segment(text))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 6
