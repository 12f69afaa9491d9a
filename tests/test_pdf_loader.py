"""PDF loader: paragraphs, tables, running headers, unreadable pages, errors, boxes.

The PDFs are built byte by byte in the tests (tests/pdf_build.py: CJK text at exact positions,
ruling lines, images), so nothing external is needed. Real-corpus checks are skipped when
../shared/corpus/real is absent.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from pdf_build import Page, build

from checker.loaders import LoadError, load, pdf_loader
from checker.normalize import normalize_text
from checker.sections import assign_sections

FULL = "一二三四五六七八九十" * 3 + "甲乙丙丁戊己"  # 36 characters x 12 pt = a full 432-point line at x=72
FULL2 = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨"  # (pdfium drops a line
FULL3 = "露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙"  # that repeats the one above)
X = 72.0
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def body(doc):
    return [b for b in doc.blocks if b.kind == "paragraph"]


# ---------------------------------------------------------------- paragraphs


def test_wrapped_lines_join_and_short_lines_end_paragraphs():
    page = Page().lines(X, 100, [FULL, FULL2, "投标人须具有不少于 3 年的同类经验。", FULL3, "最后一行"])
    doc = pdf_loader.load(build([page]), "p.pdf")
    assert texts(doc) == [FULL + FULL2 + "投标人须具有不少于 3 年的同类经验。", FULL3 + "最后一行"]
    # pdfium's autospace is kept in Block.text (the annotator finds it on the page) and folded by normalize
    assert "不少于3年" in normalize_text(doc.blocks[0].text)
    assert [b.location.paragraph for b in doc.blocks] == [1, 2]
    assert {b.location.page for b in doc.blocks} == {1}


def test_sentence_end_and_list_items_break_full_lines():
    full_stop = FULL[:-1] + "。"
    lead_in = FULL3[:-1] + "："
    page = Page().lines(X, 100, [full_stop, FULL2, lead_in, "（一）" + FULL[3:], "1、" + FULL2[2:], "第二章 投标人须知"])
    doc = pdf_loader.load(build([page]), "p.pdf")
    assert texts(doc) == [full_stop, FULL2 + lead_in, "（一）" + FULL[3:], "1、" + FULL2[2:], "第二章 投标人须知"]


def test_large_gap_and_font_size_change_break_paragraphs():
    page = Page().lines(X, 100, [FULL, FULL2]).text(X, 200, FULL3).text(X, 220, "小字", 9)
    doc = pdf_loader.load(build([page]), "p.pdf")
    assert texts(doc) == [FULL + FULL2, FULL3, "小字"]


def test_latin_words_keep_a_space_when_rejoined():
    page = Page().lines(X, 100, ["A" * 35 + "x", "Brand", "下一段"])
    doc = pdf_loader.load(build([page]), "p.pdf")
    assert doc.blocks[0].text == "A" * 35 + "x Brand"


def test_headings_get_a_level_from_their_font_size():
    page = (Page().text(X, 60, "第一章 招标公告", 18).text(X, 100, "投标人须知前附表", 14)
            .lines(X, 140, [FULL, "正文。"]))
    doc = pdf_loader.load(build([page]), "p.pdf")
    assert [(b.text, b.heading_level) for b in doc.blocks] == [
        ("第一章 招标公告", 1), ("投标人须知前附表", 2), (FULL + "正文。", None)]


# ---------------------------------------------------------------- pages, headers, footers


def three_pages() -> list[Page]:
    pages = []
    for n in (1, 2, 3):
        p = Page().text(300, 30, "某某项目 招标文件", 9).text(280, 800, f"第 {n} 页 共 3 页", 9)
        pages.append(p)
    pages[0].lines(X, 100, [f"第{i}段。" for i in range(1, 6)] + [FULL])  # last line runs over the page
    pages[1].lines(X, 80, ["跨页的句子到此结束。", "第二页第二段。"])
    pages[2].lines(X, 80, ["第三页。"]).text(290, 820, "- 3 -", 9)
    return pages


def test_running_header_kept_once_and_page_numbers_dropped():
    doc = pdf_loader.load(build(three_pages()), "p.pdf")
    headers = [b for b in doc.blocks if b.location.part != "body"]
    assert [(b.text, b.kind, b.location.part, b.location.page) for b in headers] == [
        ("某某项目 招标文件", "header", "header", 1)]
    assert not any("页" in t and "共" in t for t in texts(doc))
    assert "- 3 -" not in texts(doc)
    assert doc.meta["pages"] == 3 and doc.meta["pages_unchecked"] == 0 and doc.meta["unchecked_pages"] == []


def test_paragraph_continues_across_a_page_break():
    doc = pdf_loader.load(build(three_pages()), "p.pdf")
    i = texts(doc).index(FULL + "跨页的句子到此结束。")
    block, spans = doc.blocks[i], doc.meta["pdf_spans"][i]
    assert block.location.page == 1
    assert [(s[0], s[1], s[3]) for s in spans] == [(1, 0, len(FULL)), (2, len(FULL), len("跨页的句子到此结束。"))]


def test_spans_map_block_text_back_to_the_page_text():
    data = build(three_pages())
    doc = pdf_loader.load(data, "p.pdf")
    pdf = pdfium.PdfDocument(data)
    page_text = {i + 1: pdf[i].get_textpage().get_text_range() for i in range(len(pdf))}
    assert len(doc.meta["pdf_spans"]) == len(doc.blocks)
    for block, spans in zip(doc.blocks, doc.meta["pdf_spans"], strict=True):
        covered = 0
        for page, off, idx, length in spans:
            assert block.text[off:off + length] == page_text[page][idx:idx + length]
            covered += length
        assert covered == len(block.text)  # no separators in these CJK paragraphs


# ---------------------------------------------------------------- tables


def scoring_table() -> Page:
    page = Page().text(X, 60, "评分标准", 12)
    page.grid([72, 150, 300, 504], [100, 130, 180, 230, 260], skip_h=((2, 0),))  # column 1 merged over rows 2-3
    page.text(80, 108, "序号").text(160, 108, "评分因素").text(310, 108, "评分标准")  # one pdfium line
    page.text(80, 170, "1").text(160, 140, "注册资本不低于").text(160, 160, "1000万元").text(310, 150, "得5分")
    page.text(160, 200, "业绩").text(310, 190, "每个同类业绩").text(310, 210, "得1分")
    page.text(80, 238, "2").text(160, 238, "报价").text(310, 238, "低价优先")
    return page


def test_table_cells_come_out_as_rows_and_columns():
    doc = pdf_loader.load(build([scoring_table()]), "t.pdf")
    cells = {(b.location.table, b.location.row, b.location.column): b.text for b in doc.blocks if b.kind == "table_cell"}
    assert cells == {
        (1, 1, 1): "序号", (1, 1, 2): "评分因素", (1, 1, 3): "评分标准",
        (1, 2, 1): "1", (1, 2, 2): "注册资本不低于1000万元", (1, 2, 3): "得5分",
        (1, 3, 2): "业绩", (1, 3, 3): "每个同类业绩得1分",
        (1, 4, 1): "2", (1, 4, 2): "报价", (1, 4, 3): "低价优先",
    }
    assert doc.meta["tables"] == 1


def test_table_continued_on_next_page_keeps_its_number():
    second = Page().grid([72, 150, 300, 504], [80, 110, 140])
    second.text(80, 88, "3").text(160, 88, "服务").text(310, 88, "好").text(80, 118, "4").text(160, 118, "售后").text(310, 118, "快")
    doc = pdf_loader.load(build([scoring_table(), second]), "t.pdf")
    rows = [(b.location.table, b.location.row, b.text) for b in doc.blocks if b.location.column == 2]
    assert rows[-2:] == [(1, 5, "服务"), (1, 6, "售后")]


def test_a_framed_paragraph_is_not_a_table():
    page = Page().grid([60, 540], [90, 140]).lines(X, 100, [FULL, "说明。"])
    doc = pdf_loader.load(build([page]), "t.pdf")
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", FULL + "说明。")]


def test_table_cell_inherits_the_section_of_the_heading_above_its_table():
    page = scoring_table()
    page.ops.insert(0, ("text", X, 30, "第三章 评标办法", 18.0))
    doc = assign_sections(pdf_loader.load(build([page]), "t.pdf"))
    cell = next(b for b in doc.blocks if b.text == "注册资本不低于1000万元")
    assert cell.location.section_kind == "评分标准"
    assert cell.location.section[0] == "第三章 评标办法"


# ---------------------------------------------------------------- unreadable pages


def test_image_only_pdf_gives_a_warning_and_no_blocks():
    doc = pdf_loader.load(build([Page().image(), Page().image()]), "scan.pdf")
    assert doc.blocks == ()
    assert doc.warnings[0] == "第1–2页无文字层（可能是扫描件），未检查"
    assert doc.meta["pages"] == 2 and doc.meta["pages_unchecked"] == 2 and doc.meta["unchecked_pages"] == [1, 2]
    assert doc.meta["pages_checked"] == 0


def test_scanned_page_among_text_pages_is_reported():
    pages = [Page().lines(X, 100, ["第一页。"]), Page().image(), Page().lines(X, 100, ["第三页。"])]
    doc = pdf_loader.load(build(pages), "mixed.pdf")
    assert texts(doc) == ["第一页。", "第三页。"]
    assert doc.warnings == ("第2页无文字层（可能是扫描件），未检查",)
    assert doc.meta["unchecked_pages"] == [2] and doc.meta["pages_unchecked"] == 1


def test_blank_page_is_not_called_a_scan():
    doc = pdf_loader.load(build([Page().lines(X, 100, ["正文。"]), Page()]), "blank.pdf")
    assert doc.warnings == () and doc.meta["pages_unchecked"] == 0


def test_garbled_text_layer_is_reported_and_not_checked():
    garbage = "".join(chr(0xE000 + i) for i in range(40))  # private-use code points: fonts without a Unicode map
    doc = pdf_loader.load(build([Page().lines(X, 100, ["可读的一页。"]), Page().lines(X, 100, [garbage])]), "g.pdf")
    assert texts(doc) == ["可读的一页。"]
    assert doc.warnings == ("第2页文字无法识别（乱码，字体缺少编码映射），未检查",)
    assert doc.meta["unchecked_pages"] == [2]


# ---------------------------------------------------------------- errors


def encrypted(data: bytes, user: str) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_a_clear_error():
    with pytest.raises(LoadError) as err:
        load(encrypted(build([Page().lines(X, 100, ["保密。"])]), "secret"), "locked.pdf")
    assert err.value.reason == "PDF 已加密（需要密码），无法读取"
    assert "locked.pdf" in str(err.value)


def test_owner_password_only_still_reads():
    doc = load(encrypted(build([Page().lines(X, 100, ["可以打开。"])]), ""), "open.pdf")
    assert texts(doc) == ["可以打开。"]


@pytest.mark.parametrize("data", [
    build([Page().lines(X, 100, ["内容。"] * 3)])[:200],  # truncated
    b"%PDF-1.7\n garbage",
    b"\x00" * 64,
])
def test_corrupt_pdf_is_a_clear_error(data):
    with pytest.raises(LoadError) as err:
        pdf_loader.load(data, "broken.pdf")
    assert err.value.reason == "PDF 文件已损坏，无法解析"
    assert "broken.pdf" in str(err.value)


def test_registered_loader_adds_hash_and_size():
    data = build([Page().lines(X, 100, ["内容。"])])
    doc = load(data, "x.pdf")
    assert doc.meta["format"] == "pdf" and doc.meta["bytes"] == len(data) and len(doc.meta["sha256"]) == 64


# ---------------------------------------------------------------- boxes


def test_char_boxes_locate_matched_text_top_left_origin():
    data = build([Page().lines(X, 100, [FULL, "投标人注册资本不低于5000万元。"])])
    doc = pdf_loader.load(data, "b.pdf")
    block, spans = doc.blocks[0], doc.meta["pdf_spans"][0]
    start = block.text.index("注册资本")
    boxes = pdf_loader.char_boxes(data, spans, start, start + 4)
    assert [p for p, _ in boxes] == [1, 1, 1, 1]
    x0s = [box[0] for _, box in boxes]
    assert x0s == sorted(x0s) and abs(x0s[0] - (X + 3 * 12)) < 2  # 4th character of the second line
    for _, (x0, top, x1, bottom) in boxes:
        assert 118 <= top < bottom <= 136 and x1 > x0  # second line: em box from 120 to 132 points from the top


def test_highlight_rects_one_per_line_fragment():
    data = build([Page().lines(X, 100, [FULL, "第二行的内容。"])])
    doc = pdf_loader.load(data, "b.pdf")
    spans = doc.meta["pdf_spans"][0]
    rects = pdf_loader.highlight_rects(data, spans, len(FULL) - 4, len(FULL) + 3)
    assert len(rects) == 2
    (p1, r1), (p2, r2) = rects
    assert p1 == p2 == 1 and r1[1] < r2[1]  # first fragment above the second
    assert abs(r1[2] - (X + 36 * 12)) < 2 and abs(r2[0] - X) < 2


# ---------------------------------------------------------------- the real corpus (skipped when absent)

REAL_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
corpus = pytest.mark.skipif(not REAL_PDFS, reason="real corpus not present")


@functools.cache
def real(name: str):
    return load(CORPUS / name)


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_every_real_pdf_loads(path):
    doc = real(path.name)
    assert doc.meta["pages"] == len(pdfium.PdfDocument(str(path)))
    assert doc.blocks or doc.warnings
    # a running header is checked once, not once per page
    for header in (b for b in doc.blocks if b.kind in ("header", "footer")):
        assert sum(1 for b in doc.blocks if b.text == header.text) == 1
    assert not any(b.kind == "paragraph" and normalize_text(b.text).startswith("第") and "页共" in normalize_text(b.text)
                   for b in doc.blocks)


@corpus
@pytest.mark.corpus
def test_real_scanned_pdf_is_reported_not_silently_empty():
    doc = real("gp_yangshan_maritime_ship_maintenance_2024.pdf")
    assert doc.meta["pages_unchecked"] > 0
    assert any("无文字层" in w for w in doc.warnings)


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name, header", [
    ("gp_beijing_open_tender_template.pdf", "北京市政府采购项目公开招标文件示范文本"),
    ("soe_yulin_safety_env_consulting.pdf", "榆林高新控股集团安全环保管家项目（二次） 招标文件"),
])
def test_real_running_header_appears_in_at_most_two_blocks(name, header):
    doc = real(name)
    assert 1 <= sum(1 for b in doc.blocks if header in b.text) <= 2  # the header once (+ the cover title)
    assert any(b.kind == "header" and b.text == header for b in doc.blocks)
