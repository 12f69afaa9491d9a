"""Reviewer decisions that last: waivers (``waivers.yaml``) and baselines.

A waiver silences ONE finding: it names the rule id AND the finding's content fingerprint
(rule id + normalized sentence, so it survives moved paragraphs and page changes, and dies
when the sentence is rewritten). There is no blanket form: an entry without both keys, or
with a wildcard, is a lint error. ``waivers.yaml``::

    - rule_id: GP-SCALE-001
      fingerprint: 3f2a9c0d1e4b5a67
      reviewer: 李明
      reason: 采购人已书面说明，经专家论证
      date: 2025-05-20
      expires: 2025-12-31          # optional; after this day the waiver no longer applies
      text: 投标人注册资本不低于…   # optional excerpt, for humans reading the file

A waived finding stays in every report, marked ``status="已豁免"`` with ``waiver`` = reason
(who, when); it no longer counts for the exit status (see :func:`active_findings`). Unused
and expired waivers are reported so the file does not rot.

Baselines: :func:`compare_baseline` keys findings by fingerprint (as a multiset) and tells
new / resolved / unchanged between a previous JSON report and the current one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from .model import SEVERITY_RANK, Finding, Report
from .reports.common import is_waived

WAIVED = "已豁免"
RULE_ID_RE = re.compile(r"^(GP|CB|BOTH)-[A-Z]+-\d{3}$")
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{8,64}$")
REQUIRED = ("rule_id", "fingerprint", "reviewer", "reason", "date")
OPTIONAL = ("expires", "text")
DECISION_STATUSES = ("忽略", "误报")  # reviewer decisions that become waivers when exported


@dataclass(frozen=True, slots=True)
class Waiver:
    """One reviewer decision about one finding (rule id + content fingerprint)."""

    rule_id: str
    fingerprint: str
    reviewer: str
    reason: str
    date: str  # ISO date the decision was taken
    expires: str | None = None  # ISO date; the waiver applies up to and including this day
    text: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule_id, self.fingerprint)

    def describe(self) -> str:
        """GP-SCALE-001 3f2a9c0d…（李明，2025-05-20：reason）"""
        return f"{self.rule_id} {self.fingerprint}（{self.reviewer}，{self.date}：{self.reason}）"

    def __str__(self) -> str:
        return self.describe()

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and _date(self.expires) < today


class WaiverFileError(ValueError):
    """The waivers file cannot be used; ``problems`` lists every broken entry (Chinese sentences)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("豁免文件有误：\n" + "\n".join(self.problems))


class WaiverOutcome(NamedTuple):
    """What :func:`apply_waivers` returns (unpacks as a 3-tuple)."""

    result: object  # a Report when given a Report, else a tuple of Findings
    unused: tuple[Waiver, ...]
    expired: tuple[Waiver, ...]


class BaselineDiff(NamedTuple):
    new: tuple[Finding, ...]  # in the current report, not in the baseline
    resolved: tuple[Finding, ...]  # in the baseline (as read back from its JSON), gone now
    unchanged: tuple[Finding, ...]  # current findings that were already in the baseline


class _TextLoader(yaml.SafeLoader):
    """Safe YAML where numbers and dates stay text: a fingerprint like 0123456789abcdef or
    1234567812345678 must not turn into an int, and dates are checked by the linter."""


_TextLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers
          if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def _as_text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return "" if value is None else str(value).strip()


# -- reading and linting ------------------------------------------------------------------------


