"""The review session behind the page: checking uploads, reviewer decisions, tables, downloads.

``app.py`` only draws widgets; everything it shows or offers for download is computed here
from checker types, so it can be tested without Streamlit. Nothing here keeps state between
calls: the page holds :class:`Checked` results and the decisions dict in its session state and
passes them in.

Why these choices:
* Uploads stay in memory (bytes in, bytes out). The only file this module writes is a
  custom rule file, which ``load_ruleset`` needs as a path; it lives in a
  ``TemporaryDirectory`` for the duration of the load and is removed at once.
* Decisions are keyed by document name + finding fingerprint (rule id + normalized sentence),
  the same key as waivers, so a decision survives moved paragraphs and carries over when a
  revised file of the same name is checked again. Two identical sentences in one file share it.
* 忽略 (with its required reason) and 误报 are waivers in the reports: ``status`` holds the
  decision and ``waiver`` the reason, so writers show them and they do not count as open
  problems; ``waivers.waivers_from_decisions`` turns them into ``waivers.yaml`` entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .loaders import LoadError, load
from .match import Matcher
from .model import (
    CONFIDENCE_ZH,
    REGIME_ZH,
    SEVERITY_RANK,
    SEVERITY_ZH,
    Block,
    DocumentReport,
    Finding,
    Report,
    Rule,
)
from .pipeline import check, make_report
from .reports.annotate import annotated_name
from .reports.common import section_label, short_bases
from .rules import ROOT, RuleSet
from .sections import assign_sections, detect_regime

EXAMPLES_DIR = ROOT / "examples"
UPLOAD_TYPES = ("docx", "pdf", "doc", "wps", "txt")
STAGES = ("解析", "检查", "生成报告")
REGIME_OPTIONS: dict[str, str] = {"auto": "自动判断", "gp": "政府采购", "cb": "工程建设"}
PACKS: dict[str, str] = {"gp": "政府采购", "cb": "工程建设", "common": "通用"}
CUSTOM_PACK = "custom"
PENDING = "待处理"
DECISIONS = ("确认问题", "忽略", "误报")
NEEDS_REASON = ("忽略",)
FALSE_ALARM_NOTE = "审查人员认定为误报"  # the waiver reason of a 误报 given without a note
CONFIDENCE_ORDER = {"low": 1, "medium": 2, "high": 3}
DOWNLOAD_FORMATS: dict[str, tuple[str, str, str]] = {  # fmt -> (label, suffix, mime)
    "html": ("HTML 报告", ".html", "text/html"),
    "xlsx": ("审查意见表（XLSX）", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", ".json", "application/json"),
}
ANNOTATED_MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  ".pdf": "application/pdf"}
NO_CHAPTER = "（文首）"


# -- rules ----------------------------------------------------------------------------------------


def rule_pack(rule: Rule) -> str:
    """gp | cb | common for the bundled packs (by folder under rules/), else "custom"."""
    parts = Path(rule.source.replace("\\", "/")).parts
    if len(parts) >= 2 and parts[0] == "rules" and parts[1] in PACKS:
        return parts[1]
    return CUSTOM_PACK


def rules_stamp() -> str:
    """Changes whenever a bundled rule, lexicon or exclusion file changes (cache key for the page)."""
    from .rules import RULES_DIR

    files = sorted(RULES_DIR.rglob("*.y*ml")) if RULES_DIR.is_dir() else []
    h = hashlib.sha256()
    for f in files:
        st = f.stat()
        h.update(f"{f}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return h.hexdigest()


def select_packs(ruleset: RuleSet, packs: Iterable[str]) -> RuleSet:
    """The rules of the chosen bundled packs, plus every custom rule."""
    keep = set(packs) | {CUSTOM_PACK}
    chosen = ruleset.only(r.id for r in ruleset.rules if rule_pack(r) in keep)
    if set(packs) >= set(PACKS):
        return chosen
    digest = hashlib.sha256(f"{ruleset.digest}|{','.join(sorted(set(packs)))}".encode()).hexdigest()
    return dataclasses.replace(chosen, digest=digest)


@dataclass(frozen=True)
class CustomRules:
    """A reviewer's own rule file: the rules that loaded and every lint message about it."""

    name: str
    rules: tuple[Rule, ...]
    messages: tuple[str, ...]
    digest: str

    @property
    def ok(self) -> bool:
        return not self.messages


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name or "custom.yaml"
    base = re.sub(r"[^\w.\-]", "_", base)
    return base if base.lower().endswith((".yaml", ".yml")) else base + ".yaml"


