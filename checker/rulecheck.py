"""Rule CI: ``checker rules lint`` and ``checker rules test``.

Every example goes through the real path (normalize → segment → match → document checks) as a
tiny document, so a rule is finished when its examples pass (LanguageTool ``<example>``,
semgrep ``ruleid:``/``ok:``). A broken rule is reported in one sentence naming file, id and field,
and never hides the results of the other rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import re2

from .match import Matcher, match_document
from .model import Block, Document, Location, Rule
from .normalize import normalize_text
from .rules import RE2_OPTIONS, Problem, RuleSet
from .segment import segment_blocks

MIN_EXAMPLES = 2


@dataclass(frozen=True)
class Example:
    kind: str  # flag | pass | todo
    text: str
    section: str | None = None
    regime: str | None = None
    expect: str = "flag"  # for todo: what SHOULD happen (currently does not)


def examples_of(rule: Rule) -> list[Example]:
    out: list[Example] = []
    for kind in ("flag", "pass", "todo"):
        for item in rule.examples.get(kind, []) or []:
            if isinstance(item, str):
                out.append(Example(kind, item, expect="pass" if kind == "pass" else "flag"))
            else:
                expect = item.get("expect", "pass" if kind == "pass" else "flag")
                out.append(Example(kind, item["text"], item.get("section"), item.get("regime"), expect))
    return out


def example_document(ex: Example) -> Document:
    """An example as a document: one paragraph per line, all under the example's section."""
    blocks = tuple(
        Block(text=line, location=Location(paragraph=i, section=(ex.section,) if ex.section else (),
                                           section_kind=ex.section))
        for i, line in enumerate(ex.text.split("\n"), start=1) if line.strip()
    )
    return Document(name="<example>", blocks=blocks, meta={"format": "example"})


def example_regime(rule: Rule, ex: Example) -> str:
    return ex.regime or (rule.regime if rule.regime in ("gp", "cb") else "gp")


def run_example(rule: Rule, ex: Example, ruleset: RuleSet, matcher: Matcher | None = None) -> bool:
    """Whether the rule fires on the example (through the real pipeline, that rule alone)."""
    doc = example_document(ex)
    single = ruleset.only([rule.id])
    sentences = segment_blocks(doc.blocks)
    findings = match_document(doc, sentences, single, example_regime(rule, ex), matcher or Matcher(single))
    return any(f.rule_id == rule.id for f in findings)


@dataclass
class RuleResult:
    rule_id: str
    file: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    xfail: int = 0
    xpass: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def run_rule_tests(ruleset: RuleSet) -> list[RuleResult]:
    """Run every example of every rule; ``todo`` examples are strict expected failures."""
    results: list[RuleResult] = []
    for rule in ruleset.rules:
        res = RuleResult(rule.id, rule.source)
        single = ruleset.only([rule.id])
        matcher = Matcher(single)
        for ex in examples_of(rule):
            fired = run_example(rule, ex, single, matcher)
            if ex.kind == "flag":
                if fired:
                    res.tp += 1
                else:
                    res.fn += 1
                    res.failures.append(f"{rule.source}: {rule.id} 的 examples.flag：未命中应当命中的例句「{ex.text}」")
            elif ex.kind == "pass":
                if fired:
                    res.fp += 1
                    res.failures.append(f"{rule.source}: {rule.id} 的 examples.pass：误报了不应命中的例句「{ex.text}」")
                else:
                    res.tn += 1
            else:
                works = fired == (ex.expect == "flag")
                if works:
                    res.xpass += 1
                    res.failures.append(f"{rule.source}: {rule.id} 的 examples.todo：例句「{ex.text}」已能正确处理，请移到 {ex.expect}")
                else:
                    res.xfail += 1
        results.append(res)
    return results


def _matches(regex: str, text: str) -> bool:
    return re2.compile(regex, options=RE2_OPTIONS).search(text) is not None


def lint(ruleset: RuleSet) -> list[Problem]:
    """Loading problems plus: every pattern exercised by a flag example, every exception by a
    pass example, enough examples, and every example behaving as labelled."""
    problems = list(ruleset.problems)
    for rule in ruleset.rules:
        exs = examples_of(rule)
        flags = [normalize_text(e.text) for e in exs if e.kind == "flag"]
        passes = [normalize_text(e.text) for e in exs if e.kind == "pass"]
        for kind, have in (("flag", flags), ("pass", passes)):
            if len(have) < MIN_EXAMPLES:
                problems.append(Problem(rule.source, rule.id, f"examples.{kind}",
                                        f"至少需要 {MIN_EXAMPLES} 个{'违规' if kind == 'flag' else '合规'}例句（现有 {len(have)} 个）"))
        for i, pat in enumerate(rule.patterns):
            if not any(all(_matches(r, t) for r in pat) for t in flags):
                problems.append(Problem(rule.source, rule.id, f"patterns[{i}]", "没有任何 flag 例句用到这个模式"))
        for i, (_kind, regex) in enumerate(rule.exceptions):
            if not any(_matches(regex, t) for t in passes):
                problems.append(Problem(rule.source, rule.id, f"exceptions[{i}]", "没有任何 pass 例句用到这个例外"))
    for res in run_rule_tests(ruleset):
        for msg in res.failures:
            file, _, rest = msg.partition(": ")
            rid, _, tail = rest.partition(" 的 ")
            fld, _, text = tail.partition("：")
            problems.append(Problem(file, rid, fld, text))
    return problems


def summarize(results: Iterable[RuleResult]) -> dict:
    rs = list(results)
    tot = {k: sum(getattr(r, k) for r in rs) for k in ("tp", "fp", "fn", "tn", "xfail", "xpass")}
    tot["rules"] = len(rs)
    tot["failed_rules"] = sum(1 for r in rs if not r.ok)
    return tot
