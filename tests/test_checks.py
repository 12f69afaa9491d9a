"""Document-level checks (checker/checks.py) through the real pipeline: text → sections → sentences → CHECKS."""

from pathlib import Path

import pytest

from checker.checks import CHECKS, procurement_method, project_type
from checker.match import CheckContext
from checker.model import Block, Document, Location
from checker.pipeline import check_file, check_text
from checker.rules import load_ruleset
from checker.sections import assign_sections
from checker.segment import segment_blocks

RULES = Path(__file__).resolve().parent.parent / "rules"
MY_FILES = [RULES / "common" / "fees.yaml", RULES / "common" / "time.yaml", RULES / "gp" / "scoring.yaml",
            RULES / "gp" / "policy.yaml", RULES / "gp" / "contract.yaml", RULES / "cb" / "scoring.yaml"]
RULESET = load_ruleset(MY_FILES)
CORPUS = Path("/work/shared/corpus/real")


def hits(text: str, rule_id: str, regime: str = "gp"):
    """Findings of one rule on a text (one paragraph per line), regime forced."""
    report = check_text(text, RULESET.only([rule_id]), regime)
    return [f for f in report.findings if f.rule_id == rule_id]


def context(text: str, regime: str = "gp", params: dict | None = None) -> CheckContext:
    blocks = tuple(Block(line, Location(paragraph=i)) for i, line in enumerate(text.split("\n"), 1))
    doc = assign_sections(Document("t", blocks))
    return CheckContext(doc, segment_blocks(doc.blocks), regime, params or {})


# ---------------------------------------------------------------- acceptance: 投标保证金 3% vs 2%

def test_bid_bond_three_percent_fires_and_quotes_numbers():
    found = hits("预算金额：100万元\n投标保证金：3万元", "GP-FEE-002")
    assert len(found) == 1
    f = found[0]
    assert f.match_text == "3万元"
    assert "3 万元" in f.details and "100 万元" in f.details and "3%" in f.details and "2%" in f.details


def test_bid_bond_two_percent_is_silent():
    assert hits("预算金额：100万元\n投标保证金：2万元", "GP-FEE-002") == []


@pytest.mark.parametrize("text,expected", [
    ("投标保证金：3万元", 0),                                           # no budget: say nothing
    ("预算金额：____万元\n投标保证金：3万元", 0),                        # blank budget
    ("第一包预算金额：100万元\n第二包预算金额：300万元\n投标保证金：5万元", 0),  # largest budget of a multi-lot tender
    ("采购预算金额在500万元以下的项目，投标保证金为1万元。\n预算金额：40万元", 1),  # a rule statement is not the budget
    ("项目预算：壹佰万元整\n投标保证金 | 金额：（大写）叁万元整（¥30000）", 1),
    ("最高限价：100万元\n投标保证金：2.5万元", 1),                        # no 预算: compared with 最高限价
])
def test_bid_bond_robustness(text, expected):
    assert len(hits(text, "GP-FEE-002")) == expected


def test_bid_bond_label_and_amount_in_separate_cells():
    text = "项目预算金额：50万元\n投标保证金\n金额：（大写）壹万伍仟元整（¥15000）"
    found = hits(text, "GP-FEE-002")
    assert len(found) == 1 and "1.5 万元" in found[0].details and "3%" in found[0].details


def test_cb_bond_uses_estimate_first_and_proxy_only_when_missing():
    assert hits("招标项目估算价：500万元。\n投标保证金：人民币15万元。", "CB-FEE-003", "cb")
    assert not hits("招标项目估算价：800万元。\n最高投标限价：300万元。\n投标保证金：人民币10万元。", "CB-FEE-004", "cb")
    proxy = hits("最高投标限价：300万元。\n投标保证金：人民币10万元。", "CB-FEE-004", "cb")
    assert proxy and "未找到估算价" in proxy[0].details
    assert hits("投标保证金：人民币壹佰万元整。", "CB-FEE-001", "cb")
    assert not hits("投标保证金：人民币捌拾万元整。", "CB-FEE-001", "cb")


