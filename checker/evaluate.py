"""Measured accuracy: ``checker eval LABELLED.jsonl``.

Each line: ``{"text": ..., "label": 1|0, "category": "<REFERENCE §1 id>", "regime": "gp"|"cb",
"source": ...}``. A text counts as flagged when the whole rule set gives it at least one finding at
or above ``min_severity`` (default ``info``: everything the tool reports counts, including the
"needs review" prompts of categories text alone cannot decide — the strict view for precision). Recall is per labelled category; a false alarm is charged to the category of the
rule that fired, so each category's precision shows which rules cost reviewers' trust.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .match import Matcher
from .model import SEVERITY_RANK
from .pipeline import check_text
from .rules import RuleSet

# Document checks that fire on what a document does NOT say (no 所属行业, no set-aside statement,
# sample rules incomplete). On a one-sentence item every such absence is trivially "true", so they
# run only on multi-line items (small documents); whole documents measure them too.
ABSENCE_CHECKS = frozenset({"sme_setaside", "sme_industry_missing", "sample_elements"})


@dataclass
class Item:
    text: str
    label: int
    category: str
    regime: str
    source: str = ""
    fired: list[str] = field(default_factory=list)  # rule ids
    fired_categories: list[str] = field(default_factory=list)

    @property
    def predicted(self) -> bool:
        return bool(self.fired)


def read_items(paths: Iterable[str | Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                d = json.loads(line)
                items.append(Item(d["text"], int(d["label"]), d.get("category", ""), d.get("regime", "gp"),
                                  d.get("source", f"{Path(path).name}:{n}")))
            except (json.JSONDecodeError, KeyError, ValueError) as exc:
                raise ValueError(f"{path} 第{n}行格式错误：{exc}") from None
    return items


def run(items: list[Item], ruleset: RuleSet, min_severity: str = "info") -> dict:
    floor = SEVERITY_RANK[min_severity]
    sentence_rules = ruleset.only(r.id for r in ruleset.rules if r.check not in ABSENCE_CHECKS)
    matchers = {id(ruleset): Matcher(ruleset), id(sentence_rules): Matcher(sentence_rules)}
    for it in items:
        rs = ruleset if "\n" in it.text.strip() else sentence_rules
        report = check_text(it.text, rs, it.regime, matcher=matchers[id(rs)])
        hits = [f for f in report.findings if SEVERITY_RANK[f.severity] >= floor]
        it.fired = sorted({f.rule_id for f in hits})
        it.fired_categories = sorted({f.category for f in hits})
    tp = sum(1 for i in items if i.label and i.predicted)
    fp = sum(1 for i in items if not i.label and i.predicted)
    fn = sum(1 for i in items if i.label and not i.predicted)
    per: dict[str, Counter] = defaultdict(Counter)
    for it in items:
        if it.label:
            per[it.category]["pos"] += 1
            per[it.category]["tp"] += it.predicted
        else:
            per[it.category]["neg"] += 1
            for cat in it.fired_categories:
                per[cat]["fp"] += 1
    return {
        "items": len(items),
        "positives": sum(i.label for i in items),
        "negatives": sum(1 - i.label for i in items),
        "tp": tp, "fp": fp, "fn": fn,
        **_prf(tp, fp, fn),
        "categories": {c: {**dict(v), **_prf(v["tp"], v["fp"], v["pos"] - v["tp"])} for c, v in sorted(per.items())},
        "misses": [{"text": i.text, "category": i.category, "source": i.source} for i in items if i.label and not i.predicted],
        "false_alarms": [{"text": i.text, "rules": i.fired, "source": i.source} for i in items if not i.label and i.predicted],
    }


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}


def format_text(result: dict) -> str:
    lines = [f"{result['items']} 条（违规 {result['positives']}，合规 {result['negatives']}）："
             f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
             f"  (TP {result['tp']}, FP {result['fp']}, FN {result['fn']})", "",
             f"{'category':<24} {'pos':>4} {'neg':>4} {'TP':>4} {'FP':>4} {'precision':>9} {'recall':>7}"]
    for cat, v in result["categories"].items():
        lines.append(f"{cat:<24} {v.get('pos', 0):>4} {v.get('neg', 0):>4} {v.get('tp', 0):>4} {v.get('fp', 0):>4} "
                     f"{v['precision']:>9.3f} {v['recall']:>7.3f}")
    if result["misses"]:
        lines += ["", "漏报（misses）："] + [f"  [{m['category']}] {m['text']}  ({m['source']})" for m in result["misses"]]
    if result["false_alarms"]:
        lines += ["", "误报（false alarms）："] + [f"  {','.join(m['rules'])}: {m['text']}  ({m['source']})"
                                                  for m in result["false_alarms"]]
    return "\n".join(lines)
