"""checker.review: the page-independent half of the review page (checking uploads, decisions,
tables, document view HTML, downloads). Real rules, real documents built here."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import lru_cache

import docx
import openpyxl
import pytest

from checker import review
from checker.match import Matcher
from checker.rules import load_ruleset
from checker.waivers import parse_waivers

LAWFUL = "采购人不得将投标人的注册资本作为资格要求。"
TENDER_V1 = "\n".join([
    "某市政府采购项目招标文件",
    "采购人：某市教育局。预算金额：100万元。",
    "第三章 资格条件",
    "1．供应商应具备《中华人民共和国政府采购法》第二十二条规定的条件。",
    "2．投标人注册资本不低于500万元人民币。",
    "3．投标人须在本市设有分公司。",
    LAWFUL,
])
# the revision fixes the capital threshold and adds a brand requirement
TENDER_V2 = TENDER_V1.replace("2．投标人注册资本不低于500万元人民币。", "2．投标人应具有良好的商业信誉。") + \
    "\n第五章 采购需求\n交互式平板须采用华为品牌产品。"

CUSTOM_OK = """
- id: GP-LOC-901
  title: 要求供应商在本市设立仓库（自定义）
  category: BOTH-LOC-BRANCH
  regime: gp
  severity: warning
  confidence: medium
  patterns:
    - '(须|应|必须)在本(市|县|区)(设有|设立|建有)[^,;。]{0,6}仓库'
  legal_basis:
    - 《政府采购法实施条例》第二十条：……（七）非法限定供应商的所有制形式、组织形式或者所在地；……
  explanation: 要求在本地设立仓库，属于非法限定供应商所在地。
  suggestion: 改为对供货时间的要求。
  known_problems: 测试用规则。
  examples:
    flag: [投标人须在本市设有仓库。, 供应商应在本区建有备件仓库。]
    pass: [中标人应按时供货。, 仓库管理制度见附件。]
