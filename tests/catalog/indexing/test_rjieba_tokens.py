"""rjieba replaces jieba's Python segmenter only because it cuts the same words: over every text of the
sample corpus (titles, summaries, keywords, the files' extracted text), in the three modes segmentation uses."""

import jieba
import pytest
import rjieba

from catalog.indexing.segmentation import normalise_text
from catalog.indexing.snippet_text import snippet_text
from catalog.indexing.text_extraction import extract_text
from catalog.resources.resource_schema import ResourceRejected, load_resource
from sample_corpus.generator import generate_corpus

CORPUS_SIZE = 2400  # what scripts/sample-corpus writes by default: the whole corpus


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    texts, bodies = [], {}
    for resource in generate_corpus(CORPUS_SIZE, seed=7):
        try:
            record = load_resource(resource.resource_json, folder_id=resource.resource_id)
        except ResourceRejected:
            continue
        texts += [record["title"], record.get("summary", ""), " ".join(record.get("keywords", []))]
        bodies.update({f.body: f for f in resource.files})
    texts += [snippet_text(extract_text(f.name, f.media_type, body).text) for body, f in bodies.items()]
    return list(dict.fromkeys(normalise_text(text) for text in texts if text))


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_search_mode_words_equal_jiebas_on_the_whole_sample_corpus(corpus_texts, reference):
    assert len(corpus_texts) > 3000 and sum(map(len, corpus_texts)) > 300_000  # really the whole corpus
    different = [
        t for t in corpus_texts if rjieba.cut_for_search(t, False) != list(reference.cut_for_search(t, HMM=False))
    ]
    assert different == []


def test_precise_words_and_search_offsets_equal_jiebas_on_the_whole_sample_corpus(corpus_texts, reference):
    assert [t for t in corpus_texts if rjieba.cut(t, False) != list(reference.cut(t, HMM=False))] == []
    different = [
        t
        for t in corpus_texts
        if rjieba.tokenize(t, "search", False) != list(reference.tokenize(t, mode="search", HMM=False))
    ]
    assert different == []
