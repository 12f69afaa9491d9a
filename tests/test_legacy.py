"""Legacy formats through LibreOffice: .doc, .wps, .rtf, .odt, and the converter's failure modes.

The plumbing (missing binary, timeout with process-group kill, result handling)
is tested with small stand-in "soffice" scripts, so it runs everywhere; the real
conversions are skipped when LibreOffice is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from docx_build import make_docx, minimal_odt, ole2_file, p

from checker.loaders import LoadError, legacy_loader, load, sniff

SOFFICE = legacy_loader.find_soffice() if not os.environ.get("CHECKER_SOFFICE") else None
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer")
FAKE_DOC = ole2_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000})


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_soffice_missing_gives_install_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_SOFFICE", str(tmp_path / "missing" / "soffice"))
    path = tmp_path / "old.doc"
    path.write_bytes(FAKE_DOC)
    with pytest.raises(LoadError) as info:
        load(path)
    assert info.value.reason == ("需要安装 LibreOffice 才能读取 .doc/.wps 文件"
                                 "（Debian/Ubuntu: sudo apt-get install -y libreoffice-writer）")
    assert str(info.value).startswith(str(path))
    with pytest.raises(LoadError, match="LibreOffice"):
        legacy_loader.convert_to_docx(FAKE_DOC, "x.wps")


def test_converter_timeout_kills_process_group(tmp_path, monkeypatch):
    pid_file = tmp_path / "child.pid"
    script = fake_soffice(tmp_path, (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen(['sleep', '60'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"))
    monkeypatch.setenv("CHECKER_SOFFICE", str(script))
    monkeypatch.setattr(legacy_loader, "CONVERT_TIMEOUT_S", 1.0)
    t0 = time.monotonic()
    with pytest.raises(LoadError) as info:
        load(FAKE_DOC, "slow.doc")
    assert "转换超时" in info.value.reason
    assert time.monotonic() - t0 < 15
    child = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child), "the converter's children are killed with it"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in state


@pytest.mark.parametrize(("name", "given", "mismatch"), [
    ("tender.wps", ".wps", False),
    ("tender.doc", ".doc", False),
    ("tender.docx", ".doc", True),  # a .docx that is really a .doc
])
def test_converter_output_is_read_as_docx(tmp_path, monkeypatch, name, given, mismatch):
    """A stand-in converter writes <outdir>/input.docx; the legacy loader reads it and says so."""
    produced = tmp_path / "produced.docx"
    produced.write_bytes(make_docx(p("投标人须为本市注册企业。") + p("第二段")))
    script = fake_soffice(tmp_path, (
        "import os, shutil, sys\n"
        "args = sys.argv[1:]\n"
        "assert any(a.startswith('-env:UserInstallation=file://') for a in args)\n"
        "assert '--headless' in args and '--convert-to' in args\n"
        "out = args[args.index('--outdir') + 1]\n"
        f"assert args[-1].endswith({given!r}), args[-1]\n"
        "os.makedirs(out, exist_ok=True)\n"
        f"shutil.copy({str(produced)!r}, os.path.join(out, 'input.docx'))\n"))
    monkeypatch.setenv("CHECKER_SOFFICE", str(script))
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = inputs / name
    path.write_bytes(FAKE_DOC)
    doc = load(path)
    assert [b.text for b in doc.blocks] == ["投标人须为本市注册企业。", "第二段"]
    assert doc.meta["converted_from"] == given.lstrip(".")
    assert any("LibreOffice" in w for w in doc.warnings)
    assert doc.warnings[0].startswith("扩展名与内容不符") is mismatch
    assert [x.name for x in inputs.iterdir()] == [name]


def test_converter_without_output(tmp_path, monkeypatch):
    script = fake_soffice(tmp_path, "import sys\nsys.stderr.write('Error: source file could not be loaded\\n')\n")
    monkeypatch.setenv("CHECKER_SOFFICE", str(script))
    with pytest.raises(LoadError) as info:
        load(FAKE_DOC, "broken.doc")
    assert "无法转换" in info.value.reason and "could not be loaded" in info.value.reason


def test_encrypted_doc_flag(tmp_path, monkeypatch):
    """Word 97-2003 with an open password: FIB fEncrypted set → refused before conversion."""
    monkeypatch.setenv("CHECKER_SOFFICE", str(tmp_path / "never-called"))
    fib = bytearray(b"\xec\xa5" + b"\0" * 5000)
    fib[0x0B] |= 0x01  # fEncrypted (bit 8 of the flags word at 0x0A)
    data = ole2_file({"WordDocument": bytes(fib)})
    assert sniff(data) == "encrypted"
    with pytest.raises(LoadError, match="已加密"):
        load(data, "locked.doc")


# --- real LibreOffice ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_doc(tmp_path_factory) -> bytes:
    """A Word 97-2003 file made by LibreOffice from a python-docx document."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("legacy")
    d = docx.Document()
    d.add_heading("第三章 资格条件", level=1)
    d.add_paragraph("投标人注册资本不低于5000万元。")
    t = d.add_table(rows=2, cols=2)
    t.style = d.styles["Table Grid"]
    for row in t.rows:
        for c in row.cells:
            c.width = Cm(4)
    t.cell(1, 1).text = "本地业绩得5分"
    d.add_paragraph("表后")  # Word requires a paragraph after a table; LibreOffice drops it otherwise
    d.save(folder / "src.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder), str(folder / "src.docx")],
                   check=True, capture_output=True, timeout=120)
    shutil.rmtree(folder / "profile", ignore_errors=True)
    return (folder / "src.doc").read_bytes()


@needs_soffice
@pytest.mark.slow
def test_real_doc(real_doc):
    assert sniff(real_doc) == "doc"
    doc = load(real_doc, "tender.doc")
    texts = [b.text for b in doc.blocks]
    assert "第三章 资格条件" in texts and "投标人注册资本不低于5000万元。" in texts
    cell = next(b for b in doc.blocks if b.text == "本地业绩得5分")
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 2, 2)
    assert doc.meta["converted_from"] == "doc"
    assert next(b for b in doc.blocks if b.text == "第三章 资格条件").heading_level == 1


@needs_soffice
@pytest.mark.slow
def test_real_rtf_and_odt(tmp_path):
    rtf = (r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0 SimSun;}}"
           r"\pard \u25237?\u26631?\u20154?\u39035?\u22312?\u26412?\u24066?\u27880?\u20876?\u12290?\par"
           r"\pard Second paragraph\par}")
    path = tmp_path / "a.rtf"
    path.write_bytes(rtf.encode("ascii"))
    doc = load(path)
    assert [b.text for b in doc.blocks] == ["投标人须在本市注册。", "Second paragraph"]
    assert doc.meta["converted_from"] == "rtf"
    odt = load(minimal_odt(["采购需求", "供应商须提供原厂授权。"]), "b.odt")
    assert [b.text for b in odt.blocks] == ["采购需求", "供应商须提供原厂授权。"]
    assert odt.meta["converted_from"] == "odt"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.rtf"]
