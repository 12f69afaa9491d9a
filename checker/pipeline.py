"""The spine in one screen: load → sections/regime → segment (normalize) → match → Report."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .loaders import LoadError, load
from .match import Matcher, match_document
from .model import Document, DocumentReport, Report
from .rules import RuleSet, load_ruleset
from .sections import assign_sections, detect_regime
from .segment import segment_blocks

UNDECIDED_WARNING = "未能判断适用政府采购还是工程建设招标投标，已按两类清单同时检查；可用 --regime 指定。"


def check(document: Document, ruleset: RuleSet, regime: str = "auto", matcher: Matcher | None = None) -> DocumentReport:
    """Check one loaded document. ``regime`` is "gp", "cb" or "auto" (detect; undecided → both)."""
    doc = assign_sections(document)
    decision = detect_regime(doc, None if regime == "auto" else regime)
    sentences = segment_blocks(doc.blocks)
    findings = match_document(doc, sentences, ruleset, decision.regime, matcher)
    warnings = list(doc.warnings)
    if decision.regime is None:
        warnings.append(UNDECIDED_WARNING)
    meta = dict(doc.meta)
    meta.update(blocks=len(doc.blocks), sentences=len(sentences))
    meta["section_kinds"] = sorted({b.location.section_kind for b in doc.blocks if b.location.section_kind})
    meta["chapters"] = chapters(doc)
    if not doc.blocks:
        reason = "没有可检查的文字" + (f"（{'；'.join(doc.warnings)}）" if doc.warnings else "")
        return DocumentReport(doc.name, "error", (), reason, tuple(warnings), decision, meta)
    return DocumentReport(doc.name, "ok", tuple(findings), None, tuple(warnings), decision, meta)


CHAPTER_TITLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,4}\s*[章篇]")


def chapters(doc: Document) -> list[dict]:
    """Chapters in reading order with their canonical kind (for reports and the page): the
    "第X章" heading of each block's section path (volumes 第X卷 may sit above it), else the top
    heading when it has a known kind; cover-page lines and the like are left out."""
    out: list[dict] = []
    for b in doc.blocks:
        loc = b.location
        title = next((t for t in loc.section if CHAPTER_TITLE.match(t)), None)
        if title is None and loc.section and loc.section_kind not in (None, "其他"):
            title = loc.section[0]
        if title and (not out or out[-1]["title"] != title):
            out.append({"title": title, "kind": loc.section_kind or "其他"})
    return out


def check_text(text: str, ruleset: RuleSet, regime: str = "auto", name: str = "<文本>",
               matcher: Matcher | None = None) -> DocumentReport:
    """Check pasted text (one paragraph per line)."""
    from .loaders import txt_loader

    return check(txt_loader.load(text.encode("utf-8"), name), ruleset, regime, matcher)


def check_file(source: str | Path | bytes, ruleset: RuleSet, regime: str = "auto", name: str | None = None,
               matcher: Matcher | None = None, loaded: tuple | None = None) -> DocumentReport:
    """Load and check one file; an unreadable file becomes an "error" report, never an exception.

    ``loaded`` is the outcome of :func:`load_outcome` computed elsewhere (see :func:`scan`)."""
    outcome = loaded or load_outcome(source, name)
    if outcome[0] == "error":
        return DocumentReport(outcome[1], "error", error=outcome[2])
    return check(outcome[1], ruleset, regime, matcher)


def load_outcome(source: str | Path | bytes, name: str | None = None) -> tuple:
    """("ok", Document) or ("error", name, reason): a picklable result, never an exception."""
    label = name or str(source)
    try:
        return ("ok", load(source, name))
    except LoadError as exc:
        return ("error", exc.name, exc.reason)
    except Exception as exc:  # a loader bug must not lose the rest of the batch
        return ("error", label, f"读取时发生内部错误（{type(exc).__name__}: {exc}）")


def scan(paths: Sequence[str | Path], ruleset: RuleSet | None = None, regime: str = "auto",
         created: str = "") -> Report:
    """Check every path; one bad file never stops the batch.

    In a fresh process the first file is loaded in a forked child while this process imports
    spaCy (~0.6 s), so the two overlap on two cores. Long-running callers (the page, tests)
    already have spaCy loaded and skip this.
    """
    ruleset = ruleset or load_ruleset()
    first = _prefetch(paths[0]) if paths and "spacy" not in sys.modules else None
    from .segment import nlp

    nlp()
    matcher = Matcher(ruleset)
    docs = []
    for i, path in enumerate(paths):
        loaded = first.result() if (i == 0 and first is not None) else None
        docs.append(check_file(path, ruleset, regime, matcher=matcher, loaded=loaded))
    return make_report(docs, ruleset, created, {"regime": regime})


def _prefetch(path: str | Path):
    """Start loading ``path`` in a forked child (before any thread exists); ``.result()`` gives
    the :func:`load_outcome`, or loads here if no child could run."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(load_outcome, path)
        pool.shutdown(wait=False)
    except Exception:  # noqa: BLE001 - no child process: load in this process instead
        return None
    return _Prefetched(future, path)


class _Prefetched:
    def __init__(self, future, path):
        self.future, self.path = future, path

    def result(self) -> tuple:
        try:
            return self.future.result()
        except Exception:  # noqa: BLE001 - broken pool or pickling trouble: load here instead
            return load_outcome(self.path)


def make_report(docs: Sequence[DocumentReport], ruleset: RuleSet, created: str = "", options: dict | None = None) -> Report:
    return Report(tuple(docs), __version__, ruleset.version, ruleset.digest, created, dict(options or {}))
