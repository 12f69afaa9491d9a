"""End to end: each file in examples/ → findings, compared with a golden file (DESIGN §6).

Golden files: tests/golden/e2e/<example>.txt, one line per finding::

    <where>|<section kind>|<rule id>|<severity>|<matched text>

``<where>`` is ``pg<page> p<paragraph> t<table>r<row>c<column>`` (parts that apply); lines
starting with ``#`` give the detected regime and the loader's warnings. Regenerate after a
rule or loader change, then READ the diff (a lost line is a missed violation, a new line may
be a false alarm)::

    .venv/bin/python tests/test_end_to_end.py --regen

The regen also prints the recall on the violations planted in each example and the findings
on its lawful look-alike sentences (lists in examples/make_examples.py).

The .doc example needs LibreOffice; its tests are skipped when soffice is absent.
"""

from __future__ import annotations

import functools
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "examples") not in sys.path:
    sys.path.insert(0, str(ROOT / "examples"))

import make_examples  # noqa: E402  (examples/make_examples.py)

from checker.loaders import load  # noqa: E402
from checker.loaders.legacy_loader import find_soffice  # noqa: E402
from checker.match import Matcher  # noqa: E402
from checker.model import Document, DocumentReport, Finding  # noqa: E402
from checker.pipeline import check  # noqa: E402
from checker.rules import RuleSet, load_ruleset  # noqa: E402
from checker.sections import assign_sections  # noqa: E402

EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "e2e"
NAMES = ("gp_goods_tender.docx", "cb_works_tender.pdf", "gp_service_legacy.doc", "clean_tender.docx")
EXPECTED_REGIME = {"gp_goods_tender.docx": "gp", "cb_works_tender.pdf": "cb",
                   "gp_service_legacy.doc": "gp", "clean_tender.docx": "gp"}
HAS_SOFFICE = find_soffice() is not None


def needs(name: str) -> list:
    """pytest marks for an example: the .doc one needs LibreOffice."""
    if name.endswith(".doc"):
        return [pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) not installed")]
    return []


def example_params() -> list:
    return [pytest.param(n, id=n, marks=needs(n)) for n in NAMES]


# --- golden lines ----------------------------------------------------------------------------


def where(f: Finding) -> str:
    loc = f.location
    bits = []
    if loc.part != "body":
        bits.append(loc.part)
    if loc.page is not None:
        bits.append(f"pg{loc.page}")
    if loc.paragraph is not None:
        bits.append(f"p{loc.paragraph}")
    if loc.table is not None:
        bits.append(f"t{loc.table}r{loc.row}c{loc.column}")
    return " ".join(bits) or "-"


def finding_line(f: Finding) -> str:
    match = " ".join(f.match_text.split())
    return "|".join((where(f), f.location.section_kind or "-", f.rule_id, f.severity, match))


def golden_lines(report: DocumentReport) -> list[str]:
    regime = report.regime.regime if report.regime else None
    lines = [f"# status: {report.status}", f"# regime: {regime or 'undecided'}"]
    lines += [f"# warning: {w}" for w in report.warnings]
    if report.error:
        lines.append(f"# error: {report.error}")
    lines += [finding_line(f) for f in report.findings]
    return lines


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.txt"


# --- fixtures --------------------------------------------------------------------------------

@functools.cache
def bundled_rules() -> tuple[RuleSet, Matcher]:
    ruleset = load_ruleset()
    return ruleset, Matcher(ruleset)


@functools.cache
def loaded(name: str) -> Document:
    """One example as loaded (once per process)."""
    return load(EXAMPLES / name)


def sectioned(name: str) -> Document:
    return assign_sections(loaded(name))


@functools.cache
def report_of(name: str) -> DocumentReport:
    """One example checked with the bundled rules (once per process)."""
    ruleset, matcher = bundled_rules()
    return check(loaded(name), ruleset, matcher=matcher)


