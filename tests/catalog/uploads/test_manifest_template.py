"""The bulk manifest template: its columns, its dropdowns, and a filled-in workbook read back."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from catalog.resources.vocabularies import GRADES, LICENSES, RESOURCE_TYPES, STAGES, SUBJECTS
from catalog.uploads.bulk import BulkRejected, _rows, manifest_beside
from catalog.uploads.manifest_template import COLUMNS, template_csv, template_xlsx
from catalog.uploads.metadata_form import metadata_from_fields
from catalog.uploads.school_choices import choice_problems


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def dropdown_values(book, column: str) -> tuple[str, ...]:
    """The values the dropdown on ``column`` of the manifest sheet offers, read through its formula."""
    sheet = book["manifest"]
    letter = sheet.cell(row=1, column=COLUMNS.index(column) + 1).column_letter
    validation = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2:"))
    assert validation.type == "list"
    source, cells = validation.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    return tuple(cell.value for (cell,) in book[source][f"{first}:{last}"])


def test_the_csv_template_is_the_header_line_excel_opens_as_utf8():
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == list(COLUMNS)
    assert {"type", "title", "subjects", "stages", "grades", "license", "files"} <= set(COLUMNS)


def test_the_xlsx_templates_vocabulary_columns_are_dropdowns_of_exactly_the_vocabularies():
    book = workbook(template_xlsx({"title": "标题，必填"}, "可选的值"))
    assert [cell.value for cell in book["manifest"][1]] == list(COLUMNS)
    assert book["manifest"]["B1"].comment.text == "标题，必填"
    assert dropdown_values(book, "type") == RESOURCE_TYPES
    assert dropdown_values(book, "subjects") == SUBJECTS
    assert dropdown_values(book, "stages") == STAGES
    assert dropdown_values(book, "grades") == GRADES
    assert dropdown_values(book, "license") == LICENSES
    assert "重庆市渝中区" in dropdown_values(book, "place")


def test_every_value_a_dropdown_offers_is_accepted_by_the_schools_checks():
    book = workbook(template_xlsx({}, "可选的值"))
    for column, path in (("subjects", "subjects"), ("stages", "stages"), ("grades", "grades"), ("license", "license")):
        for value in dropdown_values(book, column):
            fields = {"type": "lesson", "title": "x", column: value}
            assert path not in choice_problems(metadata_from_fields(fields)), (column, value)


def filled_in(rows: list[dict]) -> bytes:
    """The template as a school fills it in: values typed or picked under the header."""
    book = workbook(template_xlsx({}, "可选的值"))
    sheet = book["manifest"]
    for number, row in enumerate(rows, start=2):
        for column, value in row.items():
            sheet.cell(row=number, column=COLUMNS.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_in_xlsx_reads_back_row_by_row_with_numbers_as_text_and_empty_rows_skipped():
    data = filled_in(
        [
            {"type": "lesson", "title": "认识钟表", "subjects": "数学", "grades": "一年级、二年级", "files": "a.pdf"},
            {},
            {"type": "study_tour", "title": "三峡研学", "duration_days": 3, "files": "b.pdf"},
        ]
    )
    rows = _rows("manifest.xlsx", data)
    assert [(number, fields["title"], names) for number, fields, names in rows] == [
        (2, "认识钟表", ["a.pdf"]),
        (4, "三峡研学", ["b.pdf"]),
    ]
    assert rows[0][1]["grades"] == "一年级、二年级"
    assert rows[1][1]["duration_days"] == "3"


def test_a_workbook_that_is_not_one_or_has_no_header_is_refused_by_name():
    with pytest.raises(BulkRejected, match="不是有效的 Excel"):
        _rows("manifest.xlsx", b"PK\x03\x04 not really")
    from openpyxl import Workbook

    book, out = Workbook(), io.BytesIO()
    book.active.append(["认识钟表", "a.pdf"])
    book.save(out)
    with pytest.raises(BulkRejected, match="第一行应是列名"):
        _rows("manifest.xlsx", out.getvalue())


def test_a_manifest_beside_the_zip_must_be_csv_xlsx_or_json():
    assert manifest_beside("清单.XLSX", b"x") == ("manifest.xlsx", b"x")
    with pytest.raises(BulkRejected, match=r"\.csv、\.xlsx 或 \.json"):
        manifest_beside("manifest.txt", b"x")
