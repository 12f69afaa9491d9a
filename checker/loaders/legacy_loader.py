"""Legacy and foreign word-processor files (.doc, .wps, .rtf, .odt, Word 2003 XML).

They are converted to .docx by LibreOffice headless and then read by the DOCX
loader, so numbering, tables and tracked changes come out the same way. Each
conversion runs in its own TemporaryDirectory with a private LibreOffice profile
(``-env:UserInstallation``: parallel runs never share or lock one), in its own
process group, with a timeout after which the whole group is killed. Nothing is
ever written next to the input.

The binary is ``$CHECKER_SOFFICE`` when set (a path or a command name), else
``soffice``/``libreoffice`` on PATH or in the usual install folders. Debian/Ubuntu:
``apt-get install -y --no-install-recommends libreoffice-writer``.

The catch: the converted document is LibreOffice's rendering of the original —
automatic numbering and paragraph boundaries can differ slightly from what Word
shows, which the Document's warning says. Paragraph indices refer to the
converted .docx; the Word annotator annotates that same conversion
(:func:`convert_to_docx` is deterministic for a given input and LibreOffice).

This module also holds a minimal OLE2 (Compound File) directory reader, enough
to tell a Word 97-2003 file from an encrypted OOXML package or an Excel file and
to see the FIB "encrypted" flag, without a third-party dependency.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from ..model import Document

SOFFICE_ENV = "CHECKER_SOFFICE"
CONVERT_TIMEOUT_S = 120.0
INSTALL_HINT = ("需要安装 LibreOffice 才能读取 .doc/.wps 文件"
                "（Debian/Ubuntu: sudo apt-get install -y libreoffice-writer）")
_SEARCH_PATHS = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice", "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
# sniffed kind -> (file suffix LibreOffice is given, format word used in messages)
_KIND_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt", "wordxml": ".xml"}
FORMAT_NAMES = {".doc": "Word 97-2003（.doc）", ".wps": "WPS（.wps）", ".rtf": "RTF",
                ".odt": "OpenDocument（.odt）", ".xml": "Word 2003 XML"}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTORS = 1 << 20


# --- OLE2 (Compound File Binary) directory ----------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class OleEntry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


def ole_entries(data: bytes) -> dict[str, OleEntry] | None:
    """Directory entries of an OLE2 file by name; None if the structure cannot be read."""
    if len(data) < 512 or data[:8] != OLE2_MAGIC:
        return None
    try:
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            return None
        ss = 1 << shift
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        n_difat = struct.unpack_from("<I", data, 0x48)[0]
        difat_sector = struct.unpack_from("<I", data, 0x44)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _ENDOFCHAIN]
        per = ss // 4
        for _ in range(min(n_difat, 4096)):
            if difat_sector >= _ENDOFCHAIN:
                break
            off = (difat_sector + 1) * ss
            vals = struct.unpack_from(f"<{per}I", data, off)
            fat_sectors.extend(v for v in vals[:-1] if v < _ENDOFCHAIN)
            difat_sector = vals[-1]
        fat: list[int] = []
        for s in fat_sectors[:_MAX_SECTORS // per]:
            off = (s + 1) * ss
            if off + ss > len(data):
                break
            fat.extend(struct.unpack_from(f"<{per}I", data, off))
        entries: dict[str, OleEntry] = {}
        sector = first_dir
        seen: set[int] = set()
        while sector < _ENDOFCHAIN and sector not in seen and len(seen) < 100_000:
            seen.add(sector)
            off = (sector + 1) * ss
            if off + ss > len(data):
                break
            for i in range(ss // 128):
                e = off + i * 128
                name_len = struct.unpack_from("<H", data, e + 0x40)[0]
                kind = data[e + 0x42]
                if kind == 0 or not 2 <= name_len <= 64:
                    continue
                name = data[e:e + name_len - 2].decode("utf-16-le", "replace")
                start = struct.unpack_from("<I", data, e + 0x74)[0]
                size = struct.unpack_from("<Q", data, e + 0x78)[0]
                if ss == 512:
                    size &= 0xFFFFFFFF
                entries.setdefault(name, OleEntry(name, kind, start, size))
            sector = fat[sector] if sector < len(fat) else _ENDOFCHAIN
        return entries
    except (struct.error, IndexError):
        return None


def ole_is_encrypted(data: bytes) -> bool:
    """True for password-protected OOXML (EncryptedPackage) and encrypted Word 97-2003 files."""
    entries = ole_entries(data)
    if entries is None:
        return b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data
    if "EncryptedPackage" in entries or "EncryptionInfo" in entries:
        return True
    word = entries.get("WordDocument")
    if word is not None and word.size >= 4096:
        ss = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        off = (word.start + 1) * ss
        if off + 12 <= len(data) and data[off:off + 2] == b"\xec\xa5":  # FIB wIdent
            flags = struct.unpack_from("<H", data, off + 0x0A)[0]
            return bool(flags & 0x0100)  # fEncrypted
    return False


def ole_kind(data: bytes) -> str:
    """"encrypted" | "doc" | "xls" | "ppt" | "ole" (some other compound file)."""
    if ole_is_encrypted(data):
        return "encrypted"
    entries = ole_entries(data)
    if entries is None:
        return "doc"  # unreadable directory: let LibreOffice try
    if "WordDocument" in entries:
        return "doc"
    if "Workbook" in entries or "Book" in entries:
        return "xls"
    if "PowerPoint Document" in entries:
        return "ppt"
    return "ole"


# --- conversion -------------------------------------------------------------------------


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None. ``$CHECKER_SOFFICE`` wins when set."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        found = shutil.which(configured)
        return found if found else None
    for cmd in ("soffice", "libreoffice"):
        found = shutil.which(cmd)
        if found:
            return found
    for path in _SEARCH_PATHS:
        if os.access(path, os.X_OK):
            return path
    return None


def _input_suffix(data: bytes, name: str) -> str:
    from . import sniff

    kind = sniff(data)
    suffix = Path(name).suffix.lower()
    if kind == "doc" and suffix == ".wps":
        return ".wps"
    return _KIND_SUFFIX.get(kind, suffix if suffix in FORMAT_NAMES else ".doc")


def convert_to_docx(data: bytes, name: str, timeout: float | None = None) -> bytes:
    """Convert a .doc/.wps/.rtf/.odt (bytes) to .docx bytes with LibreOffice headless.

    Raises LoadError when LibreOffice is missing, times out (the process group is
    killed), or produces no output. Only a private temporary directory is written.
    """
    from . import LoadError

    soffice = find_soffice()
    if soffice is None:
        raise LoadError(name, INSTALL_HINT)
    limit = CONVERT_TIMEOUT_S if timeout is None else timeout
    suffix = _input_suffix(data, name)
    with tempfile.TemporaryDirectory(prefix="checker-soffice-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / ("input" + suffix)
        src.write_bytes(data)
        outdir = tmpdir / "out"
        profile = tmpdir / "profile"
        cmd = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--norestore", "--nologo", "--nodefault", "--nofirststartwizard", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src),
        ]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True, cwd=tmp)
        except OSError as exc:
            raise LoadError(name, f"无法启动 LibreOffice（{exc.strerror or exc}）；{INSTALL_HINT}") from None
        try:
            _out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise LoadError(name, f"转换超时（LibreOffice 超过 {limit:g} 秒未完成），"
                                  "文件可能过大或已损坏") from None
        finally:
            if proc.poll() is None:
                _kill_group(proc)
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            hint = f"（{detail[0][:200]}）" if detail else ""
            raise LoadError(name, "LibreOffice 无法转换该文件，文件可能已损坏、加密或不是 "
                                  f"Word/WPS 文档{hint}")
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pass


# --- entry point ------------------------------------------------------------------------


def load(data: bytes, name: str) -> Document:
    """Convert with LibreOffice, then read the .docx; meta["converted_from"] names the source."""
    from . import LoadError, sniff
    from .docx_loader import ENCRYPTED_MESSAGE, ZIP_ERRORS, check_zip_bomb
    from .docx_loader import load as load_docx

    kind = sniff(data)
    if kind == "encrypted":
        raise LoadError(name, ENCRYPTED_MESSAGE)
    if kind == "odt":  # a zip: check declared sizes before LibreOffice inflates it
        import io
        import zipfile

        try:
            check_zip_bomb(zipfile.ZipFile(io.BytesIO(data)).infolist(), name)
        except ZIP_ERRORS:
            raise LoadError(name, "文件已损坏或不完整（无法作为 OpenDocument 文件解压）") from None
    suffix = _input_suffix(data, name)
    docx = convert_to_docx(data, name)
    try:
        doc = load_docx(docx, name)
    except LoadError as exc:
        raise LoadError(name, f"转换后的文件无法读取：{exc.reason}") from None
    source = suffix.lstrip(".")
    meta = dict(doc.meta)
    meta["format"] = source
    meta["converted_from"] = source
    note = (f"{FORMAT_NAMES.get(suffix, suffix)} 文件已用 LibreOffice 转换为 .docx 后检查；"
            "自动编号、段落划分可能与原文件略有差异")
    return dataclasses.replace(doc, warnings=(note, *doc.warnings), meta=meta)
