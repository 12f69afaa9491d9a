"""Location / scale / ownership / industry rule packs, measured on text they were not written from.

The development set ``tests/data/dev_location_scale.jsonl`` holds REFERENCE.md §3 clauses, sentences
from the real tender corpus and constructed sentences, each labelled; hard negatives (lawful uses
of the same sensitive words) are at least as many as violations. The rules' own examples must not
be reused verbatim, otherwise the measurement would only repeat ``checker rules test``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.evaluate import read_items, run
from checker.pipeline import check_file
from checker.rulecheck import examples_of
from checker.rules import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev_location_scale.jsonl"
RULE_FILES = [ROOT / "rules" / p for p in (
    "common/location.yaml", "common/scale.yaml", "common/ownership.yaml", "common/industry.yaml", "gp/scale.yaml",
)]
CATEGORIES = {
    "BOTH-LOC-SEAT", "BOTH-LOC-BRANCH", "BOTH-LOC-SCORE", "GP-LOC-DISTANCE", "BOTH-LOC-TAXSOC", "BOTH-LOC-PERF",
    "BOTH-LOC-AWARD", "BOTH-LOC-PREFER", "BOTH-LOC-JV", "BOTH-IND-PERF", "BOTH-IND-ASSOC", "GP-IND-SCOPE",
    "BOTH-SCALE-CAPITAL", "BOTH-SCALE-FIN", "BOTH-SCALE-STAFF", "BOTH-SCALE-AGE", "BOTH-SCALE-PERFAMT",
    "BOTH-SCALE-PERFCNT", "BOTH-SCALE-CREDIT", "GP-SCALE-PREMISES", "GP-SME-PROOF", "BOTH-OWN-OWNERSHIP",
    "BOTH-ORG-FORM", "GP-OWN-EQUITY",
}
REAL = ROOT.parent / "shared" / "corpus" / "real"
MODEL_TEXTS = ("gp_beijing_open_tender_template.pdf", "cb_ndrc_standard_design_tender_template.pdf",
               "cb_water_supervision_standard_text.pdf")


@pytest.fixture(scope="module")
def ruleset():
    rs = load_ruleset(RULE_FILES)
    assert not rs.problems, [str(p) for p in rs.problems]
    return rs


def test_dev_set_is_well_formed():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60
    negatives = sum(1 for r in rows if r["label"] == 0)
    assert negatives >= len(rows) - negatives, "hard negatives must be at least as many as violations"
    for r in rows:
        assert set(r) == {"text", "label", "category", "regime", "source"}, r
        assert r["label"] in (0, 1) and r["regime"] in ("gp", "cb") and r["source"], r
        assert r["category"] in CATEGORIES, r["category"]
    assert len({r["text"] for r in rows}) == len(rows), "duplicate sentences"


def test_dev_set_does_not_reuse_rule_examples(ruleset):
    example_texts = {ex.text.strip() for rule in ruleset.rules for ex in examples_of(rule)}
    reused = [it.text for it in read_items([DEV]) if it.text.strip() in example_texts]
    assert not reused


def test_accuracy_on_dev_set(ruleset):
    result = run(read_items([DEV]), ruleset)
    assert result["precision"] >= 0.9, result["false_alarms"]
    assert result["recall"] >= 0.9, result["misses"]
    low = {c: v["recall"] for c, v in result["categories"].items() if v.get("pos") and v["recall"] < 0.75}
    assert not low, low


@pytest.mark.parametrize("name", MODEL_TEXTS)
def test_official_model_texts_give_no_error(name, ruleset):
    path = REAL / name
    if not path.exists():
        pytest.skip("real corpus not available")
    report = check_file(path, ruleset)
    assert report.status == "ok", report.error
    errors = [(f.rule_id, f.sentence) for f in report.findings if f.severity == "error"]
    assert not errors
