"""Shared pieces of the report writers: finding order, the audit manifest, the summary, labels.

Writers read only the Report (and what it carries); nothing here looks at the clock, the
environment or the file system, so every writer is a pure function of its input.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import (
    CONFIDENCE_ZH,
    REGIME_ZH,
    SEVERITIES,
    SEVERITY_ZH,
    DocumentReport,
    Finding,
    Location,
    Report,
    page_ranges,
)

TOOL_NAME = "checker"
TOOL_TITLE = "招标文件负面清单审查"
WAIVED = "已豁免"
PART_ZH = {"body": "正文", "header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注",
           "textbox": "文本框"}
NO_SECTION = "（未识别章节）"
# Loader bookkeeping that is not about the input (layout maps for annotators): not reported.
INTERNAL_META = frozenset({"docx_cell_paragraphs", "pdf_spans"})


def finding_key(f: Finding) -> tuple:
    """Document order: block, then position in the block, then rule id (ties are stable)."""
    return (f.block_index, f.block_start, f.block_end, f.rule_id)


def sorted_findings(doc: DocumentReport) -> list[Finding]:
    return sorted(doc.findings, key=finding_key)


def is_waived(f: Finding) -> bool:
    return f.status == WAIVED or f.waiver is not None


def severity_label(sev: str) -> str:
    return SEVERITY_ZH.get(sev, sev)


def confidence_label(conf: str) -> str:
    return CONFIDENCE_ZH.get(conf, conf)


def section_label(loc: Location) -> str:
    """The chapter a reviewer recognises: the canonical kind, else the innermost heading."""
    if loc.section_kind:
        return loc.section_kind
    if loc.section:
        return loc.section[-1]
    return NO_SECTION


def section_path(loc: Location) -> str:
    return " > ".join(loc.section)


def location_text(loc: Location) -> str:
    """第3页 第12段 / 页眉 / 表2第3行第1列 — ``Location.describe`` with a fallback."""
    return loc.describe() or PART_ZH.get(loc.part, loc.part)


_ARTICLE = re.compile(r"^(.*?第[一二三四五六七八九十百零〇\d]+条(?:[（(][一二三四五六七八九十\d]+[)）])?)")


def short_basis(basis: str) -> str:
    """The law name plus article of one legal-basis string: 《…》（…）第十七条.

    Legal-basis strings are quoted as ``《法》（文号）第X条：条文``; the part before the first
    full-width colon is the citation. Falls back to the first 40 characters.
    """
    head = re.split(r"[：:]", basis, maxsplit=1)[0].strip()
    m = _ARTICLE.match(head)
    if m:
        return m.group(1)
    return head if len(head) <= 40 else head[:40] + "…"


def short_bases(bases: Sequence[str]) -> str:
    seen: list[str] = []
    for b in bases:
        s = short_basis(b)
        if s and s not in seen:
            seen.append(s)
    return "；".join(seen)


def regime_text(doc: DocumentReport) -> str:
    """适用清单：政府采购（自动判断，把握 86%）."""
    r = doc.regime
    if r is None:
        return "未判断"
    how = "用户指定" if r.source == "user" else f"自动判断，把握 {round(r.confidence * 100)}%"
    return f"{r.label}（{how}）"


def unchecked_pages(meta: dict) -> list[int]:
    """1-based numbers of pages not checked (loader meta ``unchecked_pages``; older: a list in
    ``pages_unchecked``, which the PDF loader uses for the COUNT)."""
    pages = meta.get("unchecked_pages")
    if pages is None and isinstance(meta.get("pages_unchecked"), (list, tuple)):
        pages = meta["pages_unchecked"]
    return [int(p) for p in pages or ()]


def pages_text(meta: dict) -> str:
    """已检查 40/42 页（未检查：第7–8页）· 356 段 — whatever of pages/blocks the loader reported.

    DOCX has no real page numbers (``page_numbers`` False; ``pages`` is Word's saved estimate,
    often stale), so only paragraphs are shown for it.
    """
    bits: list[str] = []
    pages = meta.get("pages")
    unchecked = unchecked_pages(meta)
    count = meta.get("pages_unchecked")
    n_unchecked = count if isinstance(count, int) else len(unchecked)
    if isinstance(pages, int) and meta.get("format") != "docx" and meta.get("page_numbers") is not False:
        bit = f"已检查 {pages - n_unchecked}/{pages} 页"
        if unchecked:
            bit += f"（未检查：{page_ranges(unchecked)}）"
        elif n_unchecked:
            bit += f"（{n_unchecked} 页未检查）"
        bits.append(bit)
    if meta.get("blocks") is not None:
        bits.append(f"{meta['blocks']} 段")
    return " · ".join(bits)


def jsonable(value):
    """Meta/options values as plain JSON (tuples → lists, unknown objects → str), keys sorted later."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def public_meta(meta: dict | None) -> dict:
    """DocumentReport.meta as reported: JSON-safe, without loader-internal keys."""
    return {k: jsonable(v) for k, v in (meta or {}).items() if k not in INTERNAL_META}


