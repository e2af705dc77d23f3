"""marshmallow's own English (the web's request schemas) said in Chinese on the Chinese interface.

The request schemas keep marshmallow's messages, which the English interface and the API in English
show as they are; in Chinese each known sentence is matched and its id looked up like the services'.
"""

from __future__ import annotations

import re

from catalog.messages import N_, Message

_NUMBER = r"(?P<{}>-?[0-9.e+]+)"
# marshmallow's sentence (a pattern over its filled-in form) → the Chinese id, with the values it names
SENTENCES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile("^" + pattern + "$"), msgid)
    for pattern, msgid in (
        (r"Missing data for required field\.", N_("必填")),
        (r"Field may not be null\.", N_("不能是空值（null）")),
        (r"Unknown field\.", N_("不认识的字段")),
        (r"Invalid input type\.|Invalid type\.|Invalid input\.|Invalid value\.", N_("值不对")),
        (r"Not a valid integer\.", N_("应是整数")),
        (r"Not a valid number\.|Special numeric values \(nan or infinity\) are not permitted\.", N_("应是数字")),
        (r"Number too large\.", N_("数字太大")),
        (r"Not a valid string\.|Not a valid utf-8 string\.", N_("应是文字")),
        (r"Not a valid boolean\.", N_("应是 true 或 false")),
        (r"Not a valid date\.", N_("应是日期，如 2025-03-01")),
        (r"Not a valid list\.", N_("应是列表")),
        (r"Not a valid mapping type\.", N_("应是对象")),
        (r"String does not match expected pattern\.", N_("格式不对")),
        (r"Must be one of: (?P<choices>.*)\.", N_("应是以下之一：%(choices)s")),
        (
            r"Must be greater than (?:or equal to )?{} and less than (?:or equal to )?{}\.".format(
                _NUMBER.format("low"), _NUMBER.format("high")
            ),
            N_("应在 %(low)s 到 %(high)s 之间"),
        ),
        (r"Must be greater than or equal to {}\.".format(_NUMBER.format("low")), N_("应不小于 %(low)s")),
        (r"Must be greater than {}\.".format(_NUMBER.format("low")), N_("应大于 %(low)s")),
        (r"Must be less than or equal to {}\.".format(_NUMBER.format("high")), N_("应不大于 %(high)s")),
        (r"Must be less than {}\.".format(_NUMBER.format("high")), N_("应小于 %(high)s")),
        (r"Length must be between (?P<low>\d+) and (?P<high>\d+)\.", N_("长度应在 %(low)s 到 %(high)s 之间")),
        (r"Longer than maximum length (?P<count>\d+)\.", N_("最多 %(count)s 个字")),
        (r"Shorter than minimum length (?P<count>\d+)\.", N_("至少 %(count)s 个字")),
    )
)


def as_message(text: str) -> str:
    """The ``Message`` for one of marshmallow's sentences, else ``text`` unchanged."""
    for pattern, msgid in SENTENCES:
        if match := pattern.match(text):
            return Message(msgid.msgid, match.groupdict(), text)
    return text
