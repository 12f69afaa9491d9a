"""Waivers (per finding, never blanket; expiry; unused) and baselines (new / resolved / unchanged)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from report_fixture import make_report

from checker.reports import WRITERS
from checker.waivers import (
    WAIVED,
    Waiver,
    WaiverFileError,
    active_findings,
    apply_waivers,
    baseline_notes,
    compare_baseline,
    dump_waivers,
    fails,
    lint_entries,
    load_waivers,
    parse_waivers,
    waiver_notes,
    waivers_from_decisions,
    with_notes,
)

TODAY = dt.date(2025, 6, 1)


def unwaived_report():
    """The fixture report with its pre-set waiver removed: every finding active."""
    report = make_report()
    docs = tuple(dataclasses.replace(d, findings=tuple(dataclasses.replace(f, waiver=None, status="")
                                                       for f in d.findings)) for d in report.documents)
    return dataclasses.replace(report, documents=docs)


def finding(report, rule_id):
    return next(f for f in report.findings if f.rule_id == rule_id)


def yaml_for(*entries: dict) -> str:
    lines = []
    for e in entries:
        first = True
        for k, v in e.items():
            lines.append(f"{'- ' if first else '  '}{k}: {json.dumps(v, ensure_ascii=False)}")
            first = False
    return "\n".join(lines) + "\n"


def test_waived_finding_leaves_exit_status_but_stays_visible():
    report = unwaived_report()
    capital = finding(report, "GP-SCALE-001")
    text = yaml_for({"rule_id": capital.rule_id, "fingerprint": capital.fingerprint, "reviewer": "李明",
                     "reason": "采购人已书面说明，经专家论证", "date": "2025-05-20", "text": "投标人注册资本不低于…"})
    waivers = parse_waivers(text)
    new, unused, expired = apply_waivers(report, waivers, TODAY)
    waived = finding(new, "GP-SCALE-001")
    assert waived.status == WAIVED and "采购人已书面说明" in waived.waiver and "李明" in waived.waiver
    assert unused == () and expired == ()
    assert len(new.findings) == len(report.findings)  # kept in the report
    assert waived not in active_findings(new) and len(active_findings(new)) == len(report.findings) - 1
    # it shows as waived in the writers
    assert "[已豁免：采购人已书面说明" in WRITERS["text"](new).decode()
    sarif = json.loads(WRITERS["sarif"](new))
    suppressed = [r["ruleId"] for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert suppressed == ["GP-SCALE-001"]


def test_exit_status_ignores_waived_findings():
    report = unwaived_report()
    errors = [f for f in report.findings if f.severity == "error"]
    waivers = [Waiver(f.rule_id, f.fingerprint, "王芳", "已整改确认", "2025-05-30") for f in errors]
    assert fails(report, "error")
    new, _, _ = apply_waivers(report, waivers, TODAY)
    assert not fails(new, "error")
    assert fails(new, "warning")  # warnings are still active
    assert not fails(new, "never")


def test_expired_waiver_is_reported_and_not_applied():
    report = unwaived_report()
    capital = finding(report, "GP-SCALE-001")
    w = Waiver(capital.rule_id, capital.fingerprint, "李明", "临时豁免", "2025-01-01", expires="2025-05-31")
    new, unused, expired = apply_waivers(report, [w], TODAY)
    assert expired == (w,) and unused == ()
    assert finding(new, "GP-SCALE-001").status == ""
    # valid through the expiry day itself
    _, _, expired_on_day = apply_waivers(report, [w], dt.date(2025, 5, 31))
    assert expired_on_day == ()
    notes = waiver_notes(unused, expired)
    assert notes == [f"豁免已过期（2025-05-31），未生效：{w.describe()}"]
    text = WRITERS["text"](with_notes(new, notes)).decode()
    assert "注意：豁免已过期（2025-05-31）" in text


def test_unused_waiver_is_reported():
    report = unwaived_report()
    stale = Waiver("GP-SCALE-001", "0123456789abcdef", "李明", "原条文已删除", "2025-01-01")
    _, unused, expired = apply_waivers(report, [stale], TODAY)
    assert unused == (stale,) and expired == ()
    assert "未匹配任何问题" in waiver_notes(unused, expired)[0]


def test_waiver_needs_both_rule_and_fingerprint():
    report = unwaived_report()
    capital = finding(report, "GP-SCALE-001")
    # right fingerprint, wrong rule: not applied
    other = Waiver("GP-SCALE-002", capital.fingerprint, "李明", "x", "2025-01-01")
    new, unused, _ = apply_waivers(report, [other], TODAY)
    assert all(f.status != WAIVED for f in new.findings) and unused == (other,)


def test_waiver_survives_moved_paragraphs():
    report = unwaived_report()
    capital = finding(report, "GP-SCALE-001")
    moved = dataclasses.replace(capital, block_index=capital.block_index + 30, block_start=0, block_end=5,
                                location=dataclasses.replace(capital.location, paragraph=capital.location.paragraph + 30))
    w = Waiver(capital.rule_id, capital.fingerprint, "李明", "x", "2025-01-01")
    (out,), unused, _ = apply_waivers([moved], [w], TODAY)
    assert out.status == WAIVED and unused == ()


@pytest.mark.parametrize("entry, message", [
    ({"rule_id": "GP-SCALE-001", "reviewer": "李明", "reason": "x", "date": "2025-01-01"}, "缺少必填字段 fingerprint"),
    ({"fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x", "date": "2025-01-01"}, "缺少必填字段 rule_id"),
    ({"rule_id": "GP-*", "fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x", "date": "2025-01-01"},
     "通配符"),
    ({"rule_id": "GP-SCALE-001", "fingerprint": "*", "reviewer": "李明", "reason": "x", "date": "2025-01-01"},
     "不允许通配"),
    ({"rule_id": "GP-SCALE-001", "fingerprint": "0123456789abcdef", "reason": "x", "date": "2025-01-01"}, "reviewer"),
    ({"rule_id": "GP-SCALE-001", "fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x",
      "date": "2025-13-01"}, "不是有效日期"),
    ({"rule_id": "GP-SCALE-001", "fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x",
      "date": "2025-05-01", "expires": "2025-04-01"}, "expires 早于 date"),
    ({"rule_id": "GP-SCALE-001", "fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x",
      "date": "2025-05-01", "scope": "all"}, "未知字段 scope"),
])
def test_lint_rejects_blanket_and_broken_entries(entry, message):
    problems = lint_entries([entry], "w.yaml")
    assert any(message in p for p in problems), problems
    with pytest.raises(WaiverFileError) as err:
        parse_waivers(yaml_for(entry), "w.yaml")
    assert "w.yaml 第1条" in str(err.value)


def test_lint_reports_every_problem_and_duplicates_and_retired_rules():
    good = {"rule_id": "GP-SCALE-001", "fingerprint": "0123456789abcdef", "reviewer": "李明", "reason": "x",
            "date": "2025-05-01"}
    problems = lint_entries([good, dict(good), {"rule_id": "GP-OLD-009"}], "w.yaml", known_rule_ids={"GP-SCALE-001"})
    assert any("第2条：与第1条重复" in p for p in problems)
    assert any("第3条" in p and "不在当前规则库" in p for p in problems)
    assert any("第3条" in p and "缺少必填字段" in p for p in problems)
    numeric = parse_waivers("- rule_id: GP-SCALE-001\n  fingerprint: 0123456789012345\n  reviewer: 李明\n"
                            "  reason: x\n  date: 2025-05-01\n")
    assert numeric[0].fingerprint == "0123456789012345"  # stays text, leading zero kept
    assert lint_entries("just text", "w.yaml") == ["w.yaml：顶层应为豁免条目的列表（或含 waivers: 列表的映射）。"]


def test_parse_accepts_mapping_form_and_yaml_dates(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n  - rule_id: GP-SCALE-001\n    fingerprint: 0123456789ABCDEF\n    reviewer: 李明\n"
                    "    reason: 已论证\n    date: 2025-05-01\n    expires: 2025-12-31\n", encoding="utf-8")
    (w,) = load_waivers(path)
    assert w == Waiver("GP-SCALE-001", "0123456789abcdef", "李明", "已论证", "2025-05-01", "2025-12-31")
    assert parse_waivers("") == ()
    with pytest.raises(WaiverFileError, match="无法读取"):
        load_waivers(tmp_path / "missing.yaml")
    with pytest.raises(WaiverFileError, match="YAML 语法错误"):
        parse_waivers("- rule_id: [unclosed")


def test_export_decisions_round_trips_through_yaml():
    report = unwaived_report()
    decided = [dataclasses.replace(f, status="误报") if f.rule_id == "BOTH-LOC-001" else f for f in report.findings]
    decided = [dataclasses.replace(f, status="确认问题") if f.rule_id == "GP-SCALE-001" else f for f in decided]
    waivers = waivers_from_decisions(decided, reviewer="张伟", date="2025-06-01", expires="2026-06-01")
    assert [w.rule_id for w in waivers] == ["BOTH-LOC-001"]  # 确认问题 is not a waiver
    assert waivers[0].reason == "审查结论：误报" and waivers[0].text.startswith("投标人须为本市注册的企业")
    again = parse_waivers(dump_waivers(waivers))
    assert again == waivers
    new, unused, _ = apply_waivers(report, again, TODAY)
    assert finding(new, "BOTH-LOC-001").status == WAIVED and unused == ()


def test_baseline_new_resolved_unchanged():
    before = unwaived_report()
    baseline = WRITERS["json"](before)
    gp, cb, bad = before.documents
    fixed = tuple(f for f in gp.findings if f.rule_id != "GP-SCALE-001")  # one clause rewritten
    added = dataclasses.replace(gp.findings[1], sentence="投标人须为本省注册的企业。", fingerprint="feedfacecafebeef")
    after = dataclasses.replace(before, documents=(dataclasses.replace(gp, findings=fixed + (added,)), cb, bad))
    diff = compare_baseline(after, baseline)
    assert [f.fingerprint for f in diff.new] == ["feedfacecafebeef"]
    assert [f.rule_id for f in diff.resolved] == ["GP-SCALE-001"]
    assert len(diff.unchanged) == len(before.findings) - 1
    notes = baseline_notes(diff)
    assert notes[0] == f"与基线相比：新增 1 处，已解决 1 处，未变化 {len(before.findings) - 1} 处。"


def test_baseline_counts_repeated_clauses():
    before = unwaived_report()
    gp = before.documents[0]
    twice = dataclasses.replace(gp, findings=gp.findings + (gp.findings[2],))
    baseline = WRITERS["json"](dataclasses.replace(before, documents=(twice,)))
    diff = compare_baseline(dataclasses.replace(before, documents=(gp,)), baseline)
    assert len(diff.resolved) == 1 and diff.new == () and len(diff.unchanged) == len(gp.findings)
    with pytest.raises(ValueError):
        compare_baseline(before, b"{}")


def test_baseline_ignores_documents_not_checked_again():
    before = unwaived_report()
    gp, cb, bad = before.documents
    baseline = WRITERS["json"](before)
    only_gp = dataclasses.replace(before, documents=(gp,))
    diff = compare_baseline(only_gp, baseline)
    assert diff.resolved == () and diff.new == () and len(diff.unchanged) == len(gp.findings)
    renamed = dataclasses.replace(before, documents=(dataclasses.replace(gp, path="采购文件_修改稿.docx"),))
    diff = compare_baseline(renamed, baseline)  # no path in common: compare everything
    assert len(diff.unchanged) == len(gp.findings) and len(diff.resolved) == len(cb.findings)
