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

import importlib
from collections.abc import Callable

from ..model import Report

Writer = Callable[..., bytes]  # (report: Report, **opts) -> bytes


def _lazy(module: str) -> Writer:
    """The ``write`` of ``checker.reports.<module>``, imported on first use: a JSON run should
    not pay for openpyxl (~0.2 s of imports) or any other writer it does not call."""

    def write(report: Report, **opts) -> bytes:
        return importlib.import_module(f"{__name__}.{module}").write(report, **opts)

    write.__name__ = f"{module}.write"
    return write


WRITERS: dict[str, Writer] = {
    "json": _lazy("json_report"),
    "text": _lazy("text_report"),
    "html": _lazy("html_report"),
    "xlsx": _lazy("xlsx_report"),
    "csv": _lazy("csv_report"),
    "sarif": _lazy("sarif_report"),
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
