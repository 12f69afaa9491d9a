"""Plain text (.txt/.md): one paragraph per line; ``location.paragraph`` is the line number."""

from __future__ import annotations

from ..model import Block, Document, Location

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), then GB18030 (GBK superset), then UTF-16."""
    from . import LoadError

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise LoadError(name, "无法识别的文本编码（不是 UTF-8 或 GBK 文本文件）")


def load(data: bytes, name: str) -> Document:
    text = decode(data, name)
    blocks = tuple(
        Block(text=line, location=Location(paragraph=i))
        for i, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    )
    return Document(name=name, blocks=blocks, meta={"format": "txt", "lines": text.count("\n") + 1})
