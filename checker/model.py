"""The nouns of the checker: one read of this file teaches the data.

Every stage of the spine is a plain function from one of these types to the next
(see ``pipeline.py``). All types are frozen dataclasses; third-party objects
(python-docx, pdfium, Streamlit, YAML dicts) never appear here.

Offsets always refer to ORIGINAL text (what the user sees and what annotated
Word/PDF files mark), never to normalized text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
Confidence = Literal["high", "medium", "low"]
RegimeName = Literal["gp", "cb"]

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1, "never": 99}
SEVERITY_ZH: dict[str, str] = {"error": "违规", "warning": "疑似违规", "info": "提示"}
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")
CONFIDENCE_ZH: dict[str, str] = {"high": "高", "medium": "中", "low": "低"}
REGIMES: tuple[RegimeName, ...] = ("gp", "cb")
REGIME_ZH: dict[str, str] = {"gp": "政府采购", "cb": "工程建设招标投标"}

# Canonical section kinds (chapter classes) that rules may name in ``sections:``.
SECTION_KINDS: tuple[str, ...] = (
    "招标公告",  # 招标公告 / 投标邀请 / 采购公告
    "投标人须知",  # 投标人须知 and its 前附表
    "资格条件",  # 资格条件 / 资格审查 / 特定资格要求
    "评分标准",  # 评标办法 / 评分标准 / 评审因素
    "技术要求",  # 技术要求 / 采购需求 / 技术参数
    "商务要求",  # 商务要求 / 实质性条款
    "合同条款",  # 合同条款 / 合同文本 (a template, not a requirement)
    "投标文件格式",  # 投标文件格式 (bidder-side forms)
    "其他",
)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a block sits in its document.

    ``paragraph`` is 1-based: the line number of a .txt file, the index of the
    ``w:p`` element in document order of a DOCX body (table paragraphs included),
    or the block index of a PDF. DOCX has no reliable page numbers: ``page`` is
    None there. ``part`` tells body text from headers, footers, notes and text
    boxes (Word comments cannot be anchored in the latter).
    """

    paragraph: int | None = None
    page: int | None = None
    section: tuple[str, ...] = ()
    section_kind: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    part: str = "body"  # body | header | footer | footnote | endnote | textbox

    def describe(self) -> str:
        """Short Chinese description: 第3页 第12段 表2第3行第1列."""
        bits: list[str] = []
        if self.part != "body":
            bits.append({"header": "页眉", "footer": "页脚", "footnote": "脚注",
                         "endnote": "尾注", "textbox": "文本框"}.get(self.part, self.part))
        if self.page is not None:
            bits.append(f"第{self.page}页")
        if self.table is not None:
            bits.append(f"表{self.table}第{self.row}行第{self.column}列")
        elif self.paragraph is not None:
            bits.append(f"第{self.paragraph}段")
        return " ".join(bits)


def page_ranges(pages) -> str:
    """1-based page numbers → "第3页" / "第3–5、9页" (loader warnings and report scope lines)."""
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return "第" + "、".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs) + "页"


@dataclass(frozen=True, slots=True)
class Block:
    """One located unit of text: a paragraph, a table cell, a header line.

    ``text`` is the original text as the user sees it, including Word's rendered
    automatic numbering; ``anchor_offset`` is the length of that rendered prefix,
    which is not present in the file's runs (annotators subtract it).
    ``heading_level`` is set when the loader knows the block is a heading
    (outline level / heading style / bold short line), else None.
    ``boxes`` optionally holds one (x0, top, x1, bottom) box per character of
    ``text`` in PDF points, for highlighting; None when the loader has none.
    """

    text: str
    location: Location
    kind: str = "paragraph"  # paragraph | table_cell | header | footer | note | textbox
    heading_level: int | None = None
    anchor_offset: int = 0
    style: str | None = None
    boxes: tuple[tuple[float, float, float, float], ...] | None = None


