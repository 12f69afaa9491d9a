"""Brand / certificate / procedure packs: lexicon hygiene, model-number patterns, regime-aware
severity of “或相当于”, and accuracy on the labelled dev set (tests/data/dev_brand_cert_proc.jsonl).

Everything runs through the real path (check_text → sections → segment → match)."""

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.match import Matcher, match_document
from checker.pipeline import check_text
from checker.rulecheck import Example, example_document
from checker.rules import load_ruleset
from checker.segment import segment_blocks

ROOT = Path(__file__).resolve().parent.parent
PACK = [ROOT / "rules" / p for p in (
    "common/brand.yaml", "gp/brand.yaml", "cb/brand.yaml", "common/certificates.yaml",
    "common/lists.yaml", "common/procedure.yaml", "gp/procedure.yaml", "cb/procedure.yaml")]
RULESET = load_ruleset(PACK)
MATCHER = Matcher(RULESET)
DEV = ROOT / "tests" / "data" / "dev_brand_cert_proc.jsonl"
BRANDS = yaml.safe_load((ROOT / "rules" / "lexicons" / "brands.yaml").read_text(encoding="utf-8"))


def findings(text: str, regime: str):
    return check_text(text, RULESET, regime).findings


def test_pack_loads_cleanly():
    assert [str(p) for p in RULESET.problems] == []
    assert len(RULESET.rules) >= 30


def test_ambiguous_brands_are_not_also_free_triggers():
    ambiguous = set(BRANDS["brands_ambiguous"])
    for name, terms in BRANDS.items():
        assert len(terms) == len(set(terms)), f"duplicate term in {name}"
        if name != "brands_ambiguous":
            assert not ambiguous & set(terms), f"{name} repeats ambiguous brands {ambiguous & set(terms)}"
        if name.endswith("_latin"):
            assert all(t.isascii() or "ä" in t for t in terms), name


@pytest.mark.parametrize("text", [
    "笔记本电脑处理器：i7-1260P，内存16GB。",
    "台式机处理器：R7-5800H。",
    "服务器处理器：Xeon Gold 6338，2颗。",
    "枪型摄像机：DS-2CD3T47WDV3-L。",
    "球机：DH-SD6C3432XR-HNR。",
    "汇聚交换机：S5735-L24T4X。",
])
def test_model_numbers_are_flagged(text):
    assert any(f.rule_id == "BOTH-BRAND-001" for f in findings(text, "gp")), text


@pytest.mark.parametrize("text", [
    "综合布线执行GB/T 50311-2016，机房执行GB/T 2887-2011。",
    "供应商通过ISO 9001认证的情况仅作了解，不作为评审因素。",
    "室外摄像机防护等级IP68，视频编码支持H.265。",
    "水平布线采用Cat6非屏蔽双绞线，RJ45接口。",
    "内存DDR5-4800，支持PCIe 4.0，USB3.0接口不少于4个，支持Wi-Fi 6。",
    "钢材采用Q355B，钢筋采用HRB400E。",
    "今日立即生效，上海康复医院预算金额较大金额部分分期支付。",
])
def test_standard_numbers_and_look_alikes_are_not_brands(text):
    assert not [f for f in findings(text, "gp") if f.category.startswith("BOTH-BRAND")], text


def test_equivalence_lowers_severity_but_does_not_silence():
    plain = "台式计算机CPU采用AMD R7-5800H处理器。"
    equiv = "台式计算机CPU性能高于AMD R7-5800H处理器，或同档次。"
    assert [(f.rule_id, f.severity) for f in findings(plain, "gp")] == [("BOTH-BRAND-001", "error")]
    assert [(f.rule_id, f.severity) for f in findings(equiv, "gp")] == [("BOTH-BRAND-002", "warning")]
    assert [(f.rule_id, f.severity) for f in findings(equiv, "cb")] == [("BOTH-BRAND-002", "info")]


def test_manufacturer_authorisation_depends_on_regime():
    text = "投标人须提供所投产品制造商出具的针对本项目的授权书。"
    assert [f.rule_id for f in findings(text, "gp")] == ["GP-AUTH-001"]
    assert findings(text, "cb") == ()


def _dev_rows():
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_set_shape():
    rows = _dev_rows()
    labels = Counter(r["label"] for r in rows)
    assert len(rows) >= 60 and labels[0] >= labels[1] > 0
    known = {r.category for r in load_ruleset().rules}
    for r in rows:
        assert set(r) == {"text", "label", "category", "regime", "source"}
        assert r["regime"] in ("gp", "cb") and r["category"] in known, r


def test_dev_set_accuracy():
    """Per category: a violation must get a finding of its category, a hard negative none."""
    tp = fp = fn = 0
    per_cat: dict[str, list[int]] = {}
    for r in _dev_rows():
        doc = example_document(Example("flag", r["text"]))
        cats = {f.category for f in match_document(doc, segment_blocks(doc.blocks), RULESET, r["regime"], MATCHER)}
        hit = r["category"] in cats
        c = per_cat.setdefault(r["category"], [0, 0])
        if r["label"] == 1:
            tp += hit
            fn += not hit
            c[0] += hit
            c[1] += 1
        else:
            fp += hit
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)
    for cat, (hits, total) in per_cat.items():
        if total:
            assert hits / total >= 0.75, cat


CORPUS = ROOT.parent / "shared" / "corpus" / "real"
MODEL_TEXTS = {  # official model texts: a reviewer expects no violation here
    "gp_beijing_open_tender_template.pdf": "gp",
    "cb_ndrc_standard_design_tender_template.pdf": "cb",
    "cb_water_supervision_standard_text.pdf": "cb",
}


@pytest.mark.parametrize("name,regime", sorted(MODEL_TEXTS.items()))
def test_official_model_texts_have_no_errors(name, regime):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("real corpus not available")
    from checker.pipeline import check_file

    report = check_file(path, RULESET, regime, matcher=MATCHER)
    assert report.status == "ok"
    assert [(f.rule_id, f.sentence) for f in report.findings if f.severity == "error"] == []
