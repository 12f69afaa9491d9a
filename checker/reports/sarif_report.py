"""SARIF 2.1.0 for CI tools (GitHub code scanning, IDE viewers, SARIF web viewers).

Tender documents are not line-based source files, so the physical region uses the paragraph
number as ``startLine`` (exactly the line for .txt inputs; for DOCX/PDF the 1-based paragraph
index, see Location) and the match's columns within the loader's block text; the human
location (第3页 第12段, 表2第3行…, the section path) goes into ``logicalLocations`` and
``properties``. ``partialFingerprints`` carries Finding.fingerprint (stable under moved
paragraphs). Waived findings keep their result with an accepted external ``suppression``.
Rules appear in ``tool.driver.rules`` with Markdown help quoting the legal basis.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

from ..model import Finding, Report
from .common import (
    TOOL_NAME,
    TOOL_TITLE,
    confidence_label,
    is_waived,
    location_text,
    manifest,
    section_label,
    severity_label,
    sorted_findings,
)
from .json_report import location_dict

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "ruleSentenceHash/v1"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path (Chinese names percent-encoded, backslashes → /)."""
    return quote(path.replace("\\", "/"), safe="/:._-~")


def utc_time(iso: str) -> str | None:
    """SARIF wants UTC date-times ("...Z"); None when ``iso`` is empty or unparseable."""
    try:
        value = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def rule_help_markdown(f: Finding) -> str:
    lines = [f"**{f.title}**（{f.rule_id}）", "", f.explanation, ""]
    if f.legal_basis:
        lines.append("**依据**")
        lines.append("")
        lines.extend(f"- {b}" for b in f.legal_basis)
        lines.append("")
    if f.suggestion:
        lines.append(f"**修改建议**：{f.suggestion}")
    return "\n".join(lines).strip() + "\n"


def rule_help_text(f: Finding) -> str:
    parts = [f"{f.title}（{f.rule_id}）", f.explanation]
    if f.legal_basis:
        parts.append("依据：" + "；".join(f.legal_basis))
    if f.suggestion:
        parts.append("修改建议：" + f.suggestion)
    return "\n".join(parts)


def rule_descriptor(f: Finding) -> dict:
    return {
        "id": f.rule_id,
        "name": f.rule_id,
        "shortDescription": {"text": f.title},
        "fullDescription": {"text": f.explanation or f.title},
        "help": {"text": rule_help_text(f), "markdown": rule_help_markdown(f)},
        "defaultConfiguration": {"level": LEVELS.get(f.severity, "warning")},
        "properties": {"category": f.category, "confidence": f.confidence,
                       "legal_basis": list(f.legal_basis), "tags": [f.category]},
    }


def result(f: Finding, rule_index: int, artifact_index: int, path: str) -> dict:
    loc = f.location
    region: dict = {"startLine": loc.paragraph or 1, "snippet": {"text": f.sentence}}
    if 0 <= f.block_start <= f.block_end:
        region.update(startColumn=f.block_start + 1, endColumn=f.block_end + 1, endLine=loc.paragraph or 1)
    where = location_text(loc)
    logical = {"name": where or section_label(loc), "kind": "element",
               "fullyQualifiedName": " > ".join([*loc.section, where]) if loc.section else where}
    message = f"{f.title}：{f.explanation}（命中：“{f.match_text}”）"
    if f.details:
        message += f" {f.details}"
    res: dict = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path), "index": artifact_index},
                                 "region": region},
            "logicalLocations": [logical],
        }],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "severity_zh": severity_label(f.severity),
            "confidence": f.confidence,
            "confidence_zh": confidence_label(f.confidence),
            "category": f.category,
            **location_dict(loc),
            "match": {"text": f.match_text, "start": f.start, "end": f.end},
            "suggestion": f.suggestion,
            "details": f.details,
            "status": f.status,
        },
    }
    if is_waived(f):
        res["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.waiver or "已豁免"}]
    return res


def sarif_dict(report: Report) -> dict:
    rules: list[dict] = []
    rule_index: dict[str, int] = {}
    artifacts: list[dict] = []
    results: list[dict] = []
    notifications: list[dict] = []
    for d in report.documents:
        a_index = len(artifacts)
        artifact: dict = {"location": {"uri": artifact_uri(d.path)}}
        sha = (d.meta or {}).get("sha256")
        if sha:
            artifact["hashes"] = {"sha-256": sha}
        artifacts.append(artifact)
        a_loc = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.path), "index": a_index}}}
        if d.status != "ok":
            notifications.append({"level": "error", "message": {"text": f"{d.path}：无法检查：{d.error or '未知原因'}"},
                                  "locations": [a_loc]})
        for w in d.warnings:
            notifications.append({"level": "warning", "message": {"text": f"{d.path}：{w}"}, "locations": [a_loc]})
        for f in sorted_findings(d):
            if f.rule_id not in rule_index:
                rule_index[f.rule_id] = len(rules)
                rules.append(rule_descriptor(f))
            results.append(result(f, rule_index[f.rule_id], a_index, d.path))
    invocation: dict = {
        "executionSuccessful": all(d.status == "ok" for d in report.documents),
        "toolExecutionNotifications": notifications,
    }
    start = utc_time(report.created)
    if start:
        invocation["startTimeUtc"] = start
    run = {
        "tool": {"driver": {
            "name": TOOL_NAME,
            "fullName": TOOL_TITLE,
            "version": report.tool_version,
            "rules": rules,
            "properties": {"ruleset_version": report.ruleset_version, "ruleset_hash": report.ruleset_hash},
        }},
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "language": "zh-CN",
        "columnKind": "unicodeCodePoints",
        "properties": {"manifest": manifest(report)},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(report: Report, **_opts) -> bytes:
    text = json.dumps(sarif_dict(report), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")
