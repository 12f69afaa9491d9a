"""The review page (app.py) driven by Streamlit's AppTest: the page script runs for real, in
process, against the bundled rules and examples.

AppTest cannot upload files or click download buttons, so:
* documents go in through the page's "paste text" box (same check path as an upload);
* the custom rule file goes in through its "paste YAML" box (same loader/lint as an upload);
* "appears in the exported waivers and XLSX" is checked by calling the very functions the
  download buttons call (``review.build_report`` / ``report_bytes`` / ``waivers_yaml``) with the
  page's own session state after the reruns. The real download click is covered by
  tests/test_browser.py.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from checker import review
from checker.match import Matcher
from checker.rules import load_ruleset
from checker.waivers import parse_waivers

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 30

TENDER = "\n".join([
    "某市政府采购项目招标文件",
    "采购人：某市教育局。预算金额：100万元。",
    "第三章 资格条件",
    "1．供应商应具备《中华人民共和国政府采购法》第二十二条规定的条件。",
    "2．投标人注册资本不低于500万元人民币。",
    "3．投标人须在本市设有分公司。",
    "第五章 采购需求",
    "交互式平板须采用华为品牌产品。",
    "采购人不得将投标人的注册资本作为资格要求。",
])


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}: {[b.label for b in at.button]}"
    return found[0]


def findings_table(at: AppTest):
    tables = [d.value for d in at.dataframe if "规则" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def paste(at: AppTest, text: str) -> AppTest:
    button(at, "清除示例").click().run()
    at.text_area(key="paste_text").input(text)
    button(at, "检查粘贴的文字").click().run()
    assert not at.exception, at.exception
    return at


@lru_cache(maxsize=1)
def rules():
    rs = load_ruleset()
    return rs, Matcher(rs)


def expected(text: str, regime: str = "auto"):
    rs, matcher = rules()
    return review.check_upload(text.encode("utf-8"), "粘贴的文字.txt", rs, regime, matcher)


def test_first_view_shows_the_example_checked():
    at = start()
    example = review.example_files()[0]
    rs, matcher = rules()
    c = review.check_upload(example.read_bytes(), example.name, rs, "auto", matcher)
    assert c.report.findings
    table = findings_table(at)
    assert list(table["规则"]) == [f.rule_id for f in c.report.findings]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["文件"] == "1" and int(metrics["待整改问题"]) == len(c.report.findings)
    assert any(example.name in md.value for md in at.markdown)
    # one click clears it
    button(at, "清除示例").click().run()
    assert not at.dataframe and any("上传招标文件" in i.value for i in at.info)
    button(at, "载入示例文件").click().run()
    assert len(findings_table(at)) == len(c.report.findings)


def test_filtering_changes_the_table():
    at = paste(start(), TENDER)
    c = expected(TENDER)
    table = findings_table(at)
    assert len(table) == len(c.report.findings) >= 3
    chapter = "资格条件"
    at.multiselect(key="f_chapter").set_value([chapter]).run()
    filtered = findings_table(at)
    want = [f.rule_id for f in c.report.findings if f.location.section_kind == chapter]
    assert list(filtered["规则"]) == want and 0 < len(want) < len(table)
    at.multiselect(key="f_chapter").set_value([]).run()
    at.text_input(key="f_text").input("华为").run()
    assert list(findings_table(at)["规则"]) == [f.rule_id for f in c.report.findings if "华为" in f.sentence]


def test_decision_is_kept_across_reruns_and_exported():
    at = paste(start(), TENDER)
    c = expected(TENDER)
    pick = at.selectbox(key="pick").value
    first, second = c.report.findings[0], c.report.findings[1]
    # 忽略 needs a reason
    at.radio(key=f"dec_{pick}").set_value("忽略")
    button(at, "保存结论").click().run()
    assert any("必须填写理由" in e.value for e in at.error)
    at.radio(key=f"dec_{pick}").set_value("忽略")
    at.text_input(key=f"why_{pick}").input("采购人已提供专家论证意见")
    button(at, "保存结论").click().run()
    assert any("已保存" in s.value for s in at.success)
    # the second finding is confirmed via the selector + form
    other = [o for o in at.selectbox(key="pick").options]
    assert len(other) >= 2
    at.selectbox(key="pick").select_index(1).run()
    pick2 = at.selectbox(key="pick").value
    at.radio(key=f"dec_{pick2}").set_value("确认问题")
    button(at, "保存结论").click().run()
    # unrelated reruns (a filter, a plain rerun) keep the decisions
    at.multiselect(key="f_severity").set_value(["error", "warning", "info"]).run()
    at.run()
    table = findings_table(at)
    assert list(table["审查结论"][:2]) == ["忽略", "确认问题"]
    decisions = at.session_state["decisions"]
    assert decisions[review.decision_key("粘贴的文字.txt", first)].reason == "采购人已提供专家论证意见"
    # exported with the page's own state, through the functions the download buttons call
    rs, _ = rules()
    report = review.build_report([c], decisions, rs, "2026-01-02T03:04:05+08:00")
    waivers = parse_waivers(review.waivers_yaml(report, at.session_state["reviewer"], "2026-01-02"))
    assert [(w.rule_id, w.fingerprint, w.reason) for w in waivers] == \
        [(first.rule_id, first.fingerprint, "采购人已提供专家论证意见")]
    ws = openpyxl.load_workbook(io.BytesIO(review.report_bytes(report, "xlsx"))).worksheets[0]
    header = [cell.value for cell in ws[1]]
    col, fp = header.index("审查意见/状态"), header.index("指纹")
    status = {r[fp]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert status[first.fingerprint].startswith("忽略") and "采购人已提供专家论证意见" in status[first.fingerprint]
    assert "确认问题" in status[second.fingerprint]
    # the overview counts the decisions
    assert {m.label: m.value for m in at.metric}["已作结论"] == "2"


CUSTOM_RULE = """
- id: GP-LOC-908
  title: 要求供应商在本地设立仓库（自定义）
  category: BOTH-LOC-BRANCH
  regime: gp
  severity: warning
  confidence: medium
  patterns: ['(须|应)在本(市|县)设有仓库']
  legal_basis: [《政府采购法实施条例》第二十条：……（七）非法限定供应商的所有制形式、组织形式或者所在地；……]
  explanation: 要求在本地设立仓库，属于非法限定供应商所在地。
  suggestion: 改为对供货时间和售后响应时间的要求。
  known_problems: 测试。
  examples:
    flag: [投标人须在本市设有仓库。, 供应商应在本县设有仓库。]
    pass: [中标人应按时供货。, 仓库管理制度见附件。]
