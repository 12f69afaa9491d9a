"""Annotated copies of the inputs: Word comments for Word-like files, highlights for PDF.

``annotate(data, name, findings, created)`` picks the annotator by CONTENT, like the loaders
(:func:`checker.loaders.sniff`): a .docx gets comments; a .pdf gets highlight annotations;
a .doc/.wps/.rtf/.odt is converted to .docx with LibreOffice (the same conversion the legacy
loader checked, so block indices agree) and the converted .docx is annotated. Plain text has
no annotated form (``None``). ``findings`` must be that document's findings
(``DocumentReport.findings``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath

from ..model import DocumentReport, Finding
from .docx_annotate import annotate_docx
from .pdf_annotate import annotate_pdf

Annotator = Callable[..., bytes]  # (original: bytes, findings, created="") -> bytes

ANNOTATORS: dict[str, Annotator] = {
    ".docx": annotate_docx,
    ".pdf": annotate_pdf,
}
CONVERTED_KINDS = ("doc", "rtf", "odt", "wordxml")  # annotated as their .docx conversion
SUFFIX_OF_KIND = {"docx": ".docx", "pdf": ".pdf"}


def annotated_suffix(data: bytes) -> str | None:
    """The suffix of the annotated output for this input (".docx"/".pdf"), None if unsupported."""
    from ..loaders import sniff

    kind = sniff(data)
    if kind in CONVERTED_KINDS:
        return ".docx"
    return SUFFIX_OF_KIND.get(kind)


def annotate(data: bytes, name: str, findings: Sequence[Finding], created: str = "",
             meta: dict | None = None) -> tuple[bytes, str] | None:
    """(annotated bytes, suffix) for one input file, or None when the format has no annotated form.

    ``meta`` is the DocumentReport's meta when at hand: its ``pdf_spans`` saves re-reading a PDF.
    Raises LoadError (from the loaders) when the file cannot be read or converted.
    """
    from ..loaders import sniff
    from ..loaders.legacy_loader import convert_to_docx

    kind = sniff(data)
    if kind in CONVERTED_KINDS:
        return annotate_docx(convert_to_docx(data, name), findings, created=created, name=name), ".docx"
    suffix = SUFFIX_OF_KIND.get(kind)
    if suffix is None:
        return None
    if suffix == ".docx":
        return annotate_docx(data, findings, created=created, name=name), suffix
    spans = (meta or {}).get("pdf_spans")
    return annotate_pdf(data, findings, created=created, pdf_spans=spans, name=name), suffix


def annotate_file(doc: DocumentReport, data: bytes, created: str = "") -> tuple[str, bytes] | None:
    """CLI form: (suffix, annotated bytes) for a checked document and its input bytes, or None."""
    got = annotate(data, doc.path, doc.findings, created, doc.meta)
    return None if got is None else (got[1], got[0])


def annotated_name(name: str, suffix: str) -> str:
    """采购文件.doc → 采购文件_审查批注.docx (always next to nothing: callers choose the folder)."""
    return f"{PurePath(name.replace(chr(92), '/')).stem or 'document'}_审查批注{suffix}"
