"""Every REFERENCE §1 category and §2 check maps to rules or to a stated reason; docs are current."""

from checker.cli import main
from checker.ruledocs import coverage_rows, load_categories
from checker.rules import load_ruleset

RULESET = load_ruleset()


def test_every_category_has_rules_or_a_reason():
    cats, checks = coverage_rows(RULESET)
    assert len(cats) == 65
    for cid, _practice, ids, reason in cats:
        assert ids or reason.strip(), f"{cid}: no rule and no reason"
    for name, ids, reason in checks:
        assert ids or reason.strip(), f"§2 {name}: no rule and no reason"


def test_coverage_map_names_only_real_rules_and_categories():
    known = {r.id for r in RULESET.rules}
    data = load_categories()
    for c in data["checks"]:
        assert set(c.get("rules", [])) <= known, c
    names = {c["id"] for c in data["categories"]} | {c["check"] for c in data["checks"]}
    assert {r.category for r in RULESET.rules} <= names


def test_generated_docs_are_up_to_date(capsys):
    assert main(["rules", "docs", "--check"]) == 0, capsys.readouterr().err
