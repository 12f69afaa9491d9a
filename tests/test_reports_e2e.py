"""Writers and annotators on REAL pipeline output: the examples/ tenders, checked end to end.

The fixed-report golden tests (test_reports.py) pin the formats; these pin that the formats
and the annotated copies work on what the checker actually finds.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import pypdf
import pypdfium2 as pdfium
import pytest
from lxml import etree
from openpyxl import load_workbook
from test_annotate_docx import commented_texts, comments, loaded_texts

from checker.docx_common import block_paragraph_spans
from checker.loaders import docx_loader, pdf_loader
from checker.pipeline import scan
from checker.reports import WRITERS, annotate_file
from checker.reports.docx_annotate import _visible
from checker.reports.json_report import read_report
from checker.waivers import Waiver, apply_waivers, compare_baseline, fails

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CREATED = "2025-06-01T10:30:00+08:00"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
GP_DOCX = EXAMPLES / "gp_goods_tender.docx"
CB_PDF = EXAMPLES / "cb_works_tender.pdf"
LEGACY_DOC = EXAMPLES / "gp_service_legacy.doc"


@pytest.fixture(scope="module")
def gp_report():
    return scan([GP_DOCX], created=CREATED)


@pytest.fixture(scope="module")
def cb_report():
    return scan([CB_PDF], created=CREATED)


def test_annotated_docx_of_a_real_tender(gp_report):
    doc = gp_report.documents[0]
    assert doc.status == "ok" and doc.findings
    original = GP_DOCX.read_bytes()
    suffix, out = annotate_file(doc, original, CREATED)
    assert suffix == ".docx"
    body = [f for f in doc.findings if f.location.part == "body"]
    anchored = commented_texts(out)
    texts = comments(out)
    listing = [cid for cid, t in texts.items() if t.startswith("以下问题")]
    assert not any(t.startswith("以下问题未能在文中定位") for t in texts.values())  # every body finding placed
    assert len(anchored) - len(listing) == len(body)  # one comment per finding in the main story
    loaded = docx_loader.load(original, GP_DOCX.name)
    expected = Counter()
    for f in body:
        block = loaded.blocks[f.block_index]
        expected[_visible(block, block_paragraph_spans(block, loaded.meta), f.block_start, f.block_end)] += 1
    got = Counter(t.replace("\n", "") for cid, t in anchored.items() if cid not in listing)
    assert got == expected
    assert loaded_texts(out) == loaded_texts(original)
    assert len(listing) == (1 if len(body) < len(doc.findings) else 0)


def text_under(pdf_bytes: bytes, page: int, quads: list[float]) -> str:
    """What pdfium reads inside each highlighted quad (independent of how the quads were made)."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        tp = pdf[page].get_textpage()
        parts = []
        for i in range(0, len(quads), 8):
            q = quads[i:i + 8]
            left, right = min(q[0], q[4]), max(q[2], q[6])
            bottom, top = min(q[5], q[7]), max(q[1], q[3])
            shrink = (top - bottom) * 0.25  # centre band: no neighbouring line
            parts.append(tp.get_text_bounded(left + 0.5, bottom + shrink, right - 0.5, top - shrink))
        return "".join(parts)
    finally:
        pdf.close()


