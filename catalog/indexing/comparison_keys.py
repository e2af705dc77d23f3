"""Keys that compare names as a teacher reads them: script, case, spacing and punctuation ignored.

《勾股定理》课件 and 勾股定理 课件 are one title; 第二十一章 一元二次方程 names the unit 一元二次方程.
Index and query build their keys here, so both sides always agree.
"""

from __future__ import annotations

import re
import unicodedata

from catalog.indexing.segmentation import normalise_text

# A unit's number before its name: 第八单元, 第二十一章, 第3课, Unit 1, Module 2.
_UNIT_NUMBER = re.compile(r"^\s*(?:第[^\s]{1,6}?(?:单元|章|课|节)|(?:unit|module)\s*\d+)\s*", re.IGNORECASE)


def compact_key(text: str) -> str:
    """``text`` folded (NFKC, simplified, lowercase) with every space, punctuation mark and symbol left out."""
    folded = normalise_text(text or "")
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def unit_name(unit: str) -> str:
    """The name part of a curriculum unit: 第二十一章 一元二次方程 → 一元二次方程; a unit without a number is its name."""
    name = _UNIT_NUMBER.sub("", unit or "", count=1)
    return name if name.strip() else (unit or "")


def unit_keys(unit: str) -> list[str]:
    """What a query may be to name ``unit``: the whole unit and its name part, as compact keys."""
    keys = [compact_key(unit), compact_key(unit_name(unit))]
    return [key for key in dict.fromkeys(keys) if key]
