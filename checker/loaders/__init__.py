"""Input formats: ``load(path)`` turns a file into a :class:`~checker.model.Document`.

Register a format with one line in ``LOADERS`` (suffix -> function taking
``(data: bytes, name: str) -> Document``). Every failure is a :class:`LoadError`
with a Chinese reason that names the file; never a silent empty document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..model import Document
from . import docx_loader, legacy_loader, pdf_loader, txt_loader


class LoadError(Exception):
    """An input that cannot be checked. ``str(err)`` is a user-facing sentence."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}：{reason}")


Loader = Callable[[bytes, str], Document]

LOADERS: dict[str, Loader] = {
    ".txt": txt_loader.load,
    ".md": txt_loader.load,
    ".docx": docx_loader.load,
    ".pdf": pdf_loader.load,
    ".doc": legacy_loader.load,
    ".wps": legacy_loader.load,
    ".rtf": legacy_loader.load,
    ".odt": legacy_loader.load,
}


def load(source: str | Path | bytes, name: str | None = None) -> Document:
    """Load a path (or bytes with a file name) into a Document, or raise LoadError."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise LoadError(name, "文件不存在") from None
        except IsADirectoryError:
            raise LoadError(name, "这是一个文件夹，不是文件") from None
        except OSError as exc:
            raise LoadError(name, f"无法读取文件（{exc.strerror or exc}）") from None
    else:
        data = source
        name = name or "<上传文件>"
    if not data:
        raise LoadError(name, "文件为空（0 字节）")
    suffix = Path(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        supported = "、".join(sorted(LOADERS))
        raise LoadError(name, f"不支持的文件类型“{suffix or '无扩展名'}”（支持：{supported}）")
    doc = loader(data, name)
    doc.meta.setdefault("sha256", hashlib.sha256(data).hexdigest())
    doc.meta.setdefault("bytes", len(data))
    return doc