def load_custom_rules(data: bytes, name: str = "自定义规则.yaml", base: RuleSet | None = None) -> CustomRules:
    """Load and lint a custom YAML rule file given as bytes (same messages as ``checker rules lint``).

    The file is written to a TemporaryDirectory only while it is loaded; messages and rule
    sources name the uploaded file, not the temporary path. Ids that clash with ``base`` are
    reported and the custom rule is dropped (the bundled one stays).
    """
    from .rulecheck import lint
    from .rules import load_ruleset

    with tempfile.TemporaryDirectory(prefix="checker-rules-") as tmp:
        path = Path(tmp) / _safe_name(name)
        path.write_bytes(data)
        loaded = load_ruleset([path])
        problems = lint(loaded)
        shown = str(path)
        messages = [str(p).replace(shown, name).replace(tmp, "") for p in problems]
    rules = [dataclasses.replace(r, source=name) for r in loaded.rules]
    if base is not None:
        clash = {r.id for r in base.rules}
        for r in rules:
            if r.id in clash:
                messages.append(f"{name}: {r.id} 的 id：与内置规则编号重复，已忽略这条自定义规则")
        rules = [r for r in rules if r.id not in clash]
    if not rules and not messages:
        messages.append(f"{name}: 文件中没有规则")
    return CustomRules(name, tuple(rules), tuple(messages), hashlib.sha256(data).hexdigest())


def with_custom(ruleset: RuleSet, custom: CustomRules | None) -> RuleSet:
    """``ruleset`` plus the custom rules (digest covers both)."""
    if custom is None or not custom.rules:
        return ruleset
    digest = hashlib.sha256((ruleset.digest + custom.digest).encode()).hexdigest()
    return dataclasses.replace(ruleset, rules=ruleset.rules + custom.rules, digest=digest,
                               files=ruleset.files + (custom.name,))


def search_rules(ruleset: RuleSet, query: str = "", categories: Sequence[str] = (),
                 regimes: Sequence[str] = (), packs: Sequence[str] = ()) -> list[Rule]:
    """Rules whose id/title/category/explanation/basis/patterns contain every word of ``query``;
    id matches first, then title matches, then the rest (rule-base order within each group).

    ``regimes`` holds gp/cb: a rule applies when its regime is that one or "both".
    """
    words = [w.lower() for w in query.split()]
    scored: list[tuple[int, int, Rule]] = []
    for n, r in enumerate(ruleset.rules):
        if categories and r.category not in categories:
            continue
        if regimes and not any(r.applies_to(g) for g in regimes):
            continue
        if packs and rule_pack(r) not in packs:
            continue
        hay = " ".join([r.id, r.title, r.category, r.explanation, r.suggestion, " ".join(r.legal_basis),
                        " ".join(" ".join(p) for p in r.patterns)]).lower()
        if not all(w in hay for w in words):
            continue
        rank = 0 if words and all(w in r.id.lower() for w in words) else \
            1 if words and all(w in r.title.lower() for w in words) else 2
        scored.append((rank, n, r))
    return [r for _rank, _n, r in sorted(scored, key=lambda t: (t[0], t[1]))]


