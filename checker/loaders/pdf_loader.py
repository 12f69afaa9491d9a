"""PDF input: pypdfium2 text + geometry, paragraphs re-joined, tables as cells, running headers removed.

Why pypdfium2 and not pdfplumber: on the 300-page synthetic tender pdfium extracts text ~40x
faster (see bench/ and the issue-3 report); pdfplumber (pure-Python pdfminer) alone would take
~13 s. Table structure is recovered here from pdfium's own path objects (ruling lines), so
pdfplumber is not needed for loading, not even for 评分标准 tables; it serves as the independent
oracle for character boxes in tests/test_annotate_pdf.py.

What comes out, in reading order (pdfium's content-stream order, page by page):

* paragraphs (``kind="paragraph"``): pdfium's lines re-joined. Two consecutive lines join unless
  the first ends a sentence (。！？；：…), the second starts a heading or list item (第X章, 一、,
  （一）, 1、, ①, ■ …), the first line stops short of the right margin (the page's text column,
  or the document's on sparse pages), the font size changes, or the vertical gap is much larger
  than the document's line pitch. Paragraphs continue across
  page breaks (the running header/footer in between is skipped). Lines join with no separator,
  except a single space between two Latin letters.
* table cells (``kind="table_cell"``, ``location.table/row/column`` 1-based): tables are found
  from ruling lines (thin path objects) snapped into a grid; every text fragment is put into the
  grid cell under its first character, so a cell merged over several rows or columns appears
  once, at the grid row/column where its text sits. A table that continues on the next page
  (same column lines, first thing on the page) keeps its table number and row count.
* running headers/footers: lines in the top/bottom ~11 % of the page whose text (digits
  ignored) recurs at the same height on several pages. The first copy is kept as ONE block
  (``kind``/``part`` = "header"/"footer"); the rest are dropped, so they are checked once, not
  per page. Page numbers ("3", "- 3 -", "第 3 页 共 98 页", "3/98") in those bands are dropped.
* ``heading_level``: 1 for a short block (<= 60 chars, no sentence end) set at >= 1.3x the body
  font size, 2 for >= 1.15x; None otherwise (sections.py adds numbering patterns). Font size =
  loose glyph box height: pdfium's nominal size is unreliable (1.0 or 240 in some files). Bold
  is not used: several producers set whole documents in a "Bold" font.

Text and offsets: ``Block.text`` is made of slices of pdfium's page text. Spaces pdfium inserts
at CJK/Latin "autospace" gaps (``不少于 3 年``) and between spaced-out CJK characters are KEPT
(the normalizer folds them), so every character of a block, apart from the join separators above
and "\\n" between paragraphs of one table cell, is one character of the page (Symbol-font code
points U+F020–U+F07E are read as the ASCII they stand for: "\\uf031\\uf02e" → "1.").
``Document.meta["pdf_spans"]`` (aligned with ``Document.blocks``) records, per block, the slices
``(page, block_offset, page_char_index, length)`` (page 1-based); :func:`char_boxes` /
:func:`highlight_rects` turn a span of ``Block.text`` into boxes.

Boxes: ``Block.boxes`` stays None. Computing every character's box costs ~0.3-0.4 s per
300 table-heavy pages (more for dense prose), so boxes are computed lazily, only for the
matched text, by :func:`char_boxes` (one ``(page, (x0, top, x1, bottom))`` per character,
PDF points, TOP-LEFT origin of the page box, like pdfplumber).

Unreadable parts are reported, never silently skipped: pages with (almost) no text but an
image or vector drawing covering them ("第3–4页无文字层（可能是扫描件），未检查") and pages whose
text is mostly private-use / replacement characters or ``(cid:…)`` ("乱码"). Their text is not
checked. A PDF with NO checkable page still gives a Document, with zero blocks and the warning
(the pipeline turns that into a non-ok status).

meta: ``format="pdf"``, ``pages`` (page count), ``pages_unchecked`` (COUNT of unchecked
pages), ``unchecked_pages`` (their 1-based numbers), ``pages_checked``, ``tables``,
``pdf_spans`` (see above; not meant for reports).

Errors: password-protected → LoadError "PDF 已加密（需要密码），无法读取"; anything pdfium
cannot parse → "PDF 文件已损坏，无法解析".

Catches: pages are read in content-stream order, which for multi-column layouts may interleave
columns; rotated pages are not rotated back (boxes are in the unrotated page space).
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Block, Document, Location, page_ranges

Box = tuple[float, float, float, float]
Span = tuple[int, int, int, int]  # (page 1-based, block offset, page char index, length)

ENCRYPTED = "PDF 已加密（需要密码），无法读取"
CORRUPT = "PDF 文件已损坏，无法解析"

_BAND = 0.11  # top/bottom share of the page height where running headers/footers live
_TERMINAL = frozenset("。！？；;!?：:")
_CLOSERS = "”’）)」』】》\"'"
_STRONG_START = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条篇卷部]|[一二三四五六七八九十]+[、．.]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、)）]|\d{1,2}[.．](?!\d)|[①-⑳⑴-⒇㈠-㈩]"
    r"|[■□●◆◇★☆▲△※•·▪√✓]|附件|附表|注[:：]|备注[:：])"
)
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–]?\s*\d{1,4}\s*[-—–]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r"|[IVXLCivxlc]{1,6})\s*"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
# private-use, replacement and control characters, and pdfminer-style "(cid:123)" (one each)
_BAD = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0b-\x1f]|\\(cid:\\d+\\)")

_PATH, _IMAGE, _FORM = 2, 3, 5  # FPDF_PAGEOBJ_* (stable pdfium constants)


@dataclass
class _Line:
    """One pdfium line (text between two generated line breaks), stripped, with geometry."""

    page: int  # 0-based
    start: int  # page char index of the first non-space character
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    role: str = "body"  # body | running | pagenum | table | drop
    table: _Table | None = None


@dataclass
class _Table:
    page: int
    xs: list[float]  # column boundaries
    ys: list[float]  # row boundaries (top-left origin, increasing downwards)
    bbox: Box
    anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # merged grid cells
    number: int = 0
    row_offset: int = 0
    cells: dict[tuple[int, int], list[tuple[_Line, int, int]]] = field(default_factory=dict)

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """Grid (row, column) under a point; a merged cell answers with its top-left grid cell."""
        r = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        c = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        return self.anchors.get((r, c), (r, c))

    def contains(self, x: float, y: float) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1


@dataclass
class _Page:
    index: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table]
    text_chars: int  # non-space characters
    bad_chars: int  # private-use, replacement, control, (cid:…)
    cover: float  # share of the page covered by images / form XObjects
    glyphs: int  # small vector shapes (text converted to outlines looks like this)


def load(data: bytes, name: str) -> Document:
    """Read a PDF into blocks (see the module docstring), or raise LoadError."""
    import pypdfium2 as pdfium

    from . import LoadError

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4 or "password" in str(exc).lower():
            raise LoadError(name, ENCRYPTED) from None
        raise LoadError(name, CORRUPT) from None
    try:
        try:
            pages = [_read_page(pdf, i) for i in range(len(pdf))]
        except pdfium.PdfiumError:
            raise LoadError(name, CORRUPT) from None
    finally:
        pdf.close()
    return _assemble(name, pages)


# ---------------------------------------------------------------- page reading (pdfium only)


def _read_page(pdf, index: int) -> _Page:
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        tables, cover, glyphs = _objects(page.raw, raw, width, height)
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            if len(text) != textpage.count_chars():  # rare (UCS-2 limits): keep text, map may drift
                text = text[: textpage.count_chars()]
            lines = _lines(textpage, text, index, height)
            for t in tables:
                t.page = index
            if tables:
                _fill_tables(textpage, lines, tables, height)
        finally:
            textpage.close()
    finally:
        page.close()
    nonspace = sum(len(ln.text) - ln.text.count(" ") for ln in lines)
    bad = sum(len(_BAD.findall(ln.text)) for ln in lines)
    return _Page(index, width, height, lines, [t for t in tables if t.cells], nonspace, bad, cover, glyphs)


# Symbol-encoded fonts (SymbolMT list numbers, Wingdings bullets) come out of pdfium in U+F020–U+F0FF;
# their low byte is the character meant ("\uf031\uf02e" is "1."). One character each: spans stay exact.
_SYMBOL = {0xF000 + c: c for c in range(0x20, 0x7F)}


class _Boxes:
    """Loose character boxes straight from pdfium (the pypdfium2 wrapper allocates per call)."""

    def __init__(self, textpage, height: float):
        import pypdfium2.raw as raw

        self.handle = textpage.raw
        self.height = height
        self.rect = raw.FS_RECTF()
        self.ref = ctypes.byref(self.rect)
        self.fn = raw.FPDFText_GetLooseCharBox

    def __call__(self, index: int) -> Box:
        """(x0, top, x1, bottom), top-left origin."""
        r = self.rect
        if not self.fn(self.handle, index, self.ref):
            return (0.0, 0.0, 0.0, 0.0)
        return (r.left, self.height - r.top, r.right, self.height - r.bottom)


def _lines(textpage, text: str, page: int, height: float) -> list[_Line]:
    """Split pdfium's text at its generated CRLF; geometry from 2-3 loose char boxes per line."""
    box = _Boxes(textpage, height)
    out: list[_Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\r\n", pos)
        end = n if nl < 0 else nl
        raw_line = text[pos:end].translate(_SYMBOL)
        stripped = raw_line.strip()
        if stripped:
            s = pos + (len(raw_line) - len(raw_line.lstrip()))
            e = s + len(stripped)
            x0, t0, r0, b0 = box(s)
            x1, t1, r1, b1 = box(e - 1) if e - 1 > s else (x0, t0, r0, b0)
            m = _CJK.search(stripped)
            if m and m.start() > 0:
                _, tc, _, bc = box(s + m.start())
                size = bc - tc
            else:
                size = b0 - t0
            # vertical extent from the first character: pdfium sometimes appends a run from another
            # baseline (a neighbouring table cell) to a line
            out.append(_Line(page, s, stripped, min(x0, x1), t0, max(r0, r1), b0, round(size, 1)))
        if nl < 0:
            break
        pos = nl + 2
    return out


def _objects(page_handle, raw, width: float, height: float) -> tuple[list[_Table], float, int]:
    """Ruling lines → tables; image coverage and outlined-glyph count for the no-text-layer check."""
    count = raw.FPDFPage_CountObjects(page_handle)
    get_obj, get_type, get_bounds = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    fl, fb, fr, ft = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = (ctypes.byref(fl), ctypes.byref(fb), ctypes.byref(fr), ctypes.byref(ft))
    h_edges: list[tuple[float, float, float]] = []  # (y, x0, x1), top-left origin
    v_edges: list[tuple[float, float, float]] = []  # (x, y0, y1)
    cover_area = 0.0
    glyphs = 0
    for k in range(count):
        obj = get_obj(page_handle, k)
        kind = get_type(obj)
        if kind not in (_PATH, _IMAGE, _FORM):
            continue
        if not get_bounds(obj, *refs):
            continue
        x0, x1 = fl.value, fr.value
        top, bottom = height - ft.value, height - fb.value
        w, h = x1 - x0, bottom - top
        if kind != _PATH:
            cover_area += max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(bottom, height) - max(top, 0.0))
        elif h <= 2.5 and w > 3:
            h_edges.append(((top + bottom) / 2, x0, x1))
        elif w <= 2.5 and h > 3:
            v_edges.append(((x0 + x1) / 2, top, bottom))
        elif w < 40 and h < 40:
            glyphs += 1  # small shapes: text converted to outlines looks like many of these
        else:
            _path_edges(obj, raw, height, h_edges, v_edges)
    cover = min(1.0, cover_area / (width * height)) if width * height > 0 else 0.0
    return _tables(h_edges, v_edges), cover, glyphs