# --- tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", example_params())
def test_example_matches_golden(name: str) -> None:
    path = golden_path(name)
    assert path.exists(), f"missing {path}; run: .venv/bin/python tests/test_end_to_end.py --regen"
    expected = path.read_text(encoding="utf-8").splitlines()
    actual = golden_lines(report_of(name))
    assert actual == expected, (
        f"{name}: findings differ from {path.relative_to(ROOT)}; if the change is intended, run "
        "`.venv/bin/python tests/test_end_to_end.py --regen` and review the diff")


@pytest.mark.parametrize("name", example_params())
def test_example_loads_and_regime_is_detected(name: str) -> None:
    report = report_of(name)
    assert report.status == "ok", report.error
    assert report.regime is not None and report.regime.regime == EXPECTED_REGIME[name], report.regime


def test_clean_example_has_no_error_or_warning() -> None:
    report = report_of("clean_tender.docx")
    serious = [finding_line(f) for f in report.findings if f.severity in ("error", "warning")]
    assert serious == []


def test_every_finding_sits_in_a_detected_chapter() -> None:
    for name in ("gp_goods_tender.docx", "cb_works_tender.pdf"):
        for f in report_of(name).findings:
            if f.location.part == "body":
                assert f.location.section_kind, (name, finding_line(f))
                assert f.location.section and f.location.section[0].startswith("第"), (name, finding_line(f))


def _block_with(doc: Document, snippet: str):
    hits = [b for b in doc.blocks if snippet in b.text]
    assert len(hits) == 1, (snippet, [b.text for b in hits])
    return hits[0]


def test_gp_docx_chapters_come_from_word_numbering() -> None:
    """The chapter labels exist only in numbering.xml; the loader must render them."""
    with zipfile.ZipFile(EXAMPLES / "gp_goods_tender.docx") as zf:
        body_xml = zf.read("word/document.xml").decode("utf-8")
        numbering_xml = zf.read("word/numbering.xml").decode("utf-8")
    assert "第四章" not in body_xml and "评标办法及评分标准" in body_xml
    assert "第%1章" in numbering_xml
    doc = sectioned("gp_goods_tender.docx")
    heading = _block_with(doc, "评标办法及评分标准")
    assert heading.text == "第四章 评标办法及评分标准"
    assert heading.anchor_offset == len("第四章 ")
    scoring = _block_with(doc, "方案优的得10分")
    assert scoring.location.table is not None
    assert scoring.location.section_kind == "评分标准"
    assert scoring.location.section == ("第四章 评标办法及评分标准", "4.2 评分标准")
    capital = _block_with(doc, "投标人注册资本不低于")
    assert capital.text.startswith("（四）")
    assert capital.location.section_kind == "资格条件"
    assert capital.location.section[0] == "第三章 资格条件"
    header = [b for b in doc.blocks if b.location.part == "header"]
    assert [b.text for b in header] == ["XX市人民医院设备采购项目 招标文件"]


def test_findings_in_the_scoring_table_carry_the_rendered_chapter() -> None:
    doc, report = sectioned("gp_goods_tender.docx"), report_of("gp_goods_tender.docx")
    table = _block_with(doc, "方案优的得10分").location.table
    in_table = [f for f in report.findings if f.location.table == table]
    assert in_table, "no finding in the 评分标准 table of gp_goods_tender.docx"
    for f in in_table:
        assert f.location.section_kind == "评分标准", finding_line(f)
        assert f.location.section[0] == "第四章 评标办法及评分标准", finding_line(f)


def test_cb_pdf_chapters_and_running_header() -> None:
    doc = sectioned("cb_works_tender.pdf")
    deposit = _block_with(doc, "陆拾万元整")
    assert deposit.location.page is not None
    assert deposit.location.section_kind == "投标人须知"
    assert deposit.location.section[0] == "第二章 投标人须知"
    rebid = _block_with(doc, "二次报价作为评标价")
    assert rebid.location.section_kind == "评分标准"
    body_headers = [b for b in doc.blocks if b.location.part == "body" and b.text.strip() == make_examples.CB_HEADER]
    assert body_headers == [], "the running header must not repeat as body text"