def rule_markdown(rule: Rule) -> str:
    """The rule documentation in Chinese: what / why / examples / fix / legal basis / limits."""
    from .rulecheck import examples_of

    def sev() -> str:
        return "；".join(f"{REGIME_ZH[k]}：{SEVERITY_ZH.get(v, v)}" for k, v in rule.severity.items()
                        if rule.regime in ("both", k))

    scope = "两类项目" if rule.regime == "both" else REGIME_ZH.get(rule.regime, rule.regime)
    exs = examples_of(rule)
    lines = [f"**适用范围**：{scope} · **严重程度**：{sev()} · **可信度**：{CONFIDENCE_ZH.get(rule.confidence, rule.confidence)}"
             f" · **类别**：`{rule.category}`"]
    if rule.sections:
        lines.append(f"**适用章节**：{'、'.join(rule.sections)}")
    if rule.check:
        lines.append(f"**文档级检查**：`{rule.check}`")
    lines += ["", "##### 审查要点（查什么）", rule.title, "", "##### 为什么违规", rule.explanation, "", "##### 违规示例"]
    lines += [f"- ✗ {md_escape(e.text)}" for e in exs if e.kind == "flag"] or ["- （无）"]
    lines += ["", "##### 合规写法", rule.suggestion]
    lines += [f"- ✓ {md_escape(e.text)}" for e in exs if e.kind == "pass"]
    lines += ["", "##### 法律依据（原文）"] + [f"> {md_escape(b)}\n" for b in rule.legal_basis]
    lines += ["", "##### 已知局限", rule.known_problems or "暂无", "", f"规则文件：`{rule.source}`"]
    return "\n".join(lines)


def md_escape(text: str) -> str:
    """Escape Markdown control characters in document/rule text shown through st.markdown."""
    return re.sub(r"([\\`*_{}\[\]<>#|~$])", r"\\\1", text.replace("\n", " "))


# -- checking -------------------------------------------------------------------------------------


def file_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Checked:
    """One checked input: the bytes (for the annotated copy), the result, the blocks to show."""

    key: str  # sha256 of the bytes
    name: str
    data: bytes = dataclasses.field(repr=False)
    report: DocumentReport
    blocks: tuple[Block, ...] = ()  # with sections assigned; empty when unreadable
    detected: tuple[str, ...] = ()  # what auto-detection said (shown even when the user overrode it)
    seconds: float = 0.0
    example: bool = False


def check_upload(data: bytes, name: str, ruleset: RuleSet, regime: str = "auto", matcher: Matcher | None = None,
                 on_stage: Callable[[str], None] | None = None, example: bool = False) -> Checked:
    """Load and check one upload; never raises (an unreadable file is an "error" report).

    ``on_stage`` is called with each of :data:`STAGES` as it starts (for a progress bar).
    """
    stage = on_stage or (lambda _s: None)
    t0 = time.perf_counter()
    key = file_key(data)
    stage(STAGES[0])
    try:
        doc = assign_sections(load(data, name))
    except LoadError as exc:
        return Checked(key, name, data, DocumentReport(name, "error", error=exc.reason), example=example)
    except Exception as exc:  # noqa: BLE001 - a loader bug must not take the page down
        return Checked(key, name, data, DocumentReport(name, "error", error=f"读取时发生内部错误（{type(exc).__name__}: {exc}）"),
                       example=example)
    stage(STAGES[1])
    report = check(doc, ruleset, regime, matcher)
    stage(STAGES[2])
    auto = detect_regime(doc) if regime != "auto" else report.regime
    detected = ((auto.label,) + tuple(auto.reasons)) if auto is not None else ()
    return Checked(key, name, data, report, doc.blocks, detected, round(time.perf_counter() - t0, 3), example)


def example_files(folder: Path = EXAMPLES_DIR) -> list[Path]:
    """The example shown on first open: a .docx example if there is one (GP goods first), else .txt."""
    if not folder.is_dir():
        return []
    docx = sorted(folder.glob("*.docx"), key=lambda p: ("gp" not in p.stem.lower(), "clean" in p.stem.lower(), p.name))
    if docx:
        return docx[:1]
    return sorted(folder.glob("example_gp*.txt"))[:1] or sorted(folder.glob("*.txt"))[:1]


# -- decisions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one finding: 确认问题 / 忽略（须填写理由）/ 误报."""

    choice: str
    reason: str = ""

    @property
    def complete(self) -> bool:
        return self.choice in DECISIONS and (self.choice not in NEEDS_REASON or bool(self.reason.strip()))

    @property
    def label(self) -> str:
        return f"{self.choice}：{self.reason}" if self.reason.strip() else self.choice


def decision_key(doc_name: str, f: Finding) -> str:
    return f"{doc_name}\x1f{f.fingerprint}"


def validate_decision(choice: str, reason: str) -> str | None:
    """A Chinese error message when the decision cannot be saved, else None."""
    if choice not in DECISIONS and choice != PENDING:
        return f"未知的审查结论：{choice}"
    if choice in NEEDS_REASON and not reason.strip():
        return "选择“忽略”时必须填写理由。"
    return None