def document_manifest(doc: DocumentReport) -> dict:
    """What was checked, exactly: input hash, regime decision, pages/blocks checked and unchecked."""
    meta = doc.meta or {}
    r = doc.regime
    return {
        "path": doc.path,
        "status": doc.status,
        "sha256": meta.get("sha256"),
        "format": meta.get("format"),
        "converted_from": meta.get("converted_from"),
        "regime": r.regime if r else None,
        "regime_label": r.label if r else None,
        "regime_source": r.source if r else None,
        "regime_confidence": r.confidence if r else None,
        "pages": meta.get("pages"),
        "pages_unchecked": len(unchecked_pages(meta)) if not isinstance(meta.get("pages_unchecked"), int)
        else meta["pages_unchecked"],
        "unchecked_pages": unchecked_pages(meta),
        "blocks": meta.get("blocks"),
        "findings": len(doc.findings),
    }


def manifest(report: Report) -> dict:
    """The audit manifest every report carries (DESIGN §4, issue 5 item 5)."""
    return {
        "tool": TOOL_NAME,
        "tool_version": report.tool_version,
        "ruleset_version": report.ruleset_version,
        "ruleset_hash": report.ruleset_hash,
        "created": report.created,
        "options": jsonable(report.options or {}),
        "inputs": [document_manifest(d) for d in report.documents],
    }


def summary(report: Report) -> dict:
    """Counts for the summary blocks; ``active`` excludes waived findings (they don't fail a run)."""
    findings = [f for d in report.documents for f in d.findings]
    active = [f for f in findings if not is_waived(f)]
    by_sev = Counter(f.severity for f in active)
    return {
        "documents": len(report.documents),
        "documents_ok": sum(1 for d in report.documents if d.status == "ok"),
        "documents_error": sum(1 for d in report.documents if d.status != "ok"),
        "findings": len(findings),
        "active": len(active),
        "waived": len(findings) - len(active),
        "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
        "by_rule": dict(sorted(Counter(f.rule_id for f in findings).items())),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_section": dict(sorted(Counter(section_label(f.location) for f in findings).items())),
    }


def summary_line(report: Report) -> str:
    """共 3 个文件（1 个无法检查），发现 7 处问题：违规 3、疑似违规 2、提示 1；已豁免 1."""
    s = summary(report)
    head = f"共 {s['documents']} 个文件"
    if s["documents_error"]:
        head += f"（{s['documents_error']} 个无法检查）"
    if not s["findings"]:
        return head + "，未发现问题。"
    sev = "、".join(f"{severity_label(k)} {v}" for k, v in s["by_severity"].items() if v)
    line = f"{head}，发现 {s['active']} 处问题"
    line += f"：{sev}" if sev else ""
    if s["waived"]:
        line += f"；另有已豁免 {s['waived']} 处"
    return line + "。"


def counter_rows(values: Iterable[str]) -> list[tuple[str, int]]:
    """(label, count) sorted by count desc, then label — for summary tables."""
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


def status_label(f: Finding) -> str:
    """已豁免 for a waiver file entry, else the reviewer's decision (误报/忽略) when it waives."""
    return f.status or WAIVED


def status_text(f: Finding) -> str:
    """审查意见/状态 cell: "已豁免：reason" / "误报：reason", the reviewer status, or empty."""
    if is_waived(f):
        return f"{status_label(f)}：{f.waiver}" if f.waiver else status_label(f)
    return f.status


def regime_zh(code: str | None) -> str:
    return REGIME_ZH.get(code or "", "未判断")


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip (xlsx/docx) with fixed member timestamps so equal content gives equal bytes.

    Member order, names, compression and content are kept; only the clock-derived
    timestamps that zipfile stamps on each member are replaced.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            new.create_system = 0
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()
