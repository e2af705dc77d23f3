"""The hard per-file time budget: extraction in a worker process that is killed when a file is late."""

import time
from pathlib import Path

from catalog.indexing import extraction_worker
from catalog.indexing.extraction_worker import _IDLE, KILL_GRACE_S, extract_within_budget
from catalog.indexing.text_extraction import ExtractedText, extract_text
from tests.catalog.indexing.slow_pdf import slow_pdf
from tests.catalog.indexing.test_extraction import PDF, make_docx, make_pdf


def test_the_worker_gives_what_extract_text_gives():
    for name, media_type, data in [("课件.pdf", PDF, make_pdf(pages=3)), ("教学设计.docx", None, make_docx())]:
        assert extract_within_budget(name, media_type, data) == extract_text(name, media_type, data)


def test_one_slow_page_is_stopped_at_the_budget_and_the_next_file_is_read():
    slow = slow_pdf()
    started = time.monotonic()
    result = extract_within_budget("慢.pdf", PDF, slow, time_budget_s=0.2)
    elapsed = time.monotonic() - started
    # Empty: the reader was killed (its own budget would have kept the one page it had read).
    assert result == ExtractedText("", None, True, timed_out=True)
    assert elapsed < 0.2 + KILL_GRACE_S + 3.0  # slack for a busy machine; reading it all takes 1.4 s of CPU
    assert extract_within_budget("课件.pdf", PDF, make_pdf(), time_budget_s=0.2).text.startswith("第1页")


def test_pages_past_the_budget_are_left_out_and_the_text_marked_timed_out():
    result = extract_within_budget("课件.pdf", PDF, make_pdf(pages=3), time_budget_s=0)
    assert result.timed_out and result.truncated and result.text.startswith("第1页")
    assert "第2页" not in result.text


def _child_processes() -> set[str]:
    return {pid for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()}


def test_plain_text_is_read_without_a_worker_and_gives_what_extract_text_gives():
    _IDLE.stop_all()
    before = _child_processes()
    text = "第一课 春\n盼望着，盼望着，东风来了。\n".encode()
    for name, media_type in [("教案.txt", "text/plain"), ("说明.md", None), ("名单.csv", "text/csv")]:
        assert extract_within_budget(name, media_type, text) == extract_text(name, media_type, text)
    assert _child_processes() == before  # no interpreter started for a text file
    assert extract_within_budget("课件.pdf", PDF, make_pdf()).text.startswith("第1页")
    assert _child_processes() - before  # a PDF still goes to a worker


def test_a_child_past_its_memory_bound_reads_its_file_then_makes_way_for_a_fresh_one(monkeypatch):
    _IDLE.stop_all()
    before = _child_processes()
    monkeypatch.setattr(extraction_worker, "RETIRE_ABOVE_MIB", 1)  # every child is past it after one file
    for pages in (1, 2):
        assert extract_within_budget("课件.pdf", PDF, make_pdf(pages=pages)) == extract_text(
            "课件.pdf", PDF, make_pdf(pages=pages)
        )
        assert _child_processes() == before  # the child exited after answering: nothing kept
    monkeypatch.setattr(extraction_worker, "RETIRE_ABOVE_MIB", 4096)
    assert extract_within_budget("课件.pdf", PDF, make_pdf()).text.startswith("第1页")
    assert _child_processes() - before  # under the bound a child stays for the next file
