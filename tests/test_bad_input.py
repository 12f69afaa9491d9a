"""Bad input: every unreadable file is a LoadError with a Chinese reason naming the file.

All files are built here, in tmp_path; each test also checks that nothing was
written next to the input.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from docx_build import lvl, make_docx, numbering, ole2_file, p
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.loaders import LoadError, docx_loader, load, sniff

GOOD = make_docx(p("投标人须具有本市注册的分支机构。"))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path | bytes, name: str | None = None) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path, name)
    err = info.value
    shown = name or str(path)
    assert str(err).startswith(shown + "："), "the message names the file"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.reason), "the reason is Chinese"
    return err


def only(tmp_path: Path, *names: str) -> None:
    """Nothing was written next to the input."""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_good_docx_loads(tmp_path):
    doc = load(write(tmp_path, "ok.docx", GOOD))
    assert [b.text for b in doc.blocks] == ["投标人须具有本市注册的分支机构。"]
    assert doc.warnings == ()
    only(tmp_path, "ok.docx")


def test_corrupt_zip(tmp_path):
    data = b"PK\x03\x04" + os.urandom(2000)
    err = load_error(write(tmp_path, "corrupt.docx", data))
    assert "损坏" in err.reason
    only(tmp_path, "corrupt.docx")


def test_truncated_docx(tmp_path):
    err = load_error(write(tmp_path, "truncated.docx", GOOD[: len(GOOD) // 2]))
    assert "损坏" in err.reason or "不完整" in err.reason


def test_damaged_member_data(tmp_path):
    """Central directory intact, compressed document.xml damaged: CRC/zlib error → LoadError."""
    data = bytearray(GOOD)
    zf = zipfile.ZipFile(io.BytesIO(GOOD))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + min(info.compress_size, 60)):
        data[i] ^= 0x5A
    err = load_error(write(tmp_path, "damaged.docx", bytes(data)))
    assert "损坏" in err.reason


def test_encrypted_docx(tmp_path):
    """Word saves a password-protected .docx as an OLE2 file with EncryptionInfo/EncryptedPackage."""
    data = ole2_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x40" * 200,
                      "EncryptedPackage": os.urandom(6000)})
    assert sniff(data) == "encrypted"
    err = load_error(write(tmp_path, "secret.docx", data))
    assert err.reason == "文件已加密（设有打开密码），请去除密码后再上传"
    # the DOCX loader called directly says the same
    with pytest.raises(LoadError, match="已加密"):
        docx_loader.load(data, "secret.docx")
    only(tmp_path, "secret.docx")


def test_zero_bytes(tmp_path):
    err = load_error(write(tmp_path, "empty.docx", b""))
    assert "0 字节" in err.reason


def test_docx_with_no_text(tmp_path):
    err = load_error(write(tmp_path, "blank.docx", make_docx(p(""))))
    assert "没有文字" in err.reason


def test_wrong_extension_docx_named_pdf(tmp_path):
    doc = load(write(tmp_path, "really_docx.pdf", GOOD))
    assert doc.meta["format"] == "docx"
    assert doc.warnings and doc.warnings[0].startswith("扩展名与内容不符")
    assert "投标人须具有本市注册的分支机构。" in [b.text for b in doc.blocks]


def test_wrong_extension_doc_named_docx_goes_legacy(tmp_path, monkeypatch):
    """A .docx that is really a .doc is routed to the LibreOffice path (absent here → install hint)."""
    monkeypatch.setenv("CHECKER_SOFFICE", str(tmp_path / "no-such-soffice"))
    data = ole2_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000})
    err = load_error(write(tmp_path, "old.docx", data))
    assert "LibreOffice" in err.reason


def test_text_named_docx_read_as_text(tmp_path):
    doc = load(write(tmp_path, "notes.docx", "第一行\n投标人注册资本不低于500万元。\n".encode("gb18030")))
    assert doc.meta["format"] == "txt"
    assert "扩展名与内容不符" in doc.warnings[0]
    assert doc.blocks[1].location.paragraph == 2


def test_unsupported_extension(tmp_path):
    err = load_error(write(tmp_path, "tender.xyz", GOOD))
    assert "不支持的文件类型" in err.reason


@pytest.mark.parametrize("name", ["page.pdf", "page.docx", "page.doc"])
def test_html_disguised(tmp_path, name):
    html = "<!DOCTYPE html>\n<html><head><title>招标</title></head><body>下载失败</body></html>"
    err = load_error(write(tmp_path, name, html.encode()))
    assert err.reason.startswith("内容是网页（HTML），不是")


def test_unknown_binary(tmp_path):
    data = bytes(range(256)) * 40
    err = load_error(write(tmp_path, "blob.pdf", data))
    assert "无法识别" in err.reason


def test_excel_named_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = load_error(write(tmp_path, "table.docx", buf.getvalue()))
    assert "Excel" in err.reason


def test_decompression_bomb_ratio(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b" " * (12 * 1024 * 1024))  # 12 MB → ~12 KB
    err = load_error(write(tmp_path, "bomb.docx", buf.getvalue()))
    assert "压缩炸弹" in err.reason
    only(tmp_path, "bomb.docx")


def test_decompression_total_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_loader, "MAX_UNCOMPRESSED_TOTAL", 1000)
    err = load_error(write(tmp_path, "big.docx", GOOD))
    assert "解压后" in err.reason


def test_actual_read_size_guard(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_loader, "MAX_PART_BYTES", 200)
    err = load_error(write(tmp_path, "part.docx", GOOD))
    assert "过大" in err.reason


def test_very_large_file(tmp_path, monkeypatch):
    import checker.loaders as loaders

    monkeypatch.setattr(loaders, "MAX_INPUT_BYTES", 1024)
    err = load_error(write(tmp_path, "huge.docx", GOOD + b"\0" * 2048))
    assert "文件过大" in err.reason
    err = load_error(GOOD + b"\0" * 2048, "upload.docx")
    assert "文件过大" in err.reason


def test_directory(tmp_path):
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    err = load_error(folder)
    assert "文件夹" in err.reason


def test_missing_file(tmp_path):
    err = load_error(tmp_path / "nope.docx")
    assert err.reason == "文件不存在"
    only(tmp_path)


def test_bytes_without_name_are_sniffed():
    doc = load(GOOD)
    assert doc.meta["format"] == "docx"


def _stored(data: bytes) -> bytes:
    """The same package without compression, so byte edits land in the XML itself."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    return out.getvalue()


NUMBERED = make_docx(
    p("第一条", num=(1, 0)) + p("投标人须在本地设有分支机构。", num=(1, 1)),
    numbering_xml=numbering({0: lvl(0, "chineseCounting", "第%1章") + lvl(1, "decimal", "%1.%2")},
                            {1: (0, "")}))


@pytest.mark.parametrize("package", [GOOD, _stored(GOOD), _stored(NUMBERED)], ids=["deflated", "stored", "numbered"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_docx_never_crashes(package, data):
    """Any byte damage gives a Document or a LoadError, never another exception."""
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(package) - 1), st.integers(0, 255)),
                               min_size=1, max_size=8))
    damaged = bytearray(package)
    for pos, value in edits:
        damaged[pos] = value
    try:
        load(bytes(damaged), "fuzz.docx")
    except LoadError:
        pass


OLE = ole2_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000, "1Table": b"\0" * 100})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1535), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_ole_header_never_crashes_sniffing(edits):
    data = bytearray(OLE)
    for pos, value in edits:
        data[pos] = value
    assert sniff(bytes(data)) in {"doc", "encrypted", "xls", "ppt", "ole", "unknown", "text", "pdf"}
