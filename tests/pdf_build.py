"""Build small PDFs byte by byte for loader tests: CJK text at exact positions, ruling lines, images.

Text uses one Type0 font (Identity-H) with a ToUnicode map and no embedded font program: every
character is one em wide, and PDF readers (pdfium included) extract exactly the characters given.
Coordinates are top-left based like the loader's output: ``text(x, top, ...)`` puts the top of the
em box at ``top`` points from the top of the page.

No LibreOffice, fonts or network needed, so the tests that use it always run.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    ops: list[tuple] = field(default_factory=list)

    def text(self, x: float, top: float, s: str, size: float = 12.0) -> Page:
        """One run of text; each character advances by ``size`` points."""
        self.ops.append(("text", x, top, s, size))
        return self

    def lines(self, x: float, top: float, rows: list[str], size: float = 12.0, pitch: float = 20.0) -> Page:
        """Several lines, one below the other (``pitch`` points apart)."""
        for i, row in enumerate(rows):
            self.text(x, top + i * pitch, row, size)
        return self

    def hline(self, x0: float, x1: float, y: float) -> Page:
        self.ops.append(("line", x0, y, x1, y))
        return self

    def vline(self, x: float, y0: float, y1: float) -> Page:
        self.ops.append(("line", x, y0, x, y1))
        return self

    def grid(self, xs: list[float], ys: list[float], skip_h: tuple[tuple[int, int], ...] = ()) -> Page:
        """Table rules: vertical lines at ``xs``, horizontal at ``ys``; ``skip_h`` = (row boundary
        index, column) pairs where the horizontal rule is left out (a vertically merged cell)."""
        for x in xs:
            self.vline(x, ys[0], ys[-1])
        for i, y in enumerate(ys):
            for c in range(len(xs) - 1):
                if (i, c) not in skip_h:
                    self.hline(xs[c], xs[c + 1], y)
        return self

    def image(self, x: float = 0, top: float = 0, w: float | None = None, h: float | None = None) -> Page:
        """A grey image (what a scanned page is made of); the whole page by default."""
        self.ops.append(("image", x, top, w if w is not None else self.width, h if h is not None else self.height))
        return self


def build(pages: list[Page]) -> bytes:
    """The PDF file for ``pages``."""
    chars: dict[str, int] = {}
    for page in pages:
        for op in page.ops:
            if op[0] == "text":
                for ch in op[3]:
                    chars.setdefault(ch, len(chars) + 1)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in at the end
    pages_obj = add(b"")
    cmap = _tounicode(chars)
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 "
                  b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode))
    gray = zlib.compress(b"\xc0" * 16)
    image = add(b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(gray) + gray + b"\nendstream")
    kids = []
    for page in pages:
        content = _content(page, chars)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
            % (pages_obj, _num(page.width), _num(page.height), stream, font, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def _num(v: float) -> bytes:
    return (b"%.2f" % v).rstrip(b"0").rstrip(b".")


def _content(page: Page, chars: dict[str, int]) -> bytes:
    out: list[bytes] = []
    for op in page.ops:
        if op[0] == "text":
            _, x, top, s, size = op
            baseline = page.height - top - 0.88 * size
            hexs = b"".join(b"%04X" % chars[ch] for ch in s)
            out.append(b"BT /F1 %s Tf 1 0 0 1 %s %s Tm <%s> Tj ET" % (_num(size), _num(x), _num(baseline), hexs))
        elif op[0] == "line":
            _, x0, y0, x1, y1 = op
            out.append(b"0.5 w %s %s m %s %s l S" % (_num(x0), _num(page.height - y0), _num(x1), _num(page.height - y1)))
        elif op[0] == "image":
            _, x, top, w, h = op
            out.append(b"q %s 0 0 %s %s %s cm /Im1 Do Q" % (_num(w), _num(h), _num(x), _num(page.height - top - h)))
    return b"\n".join(out)


def _tounicode(chars: dict[str, int]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <FFFF>", b"endcodespacerange"]
    items = list(chars.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        for ch, cid in chunk:
            lines.append(b"<%04X> <%s>" % (cid, ch.encode("utf-16-be").hex().upper().encode()))
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)
