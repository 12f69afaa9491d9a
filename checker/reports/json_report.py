"""JSON report: the documented, stable machine-readable schema (DESIGN §4).

Shape::

    {"tool": {name, title, version, ruleset_version, ruleset_hash},
     "manifest": {created, tool_version, ruleset_*, options, inputs: [{path, sha256, regime, pages, ...}]},
     "documents": [{path, status, error, warnings, regime: {regime, label, confidence, reasons, source},
                    meta: {...}, findings: [{rule_id, title, severity, confidence, category,
                    location: {paragraph, page, section, section_kind, table, row, column, part},
                    sentence, match: {text, start, end}, block: {index, start, end},
                    legal_basis, explanation, suggestion, fingerprint, details, waiver, status}]}],
     "summary": {documents, findings, active, waived, by_severity, by_rule, by_category, by_section}}

``match.start/end`` index the ORIGINAL sentence; ``block`` locates the match in the loader's
block text (used by annotators and re-reading). Keys are sorted and ``ensure_ascii`` is off, so
equal reports give byte-equal files. ``read_report`` turns this JSON back into a Report (used for
``--baseline``).
"""

from __future__ import annotations

import json

from ..model import DocumentReport, Finding, Location, RegimeDecision, Report
from .common import TOOL_NAME, TOOL_TITLE, manifest, public_meta, sorted_findings, summary


def location_dict(loc: Location) -> dict:
    return {
        "paragraph": loc.paragraph,
        "page": loc.page,
        "section": list(loc.section),
        "section_kind": loc.section_kind,
        "table": loc.table,
        "row": loc.row,
        "column": loc.column,
        "part": loc.part,
    }


def finding_dict(f: Finding) -> dict:
    return {
        "rule_id": f.rule_id,
        "title": f.title,
        "severity": f.severity,
        "confidence": f.confidence,
        "category": f.category,
        "location": location_dict(f.location),
        "sentence": f.sentence,
        "match": {"text": f.match_text, "start": f.start, "end": f.end},
        "block": {"index": f.block_index, "start": f.block_start, "end": f.block_end},
        "legal_basis": list(f.legal_basis),
        "explanation": f.explanation,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
        "details": f.details,
        "waiver": f.waiver,
        "status": f.status,
    }


def regime_dict(r: RegimeDecision | None) -> dict | None:
    if r is None:
        return None
    return {"regime": r.regime, "label": r.label, "confidence": r.confidence, "reasons": list(r.reasons),
            "source": r.source}


def document_dict(d: DocumentReport) -> dict:
    return {
        "path": d.path,
        "status": d.status,
        "error": d.error,
        "warnings": list(d.warnings),
        "regime": regime_dict(d.regime),
        "meta": public_meta(d.meta),
        "findings": [finding_dict(f) for f in sorted_findings(d)],
    }


def report_dict(report: Report) -> dict:
    return {
        "tool": {"name": TOOL_NAME, "title": TOOL_TITLE, "version": report.tool_version,
                 "ruleset_version": report.ruleset_version, "ruleset_hash": report.ruleset_hash},
        "manifest": manifest(report),
        "documents": [document_dict(d) for d in report.documents],
        "summary": summary(report),
    }


def write(report: Report, **_opts) -> bytes:
    """The JSON report as UTF-8 bytes (sorted keys, 2-space indent, trailing newline)."""
    text = json.dumps(report_dict(report), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


# -- reading back (baselines) -------------------------------------------------------------------


def location_from_dict(d: dict) -> Location:
    return Location(
        paragraph=d.get("paragraph"),
        page=d.get("page"),
        section=tuple(d.get("section") or ()),
        section_kind=d.get("section_kind"),
        table=d.get("table"),
        row=d.get("row"),
        column=d.get("column"),
        part=d.get("part") or "body",
    )


def finding_from_dict(d: dict) -> Finding:
    match = d.get("match") or {}
    block = d.get("block") or {}
    return Finding(
        rule_id=d["rule_id"],
        title=d.get("title", ""),
        severity=d.get("severity", "warning"),
        confidence=d.get("confidence", "medium"),
        category=d.get("category", ""),
        location=location_from_dict(d.get("location") or {}),
        sentence=d.get("sentence", ""),
        match_text=match.get("text", ""),
        start=match.get("start", 0),
        end=match.get("end", 0),
        block_index=block.get("index", -1),
        block_start=block.get("start", -1),
        block_end=block.get("end", -1),
        legal_basis=tuple(d.get("legal_basis") or ()),
        explanation=d.get("explanation", ""),
        suggestion=d.get("suggestion", ""),
        fingerprint=d["fingerprint"],
        details=d.get("details") or "",
        waiver=d.get("waiver"),
        status=d.get("status") or "",
    )


def regime_from_dict(d: dict | None) -> RegimeDecision | None:
    if not d:
        return None
    return RegimeDecision(regime=d.get("regime"), confidence=d.get("confidence", 0.0),
                          reasons=tuple(d.get("reasons") or ()), source=d.get("source", "auto"))


def read_report(data: bytes | str) -> Report:
    """Parse a JSON report written by :func:`write` back into a Report.

    Raises ValueError with a Chinese message when the data is not such a report.
    """
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"不是有效的 JSON 报告（{exc}）") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("documents"), list):
        raise ValueError("不是本工具的 JSON 报告（缺少 documents 列表）")
    tool = obj.get("tool") or {}
    docs = []
    for d in obj["documents"]:
        docs.append(DocumentReport(
            path=d.get("path", ""),
            status=d.get("status", "ok"),
            findings=tuple(finding_from_dict(f) for f in d.get("findings") or ()),
            error=d.get("error"),
            warnings=tuple(d.get("warnings") or ()),
            regime=regime_from_dict(d.get("regime")),
            meta=dict(d.get("meta") or {}),
        ))
    man = obj.get("manifest") or {}
    return Report(
        documents=tuple(docs),
        tool_version=tool.get("version", ""),
        ruleset_version=tool.get("ruleset_version", ""),
        ruleset_hash=tool.get("ruleset_hash", ""),
        created=man.get("created", ""),
        options=dict(man.get("options") or {}),
    )
