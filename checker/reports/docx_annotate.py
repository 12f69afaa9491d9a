"""Annotated Word file: the reviewer's own .docx back, each finding a native comment on the match.

How a finding is placed (the choice, and why): the Finding carries ``block_index`` and
``block_start/block_end`` in ``Block.text``, but not the block's layout (the rendered
numbering prefix, the paragraphs of a table cell). So the annotator RE-LOADS the original
with :mod:`checker.loaders.docx_loader` (fast, lxml), takes ``blocks[finding.block_index]``,
and maps the block offsets to ``(paragraph index, offset in the paragraph's run text)`` with
:func:`checker.docx_common.block_paragraph_spans` / ``block_offset_to_paragraph`` — the same
contract the loader used to build the text. Paragraph ``N`` is the N-th element of
``iter_body_paragraphs`` in the python-docx tree. Before anchoring, the annotator checks that
the run text at that place equals ``finding.match_text``; if it does not (the file is not the
one the finding came from, or the loader changed), it searches the paragraph for the match and,
failing that, lists the finding in the summary comment rather than mark the wrong words.

Runs are split where a match starts or ends inside one (the copy keeps the run's ``w:rPr``, so
formatting survives); the matched runs get ``w:highlight="yellow"`` (a formatting change, by
design); the comment range covers exactly the matched runs. Findings outside the main story
(headers, footers, text boxes, notes: ``location.part != "body"``), where Word comments cannot
be anchored, are listed in ONE comment on the first body paragraph. Nothing else changes: text,
tables, numbering, styles, headers and media parts stay as they were.

Comment text::

    [GP-SCALE-001 违规] 以注册资本作为资格条件或评审因素
    依据：《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条
    建议：删除注册资本要求；……

Deterministic: comment dates are ``created`` (pass Report.created) or omitted, zip member
times are fixed.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..docx_common import (
    W_R,
    W_RPR,
    W_T,
    W_TXBX,
    block_offset_to_paragraph,
    block_paragraph_spans,
    iter_body_paragraphs,
    paragraph_runs,
    run_text,
)
from ..loaders import docx_loader
from ..model import Block, Document, Finding
from .common import PART_ZH, is_waived, normalize_zip, severity_label, short_bases, status_text

AUTHOR = "招标文件审查"
INITIALS = "审查"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OUTSIDE_HEAD = "以下问题位于页眉、页脚、文本框或脚注等处，Word 无法在原处插入批注，集中列在这里："
UNPLACED_HEAD = "以下问题未能在文中定位（请按原文搜索）："


def comment_text(f: Finding) -> str:
    """[RULE 违规] 标题 / 依据：short basis / 建议：suggestion (+ 核算, 已豁免)."""
    lines = [f"[{f.rule_id} {severity_label(f.severity)}] {f.title}"]
    if f.details:
        lines.append(f"核算：{f.details}")
    basis = short_bases(f.legal_basis)
    if basis:
        lines.append(f"依据：{basis}")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    if is_waived(f) or f.status:
        lines.append(f"审查意见：{status_text(f)}")
    return "\n".join(lines)


def _listed_line(i: int, f: Finding) -> str:
    where = PART_ZH.get(f.location.part, f.location.part) if f.location.part != "body" else f.location.describe()
    head = f"{i}. 〔{where}〕[{f.rule_id} {severity_label(f.severity)}] {f.title}：«{f.match_text}»"
    rest = comment_text(f).split("\n")[1:]
    return "\n".join([head, *("   " + r for r in rest)])


# --- run surgery ---------------------------------------------------------------------------


def _child_len(child) -> int:
    """Characters one run child contributes (same rules as docx_common.run_text)."""
    if child.tag == W_RPR:
        return 0
    holder = etree.Element(W_R)
    holder.append(copy.deepcopy(child))
    return len(run_text(holder))


def split_run(r, k: int):
    """Split ``w:r`` at character ``k`` (0 < k < len): returns the new right-hand run.

    Both halves keep a copy of the run properties; a ``w:t`` straddling ``k`` is cut in two
    (with xml:space="preserve"); other children (tabs, breaks, symbols, page-break marks) go
    wholly to one side. Returns None when ``k`` falls inside a child that cannot be cut (e.g.
    ruby text) — the caller then anchors on the whole run.
    """
    children = [c for c in r if c.tag != W_RPR]
    plan: list[str] = []  # per child: "left" | "right" | "cut"; decided before anything changes
    pos = 0
    for child in children:
        n = _child_len(child)
        if pos + n <= k and (n > 0 or pos < k):
            plan.append("left")
        elif pos >= k:
            plan.append("right")
        elif child.tag == W_T:
            plan.append("cut")
        else:
            return None  # e.g. ruby text: the run stays whole
        pos += n
    right = copy.deepcopy(r)
    right_children = [c for c in right if c.tag != W_RPR]
    pos = 0
    for lc, rc, how in zip(children, right_children, plan, strict=True):
        n = _child_len(lc)
        if how == "left":
            right.remove(rc)
        elif how == "right":
            r.remove(lc)
        else:
            cut = k - pos
            text = lc.text or ""
            lc.text, rc.text = text[:cut], text[cut:]
            lc.set(XML_SPACE, "preserve")
            rc.set(XML_SPACE, "preserve")
        pos += n
    r.addnext(right)
    return right


def _runs_at(p, start: int, end: int) -> list | None:
    """The ``w:r`` elements covering exactly [start, end) of paragraph ``p``, splitting as needed."""
    for boundary in (start, end):
        for r, rs, re_ in paragraph_runs(p):
            if rs < boundary < re_:
                split_run(r, boundary - rs)  # None: uncuttable, the whole run gets covered
                break
    runs = [r for r, rs, re_ in paragraph_runs(p) if rs < end and re_ > start]
    return runs or None


def _para_text(p) -> str:
    return "".join(run_text(r) for r, _, _ in paragraph_runs(p))


# --- placing findings ------------------------------------------------------------------------


def _visible(block: Block, spans, start: int, end: int) -> str:
    """block.text[start:end] without rendered numbering labels and paragraph joins: the run text."""
    labels = {i for _, s, prefix, _ in spans for i in range(s, s + prefix)}
    return "".join(c for i, c in enumerate(block.text[start:end], start) if i not in labels and c != "\n")


class _Placer:
    """Maps findings to (paragraph, offset) ranges in a python-docx tree."""

    def __init__(self, loaded: Document, paragraphs: list):
        self.doc = loaded
        self.paragraphs = paragraphs  # index 0 = paragraph 1

    def _para(self, index: int):
        if 1 <= index <= len(self.paragraphs):
            return self.paragraphs[index - 1]
        return None

    def place(self, f: Finding) -> list[tuple[object, int, int]] | None:
        """[(paragraph element, start, end)] covering the match, or None if it cannot be placed."""
        if not (0 <= f.block_index < len(self.doc.blocks)):
            return self._search(f, f.location.paragraph)
        block: Block = self.doc.blocks[f.block_index]
        if block.location.part != "body" or block.location.paragraph is None:
            return None
        start, end = f.block_start, f.block_end
        if end <= start:  # an empty span: mark the sentence
            start = f.block_start - f.start
            end = start + len(f.sentence)
        spans = block_paragraph_spans(block, self.doc.meta)
        a = block_offset_to_paragraph(spans, start)
        b = block_offset_to_paragraph(spans, end, end=True)
        if a is None or b is None or block.text[f.block_start:f.block_end] != f.match_text:
            return self._search(f, block.location.paragraph)
        pieces: list[tuple[object, int, int]] = []
        (pa, oa), (pb, ob) = a, b
        for index in range(pa, pb + 1):
            p = self._para(index)
            if p is None:
                return self._search(f, block.location.paragraph)
            length = len(_para_text(p))
            s = oa if index == pa else 0
            e = ob if index == pb else length
            if s < e:
                pieces.append((p, s, e))
        if not pieces:  # the match lies wholly in a numbering label: mark that paragraph
            p = self._para(pa)
            length = len(_para_text(p)) if p is not None else 0
            return [(p, 0, length)] if length else None
        got = "".join(_para_text(p)[s:e] for p, s, e in pieces)
        if f.block_end > f.block_start and got.replace("\n", "") != _visible(block, spans, start, end):
            return self._search(f, block.location.paragraph)
        return pieces

    def _search(self, f: Finding, index: int | None) -> list[tuple[object, int, int]] | None:
        """Fallback: find the match text in the expected paragraph (or its sentence nearby)."""
        if index is None or not f.match_text:
            return None
        p = self._para(index)
        if p is None:
            return None
        text = _para_text(p)
        pos = text.find(f.match_text)
        if pos < 0:
            return None
        return [(p, pos, pos + len(f.match_text))]


def _first_body_paragraph(paragraphs: list):
    """The first paragraph with text in the main story (not inside a text box)."""
    for p in paragraphs:
        if next(p.iterancestors(W_TXBX), None) is not None:
            continue
        if paragraph_runs(p) and _para_text(p).strip():
            return p
    return None


def _set_date(comment, created: str) -> None:
    el = comment._comment_elm  # python-docx stamps the clock; we inject or drop it
    if created:
        try:
            when = dt.datetime.fromisoformat(created)
        except ValueError:
            when = None
        if when is not None:
            if when.tzinfo is not None:
                when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
            el.set(qn("w:date"), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
            return
    if qn("w:date") in el.attrib:
        del el.attrib[qn("w:date")]


def annotate_docx(original: bytes, findings: Sequence[Finding], created: str = "",
                  name: str = "document.docx") -> bytes:
    """Return ``original`` with one Word comment (and a yellow highlight) per body finding.

    ``findings`` must come from checking this very file (their block indices refer to its
    DOCX loader blocks). Findings outside the main story, or that cannot be placed, go into a
    single comment on the first body paragraph. Raises LoadError when ``original`` is not a
    readable .docx.
    """
    loaded = docx_loader.load(original, name)
    document = docx.Document(io.BytesIO(original))
    body = document.element.body
    paragraphs = list(iter_body_paragraphs(body))
    placer = _Placer(loaded, paragraphs)

    outside: list[Finding] = []
    unplaced: list[Finding] = []
    placed: list[tuple[Finding, list]] = []
    for f in sorted(findings, key=lambda f: (f.block_index, f.block_start, f.block_end, f.rule_id)):
        if f.location.part != "body":
            outside.append(f)
            continue
        pieces = placer.place(f)
        if pieces is None:
            unplaced.append(f)
        else:
            placed.append((f, pieces))

    for f, pieces in placed:
        runs: list = []
        for p, s, e in pieces:
            got = _runs_at(p, s, e)
            if got:
                runs.extend((r, p) for r in got)
        if not runs:
            unplaced.append(f)
            continue
        run_objs = [Run(r, Paragraph(p, None)) for r, p in runs]
        for run in run_objs:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        comment = document.add_comment(run_objs, text=comment_text(f), author=AUTHOR, initials=INITIALS)
        _set_date(comment, created)

    if outside or unplaced:
        first = _first_body_paragraph(paragraphs)
        if first is not None:
            lines: list[str] = []
            if outside:
                lines.append(OUTSIDE_HEAD)
                lines.extend(_listed_line(i, f) for i, f in enumerate(outside, start=1))
            if unplaced:
                lines.append(UNPLACED_HEAD)
                lines.extend(_listed_line(i, f) for i, f in enumerate(unplaced, start=1))
            runs = [r for r, _, _ in paragraph_runs(first)]
            para = Paragraph(first, None)
            comment = document.add_comment([Run(runs[0], para), Run(runs[-1], para)], text="\n".join(lines),
                                           author=AUTHOR, initials=INITIALS)
            _set_date(comment, created)

    buf = io.BytesIO()
    document.save(buf)
    return normalize_zip(buf.getvalue())


def annotation_stats(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings get their own comment vs. are listed (for messages and tests)."""
    body = sum(1 for f in findings if f.location.part == "body")
    return {"body": body, "listed": len(findings) - body}
