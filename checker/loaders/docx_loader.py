"""DOCX input: WordprocessingML read with lxml directly (python-docx is 7–11× slower).

What comes out, in document order:

* header/footer blocks first (``part="header"/"footer"``, ``paragraph=None``): each
  distinct header/footer part once, in the order the sections reference them;
  parts whose text repeats an earlier one are dropped (not checked per page);
* body paragraphs (``kind="paragraph"``) and table cells (``kind="table_cell"``,
  one block per cell, its paragraphs joined with ``"\\n"``; nested tables give
  their own cells; a cell merged over several grid columns or rows (gridSpan /
  vMerge / hMerge) appears once, at its first row and grid column);
* text boxes (``part="textbox"``) right after the paragraph that anchors them
  (``mc:Choice`` is read, ``mc:Fallback`` skipped, so no duplicates);
* footnotes/endnotes (``part="footnote"/"endnote"``, ``kind="note"``) right
  after the paragraph that references them; unreferenced ones at the end.

Tracked changes are read as if accepted: ``w:ins`` text in, ``w:del``/``w:moveFrom``
out. Paragraph indices and run text come from :mod:`checker.docx_common`, the
contract shared with the Word annotator.

Word's automatic numbering (numbering.xml; direct ``w:numPr`` or through the
paragraph style and its ``basedOn`` chain) is rendered and PREPENDED to the block
text — "第一章 招标公告", "1.2 投标文件", "（一）资格要求" — because chapter
detection needs it. The label is followed by ONE SPACE when the level's suffix is
tab or space (the default is tab), and by nothing when it is ``nothing``; bullets
are not rendered. ``Block.anchor_offset`` is the length of label + separator,
text the file's runs do not contain. Counters run in document order over body,
table and text-box paragraphs, one set per abstract list (a ``w:num`` with a
``lvlOverride`` keeps its own set); deeper levels restart after a shallower one
(``lvlRestart`` honoured). Headers, footers and notes are read without labels.
Every label was checked against LibreOffice's own rendering of the real corpus
files (all agree).

Catch: DOCX has no reliable page numbers (pagination happens in Word at layout
time), so ``page`` is always None and ``meta["page_numbers"]`` is False;
``meta["pages"]`` is Word's own estimate from docProps/app.xml when present.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..docx_common import (
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    R_NS,
    W_BODY,
    W_CUSTOMXML,
    W_P,
    W_PPR,
    W_SDT,
    W_SDT_CONTENT,
    W_TBL,
    W_TC,
    W_TR,
    W_TXBX,
    W_VAL,
    W,
    iter_body_paragraphs,
    paragraph_text,
)
from ..model import Block, Document, Location

# --- limits (decompression-bomb guard) -----------------------------------------------
MAX_UNCOMPRESSED_TOTAL = 200 * 1024 * 1024  # sum of declared member sizes
MAX_MEMBER_RATIO = 100  # uncompressed : compressed, checked for members above RATIO_MIN_SIZE
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_PART_BYTES = 150 * 1024 * 1024  # actual bytes read from one member

ENCRYPTED_MESSAGE = "文件已加密（设有打开密码），请去除密码后再上传"
CORRUPT_MESSAGE = "文件已损坏或不完整（无法作为 Word 文档解压），请重新下载或用 Word 另存后再上传"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What zipfile raises on damaged archives (multi-disk headers → NotImplementedError,
# bad UTF-8 names → UnicodeDecodeError, zip-level passwords → RuntimeError, ...).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError,
              NotImplementedError, RuntimeError, UnicodeDecodeError, IndexError, KeyError)

_STRICT_NS = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W[1:-1].encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
)
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = f"{{{R_NS}}}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_comments=True, remove_pis=True)

_W_STYLE = W + "style"
_W_NAME = W + "name"
_W_BASED_ON = W + "basedOn"
_W_STYLE_ID = W + "styleId"
_W_TYPE = W + "type"
_W_DEFAULT = W + "default"
_W_PSTYLE = W + "pStyle"
_W_NUMPR = W + "numPr"
_W_NUMID = W + "numId"
_W_ILVL = W + "ilvl"
_W_OUTLINE = W + "outlineLvl"
_W_ABSTRACT = W + "abstractNum"
_W_ABSTRACT_ID = W + "abstractNumId"
_W_NUM = W + "num"
_W_LVL = W + "lvl"
_W_START = W + "start"
_W_NUMFMT = W + "numFmt"
_W_LVLTEXT = W + "lvlText"
_W_SUFF = W + "suff"
_W_ISLGL = W + "isLgl"
_W_LVL_RESTART = W + "lvlRestart"
_W_LVL_OVERRIDE = W + "lvlOverride"
_W_START_OVERRIDE = W + "startOverride"
_W_NUM_STYLE_LINK = W + "numStyleLink"
_W_TCPR = W + "tcPr"
_W_TRPR = W + "trPr"
_W_GRID_SPAN = W + "gridSpan"
_W_GRID_BEFORE = W + "gridBefore"
_W_RPR = W + "rPr"
_W_DEL = W + "del"
_W_ID = W + "id"
_W_FOOTNOTE_REF = W + "footnoteReference"
_W_ENDNOTE_REF = W + "endnoteReference"
_W_HEADER_REF = W + "headerReference"
_W_FOOTER_REF = W + "footerReference"
_W_INS = W + "ins"
_W_DRAWING = W + "drawing"
_W_PICT = W + "pict"
_FALSE = frozenset(("0", "false", "off"))
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _error(name: str, reason: str) -> Exception:
    from . import LoadError

    return LoadError(name, reason)


# --- package access ------------------------------------------------------------------


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking declared sizes (bomb guard); LoadError otherwise."""
    if data[:8] == OLE2_MAGIC:
        from .legacy_loader import ole_is_encrypted

        if ole_is_encrypted(data):
            raise _error(name, ENCRYPTED_MESSAGE)
        raise _error(name, "内容是 Word 97-2003（.doc）格式，不是 .docx 文件")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except ZIP_ERRORS:
        raise _error(name, CORRUPT_MESSAGE) from None
    check_zip_bomb(infos, name)
    return zf


