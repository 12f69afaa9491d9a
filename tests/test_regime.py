"""Regime detection (政府采购 vs 工程建设招标投标): cited laws outweigh vocabulary; overrides; undecided."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from checker.loaders import load
from checker.model import Block, Document, Location
from checker.sections import detect_regime

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def doc(*lines: str) -> Document:
    return Document("t.txt", tuple(Block(t, Location(paragraph=i)) for i, t in enumerate(lines, start=1)))


GP_TEXT = doc(
    "根据《中华人民共和国政府采购法》和《政府采购货物和服务招标投标管理办法》（财政部令第87号），",
    "采购人委托采购代理机构对本项目进行公开招标，欢迎合格的供应商参加。",
    "预算金额：100万元。中标（成交）供应商应与采购人签订政府采购合同。",
)
CB_TEXT = doc(
    "根据《中华人民共和国招标投标法》《中华人民共和国招标投标法实施条例》，本工程施工项目依法必须进行招标。",
    "招标人为某市住房和城乡建设局。本次招标划分为2个标段，设最高投标限价。",
    "评标委员会推荐中标候选人，中标候选人公示期不少于3日。",
)


def test_government_procurement_document():
    r = detect_regime(GP_TEXT)
    assert r.regime == "gp" and r.source == "auto" and r.confidence >= 0.65
    assert r.reasons[0].startswith("引用政府采购法规") and "《政府采购法》" in r.reasons[0]


def test_construction_tender_document():
    r = detect_regime(CB_TEXT)
    assert r.regime == "cb" and r.confidence >= 0.65
    assert r.reasons[0].startswith("引用工程建设招标投标法规") and "《招标投标法》" in r.reasons[0]
    assert any("招标人" in x and "标段" in x for x in r.reasons)


def test_cited_laws_outweigh_vocabulary():
    # a GP 公开招标 document speaks of 招标/投标 throughout but cites the GP laws
    text = doc("依据《政府采购法实施条例》及财政部令第87号组织公开招标。",
               "招标人、投标人、评标委员会、中标候选人按招标文件规定执行。",
               "投标人须知：投标人应按招标人要求递交投标文件，招标人负责解释。")
    assert detect_regime(text).regime == "gp"


def test_mixed_evidence_is_undecided_with_reasons():
    r = detect_regime(doc(*(b.text for b in GP_TEXT.blocks + CB_TEXT.blocks)))
    assert r.regime is None and r.reasons and r.label.startswith("未能确定")


def test_too_little_text_is_undecided():
    r = detect_regime(doc("本项目欢迎参加。"))
    assert r.regime is None and r.confidence == 0.0 and r.reasons == ("文字太少，无法判断",)


@pytest.mark.parametrize("override", ["gp", "cb"])
def test_override_wins(override):
    r = detect_regime(GP_TEXT if override == "cb" else CB_TEXT, override)
    assert (r.regime, r.source, r.confidence, r.reasons) == (override, "user", 1.0, ("用户指定",))


def test_running_headers_do_not_vote():
    header = Block("某市政府采购中心 政府采购 采购人 供应商", Location(part="header"), kind="header")
    r = detect_regime(Document("t", (header,) + CB_TEXT.blocks))
    assert r.regime == "cb" and not any("政府采购用语" in x for x in r.reasons)


# ---------------------------------------------------------------- the real corpus (skipped when absent)

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus not present")


@functools.cache
def real(name: str):
    return detect_regime(load(CORPUS / name))


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name, regime", [
    ("gp_beijing_open_tender_template.pdf", "gp"),
    ("cb_ndrc_standard_design_tender_template.pdf", "cb"),
    ("cb_water_supervision_standard_text.pdf", "cb"),
    ("cb_yinchuan_facade_logo_2026.docx", "cb"),
    # state-owned enterprises: 榆林 runs a 竞争性磋商 citing 《政府采购法》 and 财政部令第87号 itself;
    # the cleaning tender (军队采购) uses the 采购人/供应商 vocabulary throughout and never 招标人/标段
    ("soe_yulin_safety_env_consulting.pdf", "gp"),
    ("soe_cleaning_outsourcing_tender.docx", "gp"),
    # the scanned tender has no text at all: undecided (and the pipeline reports it unreadable)
    ("gp_yangshan_maritime_ship_maintenance_2024.pdf", None),
])
def test_real_documents(name, regime):
    r = real(name)
    assert r.regime == regime
    assert r.reasons
