"""Headings → section path → canonical section kind; and regime detection.

First version: pattern-based headings for plain text. The document loaders'
issue grows this (styles, numbering, bold PDF lines).
"""

from __future__ import annotations

import dataclasses
import re

from .model import Block, Document, RegimeDecision

# Canonical kinds, most specific first: a heading is classified by the first
# kind whose cue it contains.
KIND_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("投标文件格式", ("投标文件格式", "响应文件格式", "投标文件组成", "格式范本", "附件格式")),
    ("评分标准", ("评分标准", "评标办法", "评审办法", "评分办法", "评审因素", "评审标准", "评分细则")),
    ("资格条件", ("资格条件", "资格要求", "资格审查", "资格标准", "特定资格", "供应商资格", "投标人资格")),
    ("技术要求", ("技术要求", "技术参数", "采购需求", "技术规格", "需求书", "技术标准和要求", "服务要求")),
    ("商务要求", ("商务要求", "商务条款", "实质性条款")),
    ("合同条款", ("合同条款", "合同文本", "合同格式", "通用条款", "专用条款", "合同协议书")),
    ("投标人须知", ("投标人须知", "供应商须知", "须知前附表")),
    ("招标公告", ("招标公告", "采购公告", "投标邀请", "磋商公告", "谈判公告", "询价公告")),
)

_CN_NUM = "一二三四五六七八九十百零〇"
HEADING_RE = re.compile(
    rf"^\s*(第[{_CN_NUM}\d]+[章节篇部分]|[{_CN_NUM}]+、|[（(][{_CN_NUM}]+[)）]|\d+(\.\d+)*[、.．\s])"
)
_LEVEL_OF = ((re.compile(rf"^\s*第[{_CN_NUM}\d]+[章篇部]"), 1), (re.compile(rf"^\s*第[{_CN_NUM}\d]+节"), 2),
             (re.compile(rf"^\s*[{_CN_NUM}]+、"), 2), (re.compile(rf"^\s*[（(][{_CN_NUM}]+[)）]"), 3))


def classify(title: str) -> str | None:
    """Canonical kind of a heading title, or None when it names none."""
    for kind, cues in KIND_CUES:
        if any(cue in title for cue in cues):
            return kind
    return None


def heading_level(block: Block) -> int | None:
    """A loader's heading level, else a level guessed from a short numbered line."""
    if block.heading_level is not None:
        return block.heading_level
    text = block.text.strip()
    if block.location.table is not None or len(text) > 40 or text.endswith(("。", "；", ";")):
        return None
    for pattern, level in _LEVEL_OF:
        if pattern.match(text):
            return level
    return None


def assign_sections(doc: Document) -> Document:
    """Give every block its section path and canonical kind (inherited from its parents)."""
    path: list[tuple[int, str, str | None]] = []  # (level, title, kind)
    out: list[Block] = []
    for block in doc.blocks:
        level = heading_level(block) if block.location.part == "body" else None
        if level is not None:
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, block.text.strip(), classify(block.text)))
        kind = next((k for _, _, k in reversed(path) if k), None)
        loc = dataclasses.replace(block.location, section=tuple(t for _, t, _ in path), section_kind=kind)
        out.append(dataclasses.replace(block, location=loc))
    return dataclasses.replace(doc, blocks=tuple(out))


GP_CUES = ("政府采购", "采购人", "供应商", "采购文件", "采购需求", "财政部令第87号", "87号令", "政府采购法",
           "竞争性磋商", "询价", "单一来源", "预算金额", "中小企业声明函")
CB_CUES = ("招标人", "标段", "依法必须进行招标", "资格预审", "施工", "监理", "勘察", "招标投标法",
           "估算价", "最高投标限价", "评标委员会", "中标候选人", "住房和城乡建设", "发展改革")


def detect_regime(doc: Document, override: str | None = None) -> RegimeDecision:
    """政府采购 vs 工程建设: count cue words; undecided when the evidence is thin or mixed."""
    if override in ("gp", "cb"):
        return RegimeDecision(regime=override, confidence=1.0, reasons=("用户指定",), source="user")
    text = "\n".join(b.text for b in doc.blocks[:4000])
    gp = {c: text.count(c) for c in GP_CUES if c in text}
    cb = {c: text.count(c) for c in CB_CUES if c in text}
    gp_n, cb_n = sum(gp.values()), sum(cb.values())
    total = gp_n + cb_n
    top = lambda d: "、".join(f"{k}×{v}" for k, v in sorted(d.items(), key=lambda kv: -kv[1])[:4])  # noqa: E731
    reasons = tuple(r for r in (f"政府采购用语：{top(gp)}" if gp else "", f"工程建设用语：{top(cb)}" if cb else "") if r)
    if total < 3:
        return RegimeDecision(regime=None, confidence=0.0, reasons=reasons or ("文字太少，无法判断",))
    share = max(gp_n, cb_n) / total
    if share < 0.6:
        return RegimeDecision(regime=None, confidence=round(share, 2), reasons=reasons)
    return RegimeDecision(regime="gp" if gp_n > cb_n else "cb", confidence=round(share, 2), reasons=reasons)
