"""Report writers and document annotators.

``WRITERS[fmt](report, **opts) -> bytes`` turns a Report into one output file; every writer is
deterministic (no clock: ``Report.created`` is injected by the caller). ``EXTENSIONS[fmt]`` is
the file suffix to save it under.

Annotators are different: they mark up the ORIGINAL input file, so they take the input's bytes
and that document's findings: ``annotate(data, name, findings, created, meta) -> (bytes, suffix)``
or, for the CLI, ``annotate_file(doc_report, data, created) -> (suffix, bytes)`` (see
:mod:`checker.reports.annotate`; imported lazily, it pulls in python-docx, pypdf and pdfium).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Report
from . import csv_report, html_report, json_report, sarif_report, text_report, xlsx_report

Writer = Callable[..., bytes]  # (report: Report, **opts) -> bytes

WRITERS: dict[str, Writer] = {
    "json": json_report.write,
    "text": text_report.write,
    "html": html_report.write,
    "xlsx": xlsx_report.write,
    "csv": csv_report.write,
    "sarif": sarif_report.write,
}

EXTENSIONS: dict[str, str] = {
    "json": ".json",
    "text": ".txt",
    "html": ".html",
    "xlsx": ".xlsx",
    "csv": ".csv",
    "sarif": ".sarif",
}


def annotate_file(doc, data: bytes, created: str = ""):
    """(suffix, annotated bytes) of one checked input, or None (see reports.annotate.annotate_file)."""
    from .annotate import annotate_file as _annotate_file

    return _annotate_file(doc, data, created)


def write(report: Report, fmt: str, **opts) -> bytes:
    """Render ``report`` in format ``fmt`` (a key of WRITERS); KeyError names the known formats."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise KeyError(f"未知的报告格式“{fmt}”（可用：{'、'.join(WRITERS)}）") from None
    return writer(report, **opts)
