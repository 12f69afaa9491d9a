"""One fixed, hand-built Report with realistic Chinese findings, for the writers' golden tests.

It exercises every shape a writer must handle: body paragraphs and table cells, a header
finding (no Word comment possible there), a numeric-check finding with details, a waived
finding, PDF page locations with unchecked pages, an unreadable document, and text that
needs escaping in HTML/CSV (``<``, ``&``, quotes, a comma).
"""

from __future__ import annotations

import hashlib

from checker.model import DocumentReport, Finding, Location, RegimeDecision, Report

BASIS_87_17 = ("《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条：采购人、采购代理机构不得将投标人的"
               "注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件作为资格要求或者评审因素，也不得通过将除"
               "进口货物以外的生产厂家授权、承诺、证明、背书等作为资格要求，对投标人实行差别待遇或者歧视待遇。")
BASIS_46_5 = ("《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）第五条：采购人在政府采购活动中应当合理确定采购项目"
              "的采购需求，不得以企业注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件和财务指标作为供应商"
              "的资格要求或者评审因素，不得在企业股权结构、经营年限等方面对中小企业实行差别待遇或者歧视待遇。")
BASIS_658_20 = ("《中华人民共和国政府采购法实施条例》第二十条：采购人或者采购代理机构有下列情形之一的，属于以不合理的条件"
                "对供应商实行差别待遇或者歧视待遇：……（七）非法限定供应商的所有制形式、组织形式或者所在地；")
BASIS_658_20_4 = ("《中华人民共和国政府采购法实施条例》第二十条：……（四）以特定行政区域或者特定行业的业绩、奖项作为加分"
                  "条件或者中标、成交条件；")
BASIS_658_20_6 = "《中华人民共和国政府采购法实施条例》第二十条：……（六）限定或者指定特定的专利、商标、品牌或者供应商；"
BASIS_658_33 = ("《中华人民共和国政府采购法实施条例》第三十三条：招标文件要求投标人提交投标保证金的，投标保证金不得超过"
                "采购项目预算金额的2%。")
BASIS_CB_32 = ("《中华人民共和国招标投标法实施条例》第三十二条：招标人不得以不合理的条件限制、排斥潜在投标人或者投标人。"
               "……（三）依法必须进行招标的项目以特定行政区域或者特定行业的业绩、奖项作为加分条件或者中标条件；")
BASIS_CB_26 = "《中华人民共和国招标投标法实施条例》第二十六条：……投标保证金不得超过招标项目估算价的2%。"

GP_DOC = "采购文件_某市政务云服务项目.docx"
CB_DOC = "施工招标文件_某县供水管网改造.pdf"
BAD_DOC = "扫描件_资格审查材料.pdf"


def fp(rule_id: str, sentence: str) -> str:
    """Same recipe as the matcher: sha1(rule id, 0x1f, normalized sentence)[:16]."""
    return hashlib.sha1(f"{rule_id}\x1f{sentence}".encode()).hexdigest()[:16]


def make(rule_id: str, title: str, severity: str, confidence: str, category: str, loc: Location,
         sentence: str, match: str, block_index: int, basis: tuple[str, ...], explanation: str,
         suggestion: str, *, block_offset: int = 0, details: str = "", waiver: str | None = None,
         status: str = "") -> Finding:
    start = sentence.index(match)
    end = start + len(match)
    return Finding(
        rule_id=rule_id, title=title, severity=severity, confidence=confidence, category=category,
        location=loc, sentence=sentence, match_text=match, start=start, end=end,
        block_index=block_index, block_start=block_offset + start, block_end=block_offset + end,
        legal_basis=basis, explanation=explanation, suggestion=suggestion,
        fingerprint=fp(rule_id, sentence), details=details, waiver=waiver, status=status,
    )


QUAL = ("第三章 资格条件",)
SCORE = ("第四章 评标办法", "二、评分标准")
TECH = ("第五章 采购需求",)
NOTICE = ("第一章 投标邀请",)


