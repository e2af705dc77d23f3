"""Real Chinese PDFs from pdf.js's test corpus (tests/fixtures/third_party/README.md): the text each gives.

Most set Chinese in fonts named and encoded in GBK without a ToUnicode map, as the official documents
schools receive are; pypdf alone garbles them, PDFium reads them.
"""

from pathlib import Path

import pytest

from catalog.indexing.text_extraction import extract_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "third_party"


def text_of(name: str) -> str:
    result = extract_text(name, "application/pdf", (FIXTURES / name).read_bytes())
    assert result.error is None and not result.truncated
    return result.text


@pytest.mark.parametrize(
    "name, text",
    [
        ("SimFang-variant.pdf", "全 世 界 无 产 者 ， 联 合 起 来 A"),
        ("issue3521.pdf", "我们都是黑体字"),
        ("issue2128r.pdf", "浅谈校长的魅力\n山西省闻喜县诚镇初中 李新录"),
        ("issue8372.pdf", "目录"),
    ],
)
def test_each_gives_its_chinese_text(name, text):
    assert text_of(name) == text


def test_a_table_of_contents_in_gbk_named_fonts_without_tounicode_gives_every_entry():
    lines = text_of("XiaoBiaoSong.pdf").splitlines()
    assert len(lines) == 20
    assert lines[0] == "目 录"
    assert lines[1].startswith("关 于 红 军 作 战 的 原 则 … …") and lines[1].endswith("１")
    assert lines[2] == "（ 一 九 三 七 年 八 月 一 日 ）"
    assert lines[-2] == "（ 一 九 三 七 年 九 月 二 十 三 日 ）"


@pytest.mark.parametrize("name", ["XiaoBiaoSong.pdf", "SimFang-variant.pdf", "issue3521.pdf", "issue2128r.pdf"])
def test_the_gbk_fixtures_really_have_no_tounicode_map(name):
    data = (FIXTURES / name).read_bytes()
    assert b"/ToUnicode" not in data
