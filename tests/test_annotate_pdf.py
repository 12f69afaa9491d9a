"""Annotated PDFs: one highlight per finding over exactly the matched characters; content untouched.

The test PDF is written by hand with the predefined CJK font STSong-Light (Adobe-GB1,
UniGB-UCS2-H): every CJK character advances exactly ``size`` points and every ASCII
character ``size / 2`` (/W), so where each matched character sits is known independently
of any PDF library.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pypdf
import pytest

from checker.loaders import pdf_loader
from checker.model import Finding, Location
from checker.reports.annotate import annotate
from checker.reports.docx_annotate import comment_text
from checker.reports.pdf_annotate import annotate_pdf

X0 = 72
LINES = [  # (page, y, size, text)
    (1, 760, 14, "第三章 资格条件"),
    (1, 730, 12, "投标人注册资本不低于5000万元人民币，且具有良好的"),
    (1, 714, 12, "商业信誉。投标人须为本市注册的企业。"),
    (1, 690, 12, "外地投标人须为本市注册的企业。"),  # the same words again, in another sentence
    (2, 760, 12, "投标保证金：人民币3万元整。"),
]
SENTENCE_1 = "投标人注册资本不低于5000万元人民币，且具有良好的商业信誉。"
ASCENT, DESCENT = 0.88, 0.12  # of the font size, from the font descriptor


def make_pdf(lines=LINES) -> bytes:
    objs: list[str] = []

    def add(s: str) -> int:
        objs.append(s)
        return len(objs)

    desc = add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
              f"/Ordering (GB1) /Supplement 4 >> /FontDescriptor {desc} 0 R /DW 1000 /W [1 95 500] >>")
    font = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               f"/DescendantFonts [{cid} 0 R] >>")
    pages = sorted({ln[0] for ln in lines})
    contents = []
    for page in pages:
        ops = [f"BT /F1 {size} Tf {X0} {y} Td <{''.join(f'{ord(c):04X}' for c in text)}> Tj ET"
               for pg, y, size, text in lines if pg == page]
        stream = "\n".join(ops)
        contents.append(add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"))
    pages_id = len(objs) + len(pages) + 1
    kids = [add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {c} 0 R >>") for c in contents]
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def expected_boxes(page: int, line_no: int, phrase: str) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of ``phrase`` in a test line, from the font's fixed advances."""
    pg, y, size, text = [ln for ln in LINES if ln[0] == page][line_no]
    first, count = text.index(phrase), len(phrase)
    width = [size / 2 if ord(c) < 128 else size for c in text]
    left = X0 + sum(width[:first])
    return left, y - DESCENT * size, left + sum(width[first:first + count]), y + ASCENT * size


