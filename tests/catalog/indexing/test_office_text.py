"""DOCX headers, footers and comments; PPTX charts and SmartArt: text a reader sees beyond the body.

And the structure only the parts themselves show: merged and nested table cells, grouped shapes,
notes, read from the package part by part.
"""

import io
import zipfile

import docx
import pptx
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.util import Inches

from catalog.indexing.text_extraction import ExtractedText, extract_text


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_gives_headers_footers_and_comments_after_the_body():
    document = docx.Document()
    paragraph = document.add_paragraph("正文：认识几分之一")
    section = document.sections[0]
    section.header.paragraphs[0].text = "成都市实验小学 三年级数学教案"
    section.footer.paragraphs[0].text = "第八单元 分数的初步认识"
    document.add_comment(paragraph.runs, text="这里补充一个月饼的例子", author="王老师")
    text = extract_text("教案.docx", None, saved(document)).text.splitlines()
    assert text[0] == "正文：认识几分之一"
    assert set(text[1:]) == {"成都市实验小学 三年级数学教案", "第八单元 分数的初步认识", "这里补充一个月饼的例子"}


def test_a_header_shared_by_two_sections_is_read_once():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "重庆市巴蜀小学"
    document.add_section()  # its header is linked to the previous one: the same part
    assert extract_text("教案.docx", None, saved(document)).text == "重庆市巴蜀小学"


def test_docx_cells_merged_down_or_across_and_nested_tables_are_read_once_in_reading_order():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "课时安排"  # two rows tall
    table.cell(0, 1).text = "第一课时：认识分数"
    table.cell(1, 1).text = "第二课时：比较大小"
    table.cell(2, 0).merge(table.cell(2, 1)).text = "作业"  # two columns wide
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "二分之一"
    inner.cell(0, 1).text = "三分之一"
    assert extract_text("教案.docx", None, saved(document)).text.splitlines() == [
        "课时安排",
        "第一课时：认识分数",
        "第二课时：比较大小",
        "二分之一",
        "三分之一",
        "作业",
    ]


def without_parts(data: bytes, dropped) -> bytes:
    """The package with the members for which `dropped(name)` holds left out, as a broken save leaves it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            if not dropped(item.filename):
                target.writestr(item, source.read(item))
    return buffer.getvalue()


def test_a_docx_whose_header_part_is_missing_still_gives_its_body_and_footer():
    document = docx.Document()
    document.add_paragraph("正文：认识几分之一")
    document.sections[0].header.paragraphs[0].text = "成都市实验小学"
    document.sections[0].footer.paragraphs[0].text = "第八单元"
    damaged = without_parts(saved(document), lambda name: name.startswith("word/header"))
    result = extract_text("教案.docx", None, damaged)
    assert result.error is None
    assert result.text.splitlines() == ["正文：认识几分之一", "第八单元"]


def test_a_docx_whose_package_names_no_document_part_is_reported_as_unreadable():
    document = docx.Document()
    document.add_paragraph("正文")
    damaged = without_parts(saved(document), lambda name: name == "_rels/.rels")
    result = extract_text("教案.docx", None, damaged)
    assert result == ExtractedText("", "DOCX could not be read: the package names no main document part", False)


def test_pptx_gives_grouped_shapes_table_cells_once_and_notes_slide_by_slide():
    presentation = pptx.Presentation()
    first = presentation.slides.add_slide(presentation.slide_layouts[5])
    first.shapes.title.text = "研学路线"
    group = first.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(1), Inches(1)).text = "川西林盘"
    group.shapes.add_textbox(0, Inches(1), Inches(1), Inches(1)).text = "都江堰"
    first.notes_slide.notes_text_frame.text = "出发前清点人数"
    second = presentation.slides.add_slide(presentation.slide_layouts[5])
    second.shapes.title.text = "安全须知"
    table = second.shapes.add_table(2, 2, 0, 0, Inches(4), Inches(2)).table
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "集合时间"
    table.cell(1, 0).text = "早上八点"
    table.cell(1, 1).text = "校门口"
    assert extract_text("研学.pptx", None, saved(presentation)).text.splitlines() == [
        "研学路线",
        "川西林盘",
        "都江堰",
        "出发前清点人数",
        "安全须知",
        "集合时间",
        "早上八点",
        "校门口",
    ]


def add_chart(slide, chart_type, title: str, categories: list[str], series: str, values: tuple):
    data = CategoryChartData()
    data.categories = categories
    data.add_series(series, values)
    chart = slide.shapes.add_chart(chart_type, 0, 0, Inches(6), Inches(4), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    return chart


def test_pptx_chart_gives_title_axis_title_series_and_categories():
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    chart = add_chart(
        slide, XL_CHART_TYPE.COLUMN_CLUSTERED, "各年级研学人数", ["一年级", "二年级"], "参加研学人数", (120, 98)
    )
    chart.value_axis.axis_title.text_frame.text = "人数"
    text = extract_text("研学.pptx", None, saved(presentation)).text.splitlines()
    assert text == ["各年级研学人数", "人数", "参加研学人数", "一年级", "二年级"]


DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def smartart_data(nodes: list[str]) -> bytes:
    """A diagram data part as PowerPoint writes it: the document point and one point per node."""
    points = "".join(
        f'<dgm:pt modelId="{{{number}}}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="zh-CN"/><a:t>{node}</a:t></a:r></a:p></dgm:t></dgm:pt>'
        for number, node in enumerate(nodes, 1)
    )
    return (
        f'<dgm:dataModel xmlns:dgm="{DIAGRAM}" xmlns:a="{DRAWING}"><dgm:ptLst>'
        '<dgm:pt modelId="{0}" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:endParaRPr/></a:p>'
        f"</dgm:t></dgm:pt>{points}</dgm:ptLst><dgm:cxnLst/></dgm:dataModel>"
    ).encode()


def test_pptx_smartart_gives_each_node_from_the_diagram_data_part():
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "探究步骤"
    part = Part(
        PackURI("/ppt/diagrams/data1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        slide.part.package,
        smartart_data(["提出问题", "动手操作", "交流结论"]),
    )
    data_id = slide.part.relate_to(part, RELATIONSHIP_TYPE.DIAGRAM_DATA)
    frame = parse_xml(
        '<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
        f' xmlns:a="{DRAWING}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<p:nvGraphicFramePr><p:cNvPr id="9" name="SmartArt 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{DIAGRAM}"><dgm:relIds xmlns:dgm="{DIAGRAM}" r:dm="{data_id}"'
        ' r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic></p:graphicFrame>'
    )
    slide.shapes._spTree.append(frame)
    text = extract_text("探究.pptx", None, saved(presentation)).text.splitlines()
    assert text == ["探究步骤", "提出问题", "动手操作", "交流结论"]


def test_a_chart_python_pptx_cannot_model_keeps_its_title_and_the_slides_text():
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "课后练习"
    chart = add_chart(slide, XL_CHART_TYPE.AREA, "正确率变化", ["第一周", "第二周"], "正确率", (0.8, 0.9))
    area = chart._chartSpace.chart.plotArea.xpath("c:areaChart")[0]
    area.tag = area.tag.replace("areaChart", "area3DChart")  # as PowerPoint writes a 3-D area chart
    result = extract_text("练习.pptx", None, saved(presentation))
    assert result.error is None
    assert result.text.splitlines()[:2] == ["课后练习", "正确率变化"]
