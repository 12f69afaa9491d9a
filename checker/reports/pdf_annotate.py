"""Annotated PDF: the original file with a Highlight annotation over each match and a pop-up note.

The page content streams are not touched: the annotations are appended as an incremental
update (pypdf ``incremental=True``), so every byte of the original file is still there,
followed by the new objects (new /Annots arrays, the annotations). If the file cannot be
updated incrementally (broken cross-reference table), the document is re-written with its
streams copied as they are.

Where the characters are: the PDF loader records, per block, which page characters its text
was cut from (``Document.meta["pdf_spans"]``: ``(page, block offset, page char index, length)``).
The annotator takes those spans (passed in, or by RE-LOADING the file with the PDF loader, as the
Word annotator does), maps ``finding.block_start/block_end`` to pdfium character indices, checks
that those characters spell the match, and asks pdfium (pypdfium2) for their boxes. When that
does not fit (a file other than the one checked, no loader layout), it falls back to searching:
the finding's sentence on its page (whitespace and line breaks ignored), then the match text
alone, first on that page, then on the others. Boxes are merged per text line into the annotation's /QuadPoints (one quad per line),
so a match wrapped over two lines gets two highlighted bars and one note. Findings that cannot
be placed are listed in one sticky note (/Text) at the top of page 1 rather than dropped.

Each Highlight has /Contents = the same text as the Word comment ([RULE 违规] 标题 / 依据 /
建议), /T = 招标文件审查, and a /Popup. Deterministic: /M is the injected ``created`` or absent.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Popup, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

from ..model import Finding
from .common import severity_label
from .docx_annotate import AUTHOR, comment_text

Box = tuple[float, float, float, float]  # (left, bottom, right, top) in PDF user space
YELLOW = "ffff00"
UNPLACED_HEAD = "以下问题未能在页面上定位（请按原文搜索）："


@dataclass
class _Page:
    """One page's characters as pdfium sees them, whitespace dropped, with their boxes."""

    key: str  # non-whitespace characters, lightly normalized
    index: list[int]  # key position -> pdfium char index
    boxes: list[Box]  # key position -> loose char box


def _norm_char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _key(text: str) -> tuple[str, list[int]]:
    """Text without whitespace (and its positions), for matching loader text to page text."""
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(text):
        if c.isspace() or c in "\u200b\ufeff\u00ad":
            continue
        chars.append(_norm_char(c))
        pos.append(i)
    return "".join(chars), pos


def _read_page(pdf: pdfium.PdfDocument, page_no: int) -> _Page:
    page = pdf[page_no]
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        chars: list[str] = []
        index: list[int] = []
        boxes: list[Box] = []
        for i in range(n):
            code = pdfium_c.FPDFText_GetUnicode(tp.raw, i)
            c = chr(code) if code else ""
            if not c or c.isspace() or c in "\u200b\ufeff\u00ad" or code == 0xFFFE:
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            chars.append(_norm_char(c))
            index.append(i)
            boxes.append((left, bottom, right, top))
        return _Page("".join(chars), index, boxes)
    finally:
        tp.close()
        page.close()


def _line_rects(boxes: Sequence[Box]) -> list[Box]:
    """Merge character boxes into one rectangle per text line (in reading order)."""
    rects: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right - left <= 0 or top - bottom <= 0:
            continue
        if rects:
            r = rects[-1]
            height = r[3] - r[1]
            same_line = abs(bottom - r[1]) < 0.5 * height and left >= r[0] - 1
            if same_line:
                r[0], r[1], r[2], r[3] = min(r[0], left), min(r[1], bottom), max(r[2], right), max(r[3], top)
                continue
        rects.append([left, bottom, right, top])
    return [(r[0], r[1], r[2], r[3]) for r in rects]


def quad_points(rects: Sequence[Box]) -> list[float]:
    """QuadPoints as viewers expect them: per rect UL, UR, LL, LR (x, y) pairs."""
    out: list[float] = []
    for left, bottom, right, top in rects:
        out += [left, top, right, top, left, bottom, right, bottom]
    return out


