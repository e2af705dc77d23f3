"""JSON from a request, parsed only after its size and nesting depth are checked.

``json.loads`` recurses once per nesting level, so a body of 200,000 ``[`` would end in a
RecursionError (a 500) instead of a refusal; the depth is counted first, without recursion.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

from catalog.field_problem import FieldProblem
from catalog.messages import N_

MAX_JSON_DEPTH = 32  # as for resource.json (resource_schema.MAX_NESTING)
MAX_JSON_BYTES = 2 * 1024 * 1024
# A string to its closing quote, or to the end of an unterminated one; possessive, so it never
# backtracks and the scan stays linear whatever the text.
_STRING = re.compile(r'"(?:[^"\\]++|\\[\s\S]?)*+"?')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class JsonRefused(FieldProblem):
    """A JSON text refused before or while parsing: ``field`` names where it came from."""


def nesting_depth(text: str) -> int:
    """How deeply ``text`` nests arrays and objects, brackets inside strings not counted; found
    without recursion, and without a Python step per character."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    # A closer with nothing open stops the parser, so counting on below zero after one is safe.
    return max(accumulate(map(_STEP.__getitem__, brackets), initial=0))


def _reject_constant(name: str):
    raise ValueError(f"{name} 不是 JSON 数字")


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit % (1024 * 1024) == 0 else f"{limit // 1024} KB"


def parse_json_limited(
    text: str | bytes, field: str, *, max_depth: int = MAX_JSON_DEPTH, max_bytes: int = MAX_JSON_BYTES
) -> object:
    """``text`` parsed as strict JSON, or JsonRefused naming ``field`` and why (too large, nested
    too deeply, not UTF-8, not JSON)."""
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise JsonRefused(field, N_("超过 %(size)s 上限", size=_size(max_bytes)))
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonRefused(field, N_("不是 UTF-8 编码的文本")) from None
    elif len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise JsonRefused(field, N_("超过 %(size)s 上限", size=_size(max_bytes)))
    if nesting_depth(text) > max_depth:
        raise JsonRefused(field, N_("嵌套超过 %(depth)s 层", depth=max_depth))
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:  # JSONDecodeError, NaN/Infinity, or an integer too long to convert
        if isinstance(error, json.JSONDecodeError):
            where = N_("第 %(line)s 行第 %(column)s 列", line=error.lineno, column=error.colno)
            raise JsonRefused(
                field, N_("不是有效的 JSON：%(detail)s（%(where)s）", detail=error.msg, where=where)
            ) from None
        raise JsonRefused(field, N_("不是有效的 JSON：%(detail)s", detail=str(error))) from None
