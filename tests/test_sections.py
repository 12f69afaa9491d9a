"""Headings → section path → canonical kind (checker/sections.py), table-driven, plus the real corpus."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from checker.loaders import load
from checker.model import SECTION_KINDS, Block, Document, Location
from checker.sections import assign_sections, classify

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def make(*items) -> Document:
    """Blocks from items: "text" (paragraph), ("cell", text), ("h1", text) (loader heading level 1),
    ("toc", text) (Word TOC style), ("header", text)."""
    blocks = []
    table = 0
    for i, item in enumerate(items, start=1):
        kind, text = ("p", item) if isinstance(item, str) else item
        loc = Location(paragraph=i)
        if kind == "cell":
            table += 0 if blocks and blocks[-1].location.table else 1
            blocks.append(Block(text, Location(paragraph=i, table=table, row=1, column=1), kind="table_cell"))
        elif kind == "header":
            blocks.append(Block(text, Location(paragraph=i, part="header"), kind="header"))
        elif kind == "toc":
            blocks.append(Block(text, loc, style="toc 1"))
        elif kind.startswith("h"):
            blocks.append(Block(text, loc, heading_level=int(kind[1:])))
        else:
            blocks.append(Block(text, loc))
    return Document("t.txt", tuple(blocks))


def kinds(doc: Document) -> dict[str, str | None]:
    out = assign_sections(doc)
    return {b.text: b.location.section_kind for b in out.blocks}


@pytest.mark.parametrize("title, kind", [
    ("第一章 招标公告", "招标公告"),
    ("第一章 投标邀请", "招标公告"),
    ("第一章投标邀请书（适用于邀请招标）", "招标公告"),
    ("竞争性磋商公告", "招标公告"),
    ("第二章 投标人须知", "投标人须知"),
    ("投标人须知前附表", "投标人须知"),
    ("第一章 投标供应商须知", "投标人须知"),
    ("第三章 资格审查", "资格条件"),
    ("三、投标人资格要求", "资格条件"),
    ("第四章 评标程序、评标方法和评标标准", "评分标准"),
    ("第三章 评审办法及标准", "评分标准"),
    ("评标办法前附表", "评分标准"),
    ("第 五 章 采 购 需 求", "技术要求"),
    ("第五章 委托人要求", "技术要求"),
    ("第五章发包人要求", "技术要求"),
    ("第四章 采购内容及要求", "技术要求"),
    ("第五章 商务要求", "商务要求"),
    ("第六章 拟签订的合同文本", "合同条款"),
    ("第四章 合同条款及格式", "合同条款"),
    ("第六章 合同基本条款及格式", "合同条款"),
    ("第七章 合同样本", "合同条款"),
    ("第七章 投标文件格式", "投标文件格式"),
    ("第七章 投标文件构成及格式", "投标文件格式"),
    ("第三章 投标文件内容及格式", "投标文件格式"),
    ("附件一：开标记录表", "投标文件格式"),
    ("项目概况", None),
    ("第八章 附录说明", None),
])
def test_classify_titles(title, kind):
    assert classify(title) == kind
    assert kind is None or kind in SECTION_KINDS


def test_blocks_under_a_chapter_take_its_kind():
    doc = make("第一章 招标公告", "一、项目基本情况", "本项目预算100万元。",
               "第二章 投标人须知", "投标人应当如实填写。",
               "第三章 评标办法", "二、评分标准", ("cell", "投标人注册资本在1000万元以上的得5分"), "评分说明。")
    got = kinds(doc)
    assert got["本项目预算100万元。"] == "招标公告"
    assert got["投标人应当如实填写。"] == "投标人须知"
    assert got["投标人注册资本在1000万元以上的得5分"] == "评分标准"
    assert got["评分说明。"] == "评分标准"
    cell = next(b for b in assign_sections(doc).blocks if b.location.table)
    assert cell.location.section == ("第三章 评标办法", "二、评分标准")


def test_text_before_the_first_heading_has_no_section():
    doc = assign_sections(make("某某项目招标文件", "第一章 招标公告", "正文。"))
    assert doc.blocks[0].location.section == () and doc.blocks[0].location.section_kind is None


@pytest.mark.parametrize("sentence", [
    "1.满足《中华人民共和国政府采购法》第二十二条规定；",
    "2.项目名称：某某服务",
    "4.采购需求：",
    "（1）投标人须提供近三年经审计的财务报告，并加盖公章。",
    "3. 投标人须在本市设有分支机构，且注册资本不低于五千万元，具有相关行业的资质证书等材料",
])
def test_numbered_body_sentences_are_not_headings(sentence):
    doc = assign_sections(make("第三章 资格审查", "一、资格要求", sentence, "后面的段落。"))
    assert doc.blocks[3].location.section == ("第三章 资格审查", "一、资格要求")
    assert doc.blocks[3].location.section_kind == "资格条件"


def test_numbering_levels_nest():
    doc = assign_sections(make("第二章 投标人须知", "一、总则", "1. 适用范围", "1.1 定义", "1.1.1 采购人",
                               "（1）甲方", "正文。", "1.2 资金来源", "正文二。", "二、招标文件", "正文三。"))
    section = {b.text: b.location.section for b in doc.blocks}
    assert section["正文。"] == ("第二章 投标人须知", "一、总则", "1. 适用范围", "1.1 定义", "1.1.1 采购人", "（1）甲方")
    assert section["正文二。"] == ("第二章 投标人须知", "一、总则", "1. 适用范围", "1.2 资金来源")
    assert section["正文三。"] == ("第二章 投标人须知", "二、招标文件")


def test_table_of_contents_lines_are_not_headings():
    doc = make("目 录",
               "第一章 招标公告 ........................ 1", "第三章 评标办法 ........................ 9",
               "第七章 投标文件格式 .................... 30",
               "第一章 招标公告", "公告正文。", "第三章 评标办法", "评标正文。")
    got = kinds(doc)
    assert got["第七章 投标文件格式 .................... 30"] == "其他"
    assert got["公告正文。"] == "招标公告" and got["评标正文。"] == "评分标准"


def test_toc_without_leaders_ends_at_the_first_repeated_entry():
    doc = make(("h1", "目录"), "第一章 招标公告", "第二章 投标人须知", "投标人须知前附表", "1. 总则",
               "第六章 投标文件格式", ("h1", "第一章 招标公告"), "公告正文。", ("h1", "第二章 投标人须知"), "须知正文。")
    got = kinds(doc)
    assert got["公告正文。"] == "招标公告" and got["须知正文。"] == "投标人须知"


def test_word_toc_styles_are_never_headings():
    doc = make(("toc", "第一章 投标供应商须知\t1"), ("toc", "第三章 投标文件内容及格式\t34"),
               ("h1", "第一章 投标供应商须知"), "须知正文。")
    assert kinds(doc)["须知正文。"] == "投标人须知"


def test_lists_of_chapters_and_cross_references_are_not_headings():
    doc = make("第二章 投标人须知", "7 招标文件构成", "招标文件由以下部分组成：",
               "第一章 投标邀请", "第二章 投标人须知", "第五章 采购需求", "第七章 投标文件格式",
               "须知正文。", "第五章《采购需求》所列的全部内容", "第一章 招标公告", "还在须知里。")
    got = kinds(doc)
    assert got["须知正文。"] == "投标人须知"
    assert got["还在须知里。"] == "投标人须知"  # chapter numbers never go back


def test_sub_headings_refine_the_chapter_kind_only_where_it_makes_sense():
    doc = make("第二章 投标人须知", "五、开标、资格审查及评标", "程序正文。",
               "第四章 评标办法", "一、资格审查", "资格审查正文。", "二、评分标准", "评分正文。",
               "第五章 采购需求", "一、技术要求", "技术正文。", "二、商务要求", "商务正文。",
               "第六章 合同条款", "二、技术要求", "合同技术正文。",
               "第七章 投标文件格式", "三、资格证明文件", "资格声明正文。", ("h1", "投标人资格声明书"), "声明正文。")
    got = kinds(doc)
    assert got["资格审查正文。"] == "资格条件"
    assert got["评分正文。"] == "评分标准"
    assert got["技术正文。"] == "技术要求" and got["商务正文。"] == "商务要求"
    assert got["程序正文。"] == "投标人须知"
    assert got["资格声明正文。"] == "投标文件格式" and got["声明正文。"] == "投标文件格式"
    assert got["合同技术正文。"] == "合同条款"


def test_unnumbered_large_heading_does_not_end_a_numbered_chapter():
    doc = make(("h1", "第七章 投标文件格式"), ("h1", "投标人资格声明书"), "本公司承诺。", ("h1", "中小企业声明函"), "声明。")
    got = assign_sections(doc)
    assert [b.location.section_kind for b in got.blocks] == ["投标文件格式"] * 5
    assert got.blocks[2].location.section == ("第七章 投标文件格式", "投标人资格声明书")


def test_level_one_headings_are_chapters_when_nothing_is_numbered():
    doc = make(("h1", "招标公告"), "公告正文。", ("h1", "评分标准"), ("cell", "注册资本得分"), ("h1", "项目背景"), "背景。")
    got = kinds(doc)
    assert got["公告正文。"] == "招标公告" and got["注册资本得分"] == "评分标准" and got["背景。"] == "其他"


def test_a_toc_inside_the_bid_forms_does_not_end_the_chapter():
    doc = make("第六章 投标文件格式", "投 标 文 件", "目录", "一、投标函", "二、授权委托书",
               "一、投标函", "致采购人：我方承诺。", "二、授权委托书", "本人授权。")
    got = kinds(doc)
    assert got["致采购人：我方承诺。"] == "投标文件格式" and got["本人授权。"] == "投标文件格式"


def test_volumes_and_parts():
    doc = make("第一卷", "第一章 招标公告", "公告。", "第二卷", "第五章 发包人要求", "要求。",
               "第六章 投标文件格式", "第一部分 投标函", "函。", "第二部分 资格审查资料", "资料。")
    got = assign_sections(doc)
    by_text = {b.text: b.location for b in got.blocks}
    assert by_text["要求。"].section == ("第二卷", "第五章 发包人要求") and by_text["要求。"].section_kind == "技术要求"
    assert by_text["资料。"].section_kind == "投标文件格式"  # 部分 inside a 章 document is below the chapter


def test_headers_get_no_section():
    doc = assign_sections(make("第一章 招标公告", ("header", "某某项目 招标文件"), "正文。"))
    assert doc.blocks[1].location.section == () and doc.blocks[1].location.section_kind is None
    assert doc.blocks[2].location.section_kind == "招标公告"


def test_assign_sections_keeps_everything_else():
    doc = make("第一章 招标公告", ("cell", "单元格"))
    out = assign_sections(doc)
    assert [(b.text, b.kind, b.location.table, b.location.paragraph) for b in out.blocks] == \
        [(b.text, b.kind, b.location.table, b.location.paragraph) for b in doc.blocks]
    assert out.name == doc.name and out.meta is doc.meta


# ---------------------------------------------------------------- the real corpus (skipped when absent)

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus not present")


@functools.cache
def real(name: str) -> Document:
    return assign_sections(load(CORPUS / name))


def kind_of(doc: Document, snippet: str) -> str | None:
    """Kind of the first block containing ``snippet`` outside a table of contents."""
    hits = [b for b in doc.blocks if snippet in b.text and "目录" not in "".join(b.location.section).replace(" ", "")]
    assert hits, snippet
    return hits[0].location.section_kind


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name, snippet, kind", [
    ("gp_beijing_open_tender_template.pdf", "本项目是否接受分支机构参与投标", "资格条件"),
    ("gp_beijing_open_tender_template.pdf", "本表是对投标人须知的具体补充和修改", "投标人须知"),
    ("gp_beijing_open_tender_template.pdf", "投标人信用记录", "资格条件"),
    ("gp_beijing_open_tender_template.pdf", "评分因素", "评分标准"),
    ("gp_beijing_open_tender_template.pdf", "食堂占地面积", "技术要求"),
    ("gp_beijing_open_tender_template.pdf", "本企业对上述声明内容的真实性负责", "投标文件格式"),
    ("cb_ndrc_standard_design_tender_template.pdf", "与营业执照、资质证书一致", "评分标准"),
    ("cb_ndrc_standard_design_tender_template.pdf", "设计人应认真阅读、复核发包人要求", "合同条款"),
    ("cb_water_supervision_standard_text.pdf", "本次招标要求投标人须具备", "资格条件"),
    ("cb_water_supervision_standard_text.pdf", "投标人须知前附表", "投标人须知"),
    ("cb_yinchuan_facade_logo_2026.docx", "投标报价（35分）", "评分标准"),
    ("soe_yulin_safety_env_consulting.pdf", "拟派专家资格要求", "资格条件"),
    ("soe_yulin_safety_env_consulting.pdf", "第三部分 资格证明文件", "投标文件格式"),
    ("soe_cleaning_outsourcing_tender.docx", "附表3 商务评审标准表", "评分标准"),
])
def test_real_documents_chapter_kinds(name, snippet, kind):
    assert kind_of(real(name), snippet) == kind


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name", ["gp_beijing_open_tender_template.pdf", "cb_ndrc_standard_design_tender_template.pdf",
                                  "cb_water_supervision_standard_text.pdf", "soe_yulin_safety_env_consulting.pdf",
                                  "cb_yinchuan_facade_logo_2026.docx", "soe_cleaning_outsourcing_tender.docx"])
def test_real_documents_find_their_main_chapters(name):
    found = {b.location.section_kind for b in real(name).blocks}
    assert {"招标公告", "投标人须知", "资格条件", "评分标准", "技术要求", "合同条款", "投标文件格式"} <= found