def gp_document() -> DocumentReport:
    findings = (
        make("GP-SCALE-001", "以注册资本作为资格条件或评审因素", "error", "high", "BOTH-SCALE-CAPITAL",
             Location(paragraph=45, section=QUAL, section_kind="资格条件"),
             "（3）投标人注册资本不低于5000万元人民币，且近三年营业收入均不少于1亿元。", "注册资本不低于5000万元",
             block_index=40, block_offset=2, basis=(BASIS_87_17, BASIS_46_5),
             explanation="将注册资本等规模条件作为资格要求或评审因素，属于对中小企业实行差别待遇或者歧视待遇。",
             suggestion="删除注册资本要求；确需考察履约能力的，改为与合同履行直接相关的条件。"),
        make("BOTH-LOC-001", "限定供应商注册地或所在地", "error", "high", "BOTH-LOC-SEAT",
             Location(paragraph=47, section=QUAL, section_kind="资格条件"),
             "投标人须为本市注册的企业，不得转包。", "须为本市注册的企业",
             block_index=42, basis=(BASIS_658_20,),
             explanation="以注册地限定供应商，属于非法限定供应商的所在地。",
             suggestion="删除对注册地的限制；如需本地服务，改为响应时间等履约要求。"),
        make("BOTH-LOC-003", "以特定行政区域的业绩作为加分条件", "error", "high", "BOTH-LOC-PERF",
             Location(paragraph=88, section=SCORE, section_kind="评分标准", table=2, row=3, column=3),
             "近三年本省同类项目业绩≥2项得5分（<2项不得分），须提供\"合同+验收报告\"。", "本省同类项目业绩",
             block_index=80, basis=(BASIS_658_20_4,),
             explanation="以特定行政区域的业绩作为加分条件，排斥外地供应商。",
             suggestion="删除“本省”等地域限定，按业绩的类型、规模设置评分。"),
        make("BOTH-BRAND-001", "指定或暗示特定品牌", "warning", "medium", "BOTH-BRAND-NAMED",
             Location(paragraph=120, section=TECH, section_kind="技术要求"),
             "服务器CPU采用Intel至强系列或同档次产品，内存≥256GB。", "Intel至强系列",
             block_index=111, basis=(BASIS_658_20_6,),
             explanation="技术要求中出现品牌名称，可能构成限定或者指定特定的品牌。",
             suggestion="改为性能指标描述（如核心数、主频、基准测试分值），不出现品牌。",
             waiver="采购人书面说明须兼容既有虚拟化平台，已经专家论证（审查人：李明，2025-05-20）",
             status="已豁免"),
        make("GP-FEE-001", "投标保证金超过预算金额的2%", "error", "high", "BOTH-FEE-BIDBOND",
             Location(paragraph=12, section=NOTICE, section_kind="招标公告"),
             "投标保证金：人民币3万元整。", "投标保证金：人民币3万元",
             block_index=9, basis=(BASIS_658_33,),
             explanation="投标保证金超过采购项目预算金额的2%。",
             suggestion="将投标保证金降至预算金额的2%以内，或不收取投标保证金。",
             details="投标保证金 3.0 万元 = 预算 100 万元的 3.0%，超过 2%"),
        make("BOTH-LOC-002", "要求在本地设立分支机构", "warning", "medium", "BOTH-LOC-BRANCH",
             Location(part="header"),
             "本项目要求投标人在本市设有售后服务机构", "在本市设有售后服务机构",
             block_index=0, basis=(BASIS_658_20,),
             explanation="要求在本地设立分支机构或服务网点，可能构成对外地供应商的差别待遇。",
             suggestion="改为“接到报修后2小时内到达现场”等履约要求，不要求设立机构。"),
    )
    return DocumentReport(
        path=GP_DOC, status="ok", findings=findings, error=None, warnings=(),
        regime=RegimeDecision("gp", 0.86, ("政府采购用语：采购人×31、供应商×27、采购文件×9、政府采购法×2",), "auto"),
        meta={"format": "docx", "sha256": hashlib.sha256(GP_DOC.encode()).hexdigest(), "bytes": 482133,
              "pages": 58, "page_numbers": False, "blocks": 356, "sentences": 512, "section_kinds": ["招标公告", "资格条件", "技术要求", "评分标准"]},
    )