# ---------------------------------------------------------------- other deposits

@pytest.mark.parametrize("rule,text,regime,expected", [
    ("BOTH-FEE-003", "履约保证金为合同金额的15%。", "gp", True),
    ("BOTH-FEE-003", "履约保证金为合同金额的10%。", "gp", False),
    ("BOTH-FEE-003", "合同签订后支付合同金额的30%作为预付款，履约保证金为合同金额的5%。", "gp", False),
    ("BOTH-FEE-004", "项目预算金额：50万元\n履约保证金：人民币10万元", "gp", True),
    ("BOTH-FEE-004", "项目预算金额：50万元\n履约保证金：人民币5万元", "gp", False),
    ("CB-FEE-002", "发包人按工程价款结算总额的5%预留质量保证金。", "cb", True),
    ("CB-FEE-002", "质量保证金为工程价款结算总额的3%。", "cb", False),
])
def test_deposit_caps(rule, text, regime, expected):
    assert bool(hits(text, rule, regime)) is expected


@pytest.mark.parametrize("text,expected", [
    ("质保期满无质量问题：付5%质保金。", "5%"),                         # rate attached to the deposit word, no base
    ("进度款支付时按月暂扣4%的质量保修金。", "4%"),
    ("质保金比例为6%。", "6%"),
    ("保修期满后支付3%质保金。", None),                                 # within the 3% cap
    ("缺陷责任期满一年后退还50%的质保金。", None),                      # an instalment of the deposit
    ("每期进度款按10%扣留作为质保金，累计扣至结算价的3%为止。", None),  # withholding rate up to a cap
])
def test_quality_deposit_rate_without_base(text, expected):
    found = hits(text, "CB-FEE-002", "cb")
    assert [f.match_text for f in found] == ([expected] if expected else [])
    if expected:
        assert "超过 3%" in found[0].details


# ---------------------------------------------------------------- time limits

NOTICE = ("三、获取招标文件\n1.2026年5月6日至{end}，每天09:00至11:30（北京时间，法定节假日除外）。\n"
          "四、提交投标文件截止时间、开标时间和地点\n投标截止时间、开标时间：{deadline}10点00分（北京时间）。")


@pytest.mark.parametrize("end,deadline,tender_short,sale_short", [
    ("2026年5月12日", "2026年5月20日", True, False),   # 14 days; 5 working days
    ("2026年5月12日", "2026年5月26日", False, False),  # exactly 20 days
    ("2026年5月8日", "2026年5月27日", False, True),    # 3 working days (Wed–Fri)
])
def test_tender_and_sale_periods(end, deadline, tender_short, sale_short):
    text = NOTICE.format(end=end, deadline=deadline)
    tender = hits(text, "BOTH-TIME-001")
    assert bool(tender) is tender_short
    if tender:
        assert "2026-05-06" in tender[0].details and "少于 20 日" in tender[0].details
    assert bool(hits(text, "GP-TIME-001")) is sale_short


def test_consultation_uses_ten_days():
    text = ("本项目采购方式为竞争性磋商。\n获取磋商文件时间：2026年5月6日至2026年5月12日。\n"
            "提交首次响应文件截止时间：{d}9时30分。")
    assert hits(text.format(d="2026年5月14日"), "BOTH-TIME-001")
    assert not hits(text.format(d="2026年5月18日"), "BOTH-TIME-001")


def test_short_consultation_notice_without_stated_method_uses_ten_days():
    """An announcement excerpt that names 磋商文件 / 首次响应文件 but never 招标文件 is a 磋商, not a 招标."""
    text = "磋商文件提供期限：2026年8月3日至2026年8月7日；首次响应文件提交截止时间：{d}10时00分。"
    assert procurement_method(context(text.format(d="2026年8月14日"))) == "磋商"
    assert not hits(text.format(d="2026年8月14日"), "BOTH-TIME-001")
    short = hits(text.format(d="2026年8月10日"), "BOTH-TIME-001")
    assert len(short) == 1 and "少于 10 日" in short[0].details
    # one mention of 招标文件 keeps the 20-day rule for a plain tender excerpt
    tender = "招标文件获取时间：2026年8月3日至2026年8月7日。投标截止时间：2026年8月14日10时00分。"
    assert procurement_method(context(tender)) == "招标"
    assert hits(tender, "BOTH-TIME-001")


