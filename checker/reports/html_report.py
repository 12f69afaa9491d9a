"""Self-contained HTML report: one file, no external CSS/JS/fonts, opens offline and prints well.

Summary tables by severity, chapter (section kind) and category; per document the regime
decision, scope and warnings; per finding the sentence with the match in ``<mark>``, the
explanation, the legal basis and the suggested rewrite. Every piece of document or rule text
goes through ``html.escape``.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..model import SECTION_KINDS, SEVERITIES, DocumentReport, Finding, Report
from .common import (
    NO_SECTION,
    TOOL_TITLE,
    WAIVED,
    confidence_label,
    is_waived,
    location_text,
    pages_text,
    regime_text,
    section_label,
    section_path,
    severity_label,
    sorted_findings,
    status_label,
    summary,
    summary_line,
)

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1f2328;line-height:1.6}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;
margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;
text-align:left;vertical-align:top}th{background:#f6f8fa}td.n{text-align:right}
.lead{font-size:1.1rem;font-weight:bold}
.summary{display:flex;flex-wrap:wrap;gap:1.5rem}
.finding{border:1px solid #d0d7de;border-left:6px solid #888;border-radius:4px;padding:.6rem .9rem;
margin:.8rem 0;page-break-inside:avoid}
.sev-error{border-left-color:#cf222e}.sev-warning{border-left-color:#bf8700}.sev-info{border-left-color:#0969da}
.waived{opacity:.75;border-left-color:#8c959f}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;color:#fff;font-size:.85rem;margin-right:.3rem}
.b-error{background:#cf222e}.b-warning{background:#9a6700}.b-info{background:#0969da}.b-waived{background:#6e7781}
.rule{font-family:monospace;color:#57606a}
.loc{color:#57606a;font-size:.9rem;margin:.1rem 0}
blockquote{margin:.4rem 0;padding:.3rem .8rem;background:#f6f8fa;border-left:3px solid #d0d7de}
mark{background:#fff3a3;padding:0 .1rem;border-bottom:2px solid #d4a72c}
.basis li{font-size:.92rem}.suggest{color:#1a7f37}.details{color:#8250df}
.warn{color:#9a6700}.err{color:#cf222e;font-weight:bold}
.manifest td:first-child{white-space:nowrap}code{font-size:.85rem;word-break:break-all}
@media print{.finding{break-inside:avoid}body{max-width:none}}
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def marked_sentence(f: Finding) -> str:
    """The sentence with the matched span wrapped in <mark>, everything escaped."""
    s, e = f.start, f.end
    if not (0 <= s <= e <= len(f.sentence)) or f.sentence[s:e] != f.match_text:
        pos = f.sentence.find(f.match_text) if f.match_text else -1
        if pos < 0:
            return _e(f.sentence)
        s, e = pos, pos + len(f.match_text)
    return f"{_e(f.sentence[:s])}<mark>{_e(f.sentence[s:e])}</mark>{_e(f.sentence[e:])}"


def finding_html(f: Finding, anchor: str) -> str:
    waived = is_waived(f)
    classes = f"finding sev-{_e(f.severity)}" + (" waived" if waived else "")
    badges = f'<span class="badge b-{_e(f.severity)}">{_e(severity_label(f.severity))}</span>'
    if waived:
        badges += f'<span class="badge b-waived">{_e(status_label(f))}</span>'
    loc_bits = [location_text(f.location), section_label(f.location)]
    if section_path(f.location) and section_path(f.location) != loc_bits[1]:
        loc_bits.append(section_path(f.location))
    loc_bits.append(f"可信度：{confidence_label(f.confidence)}")
    parts = [
        f'<article class="{classes}" id="{anchor}">',
        f'<h3>{badges}<span class="rule">{_e(f.rule_id)}</span> {_e(f.title)}</h3>',
        f'<p class="loc">{" · ".join(_e(b) for b in loc_bits if b)}</p>',
        f"<blockquote>{marked_sentence(f)}</blockquote>",
    ]
    if f.details:
        parts.append(f'<p class="details">核算：{_e(f.details)}</p>')
    parts.append(f"<p>{_e(f.explanation)}</p>")
    if f.legal_basis:
        items = "".join(f"<li>{_e(b)}</li>" for b in f.legal_basis)
        parts.append(f'<div class="basis"><strong>依据</strong><ul>{items}</ul></div>')
    if f.suggestion:
        parts.append(f'<p class="suggest"><strong>修改建议：</strong>{_e(f.suggestion)}</p>')
    if waived:
        parts.append(f'<p class="warn"><strong>{_e(status_label(f))}：</strong>{_e(f.waiver or "")}</p>')
    elif f.status:
        parts.append(f"<p><strong>审查意见：</strong>{_e(f.status)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def chapter_order(label: str) -> tuple[int, str]:
    """Canonical chapter kinds in tender order first, other headings after, 未识别 last."""
    if label in SECTION_KINDS:
        return (SECTION_KINDS.index(label), label)
    return (len(SECTION_KINDS) + (1 if label == NO_SECTION else 0), label)


def _count_table(title: str, head: str, rows: list[tuple[str, int]]) -> str:
    body = "".join(f'<tr><td>{_e(k)}</td><td class="n">{v}</td></tr>' for k, v in rows)
    return f"<table><caption>{_e(title)}</caption><tr><th>{_e(head)}</th><th>处</th></tr>{body}</table>"


def summary_html(report: Report) -> str:
    findings = [f for d in report.documents for f in d.findings]
    s = summary(report)
    sev_rows = [(severity_label(k), v) for k, v in s["by_severity"].items()]
    if s["waived"]:
        sev_rows.append((WAIVED, s["waived"]))
    # by chapter: one row per section label, one column per severity
    chapters = sorted({section_label(f.location) for f in findings}, key=chapter_order)
    per = Counter((section_label(f.location), f.severity) for f in findings)
    head = "".join(f"<th>{_e(severity_label(sev))}</th>" for sev in SEVERITIES)
    rows = "".join(
        f"<tr><td>{_e(c)}</td>" + "".join(f'<td class="n">{per.get((c, sev), 0)}</td>' for sev in SEVERITIES) + "</tr>"
        for c in chapters)
    chapter_table = f"<table><caption>按章节</caption><tr><th>章节</th>{head}</tr>{rows}</table>"
    titles: dict[str, set[str]] = {}
    for f in findings:
        titles.setdefault(f.category, set()).add(f.title)
    cat_rows = sorted(Counter(f.category for f in findings).items(), key=lambda kv: (-kv[1], kv[0]))
    cat_body = "".join(
        f'<tr><td><code>{_e(c)}</code></td><td>{_e("；".join(sorted(titles[c])))}</td><td class="n">{n}</td></tr>'
        for c, n in cat_rows)
    cat_table = f"<table><caption>按问题类别</caption><tr><th>类别</th><th>问题</th><th>处</th></tr>{cat_body}</table>"
    return ('<section id="summary"><h2>概览</h2>'
            f'<p class="lead">{_e(summary_line(report))}</p><div class="summary">'
            f'{_count_table("按严重程度", "严重程度", sev_rows)}{chapter_table}{cat_table}</div></section>')


def document_html(d: DocumentReport, index: int) -> str:
    parts = [f'<section class="doc" id="doc-{index}"><h2>{_e(d.path)}</h2>']
    if d.status != "ok":
        parts.append(f'<p class="err">无法检查：{_e(d.error or "未知原因")}</p>')
    info: list[tuple[str, str]] = []
    if d.regime is not None:
        info.append(("适用清单", regime_text(d)))
        if d.regime.reasons:
            info.append(("判断依据", "；".join(d.regime.reasons)))
    scope = pages_text(d.meta or {})
    if scope:
        info.append(("检查范围", scope))
    if info:
        parts.append("<table>" + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in info) + "</table>")
    for w in d.warnings:
        parts.append(f'<p class="warn">提示：{_e(w)}</p>')
    findings = sorted_findings(d)
    if d.status == "ok" and not findings:
        parts.append("<p>未发现问题。</p>")
    for i, f in enumerate(findings, start=1):
        parts.append(finding_html(f, f"doc-{index}-f-{i}"))
    parts.append("</section>")
    return "\n".join(parts)


def manifest_html(report: Report) -> str:
    rows = [("工具版本", report.tool_version), ("规则库版本", report.ruleset_version),
            ("规则库哈希", report.ruleset_hash), ("生成时间", report.created or "（未记录）")]
    body = "".join(f"<tr><td>{_e(k)}</td><td><code>{_e(v)}</code></td></tr>" for k, v in rows)
    inputs = "".join(
        f"<tr><td>{_e(d.path)}</td><td><code>{_e((d.meta or {}).get('sha256', ''))}</code></td>"
        f"<td>{_e(regime_text(d))}</td><td>{_e(pages_text(d.meta or {}))}</td><td>{_e(d.status)}</td></tr>"
        for d in report.documents)
    notes = "".join(f'<p class="warn">注意：{_e(n)}</p>' for n in (report.options or {}).get("notes", ()))
    return ('<section id="manifest"><h2>审查说明</h2>'
            f'<table class="manifest">{body}</table>'
            '<table class="manifest"><tr><th>文件</th><th>SHA-256</th><th>适用清单</th><th>检查范围</th><th>状态</th></tr>'
            f"{inputs}</table>{notes}"
            "<p>本报告由规则自动生成，仅提示可能存在的问题，是否违规以审查人员的判断为准。</p></section>")


def write(report: Report, **_opts) -> bytes:
    docs = "\n".join(document_html(d, i) for i, d in enumerate(report.documents, start=1))
    html = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(TOOL_TITLE)}报告</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(TOOL_TITLE)}报告</h1></header>\n"
        f"{summary_html(report)}\n{docs}\n{manifest_html(report)}\n</body>\n</html>\n"
    )
    return html.encode("utf-8")