def cb_document() -> DocumentReport:
    findings = (
        make("CB-LOC-001", "以特定行政区域的业绩作为加分条件", "error", "high", "BOTH-LOC-PERF",
             Location(paragraph=233, page=31, section=("第三章 评标办法",), section_kind="评分标准"),
             "投标人近五年在本县完成过类似供水管网工程的，每项加2分，最多加6分。", "在本县完成过类似供水管网工程",
             block_index=230, basis=(BASIS_CB_32,),
             explanation="依法必须招标的项目以特定行政区域的业绩作为加分条件。",
             suggestion="删除“本县”限定，按工程类型和规模认定类似业绩。"),
        make("CB-FEE-001", "投标保证金超过估算价的2%", "warning", "high", "BOTH-FEE-BIDBOND",
             Location(paragraph=58, page=6, section=("第二章 投标人须知",), section_kind="投标人须知"),
             "投标保证金金额：80万元，须从投标人基本账户转出。", "投标保证金金额：80万元",
             block_index=57, basis=(BASIS_CB_26,),
             explanation="投标保证金可能超过招标项目估算价的2%。",
             suggestion="核对估算价，将投标保证金控制在估算价的2%以内。",
             details="投标保证金 80 万元 = 估算价 3200 万元的 2.5%，超过 2%"),
    )
    return DocumentReport(
        path=CB_DOC, status="ok", findings=findings, error=None,
        warnings=("第7–8页无文字层（可能是扫描页），未检查",),
        regime=RegimeDecision("cb", 1.0, ("用户指定",), "user"),
        meta={"format": "pdf", "sha256": hashlib.sha256(CB_DOC.encode()).hexdigest(), "bytes": 2210487,
              "pages": 42, "pages_unchecked": 2, "unchecked_pages": [7, 8], "pages_checked": 40, "blocks": 1204,
              "pdf_spans": ((((1, 0, 0, 8),),) * 3)},
    )


def bad_document() -> DocumentReport:
    return DocumentReport(path=BAD_DOC, status="error", error="PDF 没有文字层（可能是扫描件），无法检查；请先做文字识别（OCR）",
                          meta={"format": "pdf", "sha256": hashlib.sha256(BAD_DOC.encode()).hexdigest(), "pages": 3,
                                "pages_unchecked": 3, "unchecked_pages": [1, 2, 3]})


def make_report() -> Report:
    return Report(
        documents=(gp_document(), cb_document(), bad_document()),
        tool_version="0.1.0",
        ruleset_version="0.1.0+3f9a2c1d",
        ruleset_hash="3f9a2c1d5e7b90a4c6d8e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
        created="2025-06-01T10:30:00+08:00",
        options={"regime": "auto", "fail_on": "error"},
    )


# -- golden files ---------------------------------------------------------------------------------

GOLDEN_DIR = __import__("pathlib").Path(__file__).parent / "golden"
# writer format -> golden file name (binary XLSX is compared through a text dump)
GOLDEN_FILES = {
    "json": "report.json",
    "text": "report.txt",
    "html": "report.html",
    "csv": "report.csv",
    "sarif": "report.sarif",
    "xlsx": "report.xlsx.tsv",
}


def dump_xlsx(data: bytes) -> bytes:
    """A reviewable text form of a workbook: every sheet, every cell (tab-separated), plus layout."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}  freeze={ws.freeze_panes} filter={ws.auto_filter.ref}")
        for row in ws.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v).replace("\n", "⏎") for v in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def golden_bytes(fmt: str) -> bytes:
    """What the golden file for ``fmt`` must contain, rendered from the fixed report."""
    from checker.reports import WRITERS

    out = WRITERS[fmt](make_report())
    return dump_xlsx(out) if fmt == "xlsx" else out
