"""Normalization contract: the text rules see, with a map back to the original.

Rules are written against normalized text:

* NFKC: full-width punctuation and digits become ASCII (，→, ；→; （→( ：→: ０→0), circled and
  parenthesised numbers are unfolded (①→1, ⑴→(1), ㈠→(一)), the ideographic space becomes a space;
* Traditional → Simplified characters (OpenCC ``t2s``);
* whitespace (spaces, tabs, line breaks) next to a CJK character is removed — this re-joins PDF
  lines broken mid-sentence and removes pdfium's CJK/digit "autospace" (``不少于 3 年``);
  other whitespace runs collapse to one space.

``normalize(text)`` returns ``(norm, offsets)`` where ``offsets[i]`` is the index in ``text`` of the
original character that produced ``norm[i]``; ``offsets`` has one extra trailing entry equal to
``len(text)`` so that spans map with ``offsets[start]`` / ``offsets[end]``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

try:  # OpenCC ships a C++ extension on PyPI as ``opencc``
    import opencc

    _T2S = opencc.OpenCC("t2s")
except Exception:  # pragma: no cover - import-time environment problem, reported by tests
    _T2S = None

_WS = frozenset(" \t\n\r\f\v\u00a0\u3000\u2028\u2029\u200b\ufeff")
# characters removed outright (zero-width and soft hyphen)
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def is_cjk(ch: str) -> bool:
    """CJK ideographs, CJK punctuation and full-width forms: where spaces carry no meaning."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
        or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7, 0x300A, 0x300B)
    )


@lru_cache(maxsize=8192)
def _fold(ch: str) -> str:
    """NFKC of one character (cached: documents reuse a few thousand distinct characters)."""
    if ch in _DROP:
        return ""
    if ch in _WS:
        return " "
    return unicodedata.normalize("NFKC", ch)


def _t2s(text: str) -> str:
    """Traditional → Simplified, keeping length (falls back to per-character conversion)."""
    if _T2S is None or text.isascii():
        return text
    out = _T2S.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = _T2S.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


# Printable ASCII and CJK ideographs are their own normal form; everything else (punctuation,
# spaces, full-width forms, circled numbers, Traditional-only ranges…) is looked at one by one.
_NONTRIVIAL = re.compile(r"[^\u0021-\u007e\u4e00-\u9fff]")


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` per the contract; return the text and its offset map (see module doc).

    Runs of trivial characters are copied as slices; only the others go through the per-character
    folding, which keeps this ~5x faster than a character loop on Chinese text.
    """
    out: list[str] = []
    offs: list[int] = []
    prev = ""  # last character written
    pending = -1  # original index of a pending whitespace run, or -1
    last = 0

    def emit_space_before(nxt: str) -> None:
        # keep one space only between two non-CJK characters (English words, numbers)
        if prev and not is_cjk(prev) and not is_cjk(nxt):
            out.append(" ")
            offs.append(pending)

    for m in _NONTRIVIAL.finditer(text):
        i = m.start()
        if i > last:
            if pending >= 0:
                emit_space_before(text[last])
                pending = -1
            out.append(text[last:i])
            offs.extend(range(last, i))
            prev = text[i - 1]
        last = i + 1
        folded = _fold(text[i])
        if folded == " ":
            if pending < 0:
                pending = i
            continue
        if not folded:
            continue
        if pending >= 0:
            emit_space_before(folded[0])
            pending = -1
        out.append(folded)
        offs.extend([i] * len(folded))
        prev = folded[-1]
    if last < len(text):
        if pending >= 0:
            emit_space_before(text[last])
        out.append(text[last:])
        offs.extend(range(last, len(text)))
    offs.append(len(text))
    return _t2s("".join(out)), offs


def normalize_text(text: str) -> str:
    """Just the normalized text (for patterns' examples, fingerprints and lookups)."""
    return normalize(text)[0]


def original_span(offsets: list[int] | tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Map a normalized span [start, end) to the smallest original span that produced it."""
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1