def _path_edges(obj, raw, height: float, h_edges: list, v_edges: list) -> None:
    """Axis-parallel edges of a path that draws several lines or boxes at once (a whole table grid).

    Every sub-path that is a thin box becomes one edge (filled thin rectangles are a common way to
    draw borders); when the path is stroked, every straight axis-parallel segment is an edge too.
    """
    n = raw.FPDFPath_CountSegments(obj)
    if n <= 1 or n > 5000:
        return
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    px, py = ctypes.c_float(), ctypes.c_float()
    rx, ry = ctypes.byref(px), ctypes.byref(py)
    subpaths: list[list[tuple[float, float, int]]] = []
    for i in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, rx, ry)
        x, y = px.value, py.value
        point = (m.a * x + m.c * y + m.e, height - (m.b * x + m.d * y + m.f), kind)
        if kind == 2 or not subpaths:  # MOVETO
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
    for sub in subpaths:
        xs = [p[0] for p in sub]
        ys = [p[1] for p in sub]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if h <= 2.5 and w > 3:
            h_edges.append(((max(ys) + min(ys)) / 2, min(xs), max(xs)))
        elif w <= 2.5 and h > 3:
            v_edges.append(((max(xs) + min(xs)) / 2, min(ys), max(ys)))
        elif stroke.value:
            for (ax, ay, _), (bx, by, kind) in zip(sub, sub[1:], strict=False):
                if kind != 0:  # LINETO only; curves are not borders
                    continue
                if abs(ay - by) <= 1 and abs(ax - bx) > 3:
                    h_edges.append((ay, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) <= 1 and abs(ay - by) > 3:
                    v_edges.append((ax, min(ay, by), max(ay, by)))


# ---------------------------------------------------------------- tables from ruling lines


def _merge_edges(edges: list[tuple[float, float, float]], tol: float = 2.0) -> list[list[float]]:
    """Join collinear edges (same coordinate within tol, overlapping or touching)."""
    merged: list[list[float]] = []
    for c, a, b in sorted(edges, key=lambda e: (round(e[0]), e[1])):
        for m in reversed(merged[-8:]):
            if abs(m[0] - c) <= tol and a <= m[2] + 3 and b >= m[1] - 3:
                m[1], m[2] = min(m[1], a), max(m[2], b)
                break
        else:
            merged.append([c, a, b])
    return merged


def _cluster(values: Iterable[float], tol: float = 2.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _merged_cells(xs: list[float], ys: list[float], hs: list[list[float]], vs: list[list[float]]
                  ) -> dict[tuple[int, int], tuple[int, int]]:
    """Grid cells not separated by a ruling line belong to one merged cell: map each to its top-left."""

    def by_boundary(edges: list[list[float]], bounds: list[float]) -> dict[int, list[tuple[float, float]]]:
        out: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for c, a, b in edges:
            i = min(range(len(bounds)), key=lambda k: abs(bounds[k] - c))
            if abs(bounds[i] - c) <= 2.5:
                out[i].append((a, b))
        return out

    def covered(intervals: list[tuple[float, float]], mid: float) -> bool:
        return any(a - 1 <= mid <= b + 1 for a, b in intervals)

    h_at, v_at = by_boundary(hs, ys), by_boundary(vs, xs)
    rows, cols = len(ys) - 1, len(xs) - 1
    pairs = []
    for j in range(1, cols):  # inner vertical rules
        for r in range(rows):
            if not covered(v_at.get(j, []), (ys[r] + ys[r + 1]) / 2):
                pairs.append(((r, j - 1), (r, j)))
    for i in range(1, rows):  # inner horizontal rules
        for c in range(cols):
            if not covered(h_at.get(i, []), (xs[c] + xs[c + 1]) / 2):
                pairs.append(((i - 1, c), (i, c)))
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in parent}  # every merged cell became a key when it stopped being a root


def _tables(h_raw: list[tuple[float, float, float]], v_raw: list[tuple[float, float, float]]) -> list[_Table]:
    if len(h_raw) < 2 or len(v_raw) < 2:
        return []
    hs, vs = _merge_edges(h_raw), _merge_edges(v_raw)
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = 2.5
    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, e in enumerate(hs):
        groups[find(i)][0].append(e)
    for j, e in enumerate(vs):
        groups[find(len(hs) + j)][1].append(e)
    tables = []
    for g_h, g_v in groups.values():
        if len(g_h) < 2 or len(g_v) < 2:
            continue
        ys = _cluster(e[0] for e in g_h)
        xs = _cluster(e[0] for e in g_v)
        if len(ys) < 3 and len(xs) < 3:
            continue  # a single framed box is a paragraph, not a table
        if len(xs) < 3 or len(ys) < 2:
            continue  # one column (a page frame, a boxed note): read as paragraphs
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        tables.append(_Table(page=-1, xs=xs, ys=ys, bbox=bbox, anchors=_merged_cells(xs, ys, g_h, g_v)))
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _fill_tables(textpage, lines: list[_Line], tables: list[_Table], height: float) -> None:
    """Put each line inside a table box, fragment by fragment (split at spaces), into grid cells.

    pdfium merges the texts of neighbouring cells that share a baseline into one line
    ("序号 审查因素 审查内容"), so a line is cut at its spaces and every fragment goes to the
    cell under its first character.
    """
    box = _Boxes(textpage, height)
    for ln in lines:
        x, y = ln.x0 + 1, (ln.top + ln.bottom) / 2
        table = next((t for t in tables if t.contains(x, y)), None)
        if table is None:
            continue
        ln.role, ln.table = "table", table
        tokens = list(_TOKEN.finditer(ln.text))
        cur: tuple[int, int] | None = None
        start = end = 0
        for tok in tokens:
            left, top, _, bottom = box(ln.start + tok.start())
            cell = table.cell_of(left + 1, (top + bottom) / 2)
            if cell == cur:
                end = tok.end()
                continue
            if cur is not None:
                table.cells.setdefault(cur, []).append((ln, start, end))
            cur, start, end = cell, tok.start(), tok.end()
        if cur is not None:
            table.cells.setdefault(cur, []).append((ln, start, end))


# ---------------------------------------------------------------- document assembly


def _assemble(name: str, pages: list[_Page]) -> Document:
    unchecked, scanned, garbled = _unreadable(pages)
    _mark_running(pages, unchecked)
    blocks, spans, tables = _build_blocks(pages, unchecked)
    warnings = []
    if scanned:
        warnings.append(f"{page_ranges(p + 1 for p in scanned)}无文字层（可能是扫描件），未检查")
    if garbled:
        warnings.append(f"{page_ranges(p + 1 for p in garbled)}文字无法识别（乱码，字体缺少编码映射），未检查")
    if pages and not blocks:
        warnings.append("整个文件没有可检查的文字：请提供带文字层的 PDF，或先做文字识别（OCR）后再检查")
    meta = {
        "format": "pdf",
        "pages": len(pages),
        "pages_unchecked": len(unchecked),
        "unchecked_pages": sorted(p + 1 for p in unchecked),
        "pages_checked": len(pages) - len(unchecked),
        "tables": tables,
        "pdf_spans": tuple(spans),
    }
    return Document(name=name, blocks=tuple(blocks), warnings=tuple(warnings), meta=meta)


def _unreadable(pages: list[_Page]) -> tuple[set[int], list[int], list[int]]:
    scanned, garbled = [], []
    for p in pages:
        if p.text_chars and p.bad_chars / p.text_chars >= 0.3 and p.bad_chars >= 10:
            garbled.append(p.index)
        elif p.text_chars < 20 and (p.cover >= 0.3 or p.glyphs >= 50):
            scanned.append(p.index)
    return set(scanned) | set(garbled), scanned, garbled


def _mark_running(pages: list[_Page], skip: set[int]) -> None:
    """Running headers/footers and page numbers: lines in the edge bands, repeated across pages."""
    live = [p for p in pages if p.index not in skip and p.lines]
    occurrences: dict[tuple[str, str], list[tuple[int, float, _Line]]] = defaultdict(list)
    for p in live:
        for ln in p.lines:
            if ln.role != "body":
                continue
            mid = (ln.top + ln.bottom) / 2
            band = "header" if mid < p.height * _BAND else "footer" if mid > p.height * (1 - _BAND) else ""
            if not band:
                continue
            if _PAGE_NUMBER.fullmatch(ln.text):
                ln.role = "pagenum"
                continue
            key = _DIGITS.sub("#", ln.text.replace(" ", ""))
            occurrences[(band, key)].append((p.index, ln.top, ln))
    need = max(2, round(0.15 * len(live)))
    for (band, _key), occ in occurrences.items():
        if len({pi for pi, _, _ in occ}) < need:
            continue
        y = statistics.median(t for _, t, _ in occ)
        same = [o for o in occ if abs(o[1] - y) <= 4]
        if len({pi for pi, _, _ in same}) < need:
            continue
        for i, (_, _, ln) in enumerate(sorted(same, key=lambda o: (o[0], o[1]))):
            ln.role = band if i == 0 else "drop"


def _build_blocks(pages: list[_Page], skip: set[int]) -> tuple[list[Block], list[tuple[Span, ...]], int]:
    body_lines = [ln for p in pages if p.index not in skip for ln in p.lines if ln.role == "body"]
    builder = _Builder(_body_size(body_lines), _margins(pages, skip), _line_pitch(body_lines))
    last: _Line | _Table | None = None  # last body line or table emitted (running lines excluded)
    table_no = 0
    for p in pages:
        if p.index in skip:
            continue
        emitted: set[int] = set()
        for ln in p.lines:
            if ln.role in ("header", "footer"):
                builder.running(ln)
            elif ln.role == "body":
                builder.line(ln, p.width)
                last = ln
            elif ln.role == "table" and ln.table is not None and id(ln.table) not in emitted:
                t = ln.table
                emitted.add(id(t))
                if isinstance(last, _Table) and _continues_table(last, t):
                    t.number, t.row_offset = last.number, last.row_offset + len(last.ys) - 1
                else:
                    table_no += 1
                    t.number = table_no
                builder.table(t)
                last = t
    builder.flush()
    return builder.blocks, builder.spans, table_no


def _continues_table(prev: _Table, cur: _Table) -> bool:
    if cur.page != prev.page + 1 or len(cur.xs) != len(prev.xs):
        return False
    return all(abs(a - b) <= 3 for a, b in zip(cur.xs, prev.xs, strict=True))


def _body_size(lines: list[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        if 3 < ln.size < 80:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _margins(pages: list[_Page], skip: set[int]) -> dict[int, tuple[float, float]]:
    """Per page: the text column (10th percentile of line starts, 90th of line ends).

    A page's own column is used when it has enough lines and is not much narrower than the
    document's (chapters can have their own margins); sparse pages (forms) use the document's.
    """

    def column(lines: list[_Line]) -> tuple[float, float]:
        x0s = sorted(ln.x0 for ln in lines)
        x1s = sorted(ln.x1 for ln in lines)
        return x0s[int(len(x0s) * 0.1)], x1s[min(len(x1s) - 1, int(len(x1s) * 0.9))]

    by_width: dict[int, list[_Line]] = defaultdict(list)
    for p in pages:
        if p.index not in skip:
            by_width[round(p.width)] += [ln for ln in p.lines if ln.role == "body"]
    doc_cols = {w: column(lines) for w, lines in by_width.items() if lines}
    out = {}
    for p in pages:
        lines = [ln for ln in p.lines if ln.role == "body"]
        doc_col = doc_cols.get(round(p.width), (p.width * 0.15, p.width * 0.85))
        col = column(lines) if len(lines) >= 6 else doc_col
        out[p.index] = col if col[1] >= doc_col[1] - 0.12 * p.width else doc_col
    return out


def _line_pitch(lines: list[_Line]) -> float:
    pitches = []
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and abs(a.size - b.size) < 0.5:
            d = b.top - a.top
            if 0.5 * a.size < d < 3 * a.size:
                pitches.append(d)
    return statistics.median(pitches) if pitches else 0.0


_LATIN_WORD = re.compile(r"[\x21-\x7e]+")


def _word_width(ln: _Line) -> float:
    """Rough width of a line's leading Latin/digit run ("60%"), which wraps as a whole."""
    m = _LATIN_WORD.match(ln.text)
    return 0.6 * ln.size * len(m.group()) if m else 0.0


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSERS + " ")
    return bool(t) and t[-1] in _TERMINAL


class _Builder:
    """Accumulates lines into paragraph blocks and tables into cell blocks, with char spans."""

    def __init__(self, body_size: float, margins: dict[int, tuple[float, float]], pitch: float):
        self.body = body_size
        self.margins = margins
        self.pitch = pitch
        self.blocks: list[Block] = []
        self.spans: list[tuple[Span, ...]] = []
        self.parts: list[tuple[str, _Line | None, int]] = []  # (text, source line, page char offset)
        self.last: _Line | None = None
        self.first: _Line | None = None
        self.pending: list[_Line] = []  # running headers met inside an open paragraph

    def _level(self, ln: _Line) -> int | None:
        """Heading level from the font size relative to the body text (None: body size)."""
        if ln.size > 3 * self.body:  # rotated or odd glyph boxes: no evidence
            return None
        if ln.size >= self.body * 1.3:
            return 1
        if ln.size >= self.body * 1.15:
            return 2
        return None

    # -- paragraphs
    def line(self, ln: _Line, width: float) -> None:
        left, right = self.margins.get(ln.page, (width * 0.15, width * 0.85))
        if self.last is not None and not self._joins(self.last, ln, left, right):
            self.flush()
        if self.last is not None:
            a, b = self.last.text[-1], ln.text[0]
            if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
                self.parts.append((" ", None, 0))
        else:
            self.first = ln
        self.parts.append((ln.text, ln, ln.start))
        self.last = ln

    def _joins(self, a: _Line, b: _Line, left: float, right: float) -> bool:
        if _ends_sentence(a.text) or _STRONG_START.match(b.text):
            return False
        la, lb = self._level(a), self._level(b)
        if la != lb or abs(a.size - b.size) > 0.15 * max(a.size, b.size, 1):
            return False
        if a.x1 < right - 2.5 * max(a.size, 6) - _word_width(b):
            if la is not None:
                # a (centred) heading wraps when it filled most of the line: same page, short in total
                return (a.page == b.page and 0 <= b.top - a.top <= 2.2 * a.size
                        and a.x1 - a.x0 >= 0.55 * (right - left) and self._length() + len(b.text) <= 40)
            return False  # a short line ends its paragraph (unless b's first word could not fit)
        if a.page == b.page:
            if b.top < a.top - 1:
                return False  # moved up: another column or an out-of-order text run
            if self.pitch and b.top - a.top > 1.7 * self.pitch:
                return False
        return True

    def _length(self) -> int:
        return sum(len(t) for t, _, _ in self.parts)

    def flush(self) -> None:
        if self.parts and self.first is not None:
            text, spans = _join(self.parts)
            level = self._level(self.first)
            if level is not None and (len(text) > 60 or _ends_sentence(text) or text.endswith(("，", ","))):
                level = None
            loc = Location(paragraph=len(self.blocks) + 1, page=self.first.page + 1)
            self.blocks.append(Block(text=text, location=loc, heading_level=level))
            self.spans.append(spans)
        self.parts, self.last, self.first = [], None, None
        for ln in self.pending:
            self._running(ln)
        self.pending = []

    # -- running header/footer (first copy only; the others were dropped)
    def running(self, ln: _Line) -> None:
        if self.parts:
            self.pending.append(ln)
        else:
            self._running(ln)

    def _running(self, ln: _Line) -> None:
        loc = Location(paragraph=len(self.blocks) + 1, page=ln.page + 1, part=ln.role)
        self.blocks.append(Block(text=ln.text, location=loc, kind=ln.role))
        self.spans.append(((ln.page + 1, 0, ln.start, len(ln.text)),))

    # -- tables
    def table(self, t: _Table) -> None:
        self.flush()
        for (r, c), pieces in sorted(t.cells.items()):
            parts: list[tuple[str, _Line | None, int]] = []
            prev: _Line | None = None
            for ln, s, e in pieces:
                frag = ln.text[s:e]
                if prev is ln:
                    parts.append((" ", None, 0))
                elif prev is not None:
                    tail, head = parts[-1][0][-1], frag[0]
                    if _ends_sentence(parts[-1][0]) or _STRONG_START.match(frag):
                        parts.append(("\n", None, 0))
                    elif tail.isascii() and tail.isalpha() and head.isascii() and head.isalpha():
                        parts.append((" ", None, 0))
                parts.append((frag, ln, ln.start + s))
                prev = ln
            text, spans = _join(parts)
            loc = Location(paragraph=len(self.blocks) + 1, page=pieces[0][0].page + 1, table=t.number,
                           row=t.row_offset + r + 1, column=c + 1)
            self.blocks.append(Block(text=text, location=loc, kind="table_cell"))
            self.spans.append(spans)


def _join(parts: list[tuple[str, _Line | None, int]]) -> tuple[str, tuple[Span, ...]]:
    text: list[str] = []
    spans: list[Span] = []
    off = 0
    for frag, ln, page_off in parts:
        if ln is not None:
            spans.append((ln.page + 1, off, page_off, len(frag)))
        text.append(frag)
        off += len(frag)
    return "".join(text), tuple(spans)


# ---------------------------------------------------------------- boxes for highlighting (lazy)


def char_boxes(data: bytes, spans: Sequence[Span], start: int, end: int) -> list[tuple[int, Box]]:
    """Boxes of the characters of ``Block.text[start:end]`` that come from the page.

    ``spans`` is the block's entry of ``Document.meta["pdf_spans"]`` (the block at index ``i`` of
    ``Document.blocks`` has ``meta["pdf_spans"][i]``). Returns ``(page, (x0, top, x1, bottom))``
    per character, page 1-based, PDF points with the origin at the TOP-LEFT of the page (like
    pdfplumber). Boxes are pdfium's "loose" boxes (the font's full height, so one line's boxes
    line up for a highlight). Join separators and whitespace have no box and are skipped.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    wanted: dict[int, list[int]] = defaultdict(list)  # page → char indices, in text order
    order: list[tuple[int, int]] = []
    for page, boff, cidx, length in spans:
        lo, hi = max(start, boff), min(end, boff + length)
        for k in range(lo, hi):
            wanted[page].append(cidx + k - boff)
            order.append((page, cidx + k - boff))
    if not order:
        return []
    found: dict[tuple[int, int], Box] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for page_no, indices in wanted.items():
            page = pdf[page_no - 1]
            textpage = page.get_textpage()
            try:
                height = page.get_height()
                count = textpage.count_chars()
                for idx in indices:
                    if 0 <= idx < count and not chr(raw.FPDFText_GetUnicode(textpage.raw, idx) or 32).isspace():
                        x0, y0, x1, y1 = textpage.get_charbox(idx, loose=True)  # bottom-left origin
                        if x1 - x0 > 0.1 and y1 - y0 > 0.1:
                            found[(page_no, idx)] = (x0, height - y1, x1, height - y0)
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    return [(p, found[(p, i)]) for p, i in order if (p, i) in found]


def highlight_rects(data: bytes, spans: Sequence[Span], start: int, end: int) -> list[tuple[int, Box]]:
    """:func:`char_boxes` merged into one rectangle per line fragment (what a highlight annotation needs)."""
    rects: list[tuple[int, list[float]]] = []
    for page, (x0, top, x1, bottom) in char_boxes(data, spans, start, end):
        if rects:
            p, r = rects[-1]
            same_line = p == page and min(r[3], bottom) - max(r[1], top) > 0.5 * min(r[3] - r[1], bottom - top)
            if same_line and x0 >= r[0] - 1 and x0 - r[2] < 3 * (bottom - top):
                r[0], r[1], r[2], r[3] = min(r[0], x0), min(r[1], top), max(r[2], x1), max(r[3], bottom)
                continue
        rects.append((page, [x0, top, x1, bottom]))
    return [(p, (r[0], r[1], r[2], r[3])) for p, r in rects]
