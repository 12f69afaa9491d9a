"""CSV: one row per finding, UTF-8 with BOM so Excel opens Chinese text correctly.

Columns are the 审查意见表's plus machine fields (文件, 规则编号, 类别, 可信度, 命中文字, 段落, 页码,
指纹) and the audit manifest per row (输入SHA-256, 规则库版本, 审查时间: a CSV has no other place
for it). Line endings are CRLF (RFC 4180; what Excel writes).
"""

from __future__ import annotations

import csv
import io

from ..model import Report
from .common import location_text, section_label, severity_label, sorted_findings, status_text

HEADERS = ("序号", "文件", "章节", "位置", "原文", "命中文字", "规则编号", "问题", "类别", "严重程度", "可信度",
           "依据", "修改建议", "核算", "审查意见/状态", "段落", "页码", "指纹", "输入SHA-256", "规则库版本", "审查时间")


def write(report: Report, **_opts) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADERS)
    n = 0
    for d in report.documents:
        for f in sorted_findings(d):
            n += 1
            loc = f.location
            w.writerow([
                n, d.path, section_label(loc), location_text(loc), f.sentence, f.match_text, f.rule_id, f.title,
                f.category, severity_label(f.severity), f.confidence, "\n".join(f.legal_basis), f.suggestion,
                f.details, status_text(f), "" if loc.paragraph is None else loc.paragraph,
                "" if loc.page is None else loc.page, f.fingerprint, (d.meta or {}).get("sha256", ""),
                report.ruleset_version, report.created,
            ])
    return buf.getvalue().encode("utf-8-sig")
