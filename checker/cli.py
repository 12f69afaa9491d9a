"""Command line: ``checker scan|rules|explain`` (also ``python -m checker``).

Exit codes (DESIGN §4): 0 = no finding at/above ``--fail-on``; 1 = findings at/above it;
2 = usage error or an unreadable input (the other inputs are still checked and reported).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from .model import Report, Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def _load_rules(paths: Sequence[str] | None, strict: bool = True):
    from .rules import load_ruleset

    ruleset = load_ruleset(paths or None)
    if ruleset.problems and strict:
        for p in ruleset.problems:
            _err(f"规则问题：{p}")
    return ruleset


def exit_code(report: Report, fail_on: str) -> int:
    """2 if any input was unreadable, else 1 if an active (non-waived) finding reaches ``fail_on``."""
    from .waivers import fails

    if any(d.status != "ok" for d in report.documents):
        return EXIT_ERROR
    return EXIT_FINDINGS if fails(report, fail_on) else EXIT_OK


def cmd_scan(args: argparse.Namespace) -> int:
    from .pipeline import scan
    from .reports import WRITERS

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        _err(f"不支持的输出格式：{', '.join(unknown)}（可用：{', '.join(sorted(WRITERS))}）")
        return EXIT_ERROR
    if len(formats) > 1 and not args.output_dir:
        _err("输出多种格式时请用 --output-dir 指定输出目录")
        return EXIT_ERROR
    ruleset = select_rules(_load_rules(args.rules), args.select, args.ignore)
    if not ruleset.rules:
        _err("没有可用的规则，无法检查。")
        return EXIT_ERROR
    created = args.now or datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    report = scan(args.paths, ruleset, args.regime, created=created)
    if args.min_confidence:
        report = _filter_confidence(report, args.min_confidence)
    if args.waivers:
        report = _apply_waivers(report, args.waivers)
        if report is None:
            return EXIT_ERROR
    if args.baseline:
        report = _baseline(report, args.baseline)
        if report is None:
            return EXIT_ERROR
    for doc in report.documents:
        if doc.status != "ok":
            _err(f"无法检查 {doc.path}：{doc.error}")
    from .reports import EXTENSIONS

    for fmt in formats:
        data = WRITERS[fmt](report)
        if args.output_dir:
            out_dir = Path(args.output_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / f"report{EXTENSIONS.get(fmt, '.' + fmt)}"
            target.write_bytes(data)
            _err(f"已写入 {target}")
        elif args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    if args.output_dir and ("docx" in args.annotate or "pdf" in args.annotate):
        _write_annotated(report, args)
    return exit_code(report, args.fail_on)


def select_rules(ruleset, select: Sequence[str] | None, ignore: Sequence[str] | None):
    """ruff-style rule selection by id prefix: ``--select GP-SCORE BOTH-LOC-001 --ignore GP-SCORE-012``."""
    def hit(rule_id: str, prefixes: Sequence[str]) -> bool:
        return any(rule_id.startswith(p.strip().upper()) for p in prefixes if p.strip())

    keep = [r.id for r in ruleset.rules
            if (not select or hit(r.id, select)) and not (ignore and hit(r.id, ignore))]
    return ruleset if len(keep) == len(ruleset.rules) else ruleset.only(keep)


def _filter_confidence(report: Report, minimum: str) -> Report:
    import dataclasses

    order = {"low": 1, "medium": 2, "high": 3}
    docs = tuple(dataclasses.replace(d, findings=tuple(f for f in d.findings if order[f.confidence] >= order[minimum]))
                 for d in report.documents)
    return dataclasses.replace(report, documents=docs)


def _apply_waivers(report: Report, path: str) -> Report | None:
    """Mark waived findings (kept in reports as 已豁免); unused/expired waivers are reported."""
    from . import waivers

    try:
        entries = waivers.load_waivers(Path(path).read_bytes())
    except Exception as exc:  # noqa: BLE001 - user file: report, don't crash
        _err(f"无法读取豁免文件 {path}：{exc}")
        return None
    report, unused, expired = waivers.apply_waivers(report, entries)
    notes = waivers.waiver_notes(unused, expired)
    for note in notes:
        _err(note)
    return waivers.with_notes(report, notes)


def _baseline(report: Report, path: str) -> Report | None:
    """Compare with an earlier JSON report: print and record new/resolved findings."""
    from . import waivers

    try:
        diff = waivers.compare_baseline(report, Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        _err(f"无法读取基线报告 {path}：{exc}")
        return None
    notes = waivers.baseline_notes(diff)
    for note in notes:
        _err(note)
    return waivers.with_notes(report, notes[:1])


def _write_annotated(report: Report, args: argparse.Namespace) -> None:
    from .reports.annotate import annotate_file, annotated_name

    for doc in report.documents:
        if doc.status != "ok":
            continue
        try:
            out = annotate_file(doc, Path(doc.path).read_bytes(), report.created)
        except Exception as exc:  # noqa: BLE001 - one document's annotation must not lose the others
            _err(f"无法生成 {doc.path} 的批注文件：{exc}")
            continue
        if out is None:
            continue
        suffix, data = out
        target = Path(args.output_dir) / annotated_name(doc.path, suffix)
        target.write_bytes(data)
        _err(f"已写入 {target}")


def cmd_rules_lint(args: argparse.Namespace) -> int:
    from .rulecheck import lint

    ruleset = _load_rules(args.paths, strict=False)
    problems = lint(ruleset)
    if args.format == "json":
        _out(json.dumps([{"file": p.file, "rule_id": p.rule_id, "field": p.field, "message": p.message}
                         for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            _out(str(p))
        _out(f"检查了 {len(ruleset.files)} 个规则文件、{len(ruleset.rules)} 条规则：" +
             (f"发现 {len(problems)} 个问题。" if problems else "没有发现问题。"))
    return EXIT_FINDINGS if problems else EXIT_OK


def cmd_rules_test(args: argparse.Namespace) -> int:
    from .rulecheck import run_rule_tests, summarize

    ruleset = _load_rules(args.paths, strict=False)
    results = run_rule_tests(ruleset)
    total = summarize(results)
    if args.format == "json":
        _out(json.dumps({"summary": total, "load_problems": [str(p) for p in ruleset.problems],
                         "rules": [{"id": r.rule_id, "file": r.file, "tp": r.tp, "fp": r.fp, "fn": r.fn, "tn": r.tn,
                                    "xfail": r.xfail, "xpass": r.xpass, "failures": r.failures} for r in results]},
                        ensure_ascii=False, indent=2))
    else:
        for p in ruleset.problems:
            _out(f"无法加载：{p}")
        for r in results:
            for msg in r.failures:
                _out(msg)
        _out(f"{total['rules']} 条规则：TP {total['tp']}，FP {total['fp']}，FN {total['fn']}，TN {total['tn']}，"
             f"预期失败 {total['xfail']}，意外通过 {total['xpass']}；失败规则 {total['failed_rules']} 条。")
        _out(f"{total['tp'] + total['tn'] + total['xfail']} passed, {total['fp'] + total['fn'] + total['xpass']} failed")
    failed = total["failed_rules"] or ruleset.problems
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_rules_list(args: argparse.Namespace) -> int:
    ruleset = _load_rules(args.paths)
    rows = [r for r in ruleset.rules if args.regime in (None, "auto") or r.applies_to(args.regime)]
    if args.format == "json":
        _out(json.dumps([{"id": r.id, "title": r.title, "category": r.category, "regime": r.regime,
                          "severity": r.severity, "confidence": r.confidence, "file": r.source} for r in rows],
                        ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        sev = "/".join(f"{k}:{v}" for k, v in r.severity.items()) if len(set(r.severity.values())) > 1 else next(iter(r.severity.values()))
        _out(f"{r.id:<18} {r.regime:<4} {sev:<18} {r.title}")
    _out(f"共 {len(rows)} 条规则（政府采购 {sum(r.applies_to('gp') for r in rows)} 条适用，"
         f"工程建设 {sum(r.applies_to('cb') for r in rows)} 条适用）。")
    return EXIT_OK


def explain_text(rule: Rule) -> str:
    """Ruff-style rule documentation, in Chinese (the same text as docs/rules.md)."""
    from .ruledocs import rule_markdown

    return rule_markdown(rule, heading="#")


def cmd_rules_docs(args: argparse.Namespace) -> int:
    """Write docs/rules.md and the coverage table of rules/README.md (``--check``: verify only)."""
    from .ruledocs import render, with_coverage
    from .rules import RULES_DIR

    ruleset = _load_rules(args.paths)
    readme = RULES_DIR / "README.md"
    outputs = {Path(args.output): render(ruleset)}
    if not args.paths:  # the coverage table describes the bundled packs only
        outputs[readme] = with_coverage(readme.read_text(encoding="utf-8"), ruleset)
    stale = [t for t, text in outputs.items() if not t.exists() or t.read_text(encoding="utf-8") != text]
    if args.check:
        for t in stale:
            _err(f"{t} 不是最新的：请运行 `checker rules docs`（或 make rules-docs）并提交结果。")
        if not stale:
            _out("规则文档是最新的。")
        return EXIT_FINDINGS if stale else EXIT_OK
    for t in stale:
        t.parent.mkdir(parents=True, exist_ok=True)
        t.write_text(outputs[t], encoding="utf-8")
        _out(f"已写入 {t}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import format_text, read_items, run

    try:
        items = read_items(args.files)
    except (OSError, ValueError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    result = run(items, _load_rules(args.rules), args.min_severity)
    _out(json.dumps(result, ensure_ascii=False, indent=2) if args.format == "json" else format_text(result))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    ruleset = _load_rules(args.rules, strict=False)
    rule = ruleset.by_id(args.rule_id.upper())
    if rule is None:
        close = [r.id for r in ruleset.rules if args.rule_id.upper().split("-")[-1] in r.id][:5]
        _err(f"没有编号为 {args.rule_id} 的规则。" + (f"是否要找：{'、'.join(close)}？" if close else "用 `checker rules list` 查看全部规则。"))
        return EXIT_ERROR
    _out(explain_text(rule))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="checker", description="招标文件负面清单审查：标出排斥、限制潜在投标人的条款及其法律依据。")
    sub = parser.add_subparsers(dest="command", required=True)

    scan = sub.add_parser("scan", help="检查招标/采购文件（.docx .pdf .doc .wps .txt …）")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--regime", choices=["gp", "cb", "auto"], default="auto",
                      help="gp=政府采购，cb=工程建设招标投标，auto=自动判断（默认）")
    scan.add_argument("--rules", nargs="+", metavar="PATH", help="规则文件或目录（默认：内置 rules/）")
    scan.add_argument("--format", default="text", help="输出格式，逗号分隔：text json html xlsx csv sarif（默认 text）")
    scan.add_argument("--output", "-o", metavar="FILE", help="写入文件而不是标准输出")
    scan.add_argument("--output-dir", metavar="DIR", help="多种格式/批注文件的输出目录")
    scan.add_argument("--annotate", default="", help="同时生成批注文件：docx,pdf（需 --output-dir）")
    scan.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default="error",
                      help="达到该严重程度的问题使退出码为 1（默认 error）")
    scan.add_argument("--select", nargs="+", metavar="ID", help="只启用这些编号（或前缀，如 GP-SCORE）的规则")
    scan.add_argument("--ignore", nargs="+", metavar="ID", help="停用这些编号（或前缀）的规则")
    scan.add_argument("--min-confidence", choices=["low", "medium", "high"], help="只报告不低于该可信度的问题")
    scan.add_argument("--waivers", metavar="FILE", help="豁免文件 waivers.yaml")
    scan.add_argument("--baseline", metavar="FILE", help="上一次的 JSON 报告：显示新增/已解决的问题")
    scan.add_argument("--now", help=argparse.SUPPRESS)  # injected clock for reproducible output
    scan.set_defaults(func=cmd_scan)

    rules = sub.add_parser("rules", help="规则库：lint / test / list / docs")
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    for name, func, helptext in (("lint", cmd_rules_lint, "检查规则文件本身（格式、正则、例句覆盖）"),
                                 ("test", cmd_rules_test, "用每条规则的例句测试规则（TP/FP/FN）"),
                                 ("list", cmd_rules_list, "列出规则")):
        p = rsub.add_parser(name, help=helptext)
        p.add_argument("paths", nargs="*", metavar="PATH")
        p.add_argument("--format", choices=["text", "json"], default="text")
        if name == "list":
            p.add_argument("--regime", choices=["gp", "cb", "auto"])
        p.set_defaults(func=func)

    docs = rsub.add_parser("docs", help="由规则生成 docs/rules.md")
    docs.add_argument("paths", nargs="*", metavar="PATH")
    docs.add_argument("--output", default="docs/rules.md")
    docs.add_argument("--check", action="store_true", help="只检查文件是否最新（CI 用）")
    docs.set_defaults(func=cmd_rules_docs)

    ev = sub.add_parser("eval", help="在标注数据上测量准确率（precision/recall/F1）")
    ev.add_argument("files", nargs="+", metavar="LABELLED.jsonl")
    ev.add_argument("--rules", nargs="+", metavar="PATH")
    ev.add_argument("--min-severity", choices=["info", "warning", "error"], default="info",
                    help="计入“报出”的最低严重程度（默认 info：工具报出的一切都计入，包括需人工复核的提示）")
    ev.add_argument("--format", choices=["text", "json"], default="text")
    ev.set_defaults(func=cmd_eval)

    explain = sub.add_parser("explain", help="解释一条规则：查什么、为什么、示例、怎么改、法律依据")
    explain.add_argument("rule_id")
    explain.add_argument("--rules", nargs="+", metavar="PATH")
    explain.set_defaults(func=cmd_explain)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_OK
    if getattr(args, "annotate", "") and not getattr(args, "output_dir", None):
        _err("--annotate 需要同时指定 --output-dir")
        return EXIT_ERROR
    return args.func(args)
