"""Text of Word (DOCX) and PowerPoint (PPTX) files, as chunks for `text_extraction`'s budgets.

Besides the body a reader sees, a DOCX gives its headers, footers, footnotes and comments (a
school's name and the lesson title often live only in the header), and a PPTX its charts' titles,
axis titles, series and categories and its SmartArt, whose text lives in a diagram data part the
slide refers to, not in the slide.
"""

import io
import zipfile
from collections.abc import Iterator

import docx
import pptx
from docx.opc.constants import RELATIONSHIP_TYPE as WORD_RELATIONSHIP
from docx.opc.exceptions import OpcError
from docx.oxml import parse_xml as parse_word_xml
from docx.oxml.ns import qn
from docx.table import Table
from lxml.etree import LxmlError
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.exc import PythonPptxError
from pptx.oxml import parse_xml as parse_slide_xml

# Exceptions that mean "a bad file" from each reader (`text_extraction` turns them into a reason).
DOCX_ERRORS = (zipfile.BadZipFile, OpcError, LxmlError, KeyError)
PPTX_ERRORS = (zipfile.BadZipFile, PythonPptxError, LxmlError, KeyError)

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


def docx_chunks(data: bytes) -> Iterator[str]:
    document = docx.Document(io.BytesIO(data))
    yield from _docx_block_chunks(document)
    for relationship in list(document.part.rels.values()):
        if relationship.reltype in _WORD_SIDE_PARTS and not relationship.is_external:
            yield from _word_part_paragraphs(relationship.target_part)


def _docx_block_chunks(container) -> Iterator[str]:
    """Paragraphs and table cells in document order; a merged cell is read once."""
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen_cells = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen_cells:
                        seen_cells.add(cell._tc)
                        yield from _docx_block_chunks(cell)
        else:
            yield block.text


def _word_part_paragraphs(part) -> Iterator[str]:
    # python-docx models headers and comments but not footnotes: their XML is read alike.
    element = getattr(part, "element", None)
    if element is None:
        element = parse_word_xml(part.blob)
    for paragraph in element.iter(qn("w:p")):
        yield paragraph.text


def pptx_chunks(data: bytes) -> Iterator[str]:
    for slide in pptx.Presentation(io.BytesIO(data)).slides:
        yield from _pptx_shape_chunks(slide.shapes)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            yield slide.notes_slide.notes_text_frame.text


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