def lint_entries(entries, source: str = "waivers.yaml", known_rule_ids: Iterable[str] | None = None) -> list[str]:
    """Every problem of the raw YAML entries, one Chinese sentence each (empty list = fine)."""
    if entries is None:
        return []
    if isinstance(entries, dict) and "waivers" in entries:
        entries = entries["waivers"]
    if not isinstance(entries, list):
        return [f"{source}：顶层应为豁免条目的列表（或含 waivers: 列表的映射）。"]
    known = set(known_rule_ids) if known_rule_ids is not None else None
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries, start=1):
        where = f"{source} 第{i}条"
        if not isinstance(entry, dict):
            problems.append(f"{where}：应为键值映射（rule_id、fingerprint、reviewer、reason、date）。")
            continue
        unknown = sorted(set(map(str, entry)) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            problems.append(f"{where}：未知字段 {'、'.join(unknown)}。")
        missing = [k for k in REQUIRED if not _as_text(entry.get(k))]
        if missing:
            problems.append(f"{where}：缺少必填字段 {'、'.join(missing)}（豁免必须指明规则和具体条文，不允许一揽子豁免）。")
        rule_id = _as_text(entry.get("rule_id"))
        fingerprint = _as_text(entry.get("fingerprint")).lower()
        if rule_id and ("*" in rule_id or "?" in rule_id):
            problems.append(f"{where}：rule_id 不能使用通配符（不允许一揽子豁免）。")
        elif rule_id and not RULE_ID_RE.match(rule_id):
            problems.append(f"{where}：rule_id “{rule_id}” 格式不对（应如 GP-SCALE-001）。")
        elif rule_id and known is not None and rule_id not in known:
            problems.append(f"{where}：规则 {rule_id} 不在当前规则库中（已退役或拼写错误）。")
        if fingerprint and not FINGERPRINT_RE.match(fingerprint):
            problems.append(f"{where}：fingerprint “{fingerprint}” 应为报告中给出的十六进制指纹（不允许通配）。")
        for key in ("date", "expires"):
            value = entry.get(key)
            if value in (None, ""):
                continue
            try:
                _date(value)
            except ValueError:
                problems.append(f"{where}：{key} “{value}” 不是有效日期（应为 YYYY-MM-DD）。")
        try:
            if entry.get("expires") and _date(entry["expires"]) < _date(entry.get("date")):
                problems.append(f"{where}：expires 早于 date。")
        except (ValueError, TypeError):
            pass
        if rule_id and fingerprint:
            if (rule_id, fingerprint) in seen:
                problems.append(f"{where}：与第{seen[(rule_id, fingerprint)]}条重复。")
            seen.setdefault((rule_id, fingerprint), i)
    return problems


def parse_waivers(data: bytes | str, source: str = "waivers.yaml",
                  known_rule_ids: Iterable[str] | None = None) -> tuple[Waiver, ...]:
    """Parse and lint a waivers file; raise WaiverFileError listing every problem."""
    try:
        raw = yaml.load(data, Loader=_TextLoader) if data else None  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise WaiverFileError([f"{source}：YAML 语法错误（{exc}）"]) from None
    problems = lint_entries(raw, source, known_rule_ids)
    if problems:
        raise WaiverFileError(problems)
    if raw is None:
        return ()
    entries = raw["waivers"] if isinstance(raw, dict) else raw
    return tuple(
        Waiver(
            rule_id=_as_text(e["rule_id"]),
            fingerprint=_as_text(e["fingerprint"]).lower(),
            reviewer=_as_text(e["reviewer"]),
            reason=_as_text(e["reason"]),
            date=_date(e["date"]).isoformat(),
            expires=_date(e["expires"]).isoformat() if e.get("expires") else None,
            text=_as_text(e.get("text")),
        )
        for e in entries
    )


def load_waivers(source: str | Path | bytes, known_rule_ids: Iterable[str] | None = None) -> tuple[Waiver, ...]:
    """Read and parse a waivers file (a path, or its bytes); unreadable is a WaiverFileError too."""
    if isinstance(source, bytes):
        return parse_waivers(source, "waivers.yaml", known_rule_ids)
    p = Path(source)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise WaiverFileError([f"{p}：无法读取豁免文件（{exc.strerror or exc}）"]) from None
    return parse_waivers(data, str(p), known_rule_ids)


def dump_waivers(waivers: Iterable[Waiver]) -> bytes:
    """Serialize waivers as a waivers.yaml (stable key order, Chinese kept readable)."""
    entries = []
    for w in waivers:
        entry = {"rule_id": w.rule_id, "fingerprint": w.fingerprint, "reviewer": w.reviewer, "reason": w.reason,
                 "date": w.date}
        if w.expires:
            entry["expires"] = w.expires
        if w.text:
            entry["text"] = w.text
        entries.append(entry)
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000) if entries else "[]\n"
    return text.encode("utf-8")


# -- applying -----------------------------------------------------------------------------------


def waiver_note(w: Waiver) -> str:
    """The text stored in Finding.waiver: the reason plus who decided when."""
    note = f"{w.reason}（审查人：{w.reviewer}，{w.date}"
    if w.expires:
        note += f"，有效至 {w.expires}"
    return note + "）"


def _waive(findings: Sequence[Finding], table: dict[tuple[str, str], Waiver], used: set) -> list[Finding]:
    out = []
    for f in findings:
        w = table.get((f.rule_id, f.fingerprint))
        if w is None:
            out.append(f)
            continue
        used.add(w.key)
        out.append(dataclasses.replace(f, waiver=waiver_note(w), status=WAIVED))
    return out


def apply_waivers(report_or_findings: Report | Sequence[Finding], waivers: Iterable[Waiver],
                  today: dt.date | None = None) -> WaiverOutcome:
    """Mark findings covered by a live waiver; return (result, unused waivers, expired waivers).

    ``today`` should be injected (tests, reproducible runs); None means the local date. An expired waiver is not applied (its finding stays
    active) and is returned in ``expired``; a live waiver that matched nothing is ``unused``.
    """
    waivers = tuple(waivers)
    today = today or dt.date.today()
    expired = tuple(w for w in waivers if w.expired(today))
    live = {w.key: w for w in waivers if not w.expired(today)}
    used: set[tuple[str, str]] = set()
    if isinstance(report_or_findings, Report):
        report = report_or_findings
        docs = tuple(dataclasses.replace(d, findings=tuple(_waive(d.findings, live, used))) for d in report.documents)
        result: object = dataclasses.replace(report, documents=docs)
    else:
        result = tuple(_waive(report_or_findings, live, used))
    unused = tuple(w for w in live.values() if w.key not in used)
    return WaiverOutcome(result, unused, expired)