def test_deadline_label_skips_other_deadlines_and_reads_submission_wording():
    """"投标人要求澄清招标文件的截止时间" is not the bid deadline; "投标文件递交的截止时间为…" is."""
    text = ("获取招标文件时间：2026年4月7日至2026年4月13日。\n"
            "投标人要求澄清招标文件的截止时间\n2026年4月20日17时。\n"
            "投标文件递交的截止时间为{d}9时30分。")
    assert hits(text.format(d="2026年5月8日"), "BOTH-TIME-001", "cb") == []
    short = hits(text.format(d="2026年4月22日"), "BOTH-TIME-001", "cb")
    assert len(short) == 1 and "2026-04-22" in short[0].details
    bond_first = ("获取招标文件时间：2026年6月1日至2026年6月5日。\n投标保证金递交截止时间：2026年6月10日17时。\n"
                  "开标时间：2026年6月23日9时30分。")
    assert hits(bond_first, "BOTH-TIME-001") == []


def test_blank_dates_are_silent():
    text = "获取招标文件时间：____年__月__日至____年__月__日。\n投标截止时间：____年__月__日__时__分。"
    assert hits(text, "BOTH-TIME-001") == [] and hits(text, "GP-TIME-001") == []


@pytest.mark.parametrize("rule,text,regime,expected", [
    ("BOTH-TIME-002", "采购人应当在投标截止时间至少7日前，以书面形式通知所有获取招标文件的潜在投标人澄清或者修改的内容。", "gp", True),
    ("BOTH-TIME-002", "澄清或者修改应当在投标截止时间至少15日前发出；不足15日的，顺延投标截止时间。", "gp", False),
    ("BOTH-TIME-002", "供应商对招标文件如有疑问要求澄清，应当在投标截止时间10日前以书面形式提出。", "gp", False),
    ("CB-TIME-002", "对招标文件有异议的，应当在投标截止时间15日前提出。", "cb", True),
    ("CB-TIME-002", "对招标文件有异议的，应当在投标截止时间10日前提出。", "cb", False),
    ("CB-TIME-002", "发包人应在收到异议后7天内予以答复。", "cb", False),
    ("BOTH-TIME-003", "中标人应当自中标通知书发出之日起45日内与招标人签订书面合同。", "cb", True),
    ("BOTH-TIME-003", "中标人应当自中标通知书发出之日起30日内与采购人签订合同。", "gp", False),
])
def test_clarify_objection_signing(rule, text, regime, expected):
    assert bool(hits(text, rule, regime)) is expected


# ---------------------------------------------------------------- scoring, payment, SME, samples

@pytest.mark.parametrize("text,expected", [
    ("采购项目类型：货物\n评分标准\n报价部分（20分）", True),
    ("采购项目类型：服务\n评分标准\n报价部分（20分）", False),
    ("评分标准\n报价部分（20分）", False),          # type unknown: only the 10% floor applies
    ("评分标准\n价格分值为5分。", True),
    ("评分标准\n对小微企业报价给予10%的扣除。", False),
])
def test_price_weight(text, expected):
    assert bool(hits(text, "GP-SCORE-006")) is expected


@pytest.mark.parametrize("text,expected", [
    ("采购项目类型：服务\n评分标准\n价格分\n8\n服务方案\n50", ["8"]),       # label and points in separate cells
    ("采购项目类型：货物\n评分标准\n价格分\n30\n技术方案\n40", []),
    ("采购项目类型：货物\n评分标准\n投标报价得分=(评标基准价/投标报价)×20", ["20"]),  # weight only in the formula
    ("采购项目类型：服务\n评分标准\n投标报价得分=(评标基准价/投标报价)×100", []),     # ×100 is the normalised form
    ("采购项目类型：服务\n评分标准\n价格分\n见附表", []),
])
def test_price_weight_from_cells_and_formula(text, expected):
    found = hits(text, "GP-SCORE-006")
    assert [f.match_text for f in found] == expected


