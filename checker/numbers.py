"""Chinese amounts, percentages, dates and durations as they are written in tender documents.

Used by the document-level checks (``checks.py``). Every finder returns hits with ``start``/``end``
offsets into the text it was given, so a check can point a finding at the number it compared.

Written for NORMALIZED text (NFKC: ASCII digits and punctuation, no spaces next to CJK) but also
accepts raw text: ``\\d`` matches full-width digits and the separators accept both widths.

The catch: Chinese numerals are parsed by the usual positional algorithm (十/百/千 inside a 万/亿
section); colloquial abbreviations such as "两千五" (= 2500) are read literally (2005) — tender
documents write amounts out in full (壹拾贰万元整), so this does not matter in practice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
# a Chinese numeral starts with a digit or 十 (十万 = 100000); a bare unit (万元) is not a number
_CN_NUM = f"[{''.join(CN_DIGITS)}十拾][{_CN_CHARS}]*(?:点[{''.join(CN_DIGITS)}]+)?"
_AR_NUM = r"\d{1,3}(?:[,，]\d{3})+(?:[.．]\d+)?|\d+(?:[.．]\d+)?"

UNIT_YUAN: dict[str, float] = {"元": 1.0, "万元": 1e4, "万": 1e4, "萬元": 1e4, "亿元": 1e8, "亿": 1e8, "億元": 1e8}


def cn_to_number(text: str) -> float:
    """Value of a Chinese numeral: 伍仟万 → 50000000, 二〇二六 → 2026, 三点五 → 3.5.

    Raises ValueError for a string that is not a Chinese numeral.
    """
    if not text or any(ch not in _CN_CHARS and ch != "点" for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "点" in text:
        head, _, tail = text.partition("点")
        if not tail or any(ch not in CN_DIGITS for ch in tail):
            raise ValueError(f"bad decimal part: {text!r}")
        whole = cn_to_number(head) if head else 0
        return whole + float("0." + "".join(str(CN_DIGITS[ch]) for ch in tail))
    if all(ch in CN_DIGITS for ch in text):  # digit by digit: 二〇二六, 五
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (number or 1) * CN_SMALL_UNITS[ch]
            number = 0
        elif CN_BIG_UNITS[ch] == 10_000:
            total += (section + number) * 10_000
            section = number = 0
        else:  # 亿
            total = (total + section + number) * 100_000_000
            section = number = 0
    return total + section + number


def parse_number(text: str) -> float | None:
    """An Arabic (5,000.50 / ５０００) or Chinese (伍仟 / 二十) number, else None."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(_AR_NUM, text):
        return float(text.replace(",", "").replace("，", "").replace("．", "."))
    try:
        return float(cn_to_number(text))
    except ValueError:
        return None


def _num(text: str) -> float:
    value = parse_number(text)
    if value is None:  # pragma: no cover - the regexes only hand over numerals
        raise ValueError(text)
    return value


# ---------------------------------------------------------------- amounts (money)


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money in 元 found at ``text[start:end]``."""

    yuan: float
    start: int
    end: int
    text: str


_CURRENCY = r"(?:人民币|RMB|CNY|[¥￥])"
# 万 alone (without 元) is money only when not followed by a unit of something else
_BARE_WAN_STOP = "平方米人台套件字次册亩户个吨公里千米株头辆张份"
_AR_AMOUNT = re.compile(
    rf"(?P<cur>{_CURRENCY}\s*[:：]?\s*)?(?P<num>{_AR_NUM})\s*"
    rf"(?P<unit>[(（]\s*(?:万元|元)\s*[)）]|亿元|億元|万元|萬元|元|亿|万(?![{_BARE_WAN_STOP}]))?"
)
_CN_AMOUNT = re.compile(rf"(?P<cur>{_CURRENCY}\s*[:：]?\s*)?(?P<num>{_CN_NUM})\s*(?P<unit>亿元|億元|万元|萬元|元)(?:整|正)?")


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in ``text``: 伍仟万元, 5,000万元, 5000.00 元, ￥120,000.00, 人民币壹拾贰万元整.

    A bare number counts only with a currency mark (¥ / 人民币) or a unit (元/万元/亿元, 10（万元）,
    5000万). Overlapping readings are resolved left to right.
    """
    hits: list[Amount] = []
    for m in _CN_AMOUNT.finditer(text):
        try:
            value = cn_to_number(m.group("num"))
        except ValueError:
            continue
        unit = m.group("unit")
        hits.append(Amount(value * UNIT_YUAN[unit], m.start(), m.end(), m.group(0)))
    for m in _AR_AMOUNT.finditer(text):
        unit = m.group("unit")
        if not unit and not m.group("cur"):
            continue
        if not unit and m.group("cur"):
            unit = "元"
        unit = unit.strip("()（） ")
        if any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        # a number glued to Latin letters (型号 DS-2CD…, i7-1260) is not money
        if not m.group("cur") and m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
            continue
        hits.append(Amount(_num(m.group("num")) * UNIT_YUAN[unit], m.start(), m.end(), m.group(0)))
    return sorted(hits, key=lambda h: h.start)