def squash(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def test_annotated_pdf_of_a_real_tender(cb_report):
    doc = cb_report.documents[0]
    assert doc.status == "ok" and doc.findings
    original = CB_PDF.read_bytes()
    suffix, out = annotate_file(doc, original, CREATED)
    assert suffix == ".pdf" and out.startswith(original)
    reader = pypdf.PdfReader(io.BytesIO(out))
    highlights = [(i, a.get_object()) for i, page in enumerate(reader.pages) for a in page.get("/Annots") or ()
                  if a.get_object()["/Subtype"] == "/Highlight"]
    notes = [a.get_object() for page in reader.pages for a in page.get("/Annots") or ()
             if a.get_object()["/Subtype"] == "/Text"]
    assert not notes  # nothing left unplaced
    assert len(highlights) >= len(doc.findings)  # one per finding (two if a match crosses a page break)
    by_name = {}
    for page, annot in highlights:
        by_name.setdefault(str(annot["/Contents"]), []).append((page, annot))
    matched = 0
    for f in doc.findings:
        mine = [(page, a) for page, a in highlights if str(a["/NM"]).endswith(f.fingerprint)]
        under = "".join(text_under(out, page, [float(v) for v in a["/QuadPoints"]]) for page, a in mine)
        assert squash(f.match_text) in squash(under) or squash(under) in squash(f.match_text), (f.rule_id, under)
        matched += 1
    assert matched == len(doc.findings)


def test_pdf_highlights_cover_the_loaders_character_boxes(cb_report):
    """Every character box the PDF loader reports for a match lies inside one of its highlight quads."""
    doc = cb_report.documents[0]
    original = CB_PDF.read_bytes()
    _suffix, out = annotate_file(doc, original, CREATED)
    reader = pypdf.PdfReader(io.BytesIO(out))
    pdf = pdfium.PdfDocument(original)
    heights = [pdf[i].get_height() for i in range(len(pdf))]
    pdf.close()
    checked = 0
    for f in doc.findings:
        quads = []
        for i, page in enumerate(reader.pages):
            for a in page.get("/Annots") or ():
                a = a.get_object()
                if a["/Subtype"] == "/Highlight" and str(a["/NM"]).endswith(f.fingerprint):
                    q = [float(v) for v in a["/QuadPoints"]]
                    quads += [(i + 1, min(q[k], q[k + 4]), min(q[k + 5], q[k + 7]), max(q[k + 2], q[k + 6]),
                               max(q[k + 1], q[k + 3])) for k in range(0, len(q), 8)]
        boxes = pdf_loader.char_boxes(original, doc.meta["pdf_spans"][f.block_index], f.block_start, f.block_end)
        assert boxes, f.rule_id
        for page, (x0, top, x1, bottom) in boxes:  # top-left origin → PDF space
            y0, y1 = heights[page - 1] - bottom, heights[page - 1] - top
            assert any(p == page and x0 >= left - 1 and x1 <= r + 1 and y0 >= b - 1 and y1 <= t + 1
                       for p, left, b, r, t in quads), (f.rule_id, page, (x0, y0, x1, y1), quads)
            checked += 1
    assert checked >= sum(len(squash(f.match_text)) for f in doc.findings) * 0.9


def test_writers_on_real_output(gp_report, cb_report):
    report = gp_report.__class__(gp_report.documents + cb_report.documents, gp_report.tool_version,
                                 gp_report.ruleset_version, gp_report.ruleset_hash, CREATED, gp_report.options)
    for fmt, writer in WRITERS.items():
        assert writer(report) == writer(report), fmt
    log = json.loads(WRITERS["sarif"](report))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert len(log["runs"][0]["results"]) == len(report.findings)
    data = WRITERS["json"](report)
    assert WRITERS["json"](read_report(data)) == data
    obj = json.loads(data)
    assert all("pdf_spans" not in d["meta"] and "docx_cell_paragraphs" not in d["meta"] for d in obj["documents"])
    assert obj["manifest"]["inputs"][0]["sha256"] == __import__("hashlib").sha256(GP_DOCX.read_bytes()).hexdigest()
    ws = load_workbook(io.BytesIO(WRITERS["xlsx"](report)))["审查意见表"]
    assert ws.max_row - 1 == len(report.findings)
    text = WRITERS["text"](report).decode()
    assert sum(1 for ln in text.splitlines() if ln.startswith((f"{GP_DOCX}:", f"{CB_PDF}:"))) == len(report.findings)
    html = WRITERS["html"](report).decode()
    assert html.count("<article ") == len(report.findings)
    etree.fromstring(html.encode(), etree.HTMLParser())  # parses


def test_waivers_and_baseline_on_real_output(gp_report):
    first = gp_report.findings[0]
    w = Waiver(first.rule_id, first.fingerprint, "李明", "已论证", "2025-05-01")
    waived, unused, expired = apply_waivers(gp_report, [w], today=__import__("datetime").date(2025, 6, 1))
    assert unused == () and expired == ()
    assert sum(1 for f in waived.findings if f.waiver) == sum(1 for f in gp_report.findings
                                                             if f.fingerprint == first.fingerprint
                                                             and f.rule_id == first.rule_id)
    again = scan([GP_DOCX], created="2025-07-01T09:00:00+08:00")  # a later run of the same file
    diff = compare_baseline(again, WRITERS["json"](gp_report))
    assert diff.new == () and diff.resolved == () and len(diff.unchanged) == len(gp_report.findings)
    assert fails(gp_report, "info")


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(soffice is None, reason="LibreOffice not installed")
def test_annotated_legacy_doc_is_the_converted_docx():
    report = scan([LEGACY_DOC], created=CREATED)
    doc = report.documents[0]
    assert doc.status == "ok" and doc.findings
    suffix, out = annotate_file(doc, LEGACY_DOC.read_bytes(), CREATED)
    assert suffix == ".docx" and zipfile.is_zipfile(io.BytesIO(out))
    texts = comments(out)
    assert not any(t.startswith("以下问题未能在文中定位") for t in texts.values())
    body = [f for f in doc.findings if f.location.part == "body"]
    listing = [t for t in texts.values() if t.startswith("以下问题")]
    assert len(texts) - len(listing) == len(body)
