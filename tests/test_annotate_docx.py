"""Annotated Word files: a comment on exactly each match, and nothing else in the document changed.

Findings are built from the real DOCX loader's blocks (the same offsets the pipeline produces);
every check re-reads both the input and the output.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from docx_build import make_docx, numbering, p, r, styles, textbox_run
from lxml import etree

from checker.docx_common import W, block_paragraph_spans, iter_body_paragraphs, paragraph_runs, run_text
from checker.loaders import docx_loader
from checker.model import Document, Finding
from checker.reports.annotate import annotate, annotated_name
from checker.reports.docx_annotate import _visible, annotate_docx, comment_text

BASIS = ("《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条：采购人、采购代理机构不得将投标人的注册资本……",)
CREATED = "2025-06-01T10:30:00+08:00"


def png_bytes() -> bytes:
    """A 4×4 red PNG, built by hand (no imaging library needed)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@functools.lru_cache(maxsize=1)
def formatted_docx() -> bytes:
    """python-docx document: mixed run formatting, list numbering, a table cell of two paragraphs,
    an image and a header."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "本项目要求投标人在本市设有售后服务机构"
    d.add_heading("第三章 资格条件", level=1)
    para = d.add_paragraph()
    para.add_run("（1）投标人")
    bold = para.add_run("注册资本不低于5000")
    bold.bold = True
    bold.font.size = Pt(14)
    para.add_run("万元人民币，").italic = True
    para.add_run("且具有良好的商业信誉。")
    d.add_paragraph("投标人须为本市注册的企业，不得转包。", style="List Number")
    d.add_paragraph("服务器CPU采用Intel至强系列或同档次产品。", style="List Number")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "评分项"
    table.cell(0, 1).text = "评分标准"
    table.cell(1, 0).text = "业绩"
    cell = table.cell(1, 1)
    cell.text = "近三年本省同类项目业绩每项得2分。"
    cell.add_paragraph("具有ISO9001质量管理体系认证证书的得1分。")
    d.add_picture(io.BytesIO(png_bytes()))
    d.add_paragraph("投标保证金：人民币3万元整。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def structured_docx() -> bytes:
    """Raw WordprocessingML: 第X章 automatic numbering, a text box, a footnote, a tracked
    insertion, a hyperlink and a hidden run inside the matched text."""
    num = numbering({1: '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                        '<w:suff w:val="space"/><w:lvlText w:val="第%1章"/></w:lvl>'}, {1: (1, "")})
    body = "".join([
        p("资格条件", num=(1, 0)),
        p(runs=r("投标人须在") + '<w:ins w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
          + r("本市") + "</w:ins>" + r("设立分公司")
          + '<w:del w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>（删）</w:delText></w:r></w:del>'
          + r("。")),
        p(runs=r("详见") + '<w:hyperlink w:anchor="x"><w:r><w:t>中国政府采购网</w:t></w:r></w:hyperlink>'
          + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' + r("公告，须为本地企业。")),
        p(runs=r("见附件") + textbox_run("文本框内：须提供本地纳税证明。")),
        p(runs=r("脚注处") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("的内容。")),
        p("评标办法", num=(1, 0)),
        p(runs=r("综合评分法：价格分") + '<w:r><w:tab/></w:r>' + r("10分。")),
    ])
    return make_docx(body, numbering_xml=num, styles_xml=styles(), footnotes={1: "脚注：须为国有企业。"},
                     headers={"rH": p("页眉：本项目仅限本地企业")})


def finding_at(doc: Document, phrase: str, rule_id: str = "GP-TEST-001", *, occurrence: int = 0,
               match: str | None = None) -> Finding:
    """A Finding exactly as the pipeline makes one, for ``phrase`` in the loader's blocks."""
    seen = 0
    for i, b in enumerate(doc.blocks):
        start = b.text.find(phrase)
        while start >= 0:
            if seen == occurrence:
                end = start + len(phrase)
                return Finding(
                    rule_id=rule_id, title="测试问题", severity="error", confidence="high", category="TEST",
                    location=b.location, sentence=b.text, match_text=match if match is not None else phrase,
                    start=start, end=end, block_index=i, block_start=start, block_end=end, legal_basis=BASIS,
                    explanation="说明。", suggestion="删除该要求。",
                    fingerprint=hashlib.sha1(f"{rule_id}{phrase}".encode()).hexdigest()[:16])
            seen += 1
            start = b.text.find(phrase, start + 1)
    raise AssertionError(f"{phrase!r} not in blocks")