def parse_amount(text: str) -> float | None:
    """The first sum of money in ``text`` in 元, else None."""
    hits = find_amounts(text)
    return hits[0].yuan if hits else None


def format_yuan(yuan: float) -> str:
    """Human-readable amount for finding details: 30000 → '3 万元', 825000 → '82.5 万元'."""
    if yuan >= 1e8:
        return f"{_trim(yuan / 1e8)} 亿元"
    if yuan >= 1e4:
        return f"{_trim(yuan / 1e4)} 万元"
    return f"{_trim(yuan)} 元"


def _trim(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s or "0"


# ---------------------------------------------------------------- percentages


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage (``value`` = 2.0 for 2%) found at ``text[start:end]``."""

    value: float
    start: int
    end: int
    text: str


_PCT_RANGE = re.compile(
    r"(?P<a>\d+(?:[.．]\d+)?)\s*[%％]?\s*(?:-|—|–|－|~|～|至|到)+\s*(?P<b>\d+(?:[.．]\d+)?)\s*[%％]"
)
_PCT = re.compile(r"(?P<num>\d+(?:[.．]\d+)?)\s*[%％]")
_PCT_CN = re.compile(rf"(?P<kind>百分之|千分之)(?P<num>\d+(?:[.．]\d+)?|{_CN_NUM})")


def find_percents(text: str) -> list[Percent]:
    """Every percentage: 2%, 2.5％, 百分之二, 百分之十五, 千分之五 (=0.5%), and both ends of 10%—20% / 10-20%."""
    hits: list[Percent] = []

    def free(s: int, e: int) -> bool:
        return not any(h.start < e and s < h.end for h in hits)

    for m in _PCT_RANGE.finditer(text):
        a, b = _num(m.group("a")), _num(m.group("b"))
        hits.append(Percent(a, m.start("a"), m.start("a") + len(m.group("a")), m.group("a")))
        hits.append(Percent(b, m.start("b"), m.end(), text[m.start("b"):m.end()]))
    for m in _PCT.finditer(text):
        if free(m.start(), m.end()):
            hits.append(Percent(_num(m.group("num")), m.start(), m.end(), m.group(0)))
    for m in _PCT_CN.finditer(text):
        value = parse_number(m.group("num"))
        if value is None or not free(m.start(), m.end()):
            continue
        if m.group("kind") == "千分之":
            value /= 10
        hits.append(Percent(value, m.start(), m.end(), m.group(0)))
    return sorted(hits, key=lambda h: h.start)


def parse_percent(text: str) -> float | None:
    """The first percentage in ``text`` (2.0 for 2%), else None."""
    hits = find_percents(text)
    return hits[0].value if hits else None


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateHit:
    """A calendar date (optionally with a time of day) found at ``text[start:end]``."""

    value: date
    start: int
    end: int
    text: str
    hour: int | None = None
    minute: int | None = None


_CN_DIGIT_CLASS = "".join(k for k in CN_DIGITS if k not in "两兩")
_TIME = r"(?:\s*(?P<ampm>上午|下午|晚上|早上)?\s*(?P<h>\d{1,2})\s*(?:[:：]|时|点)\s*(?P<mi>\d{1,2})?\s*分?)?"
_DATE_PATTERNS = (
    re.compile(rf"(?P<y>\d{{4}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]{_TIME}"),
    re.compile(rf"(?<![\d.])(?P<y>\d{{4}})\s*(?P<sep>[-/.．])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?![\d.])"
               rf"(?:日)?{_TIME}"),
    re.compile(rf"(?P<y>[{_CN_DIGIT_CLASS}]{{4}})\s*年\s*(?P<m>[一二三四五六七八九十]{{1,3}})\s*月\s*"
               rf"(?P<d>[一二三四五六七八九十]{{1,3}})\s*[日号]{_TIME}"),
)


def find_dates(text: str) -> list[DateHit]:
    """Every date: 2026年5月6日, 2026-05-06, 2026/5/6, 2026.05.06, 二〇二六年五月六日 (+ 09:30 / 9时30分).

    Blank form dates (____年__月__日) and impossible dates (2月30日) are skipped.
    """
    hits: list[DateHit] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            try:
                y, mo, d = (int(_num(m.group(g))) for g in ("y", "m", "d"))
                value = date(y, mo, d)
            except ValueError:
                continue
            hour = minute = None
            end = m.end()
            if m.group("h") is not None:
                hour = int(m.group("h"))
                minute = int(m.group("mi")) if m.group("mi") else 0
                if m.group("ampm") in ("下午", "晚上") and hour < 12:
                    hour += 12
                if hour > 23 or minute > 59:
                    hour = minute = None
                    end = m.start("h") if m.group("ampm") is None else m.start("ampm")
                    end = len(text[:end].rstrip())
            hits.append(DateHit(value, m.start(), end, text[m.start():end], hour, minute))
    return sorted(hits, key=lambda h: h.start)


def parse_date(text: str) -> date | None:
    """The first date in ``text``, else None."""
    hits = find_dates(text)
    return hits[0].value if hits else None


def working_days(first: date, last: date) -> int:
    """Monday–Friday days from ``first`` to ``last`` inclusive (public holidays are NOT known:
    the count is an upper bound of the real working days)."""
    if last < first:
        return 0
    n = 0
    day = first
    while day <= last:
        if day.weekday() < 5:
            n += 1
        day += timedelta(days=1)
    return n


# ---------------------------------------------------------------- durations

DURATION_UNITS: dict[str, str] = {
    "工作日": "workday", "个工作日": "workday", "日历日": "day", "自然日": "day", "日": "day", "天": "day",
    "个日历日": "day", "个自然日": "day", "周": "week", "个星期": "week", "星期": "week",
    "个月": "month", "月": "month", "年": "year", "个小时": "hour", "小时": "hour",
}
UNIT_ZH: dict[str, str] = {"workday": "个工作日", "day": "日", "week": "周", "month": "个月", "year": "年",
                           "hour": "小时"}


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time (``value`` in ``unit``: workday/day/week/month/year/hour) at ``text[start:end]``."""

    value: float
    unit: str
    start: int
    end: int
    text: str

    def min_days(self) -> float:
        """The shortest calendar span this can be: n working days ≥ n + 2 weekend days per full week."""
        n = self.value
        if self.unit == "workday":
            whole = int(n)
            return whole + 2 * ((whole - 1) // 5) if whole > 0 else n
        return n * {"day": 1, "week": 7, "month": 28, "year": 365, "hour": 1 / 24}[self.unit]

    def max_days(self) -> float:
        """The longest calendar span this can be (working days: plus weekends and a week of holidays)."""
        n = self.value
        if self.unit == "workday":
            return n * 7 / 5 + 8
        return n * {"day": 1, "week": 7, "month": 31, "year": 366, "hour": 1 / 24}[self.unit]

    def describe(self) -> str:
        return f"{_trim(self.value)}{UNIT_ZH[self.unit]}"


_DURATION = re.compile(
    rf"(?P<num>\d+(?:[.．]\d+)?|{_CN_NUM})\s*(?P<unit>个工作日|工作日|个日历日|个自然日|日历日|自然日|个月|个星期|星期|"
    rf"个小时|小时|日|天|周|年|月)"
)


def find_durations(text: str) -> list[Duration]:
    """Every duration: 20个工作日, 五日, 三十天, 3个月, 两年, 48小时.

    Parts of dates (2026年5月6日), years (2018年) and months without 个 (3月 = March) are not durations.
    """
    dates = find_dates(text)
    year_like = [(m.start(), m.end()) for m in re.finditer(
        r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?|[〇零一二三四五六七八九]{4}年|月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]",
        text)]
    blocked = [(d.start, d.end) for d in dates] + year_like
    hits: list[Duration] = []
    for m in _DURATION.finditer(text):
        s, e = m.start(), m.end()
        if any(bs < e and s < be for bs, be in blocked):
            continue
        unit_text = m.group("unit")
        if unit_text == "月":  # 3月 is a month of the year, not three months
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if unit_text == "年" and value >= 1900:
            continue
        hits.append(Duration(value, DURATION_UNITS[unit_text], s, e, m.group(0)))
    return hits


def parse_duration(text: str) -> Duration | None:
    """The first duration in ``text``, else None."""
    hits = find_durations(text)
    return hits[0] if hits else None
