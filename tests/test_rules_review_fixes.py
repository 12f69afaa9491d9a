"""Regression cases from the end-to-end review of the rule packs (misses, false alarms, duplicate
findings on one clause), run through the WHOLE bundled rule set, so that ``supersedes`` and the
interplay between rules are tested too (a rule's own examples run with that rule alone).

Each case: sentence, section, regime → the exact set of sentence-rule ids reported. Document-level
checks (``check:`` rules) are left out: they judge whole documents, not these one-line snippets."""

import pytest

from checker.match import Matcher, match_document
from checker.rulecheck import Example, example_document
from checker.rules import load_ruleset
from checker.segment import segment_blocks

RULESET = load_ruleset()
MATCHER = Matcher(RULESET)
SENTENCE_RULES = {r.id for r in RULESET.rules if r.patterns}

CASES = [
    # misses
    ("投标人须为本省注册的建筑施工企业。", "资格条件", "cb", {"BOTH-LOC-001"}),
    ("投标人须在本市注册或在本市设有分公司。", "资格条件", "gp", {"BOTH-LOC-001", "BOTH-LOC-002"}),
    ("投标人的法定代表人须持本人身份证原件到场参加开标会，未到场的，其投标文件不予受理。", "投标人须知", "cb",
     {"BOTH-PROC-004"}),
    ("须采用远东（FAR EAST）品牌产品。", "技术要求", "cb", {"BOTH-BRAND-001"}),
    # false alarms
    ("采购人不得要求投标人提供《中小企业声明函》之外的中小企业身份证明文件。", "投标人须知", "gp", set()),
    ("本章所列参考品牌仅用于说明材料的质量和档次，投标人可选用性能、质量不低于参考品牌的其他品牌产品。", "技术要求", "cb",
     set()),
    ("东方雨虹、科顺或相当于上述品牌档次的产品。", "技术要求", "cb", {"BOTH-BRAND-002"}),
    ("①无不良信用记录的得2分，被行政部门实施行政处罚但未限制其投标资格的，每有一个扣0.5分，2分扣完为止。", "评分标准", "gp",
     set()),
    ("投标人须为中国大陆地区注册的企业。", "资格条件", "gp", set()),
    # one clause, one finding
    ("综合评价：方案优的得10分，良的得7分，中的得4分，差的得0分。", "评分标准", "gp", {"GP-SCORE-001"}),
    ("服务方案好的得40分，较好的得30分，一般的得15分。", "评分标准", "gp", {"GP-SCORE-002"}),
    ("投标人近三年承建的工程获得本省优质工程奖的，每项得3分，最高得6分。", "评分标准", "cb", {"BOTH-LOC-007"}),
]


def _findings(text: str, section: str, regime: str):
    doc = example_document(Example("flag", text, section, regime))
    found = match_document(doc, segment_blocks(doc.blocks), RULESET, regime, MATCHER)
    return [f for f in found if f.rule_id in SENTENCE_RULES]


@pytest.mark.parametrize("text,section,regime,expected", CASES, ids=[c[0][:14] for c in CASES])
def test_reported_case(text, section, regime, expected):
    assert {f.rule_id for f in _findings(text, section, regime)} == expected


@pytest.mark.parametrize("text,section,regime,expected", [c for c in CASES if c[3]], ids=[c[0][:14] for c in CASES if c[3]])
def test_span_starts_at_a_word(text, section, regime, expected):
    for f in _findings(text, section, regime):
        assert f.match_text and f.match_text[0] not in ",;:，；：、。(（ ‘“", (f.rule_id, f.match_text)


def test_grade_span_skips_the_comma():
    (f,) = _findings("综合评价：方案优的得10分，良的得7分，中的得4分，差的得0分。", "评分标准", "gp")
    assert f.match_text.startswith("良")
