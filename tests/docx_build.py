"""Build small .docx packages from raw WordprocessingML for loader tests.

python-docx cannot write automatic numbering, tracked changes, text boxes or
footnotes, so the parts are assembled here from XML strings: exactly the markup
Word and WPS write, with nothing else in the way.
"""

from __future__ import annotations

import io
import zipfile

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def p(text: str = "", style: str | None = None, num: tuple[int, int] | None = None,
      extra_ppr: str = "", runs: str | None = None) -> str:
    """A paragraph; ``num`` = (numId, ilvl); ``runs`` = raw run XML instead of ``text``."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr += extra_ppr
    body = runs if runs is not None else r(text)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""


def tc(content: str, span: int = 1, vmerge: str | None = None) -> str:
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    if not content:
        content = "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{pr}</w:tcPr>' if pr else ''}{content}</w:tc>"


def tbl(*rows: str, cols: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str | None = None,
        pstyle: str | None = None, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{pstyle}"/>' if pstyle else "")
            + (f'<w:suff w:val="{suff}"/>' if suff else "") + extra
            + f'<w:lvlText w:val="{text}"/></w:lvl>')


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """``abstracts``: id -> lvl XML; ``nums``: numId -> (abstractNumId, override XML)."""
    parts = [f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>'
             for a, levels in abstracts.items()]
    parts += [f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{ov}</w:num>'
              for n, (a, ov) in nums.items()]
    return f'<w:numbering {NS}>{"".join(parts)}</w:numbering>'


def style(style_id: str, name: str, based_on: str | None = None, ppr: str = "",
          default: bool = False) -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"'
            + (' w:default="1"' if default else "") + f'><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + "</w:style>")


def styles(*items: str) -> str:
    return f'<w:styles {NS}>{style("Normal", "Normal", default=True)}{"".join(items)}</w:styles>'


def make_docx(body: str, *, numbering_xml: str | None = None, styles_xml: str | None = None,
              headers: dict[str, str] | None = None, footers: dict[str, str] | None = None,
              footnotes: dict[int, str] | None = None, sect_refs: str | None = None,
              app_pages: int | None = None) -> bytes:
    """Assemble a package. ``headers``/``footers``: rId -> paragraph XML of that part.

    ``sect_refs`` is the XML inside the final ``w:sectPr`` (defaults to a
    reference to every header and footer given).
    """
    headers = headers or {}
    footers = footers or {}
    rels = []
    overrides = [f'<Override PartName="/word/document.xml" ContentType="{_CT_MAIN}document.main+xml"/>']
    files: dict[str, str] = {}
    if styles_xml:
        rels.append(f'<Relationship Id="rStyles" Type="{_REL}styles" Target="styles.xml"/>')
        files["word/styles.xml"] = styles_xml
        overrides.append(f'<Override PartName="/word/styles.xml" ContentType="{_CT_MAIN}styles+xml"/>')
    if numbering_xml:
        rels.append(f'<Relationship Id="rNum" Type="{_REL}numbering" Target="numbering.xml"/>')
        files["word/numbering.xml"] = numbering_xml
        overrides.append(f'<Override PartName="/word/numbering.xml" ContentType="{_CT_MAIN}numbering+xml"/>')
    if footnotes is not None:
        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 '<w:continuationSeparator/></w:r></w:p></w:footnote>']
        notes += [f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{r(" " + t)}</w:p></w:footnote>'
                  for i, t in footnotes.items()]
        files["word/footnotes.xml"] = f'<w:footnotes {NS}>{"".join(notes)}</w:footnotes>'
        rels.append(f'<Relationship Id="rFoot" Type="{_REL}footnotes" Target="footnotes.xml"/>')
        overrides.append(f'<Override PartName="/word/footnotes.xml" ContentType="{_CT_MAIN}footnotes+xml"/>')
    refs = ""
    for kind, parts in (("header", headers), ("footer", footers)):
        for i, (rid, xml) in enumerate(parts.items(), start=1):
            part = f"{kind}{i}.xml"
            files[f"word/{part}"] = f'<w:{"hdr" if kind == "header" else "ftr"} {NS}>{xml}</w:{"hdr" if kind == "header" else "ftr"}>'
            rels.append(f'<Relationship Id="{rid}" Type="{_REL}{kind}" Target="{part}"/>')
            overrides.append(f'<Override PartName="/word/{part}" ContentType="{_CT_MAIN}{kind}+xml"/>')
            refs += f'<w:{kind}Reference w:type="default" r:id="{rid}"/>'
    sect = f"<w:sectPr>{sect_refs if sect_refs is not None else refs}</w:sectPr>"
    files["word/document.xml"] = f"<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
        + (f'<Relationship Id="rId2" Type="{_REL}extended-properties" Target="docProps/app.xml"/>'
           if app_pages else "")
        + "</Relationships>")
    if app_pages:
        files["docProps/app.xml"] = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Pages>{app_pages}</Pages></Properties>")
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return buf.getvalue()


def textbox_run(text: str) -> str:
    """A run holding a DrawingML text box (mc:Choice) with its VML copy (mc:Fallback)."""
    inner = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


def ole2_file(streams: dict[str, bytes]) -> bytes:
    """A minimal, valid OLE2 compound file (v3, 512-byte sectors) holding ``streams``.

    Streams are padded to >= 4096 bytes so they live in regular sectors (no mini
    stream needed). Enough for format sniffing: Word's password-protected .docx
    is such a file with "EncryptionInfo" and "EncryptedPackage" streams; a .doc
    has a "WordDocument" stream.
    """
    import struct

    ss = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    datas = [(n, d.ljust(4096, b"\0")) for n, d in streams.items()]
    fat = [fatsect, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for _, d in datas:
        n = (len(d) + ss - 1) // ss
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + n))
        fat.append(end)
    assert len(fat) <= ss // 4, "test helper supports one FAT sector"
    fat += [free] * (ss // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = free, right: int = free) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, end, 0, child=1)]
    for i, ((name, d), start) in enumerate(zip(datas, starts, strict=True), start=1):
        entries.append(entry(name, 2, start, len(d), right=i + 1 if i < len(datas) else free))
    directory = b"".join(entries).ljust(ss * ((len(entries) * 128 + ss - 1) // ss), b"\0")
    assert len(directory) == ss, "test helper supports one directory sector"
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    assert len(header) == 512
    body = struct.pack(f"<{ss // 4}I", *fat) + directory + b"".join(d.ljust(
        ((len(d) + ss - 1) // ss) * ss, b"\0") for _, d in datas)
    return header + body


def minimal_odt(paragraphs: list[str]) -> bytes:
    """An OpenDocument text file with the given paragraphs."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text>"
        + "".join(f"<text:p>{t}</text:p>" for t in paragraphs)
        + "</office:text></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
