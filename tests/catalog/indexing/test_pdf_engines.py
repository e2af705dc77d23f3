"""PDFium (pypdfium2) replaces pypdf as the first PDF reader only because it reads at least as well:
on every PDF of the sample corpus it gives pypdf's text exactly; pypdf stays the fallback."""

import io

import pypdf
import pytest

from catalog.indexing.text_extraction import extract_text, mostly_unprintable
from sample_corpus.generator import generate_corpus


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample_pdfs() -> list[bytes]:
    corpus = generate_corpus(240, seed=7)
    return [f.body for resource in corpus for f in resource.files if f.body[:5] == b"%PDF-"]


def test_pdfium_gives_pypdfs_text_on_every_readable_sample_pdf(sample_pdfs):
    compared = 0
    for data in sample_pdfs:
        try:
            expected = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        except pypdf.errors.PyPdfError:
            continue  # the corpus's deliberately corrupt PDF: both readers refuse it
        result = extract_text("课件.pdf", "application/pdf", data)
        assert result.error is None
        assert _lines(result.text) == _lines(expected)
        compared += 1
    assert compared >= 90


def test_a_page_of_control_codes_is_unprintable_and_chinese_is_not():
    assert mostly_unprintable("\x02\x03\x04\x05 \x06\x07")
    assert mostly_unprintable("\ue000\ue001\ue002a")  # private-use glyph codes
    assert not mostly_unprintable("分数的初步认识\x02")
    assert not mostly_unprintable("   ")