def finding(sentence: str, match: str, page: int | None, rule_id: str = "GP-TEST-001", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(match, start + 1)
    end = start + len(match)
    return Finding(rule_id=rule_id, title="测试问题", severity="warning", confidence="medium", category="TEST",
                   location=Location(paragraph=3, page=page), sentence=sentence, match_text=match, start=start,
                   end=end, block_index=2, block_start=start, block_end=end,
                   legal_basis=("《中华人民共和国政府采购法实施条例》第二十条：……",), explanation="说明。",
                   suggestion="删除。", fingerprint=hashlib.sha1(f"{rule_id}{sentence}".encode()).hexdigest()[:16])


def annotations(data: bytes) -> list[list[dict]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [[a.get_object() for a in page.get("/Annots") or ()] for page in reader.pages]


def quads(annot) -> list[tuple[float, float, float, float]]:
    q = [float(v) for v in annot["/QuadPoints"]]
    return [(min(q[i], q[i + 4]), min(q[i + 5], q[i + 7]), max(q[i + 2], q[i + 6]), max(q[i + 1], q[i + 3]))
            for i in range(0, len(q), 8)]


def close(a, b, tol=1.5) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def test_one_highlight_per_finding_over_the_matched_characters():
    original = make_pdf()
    fs = [
        finding(SENTENCE_1, "注册资本不低于5000万元", 1),
        finding(SENTENCE_1, "且具有良好的商业信誉", 1),  # wraps onto the next line: two quads
        finding("投标保证金：人民币3万元整。", "人民币3万元", 2),
    ]
    out = annotate_pdf(original, fs, created="2025-06-01T10:30:00+08:00")
    page1, page2 = annotations(out)
    highlights = [a for a in page1 + page2 if a["/Subtype"] == "/Highlight"]
    assert len(highlights) == len(fs)
    h_capital, h_wrap = (a for a in page1 if a["/Subtype"] == "/Highlight")
    (h_bond,) = (a for a in page2 if a["/Subtype"] == "/Highlight")
    assert close(quads(h_capital)[0], expected_boxes(1, 1, "注册资本不低于5000万元"))
    assert [close(q, e) for q, e in zip(quads(h_wrap), [expected_boxes(1, 1, "且具有良好的"),
                                                                 expected_boxes(1, 2, "商业信誉")],
                                        strict=True)] == [True, True]
    assert close(quads(h_bond)[0], expected_boxes(2, 0, "人民币3万元"))
    for annot, f in zip((h_capital, h_wrap, h_bond), fs, strict=True):
        rect = [float(v) for v in annot["/Rect"]]
        for q in quads(annot):  # the rectangle encloses every quad
            assert rect[0] <= q[0] + 0.01 and rect[1] <= q[1] + 0.01 and rect[2] >= q[2] - 0.01 and rect[3] >= q[3] - 0.01
        assert annot["/Contents"] == comment_text(f)
        assert annot["/T"] == "招标文件审查" and annot["/M"] == "D:20250601023000Z"
        assert [float(c) for c in annot["/C"]] == [1, 1, 0]
        popup = annot["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object() == annot


def test_content_streams_untouched_and_output_deterministic():
    original = make_pdf()
    fs = [finding(SENTENCE_1, "注册资本不低于5000万元", 1), finding("投标保证金：人民币3万元整。", "3万元", 2)]
    out = annotate_pdf(original, fs)
    assert out.startswith(original)  # incremental update: every original byte kept
    before = pypdf.PdfReader(io.BytesIO(original))
    after = pypdf.PdfReader(io.BytesIO(out))
    for p0, p1 in zip(before.pages, after.pages, strict=True):
        raw0 = p0["/Contents"].get_object()._data
        raw1 = p1["/Contents"].get_object()._data
        assert raw0 == raw1
        assert p0.extract_text() == p1.extract_text()
    assert annotate_pdf(original, fs) == out
    assert "/M" not in annotations(out)[0][0]  # no clock when no time is injected


def test_the_right_occurrence_is_marked():
    """The same words twice on a page: the sentence decides which one is highlighted."""
    original = make_pdf()
    second = finding("外地投标人须为本市注册的企业。", "须为本市注册的企业", 1)
    (h,) = [a for a in annotations(annotate_pdf(original, [second]))[0] if a["/Subtype"] == "/Highlight"]
    assert close(quads(h)[0], expected_boxes(1, 3, "须为本市注册的企业"))  # line 4, not line 3
    first = finding("投标人须为本市注册的企业。", "须为本市注册的企业", 1)
    (h,) = [a for a in annotations(annotate_pdf(original, [first]))[0] if a["/Subtype"] == "/Highlight"]
    assert close(quads(h)[0], expected_boxes(1, 2, "须为本市注册的企业"))


def test_wrong_or_missing_page_is_searched_and_unknown_text_is_listed():
    original = make_pdf()
    moved = finding("投标保证金：人民币3万元整。", "人民币3万元", 1)  # says page 1, is on page 2
    unknown = finding("投标人须具有省级以上奖项。", "省级以上奖项", 1)
    no_page = finding(SENTENCE_1, "注册资本", None)
    page1, page2 = annotations(annotate_pdf(original, [moved, unknown, no_page]))
    assert [a["/Subtype"] for a in page2] == ["/Highlight", "/Popup"]
    assert sorted(a["/Subtype"] for a in page1) == ["/Highlight", "/Popup", "/Text"]
    note = next(a for a in page1 if a["/Subtype"] == "/Text")
    assert note["/Contents"].startswith("以下问题未能在页面上定位") and "省级以上奖项" in note["/Contents"]


def test_annotate_dispatch_for_pdf():
    original = make_pdf()
    data, suffix = annotate(original, "施工招标文件.pdf", [finding(SENTENCE_1, "注册资本", 1)])
    assert suffix == ".pdf" and data.startswith(original)


def block_finding(doc, block_index: int, sentence: str, match: str) -> Finding:
    """A Finding as the pipeline makes one: ``sentence`` inside block ``block_index``."""
    block = doc.blocks[block_index]
    s0 = block.text.index(sentence)
    start = sentence.index(match)
    f = finding(sentence, match, block.location.page)
    return Finding(**{**{k: getattr(f, k) for k in f.__slots__}, "block_index": block_index,
                      "block_start": s0 + start, "block_end": s0 + start + len(match), "location": block.location})


def test_loader_layout_places_repeated_sentences_exactly():
    """The same sentence twice on a page: the loader's layout, not a text search, picks the block."""
    lines = LINES + [(1, 660, 12, "投标人须为本市注册的企业。")]
    original = make_pdf(lines)
    doc = pdf_loader.load(original, "t.pdf")
    repeated = "投标人须为本市注册的企业。"
    last = max(i for i, b in enumerate(doc.blocks) if b.text == repeated)
    assert repeated in doc.blocks[1].text  # the first copy, inside the first paragraph
    f_last = block_finding(doc, last, repeated, "须为本市注册的企业")
    f_first = block_finding(doc, 1, repeated, "须为本市注册的企业")
    wrapped = block_finding(doc, 1, SENTENCE_1, "且具有良好的商业信誉")
    out = annotate_pdf(original, [f_last, f_first, wrapped])
    assert annotate_pdf(original, [f_last, f_first, wrapped], pdf_spans=doc.meta["pdf_spans"]) == out
    h_last, h_first, h_wrap = (a for a in annotations(out)[0] if a["/Subtype"] == "/Highlight")
    line_660 = (X0 + 36, 660 - DESCENT * 12, X0 + 36 + 9 * 12, 660 + ASCENT * 12)
    assert close(quads(h_last)[0], line_660)
    assert close(quads(h_first)[0], expected_boxes(1, 2, "须为本市注册的企业"))
    assert len(quads(h_wrap)) == 2


@pytest.mark.parametrize("bad", [b"%PDF-1.4\n garbage", b""])
def test_unreadable_pdf_raises(bad):
    with pytest.raises(Exception):  # noqa: B017 - pdfium's own error type; the CLI reports it per file
        annotate_pdf(bad, [finding(SENTENCE_1, "注册资本", 1)])


def test_highlights_cover_the_characters_pdfplumber_sees():
    """Independent oracle: pdfplumber (pdfminer) reads each page's characters and their boxes on
    its own; every highlight of the CB example must cover exactly where pdfplumber finds the
    matched text on that page."""
    import pdfplumber

    from checker.pipeline import check_file
    from checker.rules import load_ruleset

    path = Path(__file__).resolve().parent.parent / "examples" / "cb_works_tender.pdf"
    original = path.read_bytes()
    report = check_file(original, load_ruleset(), "cb", name=path.name)
    placed = [f for f in report.findings if f.location.page]
    assert len(placed) >= 5
    out = annotate_pdf(original, report.findings, pdf_spans=report.meta.get("pdf_spans"), name=path.name)
    per_page = annotations(out)
    judged: list[str] = []
    with pdfplumber.open(io.BytesIO(original)) as pdf:
        for f in placed:
            page = pdf.pages[f.location.page - 1]
            chars = [c for c in page.chars if c["text"].strip()]
            text = "".join(c["text"] for c in chars)
            target = "".join(f.match_text.split())
            sentence = "".join(f.sentence.split())
            start = text.find(sentence)
            if start < 0:  # a sentence pdfplumber orders differently (interleaved table cells) is not judged
                continue
            at = start + sentence.find(target)
            judged.append(f.rule_id)
            hits = [a for a in per_page[f.location.page - 1] if a["/Subtype"] == "/Highlight"]
            rects = [q for a in hits for q in quads(a)]
            height = float(page.height)
            for c in chars[at:at + len(target)]:
                cx, cy = (c["x0"] + c["x1"]) / 2, height - (c["top"] + c["bottom"]) / 2
                assert any(x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1 for x0, y0, x1, y1 in rects), (
                    f.rule_id, f.match_text, c["text"])
    assert len(judged) >= 4, judged
