"""XLSX 审查意见表: the table of opinions reviewers fill in and file.

Sheet "审查意见表": 序号, 章节, 位置, 原文, 问题, 依据, 修改建议, 严重程度, 审查意见/状态 (the
last column is left for the reviewer, with a drop-down of the usual decisions; waived findings
arrive pre-filled with 已豁免 and the reason), then 文件, 规则编号, 指纹 so a filled-in sheet can
be turned back into waivers. Frozen header row, autofilter, wrapped text. Sheet "审查说明"
holds the audit manifest. Deterministic: the workbook's document dates come from
``Report.created`` (or a fixed date) and the zip timestamps are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ..model import Report
from .common import (
    confidence_label,
    location_text,
    normalize_zip,
    pages_text,
    regime_text,
    section_label,
    severity_label,
    sorted_findings,
    status_text,
    summary_line,
)

SHEET = "审查意见表"
INFO_SHEET = "审查说明"
COLUMNS: tuple[tuple[str, int], ...] = (  # header, width (characters)
    ("序号", 6), ("章节", 14), ("位置", 16), ("原文", 48), ("问题", 30), ("依据", 40), ("修改建议", 40),
    ("严重程度", 10), ("审查意见/状态", 24), ("文件", 24), ("规则编号", 16), ("指纹", 18),
)
HEADERS = tuple(h for h, _ in COLUMNS)
DECISIONS = ("确认问题", "忽略", "误报", "已豁免")
FIXED_DATE = dt.datetime(2000, 1, 1)
SEV_FILL = {"error": "FFD7D5", "warning": "FFF1C2", "info": "DDF4FF"}


def _created(report: Report) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(report.created)
    except (TypeError, ValueError):
        return FIXED_DATE
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def finding_rows(report: Report) -> list[list]:
    rows: list[list] = []
    for d in report.documents:
        for f in sorted_findings(d):
            problem = f"[{f.rule_id}] {f.title}：{f.explanation}"
            if f.details:
                problem += f"（{f.details}）"
            rows.append([
                len(rows) + 1,
                section_label(f.location),
                location_text(f.location),
                f.sentence,
                problem,
                "\n".join(f.legal_basis),
                f.suggestion,
                f"{severity_label(f.severity)}（可信度{confidence_label(f.confidence)}）",
                status_text(f),
                d.path,
                f.rule_id,
                f.fingerprint,
            ])
    return rows


def manifest_rows(report: Report) -> list[list]:
    rows: list[list] = [
        ["项目", "内容"],
        ["结论", summary_line(report)],
        ["工具版本", report.tool_version],
        ["规则库版本", report.ruleset_version],
        ["规则库哈希", report.ruleset_hash],
        ["生成时间", report.created or "（未记录）"],
    ]
    for note in (report.options or {}).get("notes", ()):
        rows.append(["注意", note])
    for d in report.documents:
        meta = d.meta or {}
        rows.append(["文件", d.path])
        rows.append(["  SHA-256", meta.get("sha256", "")])
        rows.append(["  状态", "可检查" if d.status == "ok" else f"无法检查：{d.error or ''}"])
        rows.append(["  适用清单", regime_text(d)])
        if d.regime is not None and d.regime.reasons:
            rows.append(["  判断依据", "；".join(d.regime.reasons)])
        rows.append(["  检查范围", pages_text(meta)])
        for w in d.warnings:
            rows.append(["  提示", w])
        rows.append(["  问题数", len(d.findings)])
    rows.append(["说明", "本表由规则自动生成，仅提示可能存在的问题；“审查意见/状态”一栏由审查人员填写。"])
    return rows


def write(report: Report, **_opts) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = PatternFill("solid", fgColor="E7ECF0")
    rows = finding_rows(report)
    sev_of = [f.severity for d in report.documents for f in sorted_findings(d)]
    for row, sev in zip(rows, sev_of, strict=True):
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
        ws.cell(row=ws.max_row, column=HEADERS.index("严重程度") + 1).fill = PatternFill("solid", fgColor=SEV_FILL.get(sev, "FFFFFF"))
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    ws.freeze_panes = "A2"
    last_col = ws.cell(row=1, column=len(HEADERS)).column_letter
    ws.auto_filter.ref = f"A1:{last_col}{max(ws.max_row, 1)}"
    status_col = ws.cell(row=1, column=HEADERS.index("审查意见/状态") + 1).column_letter
    dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                        showErrorMessage=False)  # a drop-down, but free-text opinions stay allowed
    dv.add(f"{status_col}2:{status_col}{max(ws.max_row, 2) + 200}")
    ws.add_data_validation(dv)

    info = wb.create_sheet(INFO_SHEET)
    for row in manifest_rows(report):
        info.append(row)
    for cell in info[1]:
        cell.font = bold
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 100
    for row in info.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    when = _created(report)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "招标文件负面清单审查"
    wb.properties.title = SHEET
    buf = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would stamp "modified" with the clock.
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    return normalize_zip(buf.getvalue())
