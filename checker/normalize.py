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


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` per the contract; return the text and its offset map (see module doc)."""
    out: list[str] = []
    offs: list[int] = []
    pending_space = -1  # original index of a pending whitespace run, or -1
    for i, ch in enumerate(text):
        folded = _fold(ch) if not ("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch not in _WS) else ch
        if folded == " ":
            if pending_space < 0:
                pending_space = i
            continue
        if not folded:
            continue
        if pending_space >= 0:
            # keep one space only between two non-CJK characters (English words, numbers)
            if out and not is_cjk(out[-1]) and not is_cjk(folded[0]):
                out.append(" ")
                offs.append(pending_space)
            pending_space = -1
        if len(folded) == 1:
            out.append(folded)
            offs.append(i)
        else:
            for c in folded:
                out.append(c)
                offs.append(i)
    offs.append(len(text))
    norm = _t2s("".join(out))
    return norm, offs


def normalize_text(text: str) -> str:
    """Just the normalized text (for patterns' examples, fingerprints and lookups)."""
    return normalize(text)[0]


def original_span(offsets: list[int] | tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Map a normalized span [start, end) to the smallest original span that produced it."""
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1