def _squash(text: str) -> str:
    """Compare texts across formats: NFKC, no whitespace, no quotation marks."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "“”\"‘’'")


def _generated_sentences(items) -> list[str]:
    out = []
    for item in items:
        if item[0] in ("p", "note", "h1", "h2"):
            out.append(item[1])
        elif item[0] in ("list", "cover"):
            out.extend(item[-1])
        elif item[0] == "table":
            out.extend(line for row in (item[2], *item[3]) for cell in row for line in cell.split("\n") if line)
    return out


@pytest.mark.parametrize("name, items", [
    pytest.param("cb_works_tender.pdf", make_examples.cb_works_items, id="pdf"),
    pytest.param("gp_service_legacy.doc", make_examples.gp_service_items, id="doc",
                 marks=needs("gp_service_legacy.doc")),
])
def test_converted_examples_hold_the_generator_text(name: str, items) -> None:
    """The committed PDF/DOC are in sync with make_examples.py and every line survives loading."""
    doc = loaded(name)
    text = _squash("".join(b.text for b in doc.blocks))
    missing = [s for s in _generated_sentences(items()) if _squash(s) not in text]
    assert missing == []


@pytest.mark.parametrize("name, make", [
    ("gp_goods_tender.docx", make_examples.make_gp_goods),
    ("clean_tender.docx", make_examples.make_clean),
])
def test_docx_examples_are_reproducible(name: str, make) -> None:
    """Re-running the generator gives the committed bytes (fixed dates, zip times, no thumbnail)."""
    assert make() == (EXAMPLES / name).read_bytes(), f"examples/{name} is stale: run examples/make_examples.py"


def test_examples_are_small() -> None:
    for name in NAMES:
        assert (EXAMPLES / name).stat().st_size < 300_000, name


# --- regeneration and the planted-violation summary -------------------------------------------------


def recall_summary(name: str, report: DocumentReport) -> list[str]:
    """Human-readable recall on the planted violations and findings on lawful look-alikes."""
    serious = [f for f in report.findings if f.severity in ("error", "warning")]
    lines = []
    planted = make_examples.PLANTED.get(name, ())
    found = 0
    for snippet, category in planted:
        hits = [f for f in serious if _squash(snippet) in _squash(f.sentence)]
        found += bool(hits)
        got = ", ".join(sorted({f"{f.rule_id}({f.severity})" for f in hits})) or "MISSED"
        lines.append(f"  planted  {category:45s} {got:35s} {snippet}")
    for snippet in make_examples.LOOKALIKES.get(name, ()):
        hits = [f for f in report.findings if _squash(snippet) in _squash(f.sentence)]
        for f in hits:
            lines.append(f"  LAWFUL FLAGGED {f.rule_id}({f.severity}) «{f.match_text}» in: {snippet}")
    header = f"{name}: planted recall {found}/{len(planted)}" if planted else f"{name}: (no planted violations)"
    n_serious = len(serious)
    return [f"{header}; {n_serious} error/warning finding(s), {len(report.findings) - n_serious} info", *lines]


def regen(names: tuple[str, ...] = NAMES) -> list[str]:
    """Rewrite the golden files; returns the summary lines (also printed by ``--regen``)."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        if name.endswith(".doc") and not HAS_SOFFICE:
            out.append(f"{name}: skipped (LibreOffice not installed)")
            continue
        report = report_of(name)
        path = golden_path(name)
        new = "\n".join(golden_lines(report)) + "\n"
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if new != old:
            path.write_text(new, encoding="utf-8")
        out.append(f"{'updated' if new != old else 'unchanged'} {path.relative_to(ROOT)}")
        out.extend(recall_summary(name, report))
    return out


if __name__ == "__main__":
    if "--regen" not in sys.argv[1:]:
        sys.exit("usage: python tests/test_end_to_end.py --regen")
    print("\n".join(regen()))