class _Locator:
    def __init__(self, pdf: pdfium.PdfDocument, spans: Sequence | None):
        self.pdf = pdf
        self.spans = spans  # Document.meta["pdf_spans"] of the PDF loader, or None
        self.pages: dict[int, _Page] = {}
        self.textpages: dict[int, object] = {}

    def page(self, page_no: int) -> _Page:
        if page_no not in self.pages:
            self.pages[page_no] = _read_page(self.pdf, page_no)
        return self.pages[page_no]

    def _textpage(self, page_no: int):
        if page_no not in self.textpages:
            self.textpages[page_no] = self.pdf[page_no].get_textpage()
        return self.textpages[page_no]

    def close(self) -> None:
        for tp in self.textpages.values():
            tp.close()

    def by_spans(self, f: Finding) -> list[tuple[int, list[Box]]] | None:
        """Exact placement through the loader's layout: [(0-based page, boxes)], or None."""
        if self.spans is None or not (0 <= f.block_index < len(self.spans)) or f.block_end <= f.block_start:
            return None
        shift = f.start - f.block_start  # block offset -> sentence offset
        groups: dict[int, list[Box]] = {}
        got: list[str] = []
        want: list[str] = []
        for page, boff, pci, length in self.spans[f.block_index]:
            lo, hi = max(f.block_start, boff), min(f.block_end, boff + length)
            if lo >= hi:
                continue
            p = page - 1
            if not (0 <= p < len(self.pdf)):
                return None
            tp = self._textpage(p)
            for k in range(lo, hi):
                i = pci + (k - boff)
                code = pdfium_c.FPDFText_GetUnicode(tp.raw, i)
                got.append(chr(code) if code else "")
                want.append(f.sentence[k + shift] if 0 <= k + shift < len(f.sentence) else "")
                groups.setdefault(p, []).append(tuple(tp.get_charbox(i, loose=True)))
        if not groups or _key("".join(got))[0] != _key("".join(want))[0]:
            return None
        return sorted(groups.items())

    def _find(self, page_no: int, target: str, skip: int, length: int) -> list[Box] | None:
        if not target:
            return None
        pg = self.page(page_no)
        pos = pg.key.find(target)
        if pos < 0:
            return None
        return pg.boxes[pos + skip:pos + skip + length]

    def by_search(self, f: Finding) -> list[tuple[int, list[Box]]] | None:
        """Fallback: find the sentence (then the match) in the page text: [(0-based page, boxes)]."""
        before_key, _ = _key(f.sentence[:f.start])
        match_key, _ = _key(f.sentence[f.start:f.end]) if f.end > f.start else _key(f.sentence)
        if not match_key:
            match_key, _ = _key(f.match_text)
        sent_key, _ = _key(f.sentence)
        skip = len(before_key) if f.end > f.start else 0
        n = len(self.pdf)
        first = (f.location.page - 1) if f.location.page and 1 <= f.location.page <= n else None
        order = ([first] if first is not None else []) + [p for p in range(n) if p != first]
        for p in order:  # whole sentence first (the right occurrence), on the expected page first
            got = self._find(p, sent_key, skip, len(match_key))
            if got:
                return [(p, got)]
            if p == first:
                got = self._find(p, match_key, 0, len(match_key))
                if got:
                    return [(p, got)]
        for p in order:
            got = self._find(p, match_key, 0, len(match_key))
            if got:
                return [(p, got)]
        return None

    def locate(self, f: Finding) -> list[tuple[int, list[Box]]] | None:
        groups = self.by_spans(f) or self.by_search(f)
        if not groups:
            return None
        groups = [(p, boxes) for p, boxes in groups if _line_rects(boxes)]
        return groups or None