"""


def test_custom_rule_file_with_an_error_shows_the_lint_message():
    at = start()
    # the same rule with another id and an unbalanced parenthesis in its pattern
    broken = CUSTOM_RULE.replace("GP-LOC-908", "GP-LOC-909").replace("'(须|应)在", "'(须|应在")
    at.text_area(key="custom_text").input(broken)
    button(at, "载入并校验").click().run()
    errors = [e.value for e in at.error]
    want = review.load_custom_rules(broken.encode(), "粘贴的规则.yaml", rules()[0]).messages
    assert want and all(m in errors for m in want)
    assert any("GP-LOC-909" in e and "patterns" in e for e in errors)
    # the page still works with the bundled rules
    assert findings_table(at) is not None and not at.exception


def test_custom_rule_that_loads_is_applied_to_the_documents():
    at = start()
    good = CUSTOM_RULE
    at.text_area(key="custom_text").input(good)
    button(at, "载入并校验").click().run()
    assert any("已载入 1 条自定义规则" in s.value for s in at.success)
    paste(at, "采购人：某市医院。政府采购项目。\n第三章 资格条件\n投标人须在本市设有仓库。")
    assert "GP-LOC-908" in list(findings_table(at)["规则"])


def test_recheck_of_a_revised_text_shows_new_and_resolved():
    at = paste(start(), TENDER)
    revised = TENDER.replace("2．投标人注册资本不低于500万元人民币。", "2．投标人应具有良好的商业信誉。")
    at.text_area(key="paste_text").input(revised)
    button(at, "检查粘贴的文字").click().run()
    diff = review.compare(expected(TENDER).report, expected(revised).report)
    assert len(diff.resolved) == 1 and not diff.new
    assert any("新增 0 处，已解决 1 处" in i.value for i in at.info)


def test_locate_jumps_to_the_document_view_with_the_match_highlighted():
    at = paste(start(), TENDER)
    c = expected(TENDER)
    button(at, "在文档中定位 →").click().run()
    assert at.session_state["main_tab"] == "文档视图"
    html = "".join(h.value for h in at.get("html"))
    first = c.report.findings[0]
    assert f'id="{review.FOCUS_ID}"' in html and first.title in html and "<mark" in html
    assert any("已定位到第 1 处" in cap.value for cap in at.caption)


@pytest.mark.parametrize("choice", ["gp", "cb"])
def test_regime_override_is_used(choice):
    at = paste(start(), TENDER)
    at.radio(key="regime").set_value(choice).run()
    assert not at.exception
    assert list(findings_table(at)["规则"]) == [f.rule_id for f in expected(TENDER, choice).report.findings]
    assert any("用户指定" in md.value for md in at.markdown)


def test_rules_browser_searches_by_id_and_keyword():
    at = start()
    at.session_state["main_tab"] = "规则库"
    at.run()
    rule = rules()[0].rules[0]
    at.text_input(key="r_query").input(rule.id).run()
    labels = [e.label for e in at.expander]
    assert f"{rule.id} · {rule.title}" in labels
    assert any("为什么违规" in md.value for md in at.markdown)
