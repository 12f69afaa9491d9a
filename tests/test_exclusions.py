"""The shared general exclusions (REFERENCE §1 (a)–(d)): handled once, for every rule."""

import pytest

from checker.pipeline import check_text
from checker.rules import load_ruleset

RULESET = load_ruleset()
EXAMPLES = [
    pytest.param(item["id"], kind, text, id=f"{item['id']}-{kind}-{i}")
    for item in RULESET.raw_exclusions
    for kind in ("pass", "flag")
    for i, text in enumerate(item.get("examples", {}).get(kind, []))
]


@pytest.mark.parametrize("excl_id,kind,text", EXAMPLES)
@pytest.mark.parametrize("regime", ["gp", "cb"])
def test_exclusion_examples(excl_id, kind, text, regime):
    report = check_text(text, RULESET, regime)
    errors_and_warnings = [f for f in report.findings if f.severity in ("error", "warning")]
    if kind == "pass":
        assert errors_and_warnings == [], [(f.rule_id, f.match_text) for f in errors_and_warnings]
    elif regime == "gp":  # look-alikes must still be caught (at least in 政府采购)
        assert errors_and_warnings, text


def test_every_exclusion_has_examples():
    for item in RULESET.raw_exclusions:
        assert item.get("examples", {}).get("pass"), item["id"]
        assert item.get("examples", {}).get("flag"), item["id"]
