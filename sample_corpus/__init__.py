"""A deterministic, realistic sample corpus for Chongqing and Sichuan (``edu-resource/1``).

``generate_corpus()`` makes the resources, ``write_corpus()`` puts them into province storage;
``python -m sample_corpus`` does both.
"""

from sample_corpus.generator import SampleFile, SampleResource, generate_corpus
from sample_corpus.writer import FolderStorage, write_corpus

__all__ = ["FolderStorage", "SampleFile", "SampleResource", "generate_corpus", "write_corpus"]
