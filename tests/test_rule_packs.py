"""Every example of every bundled rule, through the real normalize → segment → match path.

Test ids look like ``GP-SCALE-001-flag-0`` so a failure names the rule and the example.
"""

import re

import pytest

from checker.match import Matcher
from checker.rulecheck import MIN_EXAMPLES, examples_of, run_example
from checker.rules import load_ruleset

RULESET = load_ruleset()
CASES = [
    pytest.param(rule, ex, id=f"{rule.id}-{ex.kind}-{i}")
    for rule in RULESET.rules
    for kind in ("flag", "pass", "todo")
    for i, ex in enumerate(e for e in examples_of(rule) if e.kind == kind)
]
ARTICLE = re.compile(r"第[^条]{1,10}条|[（(][一二三四五六七八九十\d]{1,3}[)）]|D\d{2}|[一二三四五六七八九十]{1,3}[、：:]")
_MATCHERS: dict[str, Matcher] = {}


def test_bundled_rules_load_without_problems():
    assert [str(p) for p in RULESET.problems] == []


def test_bundled_packs_have_rules_for_both_regimes():
    assert sum(r.applies_to("gp") for r in RULESET.rules) >= 30
    assert sum(r.applies_to("cb") for r in RULESET.rules) >= 20


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_has_enough_examples_and_basis(rule):
    exs = examples_of(rule)
    assert sum(e.kind == "flag" for e in exs) >= MIN_EXAMPLES
    assert sum(e.kind == "pass" for e in exs) >= MIN_EXAMPLES
    # article-level: 第…条, or a numbered item of a notice/list: （三） 三、 D12
    assert all(ARTICLE.search(b) for b in rule.legal_basis), "legal basis must cite an article or item"


@pytest.mark.parametrize("rule,ex", CASES)
def test_example(rule, ex):
    single = RULESET.only([rule.id])
    matcher = _MATCHERS.setdefault(rule.id, Matcher(single))
    fired = run_example(rule, ex, single, matcher)
    if ex.kind == "todo":
        if fired == (ex.expect == "flag"):
            pytest.fail(f"todo example now works; move it to {ex.expect}: {ex.text}")
        pytest.xfail(f"known limitation: {ex.text}")
    assert fired == (ex.kind == "flag"), ex.text
