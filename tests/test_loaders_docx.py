"""DOCX loader: document order, locations, numbering, tracked changes, parts.

The documents are built in the tests (tests/docx_build.py assembles raw
WordprocessingML; python-docx for the "as python-docx writes it" cases).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx_build import (
    lvl,
    make_docx,
    numbering,
    p,
    r,
    style,
    styles,
    tbl,
    tc,
    textbox_run,
    tr,
)
from lxml import etree

from checker.docx_common import (
    block_offset_to_paragraph,
    block_paragraph_spans,
    iter_body_paragraphs,
    paragraph_runs,
    paragraph_text,
    run_pieces,
    run_text,
)
from checker.loaders import load
from checker.loaders.docx_loader import format_number

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"

NUMBERING = numbering(
    {
        # chapters and clauses: 第%1章 / %1.%2, linked to the heading styles
        # (isLgl: level 1 shows the chapter number in arabic digits, "1.1" not "一.1")
        0: lvl(0, "chineseCounting", "第%1章", suff="space", pstyle="H1")
        + lvl(1, "decimal", "%1.%2", pstyle="H2", extra="<w:isLgl/>"),
        1: lvl(0, "chineseCounting", "（%1）", suff="nothing"),
        2: lvl(0, "decimalEnclosedCircle", "%1", suff="nothing"),
        # without isLgl Word shows each level in its own format: "一.1"
        3: lvl(0, "chineseCounting", "%1、", suff="nothing")
        + lvl(1, "decimal", "%1.%2"),
    },
    {
        1: (0, ""),
        2: (1, ""),
        3: (1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'),
        4: (2, ""),
        5: (3, ""),
    },
)

STYLES = styles(
    style("H1", "heading 1", ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/>'),
    # numId inherited from H1 through basedOn, level and outline level its own
    style("H2", "heading 2", based_on="H1", ppr='<w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>'),
    style("MyHeading", "自定义标题", based_on="H2"),
    style("3", "标题 3"),
)

SCORE_TABLE = tbl(
    tr(tc(p("评分因素")), tc(p("评分标准")), tc(p("分值"))),
    tr(tc(p("商务部分"), vmerge="restart"), tc(p("投标人注册资本不低于5000万元的得5分。")), tc(p("5"))),
    tr(tc("", vmerge="continue"), tc(p("具有ISO9001认证的得2分。")), tc(p("2"))),
    tr(tc(p("合计"), span=2), tc(p("7"))),
    tr(tc(p("见下表") + tbl(tr(tc(p("子项A")), tc(p("子项B"))), cols=2) + p("表后说明")),
       tc(p("第一段") + p("第二段", num=(4, 0))), tc(p(""))),
)

TRACKED = p(runs=(
    r("投标人须")
    + '<w:ins w:id="1" w:author="a"><w:r><w:t>在本市</w:t></w:r></w:ins>'
    + '<w:del w:id="2" w:author="a"><w:r><w:delText>在全国</w:delText></w:r></w:del>'
    + '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>被移走的字</w:t></w:r></w:moveFrom>'
    + r("设立分支机构。")
))
FIELDS = p(runs=(
    r("见")
    + '<w:hyperlink r:id="rX"><w:r><w:t>网址</w:t></w:r></w:hyperlink>'
    + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    + '<w:fldSimple w:instr="NUMPAGES"><w:r><w:t>9</w:t></w:r></w:fldSimple>'
    + '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>'
    + '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>标记</w:t></w:r></w:smartTag>'
))
CHARS = p(runs=(
    '<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/>'
    '<w:sym w:font="Symbol" w:char="F0B3"/><w:t>5</w:t></w:r>'
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
))

BODY = "".join([
    p("招标文件"),                                     # 1
    p("招标公告", style="H1"),                          # 2  第一章
    p("项目概况", style="H2"),                          # 3  1.1
    p("资格要求说明", num=(2, 0)),                       # 4  （一）
    p("投标人须知", style="H2"),                        # 5  1.2
    p("评标办法", style="H1"),                          # 6  第二章
    p("评分标准", style="MyHeading"),                   # 7  2.1
    SCORE_TABLE,                                       # 8..25 (18 w:p, nested table included)
    TRACKED,                                           # 26
    p(runs=r("正文有文本框") + textbox_run("文本框里的文字")),  # 27, text box paragraph 28
    p(runs=r("正文有脚注") + '<w:r><w:footnoteReference w:id="1"/></w:r>'),  # 29
    FIELDS,                                            # 30
    p("重新编号", num=(3, 0)),                           # 31 （五）
    p("继续编号", num=(2, 0)),                           # 32 （二）
    CHARS,                                             # 33
    p("总则", num=(5, 0)),                              # 34 一、
    p("法律条款", num=(5, 1)),                           # 35 一.1
    p("小节标题", style="3"),                            # 36 heading 3 by name
])

HEADER = p("某某项目 招标文件")


@pytest.fixture(scope="module")
def doc():
    data = make_docx(
        BODY,
        numbering_xml=NUMBERING,
        styles_xml=STYLES,
        headers={"rH1": HEADER, "rH2": HEADER},  # two header parts, same text
        footers={"rF1": p("第 1 页")},
        footnotes={1: "这是脚注内容"},
        app_pages=12,
    )
    return load(data, "numbered.docx")


def by_text(doc, needle):
    found = [b for b in doc.blocks if needle in b.text]
    assert found, f"no block contains {needle!r}"
    return found


def test_numbering_rendered_and_prepended(doc):
    texts = [b.text for b in doc.blocks]
    for expected in ("第一章 招标公告", "1.1 项目概况", "（一）资格要求说明", "1.2 投标人须知",
                     "第二章 评标办法", "2.1 评分标准", "（五）重新编号", "（二）继续编号",
                     "一、总则", "一.1 法律条款"):
        assert expected in texts, expected
    chapter = by_text(doc, "招标公告")[0]
    assert chapter.anchor_offset == len("第一章 ")
    assert chapter.text[chapter.anchor_offset:] == "招标公告"
    plain = by_text(doc, "招标文件")[1]
    assert plain.text == "招标文件" and plain.anchor_offset == 0


def test_heading_levels_and_styles(doc):
    levels = {b.text: b.heading_level for b in doc.blocks if b.location.part == "body"}
    assert levels["第一章 招标公告"] == 1
    assert levels["1.1 项目概况"] == 2
    assert levels["2.1 评分标准"] == 2  # outline level inherited through basedOn
    assert levels["小节标题"] == 3  # "标题 3" style name
    assert levels["招标文件"] is None
    assert by_text(doc, "评分标准")[0].style == "自定义标题"


def test_paragraph_index_is_the_wp_position(doc):
    para = {b.text: b.location.paragraph for b in doc.blocks if b.location.part == "body"}
    assert para["招标文件"] == 1
    assert para["第一章 招标公告"] == 2
    assert para["2.1 评分标准"] == 7
    assert para["投标人须在本市设立分支机构。"] == 26
    assert para["（五）重新编号"] == 31
    assert para["小节标题"] == 36


def test_table_cells_located_and_merged_once(doc):
    cell = by_text(doc, "注册资本")[0]
    loc = cell.location
    assert cell.kind == "table_cell"
    assert (loc.table, loc.row, loc.column) == (1, 2, 2)
    assert loc.paragraph == 12  # 7 headings/paragraphs + 3 cells of row 1 + "商务部分" + this
    assert len(by_text(doc, "商务部分")) == 1  # vMerge continuation not repeated
    total = by_text(doc, "7")
    sums = [b for b in total if b.text == "7"]
    assert [(b.location.row, b.location.column) for b in sums] == [(4, 3)]  # gridSpan=2 shifts
    nested = by_text(doc, "子项B")[0]
    assert (nested.location.table, nested.location.row, nested.location.column) == (2, 1, 2)
    outer = by_text(doc, "见下表")[0]
    assert outer.text == "见下表\n表后说明"
    assert doc.blocks.index(outer) < doc.blocks.index(nested)


def test_multi_paragraph_cell_offsets(doc):
    cell = by_text(doc, "第一段")[0]
    assert cell.text == "第一段\n①第二段"
    spans = block_paragraph_spans(cell, doc.meta)
    assert len(spans) == 2
    first_para = cell.location.paragraph
    assert block_offset_to_paragraph(spans, cell.text.index("第二段")) == (first_para + 1, 0)
    assert block_offset_to_paragraph(spans, cell.text.index("段")) == (first_para, 2)
    assert block_offset_to_paragraph(spans, len("第一段"), end=True) == (first_para, 3)


def test_tracked_changes_accepted(doc):
    assert by_text(doc, "投标人须在本市设立分支机构。")
    joined = "\n".join(b.text for b in doc.blocks)
    assert "在全国" not in joined and "被移走的字" not in joined
    assert any("修订" in w for w in doc.warnings)


def test_textbox_once_after_its_paragraph(doc):
    boxes = by_text(doc, "文本框里的文字")
    assert len(boxes) == 1
    box = boxes[0]
    assert box.location.part == "textbox" and box.kind == "textbox"
    assert box.location.paragraph == 28
    anchor = by_text(doc, "正文有文本框")[0]
    assert anchor.text == "正文有文本框"
    assert doc.blocks.index(box) == doc.blocks.index(anchor) + 1


def test_footnote_after_reference(doc):
    note = by_text(doc, "这是脚注内容")
    assert len(note) == 1 and note[0].location.part == "footnote" and note[0].kind == "note"
    ref = by_text(doc, "正文有脚注")[0]
    assert doc.blocks.index(note[0]) == doc.blocks.index(ref) + 1


def test_headers_once_and_footer(doc):
    headers = [b for b in doc.blocks if b.location.part == "header"]
    assert [b.text for b in headers] == ["某某项目 招标文件"]
    assert headers[0].location.paragraph is None and headers[0].location.page is None
    assert [b.text for b in doc.blocks if b.location.part == "footer"] == ["第 1 页"]


def test_fields_links_controls_and_characters(doc):
    assert by_text(doc, "见网址39控件标记")[0].text == "见网址39控件标记"
    chars = by_text(doc, "甲")[0]
    assert chars.text == "甲\t乙\n丙-≥5"  # hidden run left out


def test_meta_says_no_page_numbers(doc):
    assert doc.meta["format"] == "docx"
    assert doc.meta["page_numbers"] is False
    assert doc.meta["pages"] == 12
    assert all(b.location.page is None for b in doc.blocks)


def test_paragraph_runs_match_block_text(doc):
    """The annotator contract: the runs of paragraph N spell the block text after the label."""
    data = make_docx(BODY, numbering_xml=NUMBERING, styles_xml=STYLES)
    import zipfile

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root[0]
    paragraphs = list(iter_body_paragraphs(body))
    # an independent count: XPath over all w:p not under mc:Fallback
    xp = body.xpath("//w:p[not(ancestor::mc:Fallback)]", namespaces={
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})
    assert paragraphs == xp
    for block in doc.blocks:
        if block.location.paragraph is None or block.kind == "table_cell":
            continue
        pel = paragraphs[block.location.paragraph - 1]
        runs = paragraph_runs(pel)
        spelled = "".join(run_text(run)[: end - start] for run, start, end in runs)
        assert spelled == block.text[block.anchor_offset:] == paragraph_text(pel)
        assert all(b == a2 for (_, _, b), (_, a2, _) in zip(runs, runs[1:], strict=False))
        if block.text.startswith("甲"):  # the run of tab, break, hyphen and symbol
            pieces = [(el.tag.rsplit("}", 1)[1], text) for el, text in run_pieces(runs[0][0])]
            assert pieces == [("t", "甲"), ("tab", "\t"), ("t", "乙"), ("br", "\n"), ("t", "丙"),
                              ("noBreakHyphen", "-"), ("sym", "≥"), ("t", "5")]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (101, "chineseCountingThousand", "一百零一"),
    (110, "chineseCountingThousand", "一百一十"), (3, "ideographTraditional", "丙"),
    (12, "japaneseCounting", "十二"), (3, "decimalEnclosedCircle", "③"),
    (21, "decimalEnclosedCircleChinese", "㉑"), (28, "lowerLetter", "bb"), (4, "upperLetter", "D"),
    (14, "lowerRoman", "xiv"), (9, "upperRoman", "IX"), (12, "decimalFullWidth", "１２"),
    (105, "ideographDigital", "一〇五"), (7, "decimalZero", "07"), (5, "none", ""),
    (1, "chineseLegalSimplified", "壹"), (4, "decimalEnclosedParen", "⑷"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_python_docx_document(tmp_path):
    """What python-docx itself writes: heading styles, a merged table, a header."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉项目名称"
    d.add_heading("第四章 评分标准", level=1)
    table = d.add_table(rows=3, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"r{i + 1}c{j + 1}"
    merged = table.cell(1, 0).merge(table.cell(2, 0))
    merged.text = "合并单元格"
    wide = table.cell(0, 1).merge(table.cell(0, 2))
    wide.text = "横向合并"
    d.add_paragraph("表后段落")
    path = tmp_path / "pd.docx"
    d.save(path)
    loaded = load(path)
    heading = by_text(loaded, "第四章")[0]
    assert heading.heading_level == 1 and heading.location.paragraph == 1
    assert len(by_text(loaded, "合并单元格")) == 1
    assert len(by_text(loaded, "横向合并")) == 1
    cell = by_text(loaded, "r2c3")[0]
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 2, 3)
    assert by_text(loaded, "横向合并")[0].location.column == 2
    assert [b.text for b in loaded.blocks if b.location.part == "header"] == ["页眉项目名称"]
    assert loaded.blocks[-1].text == "表后段落"
    assert list(tmp_path.iterdir()) == [path]  # nothing written next to the input


