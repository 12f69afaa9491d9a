"""Report writers: golden files on one fixed Report, plus what each format promises its readers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from report_fixture import BAD_DOC, CB_DOC, GOLDEN_DIR, GOLDEN_FILES, GP_DOC, golden_bytes, make_report

from checker.reports import EXTENSIONS, WRITERS, write
from checker.reports.common import short_basis
from checker.reports.json_report import read_report
from checker.reports.xlsx_report import HEADERS

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
REQUIRED_XLSX = ("序号", "章节", "位置", "原文", "问题", "依据", "修改建议", "严重程度", "审查意见/状态")


def test_every_writer_has_a_golden_file_and_an_extension():
    assert set(WRITERS) == set(GOLDEN_FILES) == set(EXTENSIONS)


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(fmt):
    expected = (GOLDEN_DIR / GOLDEN_FILES[fmt]).read_bytes()
    assert golden_bytes(fmt) == expected, f"{fmt} output changed: review, then run `python tests/regen_golden.py`"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writers_are_deterministic_and_carry_the_audit_manifest(fmt):
    report = make_report()
    first = WRITERS[fmt](report)
    assert isinstance(first, bytes) and first == WRITERS[fmt](make_report())
    text = golden_bytes(fmt).decode("utf-8-sig")
    gp = report.documents[0]
    assert gp.meta["sha256"] in text  # input hash
    assert report.ruleset_version in text
    if fmt != "csv":  # CSV rows carry input hash, rule-pack version and time only
        assert report.tool_version in text and report.ruleset_hash[:12] in text
    # a different creation time is the only thing that changes the manifest's clock
    later = dataclasses.replace(report, created="2026-01-02T03:04:05+08:00")
    assert WRITERS[fmt](later) != first


def test_unknown_format_names_the_known_ones():
    with pytest.raises(KeyError, match="json"):
        write(make_report(), "docx-comments")


# -- JSON ------------------------------------------------------------------------------------------


def test_json_schema_shape_and_round_trip():
    data = WRITERS["json"](make_report())
    obj = json.loads(data)
    assert set(obj) == {"tool", "manifest", "documents", "summary"}
    doc = obj["documents"][0]
    assert set(doc) == {"path", "status", "error", "warnings", "regime", "meta", "findings"}
    assert set(doc["regime"]) == {"regime", "label", "confidence", "reasons", "source"}
    f = doc["findings"][1]
    assert set(f) >= {"rule_id", "title", "severity", "confidence", "category", "location", "sentence", "match",
                      "legal_basis", "explanation", "suggestion", "fingerprint", "details", "waiver", "status"}
    assert set(f["location"]) == {"paragraph", "page", "section", "section_kind", "table", "row", "column", "part"}
    assert f["sentence"][f["match"]["start"]:f["match"]["end"]] == f["match"]["text"]
    assert "注册资本" in data.decode("utf-8")  # ensure_ascii off: Chinese stays readable
    assert obj["summary"]["by_severity"] == {"error": 5, "warning": 2, "info": 0}
    assert obj["summary"]["waived"] == 1 and obj["summary"]["documents_error"] == 1
    inputs = {i["path"]: i for i in obj["manifest"]["inputs"]}
    assert inputs[CB_DOC]["unchecked_pages"] == [7, 8] and inputs[CB_DOC]["pages_unchecked"] == 2
    assert inputs[CB_DOC]["regime_source"] == "user"
    assert "pdf_spans" not in obj["documents"][1]["meta"]
    assert WRITERS["json"](read_report(data)) == data


def test_json_findings_in_document_order_and_internal_meta_dropped():
    report = make_report()
    gp = report.documents[0]
    shuffled = dataclasses.replace(gp, findings=tuple(reversed(gp.findings)),
                                   meta={**gp.meta, "docx_cell_paragraphs": {8: ((8, 0, 0, 3),)}})
    out = json.loads(WRITERS["json"](dataclasses.replace(report, documents=(shuffled,))))
    blocks = [f["block"]["index"] for f in out["documents"][0]["findings"]]
    assert blocks == sorted(blocks)
    assert "docx_cell_paragraphs" not in out["documents"][0]["meta"]


def test_read_report_rejects_other_json():
    with pytest.raises(ValueError, match="JSON"):
        read_report(b"not json")
    with pytest.raises(ValueError, match="documents"):
        read_report(b'{"runs": []}')


# -- text ------------------------------------------------------------------------------------------


def test_text_one_line_per_finding():
    report = make_report()
    lines = WRITERS["text"](report).decode().splitlines()
    finding_lines = [ln for ln in lines if re.match(r"^\S+\.(docx|pdf):", ln)]
    assert len(finding_lines) == len(report.findings)
    assert f"{GP_DOC}:第45段[资格条件] GP-SCALE-001 error 以注册资本作为资格条件或评审因素 «注册资本不低于5000万元»" in lines
    assert any(ln.startswith(f"{CB_DOC}:第31页第233段[评分标准] CB-LOC-001") for ln in lines)
    assert any("[已豁免：" in ln and "BOTH-BRAND-001" in ln for ln in lines)
    assert "无法检查：PDF 没有文字层" in "\n".join(lines)
    assert any("未检查：第7–8页" in ln for ln in lines)
    assert lines[-2].startswith("共 3 个文件（1 个无法检查），发现 7 处问题：违规 5、疑似违规 2")


# -- HTML ------------------------------------------------------------------------------------------


def test_html_self_contained_escaped_and_highlighted():
    html = WRITERS["html"](make_report()).decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched from outside
    assert "<script" not in html and "@import" not in html and "url(" not in html
    # the sentence with "<2项" and quotes is escaped, and the match is marked
    assert "（&lt;2项不得分），须提供&quot;合同+验收报告&quot;" in html
    assert "<mark>本省同类项目业绩</mark>" in html
    assert html.count("<article ") == len(make_report().findings)
    for caption in ("按严重程度", "按章节", "按问题类别"):
        assert f"<caption>{caption}</caption>" in html
    assert "《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条" in html


# -- XLSX ------------------------------------------------------------------------------------------


def test_xlsx_opens_with_expected_columns_and_layout():
    wb = load_workbook(io.BytesIO(WRITERS["xlsx"](make_report())))
    ws = wb["审查意见表"]
    header = [c.value for c in ws[1]]
    assert tuple(header[:len(REQUIRED_XLSX)]) == REQUIRED_XLSX
    assert tuple(header) == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{ws.max_row}"
    assert ws.max_row - 1 == len(make_report().findings)
    assert ws["D2"].alignment.wrap_text
    assert ws.column_dimensions["D"].width >= 40
    rows = {r[10]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["BOTH-BRAND-001"][8].startswith("已豁免：采购人书面说明")
    assert rows["GP-SCALE-001"][8] in (None, "")  # left for the reviewer
    info = wb["审查说明"]
    values = [c for row in info.iter_rows(values_only=True) for c in row if c]
    assert make_report().ruleset_hash in values and "2025-06-01T10:30:00+08:00" in values


# -- CSV -------------------------------------------------------------------------------------------


def test_csv_has_bom_and_parses_back():
    data = WRITERS["csv"](make_report())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "文件", "章节"]
    assert len(rows) - 1 == len(make_report().findings)
    by_rule = {r[6]: r for r in rows[1:]}
    assert by_rule["BOTH-LOC-003"][4] == "近三年本省同类项目业绩≥2项得5分（<2项不得分），须提供\"合同+验收报告\"。"
    assert {r[1] for r in rows[1:]} == {GP_DOC, CB_DOC}


# -- SARIF -----------------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema():
    log = json.loads(WRITERS["sarif"](make_report()))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "第十七条" in rules["GP-SCALE-001"]["help"]["markdown"]
    assert rules["GP-SCALE-001"]["properties"]["category"] == "BOTH-SCALE-CAPITAL"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["GP-SCALE-001"] == "error" and levels["BOTH-BRAND-001"] == "warning"
    waived = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["BOTH-BRAND-001"]
    assert waived[0]["suppressions"][0]["status"] == "accepted"
    for r in run["results"]:
        assert r["partialFingerprints"]["ruleSentenceHash/v1"]
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert run["invocations"][0]["executionSuccessful"] is False  # the scanned PDF could not be read
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any(BAD_DOC in n and "无法检查" in n for n in notes)
    assert run["invocations"][0]["startTimeUtc"] == "2025-06-01T02:30:00Z"


def test_sarif_info_maps_to_note_and_txt_lines_are_lines():
    report = make_report()
    gp = report.documents[0]
    f = dataclasses.replace(gp.findings[0], severity="info")
    one = dataclasses.replace(report, documents=(dataclasses.replace(gp, findings=(f,)),))
    res = json.loads(WRITERS["sarif"](one))["runs"][0]["results"][0]
    assert res["level"] == "note"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == f.location.paragraph
    assert region["startColumn"] == f.block_start + 1 and region["endColumn"] == f.block_end + 1


# -- small helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("basis, short", [
    ("《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条：采购人……",
     "《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条"),
    ("《中华人民共和国政府采购法实施条例》第二十条：……（七）非法限定……", "《中华人民共和国政府采购法实施条例》第二十条"),
    ("财库〔2019〕38号《关于促进政府采购公平竞争优化营商环境的通知》", "财库〔2019〕38号《关于促进政府采购公平竞争优化营商环境的通知》"),
])
def test_short_basis(basis, short):
    assert short_basis(basis) == short
