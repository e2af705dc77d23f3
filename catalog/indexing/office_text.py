"""Text of Word (DOCX) and PowerPoint (PPTX) files, as chunks for `text_extraction`'s budgets.

Besides the body a reader sees, a DOCX gives its headers, footers, footnotes and comments (a
school's name and the lesson title often live only in the header), and a PPTX its charts' titles,
axis titles, series and categories and its SmartArt, whose text lives in a diagram data part the
slide refers to, not in the slide.

The parts come from `office_package` one at a time, as they are needed; python-docx's and
python-pptx's element and shape classes say what text each part holds.
"""

import zipfile
from collections.abc import Iterator
from functools import cached_property

from docx.opc.constants import RELATIONSHIP_TYPE as WORD_RELATIONSHIP
from docx.oxml import parse_xml as parse_word_xml
from docx.oxml.ns import qn
from lxml.etree import LxmlError
from pptx.chart.chart import Chart
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as SLIDE_RELATIONSHIP
from pptx.oxml import parse_xml as parse_slide_xml
from pptx.slide import NotesSlide, Slide

from catalog.indexing.office_package import MissingPart, OfficePackage

# Exceptions that mean "a bad file" from each reader (`text_extraction` turns them into a reason).
DOCX_ERRORS = (zipfile.BadZipFile, MissingPart, LxmlError)
PPTX_ERRORS = (zipfile.BadZipFile, MissingPart, PythonPptxError, LxmlError)

# The parts beside the body whose paragraphs a reader of the document also sees.
_WORD_SIDE_PARTS = (
    WORD_RELATIONSHIP.HEADER,
    WORD_RELATIONSHIP.FOOTER,
    WORD_RELATIONSHIP.FOOTNOTES,
    WORD_RELATIONSHIP.ENDNOTES,
    WORD_RELATIONSHIP.COMMENTS,
)
_SMARTART_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_DIAGRAM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WORD_TABLE = qn("w:tbl")


def docx_chunks(data: bytes) -> Iterator[str]:
    package = OfficePackage(data)
    main = package.main_part()
    body = parse_word_xml(package.read(main)).body
    if body is not None:
        yield from _docx_block_chunks(body)
    read = set()
    for relationship in package.relationships(main):
        if relationship.type in _WORD_SIDE_PARTS and not relationship.external and relationship.target not in read:
            read.add(relationship.target)  # a part two sections name is read once
            try:
                part = package.read(relationship.target)
            except MissingPart:  # named but missing: the body and the other parts are still worth reading
                continue
            for paragraph in parse_word_xml(part).iter(qn("w:p")):
                yield paragraph.text


def _docx_block_chunks(container) -> Iterator[str]:
    """Paragraphs and table cells in document order; a merged cell is read once, where it starts."""
    for block in container.inner_content_elements:
        if block.tag == _WORD_TABLE:
            for row in block.tr_lst:
                for cell in row.tc_lst:
                    if cell.vMerge != "continue":
                        yield from _docx_block_chunks(cell)
        else:
            yield block.text


def pptx_chunks(data: bytes) -> Iterator[str]:
    package = OfficePackage(data)
    presentation = _SlidePart(package, package.main_part())
    slide_ids = parse_slide_xml(presentation.blob).sldIdLst
    for slide_id in slide_ids.sldId_lst if slide_ids is not None else ():
        part = presentation.related_part(slide_id.rId)
        yield from _pptx_shape_chunks(Slide(parse_slide_xml(part.blob), part).shapes)
        notes = part.notes_slide()
        if notes is not None and notes.notes_text_frame is not None:
            yield notes.notes_text_frame.text


class _SlidePart:
    """What python-pptx's slide, shape and chart objects ask of their part, read from the package on demand."""

    def __init__(self, package: OfficePackage, name: str) -> None:
        self._package = package
        self._name = name

    @cached_property
    def blob(self) -> bytes:
        return self._package.read(self._name)

    @cached_property
    def _relationships(self) -> dict:
        return {r.id: r for r in self._package.relationships(self._name) if not r.external}

    def related_part(self, relationship_id: str) -> "_SlidePart":
        if relationship_id not in self._relationships:
            raise MissingPart(f"{self._name} has no relationship {relationship_id}")
        return _SlidePart(self._package, self._relationships[relationship_id].target)

    @property
    def chart(self) -> Chart:
        return Chart(parse_slide_xml(self.blob), self)

    def notes_slide(self) -> NotesSlide | None:
        for relationship in self._relationships.values():
            if relationship.type == SLIDE_RELATIONSHIP.NOTES_SLIDE:
                part = _SlidePart(self._package, relationship.target)
                return NotesSlide(parse_slide_xml(part.blob), part)
        return None


def _pptx_shape_chunks(shapes) -> Iterator[str]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _pptx_shape_chunks(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text
        elif shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    if not cell.is_spanned:
                        yield cell.text
        elif shape.has_chart:
            yield from _chart_chunks(shape.chart)
        elif getattr(shape.element, "graphicData_uri", None) == _SMARTART_URI:
            yield from _smartart_chunks(shape)


def _chart_chunks(chart) -> Iterator[str]:
    if chart.has_title and chart.chart_title.has_text_frame:
        yield chart.chart_title.text_frame.text
    for axis_name in ("category_axis", "value_axis"):
        try:
            axis = getattr(chart, axis_name)
        except ValueError:  # a pie chart has no axes
            continue
        if axis.has_title and axis.axis_title.has_text_frame:
            yield axis.axis_title.text_frame.text
    try:
        for plot in chart.plots:
            yield "\n".join([str(series.name) for series in plot.series if series.name])
            yield "\n".join([label for label in plot.categories if isinstance(label, str)])  # not numbers, dates
    except NotImplementedError:  # python-pptx does not model every chart type (3-D area …): the rest is read
        return


def _smartart_chunks(shape) -> Iterator[str]:
    """Each SmartArt node's text, from the diagram data part the frame's ``r:dm`` names."""
    relation_ids = shape.element.graphicData.find(f"{_DIAGRAM}relIds")
    data_id = relation_ids.get(f"{_RELATIONSHIP}dm") if relation_ids is not None else None
    if not data_id:
        return
    model = parse_slide_xml(shape.part.related_part(data_id).blob)
    for point in model.iter(f"{_DIAGRAM}pt"):
        text = point.find(f"{_DIAGRAM}t")
        if text is not None:
            yield "\n".join("".join(t.text or "" for t in p.iter(f"{_DRAWING}t")) for p in text.iter(f"{_DRAWING}p"))