# -- reading the output back ---------------------------------------------------------------------


def body_of(data: bytes):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return root.find(W + "body")


def commented_texts(data: bytes) -> dict[str, str]:
    """comment id -> the text its range covers (paragraph breaks as "\\n")."""
    body = body_of(data)
    text_runs = {run for para in iter_body_paragraphs(body) for run, _, _ in paragraph_runs(para)}
    open_ranges: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            out[el.get(W + "id")] = "".join(open_ranges.pop(el.get(W + "id")))
        elif el.tag == W + "r" and el in text_runs:
            for parts in open_ranges.values():
                parts.append(run_text(el))
        elif el.tag == W + "p":
            for parts in open_ranges.values():
                if parts:
                    parts.append("\n")
    return out


def comments(data: bytes) -> dict[str, str]:
    d = docx.Document(io.BytesIO(data))
    return {str(c.comment_id): c.text for c in d.comments}


def char_formats(data: bytes) -> list[list[tuple]]:
    """Per body paragraph, per character: its run properties minus highlight (canonical XML)."""
    out = []
    for para in iter_body_paragraphs(body_of(data)):
        chars: list[str] = []
        for run, s, e in paragraph_runs(para):
            rpr = run.find(W + "rPr")
            sig = tuple((c.tag, tuple(sorted(c.attrib.items()))) for c in (rpr if rpr is not None else ())
                        if c.tag != W + "highlight")
            chars.extend([sig] * (e - s))
        out.append(chars)
    return out


def highlighted_text(data: bytes) -> list[str]:
    texts = []
    for para in iter_body_paragraphs(body_of(data)):
        texts.append("".join(run_text(run) for run, _, _ in paragraph_runs(para)
                             if run.find(f"{W}rPr/{W}highlight") is not None))
    return texts


