"""Plain-text report: one line per finding (grep-able, golden-tested), a header per document.

    == 采购文件.docx ==
    适用清单：政府采购（自动判断，把握 86%）；依据：政府采购用语：采购人×31
    范围：已检查 40/42 页（未检查：7、8）· 356 段
    章节：第一章 招标公告（招标公告）；第二章 投标人须知（投标人须知）；…
    SHA-256：1b42eba8…
    提示：第7–8页无文字层，未检查
    采购文件.docx:第12段[评分标准] GP-SCALE-001 error 以注册资本作为资格条件或评审因素 «注册资本不低于»
    ...
    共 2 个文件，发现 5 处问题：违规 3、疑似违规 1、提示 1。
"""

from __future__ import annotations

from ..model import DocumentReport, Finding, Report
from .common import is_waived, location_text, pages_text, regime_text, sorted_findings, status_text, summary_line


def finding_line(path: str, f: Finding) -> str:
    where = location_text(f.location).replace(" ", "")
    kind = f"[{f.location.section_kind}]" if f.location.section_kind else ""
    line = f"{path}:{where}{kind} {f.rule_id} {f.severity} {f.title} «{f.match_text}»"
    if f.details:
        line += f"（{f.details}）"
    if is_waived(f) or f.status:
        line += f" [{status_text(f)}]"
    return line


def document_lines(d: DocumentReport) -> list[str]:
    lines = [f"== {d.path} =="]
    if d.status != "ok":
        lines.append(f"无法检查：{d.error or '未知原因'}")
    if d.regime is not None:
        reasons = "；".join(d.regime.reasons)
        lines.append(f"适用清单：{regime_text(d)}" + (f"；依据：{reasons}" if reasons else ""))
    scope = pages_text(d.meta or {})
    if scope:
        lines.append(f"范围：{scope}")
    chapters = (d.meta or {}).get("chapters") or []
    if chapters:
        lines.append("章节：" + "；".join(f"{c['title']}（{c['kind']}）" for c in chapters))
    if (d.meta or {}).get("sha256"):
        lines.append(f"SHA-256：{d.meta['sha256']}")
    lines.extend(f"提示：{w}" for w in d.warnings)
    findings = sorted_findings(d)
    lines.extend(finding_line(d.path, f) for f in findings)
    if d.status == "ok" and not findings:
        lines.append("未发现问题。")
    return lines


def write(report: Report, **_opts) -> bytes:
    lines: list[str] = []
    for d in report.documents:
        lines.extend(document_lines(d))
        lines.append("")
    for note in report.options.get("notes", ()) if report.options else ():
        lines.append(f"注意：{note}")
    lines.append(summary_line(report))
    lines.append(f"规则库 {report.ruleset_version}（{report.ruleset_hash[:12]}）· 工具 {report.tool_version}"
                 + (f" · {report.created}" if report.created else ""))
    return ("\n".join(lines) + "\n").encode("utf-8")