def test_price_weight_label_and_formula_report_once():
    text = ("采购项目类型：服务\n评分标准\n价格分\n8\n"
            "满足招标文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分。\n"
            "其他投标人的价格分=（评标基准价/投标报价）×8。")
    found = hits(text, "GP-SCORE-006")
    assert len(found) == 1 and "8%" in found[0].details and "10%" in found[0].details


@pytest.mark.parametrize("rule,text,expected", [
    ("BOTH-PAY-001", "货物验收合格后90日内，采购人支付合同总价的95%。", True),
    ("BOTH-PAY-001", "项目终验合格并收到发票后3个月内支付剩余款项。", True),
    ("BOTH-PAY-001", "验收合格后30日内支付合同款。", False),
    ("BOTH-PAY-001", "质保期满后90日内无息退还质量保证金。", False),
    ("GP-PAY-001", "收到发票后45日内支付合同款。", True),
    ("GP-PAY-001", "收到发票后20个工作日内支付合同款。", False),
])
def test_payment_days(rule, text, expected):
    assert bool(hits(text, rule)) is expected


@pytest.mark.parametrize("text,expected", [
    ("对小型和微型企业产品的价格给予6%的扣除。", True),
    ("对小微企业报价给予15%的扣除。", False),
    ("采购项目类型：工程\n对小微企业报价给予10%的扣除。", True),
    ("采购项目类型：工程\n对小微企业报价给予3%的扣除。", False),
    ("小微企业的合同份额占到合同总金额30%以上的联合体，给予联合体5%的价格扣除。", False),
])
def test_sme_price_deduction(text, expected):
    assert bool(hits(text, "GP-POL-001")) is expected


def test_sample_elements_lists_what_is_missing():
    head = "第四章 评标方法和评标标准\n"
    found = hits(head + "投标人须在投标截止时间前递交样品一套。", "GP-SCORE-008")
    assert found and "检测报告" in found[0].details and "评审方法" in found[0].details
    complete = ("投标人须在投标截止时间前递交样品一套，样品规格、材质应与投标产品一致，无需随样品提交检测报告。\n"
                "样品评审：样品材质、尺寸与技术参数表全部一致的得5分。")
    assert hits(head + complete, "GP-SCORE-008") == []
    assert hits("投标人须在投标截止时间前递交样品一套。", "GP-SCORE-008") == []  # a fragment: no verdict


def test_qualification_reused_as_scoring_factor_uses_sections():
    text = ("第三章 资格审查\n投标人须具有有效的食品经营许可证。\n"
            "第四章 评标方法和评标标准\n投标人具有食品经营许可证的得3分。\n投标人具有ISO9001质量管理体系认证证书的得2分。")
    found = hits(text, "GP-SCORE-010")
    assert len(found) == 1 and found[0].match_text == "食品经营许可证" and "资格条件" in found[0].details


def test_method_and_type_detection():
    assert procurement_method(context("本项目采购方式为竞争性磋商。")) == "磋商"
    assert procurement_method(context("招标文件\n投标人须知")) == "招标"
    assert project_type(context("采购项目类型：货物")) == "货物"
    assert project_type(context("在货物采购项目中，货物由中小企业制造；在服务采购项目中，服务由中小企业承接。")) is None


def test_every_check_is_used_by_a_rule_and_yields_hits_on_its_examples():
    used = {r.check for r in load_ruleset().rules if r.check}
    assert set(CHECKS) <= used, set(CHECKS) - used
    for name, fn in CHECKS.items():
        assert list(fn(context("与本检查无关的一句话。"))) == [], name