def c14n_parts(data: bytes) -> dict[str, bytes]:
    """Every part except document.xml, comments and the package plumbing, canonicalized."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    skip = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
    out = {}
    for name in zf.namelist():
        if name in skip or name.endswith("/"):
            continue
        raw = zf.read(name)
        if name.endswith((".xml", ".rels")):
            raw = etree.tostring(etree.fromstring(raw), method="c14n")
        out[name] = raw
    return out


def loaded_texts(data: bytes) -> list[tuple[str, str]]:
    return [(b.location.part, b.text) for b in docx_loader.load(data, "x.docx").blocks]


# -- tests ---------------------------------------------------------------------------------------


def test_comment_on_exactly_each_match_and_nothing_else_changes():
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    phrases = ["注册资本不低于5000万元", "须为本市注册的企业", "Intel至强系列", "本省同类项目业绩",
               "ISO9001质量管理体系认证证书", "3万元"]
    body = [finding_at(doc, ph) for ph in phrases]
    header = finding_at(doc, "在本市设有售后服务机构")
    assert header.location.part == "header"
    out = annotate_docx(original, [*body, header], created=CREATED)

    anchored = commented_texts(out)
    texts = comments(out)
    listing = [cid for cid, t in texts.items() if t.startswith("以下问题位于页眉")]
    assert len(listing) == 1 and "〔页眉〕" in texts[listing[0]] and "在本市设有售后服务机构" in texts[listing[0]]
    per_finding = {cid: txt for cid, txt in anchored.items() if cid not in listing}
    assert len(per_finding) == len(body)  # one comment per finding in the main story
    assert sorted(per_finding.values()) == sorted(phrases)
    assert anchored[listing[0]] == "第三章 资格条件"  # the first body paragraph
    for cid in per_finding:
        assert texts[cid] == comment_text(body[0])
    assert texts[next(iter(per_finding))].startswith("[GP-TEST-001 违规] 测试问题\n依据：《政府采购货物和服务招标投标管理办法》"
                                                     "（财政部令第87号）第十七条\n建议：删除该要求。")

    # nothing else changed: text everywhere (tables, header, numbering labels), other parts, formatting
    assert loaded_texts(out) == loaded_texts(original)
    assert c14n_parts(out) == c14n_parts(original)  # styles, numbering, header, media, settings...
    assert any(name.startswith("word/media/") for name in c14n_parts(out))
    assert char_formats(out) == char_formats(original)
    assert [t for t in highlighted_text(out) if t] == ["注册资本不低于5000万元", "须为本市注册的企业",
                                                       "Intel至强系列", "本省同类项目业绩",
                                                       "ISO9001质量管理体系认证证书", "3万元"]
    # split runs keep their own formatting: "万元" is italic, "人民币，" after it too
    para = list(iter_body_paragraphs(body_of(out)))[1]
    italic = "".join(run_text(run) for run, _, _ in paragraph_runs(para) if run.find(f"{W}rPr/{W}i") is not None)
    assert italic == "万元人民币，"


def test_deterministic_with_injected_date():
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    findings = [finding_at(doc, "注册资本不低于5000万元")]
    a = annotate_docx(original, findings, created=CREATED)
    assert a == annotate_docx(original, findings, created=CREATED)
    xml = zipfile.ZipFile(io.BytesIO(a)).read("word/comments.xml").decode()
    assert 'w:date="2025-06-01T02:30:00Z"' in xml and 'w:author="招标文件审查"' in xml and 'w:initials="审查"' in xml
    undated = zipfile.ZipFile(io.BytesIO(annotate_docx(original, findings))).read("word/comments.xml").decode()
    assert "w:date=" not in undated


def test_numbering_textbox_footnote_tracked_changes_hyperlink_hidden_text():
    original = structured_docx()
    doc = docx_loader.load(original, "s.docx")
    assert doc.blocks[1].text == "第一章 资格条件" and doc.blocks[1].anchor_offset == 4
    body = [
        finding_at(doc, "第一章 资格"),  # starts inside the rendered numbering label
        finding_at(doc, "须在本市设立分公司"),  # spans a tracked insertion
        finding_at(doc, "中国政府采购网公告，须为本地企业"),  # hyperlink + hidden run inside
        finding_at(doc, "价格分\t10分"),  # a tab inside the match
    ]
    outside = [finding_at(doc, "须提供本地纳税证明"), finding_at(doc, "须为国有企业"),
               finding_at(doc, "仅限本地企业")]
    assert [f.location.part for f in outside] == ["textbox", "footnote", "header"]
    out = annotate_docx(original, body + outside)
    anchored = commented_texts(out)
    texts = comments(out)
    assert sorted(anchored.values()) == sorted(["资格", "须在本市设立分公司", "中国政府采购网公告，须为本地企业",
                                                "价格分\t10分", "资格条件"])  # last: the listing comment
    listing = next(t for t in texts.values() if t.startswith("以下问题位于"))
    assert "〔文本框〕" in listing and "〔脚注〕" in listing and "〔页眉〕" in listing
    assert loaded_texts(out) == loaded_texts(original)
    assert c14n_parts(out) == c14n_parts(original)
    xml = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode()
    assert "<w:delText>（删）</w:delText>" in xml and "隐藏" in xml  # deletions and hidden text kept


def test_match_across_paragraphs_of_a_table_cell():
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    f = finding_at(doc, "每项得2分。\n具有ISO9001")
    out = annotate_docx(original, [f])
    assert list(commented_texts(out).values()) == ["每项得2分。\n具有ISO9001"]
    assert loaded_texts(out) == loaded_texts(original)


def test_a_finding_that_does_not_fit_the_file_is_listed_not_misplaced():
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    wrong = finding_at(doc, "须为本市注册的企业", match="须为外地注册的企业")  # text not at those offsets
    moved = finding_at(doc, "Intel至强系列")
    moved = Finding(**{**{k: getattr(moved, k) for k in moved.__slots__}, "block_index": 1, "block_start": 0,
                       "block_end": 9})  # wrong block: found again by searching its paragraph? no → listed
    out = annotate_docx(original, [wrong, moved])
    texts = comments(out)
    assert len(texts) == 1
    (listing,) = texts.values()
    assert listing.startswith("以下问题未能在文中定位") and "须为外地注册的企业" in listing
    assert "Intel至强系列" in listing


def test_annotate_dispatch_and_names():
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    data, suffix = annotate(original, "采购文件.docx", [finding_at(doc, "3万元")], created=CREATED)
    assert suffix == ".docx" and len(commented_texts(data)) == 1
    assert annotate("纯文本\n".encode(), "a.txt", []) is None
    assert annotated_name("dir/采购文件.doc", ".docx") == "采购文件_审查批注.docx"


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(soffice is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_annotated_file_and_shows_the_comments(tmp_path):
    """The annotated .docx converts to PDF in LibreOffice; its comments become PDF notes on the page."""
    pypdf = pytest.importorskip("pypdf")
    original = formatted_docx()
    doc = docx_loader.load(original, "t.docx")
    findings = [finding_at(doc, ph) for ph in ("注册资本不低于5000万元", "本省同类项目业绩", "3万元")]
    src = tmp_path / "annotated.docx"
    src.write_bytes(annotate_docx(original, findings))
    cmd = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
           "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
           "--outdir", str(tmp_path), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    reader = pypdf.PdfReader(tmp_path / "annotated.pdf")
    notes = [a.get_object() for page in reader.pages for a in page.get("/Annots") or ()]
    contents = [str(n.get("/Contents")) for n in notes if n.get("/Subtype") == "/Text"]
    assert len(contents) == len(findings)
    assert all(c.startswith("[GP-TEST-001 违规] 测试问题") for c in contents)


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"


@pytest.mark.corpus
@pytest.mark.parametrize("name, every", [("cb_yinchuan_facade_logo_2026.docx", 1),
                                         pytest.param("soe_cleaning_outsourcing_tender.docx", 10,
                                                      marks=pytest.mark.slow)])
def test_real_tenders_every_span_lands_on_its_text(name, every):
    """A finding in (every n-th) block of a real tender: each comment covers exactly its text."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip("real corpus not available")
    data = path.read_bytes()
    doc = docx_loader.load(data, name)
    findings = []
    for i, b in enumerate(doc.blocks[::every]):
        index = i * every
        if len(b.text) < 8:
            continue
        s = len(b.text) // 3
        findings.append(Finding(
            rule_id="GP-TEST-001", title="测试问题", severity="error", confidence="high", category="TEST",
            location=b.location, sentence=b.text, match_text=b.text[s:s + 6], start=s, end=s + 6,
            block_index=index, block_start=s, block_end=s + 6, legal_basis=BASIS, explanation="",
            suggestion="", fingerprint=f"{index:016x}"))
    out = annotate_docx(data, findings)
    texts = comments(out)
    assert not any(t.startswith("以下问题未能在文中定位") for t in texts.values())
    listing = [cid for cid, t in texts.items() if t.startswith("以下问题")]
    expected = Counter()
    for f in findings:
        if f.location.part == "body":
            b = doc.blocks[f.block_index]
            expected[_visible(b, block_paragraph_spans(b, doc.meta), f.block_start, f.block_end)] += 1
    got = Counter(t.replace("\n", "") for cid, t in commented_texts(out).items() if cid not in listing)
    assert got == expected
    assert loaded_texts(out) == loaded_texts(data)


def test_split_run_keeps_formatting_and_refuses_uncuttable_children():
    from checker.reports.docx_annotate import split_run

    ns = f'xmlns:w="{W[1:-1]}"'
    run = etree.fromstring(f'<w:r {ns}><w:rPr><w:b/></w:rPr><w:t>注册</w:t><w:tab/><w:t>资本</w:t></w:r>')
    parent = etree.Element(W + "p")
    parent.append(run)
    right = split_run(run, 3)  # after the tab
    assert [run_text(r) for r in parent] == ["注册\t", "资本"]
    assert right.find(f"{W}rPr/{W}b") is not None and run.find(f"{W}rPr/{W}b") is not None
    ruby = etree.fromstring(f'<w:r {ns}><w:t>甲</w:t><w:ruby><w:rt><w:r><w:t>zhu</w:t></w:r></w:rt>'
                            f'<w:rubyBase><w:r><w:t>注音</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    before = etree.tostring(ruby)
    assert run_text(ruby) == "甲注音"
    assert split_run(ruby, 2) is None and etree.tostring(ruby) == before  # untouched