"""
CUSTOM_BROKEN = CUSTOM_OK.replace("(须|应|必须)在本", "(须|应|必须在本").replace("GP-LOC-901", "GP-LOC-902")


@lru_cache(maxsize=1)
def rules():
    rs = load_ruleset()
    return rs, Matcher(rs)


def check_text(text: str, name: str = "招标文件.txt") -> review.Checked:
    rs, m = rules()
    return review.check_upload(text.encode("utf-8"), name, rs, "auto", m)


def tender_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("采购人：某区教育局。本项目为政府采购货物项目。")
    d.add_heading("第三章 资格条件", level=1)
    d.add_paragraph("1．投标人注册资本不低于500万元人民币。")
    d.add_paragraph("2．投标人须在本市设有分公司。")
    d.add_paragraph(LAWFUL)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_check_upload_finds_planted_clauses_and_reports_stages():
    rs, m = rules()
    stages: list[str] = []
    c = review.check_upload(TENDER_V1.encode(), "a.txt", rs, "auto", m, stages.append)
    assert stages == list(review.STAGES)
    assert c.report.status == "ok"
    sentences = {f.sentence for f in c.report.findings}
    assert any("注册资本不低于500万" in s for s in sentences)
    assert any("本市设有分公司" in s for s in sentences)
    assert LAWFUL not in sentences
    assert c.detected and "政府采购" in c.detected[0]
    assert len(c.blocks) == len(TENDER_V1.splitlines())


def test_unreadable_upload_is_an_error_report_not_an_exception():
    rs, m = rules()
    c = review.check_upload(b"PK\x03\x04 not really a zip", "坏文件.docx", rs, "auto", m)
    assert c.report.status == "error"
    assert c.report.error and any("\u4e00" <= ch <= "\u9fff" for ch in c.report.error)
    assert c.blocks == ()


def test_user_regime_override_keeps_detected_regime_for_display():
    rs, m = rules()
    c = review.check_upload(TENDER_V1.encode(), "a.txt", rs, "cb", m)
    assert c.report.regime.source == "user" and c.report.regime.regime == "cb"
    assert "政府采购" in c.detected[0]


def test_select_packs_keeps_only_chosen_folders():
    rs, _ = rules()
    gp_only = review.select_packs(rs, ["gp"])
    assert gp_only.rules and all(r.source.startswith("rules/gp/") for r in gp_only.rules)
    assert len(gp_only.rules) < len(rs.rules)
    assert gp_only.digest != rs.digest
    assert len(review.select_packs(rs, list(review.PACKS)).rules) == len(rs.rules)


def test_custom_rules_load_and_lint_like_the_cli():
    rs, _ = rules()
    ok = review.load_custom_rules(CUSTOM_OK.encode(), "我的规则.yaml", rs)
    assert ok.messages == () and [r.id for r in ok.rules] == ["GP-LOC-901"]
    assert ok.rules[0].source == "我的规则.yaml"
    merged = review.with_custom(review.select_packs(rs, ["gp"]), ok)
    assert merged.by_id("GP-LOC-901") is not None
    c = review.check_upload("采购人：某市医院。\n第三章 资格条件\n投标人须在本市设有仓库。".encode(), "b.txt", merged, "gp")
    assert [f.rule_id for f in c.report.findings if f.rule_id == "GP-LOC-901"] == ["GP-LOC-901"]

    broken = review.load_custom_rules(CUSTOM_BROKEN.encode(), "坏规则.yaml", rs)
    assert broken.messages and not broken.ok
    assert any("坏规则.yaml" in m and "GP-LOC-902" in m and "patterns" in m for m in broken.messages), broken.messages
    assert all("/tmp" not in m for m in broken.messages)  # the temporary path is not shown

    clash = review.load_custom_rules(CUSTOM_OK.replace("GP-LOC-901", rs.rules[0].id).encode(), "x.yaml", rs)
    assert clash.rules == () and any(rs.rules[0].id in m and "重复" in m for m in clash.messages)


def test_decisions_need_a_reason_to_ignore_and_show_in_findings():
    c = check_text(TENDER_V1)
    f1, f2 = c.report.findings[:2]
    decisions: dict = {}
    assert review.set_decision(decisions, c.name, f1, "忽略", "  ") is not None
    assert decisions == {}
    assert review.set_decision(decisions, c.name, f1, "忽略", "采购人已书面说明") is None
    assert review.set_decision(decisions, c.name, f2, "确认问题") is None
    rep = review.reviewed(c, decisions)
    got = {f.fingerprint: f for f in rep.findings}
    assert got[f1.fingerprint].status == "忽略" and got[f1.fingerprint].waiver == "采购人已书面说明"
    assert got[f2.fingerprint].status == "确认问题" and got[f2.fingerprint].waiver is None
    assert review.set_decision(decisions, c.name, f2, review.PENDING) is None
    assert review.decision_of(f2, c.name, decisions) == review.PENDING


def test_exports_carry_decisions_into_xlsx_and_waivers():
    rs, _ = rules()
    c = check_text(TENDER_V1)
    f1, f2 = c.report.findings[:2]
    decisions: dict = {}
    review.set_decision(decisions, c.name, f1, "忽略", "经专家论证确属必需")
    review.set_decision(decisions, c.name, f2, "确认问题")
    report = review.build_report([c], decisions, rs, "2026-01-02T03:04:05+08:00")
    ws = openpyxl.load_workbook(io.BytesIO(review.report_bytes(report, "xlsx"))).worksheets[0]
    header = [cell.value for cell in ws[1]]
    status_col, fp_col = header.index("审查意见/状态"), header.index("指纹")
    status = {row[fp_col]: row[status_col] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert status[f1.fingerprint].startswith("忽略") and "经专家论证确属必需" in status[f1.fingerprint]
    assert "确认问题" in status[f2.fingerprint]
    waivers = parse_waivers(review.waivers_yaml(report, "李明", "2026-01-02"))
    assert [(w.rule_id, w.fingerprint, w.reason, w.reviewer) for w in waivers] == \
        [(f1.rule_id, f1.fingerprint, "经专家论证确属必需", "李明")]


def test_min_confidence_filters_findings_and_reports():
    c = check_text(TENDER_V1)
    assert len(review.reviewed(c, {}, "high").findings) == sum(f.confidence == "high" for f in c.report.findings)


def test_recheck_compares_by_fingerprint():
    v1, v2 = check_text(TENDER_V1), check_text(TENDER_V2)
    diff = review.compare(v1.report, v2.report)
    assert [f.sentence for f in diff.resolved] == ["2．投标人注册资本不低于500万元人民币。"]
    assert diff.new and all("华为" in f.sentence for f in diff.new)
    assert diff.unchanged == len(v1.report.findings) - 1


def test_rows_filters_and_counts():
    c = check_text(TENDER_V1 + "\n第五章 采购需求\n交互式平板须采用华为品牌产品。")
    rows = review.rows_for([c], {})
    assert len(rows) == len(c.report.findings) and len({r.fid for r in rows}) == len(rows)
    chapters = {r.chapter for r in rows}
    assert len(chapters) >= 2
    one = sorted(chapters)[0]
    only = review.filter_rows(rows, review.Filters(chapters=(one,)))
    assert only and len(only) < len(rows) and all(r.chapter == one for r in only)
    assert review.filter_rows(rows, review.Filters(text="华为")) == [r for r in rows if "华为" in r.finding.sentence]
    recs = review.table_records(only)
    assert [r["规则"] for r in recs] == [r.finding.rule_id for r in only]
    cnt = review.counts(rows)
    assert sum(cnt["chapter"].values()) == len(rows)
    assert sum(r["问题数"] for r in review.category_table(rows)) == len(rows)


def test_marked_escapes_and_handles_overlap():
    html = review.marked("a<b>注册资本不低于500万", [(4, 8, "error", "x", False), (6, 12, "warning", "", True)])
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count("<mark") == 3  # [4,6) [6,8) [8,12)
    assert '<a id="x"></a><mark class="error">注册</mark>' in html
    assert 'class="warning focus"' in html


def test_document_html_marks_matches_with_notes_beside():
    c = check_text(TENDER_V1)
    rows = review.rows_for([c], {})
    chaps = review.chapters(c.blocks)
    assert [t for t, _ in chaps] == [review.NO_CHAPTER, "第三章 资格条件"]
    focus = rows[0].fid
    html = review.document_html(c.blocks, [i for _, idx in chaps for i in idx], rows, focus)
    for r in rows:
        assert f">{r.finding.match_text}</mark>" in html or r.finding.match_text in html
        assert r.finding.title in html
    assert f'id="{review.FOCUS_ID}"' in html and html.count("class=\"note") == len(rows)
    only = review.document_html(c.blocks, range(len(c.blocks)), rows, only_hits=True, context=0)
    assert LAWFUL not in only or any(LAWFUL in r.finding.sentence for r in rows)


def test_search_rules_and_rule_docs():
    rs, _ = rules()
    first = rs.rules[0]
    assert review.search_rules(rs, first.id)[0].id == first.id
    hits = review.search_rules(rs, "注册资本")
    titled = {r.id for r in rs.rules if "注册资本" in r.title}
    assert titled and titled <= {r.id for r in hits}
    gp = review.search_rules(rs, regimes=["gp"])
    assert all(r.regime in ("gp", "both") for r in gp)
    md = review.rule_markdown(first)
    for heading in ("审查要点", "为什么违规", "违规示例", "合规写法", "法律依据"):
        assert heading in md
    assert first.legal_basis[0][:10] in md.replace("\\", "")


def test_annotated_docx_and_batch_zip():
    rs, m = rules()
    d = review.check_upload(tender_docx(), "区招标文件.docx", rs, "auto", m)
    t = check_text(TENDER_V1)
    assert review.annotation_kind(d) == ".docx" and review.annotation_kind(t) is None
    decisions: dict = {}
    review.set_decision(decisions, d.name, d.report.findings[0], "误报")
    created = "2026-01-02T03:04:05+08:00"
    rep = review.build_report([d], decisions, rs, created)
    data, suffix = review.annotated(d, rep.documents[0], created)
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert suffix == ".docx" and len(comments) == len(d.report.findings)
    z = zipfile.ZipFile(io.BytesIO(review.batch_zip([d, t], decisions, rs, created, "李明")))
    names = set(z.namelist())
    assert {"审查报告.html", "审查报告.xlsx", "审查报告.json", "waivers.yaml"} <= names
    assert any(n.startswith("批注文件/") and n.endswith(".docx") for n in names)
    assert parse_waivers(z.read("waivers.yaml"))[0].fingerprint == d.report.findings[0].fingerprint


def test_example_is_found_and_has_findings():
    files = review.example_files()
    assert files, "examples/ should hold an example tender"
    rs, m = rules()
    c = review.check_upload(files[0].read_bytes(), files[0].name, rs, "auto", m)
    assert c.report.status == "ok" and len(c.report.findings) >= 5


def test_text_example_flags_its_planted_clauses_and_not_the_lawful_ones():
    path = review.EXAMPLES_DIR / "example_gp_goods.txt"
    rs, m = rules()
    c = review.check_upload(path.read_bytes(), path.name, rs, "auto", m)
    assert c.report.regime.regime == "gp"
    flagged = {f.sentence for f in c.report.findings}
    planted = ("注册资本不低于1000万元", "在本市设有分公司", "生产厂家针对本项目出具的授权书", "方案优得10分",
               "采用华为品牌产品", "投标保证金：人民币5万元", "履约保证金为合同金额的15%", "在本市承接过类似")
    missed = [p for p in planted if not any(p in s for s in flagged)]
    assert not missed, missed
    lawful = ("采购人不得将投标人的注册资本", "本项目专门面向中小企业采购", "在收到发票后30日内支付",
              "投标有效期为自提交投标文件截止之日起90日")
    wrong = [p for p in lawful if any(p in s for s in flagged)]
    assert not wrong, wrong


@pytest.mark.parametrize("choice", review.DECISIONS)
def test_decision_labels(choice):
    d = review.Decision(choice, "理由" if choice == "忽略" else "")
    assert d.complete and d.label.startswith(choice)
    assert not dataclasses.replace(d, choice="别的").complete