def set_decision(decisions: dict[str, Decision], doc_name: str, f: Finding, choice: str, reason: str = "") -> str | None:
    """Record (or with PENDING, clear) a decision in ``decisions``; returns an error message or None."""
    err = validate_decision(choice, reason)
    if err:
        return err
    key = decision_key(doc_name, f)
    if choice == PENDING:
        decisions.pop(key, None)
    else:
        decisions[key] = Decision(choice, reason.strip())
    return None


def decided(f: Finding, doc_name: str, decisions: dict[str, Decision]) -> Finding:
    """``f`` with the reviewer's decision in status/waiver (what every writer shows)."""
    d = decisions.get(decision_key(doc_name, f))
    if d is None or not d.complete:
        return f
    if d.choice == "确认问题":
        return dataclasses.replace(f, status=d.label, waiver=None)
    why = d.reason.strip() or FALSE_ALARM_NOTE
    return dataclasses.replace(f, status=d.choice, waiver=why)


def decision_of(f: Finding, doc_name: str, decisions: dict[str, Decision]) -> str:
    d = decisions.get(decision_key(doc_name, f))
    return d.choice if d is not None and d.complete else PENDING


def min_confidence(findings: Iterable[Finding], minimum: str) -> list[Finding]:
    floor = CONFIDENCE_ORDER.get(minimum, 1)
    return [f for f in findings if CONFIDENCE_ORDER.get(f.confidence, 1) >= floor]


def reviewed(c: Checked, decisions: dict[str, Decision], minimum: str = "low") -> DocumentReport:
    """The document's report as the reviewer sees it: confidence floor applied, decisions applied."""
    findings = tuple(decided(f, c.report.path, decisions) for f in min_confidence(c.report.findings, minimum))
    return dataclasses.replace(c.report, findings=findings)


# -- re-check comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class Diff:
    new: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    unchanged: int


def compare(previous: DocumentReport, current: DocumentReport) -> Diff:
    """New / resolved findings of a revised file, by fingerprint (as a multiset)."""
    remaining = Counter(f.fingerprint for f in previous.findings)
    new: list[Finding] = []
    unchanged = 0
    for f in current.findings:
        if remaining[f.fingerprint] > 0:
            remaining[f.fingerprint] -= 1
            unchanged += 1
        else:
            new.append(f)
    resolved = []
    for f in previous.findings:
        if remaining[f.fingerprint] > 0:
            remaining[f.fingerprint] -= 1
            resolved.append(f)
    return Diff(tuple(new), tuple(resolved), unchanged)


# -- tables and counts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the findings table (``fid`` is unique within the session's results)."""

    fid: str
    doc: str
    index: int  # 1-based within the document, in document order
    finding: Finding
    decision: str
    chapter: str


def finding_id(c: Checked, index: int) -> str:
    return f"{c.key[:12]}-{index}"


def rows_for(checked: Sequence[Checked], decisions: dict[str, Decision], minimum: str = "low") -> list[Row]:
    rows: list[Row] = []
    for c in checked:
        kept = {id(f) for f in min_confidence(c.report.findings, minimum)}
        for i, f in enumerate(c.report.findings, start=1):  # numbered in document order, before filtering
            if id(f) in kept:
                rows.append(Row(finding_id(c, i), c.report.path, i, f, decision_of(f, c.report.path, decisions),
                                section_label(f.location)))
    return rows


@dataclass(frozen=True)
class Filters:
    chapters: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    text: str = ""


def filter_rows(rows: Iterable[Row], flt: Filters) -> list[Row]:
    """Rows matching every non-empty filter (text: in rule id, title, sentence or match)."""
    out = []
    needle = flt.text.strip().lower()
    for r in rows:
        f = r.finding
        if flt.chapters and r.chapter not in flt.chapters:
            continue
        if flt.categories and f.category not in flt.categories:
            continue
        if flt.severities and f.severity not in flt.severities:
            continue
        if flt.confidences and f.confidence not in flt.confidences:
            continue
        if flt.decisions and r.decision not in flt.decisions:
            continue
        if needle and needle not in f"{f.rule_id} {f.title} {f.sentence}".lower():
            continue
        out.append(r)
    return out