def test_section_path_of_scoring_table_cell(doc):
    """Acceptance: a finding's cell in the 评分标准 table sits under the numbered heading."""
    from checker.sections import assign_sections

    cell = next(b for b in assign_sections(doc).blocks if "注册资本" in b.text)
    assert cell.location.section_kind == "评分标准"
    assert any("评分标准" in title for title in cell.location.section)


REAL_DOCX = sorted(REAL.glob("*.docx")) if REAL.is_dir() else []


@pytest.mark.corpus
@pytest.mark.skipif(not REAL_DOCX, reason="real corpus (../shared/corpus/real) not present")
@pytest.mark.parametrize("path", REAL_DOCX, ids=lambda p: p.name)
def test_real_docx_files(path):
    loaded = load(path)
    body = [b for b in loaded.blocks if b.location.part == "body"]
    assert len(body) > 100
    labels = [b.text[start:start + prefix] for b in body
              for _, start, prefix, _ in block_paragraph_spans(b, loaded.meta) if prefix]
    assert len(labels) >= 5, "automatic numbering should be rendered"
    assert all(label.strip() for label in labels)
    assert any(b.heading_level == 1 or b.heading_level == 2 for b in body)
    paragraphs = [b.location.paragraph for b in body if b.kind == "paragraph"]
    assert paragraphs == sorted(paragraphs) and len(set(paragraphs)) == len(paragraphs)


def test_odd_numbering_values_do_not_break_loading():
    """Out-of-range levels, unparsable starts and huge counters: rendered sensibly, no crash."""
    odd = numbering(
        {0: lvl(0, "lowerLetter", "%1)", start=10**9)
         + '<w:lvl w:ilvl="1"><w:start w:val="abc"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2."/></w:lvl>'
         + lvl(12, "decimal", "%13.")},
        {1: (0, ""), 2: (99, "")},
    )
    body = (p("甲", num=(1, 0)) + p("乙", num=(1, 1)) + p("丙", num=(1, 12)) + p("丁", num=(2, 0))
            + p("戊", num=(77, 0)))
    loaded = load(make_docx(body, numbering_xml=odd), "odd.docx")
    assert [b.text for b in loaded.blocks] == ["1000000000) 甲", "I. 乙", "丙", "丁", "戊"]