@dataclass(frozen=True, slots=True)
class RegimeDecision:
    """Which negative list applies, why, and how sure we are.

    ``regime`` is "gp", "cb" or None (undecided: both packs are applied).
    ``source`` is "auto" (detected) or "user" (``--regime`` / UI override).
    """

    regime: RegimeName | None
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()
    source: str = "auto"

    @property
    def label(self) -> str:
        if self.regime is None:
            return "未能确定（按两类清单同时检查）"
        return REGIME_ZH[self.regime]


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded input: its blocks in reading order plus what the loader noticed.

    ``warnings`` are user-facing Chinese sentences (e.g. "第3–4页无文字层，未检查").
    ``meta`` carries format facts: format, pages, pages_unchecked, sha256, converted_from.
    """

    name: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one block. ``start``/``end`` are offsets in ``block.text``.

    ``norm`` is the normalized text rules see; ``norm_map[i]`` is the offset in
    ``text`` (sentence-relative, original) of normalized character i, with one
    extra trailing entry equal to ``len(text)``.
    """

    text: str
    norm: str
    norm_map: tuple[int, ...]
    block_index: int
    start: int
    end: int

    def original_span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Map a normalized span [nstart, nend) to the original sentence text."""
        if nend <= nstart:
            o = self.norm_map[nstart]
            return o, o
        return self.norm_map[nstart], self.norm_map[nend - 1] + 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule hit, explained. Offsets are in the ORIGINAL sentence text.

    ``block_start``/``block_end`` locate the match in ``Block.text`` for the
    annotators; ``fingerprint`` is stable under moved paragraphs (rule id +
    normalized sentence), so waivers and baselines survive edits elsewhere.
    ``waiver`` holds the reviewer's reason when a waiver applies.
    """

    rule_id: str
    title: str
    severity: Severity
    confidence: Confidence
    category: str
    location: Location
    sentence: str
    match_text: str
    start: int
    end: int
    block_index: int
    block_start: int
    block_end: int
    legal_basis: tuple[str, ...]
    explanation: str
    suggestion: str
    fingerprint: str
    details: str = ""  # e.g. the numbers a numeric check compared
    waiver: str | None = None
    status: str = ""  # reviewer decision: "" | 确认问题 | 忽略 | 误报 ; "已豁免" when waived


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """The result for one input file; ``status`` is "ok" or "error" (unreadable)."""

    path: str
    status: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()
    regime: RegimeDecision | None = None
    meta: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything writers need; writers read only this (and never the clock)."""

    documents: tuple[DocumentReport, ...]
    tool_version: str
    ruleset_version: str
    ruleset_hash: str
    created: str = ""  # ISO time, injected by the caller for determinism
    options: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.findings)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as data (loaded from YAML by ``rules.py``; regexes already lexicon-expanded).

    ``patterns``: each item is a tuple of regexes that must ALL match (co-occurrence); the first
    one's span is reported. ``exceptions``: (kind, regex) with kind sentence | before | after |
    overlap. ``severity`` maps each regime to a severity.
    """

    id: str
    title: str
    category: str
    regime: str  # gp | cb | both
    severity: dict
    confidence: Confidence
    legal_basis: tuple[str, ...]
    explanation: str
    suggestion: str
    known_problems: str
    patterns: tuple[tuple[str, ...], ...] = ()
    exceptions: tuple[tuple[str, str], ...] = ()
    sections: tuple[str, ...] = ()
    not_sections: tuple[str, ...] = ("投标文件格式", "合同条款")
    general_exclusions: bool = True
    check: str | None = None
    supersedes: tuple[str, ...] = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)
    examples: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""

    def applies_to(self, regime: str | None) -> bool:
        return regime is None or self.regime in ("both", regime)

    def severity_for(self, regime: str | None) -> Severity:
        """Severity in a regime; when the regime is undecided, the milder one (we are less sure)."""
        if regime in self.severity:
            return self.severity[regime]
        values = [self.severity[r] for r in REGIMES if r in self.severity] or ["warning"]
        return min(values, key=lambda s: SEVERITY_RANK[s])
