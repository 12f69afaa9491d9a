"""Input formats: ``load(path)`` turns a file into a :class:`~checker.model.Document`.

Register a format with one line in ``LOADERS`` (suffix -> function taking
``(data: bytes, name: str) -> Document``). Every failure is a :class:`LoadError`
with a Chinese reason that names the file; never a silent empty document.

The format is decided by CONTENT (:func:`sniff`), not only by the extension:
a ".docx" that is really a Word 97-2003 file goes through the legacy loader, a
".pdf" that is really a web page is refused with a clear reason. When the content
is a supported format other than the extension says, the file is read by its
content and the Document carries the warning "扩展名与内容不符…".
Input size is capped (:data:`MAX_INPUT_BYTES`) before anything is read.
"""

from __future__ import annotations

import dataclasses
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

MAX_INPUT_BYTES = 100 * 1024 * 1024  # larger inputs are refused before reading

# sniffed content kind -> the LOADERS suffixes that hold such content (first = default)
KIND_SUFFIXES: dict[str, tuple[str, ...]] = {
    "docx": (".docx",),
    "doc": (".doc", ".wps"),
    "rtf": (".rtf",),
    "odt": (".odt",),
    "wordxml": (".doc",),
    "pdf": (".pdf",),
    "text": (".txt", ".md"),
}
KIND_NAMES: dict[str, str] = {
    "docx": "Word（.docx）文件",
    "doc": "Word 97-2003（.doc）或 WPS 文件",
    "rtf": "RTF 文件",
    "odt": "OpenDocument（.odt）文件",
    "wordxml": "Word 2003 XML 文件",
    "pdf": "PDF 文件",
    "text": "纯文本文件",
}
SUFFIX_NAMES: dict[str, str] = {
    ".docx": "Word（.docx）", ".doc": "Word（.doc）", ".wps": "WPS（.wps）", ".pdf": "PDF",
    ".rtf": "RTF", ".odt": "OpenDocument（.odt）", ".txt": "文本", ".md": "文本",
}
_REFUSED: dict[str, str] = {
    "encrypted": docx_loader.ENCRYPTED_MESSAGE,
    "xls": "这是 Excel 表格文件，不是 Word、WPS 或 PDF 文档",
    "xlsx": "这是 Excel 表格文件，不是 Word、WPS 或 PDF 文档",
    "ppt": "这是 PowerPoint 演示文稿，不是 Word、WPS 或 PDF 文档",
    "pptx": "这是 PowerPoint 演示文稿，不是 Word、WPS 或 PDF 文档",
    "ole": "无法识别的 Office 文件（不是 Word 或 WPS 文档）",
    "zip": "这是一个普通压缩包（zip），不是 Word 文档；请解压后上传其中的招标文件",
    "opendoc": "这是 OpenDocument 表格或演示文件，不是文字文档",
    "zip-corrupt": docx_loader.CORRUPT_MESSAGE,
    "unknown": "无法识别的文件内容（不是 Word、WPS、PDF、RTF、ODT 或文本文件），文件可能已损坏",
}