# ---------------------------------------------------------------- the official model texts (skipped without the corpus)

@pytest.mark.skipif(not (CORPUS / "gp_beijing_open_tender_template.pdf").exists(), reason="real corpus absent")
def test_beijing_model_text_has_no_error_from_these_rules():
    report = check_file(CORPUS / "gp_beijing_open_tender_template.pdf", RULESET)
    errors = [(f.rule_id, f.match_text) for f in report.findings if f.severity == "error"]
    assert report.status == "ok" and errors == []


@pytest.mark.skipif(not (CORPUS / "cb_ndrc_standard_design_tender_template.pdf").exists(), reason="real corpus absent")
def test_ndrc_model_text_has_no_error_from_these_rules():
    report = check_file(CORPUS / "cb_ndrc_standard_design_tender_template.pdf", RULESET)
    errors = [(f.rule_id, f.match_text) for f in report.findings if f.severity == "error"]
    assert report.status == "ok" and errors == []


# ---------------------------------------------------------------- wording gaps (blind set 2, own sentences)

@pytest.mark.parametrize("text,regime,rule,expected", [
    # an end date without a year takes the start's year
    ("招标文件领取时间为2026年3月2日至3月4日，每日9时至16时。", "cb", "CB-TIME-001", "2026-03-04"),
    ("招标文件发售时间：2026年3月2日至3月9日。", "cb", "CB-TIME-001", None),       # 8 days
    ("获取采购文件时间：2026年3月2日至5日。", "gp", "GP-TIME-001", "2026-03-05"),   # month inherited too
    ("获取采购文件时间：2026年3月2日至6日。", "gp", "GP-TIME-001", None),           # Mon–Fri: 5 working days
    ("招标文件发售时间：2026年12月28日至1月5日。", "cb", "CB-TIME-001", None),      # rolls into 2027
])
def test_sale_period_end_date_without_year(text, regime, rule, expected):
    found = hits(text, rule, regime)
    assert bool(found) is (expected is not None)
    if expected:
        assert expected in found[0].details


@pytest.mark.parametrize("text,regime,expected", [
    ("提交投标文件截止时间：自招标文件开始发出之日起第十二日上午9时。", "gp", "12日"),
    ("投标截止时间为自招标文件发售之日起18天。", "cb", "18日"),
    ("投标截止时间：自招标文件开始发出之日起第二十一日。", "gp", None),
    ("投标截止时间：自招标文件发出之日起15个工作日。", "gp", None),            # working days are not judged
    ("自招标文件开始发出之日起至投标人提交投标文件截止之日止，最短不得少于二十日。", "gp", None),
])
def test_relative_tender_deadline(text, regime, expected):
    found = hits(text, "BOTH-TIME-001", regime)
    assert bool(found) is (expected is not None)
    if expected:
        assert expected in found[0].details and "少于 20 日" in found[0].details


@pytest.mark.parametrize("text,expected", [
    ("评分标准\n分值构成（货物类） | 报价25分 | 技术方案45分 | 商务条款30分", ["报价25分"]),
    ("评分标准\n分值构成（货物类） | 报价30分 | 技术方案45分 | 商务条款25分", []),
    ("评分标准\n分值构成（服务） | 价格15分 | 技术55分 | 商务30分", []),            # 服务 floor is 10%
    ("评分标准\n本项目为服务类采购，价格8分，技术62分，商务30分", ["价格8分"]),
])
def test_price_weight_from_composition_row(text, expected):
    assert [f.match_text for f in hits(text, "GP-SCORE-006")] == expected


@pytest.mark.parametrize("text,expected", [
    ("小型和微型企业产品的价格扣除比例为6%（本项目属于货物类采购）。", True),
    ("小微企业价格扣除比例为12%，本项目为服务类采购。", False),
    ("小微企业合同份额占比例不低于30%的联合体，给予联合体4%的价格扣除。", False),
])
def test_sme_deduction_stated_as_ratio(text, expected):
    assert bool(hits(text, "GP-POL-001")) is expected