def active_findings(report_or_findings: Report | Iterable[Finding]) -> list[Finding]:
    """Findings that count for the exit status: everything not waived (by a waiver file entry or a
    reviewer's 忽略/误报 decision, both of which set ``Finding.waiver``)."""
    findings = report_or_findings.findings if isinstance(report_or_findings, Report) else report_or_findings
    return [f for f in findings if not is_waived(f)]


def fails(report: Report, fail_on: str) -> bool:
    """True when an active (non-waived) finding is at or above ``fail_on`` (error|warning|info|never)."""
    threshold = SEVERITY_RANK.get(fail_on, 99)
    return any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in active_findings(report))


def waiver_notes(unused: Iterable[Waiver], expired: Iterable[Waiver]) -> list[str]:
    """User-facing sentences about waivers that did nothing (to print and to put in reports)."""
    notes = [f"豁免已过期（{w.expires}），未生效：{w.describe()}" for w in expired]
    notes += [f"豁免未匹配任何问题（条文可能已修改或已删除）：{w.describe()}" for w in unused]
    return notes


def with_notes(report: Report, notes: Sequence[str]) -> Report:
    """Copy of ``report`` whose options carry ``notes`` (writers print them in the manifest)."""
    if not notes:
        return report
    options = dict(report.options or {})
    options["notes"] = [*options.get("notes", ()), *notes]
    return dataclasses.replace(report, options=options)


# -- exporting decisions ------------------------------------------------------------------------


def waivers_from_decisions(findings: Iterable[Finding], reviewer: str, date: str, reason: str | None = None,
                           expires: str | None = None,
                           statuses: Sequence[str] = DECISION_STATUSES) -> tuple[Waiver, ...]:
    """Turn reviewer decisions (Finding.status 忽略/误报, e.g. from the app) into waivers.

    The reason is ``reason`` if given, else the finding's existing waiver text, else
    "审查结论：<status>". ``text`` keeps a short excerpt of the sentence for humans.
    """
    out: dict[tuple[str, str], Waiver] = {}
    for f in findings:
        if f.status not in statuses:
            continue
        why = reason or f.waiver or f"审查结论：{f.status}"
        excerpt = f.sentence if len(f.sentence) <= 60 else f.sentence[:60] + "…"
        w = Waiver(f.rule_id, f.fingerprint, reviewer, why, _date(date).isoformat(),
                   _date(expires).isoformat() if expires else None, excerpt)
        out.setdefault(w.key, w)
    return tuple(out.values())


# -- baselines ----------------------------------------------------------------------------------


def compare_baseline(current: Report, baseline_json: bytes | str) -> BaselineDiff:
    """New / resolved / unchanged findings versus a previous ``--format json`` report.

    Keyed by fingerprint (rule id + normalized sentence) as a multiset: a clause that appears
    twice and is fixed once shows one resolved and one unchanged. Baseline documents that were
    not checked this time are left out (their findings are not "resolved"), unless no document
    path matches at all (a renamed file): then everything is compared. Raises ValueError
    (Chinese message) when ``baseline_json`` is not a JSON report of this tool.
    """
    from .reports.json_report import read_report

    base = read_report(baseline_json)
    paths = {d.path for d in current.documents}
    base_docs = [d for d in base.documents if d.path in paths] or list(base.documents)
    base_findings = [f for d in base_docs for f in d.findings]
    remaining = Counter(f.fingerprint for f in base_findings)
    new: list[Finding] = []
    unchanged: list[Finding] = []
    for f in current.findings:
        if remaining[f.fingerprint] > 0:
            remaining[f.fingerprint] -= 1
            unchanged.append(f)
        else:
            new.append(f)
    resolved: list[Finding] = []
    for f in base_findings:
        if remaining[f.fingerprint] > 0:
            remaining[f.fingerprint] -= 1
            resolved.append(f)
    return BaselineDiff(tuple(new), tuple(resolved), tuple(unchanged))


def baseline_notes(diff: BaselineDiff) -> list[str]:
    """与基线相比：新增 2 处，已解决 1 处，未变化 5 处 — plus one line per new/resolved finding."""
    lines = [f"与基线相比：新增 {len(diff.new)} 处，已解决 {len(diff.resolved)} 处，未变化 {len(diff.unchanged)} 处。"]
    lines += [f"新增：{f.rule_id} {f.title} «{f.match_text}»（{f.location.describe()}）" for f in diff.new]
    lines += [f"已解决：{f.rule_id} {f.title} «{f.match_text}»" for f in diff.resolved]
    return lines
