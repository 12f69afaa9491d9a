"""Document-level checks (numeric and cross-sentence), referenced from YAML by ``check: NAME``.

Each check is one function ``(ctx: CheckContext) -> Iterable[CheckHit]`` registered in ``CHECKS``.
A check reads the NORMALIZED sentences of the whole document (``ctx.sentences[i].norm``), finds the
numbers it needs with ``numbers.py``, compares them with the thresholds in ``ctx.params`` and points
each hit at the number it judged; ``CheckHit.details`` quotes the numbers compared.

The catch, and the house rule: a needed number that cannot be found (no 预算金额, a blank form
date ``__年_月_日``) means SILENCE, never a guess. Where two readings are possible the checks take
the one that makes a finding less likely (e.g. the largest budget of a multi-lot tender), so what
they report holds whichever reading is right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from .match import CheckContext, CheckHit
from .model import Sentence
from .numbers import (
    Amount,
    DateHit,
    Percent,
    find_amounts,
    find_dates,
    find_durations,
    find_percents,
    format_yuan,
    working_days,
)

CheckFn = Callable[[CheckContext], Iterable[CheckHit]]

# ---------------------------------------------------------------- shared helpers

LOOKAHEAD = 2  # sentences after a bare label ("投标保证金金额：" in one table cell) that may hold its value
# words between a label and its number that turn the number into something else (a threshold, a rule)
_FILLER_STOP = re.compile(r"在|以下|以上|以内|超过|不超|不得|不高于|不低于|低于|高于|达到|少于|多于|之间|每[年月]|累计|合同|业绩|%")
_AFTER_STOP = re.compile(r"^\s*(以上|以下|以内|及以上|及以下|\(含\)以[上下]|的项目|的采购项目|以上的|以下的)")
_HEADING_END = re.compile(r"[:：]\s*$")


def _pct(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{s}%"


def _section(ctx: CheckContext, i: int) -> str | None:
    return ctx.document.blocks[ctx.sentences[i].block_index].location.section_kind


def _doc_norm(ctx: CheckContext) -> str:
    return "\n".join(s.norm for s in ctx.sentences)


def _unchecked_option(norm: str) -> bool:
    """A template option left unticked (□…) states nothing."""
    return norm.lstrip().startswith(("□", "☐"))


def _last_match(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(text):  # noqa: B007 - we want the last one
        pass
    return found


@dataclass(frozen=True)
class Labelled:
    """A value found for a label: where (sentence, span) and what."""

    sentence_index: int
    start: int
    end: int
    value: float
    text: str


_LOT_GAP = re.compile(r"^[\s,，、;；()（）:：为各均每第包标段号个整大写小写人民币¥￥一二三四五六七八九十\dA-Za-z.]{0,14}$")
_BARE = re.compile(r"\d+(?:\.\d+)?")


def _amount_after(norm: str, pos: int, max_gap: int, unit_yuan: float | None = None) -> list[Amount]:
    """Amounts after ``pos`` that belong to the label ending there: the first within ``max_gap``
    characters of neutral filler, then more only when separated by lot markers (第一包1万元，第二包2万元).
    ``unit_yuan`` reads bare numbers after a label that carries its unit ("预算金额(万元)" | "82.5")."""
    found = find_amounts(norm[pos:])
    if not found and unit_yuan is not None:
        m = _BARE.search(norm[pos:pos + max_gap])
        if m:
            found = [Amount(float(m.group(0)) * unit_yuan, m.start(), m.end(), m.group(0))]
    out: list[Amount] = []
    prev_end = pos
    for a in found:
        s, e = pos + a.start, pos + a.end
        gap = norm[prev_end:s]
        if not out:
            if s - pos > max_gap or _FILLER_STOP.search(gap):
                break
        elif not _LOT_GAP.search(gap):
            break
        if _AFTER_STOP.search(norm[e:e + 8]):
            break
        out.append(Amount(a.yuan, s, e, a.text))
        prev_end = e
    return out


def labelled_amounts(ctx: CheckContext, label: re.Pattern[str], max_gap: int = 24,
                     skip: re.Pattern[str] | None = None) -> list[Labelled]:
    """Sums of money written right after ``label`` (same sentence, or the next sentence or two when
    the label stands alone as a heading / table cell: "投标保证金金额：" | "贰万元整")."""
    out: list[Labelled] = []
    sents = ctx.sentences
    for i, sent in enumerate(sents):
        norm = sent.norm
        if _unchecked_option(norm) or (skip is not None and skip.search(norm)):
            continue
        for m in label.finditer(norm):
            unit = 1e4 if "(万元)" in m.group(0) else (1.0 if "(元)" in m.group(0) else None)
            found = _amount_after(norm, m.end(), max_gap, unit)
            if not found and (len(norm) - m.end() <= 6 or _HEADING_END.search(norm)):
                for j in range(i + 1, min(i + 1 + LOOKAHEAD, len(sents))):
                    nxt = sents[j].norm
                    found_next = _amount_after(nxt, 0, 16, unit)
                    if found_next:
                        out.extend(Labelled(j, a.start, a.end, a.yuan, a.text) for a in found_next)
                        break
                    if label.search(nxt):
                        break
            out.extend(Labelled(i, a.start, a.end, a.yuan, a.text) for a in found)
            if found:
                break
    return out


def labelled_percents(ctx: CheckContext, label: re.Pattern[str], base: re.Pattern[str],
                      window: int = 40) -> list[tuple[int, Percent, str]]:
    """(sentence, percent, base word) for "LABEL … BASE的X%" (投标保证金为采购预算的3%)."""
    out: list[tuple[int, Percent, str]] = []
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if _unchecked_option(norm):
            continue
        m = label.search(norm)
        if not m:
            continue
        tail = norm[m.end():m.end() + window]
        for p in find_percents(tail):
            head = tail[:p.start]
            b = _last_match(base, head)
            if b is None or len(head) - b.end() > 6 or re.search(r"[;。]", head):
                continue
            if _AFTER_STOP.search(tail[p.end:p.end + 6]) and "不" not in head[-8:]:
                continue
            out.append((i, Percent(p.value, m.end() + p.start, m.end() + p.end, p.text), b.group(0)))
            break
    return out


_METHOD_OF = {"竞争性磋商": "磋商", "竞争性谈判": "谈判", "询价": "询价", "单一来源": "单一来源", "公开招标": "招标", "邀请招标": "招标"}
_METHOD_STATED = re.compile(r"(?:采购|招标)方式(?:为|是|:|采用|采取)*(竞争性磋商|竞争性谈判|询价|单一来源|公开招标|邀请招标)")


def procurement_method(ctx: CheckContext) -> str:
    """招标 / 磋商 / 谈判 / 询价 / 单一来源, by the most frequent method word; 招标 by default."""
    text = _doc_norm(ctx)
    stated = _METHOD_STATED.search(text)
    if stated:
        return _METHOD_OF[stated.group(1)]
    head = "".join(s.norm for s in ctx.sentences[:40])
    for title, method in (("竞争性磋商文件", "磋商"), ("竞争性谈判文件", "谈判"), ("询价通知书", "询价"), ("单一来源采购文件", "单一来源")):
        if title in head:
            return method
    counts = {
        "磋商": text.count("磋商"),
        "谈判": text.count("竞争性谈判") + text.count("谈判文件"),
        "询价": text.count("询价通知书") + text.count("询价采购"),
        "单一来源": text.count("单一来源"),
        "招标": text.count("招标文件") + text.count("公开招标") + text.count("邀请招标"),
    }
    best = max(counts, key=lambda k: counts[k])
    if counts[best] >= 3 and counts[best] > counts["招标"]:
        return best
    return _method_of_excerpt(text) if counts["招标"] == 0 else "招标"


# document names that only one method uses; decide a short excerpt (an announcement) that never says 招标文件
_EXCERPT_CUES = (("首次响应文件", "磋商"), ("磋商文件", "磋商"), ("竞争性磋商", "磋商"), ("谈判文件", "谈判"),
                 ("询价通知书", "询价"), ("单一来源", "单一来源"))


def _method_of_excerpt(text: str) -> str:
    return next((method for cue, method in _EXCERPT_CUES if cue in text), "招标")


_TYPE_CUE = re.compile(r"(?:(?:采购)?项目|采购标的|采购品目|品目)(?:类型|类别|属性|分类)[:：为是]{1,2}(货物|服务|工程)"
                       r"|(?:本项目|本次采购|本采购项目|本包)(?:为|是|属于)(货物|服务|工程)(?:类|采购|项目)")


def project_type(ctx: CheckContext) -> str | None:
    """"货物", "服务" or "工程" when the document states it (采购项目类型：货物 / 货物类), else None."""
    text = _doc_norm(ctx)
    votes = {"货物": 0, "服务": 0, "工程": 0}
    for m in _TYPE_CUE.finditer(text):
        votes[m.group(1) or m.group(2)] += 1
    best = max(votes, key=lambda k: votes[k])
    ranked = sorted(votes.values(), reverse=True)
    return best if ranked[0] > 0 and ranked[0] > ranked[1] else None


# ---------------------------------------------------------------- 投标保证金 vs 预算 / 估算价

BID_BOND = re.compile(r"(?:投标|响应|磋商|谈判|报价)保证金(?:的)?(?:金额|数额|额度)?(?:为|是)?")
BUDGET = re.compile(r"(?:项目|采购|本包|包|标段)?(?:预算金额|预算资金|预算总金额|预算总额|预算价|采购预算|项目预算|预算)(?:\((?:万元|元)\))?")
CEILING = re.compile(r"最高限价|最高投标限价|投标最高限价|招标控制价|最高控制价|拦标价|控制价")
ESTIMATE = re.compile(r"估算价|估算金额|投资估算|合同估算价|估算总价")
BOND_BASE = re.compile(r"预算金额|采购预算|项目预算|预算|估算价|最高限价|最高投标限价|控制价|投标总价|投标报价|报价|合同金额")


def _bases(ctx: CheckContext, kinds: tuple[str, ...]) -> tuple[str, float] | None:
    """(name, value) of the comparison base: the first kind found, its LARGEST value (multi-lot)."""
    table = {"预算金额": BUDGET, "最高限价": CEILING, "估算价": ESTIMATE}
    for kind in kinds:
        values = [v.value for v in labelled_amounts(ctx, table[kind]) if v.value > 0]
        if values:
            return kind, max(values)
    return None


def bid_bond_ratio(ctx: CheckContext) -> Iterator[CheckHit]:
    """投标保证金 ≤ max_ratio of the budget (GP: 预算金额, else 最高限价; CB: 估算价, else 最高投标限价),
    and ≤ cap_yuan (CB 80万). Stated as a percentage ("为预算的3%") it is compared directly."""
    p = ctx.params
    raw_ratio = p.get("max_ratio", 0.02)
    max_ratio = float(raw_ratio) if raw_ratio is not None else None
    kinds = tuple(p.get("bases", ["估算价", "最高限价"] if ctx.regime == "cb" else ["预算金额", "最高限价"]))
    cap = p.get("cap_yuan")
    if p.get("only_if_missing") and _bases(ctx, tuple(p["only_if_missing"])) is not None:
        return
    bonds = [b for b in labelled_amounts(ctx, BID_BOND) if b.value > 0]
    base = _bases(ctx, kinds)
    for b in bonds:
        if base is not None and max_ratio is not None:
            name, value = base
            ratio = b.value / value
            if b.value > value * max_ratio * (1 + 1e-9) + 0.5:
                missing = p.get("only_if_missing") or ([kinds[0]] if name != kinds[0] else [])
                note = f"（未找到{'、'.join(missing)}，按{name}比较）" if missing else ""
                yield CheckHit(b.sentence_index, b.start, b.end,
                               f"投标保证金 {format_yuan(b.value)} = {name} {format_yuan(value)}的 {_pct(ratio * 100)}，"
                               f"超过 {_pct(max_ratio * 100)}{note}")
                continue
        if cap is not None and b.value > float(cap) + 0.5:
            yield CheckHit(b.sentence_index, b.start, b.end,
                           f"投标保证金 {format_yuan(b.value)}，超过 {format_yuan(float(cap))} 的上限")
    for i, pct, base_word in labelled_percents(ctx, BID_BOND, BOND_BASE) if max_ratio is not None else ():
        if pct.value > max_ratio * 100 + 1e-9:
            yield CheckHit(i, pct.start, pct.end,
                           f"投标保证金为{base_word}的 {_pct(pct.value)}，超过 {_pct(max_ratio * 100)}")


# ---------------------------------------------------------------- 履约保证金 / 质量保证金

PERF_BOND = re.compile(r"履约(?:保证金|担保|保函)(?:的)?(?:金额|数额|比例)?")
QUALITY_BOND = re.compile(r"(?:工程)?质量保证金|质保金|质量保修金|保修金")
CONTRACT_BASE = re.compile(r"合同(?:总)?(?:金额|价款|价格|总价|价)|中标(?:合同)?(?:金额|价|价格|总价)|成交(?:金额|价)|结算(?:总)?(?:金额|价款|价|总额)|工程价款(?:结算总额)?|签约合同价|合同额|总价")


def _pct_near(norm: str, label: re.Pattern[str], base: re.Pattern[str], window: int) -> Iterator[tuple[Percent, str]]:
    """Percentages of ``base`` in the same sentence as ``label`` (before or after it: "扣留结算价款的5%作为质量保证金")."""
    if not label.search(norm):
        return
    for p in find_percents(norm):
        head = norm[max(0, p.start - window):p.start]
        bm = _last_match(base, head)
        if bm is None or len(head) - bm.end() > 8:
            continue
        if _AFTER_STOP.search(norm[p.end:p.end + 6]) or re.search(r"(不超过|不得超过|不高于|最高不超过|上限)[^。;]{0,12}$", head):
            continue
        yield p, bm.group(0)


def deposit_percent_cap(ctx: CheckContext) -> Iterator[CheckHit]:
    """A deposit stated as a percentage of the contract / settlement price above ``max_percent``.

    params: deposit: perf | quality; max_percent (10 for 履约保证金, 3 for 质量保证金)."""
    p = ctx.params
    label = QUALITY_BOND if p.get("deposit") == "quality" else PERF_BOND
    name = "质量保证金" if p.get("deposit") == "quality" else "履约保证金"
    limit = float(p.get("max_percent", 10))
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if _unchecked_option(norm):
            continue
        found = [(pct, f"{base}的") for pct, base in _pct_near(norm, label, CONTRACT_BASE, 20) if _belongs_to(norm, label, pct)]
        found += [(pct, "") for pct in _attached_pcts(norm, label) if all(pct.start != f.start for f, _ in found)]
        for pct, of in sorted(found, key=lambda x: x[0].start):
            if pct.value > limit + 1e-9:
                yield CheckHit(i, pct.start, pct.end, f"{name}为{of} {_pct(pct.value)}，超过 {_pct(limit)}")
                break


_ATTACH_BEFORE = re.compile(r"^(?:的|作为|作)?$")          # 5%质保金 | 5%的质量保证金 | 5%作为质量保证金
_ATTACH_AFTER = re.compile(r"^(?:为|是|:|按|比例|比例为|预留比例为|预留|扣留|暂扣)?$")  # 质保金为5% | 质量保证金按5%预留
_PAYOUT = re.compile(r"(?:付|支付|退还|返还|退|返|剩余|余下|其余)[^。;,]{0,2}$")
_CUMULATIVE = re.compile(r"直至|直到|累计|扣至|扣满|为止")  # "每期扣留进度款的10%，直至达到结算价的3%"


def _attached_pcts(norm: str, label: re.Pattern[str]) -> list[Percent]:
    """Percentages written right next to the deposit word without a base ("付5%质保金", "预留5%的
    质量保修金", "质保金为5%"): the base is then the contract / settlement price. Only values below
    50% — "支付50%的质保金" is an instalment of the deposit, not its rate — and "…的" after a
    payment verb ("退还30%的质保金") is read as an instalment as well. A sentence with a cumulative
    cap ("每期扣留10%…直至达到结算价的3%") states a withholding rate, not the deposit: not read."""
    out: list[Percent] = []
    if _CUMULATIVE.search(norm):
        return out
    labels = list(label.finditer(norm))
    for p in find_percents(norm):
        if p.value >= 50 or re.search(r"(不超过|不得超过|不高于|最高不超过|上限)[^。;]{0,6}$", norm[max(0, p.start - 12):p.start]):
            continue
        for m in labels:
            if m.start() >= p.end and _ATTACH_BEFORE.match(norm[p.end:m.start()]):
                if "的" in norm[p.end:m.start()] and _PAYOUT.search(norm[max(0, p.start - 6):p.start]):
                    continue
                out.append(p)
                break
            if m.end() <= p.start and _ATTACH_AFTER.match(norm[m.end():p.start]):
                out.append(p)
                break
    return out


def _belongs_to(norm: str, label: re.Pattern[str], pct: Percent) -> bool:
    """Whether a percentage belongs to the deposit named by ``label``: the label comes shortly before
    it in the same clause, or right after it ("5%作为质量保证金"), with no payment word in between."""
    for m in label.finditer(norm):
        if m.end() <= pct.start:
            between = norm[m.end():pct.start]
            if len(between) <= 30 and not re.search(r"[;。]|支付|付款|预付|进度款", between):
                return True
        elif m.start() >= pct.end:
            between = norm[pct.end:m.start()]
            if len(between) <= 10 and not re.search(r"[,;。]|支付|付款|预付|进度款", between):
                return True
    return False


def perf_bond_vs_budget(ctx: CheckContext) -> Iterator[CheckHit]:
    """履约保证金 stated as a sum: more than ``max_ratio`` of the budget is more than that share of any
    contract awarded within the budget (the contract price cannot exceed the budget)."""
    max_ratio = float(ctx.params.get("max_ratio", 0.10))
    base = _bases(ctx, tuple(ctx.params.get("bases", ["预算金额", "最高限价"])))
    if base is None:
        return
    name, value = base
    for b in labelled_amounts(ctx, PERF_BOND):
        if b.value > value * max_ratio * (1 + 1e-9) + 0.5:
            yield CheckHit(b.sentence_index, b.start, b.end,
                           f"履约保证金 {format_yuan(b.value)} = {name} {format_yuan(value)}的 {_pct(b.value / value * 100)}，"
                           f"合同金额不超过{name}，故超过合同金额的 {_pct(max_ratio * 100)}")


# ---------------------------------------------------------------- 等标期 / 发售期 / 澄清 / 异议

GET_DOCS = re.compile(r"(?:获取|领取|购买|发售|提供|下载)(?:招标|采购|磋商|谈判|询价|资格预审)?(?:文件|标书)(?:的)?(?:时间|期限|日期|期间|发售期|发售时间)?"
                      r"|(?:招标|采购|磋商|谈判|资格预审)文件(?:的)?(?:获取|发售|提供|领取)(?:时间|期限|期)?")
DEADLINE = re.compile(r"(?:投标|响应|磋商响应|报价|首次响应)文件(?:的)?(?:提交|递交|上传)?(?:的)?截止(?:时间|日期)"
                      r"|(?:提交|递交|上传)(?:投标|响应|磋商响应|报价|首次响应)?文件(?:的)?截止(?:时间|日期)"
                      r"|投标截止(?:时间|日期)?|响应截止(?:时间|日期)?|递交截止(?:时间|日期)?|开标(?:时间|日期)")
# a 截止时间 of something else right before the label: 澄清/疑问 requests, 保证金 arrival, obtaining documents
_NOT_DEADLINE = re.compile(r"澄清|疑问|异议|答疑|质疑|保证金|获取|下载")
_RANGE_SEP = re.compile(r"^\s*(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)?\s*(?:起)?\s*(?:至|到|-|—|~|～)\s*$")


def _dates_for(ctx: CheckContext, label: re.Pattern[str],
               not_before: re.Pattern[str] | None = None) -> list[tuple[int, list[DateHit]]]:
    """Dates written after ``label`` (same sentence, else the next sentence(s) after a bare label).
    A label match whose preceding 16 characters contain ``not_before`` is skipped (it names the
    deadline of something else: "投标人要求澄清招标文件的截止时间")."""
    out: list[tuple[int, list[DateHit]]] = []
    sents = ctx.sentences
    for i, sent in enumerate(sents):
        norm = sent.norm
        if _unchecked_option(norm):
            continue
        m = next((x for x in label.finditer(norm)
                  if not_before is None or not not_before.search(norm[max(0, x.start() - 16):x.start()])), None)
        if not m:
            continue
        dates = [d for d in find_dates(norm) if d.start >= m.start()]
        dates = [DateHit(d.value, d.start, d.end, d.text, d.hour, d.minute) for d in dates]
        if dates and dates[0].start - m.end() <= 30:
            out.append((i, dates))
            continue
        if not dates and len(norm) - m.end() <= 8:
            for j in range(i + 1, min(i + 1 + LOOKAHEAD, len(sents))):
                nd = find_dates(sents[j].norm)
                if nd and nd[0].start <= 12:
                    out.append((j, nd))
                    break
    return out


_YEARLESS_END = re.compile(r"\s*(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)?\s*(?:起)?\s*(?:至|到|-|—|~|～)\s*"
                           r"(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]")


def _yearless_end(norm: str, first: DateHit) -> DateHit | None:
    """The end of "2025年6月9日至6月11日" / "…至11日": a date without a year (and maybe without a month)
    takes them from the start date; a month before the start's rolls into the next year."""
    m = _YEARLESS_END.match(norm, first.end)
    if m is None:
        return None
    month = int(m.group("m")) if m.group("m") else first.value.month
    try:
        value = date(first.value.year, month, int(m.group("d")))
        if value < first.value:
            value = date(first.value.year + 1, month, int(m.group("d"))) if m.group("m") else None
    except ValueError:
        return None
    if value is None:
        return None
    start = m.start("m") if m.group("m") else m.start("d")
    return DateHit(value, start, m.end(), norm[start:m.end()])


def _doc_period(ctx: CheckContext) -> tuple[int, DateHit, DateHit | None] | None:
    """(sentence, first day, last day) of the 获取文件 period; last day None when only a start is given."""
    for i, dates in _dates_for(ctx, GET_DOCS):
        first = dates[0]
        norm = ctx.sentences[i].norm
        if len(dates) >= 2:
            sep = norm[first.end:dates[1].start]
            if _RANGE_SEP.search(sep) and dates[1].value >= first.value:
                return i, first, dates[1]
        last = _yearless_end(norm, first)
        return i, first, last
    return None


def _deadline(ctx: CheckContext) -> tuple[int, DateHit] | None:
    for i, dates in _dates_for(ctx, DEADLINE, _NOT_DEADLINE):
        return i, dates[0]
    return None


_RELATIVE_DEADLINE = re.compile(r"自[^。;]{0,16}?(?:发出|发售|提供|获取|发布)之日起(?:的)?(?:第)?")


def _relative_deadline(ctx: CheckContext, need: int) -> Iterator[CheckHit]:
    """"投标截止时间：自招标文件开始发出之日起第十五日" — a deadline counted in calendar days from the
    first day documents are issued (working days are not judged)."""
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        label = DEADLINE.search(norm)
        if label is None or _unchecked_option(norm):
            continue
        m = _RELATIVE_DEADLINE.search(norm, label.end())
        if m is None or m.start() - label.end() > 6:
            continue
        durs = find_durations(norm[m.end():m.end() + 8])
        if not durs or durs[0].start != 0 or durs[0].unit != "day":
            continue
        d = durs[0]
        if d.value < need:
            yield CheckHit(i, m.end(), m.end() + d.end,
                           f"投标截止时间为文件发出之日起{d.describe()}，少于 {need} 日")
        return


def tender_period(ctx: CheckContext) -> Iterator[CheckHit]:
    """等标期: from the first day documents can be obtained to the submission deadline ≥ min_days
    (招标 20; 磋商 10 via ``consult_min_days``). 谈判/询价/单一来源 are not judged (working days)."""
    method = procurement_method(ctx)
    p = ctx.params
    if method == "磋商":
        need = int(p.get("consult_min_days", 10))
    elif method == "招标":
        need = int(p.get("min_days", 20))
    else:
        return
    relative = list(_relative_deadline(ctx, need))
    yield from relative
    period, deadline = _doc_period(ctx), _deadline(ctx)
    if relative or period is None or deadline is None:
        return
    _, first, _ = period
    di, dl = deadline
    days = (dl.value - first.value).days
    if 0 <= days < need:
        yield CheckHit(di, dl.start, dl.end,
                       f"获取{'磋商' if method == '磋商' else '招标'}文件开始 {first.value.isoformat()} 至提交截止 "
                       f"{dl.value.isoformat()} 仅 {days} 日，少于 {need} 日")


def doc_sale_period(ctx: CheckContext) -> Iterator[CheckHit]:
    """获取/发售期 ≥ 5 个工作日 (GP, ``unit: workday``) or ≥ 5 日 (CB, ``unit: day``), from the stated
    date range or a stated duration ("获取招标文件期限：3个工作日")."""
    need = int(ctx.params.get("min", 5))
    unit = ctx.params.get("unit", "workday")
    period = _doc_period(ctx)
    if period is not None and period[2] is not None:
        i, first, last = period
        if unit == "workday":
            n = working_days(first.value, last.value)
            label = "个工作日（按周一至周五计，未扣除法定节假日）"
        else:
            n = (last.value - first.value).days + 1
            label = "日"
        if n < need:
            yield CheckHit(i, first.start, last.end,
                           f"文件获取期 {first.value.isoformat()} 至 {last.value.isoformat()} 共 {n} {label}，少于 {need} "
                           f"{'个工作日' if unit == 'workday' else '日'}")
        return
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        m = GET_DOCS.search(norm)
        if not m or _unchecked_option(norm):
            continue
        for d in find_durations(norm[m.end():m.end() + 30]):
            head = norm[m.end():m.end() + d.start]
            if re.search(r"截止|开标|后|内(?:退还|答复)|质疑", head):
                break
            short = d.value < need if d.unit == unit else (d.unit == "day" and unit == "workday" and d.value < need) or \
                (d.unit == "workday" and unit == "day" and d.max_days() < need)
            if short and d.unit in ("day", "workday"):
                yield CheckHit(i, m.end() + d.start, m.end() + d.end,
                               f"文件获取期 {d.describe()}，少于 {need}{'个工作日' if unit == 'workday' else '日'}")
            break


_BEFORE_DUR = re.compile(r"(?P<dur>(?:\d+|[一二三四五六七八九十两]+)\s*(?:个工作日|工作日|日|天))(?:以)?前")
CLARIFY = re.compile(r"澄清|修改")
_BIDDER_ASKS = re.compile(r"(?:投标人|供应商|潜在投标人|申请人)[^。;]{0,20}(?:要求|提出|申请|提交|递交)[^。;]{0,8}(?:澄清|疑问|问题)"
                          r"|(?:提出|提交|递交)[^。;]{0,6}(?:澄清|疑问)(?:要求|申请|问题)?|(?:疑问|问题)[^。;]{0,10}(?:提出|提交)")


def clarify_period(ctx: CheckContext) -> Iterator[CheckHit]:
    """澄清或者修改 issued at least N days before the deadline: 15 (招标), 3 (资格预审), 5 (磋商)."""
    method = procurement_method(ctx)
    if method in ("谈判", "询价", "单一来源"):
        return
    p = ctx.params
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if not CLARIFY.search(norm) or "截止" not in norm or re.search(r"异议|质疑|询问|投诉", norm):
            continue
        if _BIDDER_ASKS.search(norm) or _unchecked_option(norm):
            continue
        for m in _BEFORE_DUR.finditer(norm):
            d = find_durations(m.group("dur"))
            if not d:
                continue
            dur = d[0]
            prequal = "资格预审" in norm[max(0, m.start() - 40):m.start()]
            need = int(p.get("prequal_min_days", 3)) if prequal else (
                int(p.get("consult_min_days", 5)) if method == "磋商" else int(p.get("min_days", 15)))
            if dur.unit in ("day", "workday") and dur.max_days() < need and not re.search(r"不足|少于|顺延|推迟|延长", norm[m.end():m.end() + 4]):
                yield CheckHit(i, m.start(), m.end(),
                               f"澄清或者修改在截止时间 {dur.describe()}前发出，少于 {need} 日"
                               f"{'（资格预审）' if prequal else ''}")
                break


OBJECTION = re.compile(r"异议")


def objection_period(ctx: CheckContext) -> Iterator[CheckHit]:
    """CB 异议: on 招标文件 at the latest 10日前 the deadline (a tender may not demand it earlier),
    on 资格预审文件 2日前; the 招标人 answers within 3 日 (条例22)."""
    p = ctx.params
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if not OBJECTION.search(norm) or _unchecked_option(norm):
            continue
        for m in _BEFORE_DUR.finditer(norm):
            d = find_durations(m.group("dur"))
            if not d or "截止" not in norm[max(0, m.start() - 30):m.start()]:
                continue
            prequal = "资格预审" in norm[max(0, m.start() - 40):m.start()]
            limit = int(p.get("prequal_max_days", 2)) if prequal else int(p.get("max_days", 10))
            if d[0].min_days() > limit:
                yield CheckHit(i, m.start(), m.end(),
                               f"要求在截止时间 {d[0].describe()}前提出异议，早于法定的 {limit} 日前，缩短了异议期")
                break
        if re.search(r"发包人|承包人|甲方|乙方", norm):
            continue
        reply = re.search(r"(?:收到|接到|受理)异议(?:之日|后)?(?:起)?(?P<dur>[^。;,]{0,4}?(?:\d+|[一二三四五六七八九十]+)\s*(?:个工作日|工作日|日|天))内[^。;]{0,6}答复", norm)
        if reply:
            d = find_durations(reply.group("dur"))
            if d and d[0].min_days() > int(p.get("reply_max_days", 3)):
                yield CheckHit(i, reply.start("dur"), reply.end("dur"),
                               f"异议答复期限 {d[0].describe()}，超过法定的 {p.get('reply_max_days', 3)} 日")


# ---------------------------------------------------------------- 价格分权重

PRICE_POINTS = re.compile(
    r"(?:价格|投标报价|报价|磋商报价|响应报价)(?:部分|分值|分|评分|得分|因素|项)?(?:满分|分值|总分)?(?:为|占|是|:)?\(?(?P<n>\d+(?:\.\d+)?)分\)?")
PRICE_SHARE = re.compile(
    r"(?:价格|报价)(?:分|分值|因素)?(?:的)?(?:权重|权值|比重|占比|所占比重|占总分值的比重|占总分的比重|占总分值比重)(?:为|是|:)?(?P<n>\d+(?:\.\d+)?)%")
TOTAL_POINTS = re.compile(r"(?:总分|满分|合计|总计)(?:为|是|:)?\(?(?P<n>\d+)分")
_PRICE_NOT = re.compile(r"合理性|扣除|=|×|\*|偏离|得分最高|最低得|每[高低]|[高低]于")
# a scoring table with the label and its points in separate cells ("价格分" | "8"), and the
# low-price-first formula whose multiplier is the price weight ("(评标基准价/投标报价)×8")
PRICE_LABEL = re.compile(r"(?:价格|投标报价|报价|磋商报价|响应报价)(?:部分|分值|分|评分|得分|因素|项)?")
BARE_POINTS = re.compile(r"(?P<n>\d+(?:\.\d+)?)分?")
PRICE_FORMULA = re.compile(r"基准价\)?/\(?(?:投标|磋商|最终|响应|评标|最终磋商)?报价\)?×(?P<n>\d+(?:\.\d+)?)(?![\d.%×])")


def price_weight(ctx: CheckContext) -> Iterator[CheckHit]:
    """GP 综合评分法: price points / total ≥ 30% (货物) or 10% (服务); 磋商 caps 60% / 30%.

    The project type comes from the document (采购项目类型：货物 …); when it is not stated only
    the lowest floor (10%) and the highest cap (60%) are applied, which hold for every type."""
    ptype = project_type(ctx)
    method = procurement_method(ctx)
    p = ctx.params
    floors = {"货物": float(p.get("goods_min", 30)), "服务": float(p.get("services_min", 10))}
    caps = {"货物": float(p.get("consult_goods_max", 60)), "服务": float(p.get("consult_services_max", 30))}
    floor = floors.get(ptype or "", min(floors.values()))
    total = 100.0
    for sent in ctx.sentences:
        m = TOTAL_POINTS.search(sent.norm)
        if m and 50 <= float(m.group("n")) <= 200:
            total = float(m.group("n"))
            break
    reported: set[float] = set()
    sents = ctx.sentences
    for i in range(len(sents)):
        if _section(ctx, i) not in (None, "评分标准"):
            continue
        row_type, row_total = _composition_row(sents[i].norm)
        found = _price_share(sents, i, row_total or total)
        if found is None:
            continue
        hi, start, end, share = found
        if share <= 0 or round(share, 6) in reported:
            continue
        here = row_type or ptype
        here_floor = floors.get(here or "", floor)
        here_cap = (caps.get(here or "", max(caps.values())) if method == "磋商" else None)
        kind = f"{here}项目" if here else "项目（未识别货物/服务，按最宽松标准）"
        if share < here_floor - 1e-9:
            reported.add(round(share, 6))
            yield CheckHit(hi, start, end, f"价格分占总分 {_pct(share)}，{kind}不得低于 {_pct(here_floor)}")
        elif here_cap is not None and share > here_cap + 1e-9:
            reported.add(round(share, 6))
            yield CheckHit(hi, start, end, f"磋商{kind}价格分占总分 {_pct(share)}，超过 {_pct(here_cap)}")


_ROW_TYPE = re.compile(r"\((货物|服务)(?:类|项目|采购)?\)|(?:本项目|本次采购|本包|本采购包)(?:为|是|属于)(货物|服务)(?:类|采购|项目)")
_ROW_ITEM = re.compile(r"(?:^|[|,;、])\s*[一-龥]{2,8}?(?:部分|分值|分)?(?:为|:)?(?P<n>\d+(?:\.\d+)?)分\s*(?=$|[|,;、])")


def _composition_row(norm: str) -> tuple[str | None, float | None]:
    """A score-composition row ("评分构成(货物)|价格20分|技术50分|商务30分"): the project type it names
    and the total of its items (None unless ≥ 3 items with a price item add up to 100)."""
    t = _ROW_TYPE.search(norm)
    row_type = (t.group(1) or t.group(2)) if t else None
    items = list(_ROW_ITEM.finditer(norm))
    total = sum(float(m.group("n")) for m in items)
    if len(items) >= 3 and abs(total - 100) < 1e-9 and any(PRICE_LABEL.search(m.group(0)) for m in items):
        return row_type, total
    return row_type, None


def _price_share(sents: Sequence[Sentence], i: int, total: float) -> tuple[int, int, int, float] | None:
    """(sentence holding the number, span start, span end, share in %) for sentence i, or None.

    Read in this order: the multiplier of the low-price-first formula (×100 is the normalised
    form and says nothing), a bare price label whose points are alone in the next cell, a stated
    share ("价格权重30%"), points after the label ("价格分值为5分")."""
    norm = sents[i].norm
    f = PRICE_FORMULA.search(norm)
    if f is not None:
        n = float(f.group("n"))
        return (i, f.start("n"), f.end("n"), n / total * 100) if n != 100 else None
    if PRICE_LABEL.fullmatch(norm) and i + 1 < len(sents):
        b = BARE_POINTS.fullmatch(sents[i + 1].norm)
        if b is not None:
            return i + 1, b.start(), b.end(), float(b.group("n")) / total * 100
    if _PRICE_NOT.search(norm):
        return None
    m = PRICE_SHARE.search(norm)
    if m is not None:
        return i, m.start(), m.end(), float(m.group("n"))
    m = PRICE_POINTS.search(norm)
    if m is not None:
        return i, m.start(), m.end(), float(m.group("n")) / total * 100
    return None


# ---------------------------------------------------------------- 付款期限

PAY_TRIGGER = re.compile(r"验收合格|验收通过|终验|验收|收到[^。;,]{0,8}发票|开具[^。;,]{0,6}发票|发票|交付|交货|到货|竣工|结算|服务期满|考核")
PAY_VERB = re.compile(r"支付|付款|付清|拨付|结清|拨款|付至|支付至")
_PAY_EXCLUDE = re.compile(r"质保金|质量保证金|履约保证金|投标保证金|退还|违约金|滞纳金|逾期")


def payment_days(ctx: CheckContext) -> Iterator[CheckHit]:
    """Payment due more than ``max_days`` calendar days after 验收/发票/交付 (working days and months
    converted at their SHORTEST length, so the finding holds whatever the calendar)."""
    limit = float(ctx.params.get("max_days", 60))
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if not PAY_VERB.search(norm) or _PAY_EXCLUDE.search(norm) or _unchecked_option(norm):
            continue
        for t in PAY_TRIGGER.finditer(norm):
            tail = norm[t.end():t.end() + 24]
            durs = [d for d in find_durations(tail) if d.unit in ("day", "workday", "week", "month", "year")]
            if not durs:
                continue
            d = durs[0]
            gap = tail[:d.start]
            after = tail[d.end:d.end + 14]
            if len(gap) > 8 or re.search(r"[,;。]", gap) or not re.match(r"(?:以)?内|后|之内", after):
                continue
            if not PAY_VERB.search(after + norm[t.end() + 24:t.end() + 40]):
                continue
            if d.min_days() > limit:
                yield CheckHit(i, t.end() + d.start, t.end() + d.end,
                               f"{t.group(0)}后 {d.describe()}（至少 {int(d.min_days())} 日）才付款，超过 {int(limit)} 日")
                break


# ---------------------------------------------------------------- 合同签订期限

SIGN_DURATION = re.compile(
    r"(?:中标|成交)(?:通知书)?(?:发出|送达|下发|签发|领取|收到)?(?:之日)?(?:起|后)?(?P<tail>[^。;]{0,12}?)"
    r"(?P<dur>(?:\d+|[一二三四五六七八九十两]+)\s*(?:个工作日|工作日|日|天|个月))(?:以)?内[^。;]{0,24}?(?:签订|订立|签署|签)[^。;]{0,10}合同")


def contract_signing(ctx: CheckContext) -> Iterator[CheckHit]:
    """The contract is to be signed more than ``max_days`` after the award notice."""
    limit = float(ctx.params.get("max_days", 30))
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        m = SIGN_DURATION.search(norm)
        if not m or _unchecked_option(norm) or re.search(r"[,]", m.group("tail")):
            continue
        d = find_durations(m.group("dur"))
        if d and d[0].min_days() > limit:
            yield CheckHit(i, m.start("dur"), m.end("dur"),
                           f"中标通知书发出后 {d[0].describe()}内签订合同，超过 {int(limit)} 日")


# ---------------------------------------------------------------- 中小企业

SME_DEDUCT = re.compile(r"扣除")
SME_CUE = re.compile(r"小微|小型和微型|小型、微型|中小企业|监狱企业|残疾人福利性单位")
JOINT_CUE = re.compile(r"联合体|分包|大中型企业")


def _ranges(p: dict, works: bool, joint: bool) -> tuple[float, float]:
    key = ("works" if works else "goods") + ("_joint" if joint else "")
    defaults = {"goods": (10, 20), "works": (3, 5), "goods_joint": (4, 6), "works_joint": (1, 2)}
    lo, hi = p.get(key, defaults[key])
    return float(lo), float(hi)


def sme_price_deduction(ctx: CheckContext) -> Iterator[CheckHit]:
    """小微企业价格扣除 outside the ranges in force: 货物服务 10%–20% (联合体/分包 4%–6%),
    工程 3%–5% (1%–2%). When the project type is unknown a value is judged against both ranges."""
    ptype = project_type(ctx)
    p = ctx.params
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if not SME_DEDUCT.search(norm) or not SME_CUE.search(norm) or _unchecked_option(norm):
            continue
        for pct in find_percents(norm):
            near = norm[max(0, pct.start - 14):pct.end + 12]
            if "扣除" not in near or _AFTER_STOP.search(norm[pct.end:pct.end + 6]):
                continue
            if re.search(r"(占|达到|不低于|(?<!扣除)比例|份额)[^。;,]{0,16}$", norm[max(0, pct.start - 24):pct.start]):
                continue
            clause = norm[max(0, pct.start - 60):pct.start]
            joint = bool(JOINT_CUE.search(clause))
            works_here = re.search(r"工程(?:项目|类)?(?:为|的)?[^。;,]{0,4}$", norm[max(0, pct.start - 10):pct.start]) is not None
            if works_here or ptype == "工程":
                options = [("工程", _ranges(p, True, joint))]
            elif ptype in ("货物", "服务"):
                options = [("货物服务", _ranges(p, False, joint))]
            else:
                options = [("货物服务", _ranges(p, False, joint)), ("工程", _ranges(p, True, joint))]
            if any(lo - 1e-9 <= pct.value <= hi + 1e-9 for _, (lo, hi) in options):
                continue
            allowed = "或".join(f"{k} {_pct(lo)}–{_pct(hi)}" for k, (lo, hi) in options)
            yield CheckHit(i, pct.start, pct.end,
                           f"{'联合体/分包' if joint else '小微企业'}价格扣除 {_pct(pct.value)}，不在现行幅度（{allowed}）内")
            break


def sme_setaside(ctx: CheckContext) -> Iterator[CheckHit]:
    """Budget within the set-aside threshold (货物服务 ≤200万, 工程 ≤400万) and the document never says
    专门面向中小企业 / 预留份额 — or says it does not, without a reason (46号文第六条 exceptions)."""
    ptype = project_type(ctx)
    limit = float(ctx.params.get("works_max_yuan" if ptype == "工程" else "max_yuan",
                                 4_000_000 if ptype == "工程" else 2_000_000))
    budgets = [b for b in labelled_amounts(ctx, BUDGET) if b.value > 0]
    if not budgets:
        return
    top = max(budgets, key=lambda b: b.value)
    if top.value > limit:
        return
    text = _doc_norm(ctx)
    denial = re.compile(r"不专门面向中小企业|非专门面向中小企业|不属于专门面向中小企业")
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if denial.search(norm) and not _unchecked_option(norm):
            if re.search(r"原因|理由|因为|由于|第六条|不适宜|无法|不可替代", norm):
                return
            yield CheckHit(i, denial.search(norm).start(), denial.search(norm).end(),  # type: ignore[union-attr]
                           f"预算 {format_yuan(top.value)}，未超过 {format_yuan(limit)}，却不专门面向中小企业且未说明理由")
            return
    if re.search(r"专门面向(?:中小|小微)|预留[^。;]{0,20}(?:中小|小微)企业|中小企业[^。;]{0,10}预留", text):
        return
    yield CheckHit(top.sentence_index, top.start, top.end,
                   f"预算 {format_yuan(top.value)}，未超过 {format_yuan(limit)}，文件中未见专门面向中小企业或预留份额的说明")


def sme_industry_missing(ctx: CheckContext) -> Iterator[CheckHit]:
    """46号文第十二条(六): a document applying the SME policy must name the 所属行业 of each item."""
    text = _doc_norm(ctx)
    if re.search(r"所属行业|划分标准所属|划型标准", text):
        return
    for i, sent in enumerate(ctx.sentences):
        m = re.search(r"中小企业声明函|专门面向中小企业|小微企业[^。;]{0,10}价格扣除|价格扣除", sent.norm)
        if m and not _unchecked_option(sent.norm):
            yield CheckHit(i, m.start(), m.end(), "文件执行中小企业政策，但未见采购标的对应的中小企业划分标准所属行业")
            return


# ---------------------------------------------------------------- 样品

SAMPLE_REQ = re.compile(r"(?:须|应|需|必须|要求|请)[^。;,]{0,12}(?:提供|提交|递交|送达|送交|寄送|送)[^。;]{0,8}(?:样品|样机)"
                        r"|(?:样品|样机)[^。;,]{0,6}(?:须|应|需|必须)[^。;,]{0,6}(?:提供|提交|递交|送达|送至)"
                        r"|(?:须|应|需|必须)[^。;,]{0,12}将[^。;,]{0,16}(?:样品|样机)[^。;,]{0,10}(?:送至|送达|提交|递交|寄送|交至|寄至)")
SAMPLE_ELEMENTS: dict[str, re.Pattern[str]] = {
    "样品制作的标准和要求": re.compile(r"(?:样品|样机)[^。;]{0,30}(?:制作标准|制作要求|规格|尺寸|材质|标准和要求|技术要求|要求如下|应符合|须符合|与投标产品一致|一致)"
                              r"|(?:制作标准|制作要求)[^。;]{0,20}样品"),
    "是否需要随样品提交检测报告": re.compile(r"(?:样品|样机)[^。;]{0,40}检测报告|检测报告[^。;]{0,40}(?:样品|样机)"),
    "样品的评审方法和评审标准": re.compile(r"(?:样品|样机)[^。;]{0,60}(?:\d+(?:\.\d+)?分|评审方法|评审标准|评分标准)"
                               r"|(?:\d+(?:\.\d+)?分|评审标准|评分标准)[^。;]{0,60}(?:样品|样机)"),
}


def sample_elements(ctx: CheckContext) -> Iterator[CheckHit]:
    """87号令22: a tender asking for samples must state how they are made, whether a test report goes
    with them, and how they are evaluated. Reports the first sample requirement and what is missing.
    Judged only when the document has a recognised 评分标准 section: absence in a fragment proves nothing."""
    if not any(_section(ctx, i) == "评分标准" for i in range(len(ctx.sentences))):
        return  # absence can only be judged on a document whose scoring part we can see
    first: tuple[int, int, int] | None = None
    texts: list[str] = []
    for i, sent in enumerate(ctx.sentences):
        norm = sent.norm
        if "样品" not in norm and "样机" not in norm:
            continue
        if re.search(r"(?:不需要|无需|不要求|不得要求|一般不得|不)[^。;,]{0,6}(?:提供|提交)?[^。;,]{0,4}样品", norm):
            continue
        texts.append(norm)
        m = SAMPLE_REQ.search(norm)
        if m and first is None and not _unchecked_option(norm):
            first = (i, m.start(), m.end())
    if first is None:
        return
    joined = "\n".join(texts)
    missing = [name for name, rx in SAMPLE_ELEMENTS.items() if not rx.search(joined)]
    if missing:
        yield CheckHit(first[0], first[1], first[2], f"要求提供样品，但未见：{'、'.join(missing)}")


# ---------------------------------------------------------------- 资格条件又作评审因素

CERT_TERM = re.compile(r"(?P<key>[A-Za-z0-9\u4e00-\u9fff]{2,24}?)(?P<suffix>许可证|资质证书|资格证书|认证证书|认定证书|登记证书|证书|资质|认证)")
_KEY_CUT = re.compile(r".*(?:具有|具备|持有|提供|取得|获得|拥有|有效的|有效|须|应|需|并|、|:|\(|\)|的)")
_GRADE_TAIL = re.compile(r"(?:(?:特|[一二三四五甲乙丙]|\d)级)?(?:及以上|以上|或以上)?$")
_GENERIC_KEYS = frozenset({"相关", "上述", "以上", "有关", "下列", "本项目", "相应", "资格", "其他", "要求", "以下", "该", "此",
                           "有效", "合法", "证明", "法定", "必要", "专业", "资质", "相关资质", "人员", "特定", "上岗", "职业资格"})
_POINTS = re.compile(r"(?:得|加|计|给予?)\d+(?:\.\d+)?分|\d+(?:\.\d+)?分")
_QUAL_CUE = re.compile(r"^(?:\d+[.、])?(?:申请人的|投标人|供应商|本项目的)?(?:特定)?资格(?:要求|条件|审查)")
_SCORE_CUE = re.compile(r"^(?:\d+[.、])?(?:评分标准|评分办法|评审标准|评审因素|评分细则|详细评审)")


def _cert_terms(norm: str) -> list[tuple[str, str]]:
    """(term, key) for each certificate/licence named in a qualification sentence:
    "须具备电子与智能化工程专业承包二级及以上资质" → ("电子与智能化工程专业承包资质", "电子与智能化工程专业承包")."""
    out: list[tuple[str, str]] = []
    for m in CERT_TERM.finditer(norm):
        key = _GRADE_TAIL.sub("", m.group("key"))
        key = _KEY_CUT.sub("", key)
        key = _GRADE_TAIL.sub("", key)
        if len(key) < 2 or key in _GENERIC_KEYS:
            continue
        out.append((key + m.group("suffix"), key))
    return out


def _is_kind(ctx: CheckContext, i: int, kind: str, cue: re.Pattern[str]) -> bool:
    """Sentence i is in a section of ``kind`` — or, when sections are unknown, starts with its cue."""
    sec = _section(ctx, i)
    return sec == kind or (sec is None and cue.search(ctx.sentences[i].norm) is not None)


def qualification_as_factor(ctx: CheckContext) -> Iterator[CheckHit]:
    """A certificate / licence required in 资格条件 that the 评分标准 scores again (87号令55)."""
    terms: dict[str, tuple[str, int]] = {}
    for i, sent in enumerate(ctx.sentences):
        if _is_kind(ctx, i, "资格条件", _QUAL_CUE):
            for term, key in _cert_terms(sent.norm):
                terms.setdefault(term, (key, i))
    if not terms:
        return
    for i, sent in enumerate(ctx.sentences):
        if not _is_kind(ctx, i, "评分标准", _SCORE_CUE) or _is_kind(ctx, i, "资格条件", _QUAL_CUE):
            continue
        norm = sent.norm
        if not _POINTS.search(norm) or re.search(r"资格审查|符合性审查|资格性审查", norm):
            continue
        for term, (key, qi) in terms.items():
            pos = norm.find(term)
            span = len(term)
            if pos < 0 and len(key) >= 4:
                pos = norm.find(key)
                span = len(key)
            if pos >= 0:
                block = ctx.document.blocks[ctx.sentences[qi].block_index]
                where = f"第{block.location.paragraph}段" if block.location.paragraph else "资格条件"
                yield CheckHit(i, pos, pos + span, f"“{term}”已是资格条件（{where}），又作为评审因素计分")
                break


# ---------------------------------------------------------------- registry

CHECKS: dict[str, CheckFn] = {
    "bid_bond_ratio": bid_bond_ratio,
    "deposit_percent_cap": deposit_percent_cap,
    "perf_bond_vs_budget": perf_bond_vs_budget,
    "tender_period": tender_period,
    "doc_sale_period": doc_sale_period,
    "clarify_period": clarify_period,
    "objection_period": objection_period,
    "price_weight": price_weight,
    "payment_days": payment_days,
    "contract_signing": contract_signing,
    "sme_price_deduction": sme_price_deduction,
    "sme_setaside": sme_setaside,
    "sme_industry_missing": sme_industry_missing,
    "sample_elements": sample_elements,
    "qualification_as_factor": qualification_as_factor,
}
