"""The bulk upload's pieces the pages add: the template's notes in the reader's language, and a
previewed row as the confirm form carries it back."""

from __future__ import annotations

import json

from flask_babel import gettext

from catalog.uploads.bulk import BulkRow
from catalog.web.page_format import field_label
from catalog.web.pages.review_fields import review_field_label
from catalog.web.service_messages import translated_fields


def template_notes() -> dict[str, str]:
    """What the template's header explains, column by column."""
    several = gettext("可填多个，用“、”分隔；下拉列表中是可选的值")
    return {
        "type": gettext("资源类型：lesson（课例）、study_tour（研学线路）或 practice_base（实践基地）"),
        "title": gettext("标题，必填"),
        "subjects": several,
        "stages": several,
        "grades": several,
        "categories": several,
        "months": several,
        "keywords": gettext("可填多个，用“、”分隔"),
        "license": gettext("许可协议，从下拉列表中选择"),
        "edition": gettext("教材版本，从下拉列表中选择"),
        "format": gettext("课型，从下拉列表中选择"),
        "theme": gettext("研学主题，从下拉列表中选择"),
        "place": gettext("实践基地所在区县，从下拉列表中选择"),
        "destination_place": gettext("研学地点所在区县，从下拉列表中选择"),
        "files": gettext("这一行的文件名（在 ZIP 压缩包里），多个用“、”分隔，必填"),
    }


def row_field_label(path: str) -> str:
    """A row's problem field as the preview names it: ``files.2`` → 文件, ``lesson.edition`` → 教材版本."""
    top = path.split(".")[0]
    if top in ("files", "large", "resource"):
        return field_label("files") if top != "resource" else gettext("资源")
    return review_field_label(path)


def confirm_value(row: BulkRow) -> str:
    """One previewed row for the confirm form: its cells, its kept files' tokens, or its errors."""
    return json.dumps(
        {
            "number": row.number,
            "files": row.files,
            "fields": row.fields,
            "tokens": [kept["token"] for kept in row.kept],
            "errors": translated_fields(row.errors),  # as the school read them: the result page shows them again
        },
        ensure_ascii=False,
    )


def confirmed_rows(values: list[str]) -> list[dict]:
    """The confirm form's rows; one that is not a previewed row's JSON is left out."""
    rows = []
    for value in values:
        try:
            item = json.loads(value)
        except ValueError:
            continue
        if isinstance(item, dict):
            rows.append(item)
    return rows