def check_zip_bomb(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse archives whose declared sizes are implausible (before reading any member)."""
    total = 0
    for info in infos:
        total += info.file_size
        if (info.file_size > RATIO_MIN_SIZE
                and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1)):
            raise _error(name, f"压缩包内容异常（{info.filename} 压缩比超过 {MAX_MEMBER_RATIO}:1，"
                               "疑似“压缩炸弹”），已拒绝读取")
    if total > MAX_UNCOMPRESSED_TOTAL:
        mb = MAX_UNCOMPRESSED_TOTAL // (1024 * 1024)
        raise _error(name, f"压缩包解压后超过 {mb} MB（疑似“压缩炸弹”或文件过大），已拒绝读取")


class _Package:
    """Guarded reads of the parts of an OPC package."""

    def __init__(self, zf: zipfile.ZipFile, name: str):
        self.zf = zf
        self.name = name
        self.names = set(zf.namelist())
        self.read_total = 0

    def read(self, part: str) -> bytes | None:
        part = part.lstrip("/")
        if part not in self.names:
            return None
        try:
            with self.zf.open(part) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except ZIP_ERRORS:
            raise _error(self.name, CORRUPT_MESSAGE) from None
        self.read_total += len(data)
        if len(data) > MAX_PART_BYTES or self.read_total > MAX_UNCOMPRESSED_TOTAL:
            raise _error(self.name, "压缩包解压后内容过大（疑似“压缩炸弹”），已拒绝读取")
        return data

    def xml(self, part: str | None) -> Any | None:
        if not part:
            return None
        data = self.read(part)
        if data is None:
            return None
        if b"purl.oclc.org/ooxml" in data[:4096]:
            for strict, transitional in _STRICT_NS:
                data = data.replace(strict, transitional)
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            raise _error(self.name, f"文件内容已损坏（{part} 无法解析），请用 Word 打开后另存再上传") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type suffix, target part name) for ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(_REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(folder, target))
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            out[rel.get("Id") or ""] = (kind, path)
        return out

    def main_part(self) -> str | None:
        for kind, path in self.rels("").values():
            if kind == "officeDocument" and path in self.names:
                return path
        return "word/document.xml" if "word/document.xml" in self.names else None


# --- styles ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    name: str
    num_id: str | None
    ilvl: int | None
    heading_level: int | None  # from outline level (1-based) or heading style name


class _Styles:
    """Paragraph styles with their basedOn chain resolved (outline level, numbering, name)."""

    def __init__(self, root: Any | None):
        self.raw: dict[str, dict[str, Any]] = {}
        self.default_id: str | None = None
        if root is not None:
            for st in root.iter(_W_STYLE):
                sid = st.get(_W_STYLE_ID)
                if sid is None:
                    continue
                stype = st.get(_W_TYPE) or "paragraph"
                if stype == "paragraph" and st.get(_W_DEFAULT) in ("1", "true", "on"):
                    self.default_id = sid
                name_el = st.find(_W_NAME)
                based = st.find(_W_BASED_ON)
                ppr = st.find(W_PPR)
                num_id = ilvl = outline = None
                if ppr is not None:
                    numpr = ppr.find(_W_NUMPR)
                    if numpr is not None:
                        num_id = _val(numpr.find(_W_NUMID))
                        ilvl = _int(_val(numpr.find(_W_ILVL)))
                    outline = _int(_val(ppr.find(_W_OUTLINE)))
                self.raw[sid] = {
                    "type": stype,
                    "name": _val(name_el) or sid,
                    "based": _val(based),
                    "num_id": num_id,
                    "ilvl": ilvl,
                    "outline": outline,
                }
        self._cache: dict[str | None, _StyleInfo] = {}

    def info(self, style_id: str | None) -> _StyleInfo:
        if style_id is None or style_id not in self.raw:
            style_id = self.default_id
        cached = self._cache.get(style_id)
        if cached is not None:
            return cached
        name = ""
        num_id: str | None = None
        ilvl: int | None = None
        outline: int | None = None
        name_level: int | None = None
        seen: set[str] = set()
        sid = style_id
        first = True
        while sid is not None and sid in self.raw and sid not in seen:
            seen.add(sid)
            st = self.raw[sid]
            if first:
                name = st["name"]
                first = False
            if num_id is None and st["num_id"] is not None:
                num_id = st["num_id"]
            if ilvl is None and st["ilvl"] is not None:
                ilvl = st["ilvl"]
            if outline is None and st["outline"] is not None:
                outline = st["outline"]
            if name_level is None:
                m = _HEADING_NAME.match(st["name"].strip())
                if m:
                    name_level = int(m.group(1))
            sid = st["based"]
        if outline is not None:
            heading = outline + 1 if 0 <= outline <= 8 else None
        else:
            heading = name_level
        info = _StyleInfo(name=name, num_id=num_id, ilvl=ilvl, heading_level=heading)
        self._cache[style_id] = info
        return info


def _val(el: Any | None) -> str | None:
    return None if el is None else el.get(W_VAL)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


# --- numbering -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str | None
    suffix: str  # "tab" | "space" | "nothing"
    is_lgl: bool
    restart: int | None  # lvlRestart value (0 = never restart) or None (after any higher level)
    pstyle: str | None


def _parse_level(lvl: Any) -> _Level:
    start = _int(_val(lvl.find(_W_START)))
    return _Level(
        start=1 if start is None else start,
        fmt=_val(lvl.find(_W_NUMFMT)) or "decimal",
        text=_val(lvl.find(_W_LVLTEXT)),
        suffix=_val(lvl.find(_W_SUFF)) or "tab",
        is_lgl=lvl.find(_W_ISLGL) is not None and _val(lvl.find(_W_ISLGL)) not in _FALSE,
        restart=_int(_val(lvl.find(_W_LVL_RESTART))),
        pstyle=_val(lvl.find(_W_PSTYLE)),
    )


class _Numbering:
    """Renders Word list labels; one counter set per abstract list (or per overriding num)."""

    def __init__(self, root: Any | None, styles: _Styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numbering style id it links to
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[tuple[str, str], list[int | None]] = {}
        self._levels_cache: dict[str, dict[int, _Level] | None] = {}
        if root is None:
            return
        for ab in root.iter(_W_ABSTRACT):
            aid = ab.get(_W_ABSTRACT_ID)
            if aid is None:
                continue
            levels = {}
            for lvl in ab.iter(_W_LVL):
                ilvl = _int(lvl.get(_W_ILVL))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = _val(ab.find(_W_NUM_STYLE_LINK))
            if link:
                self.style_link[aid] = link
        for num in root.iter(_W_NUM):
            nid = num.get(_W_NUMID)
            aid = _val(num.find(_W_ABSTRACT_ID))
            if nid is None or aid is None:
                continue
            lvl_over: dict[int, _Level] = {}
            start_over: dict[int, int] = {}
            for ov in num.iter(_W_LVL_OVERRIDE):
                ilvl = _int(ov.get(_W_ILVL))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                so = _int(_val(ov.find(_W_START_OVERRIDE)))
                if so is not None:
                    start_over[ilvl] = so
                lvl = ov.find(_W_LVL)
                if lvl is not None:
                    lvl_over[ilvl] = _parse_level(lvl)
            self.nums[nid] = (aid, lvl_over, start_over)

    def levels(self, num_id: str) -> dict[int, _Level] | None:
        if num_id in self._levels_cache:
            return self._levels_cache[num_id]
        result: dict[int, _Level] | None = None
        entry = self.nums.get(num_id)
        if entry is not None:
            aid, lvl_over, start_over = entry
            base = self.abstract.get(aid)
            link = self.style_link.get(aid)
            if link is not None:  # numStyleLink: the levels live in the linked style's list
                linked = self.styles.info(link).num_id if link in self.styles.raw else None
                if linked and linked != num_id and linked in self.nums:
                    base = self.abstract.get(self.nums[linked][0], base)
            if base is not None:
                result = dict(base)
                for ilvl, lvl in lvl_over.items():
                    result[ilvl] = lvl
                for ilvl, start in start_over.items():
                    if ilvl in result:
                        old = result[ilvl]
                        result[ilvl] = _Level(start, old.fmt, old.text, old.suffix, old.is_lgl,
                                              old.restart, old.pstyle)
        self._levels_cache[num_id] = result
        return result

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        levels = self.levels(num_id) or {}
        for ilvl, lvl in levels.items():
            if style_id is not None and lvl.pstyle == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counters for (num_id, ilvl) and return label + separator ("" if none)."""
        levels = self.levels(num_id)
        if not levels or ilvl not in levels:
            return ""
        aid, lvl_over, start_over = self.nums[num_id]
        key = ("num", num_id) if (lvl_over or start_over) else ("abstract", aid)
        counters = self.counters.setdefault(key, [None] * 10)
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if level.fmt == "bullet" or not level.text:
            return ""
        rendered = _render_lvl_text(level, levels, counters)
        if not rendered.strip():
            return ""
        return rendered + ("" if level.suffix == "nothing" else " ")


_PLACEHOLDER = re.compile(r"%([1-9])")


def _render_lvl_text(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    def repl(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        lv = levels.get(k)
        value = counters[k]
        if value is None:
            value = lv.start if lv is not None else 1
        fmt = lv.fmt if lv is not None else "decimal"
        if level.is_lgl and fmt not in ("decimalZero",):
            fmt = "decimal"
        return format_number(value, fmt)

    assert level.text is not None
    return _PLACEHOLDER.sub(repl, level.text)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: A..Z, then AA..ZZ, AAA... (letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese_counting(n: int, digits: str = "〇一二三四五六七八九",
                      units: tuple[str, ...] = ("", "十", "百", "千"), zero: str = "零",
                      short_ten: bool = True) -> str:
    """一, 十, 十一, 二十, 一百零一, 一千二百三十四, 一万零五 ..."""
    if n < 0:
        return str(n)
    if n == 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        text = _chinese_counting(high, digits, units, zero, short_ten) + "万"
        if low:
            text += (zero if low < 1000 else "") + _chinese_counting(low, digits, units, zero, False)
        return text
    s = str(n)
    out: list[str] = []
    pending_zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = len(s) - 1 - i
        if d == 0:
            pending_zero = True
            continue
        if pending_zero and out:
            out.append(zero)
        pending_zero = False
        out.append(digits[d] + units[pos])
    text = "".join(out)
    if short_ten and 10 <= n < 20:
        text = text[1:]
    return text


def _enclosed(n: int, table: tuple[tuple[int, int, int], ...]) -> str:
    for lo, hi, base in table:
        if lo <= n <= hi:
            return chr(base + n - lo)
    return str(n)


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word number format ``fmt`` (unknown formats → decimal)."""
    if fmt in ("decimal", "decimalHalfWidth", "arabicAbjad", "hex") or n < 0 or n > 99999:
        return str(n)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        s = _letters(n)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting",
               "japaneseLegal", "koreanLegal"):
        return _chinese_counting(n)
    if fmt in ("chineseLegalSimplified",):
        return _chinese_counting(n, _CN_LEGAL, ("", "拾", "佰", "仟"), "零", short_ten=False)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital",
               "koreanDigital", "koreanDigital2"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, _CIRCLED)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


# --- body walk -------------------------------------------------------------------------


class _Walker:
    """Turns the parsed parts into Blocks in document order."""

    def __init__(self, body: Any, styles: _Styles, numbering: _Numbering,
                 notes: dict[str, dict[str, str]]):
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.notes_done: set[tuple[str, str]] = set()
        self.blocks: list[Block] = []
        self.cell_spans: dict[int, tuple[tuple[int, int, int, int], ...]] = {}
        self.p_index: dict[Any, int] = {
            p: i for i, p in enumerate(iter_body_paragraphs(body), start=1)
        }
        fallback_tables = {t for fb in body.iter(MC_FALLBACK) for t in fb.iter(W_TBL)}
        self.t_index: dict[Any, int] = {}
        for t in body.iter(W_TBL):
            if t not in fallback_tables:
                self.t_index[t] = len(self.t_index) + 1
        # text boxes, by the paragraph that anchors them
        self.textboxes: dict[Any, list[Any]] = {}
        for tx in body.iter(W_TXBX):
            if next(tx.iterancestors(MC_FALLBACK), None) is not None:
                continue
            owner = next(tx.iterancestors(W_P), None)
            if owner is not None:
                self.textboxes.setdefault(owner, []).append(tx)
        # note references, by paragraph
        self.note_refs: dict[Any, list[tuple[str, str]]] = {}
        if notes.get("footnote") or notes.get("endnote"):
            for ref in body.iter(_W_FOOTNOTE_REF, _W_ENDNOTE_REF):
                kind = "footnote" if ref.tag == _W_FOOTNOTE_REF else "endnote"
                owner = next(ref.iterancestors(W_P), None)
                if owner is not None:
                    self.note_refs.setdefault(owner, []).append((kind, ref.get(_W_ID) or ""))

    # paragraph properties -> (label, heading level, style name)
    def _props(self, p: Any) -> tuple[str, int | None, str | None]:
        ppr = p[0] if len(p) and p[0].tag == W_PPR else p.find(W_PPR)
        style_id = num_id = None
        ilvl = outline = None
        deleted_mark = False
        if ppr is not None:
            style_id = _val(ppr.find(_W_PSTYLE))
            numpr = ppr.find(_W_NUMPR)
            if numpr is not None:
                num_id = _val(numpr.find(_W_NUMID))
                ilvl = _int(_val(numpr.find(_W_ILVL)))
            outline = _int(_val(ppr.find(_W_OUTLINE)))
            rpr = ppr.find(_W_RPR)
            deleted_mark = rpr is not None and rpr.find(_W_DEL) is not None
        info = self.styles.info(style_id)
        if num_id is None:
            num_id = info.num_id
            if ilvl is None:
                ilvl = info.ilvl
        if outline is not None:
            heading = outline + 1 if 0 <= outline <= 8 else None
        else:
            heading = info.heading_level
        label = ""
        if num_id not in (None, "0") and not deleted_mark:
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id or self.styles.default_id)
            label = self.numbering.label(num_id, ilvl)
        return label, heading, info.name or None

    def walk(self, container: Any, part: str) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, part)
            elif tag == W_TBL:
                self.table(child, part)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self.walk(content, part)
            elif tag == W_CUSTOMXML:
                self.walk(child, part)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.walk(choice, part)

    def paragraph(self, p: Any, part: str) -> None:
        label, heading, style = self._props(p)
        text = paragraph_text(p)
        if text.strip():
            kind = "textbox" if part == "textbox" else "paragraph"
            self.blocks.append(Block(
                text=label + text,
                location=Location(paragraph=self.p_index.get(p), part=part),
                kind=kind,
                heading_level=heading if part == "body" else None,
                anchor_offset=len(label),
                style=style,
            ))
        self._after_paragraph(p)

    def _after_paragraph(self, p: Any) -> None:
        for tx in self.textboxes.get(p, ()):
            self.walk(tx, "textbox")
        for kind, note_id in self.note_refs.get(p, ()):
            self.note(kind, note_id)

    def note(self, kind: str, note_id: str) -> None:
        key = (kind, note_id)
        if key in self.notes_done:
            return
        self.notes_done.add(key)
        text = self.notes.get(kind, {}).get(note_id)
        if text and text.strip():
            self.blocks.append(Block(text=text, location=Location(part=kind), kind="note"))

    def table(self, tbl: Any, part: str) -> None:
        t_index = self.t_index.get(tbl)
        row_no = 0
        for tr in _children(tbl, W_TR):
            row_no += 1
            trpr = tr.find(_W_TRPR)
            before = _int(_val(trpr.find(_W_GRID_BEFORE))) if trpr is not None else None
            col = 1 + (before or 0)
            for tc in _children(tr, W_TC):
                tcpr = tc.find(_W_TCPR)
                span = 1
                if tcpr is not None:
                    span = _int(_val(tcpr.find(_W_GRID_SPAN))) or 1
                # A vMerge/hMerge continuation cell holds no text of its own (Word moves
                # merged content into the first cell), so it yields no block: the merged
                # cell appears once, at its first row/column.
                self.cell(tc, part, t_index, row_no, col)
                col += max(span, 1)

    def cell(self, tc: Any, part: str, t_index: int | None, row: int, col: int) -> None:
        insert_at = len(self.blocks)
        pieces: list[tuple[int | None, str, str, str | None]] = []  # (p index, label, text, style)
        for child in _children(tc, W_P, W_TBL):
            if child.tag == W_TBL:
                self.table(child, part)
                continue
            label, _heading, style = self._props(child)
            pieces.append((self.p_index.get(child), label, paragraph_text(child), style))
            self._after_paragraph(child)
        if not pieces:
            return
        if not any(text.strip() for _, _, text, _ in pieces):
            return  # empty cell, or a merged cell's continuation
        spans: list[tuple[int, int, int, int]] = []
        parts: list[str] = []
        pos = 0
        for p_index, label, text, _style in pieces:
            spans.append((p_index or 0, pos, len(label), len(text)))
            parts.append(label + text)
            pos += len(label) + len(text) + 1
        first_index = pieces[0][0]
        block = Block(
            text="\n".join(parts),
            location=Location(paragraph=first_index, table=t_index, row=row, column=col,
                              part=part),
            kind="table_cell",
            anchor_offset=len(pieces[0][1]),
            style=pieces[0][3],
        )
        if len(pieces) > 1 and first_index is not None:
            self.cell_spans[first_index] = tuple(spans)
        if len(self.blocks) == insert_at:
            self.blocks.append(block)
        else:  # nested tables / text boxes / notes were emitted first: the cell goes before them
            self.blocks.insert(insert_at, block)


def _children(parent: Any, *tags: str) -> list[Any]:
    """Direct children with the given tags, looking through sdt/customXml/AlternateContent."""
    out: list[Any] = []
    for child in parent:
        tag = child.tag
        if tag in tags:
            out.append(child)
        elif tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, *tags))
        elif tag == W_CUSTOMXML:
            out.extend(_children(child, *tags))
        elif tag == MC_ALTERNATE:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                out.extend(_children(choice, *tags))
    return out


# --- parts other than the body -----------------------------------------------------------


def _part_paragraph_texts(root: Any) -> list[str]:
    return [paragraph_text(p) for p in iter_body_paragraphs(root)]


def _notes(pkg: _Package, root: Any | None, tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for note in root.iter(W + tag):
        if (note.get(_W_TYPE) or "normal") != "normal":
            continue  # separators and continuation notices
        texts = [t for t in _part_paragraph_texts(note) if t.strip()]
        if texts:
            out[note.get(_W_ID) or ""] = "\n".join(texts)
    return out


def _header_footer_blocks(pkg: _Package, body: Any, rels: dict[str, tuple[str, str]]
                          ) -> list[Block]:
    blocks: list[Block] = []
    seen_parts: set[str] = set()
    seen_texts: set[tuple[str, str]] = set()
    for ref in body.iter(_W_HEADER_REF, _W_FOOTER_REF):
        kind = "header" if ref.tag == _W_HEADER_REF else "footer"
        rel = rels.get(ref.get(_R_ID) or "")
        if rel is None or rel[1] in seen_parts:
            continue
        seen_parts.add(rel[1])
        root = pkg.xml(rel[1])
        if root is None:
            continue
        texts = [t for t in _part_paragraph_texts(root) if t.strip()]
        key = (kind, "\n".join(t.strip() for t in texts))
        if not texts or key in seen_texts:
            continue
        seen_texts.add(key)
        blocks.extend(Block(text=t, location=Location(part=kind), kind=kind) for t in texts)
    return blocks


def _app_pages(pkg: _Package) -> int | None:
    data = pkg.read("docProps/app.xml")
    if not data:
        return None
    m = re.search(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</", data)
    return int(m.group(1)) if m else None


# --- entry point -------------------------------------------------------------------------


def load(data: bytes, name: str) -> Document:
    """Read a .docx (bytes) into a Document; LoadError for anything that is not a readable DOCX."""
    zf = open_zip(data, name)
    pkg = _Package(zf, name)
    main = pkg.main_part()
    if main is None:
        raise _error(name, _not_word_reason(pkg.names))
    root = pkg.xml(main)
    body = root.find(W_BODY) if root is not None else None
    if body is None:
        raise _error(name, "文件内容已损坏（word/document.xml 中没有正文）")
    rels = pkg.rels(main)
    by_kind: dict[str, str] = {}
    for kind, path in rels.values():
        by_kind.setdefault(kind, path)
    styles = _Styles(pkg.xml(by_kind.get("styles")))
    numbering = _Numbering(pkg.xml(by_kind.get("numbering")), styles)
    notes = {
        "footnote": _notes(pkg, pkg.xml(by_kind.get("footnotes")), "footnote"),
        "endnote": _notes(pkg, pkg.xml(by_kind.get("endnotes")), "endnote"),
    }

    header_blocks = _header_footer_blocks(pkg, body, rels)
    walker = _Walker(body, styles, numbering, notes)
    walker.walk(body, "body")
    for kind in ("footnote", "endnote"):
        for note_id in notes[kind]:
            walker.note(kind, note_id)

    warnings: list[str] = []
    if next(body.iter(_W_INS, _W_DEL), None) is not None:
        warnings.append("文档含修订痕迹，已按“接受全部修订”后的文字检查（删除的文字未检查）")
    images = sum(1 for _ in body.iter(_W_DRAWING, _W_PICT))
    blocks = tuple(header_blocks + walker.blocks)
    body_chars = sum(len(b.text) for b in walker.blocks)
    if images and (images >= 5 and body_chars < 300 * images or body_chars < 200):
        warnings.append(f"文档含 {images} 张图片，图片中的文字（如扫描页）未检查")
    if not any(b.text.strip() for b in walker.blocks):
        if images:
            raise _error(name, "文档正文没有文字（可能全部是图片或扫描件），无法检查；请提供可编辑的文字版本")
        raise _error(name, "文档正文没有文字，无法检查")

    meta: dict[str, Any] = {
        "format": "docx",
        "pages": _app_pages(pkg),
        "page_numbers": False,
        "paragraphs": len(walker.p_index),
        "tables": len(walker.t_index),
    }
    if walker.cell_spans:
        meta["docx_cell_paragraphs"] = walker.cell_spans
    return Document(name=name, blocks=blocks, warnings=tuple(warnings), meta=meta)


def _not_word_reason(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "这是 Excel 表格文件，不是 Word 文档"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Word 文档"
    if "content.xml" in names:
        return "这是 OpenDocument（.odt 等）文件，不是 .docx 文件"
    return "压缩包中没有 Word 文档内容（缺少 word/document.xml），不是有效的 .docx 文件"
