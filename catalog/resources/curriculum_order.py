"""Textbook order for volumes and units: 第二单元 before 第十单元, 七年级上册 before 七年级下册.

Strings sort 第一、第七、第九、第五、第八单元; teachers expect the order of the book. Numbers in
volume and unit names stay below a hundred, so a small reader of Chinese numerals is exact
(``cn2an`` would add a dependency for no case this needs).
"""

from __future__ import annotations

import re

from catalog.resources.vocabularies import GRADES

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = r"[0-9]+|[零〇一二两三四五六七八九十百]+"
# 第二十一章, 第3单元, 第一课, Unit 4, Module 2, Lesson 10
_ORDINAL = re.compile(rf"^\s*(?:第\s*({_NUMERAL})|(?:unit|module|lesson|chapter)\s*([0-9]+))", re.IGNORECASE)
# 必修1, 必修第一册, 选择性必修 2, 第二册, （上）
_VOLUME_NUMBER = re.compile(rf"({_NUMERAL})")
_HALVES = {"上": 1, "中": 2, "下": 3}
_GRADE_POSITION = {grade: position for position, grade in enumerate(GRADES)}
_GRADES_LONGEST_FIRST = sorted(GRADES, key=len, reverse=True)
_UNNUMBERED = 10_000  # after every numbered one


def chinese_number(text: str) -> int | None:
    """``二十一`` → 21, ``十`` → 10, ``一百零五`` → 105, ``12`` → 12; None when it is not a number."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for character in text:
        if character in _DIGITS:
            digit = _DIGITS[character]
        elif character == "十":
            total += (1 if digit is None else digit) * 10
            digit = None
        elif character == "百":
            total += (1 if digit is None else digit) * 100
            digit = None
        else:
            return None
    return total + (digit or 0) if text else None


def unit_key(unit: str) -> tuple:
    """Sort key for a unit or chapter name: by its number, the unnumbered after, then by name."""
    match = _ORDINAL.match(unit)
    number = chinese_number(match.group(1) or match.group(2)) if match else None
    return (_UNNUMBERED if number is None else number, unit)


def volume_key(volume: str) -> tuple:
    """Sort key for a volume: grade, then 上/下 or the book's number (必修1, 必修第二册), then name."""
    grade = next((g for g in _GRADES_LONGEST_FIRST if volume.startswith(g)), None)
    rest = volume[len(grade) :] if grade else volume
    half = next((order for mark, order in _HALVES.items() if mark in rest), None)
    number_match = _VOLUME_NUMBER.search(rest)
    number = chinese_number(number_match.group(1)) if number_match else None
    position = _GRADE_POSITION[grade] if grade else len(GRADES)
    return (position, half or 0, _UNNUMBERED if number is None else number, volume)
