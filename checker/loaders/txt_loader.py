"""Plain text (.txt/.md): one paragraph per line; ``location.paragraph`` is the line number.

Encodings: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when
the NUL-byte pattern shows it), then GB18030 (a superset of GBK/GB2312, what
Chinese Windows Notepad writes as "ANSI"). Lines end at ``\\r\\n``, ``\\r`` or
``\\n`` only, so line numbers match what an editor shows (form feeds and other
Unicode separators stay inside their line). Blank lines give no block but keep
their number.
"""

from __future__ import annotations

import re

from ..model import Block, Document, Location

ENCODINGS = ("utf-8-sig", "gb18030")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit on one parity, else None.

    UTF-8 and GB18030 text never contains NUL bytes; UTF-16 without a BOM shows
    them in the high byte of every ASCII character (digits, spaces, line breaks).
    """
    sample = data[:65536]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 2 and even <= odd // 10:
        return "utf-16-le"
    if even >= 2 and odd <= even // 10:
        return "utf-16-be"
    return None


def _mostly_printable(text: str) -> bool:
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\x7f")
    return controls <= len(text) // 1000


def decode(data: bytes, name: str, *, partial: bool = False) -> str:
    """Decode to str, or raise LoadError. ``partial``: ``data`` is a prefix (may end mid-character)."""
    from . import LoadError

    errors = "ignore" if partial else "strict"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        if partial:
            data = data[: len(data) // 2 * 2]
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise LoadError(name, "文本文件编码损坏（UTF-16）") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data[: len(data) // 2 * 2].decode(utf16, errors)
        except UnicodeDecodeError:
            text = ""
        if text and _mostly_printable(text):
            return text
    for enc in ENCODINGS:
        try:
            text = _decode_prefix(data, enc) if partial else data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise LoadError(name, "无法识别的文本编码（不是 UTF-8、UTF-16 或 GBK/GB18030 文本文件）")


def _decode_prefix(data: bytes, enc: str) -> str:
    """Decode a prefix that may end inside a multi-byte character (drop at most 3 bytes)."""
    for cut in range(4):
        try:
            return data[: len(data) - cut].decode(enc)
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4 or cut == 3:
                raise
    raise AssertionError("unreachable")


def load(data: bytes, name: str) -> Document:
    text = decode(data, name)
    lines = _LINE_BREAK.split(text)
    blocks = tuple(
        Block(text=line, location=Location(paragraph=i))
        for i, line in enumerate(lines, start=1)
        if line.strip()
    )
    return Document(name=name, blocks=blocks, meta={"format": "txt", "lines": len(lines)})
