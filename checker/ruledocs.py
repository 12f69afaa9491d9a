"""Rule documentation generated from the YAML (ruff's what / why / example / fix, in Chinese).

``checker rules docs`` writes ``docs/rules.md``; ``checker explain ID`` prints one rule; the review
page shows the same text. CI checks that the committed ``docs/rules.md`` is up to date.
"""

from __future__ import annotations

from collections import defaultdict

from .model import REGIME_ZH, SEVERITY_ZH, Rule
from .rulecheck import examples_of
from .rules import RuleSet

SCOPE_ZH = {"both": "政府采购、工程建设招标投标两类项目", "gp": "政府采购项目", "cb": "工程建设招标投标项目"}


def severity_text(rule: Rule) -> str:
    regimes = ("gp", "cb") if rule.regime == "both" else (rule.regime,)
    return "；".join(f"{REGIME_ZH[r]}：{SEVERITY_ZH[rule.severity_for(r)]}（{rule.severity_for(r)}）" for r in regimes)


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    """One rule's documentation as Markdown."""
    exs = examples_of(rule)
    sub = heading + "#"
    out = [f"{heading} {rule.id} {rule.title}", "",
           f"{sub} 审查要点", "", rule.title + ("（文档级数值检查）" if rule.check else ""), "",
           f"{sub} 为什么违规", "", rule.explanation, "",
           f"{sub} 违规示例", ""]
    out += [f"- ✗ {e.text.replace(chr(10), ' / ')}" for e in exs if e.kind == "flag"]
    out += ["", f"{sub} 合规写法", "", rule.suggestion, ""]
    out += [f"- ✓ {e.text.replace(chr(10), ' / ')}" for e in exs if e.kind == "pass"]
    out += ["", f"{sub} 法律依据（原文）", ""] + [f"- {b}" for b in rule.legal_basis]
    scope = [f"- 适用项目：{SCOPE_ZH[rule.regime]}", f"- 严重程度：{severity_text(rule)}",
             f"- 可信度：{rule.confidence}", f"- 类别：{rule.category}"]
    if rule.sections:
        scope.append(f"- 适用章节：{'、'.join(rule.sections)}")
    if rule.not_sections:
        scope.append(f"- 不检查的章节：{'、'.join(rule.not_sections)}")
    out += ["", f"{sub} 适用范围", "", *scope, "", f"{sub} 已知局限", "", rule.known_problems]
    todo = [e for e in exs if e.kind == "todo"]
    if todo:
        out += [""] + [f"- 尚未处理（应{'命中' if e.expect == 'flag' else '不命中'}）：{e.text}" for e in todo]
    out += ["", f"规则文件：`{rule.source}`", ""]
    return "\n".join(out)


def render(ruleset: RuleSet) -> str:
    """The whole rule book, grouped by category, with an index."""
    by_cat: dict[str, list[Rule]] = defaultdict(list)
    for r in ruleset.rules:
        by_cat[r.category].append(r)
    out = ["# 规则说明（自动生成，请勿手工修改）", "",
           f"由 `checker rules docs` 从 `rules/` 下的 YAML 生成；规则库版本 {ruleset.version}，共 {len(ruleset.rules)} 条规则。", "",
           "| 编号 | 规则 | 适用 | 严重程度 |", "|---|---|---|---|"]
    for r in sorted(ruleset.rules, key=lambda r: r.id):
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.title} | {SCOPE_ZH[r.regime][:-2]} | {severity_text(r)} |")
    out.append("")
    for cat in sorted(by_cat):
        for r in sorted(by_cat[cat], key=lambda r: r.id):
            out.append(rule_markdown(r))
    return "\n".join(out).rstrip() + "\n"
