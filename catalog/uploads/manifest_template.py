"""The bulk manifest as a school fills it in: a template (CSV, or XLSX whose vocabulary columns are
dropdowns) and the filled-in XLSX read back into rows.

The columns are the upload form's fields plus ``files``; the dropdowns hold exactly the values
``school_choices`` accepts, so a value picked in the template is never refused for its vocabulary.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

from catalog.messages import N_
from catalog.resources.districts import DISTRICTS, district_key
from catalog.resources.vocabularies import RESOURCE_TYPES
from catalog.uploads.metadata_form import FORM_FIELDS
from catalog.uploads.school_choices import CHOICES

COLUMNS = (*FORM_FIELDS, "files")
MANIFEST_SHEET = "manifest"
LISTS_SHEET = "vocabularies"
# Columns that take several values (separated by 、): the dropdown offers one, typing more only warns.
MULTIPLE = frozenset(
    {"subjects", "stages", "grades", "categories", "keywords", "activities", "files", "months", "destination_place"}
)
FIRST_DATA_ROW, LAST_DATA_ROW = 2, 1001
# A filled-in workbook is itself a ZIP: what its members may unpack to, at most.
MAX_XLSX_BYTES = 16 * 1024 * 1024
MAX_XLSX_MEMBERS = 200


class ManifestUnreadable(ValueError):
    """The XLSX manifest cannot be read; the message says why."""


def dropdowns() -> dict[str, tuple[str, ...]]:
    """Column → the values its dropdown offers: the vocabularies the forms and the indexer use."""
    lists = {"type": RESOURCE_TYPES}
    for path, (allowed, _, _) in CHOICES.items():
        lists[path.rsplit(".", 1)[-1]] = allowed
    places = tuple(district_key(district) for district in DISTRICTS)
    lists.update(place=places, destination_place=places, months=tuple(str(month) for month in range(1, 13)))
    return lists


def template_csv() -> bytes:
    """The header line, UTF-8 with a BOM so that Excel opens the Chinese cells right."""
    text = io.StringIO()
    csv.writer(text).writerow(COLUMNS)
    return text.getvalue().encode("utf-8-sig")


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def template_xlsx(notes: dict[str, str], lists_title: str) -> bytes:
    """The manifest sheet (``notes``: a column's explanation, shown on its header) with a dropdown on
    each vocabulary column, fed by a second sheet holding one vocabulary per column."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = MANIFEST_SHEET
    sheet.append(list(COLUMNS))
    sheet.freeze_panes = "A2"
    vocabularies = book.create_sheet(LISTS_SHEET)
    vocabularies.sheet_properties.tabColor = "999999"
    vocabularies.append([lists_title])
    for index, column in enumerate(COLUMNS, start=1):
        if column in notes:
            sheet.cell(row=1, column=index).comment = Comment(notes[column], "catalog")
        sheet.column_dimensions[_column_letter(index)].width = 18
    for list_index, (column, values) in enumerate(dropdowns().items(), start=1):
        letter = _column_letter(list_index)
        vocabularies.cell(row=2, column=list_index, value=column)
        for row, value in enumerate(values, start=3):
            vocabularies.cell(row=row, column=list_index, value=value)
        multiple = column in MULTIPLE
        validation = DataValidation(
            type="list",
            formula1=f"{LISTS_SHEET}!${letter}$3:${letter}${len(values) + 2}",
            allow_blank=True,
            errorStyle="warning" if multiple else "stop",
            showErrorMessage=True,
        )
        validation.error = notes.get(column, column)
        target = _column_letter(COLUMNS.index(column) + 1)
        validation.add(f"{target}{FIRST_DATA_ROW}:{target}{LAST_DATA_ROW}")
        sheet.add_data_validation(validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _check_xlsx_size(data: bytes) -> None:
    """A workbook's members unpack to at most what they declare (zipfile reads no further): the
    declarations are checked before openpyxl reads any of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            infos = book.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ManifestUnreadable(N_("manifest.xlsx 不是有效的 Excel 文件（.xlsx）")) from None
    if len(infos) > MAX_XLSX_MEMBERS or sum(info.file_size for info in infos) > MAX_XLSX_BYTES:
        raise ManifestUnreadable(N_("manifest.xlsx 解压后超过 %(mb)s MB", mb=MAX_XLSX_BYTES // 2**20))


def xlsx_rows(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    """(row number in the sheet, {column: text}) for each non-empty row of the first sheet."""
    from openpyxl import load_workbook

    _check_xlsx_size(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ManifestUnreadable(N_("manifest.xlsx 不是有效的 Excel 文件（.xlsx）")) from None
    try:
        sheet = book[MANIFEST_SHEET] if MANIFEST_SHEET in book.sheetnames else book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_cell_text(cell) for cell in next(lines, ())]
        if "title" not in header:
            raise ManifestUnreadable(N_("manifest.xlsx 的第一行应是列名（title、type、files ……），请用模板填写"))
        rows = []
        for number, cells in enumerate(lines, start=2):
            texts = {name: _cell_text(cell) for name, cell in zip(header, cells, strict=False) if name}
            if not any(texts.values()):
                continue
            rows.append((number, texts))
            if len(rows) > max_rows:
                break
        return rows
    finally:
        book.close()