def table_records(rows: Iterable[Row], with_doc: bool = False) -> list[dict]:
    """Plain dicts for the findings table (column names in Chinese)."""
    out = []
    for r in rows:
        f = r.finding
        rec = {"序号": r.index}
        if with_doc:
            rec["文件"] = r.doc
        rec.update({
            "严重程度": SEVERITY_ZH.get(f.severity, f.severity),
            "可信度": CONFIDENCE_ZH.get(f.confidence, f.confidence),
            "审查结论": r.decision,
            "章节": r.chapter,
            "位置": f.location.describe(),
            "规则": f.rule_id,
            "问题": f.title,
            "原文": f.sentence if len(f.sentence) <= 80 else f.sentence[:80] + "…",
        })
        out.append(rec)
    return out


def counts(rows: Iterable[Row]) -> dict[str, Counter]:
    """Counts by severity / chapter / category / decision (open findings = not 忽略/误报)."""
    rows = list(rows)
    open_rows = [r for r in rows if r.decision not in ("忽略", "误报")]
    return {
        "severity": Counter(r.finding.severity for r in open_rows),
        "chapter": Counter(r.chapter for r in rows),
        "category": Counter(r.finding.category for r in rows),
        "decision": Counter(r.decision for r in rows),
    }


def category_table(rows: Iterable[Row]) -> list[dict]:
    """类别 | 问题数 | 涉及的问题 (rule titles), most frequent first: categories are ids, titles read."""
    by_cat: dict[str, list[Row]] = {}
    for r in rows:
        by_cat.setdefault(r.finding.category, []).append(r)
    out = []
    for cat, rs in sorted(by_cat.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        titles = list(dict.fromkeys(r.finding.title for r in rs))
        out.append({"类别": cat, "问题数": len(rs), "涉及的问题": "；".join(titles)})
    return out


def severity_sorted(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: -SEVERITY_RANK.get(kv[0], 0))


# -- document view --------------------------------------------------------------------------------


def chapters(blocks: Sequence[Block]) -> list[tuple[str, list[int]]]:
    """Top-level chapters in order: (title, block indices). Text before the first heading is 文首."""
    out: list[tuple[str, list[int]]] = []
    for i, b in enumerate(blocks):
        title = b.location.section[0] if b.location.section else NO_CHAPTER
        if not out or out[-1][0] != title:
            out.append((title, []))
        out[-1][1].append(i)
    return out


def chapter_of(blocks: Sequence[Block], block_index: int) -> str:
    if 0 <= block_index < len(blocks) and blocks[block_index].location.section:
        return blocks[block_index].location.section[0]
    return NO_CHAPTER


DOC_CSS = """
<style>
.cv{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;line-height:1.75}
.cv .row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;padding:.15rem 0;
border-bottom:1px dashed #eaeef2}
.cv .row.hit{background:#fffdf3}
.cv .txt{white-space:pre-wrap}.cv .sep{color:#afb8c1}.cv .h{font-weight:700;font-size:1.05rem;padding-top:.4rem}
.cv .pno{color:#8c959f;font-size:.75rem;margin-right:.4rem;user-select:none}
.cv mark{padding:0 .1rem;border-radius:2px;background:#fff3a3;border-bottom:2px solid #d4a72c}
.cv mark.error{background:#ffd7d5;border-bottom-color:#cf222e}
.cv mark.warning{background:#fff1c2;border-bottom-color:#bf8700}
.cv mark.info{background:#ddf4ff;border-bottom-color:#0969da}
.cv mark.done{background:#eaeef2;border-bottom-color:#8c959f}
.cv mark.focus{outline:3px solid #8250df}
.cv .note{border:1px solid #d0d7de;border-left:5px solid #888;border-radius:4px;padding:.3rem .6rem;
margin:.2rem 0;font-size:.88rem;line-height:1.55;background:#fff}
.cv .note.error{border-left-color:#cf222e}.cv .note.warning{border-left-color:#bf8700}
.cv .note.info{border-left-color:#0969da}.cv .note.focus{box-shadow:0 0 0 3px #c297ff}
.cv .note .t{font-weight:700}.cv .note .rid{font-family:monospace;color:#57606a;font-size:.8rem}
.cv .note .b{color:#57606a}.cv .note .s{color:#1a7f37}.cv .note .d{color:#8250df}
.cv .note .dec{display:inline-block;background:#eaeef2;border-radius:3px;padding:0 .3rem;font-size:.8rem}
</style>
"""


def marked(text: str, spans: Sequence[tuple[int, int, str, str, bool]]) -> str:
    """``text`` escaped, with each (start, end, css class, anchor id, focus) span in <mark>.

    Overlapping spans are cut at every boundary; a piece covered by several spans takes the
    class of the first (most severe) one and the anchor ids of the spans starting there.
    """
    cuts = sorted({0, len(text), *(max(0, min(len(text), s)) for s, _e, *_ in spans),
                   *(max(0, min(len(text), e)) for _s, e, *_ in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        cover = [sp for sp in spans if sp[0] <= a and sp[1] >= b and sp[1] > sp[0]]
        if not cover:
            out.append(piece)
            continue
        cls = cover[0][2] + (" focus" if any(sp[4] for sp in cover) else "")
        ids = "".join(f'<a id="{escape(sp[3])}"></a>' for sp in spans if sp[0] == a and sp[3])
        out.append(f'{ids}<mark class="{cls}">{piece}</mark>')
    return "".join(out)


def _note(r: Row, focus: bool) -> str:
    f = r.finding
    cls = f"note {f.severity}" + (" focus" if focus else "")
    parts = [f'<div class="{cls}"><div><span class="t">{r.index}. {escape(f.title)}</span> '
             f'<span class="rid">{escape(f.rule_id)} · {SEVERITY_ZH.get(f.severity, f.severity)} · '
             f'可信度{CONFIDENCE_ZH.get(f.confidence, f.confidence)}</span>'
             + (f' <span class="dec">{escape(r.decision)}</span>' if r.decision != PENDING else "") + "</div>",
             f"<div>{escape(f.explanation)}</div>"]
    if f.details:
        parts.append(f'<div class="d">核算：{escape(f.details)}</div>')
    if f.legal_basis:
        parts.append(f'<div class="b">依据：{escape(short_bases(f.legal_basis))}</div>')
    if f.suggestion:
        parts.append(f'<div class="s">建议：{escape(f.suggestion)}</div>')
    return "".join(parts) + "</div>"


FOCUS_ID = "cv-focus"  # not "focus": the HTML sanitizer drops ids that shadow DOM properties


def _line_groups(blocks: Sequence[Block], wanted: Sequence[int]) -> list[list[int]]:
    """Consecutive wanted blocks grouped into display lines: one per paragraph, one per table row."""
    groups: list[list[int]] = []
    for i in wanted:
        loc = blocks[i].location
        if groups and loc.table is not None and groups[-1][-1] == i - 1:
            last = blocks[groups[-1][-1]].location
            if (last.table, last.row, last.part) == (loc.table, loc.row, loc.part):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _block_spans(rows: Sequence[Row], focus: str | None) -> list[tuple[int, int, str, str, bool]]:
    spans = []
    for r in sorted(rows, key=lambda r: (-SEVERITY_RANK.get(r.finding.severity, 0), r.index)):
        done = r.decision in ("忽略", "误报")
        anchor = FOCUS_ID if r.fid == focus else f"f-{r.fid}"
        spans.append((r.finding.block_start, r.finding.block_end, "done" if done else r.finding.severity,
                      anchor, r.fid == focus))
    return spans


def document_html(blocks: Sequence[Block], indices: Sequence[int], rows: Sequence[Row], focus: str | None = None,
                  only_hits: bool = False, context: int = 1) -> str:
    """HTML of some blocks: each paragraph (or table row, cells side by side) with its matches
    marked and its findings' explanation, basis and suggestion beside it.

    ``rows`` are the findings of this document (any order); ``focus`` is a row fid to outline
    and anchor as ``id=FOCUS_ID``; ``only_hits`` keeps lines with findings plus ``context``
    blocks around them. Everything from the document goes through ``html.escape``.
    """
    by_block: dict[int, list[Row]] = {}
    for r in rows:
        by_block.setdefault(r.finding.block_index, []).append(r)
    wanted = list(indices)
    if only_hits:
        hits = {i for i in wanted if i in by_block}
        wanted = [i for i in wanted if any(abs(i - h) <= context for h in hits)]
    out = [DOC_CSS, '<div class="cv">']
    prev = None
    for group in _line_groups(blocks, wanted):
        if prev is not None and group[0] != prev + 1:
            out.append('<div class="row"><div class="txt pno">……</div><div></div></div>')
        prev = group[-1]
        first = blocks[group[0]]
        here = [r for i in group for r in by_block.get(i, [])]
        texts = [marked(blocks[i].text, _block_spans(by_block.get(i, []), focus)) for i in group]
        if first.location.table is not None:
            loc = first.location
            pno = f"表{loc.table}第{loc.row}行"
            text = '<span class="sep"> │ </span>'.join(texts)
        else:
            pno = first.location.describe()
            text = texts[0]
        heading = first.heading_level is not None or (
            bool(first.location.section) and first.location.section[-1] == first.text.strip())
        notes = "".join(_note(r, r.fid == focus) for r in sorted(here, key=lambda r: r.index))
        cls = "row hit" if here else "row"
        out.append(f'<div class="{cls}"><div class="txt{" h" if heading else ""}"><span class="pno">{escape(pno)}</span>'
                   f"{text}</div><div>{notes}</div></div>")
    out.append("</div>")
    return "".join(out)


# -- downloads ------------------------------------------------------------------------------------


def build_report(checked: Sequence[Checked], decisions: dict[str, Decision], ruleset: RuleSet, created: str,
                 minimum: str = "low", options: dict | None = None) -> Report:
    """The Report every download is written from (decisions and the confidence floor applied)."""
    opts = {"min_confidence": minimum, **(options or {})}
    return make_report([reviewed(c, decisions, minimum) for c in checked], ruleset, created, opts)


def report_bytes(report: Report, fmt: str) -> bytes:
    from .reports import WRITERS

    return WRITERS[fmt](report)


def waivers_yaml(report: Report, reviewer: str, date: str) -> bytes:
    """waivers.yaml of the decisions 忽略/误报 in ``report`` (see ``checker scan --waivers``)."""
    from .waivers import dump_waivers, waivers_from_decisions

    return dump_waivers(waivers_from_decisions(report.findings, reviewer or "审查人员", date))


def annotation_kind(c: Checked) -> str | None:
    """Suffix of the annotated copy this input gets (".docx" for Word/WPS, ".pdf"), None for text."""
    if c.report.status != "ok":
        return None
    from .reports.annotate import annotated_suffix

    return annotated_suffix(c.data)


def annotated(c: Checked, doc_report: DocumentReport, created: str = "") -> tuple[bytes, str] | None:
    """The original file with a comment/highlight per finding: (bytes, suffix), or None when the
    format has no annotated form (plain text) or the file cannot be annotated."""
    from .reports.annotate import annotate

    if doc_report.status != "ok":
        return None
    try:
        return annotate(c.data, c.name, doc_report.findings, created)
    except LoadError:
        return None


def stem(name: str) -> str:
    return Path(name.replace("\\", "/")).stem or "document"


def batch_zip(checked: Sequence[Checked], decisions: dict[str, Decision], ruleset: RuleSet, created: str,
              reviewer: str, minimum: str = "low") -> bytes:
    """One zip for the batch: the combined HTML/XLSX/JSON, waivers.yaml, and per document its
    annotated copy (when the format has one). Deterministic member times."""
    report = build_report(checked, decisions, ruleset, created, minimum)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name: str, data: bytes) -> None:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)

        for fmt, (_label, suffix, _mime) in DOWNLOAD_FORMATS.items():
            put(f"审查报告{suffix}", report_bytes(report, fmt))
        put("waivers.yaml", waivers_yaml(report, reviewer, created[:10]))
        used: set[str] = set()
        for c, d in zip(checked, report.documents, strict=True):
            got = annotated(c, d, created)
            if got is None:
                continue
            name = annotated_name(c.name, got[1])
            while name in used:
                name = "_" + name
            used.add(name)
            put(f"批注文件/{name}", got[0])
    return buf.getvalue()
