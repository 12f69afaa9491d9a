"""The CLI contract (DESIGN §4): JSON shape, exit codes, bad inputs, Traditional Chinese."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

SAMPLE_RULES = str(Path(__file__).parent / "data" / "rules" / "sample.yaml")
MIXED = """第三章 资格条件
投標人註冊資本不低於5000萬元。
投标人应具有独立承担民事责任的能力。
采购人不得将投标人的注册资本作为资格要求。
注册资金1000万元以上的得3分。
"""


@pytest.fixture
def mixed(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_text(MIXED, encoding="utf-8")
    return p


def run_json(capsys, *args):
    code = main(["scan", *args, "--format", "json", "--rules", SAMPLE_RULES, "--now", "2026-11-26T00:00:00+00:00"])
    return code, json.loads(capsys.readouterr().out)


def test_json_shape_and_traditional_chinese(capsys, mixed):
    code, data = run_json(capsys, str(mixed), "--regime", "gp")
    assert code == 1
    doc = data["documents"][0]
    assert {"path", "status", "error", "warnings", "regime", "findings"} <= set(doc)
    assert doc["status"] == "ok" and doc["error"] is None
    assert [f["location"]["paragraph"] for f in doc["findings"]] == [2, 5]
    first = doc["findings"][0]
    assert {"rule_id", "title", "severity", "confidence", "location", "sentence", "match", "legal_basis",
            "explanation", "suggestion", "fingerprint"} <= set(first)
    # the Traditional sentence is flagged, and the match is reported in the ORIGINAL characters
    assert first["sentence"] == "投標人註冊資本不低於5000萬元。"
    assert first["match"]["text"] == "註冊資本不低於"
    assert first["sentence"][first["match"]["start"]:first["match"]["end"]] == "註冊資本不低於"
    assert first["severity"] == "error"
    assert first["location"]["section_kind"] == "资格条件"


def test_simplified_and_traditional_share_the_fingerprint(capsys, tmp_path):
    p = tmp_path / "two.txt"
    p.write_text("投標人註冊資本不低於5000萬元。\n投标人注册资本不低于5000万元。\n", encoding="utf-8")
    _, data = run_json(capsys, str(p), "--regime", "gp")
    fps = {f["fingerprint"] for f in data["documents"][0]["findings"]}
    assert len(data["documents"][0]["findings"]) == 2 and len(fps) == 1


def test_regime_changes_severity_and_fail_on(capsys, mixed):
    code, data = run_json(capsys, str(mixed), "--regime", "cb")
    assert {f["severity"] for f in data["documents"][0]["findings"]} == {"warning"}
    assert code == 0  # default --fail-on error
    code, _ = run_json(capsys, str(mixed), "--regime", "cb", "--fail-on", "warning")
    assert code == 1
    code, _ = run_json(capsys, str(mixed), "--regime", "gp", "--fail-on", "never")
    assert code == 0


def test_clean_file_exits_zero(capsys, tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("投标人应具有独立承担民事责任的能力。\n", encoding="utf-8")
    code, data = run_json(capsys, str(p))
    assert code == 0 and data["documents"][0]["findings"] == []


def test_bad_inputs_exit_2_and_the_rest_is_still_checked(capsys, tmp_path, mixed):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    odd = tmp_path / "tender.xyz"
    odd.write_text("注册资本不低于100万元", encoding="utf-8")
    missing = tmp_path / "missing.docx"
    code, data = run_json(capsys, str(empty), str(odd), str(missing), str(mixed), "--regime", "gp")
    assert code == 2
    status = {Path(d["path"]).name: d for d in data["documents"]}
    assert status["empty.txt"]["status"] == "error" and "0 字节" in status["empty.txt"]["error"]
    assert status["tender.xyz"]["status"] == "error" and "不支持" in status["tender.xyz"]["error"]
    assert status["missing.docx"]["status"] == "error" and "不存在" in status["missing.docx"]["error"]
    assert len(status["mixed.txt"]["findings"]) == 2


def test_usage_error_exits_2(capsys):
    assert main(["scan"]) == 2
    assert main(["scan", "x.txt", "--format", "nope"]) == 2


def test_text_output_names_regime_and_findings(capsys, mixed):
    code = main(["scan", str(mixed), "--rules", SAMPLE_RULES])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "GP-SCALE-901" in out


def test_rules_commands(capsys):
    assert main(["rules", "test", SAMPLE_RULES]) == 0
    assert "0 failed" in capsys.readouterr().out
    assert main(["rules", "lint", SAMPLE_RULES]) == 0
    assert main(["rules", "list", SAMPLE_RULES]) == 0
    assert "GP-SCALE-901" in capsys.readouterr().out
    assert main(["explain", "GP-SCALE-901", "--rules", SAMPLE_RULES]) == 0
    out = capsys.readouterr().out
    for heading in ("审查要点", "为什么违规", "违规示例", "合规写法", "法律依据", "已知局限"):
        assert heading in out
    assert main(["explain", "NOPE-001", "--rules", SAMPLE_RULES]) == 2


def test_rules_test_json_reports_per_rule_counts(capsys):
    assert main(["rules", "test", SAMPLE_RULES, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rule = data["rules"][0]
    assert (rule["id"], rule["tp"], rule["tn"], rule["fp"], rule["fn"], rule["xfail"]) == ("GP-SCALE-901", 2, 2, 0, 0, 1)


def test_console_entry_point_runs_as_module(mixed):
    proc = subprocess.run([sys.executable, "-m", "checker", "scan", str(mixed), "--rules", SAMPLE_RULES,
                           "--format", "json", "--regime", "gp"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["findings"]


def _waivers_file(tmp_path, fingerprint, expires=None, date="2026-11-01"):
    entry = (f"- rule_id: GP-SCALE-901\n  fingerprint: {fingerprint}\n  reviewer: 李审查\n"
             f"  reason: 该条为引用的历史条款，已另行处理\n  date: {date}\n")
    if expires:
        entry += f"  expires: {expires}\n"
    p = tmp_path / "waivers.yaml"
    p.write_text(entry, encoding="utf-8")
    return p


def test_waived_finding_leaves_exit_status_but_stays_visible(capsys, tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("投标人注册资本不低于5000万元。\n", encoding="utf-8")
    code, data = run_json(capsys, str(p), "--regime", "gp")
    assert code == 1
    fp = data["documents"][0]["findings"][0]["fingerprint"]
    waivers = _waivers_file(tmp_path, fp)
    code, data = run_json(capsys, str(p), "--regime", "gp", "--waivers", str(waivers))
    assert code == 0
    finding = data["documents"][0]["findings"][0]
    assert finding["status"] == "已豁免" and "历史条款" in finding["waiver"]


def test_expired_and_unused_waivers_are_reported(capsys, tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("投标人注册资本不低于5000万元。\n", encoding="utf-8")
    code, data = run_json(capsys, str(p), "--regime", "gp")
    fp = data["documents"][0]["findings"][0]["fingerprint"]
    expired = _waivers_file(tmp_path, fp, expires="2020-01-01", date="2019-06-01")
    code = main(["scan", str(p), "--rules", SAMPLE_RULES, "--regime", "gp", "--waivers", str(expired)])
    err = capsys.readouterr().err
    assert code == 1 and "过期" in err  # an expired waiver does not apply
    unused = _waivers_file(tmp_path, "0123456789abcdef")
    code = main(["scan", str(p), "--rules", SAMPLE_RULES, "--regime", "gp", "--waivers", str(unused)])
    assert code == 1 and "未匹配" in capsys.readouterr().err


def test_baseline_shows_new_and_resolved(capsys, tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text("投标人注册资本不低于5000万元。\n", encoding="utf-8")
    base = tmp_path / "base.json"
    assert main(["scan", str(p), "--rules", SAMPLE_RULES, "--regime", "gp", "--format", "json", "-o", str(base)]) == 1
    capsys.readouterr()
    p.write_text("注册资金1000万元以上的得3分。\n", encoding="utf-8")
    main(["scan", str(p), "--rules", SAMPLE_RULES, "--regime", "gp", "--baseline", str(base)])
    err = capsys.readouterr().err
    assert "新增 1 处" in err and "已解决 1 处" in err


def test_select_and_ignore_rules_by_prefix(capsys, mixed):
    code, data = run_json(capsys, str(mixed), "--regime", "gp", "--select", "gp-scale")
    assert code == 1 and len(data["documents"][0]["findings"]) == 2
    code, data = run_json(capsys, str(mixed), "--regime", "gp", "--ignore", "BOTH-")
    assert code == 1 and len(data["documents"][0]["findings"]) == 2
    assert main(["scan", str(mixed), "--rules", SAMPLE_RULES, "--ignore", "GP-SCALE"]) == 2
    assert "没有可用的规则" in capsys.readouterr().err


def test_fresh_process_with_bad_first_file_still_checks_the_rest(tmp_path, mixed):
    # in a fresh interpreter the first file is loaded in a forked child (pipeline.scan); its
    # failure must come back as an ordinary "error" document, and the batch must go on
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = subprocess.run([sys.executable, "-m", "checker", "scan", str(bad), str(mixed), "--rules", SAMPLE_RULES,
                           "--format", "json", "--regime", "gp"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["broken.docx"]["status"] == "error" and "broken.docx" in proc.stderr
    assert len(docs["mixed.txt"]["findings"]) == 2
