"""Chinese amounts, percentages, dates and durations (checker/numbers.py), table-driven."""

from datetime import date

import pytest

from checker.normalize import normalize_text
from checker.numbers import (
    cn_to_number,
    find_amounts,
    find_dates,
    find_durations,
    find_percents,
    format_yuan,
    parse_amount,
    parse_date,
    parse_duration,
    parse_number,
    parse_percent,
    working_days,
)


@pytest.mark.parametrize("text,value", [
    ("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("三千", 3000),
    ("伍仟万", 50_000_000), ("壹拾贰万", 120_000), ("壹万伍仟", 15_000), ("一万零五百", 10_500),
    ("一亿二千万", 120_000_000), ("两千", 2000), ("二〇二六", 2026), ("三点五", 3.5), ("百", 100),
])
def test_cn_to_number(text, value):
    assert cn_to_number(text) == value


@pytest.mark.parametrize("text", ["", "万元", "abc", "三点"])
def test_cn_to_number_rejects(text):
    with pytest.raises(ValueError):
        cn_to_number(text)


@pytest.mark.parametrize("text,value", [
    ("5,000", 5000), ("5000.50", 5000.5), ("５０００", 5000), ("伍仟", 5000), ("二十", 20), ("x", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,yuan", [
    ("伍仟万元", 50_000_000),
    ("5,000万元", 50_000_000),
    ("5000.00 元", 5000),
    ("￥120,000.00", 120_000),
    ("¥15000", 15_000),
    ("人民币壹拾贰万元整", 120_000),
    ("人民币 5000 元", 5000),
    ("投标保证金的金额：10（万元）", 100_000),
    ("项目预算金额： 82.5 万元", 825_000),
    ("预算：3亿元", 300_000_000),
    ("十万元", 100_000),
    ("金额：（大写）壹万伍仟元整（¥15000）", 15_000),
    ("投标保证金：5000万", 50_000_000),
])
def test_amounts(text, yuan):
    assert parse_amount(text) == pytest.approx(yuan)
    assert parse_amount(normalize_text(text)) == pytest.approx(yuan)


@pytest.mark.parametrize("text", ["3万平方米", "型号DS-2CD3元", "2026年5月6日", "近三年", "万元", "第3包"])
def test_not_amounts(text):
    assert find_amounts(text) == []


def test_amount_spans_point_at_the_text():
    text = "预算金额：100万元，投标保证金：人民币贰万元整"
    hits = find_amounts(text)
    assert [text[h.start:h.end] for h in hits] == ["100万元", "人民币贰万元整"]
    assert [h.yuan for h in hits] == [1_000_000, 20_000]


@pytest.mark.parametrize("text,values", [
    ("2%", [2]), ("2.5％", [2.5]), ("百分之二", [2]), ("百分之十五", [15]), ("千分之五", [0.5]),
    ("百分之0.5", [0.5]), ("给予10%-20%的扣除", [10, 20]), ("6%—10%", [6, 10]), ("10%至20%", [10, 20]),
    ("3%、5%", [3, 5]), ("无百分比", []),
])
def test_percents(text, values):
    assert [p.value for p in find_percents(text)] == pytest.approx(values)


def test_parse_percent_first():
    assert parse_percent("履约保证金为合同金额的10%，质保金5%") == 10
    assert parse_percent("没有") is None


@pytest.mark.parametrize("text,value,hour", [
    ("2026年5月6日", date(2026, 5, 6), None),
    ("2026 年 05 月 06 日", date(2026, 5, 6), None),
    ("2026-05-06", date(2026, 5, 6), None),
    ("2026/5/6", date(2026, 5, 6), None),
    ("2026.05.06", date(2026, 5, 6), None),
    ("二〇二六年五月六日", date(2026, 5, 6), None),
    ("2026年01月20日10点00分", date(2026, 1, 20), 10),
    ("2026年5月27日09:30", date(2026, 5, 27), 9),
    ("2026年5月27日下午2:30", date(2026, 5, 27), 14),
    ("2026 年 07 月 06 日 09 时 30 分", date(2026, 7, 6), 9),
])
def test_dates(text, value, hour):
    hits = find_dates(text)
    assert hits and hits[0].value == value and hits[0].hour == hour
    assert parse_date(normalize_text(text)) == value


@pytest.mark.parametrize("text", ["____年__月__日", "年 月 日", "2026年2月30日", "5月6日", "2026年"])
def test_not_dates(text):
    assert find_dates(text) == []


def test_date_range_yields_both_ends():
    text = "2025年12月31日至2026年01月07日，每天09:00至11:30"
    assert [d.value for d in find_dates(text)] == [date(2025, 12, 31), date(2026, 1, 7)]


@pytest.mark.parametrize("text,value,unit", [
    ("20个工作日", 20, "workday"), ("五日", 5, "day"), ("三十天", 30, "day"), ("3个月", 3, "month"),
    ("两年", 2, "year"), ("48小时", 48, "hour"), ("十五个日历日", 15, "day"), ("2周", 2, "week"),
    ("自2026年5月6日起5日内", 5, "day"), ("不少于 3 年", 3, "year"),
])
def test_durations(text, value, unit):
    d = parse_duration(text)
    assert d is not None and d.value == value and d.unit == unit


@pytest.mark.parametrize("text", ["2026年5月6日", "2018年获得", "5月6日", "每月5日前支付", "3月份"])
def test_not_durations(text):
    assert find_durations(text) == []


@pytest.mark.parametrize("text,low,high", [
    ("5个工作日", 5, 15), ("6个工作日", 8, 16.4), ("30个工作日", 40, 50), ("30日", 30, 30), ("3个月", 84, 93),
])
def test_duration_calendar_bounds(text, low, high):
    d = parse_duration(text)
    assert d.min_days() == pytest.approx(low)
    assert d.max_days() == pytest.approx(high)


@pytest.mark.parametrize("first,last,n", [
    (date(2026, 5, 4), date(2026, 5, 8), 5),    # Monday–Friday
    (date(2026, 5, 6), date(2026, 5, 12), 5),   # Wednesday–Tuesday over a weekend
    (date(2026, 5, 6), date(2026, 5, 8), 3),
    (date(2026, 5, 9), date(2026, 5, 10), 0),   # a weekend
    (date(2026, 5, 10), date(2026, 5, 9), 0),   # reversed
])
def test_working_days(first, last, n):
    assert working_days(first, last) == n


@pytest.mark.parametrize("yuan,text", [(30000, "3 万元"), (825000, "82.5 万元"), (500, "500 元"), (1.2e8, "1.2 亿元")])
def test_format_yuan(yuan, text):
    assert format_yuan(yuan) == text
