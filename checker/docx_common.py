"""WordprocessingML helpers shared by the DOCX loader and the Word annotator.

The loader and the annotator must agree on two things, so both live here and
nowhere else:

1. **Which paragraph is "paragraph N".** :func:`iter_body_paragraphs` yields every
   ``w:p`` descendant of ``w:body`` in document order (table cells, nested tables
   and text boxes included), skipping the copies Word keeps under
   ``mc:Fallback`` (the ``mc:Choice`` branch is the one read). ``Location.paragraph``
   of a DOCX block is the 1-based position in that sequence.
2. **Which run characters make up a paragraph's text.** :func:`paragraph_runs`
   returns ``(w:r element, start, end)`` for every run that contributes text, with
   offsets in the paragraph text as the loader reports it WITHOUT the rendered
   numbering label. The loader builds ``Block.text`` from exactly this mapping
   (:func:`paragraph_text` is the concatenation of :func:`run_text` over the same
   runs), so ``block offset - Block.anchor_offset`` is an offset into it.

Text rules (the catch: Word shows more or less than the ``w:t`` elements):

* included: runs directly in the paragraph and inside ``w:ins`` (tracked
  insertions), ``w:moveTo``, ``w:hyperlink``, ``w:smartTag``, ``w:customXml``,
  ``w:sdt/w:sdtContent``, ``w:fldSimple`` (its cached result), ``w:dir``/``w:bdo``,
  ``mc:AlternateContent/mc:Choice``; complex-field results (the runs between
  ``separate`` and ``end``) are ordinary runs and included;
* excluded: ``w:del`` and ``w:moveFrom`` (tracked deletions), ``w:delText``,
  ``w:instrText`` (field codes), runs whose own ``w:rPr`` has ``w:vanish`` (hidden
  text), ruby annotation text (``w:rt``; the base text is kept), and the content of
  drawings/VML shapes: text boxes are separate paragraphs of their own (they are
  ``w:p`` descendants, so they get their own index) and never part of the
  paragraph that anchors them;
* characters: ``w:t`` text, ``w:tab``/``w:ptab`` → ``"\\t"``, ``w:br``/``w:cr`` →
  ``"\\n"``, ``w:noBreakHyphen`` → ``"-"``, ``w:softHyphen`` → nothing, ``w:sym`` →
  its Unicode character (Symbol/Wingdings private-use codes mapped for the common
  ones such as ≥ ≤ ± × ✓ □, otherwise the private-use character itself).

Table cells: the loader joins a cell's paragraphs with ``"\\n"`` into one block,
each paragraph preceded by its own rendered numbering label. The layout of such
a block is recorded in ``Document.meta["docx_cell_paragraphs"]`` (keyed by the
cell's first paragraph index) as ``(paragraph, start, prefix, length)`` tuples;
:func:`block_paragraph_spans` and :func:`block_offset_to_paragraph` turn a block
offset back into ``(paragraph index, offset in paragraph_runs text)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
MC = f"{{{MC_NS}}}"

W_BODY = W + "body"
W_P = W + "p"
W_R = W + "r"
W_T = W + "t"
W_TBL = W + "tbl"
W_TR = W + "tr"
W_TC = W + "tc"
W_PPR = W + "pPr"
W_RPR = W + "rPr"
W_VANISH = W + "vanish"
W_TXBX = W + "txbxContent"
W_SDT = W + "sdt"
W_SDT_CONTENT = W + "sdtContent"
W_CUSTOMXML = W + "customXml"
W_VAL = W + "val"
MC_ALTERNATE = MC + "AlternateContent"
MC_CHOICE = MC + "Choice"
MC_FALLBACK = MC + "Fallback"

# Inline containers whose runs are part of the paragraph text.
_RUN_CONTAINERS = frozenset(W + t for t in (
    "ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo",
    "sdtContent",
))
_W_SDT = W_SDT
_W_TAB = W + "tab"
_W_PTAB = W + "ptab"
_W_BR = W + "br"
_W_CR = W + "cr"
_W_NBH = W + "noBreakHyphen"
_W_SYM = W + "sym"
_W_RUBY = W + "ruby"
_W_RUBYBASE = W + "rubyBase"
_W_CHAR = W + "char"
_W_FONT = W + "font"
_FALSE = frozenset(("0", "false", "off"))

# Private-use codes of the Symbol / Wingdings fonts (w:sym w:char="F0B3") that
# tender documents use for comparison signs and check boxes.
_SYMBOL_CHARS = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠",
                 0xBB: "≈", 0xB0: "°", 0xD6: "√", 0xA5: "∞", 0xAE: "→", 0xAC: "←"}
_WINGDINGS_CHARS = {0xFC: "✓", 0xFB: "✗", 0xFD: "☒", 0xFE: "☑", 0xA8: "□", 0x6F: "□",
                    0x71: "□", 0x78: "☒", 0xA1: "○", 0x6C: "●", 0x9F: "•"}


def iter_body_paragraphs(body: Any) -> Iterator[Any]:
    """Every ``w:p`` under ``body`` in document order, minus those under ``mc:Fallback``.

    Works for any part root too (header, footer, a footnote). Position i (1-based)
    in this sequence is ``Location.paragraph`` of the DOCX loader.
    """
    fallback = {p for fb in body.iter(MC_FALLBACK) for p in fb.iter(W_P)}
    if not fallback:
        yield from body.iter(W_P)
        return
    for p in body.iter(W_P):
        if p not in fallback:
            yield p


def iter_runs(parent: Any) -> Iterator[Any]:
    """The ``w:r`` elements that make up a paragraph's text, in order (see module doc)."""
    for child in parent:
        tag = child.tag
        if tag == W_R:
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from iter_runs(child)
        elif tag == _W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from iter_runs(content)
        elif tag == MC_ALTERNATE:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                yield from iter_runs(choice)
        # w:pPr, w:del, w:moveFrom, bookmarks, comment marks, m:oMath...: no text