def load(source: str | Path | bytes, name: str | None = None) -> Document:
    """Load a path (or bytes with a file name) into a Document, or raise LoadError."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(path)
        data = _read(path, name)
    else:
        data = bytes(source)
        name = name or "<上传文件>"
        _check_suffix(name)
        _check_size(len(data), name)
    if not data:
        raise LoadError(name, "文件为空（0 字节）")
    suffix = Path(name).suffix.lower()
    loader_suffix, warning = route(sniff(data), suffix, name)
    doc = LOADERS[loader_suffix](data, name)
    if warning:
        doc = dataclasses.replace(doc, warnings=(warning, *doc.warnings))
    doc.meta.setdefault("sha256", hashlib.sha256(data).hexdigest())
    doc.meta.setdefault("bytes", len(data))
    return doc


def _check_suffix(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in LOADERS:
        supported = "、".join(LOADERS)
        raise LoadError(name, f"不支持的文件类型“{suffix}”（支持：{supported}）")


def _check_size(size: int, name: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise LoadError(name, f"文件过大（{size / 1048576:.0f} MB，上限 "
                              f"{MAX_INPUT_BYTES / 1048576:.0f} MB），请拆分后再上传")


def _read(path: Path, name: str) -> bytes:
    """Existence, folder, extension and size checks first; only then read the bytes."""
    try:
        if path.is_dir():
            raise LoadError(name, "这是一个文件夹，不是文件")
        size = path.stat().st_size
        _check_suffix(name)
        _check_size(size, name)
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError(name, "文件不存在") from None
    except IsADirectoryError:
        raise LoadError(name, "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise LoadError(name, "没有读取该文件的权限") from None
    except OSError as exc:
        raise LoadError(name, f"无法读取文件（{exc.strerror or exc}）") from None


def route(kind: str, suffix: str, name: str) -> tuple[str, str | None]:
    """Pick the LOADERS key for sniffed content ``kind``; returns (suffix, mismatch warning)."""
    if kind == "html":
        if suffix in (".txt", ".md"):
            return suffix, None
        what = SUFFIX_NAMES.get(suffix, "Word 或 PDF")
        raise LoadError(name, f"内容是网页（HTML），不是{what}文件；请下载原始文件，"
                              "或用 Word 打开后另存为 .docx 再上传")
    if kind == "unknown" and suffix in (".txt", ".md"):
        return suffix, None  # the text loader names the encoding problem
    if kind in _REFUSED:
        raise LoadError(name, _REFUSED[kind])
    suffixes = KIND_SUFFIXES[kind]
    if suffix in suffixes:
        return suffix, None
    if not suffix:
        return suffixes[0], None
    warning = (f"扩展名与内容不符：扩展名是 {suffix}，内容实际是{KIND_NAMES[kind]}，"
               "已按实际格式读取")
    return suffixes[0], warning


# --- content sniffing ---------------------------------------------------------------------

_OLE2_MAGIC = legacy_loader.OLE2_MAGIC
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def sniff(data: bytes) -> str:
    """What ``data`` really is, by content.

    One of: docx, doc (Word 97-2003 / WPS), encrypted (password-protected OOXML or
    .doc), rtf, odt, wordxml, pdf, text, html, xls, xlsx, ppt, pptx, ole, zip,
    opendoc, zip-corrupt, unknown.
    """
    head = data[:1024]
    if head[:8] == _OLE2_MAGIC:
        return {"encrypted": "encrypted", "doc": "doc", "xls": "xls", "ppt": "ppt"}.get(
            legacy_loader.ole_kind(data), "ole")
    if head[:4] in _ZIP_MAGICS:
        return _sniff_zip(data)
    if b"%PDF-" in head:
        return "pdf"
    text_head = _decode_head(head)
    lead = text_head.lstrip("\ufeff \t\r\n").lower()
    if lead.startswith("{\\rtf"):
        return "rtf"
    if lead.startswith(("<!doctype html", "<html")) or (
            lead.startswith("<?xml") and "<html" in lead):
        return "html"
    if lead.startswith("mime-version:") and "multipart/related" in lead:
        return "html"  # MHTML "single file web page", often saved as .doc
    if lead.startswith("<?xml") and ("w:worddocument" in lead or "<pkg:package" in lead
                                     or "word.document" in lead):
        return "wordxml"
    if _looks_like_text(data):
        return "text"
    return "unknown"


def _decode_head(head: bytes) -> str:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head.decode("utf-16", "ignore")
    return head.decode("latin-1")


def _sniff_zip(data: bytes) -> str:
    import io
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except docx_loader.ZIP_ERRORS:
        return "zip-corrupt"
    if "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names:
        info = zf.getinfo("[Content_Types].xml")
        if info.file_size < 1_000_000:
            try:
                types = zf.read(info)
            except docx_loader.ZIP_ERRORS:
                return "zip-corrupt"
            if b"wordprocessingml.document.main" in types:
                return "docx"
            if b"spreadsheetml" in types:
                return "xlsx"
            if b"presentationml" in types:
                return "pptx"
    if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
        try:
            mimetype = zf.read("mimetype")
        except docx_loader.ZIP_ERRORS:
            return "zip-corrupt"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            return "opendoc"
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def _looks_like_text(data: bytes) -> bool:
    """Decodable as text (UTF-8/GB18030/UTF-16) with (almost) no control characters."""
    sample = data[: 1 << 20]
    try:
        text = txt_loader.decode(sample, "", partial=len(data) > len(sample))
    except LoadError:
        return False
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v" or ch == "\x7f")
    return controls <= len(text) // 1000