def loader_spans(original: bytes, name: str) -> Sequence | None:
    """The PDF loader's per-block page-character layout for this file, or None if unavailable."""
    try:
        from ..loaders import pdf_loader

        return pdf_loader.load(original, name).meta.get("pdf_spans")
    except Exception:  # noqa: BLE001 — no layout: placement falls back to searching the pages
        return None


def _pdf_date(created: str) -> str | None:
    try:
        when = dt.datetime.fromisoformat(created)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%SZ")


def _decorate(annot, f_text: str, subject: str, name: str, date: str | None) -> None:
    annot[NameObject("/Contents")] = TextStringObject(f_text)
    annot[NameObject("/T")] = TextStringObject(AUTHOR)
    annot[NameObject("/Subj")] = TextStringObject(subject)
    annot[NameObject("/NM")] = TextStringObject(name)
    if date:
        annot[NameObject("/M")] = TextStringObject(date)


def _open_writer(original: bytes) -> PdfWriter:
    try:
        return PdfWriter(PdfReader(io.BytesIO(original)), incremental=True)
    except Exception:  # noqa: BLE001 — a damaged xref: fall back to a full re-write
        return PdfWriter(clone_from=PdfReader(io.BytesIO(original)))


def annotate_pdf(original: bytes, findings: Sequence[Finding], created: str = "", *,
                 pdf_spans: Sequence | None = None, name: str = "document.pdf") -> bytes:
    """Return ``original`` with a yellow Highlight + pop-up note for every finding placed on a page.

    ``pdf_spans`` is ``DocumentReport.meta["pdf_spans"]`` when the caller has it; otherwise the
    file is re-loaded with the PDF loader to get it. A match that runs over a page break gets
    one highlight on each page.
    """
    if pdf_spans is None:
        pdf_spans = loader_spans(original, name)
    pdf = pdfium.PdfDocument(original)
    locator = _Locator(pdf, pdf_spans)
    try:
        placed: list[tuple[Finding, list[tuple[int, list[Box]]]]] = []
        unplaced: list[Finding] = []
        for f in findings:
            groups = locator.locate(f)
            if groups is None:
                unplaced.append(f)
            else:
                placed.append((f, groups))
    finally:
        locator.close()
        pdf.close()

    writer = _open_writer(original)
    date = _pdf_date(created)
    n = 0
    for f, groups in placed:
        for page_no, boxes in groups:
            n += 1
            rects = _line_rects(boxes)
            rect = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
                    max(r[3] for r in rects))
            quads = ArrayObject(FloatObject(round(v, 2)) for v in quad_points(rects))
            hl = Highlight(rect=rect, quad_points=quads, highlight_color=YELLOW, printing=True)
            _decorate(hl, comment_text(f), f"{f.rule_id} {severity_label(f.severity)}",
                      f"checker-{n:04d}-{f.fingerprint}", date)
            hl[NameObject("/C")] = ArrayObject([FloatObject(1), FloatObject(1), FloatObject(0)])
            added = writer.add_annotation(page_no, hl)
            box = writer.pages[page_no].mediabox
            right = float(box.right)
            popup_rect = (max(float(box.left), right - 220), max(float(box.bottom), rect[3] - 120), right - 10,
                          rect[3])
            writer.add_annotation(page_no, Popup(rect=popup_rect, parent=added, open=False))
    if unplaced:
        lines = [UNPLACED_HEAD]
        for i, f in enumerate(unplaced, start=1):
            where = f"第{f.location.page}页 " if f.location.page else ""
            lines.append(f"{i}. {where}{comment_text(f).splitlines()[0]}：«{f.match_text}»")
        box = writer.pages[0].mediabox
        left, top = float(box.left), float(box.top)
        note = Text(rect=(left + 20, top - 40, left + 40, top - 20), text="\n".join(lines), open=False)
        note[NameObject("/T")] = TextStringObject(AUTHOR)
        note[NameObject("/F")] = NumberObject(4)
        if date:
            note[NameObject("/M")] = TextStringObject(date)
        writer.add_annotation(0, note)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