def _is_hidden(rpr: Any) -> bool:
    vanish = rpr.find(W_VANISH)
    return vanish is not None and vanish.get(W_VAL, "true") not in _FALSE


def sym_char(sym: Any) -> str:
    """Unicode character shown for a ``w:sym`` element ("" if it has no code)."""
    code_text = sym.get(_W_CHAR) or ""
    try:
        code = int(code_text, 16)
    except ValueError:
        return ""
    font = (sym.get(_W_FONT) or "").lower()
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if "wingding" in font and low in _WINGDINGS_CHARS:
        return _WINGDINGS_CHARS[low]
    if "symbol" in font and low in _SYMBOL_CHARS:
        return _SYMBOL_CHARS[low]
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return ""


def run_text(run: Any) -> str:
    """The characters one ``w:r`` contributes to its paragraph's text (see :func:`run_pieces`)."""
    return "".join(text for _, text in run_pieces(run))


def run_pieces(run: Any) -> list[tuple[Any, str]]:
    """``(child element, text)`` for each child of ``run`` that shows text, in order.

    For annotators that split a run at an offset: the texts concatenate to
    :func:`run_text` (a ``w:t`` gives its text, ``w:tab`` "\\t", a ``w:ruby`` its base
    text, ...). A hidden run has no pieces.
    """
    pieces: list[tuple[Any, str]] = []
    for child in run:
        tag = child.tag
        if tag == W_RPR:
            if _is_hidden(child):
                return []
            continue
        text = run_text_of_child(child)
        if text:
            pieces.append((child, text))
    return pieces


def run_text_of_child(child: Any) -> str:
    """Text one child element of a ``w:r`` contributes ("" for properties, deletions, fields)."""
    tag = child.tag
    if tag == W_T:
        return child.text or ""
    if tag == _W_TAB or tag == _W_PTAB:
        return "\t"
    if tag == _W_BR or tag == _W_CR:
        return "\n"
    if tag == _W_NBH:
        return "-"
    if tag == _W_SYM:
        return sym_char(child)
    if tag == _W_RUBY:
        base = child.find(_W_RUBYBASE)
        return "" if base is None else "".join(run_text(r) for r in iter_runs(base))
    return ""


def paragraph_runs(p: Any) -> list[tuple[Any, int, int]]:
    """``(run, start, end)`` for each text-bearing run of ``p``; offsets in :func:`paragraph_text`."""
    out: list[tuple[Any, int, int]] = []
    pos = 0
    for run in iter_runs(p):
        text = run_text(run)
        if text:
            out.append((run, pos, pos + len(text)))
            pos += len(text)
    return out


def paragraph_text(p: Any) -> str:
    """The paragraph text the loader reports (without numbering): runs of :func:`paragraph_runs`."""
    return "".join(run_text(run) for run in iter_runs(p))


# --- block offsets back to paragraphs ------------------------------------------------

Span = tuple[int, int, int, int]  # (paragraph index, start in block text, prefix length, text length)


def block_paragraph_spans(block: Any, meta: Mapping[str, Any] | None = None) -> tuple[Span, ...]:
    """The paragraphs a DOCX block is made of, as ``(paragraph, start, prefix, length)``.

    ``start`` is where the paragraph's rendered text (numbering label included)
    begins in ``block.text``; ``prefix`` is the label length; ``length`` the length
    of its run text. A multi-paragraph table cell is looked up in
    ``meta["docx_cell_paragraphs"]``; any other block is one paragraph.
    Blocks without a paragraph index (headers, footers, notes) give ``()``.
    """
    para = block.location.paragraph
    if para is None:
        return ()
    cells = (meta or {}).get("docx_cell_paragraphs") or {}
    spans = cells.get(para)
    if spans:
        return tuple(tuple(s) for s in spans)  # type: ignore[misc]
    prefix = block.anchor_offset
    return ((para, 0, prefix, len(block.text) - prefix),)


def block_offset_to_paragraph(spans: Sequence[Span], offset: int,
                              *, end: bool = False) -> tuple[int, int] | None:
    """Map an offset in ``Block.text`` to ``(paragraph index, offset in paragraph_runs text)``.

    An offset inside a numbering label maps to 0 of that paragraph. The ``"\\n"``
    between two paragraphs belongs to the earlier one when ``end`` is true (an
    exclusive end offset), to the later one otherwise. None if out of range.
    """
    for i, (para, start, prefix, length) in enumerate(spans):
        stop = start + prefix + length
        if offset < start:
            continue
        if offset < stop or (offset == stop and (end or i == len(spans) - 1)):
            return para, max(0, offset - start - prefix)
        if offset == stop and i + 1 < len(spans) and not end:
            nxt = spans[i + 1]
            return nxt[0], 0
    return None
