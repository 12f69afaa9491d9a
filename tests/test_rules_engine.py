"""Rule loading, safe matching and the rule linter: each defect is caught in one sentence."""

import textwrap
import time

import pytest
import re2

from checker.match import Matcher
from checker.model import Block, Location
from checker.rulecheck import lint, run_rule_tests
from checker.rules import RE2_OPTIONS, load_ruleset, regex_problem
from checker.segment import segment_blocks

GOOD = """
- id: GP-TEST-001
  title: 要求在本地设立分支机构
  category: BOTH-LOC-BRANCH
  regime: gp
  severity: error
  confidence: high
  patterns:
    - '(须|必须|应)在[^。;,]{0,8}(设立|设有)[^。;,]{0,6}(分公司|分支机构|办事处)'
  exceptions:
    - {after: '[^。;]{0,6}或承诺'}
  legal_basis: ['《关于促进政府采购公平竞争优化营商环境的通知》（财库〔2019〕38号）第三条：要求供应商设立分支机构。']
  explanation: 要求供应商在本地设立分支机构，排斥外地供应商。
  suggestion: 改为对服务响应时间的要求。
  known_problems: 暂无
  examples:
    flag: [投标人须在本市设有分公司。, 供应商必须在项目所在地设立办事处。]
    pass: [投标人须在本市设有分公司或承诺中标后提供驻场服务。, 投标人应具有良好的商业信誉。]
"""


def write(tmp_path, text, name="r.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def messages(tmp_path, text):
    return [str(p) for p in lint(load_ruleset([write(tmp_path, text)]))]


def test_good_rule_is_clean(tmp_path):
    assert messages(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    "mutate,expect",
    [
        (lambda t: t + t, "规则编号重复"),
        (lambda t: t.replace("  legal_basis: ['《关于促进政府采购公平竞争优化营商环境的通知》（财库〔2019〕38号）第三条：要求供应商设立分支机构。']\n", ""), "缺少必填字段 legal_basis"),
        (lambda t: t.replace("(分公司|分支机构|办事处)'", "(分公司|分支机构|办事处'"), "正则表达式无法编译"),
        (lambda t: t.replace("'(须|必须|应)在", "'((须|必须)+)+在"), "不安全"),
        (lambda t: t.replace("'(须|必须|应)在", "'\\b(须|必须|应)在"), "\\b"),
        (lambda t: t.replace("    - '(须|必须|应)在", "    - '驻场.{0,3}人员'\n    - '(须|必须|应)在"), "没有任何 flag 例句用到这个模式"),
        (lambda t: t.replace("    - {after: '[^。;]{0,6}或承诺'}", "    - {after: '[^。;]{0,6}或承诺'}\n    - '外地企业'"), "没有任何 pass 例句用到这个例外"),
        (lambda t: t.replace("供应商必须在项目所在地设立办事处。", "供应商应在项目所在地提供服务。"), "未命中应当命中的例句"),
        (lambda t: t.replace("投标人应具有良好的商业信誉。", "投标人应在本市设立分公司。"), "误报了不应命中的例句"),
    ],
    ids=["duplicate-id", "missing-legal-basis", "broken-regex", "unsafe-regex", "word-boundary",
         "unused-pattern", "unused-exception", "flag-not-flagged", "pass-flagged"],
)
def test_lint_catches_each_defect_in_one_sentence(tmp_path, mutate, expect):
    msgs = messages(tmp_path, mutate(GOOD))
    hits = [m for m in msgs if expect in m]
    assert hits, msgs
    assert all("\n" not in m and "r.yaml" in m for m in hits)
    assert any("GP-TEST-001" in m for m in hits)


def test_broken_rule_does_not_hide_the_others(tmp_path):
    broken = GOOD.replace("GP-TEST-001", "GP-TEST-002").replace("(分公司|分支机构|办事处)'", "(分公司'")
    rs = load_ruleset([write(tmp_path, GOOD + broken)])
    assert [r.id for r in rs.rules] == ["GP-TEST-001"]
    assert any("GP-TEST-002" in str(p) and "patterns[0]" in str(p) for p in rs.problems)
    results = run_rule_tests(rs)
    assert results[0].ok and results[0].tp == 2 and results[0].tn == 2


def test_yaml_syntax_error_names_the_file(tmp_path):
    rs = load_ruleset([write(tmp_path, "- id: [unclosed\n", "bad.yaml"), write(tmp_path, GOOD)])
    assert [r.id for r in rs.rules] == ["GP-TEST-001"]
    assert any("bad.yaml" in str(p) and "YAML" in str(p) for p in rs.problems)


def test_pathological_pattern_cannot_hang_the_matcher():
    assert regex_problem("(a+)+$") is not None  # refused by lint
    rx = re2.compile("(a+)+$", options=RE2_OPTIONS)  # and even if it ran: RE2 is linear-time
    text = "a" * 200_000 + "b"
    t0 = time.perf_counter()
    assert rx.search(text) is None
    assert time.perf_counter() - t0 < 2.0  # a backtracking engine would never finish


def test_one_finding_per_rule_per_sentence_and_cooccurrence(tmp_path):
    rule = GOOD.replace("    - '(须|必须|应)在", "    - all: ['分公司', '得\\d+分']\n    - '(须|必须|应)在").replace(
        "flag: [投标人须在本市设有分公司。", "flag: [在本市有分公司的得2分。, 投标人须在本市设有分公司。")
    rs = load_ruleset([write(tmp_path, rule)])
    assert not rs.problems, rs.problems
    m = Matcher(rs)
    sents = segment_blocks([Block(text="投标人须在本市设有分公司，须在本省设有办事处。", location=Location())])
    assert len(m.match_sentence(sents[0])) == 1
    only_one = segment_blocks([Block(text="本市有分公司。", location=Location())])
    assert m.match_sentence(only_one[0]) == []  # co-occurrence: 分公司 without 得N分 is not enough


def test_lexicon_expansion(tmp_path):
    lex = tmp_path / "lexicons"
    lex.mkdir()
    (lex / "places.yaml").write_text("places: [本市, 本省, 本县]\n", encoding="utf-8")
    rule = GOOD.replace("'(须|必须|应)在[^。;,]{0,8}", "'(须|必须|应)在{{places}}[^。;,]{0,4}")
    rs = load_ruleset([write(tmp_path, rule)])
    assert not rs.problems, rs.problems
    assert "本县" in rs.rules[0].patterns[0][0]
    bad = load_ruleset([write(tmp_path, rule.replace("{{places}}", "{{nowhere}}"), "x.yaml")])
    assert any("nowhere" in str(p) for p in bad.problems)


def test_bundled_schema_is_published():
    import json
    from pathlib import Path

    schema = json.loads(Path("rules/schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["rule"]["required"][:2] == ["id", "title"]
