"""Headings → section path → canonical section kind; and regime detection (政府采购 vs 工程建设).

Headings come from two sources: the loader's ``Block.heading_level`` (Word heading styles /
outline levels, large-font PDF lines) and numbering patterns in the text (第X章, 一、, （一）,
1., 1.1, 1.1.1, （1）, ①, 附件X). Patterns give a fixed depth so that the two sources nest
consistently::

    0 第X卷/篇/编      1 第X章 (or 第X部分 when a document uses 部分 for its chapters)
    2 第X节, 第X部分 inside a chapter    2.4 附件/附表/附录/附页    2.5 un-numbered loader headings
    3 一、 / "一 说明"   4 （一）   5 1. / 1、 / "1 总则"   6 1.1   7 1.1.1   8 （1） / 1）   9 ①

Un-numbered loader headings are chapters (depth 1) only in a document that has no numbered
chapters; otherwise a large-font form title ("投标人资格声明书") would end 第七章 投标文件格式.

A block that is not a heading inherits the path of the headings above it; a table cell inherits
the section of the heading above its table. Headers/footers get no section.

Many numbered sentences are not headings ("1.满足《政府采购法》第二十二条规定；"), so a numbered
line counts only when it is short, does not end like a sentence (。；，) and — for 第X章 — its
chapter number does not go backwards (a reference such as "详见第五章《采购需求》" or a list of
chapters inside 投标人须知 is not a heading). Table-of-contents lines (目录 region, Word "toc"
styles, dot leaders with page numbers, three or more 第X章 lines in a row) are never headings;
the 目录 region ends at the first heading that repeats a TOC entry, restarts the chapter count,
or carries a real heading style.

Kinds: a chapter (depth <= 1) gets the kind its title names, or "其他". A sub-heading refines
its chapter's kind only where that makes sense (``SUB_KINDS``): 资格审查 inside 评标办法 is
资格条件, 商务要求 inside 采购需求 is 商务要求; inside 投标文件格式 and 合同条款 (templates, not
requirements) nothing changes — a "资格证明文件" form stays 投标文件格式. Sub-headings naming a
procedure (开标、资格审查及评标) do not change the kind.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

from .model import Block, Document, RegimeDecision

# ---------------------------------------------------------------- kinds

# Most specific first: a title is classified by the first kind whose cue it contains
# (spaces removed, so "评 标 办 法" matches too).
KIND_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("投标文件格式", r"(投标|响应|应答|磋商|谈判|报价|申请|竞价)文件.{0,8}(格式|范本|样本|样表)|格式范本|附件格式|文件格式"),
        ("合同条款", r"合同.{0,6}(条款|文本|格式|协议书|范本|样本|模板|草案)|拟签订的?合同|通用条款|专用条款|合同书|合同附件|合同主要条款"),
        ("评分标准", r"评分标准|评标办法|评审办法|评分办法|评审因素|评审标准|评分细则|评标标准|评标方法|评审方法|评分方法"
                   r"|综合评分|评审细则|评分表|评审表|评分因素|打分|符合性审查|详细评审|初步评审"),
        ("资格条件", r"资格条件|资格要求|资格审查|资格标准|特定资格|供应商资格|投标人资格|申请人资格|资格性审查|合格的?投标人"
                   r"|合格的?供应商|合格投标人|资质要求"),
        ("技术要求", r"技术要求|技术参数|采购需求|技术规格|需求书|技术标准|服务要求|技术规范|委托人要求|发包人要求|设计人要求"
                   r"|采购内容|服务内容|项目需求|用户需求|技术需求|货物需求|服务需求|采购清单|设计要求|工作内容|技术条款"),
        ("商务要求", r"商务要求|商务条款|实质性条款|商务需求|商务条件"),
        ("投标人须知", r"投标人须知|供应商须知|须知前附表|磋商须知|谈判须知|投标须知|响应人须知|申请人须知|比选须知|询价须知"),
        ("招标公告", r"招标公告|采购公告|投标邀请|磋商公告|谈判公告|询价公告|邀请书|招标邀请|比选公告|资格预审公告|竞价公告"),
    )
)

# Which kinds a sub-heading may switch to, by the kind it sits in (None: not inside a chapter).
SUB_KINDS: dict[str | None, frozenset[str]] = {
    None: frozenset(k for k, _ in KIND_CUES),
    "其他": frozenset(k for k, _ in KIND_CUES),
    "招标公告": frozenset({"资格条件", "技术要求", "商务要求", "投标文件格式"}),
    "投标人须知": frozenset({"资格条件", "评分标准", "投标文件格式"}),
    "资格条件": frozenset(),
    "评分标准": frozenset({"资格条件"}),
    "技术要求": frozenset({"商务要求", "资格条件", "评分标准"}),
    "商务要求": frozenset({"技术要求"}),
    "合同条款": frozenset(),
    "投标文件格式": frozenset(),
}
# words of a procedure, not a requirement: such sub-headings keep their chapter's kind
_PROCEDURE = re.compile(r"开标|程序|流程|步骤|说明|澄清|无效|废标|质疑|投诉|签订|解释|纪律|监督|公示|结果|费用|递交|提交|密封")


def _squash(title: str) -> str:
    return re.sub(r"\s+", "", title)


def classify(title: str) -> str | None:
    """Canonical kind a heading title names (spaces ignored), or None when it names none."""
    t = _squash(title)
    for kind, cue in KIND_CUES:
        if cue.search(t):
            return kind
    if re.match(r"(附件|附表|附录|附页)", t):
        return "投标文件格式"  # appended forms and templates (通知书, 记录表, 函): not requirements
    return None


def _sub_kind(title: str, parent: str | None, pattern: str | None = None) -> str | None:
    """Kind of a sub-heading: its own where allowed inside ``parent``, else the parent's."""
    body = _squash(_NUMBERING.sub("", title, count=1))
    if pattern == "appendix":  # 附件X：开标记录表 / 质疑函格式: an appended form unless it names a kind
        own: str | None = classify(body) or "投标文件格式"
    elif len(body) > 20 or _PROCEDURE.search(body):
        return parent
    else:
        own = classify(body) or classify(title)
    if own == "投标文件格式" and pattern != "appendix" and parent in ("投标人须知", "招标公告"):
        return parent  # "投标文件的格式" rules inside 须知 are requirements; only its 附件 are forms
    if own is not None and own in SUB_KINDS.get(parent, frozenset()):
        return own
    return parent


# ---------------------------------------------------------------- headings

_CN = "一二三四五六七八九十百零〇两"
_NUM = rf"[{_CN}\d]+"
_NUMBERING = re.compile(
    rf"^\s*(第\s*{_NUM}\s*(卷|篇|编|章|部分|节)|[{_CN}]+\s*[、.．]|[{_CN}]+\s+(?=\S)|[（(]\s*[{_CN}]+\s*[)）]"
    rf"|\d{{1,2}}(\s*[.．]\s*\d{{1,2}})*\s*[、.．)）]?|[（(]\s*\d{{1,2}}\s*[)）]|[①-⑳⑴-⒇]|(附件|附表|附录|附页)\s*[\d{_CN}\-－—]*\s*[:：、.]?)\s*"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), name)
    for p, name in (
        (rf"^第\s*({_NUM})\s*(卷|篇|编)", "volume"),
        (rf"^第\s*({_NUM})\s*章", "chapter"),
        (rf"^第\s*({_NUM})\s*部分", "part"),
        (rf"^第\s*({_NUM})\s*节", "section"),
        (r"^(附件|附表|附录|附页)", "appendix"),
        (rf"^[{_CN}]{{1,3}}\s*[、.．]", "cn"),
        (rf"^[{_CN}]{{1,3}}\s+\S", "cn"),
        (rf"^[（(]\s*[{_CN}]{{1,3}}\s*[)）]", "cn_paren"),
        (r"^\d{1,2}(\s*[.．]\s*\d{1,2}){2,}(?![\d.．])", "d3"),
        (r"^\d{1,2}\s*[.．]\s*\d{1,2}(?![\d.．])", "d2"),
        (r"^\d{1,2}\s*[、.．](?!\d)", "d1"),
        (r"^\d{1,2}\s+(?=[^\d\s.．%％])", "d1"),
        (r"^[（(]\s*\d{1,2}\s*[)）]|^\d{1,2}[)）]", "paren"),
        (r"^[①-⑳⑴-⒇]", "circled"),
    )
)
_DEPTH = {"volume": 0.0, "chapter": 1.0, "part": 1.0, "section": 2.0, "appendix": 2.4, "cn": 3.0,
          "cn_paren": 4.0, "d1": 5.0, "d2": 6.0, "d3": 7.0, "paren": 8.0, "circled": 9.0}
_MAX_LEN = {"volume": 40, "chapter": 40, "part": 40, "section": 40, "appendix": 40, "cn": 30,
            "cn_paren": 30, "d1": 30, "d2": 30, "d3": 30, "paren": 20, "circled": 20}
_LOADER_DEPTH = 2.5  # un-numbered heading styled as a heading (or set in a large font)
_SENTENCE_END = ("。", "；", ";", "，", ",", "、")
_TOC_TITLE = re.compile(r"^(目录|目次|目\s+录)$")
_PAGE_REF = re.compile(r"[\dA-Za-z]{1,6}$")
_LEADER_CHARS = " \t\u3000.…·-_－—"
_CHAPTER_TITLE_BAD = re.compile(r"[，。；;《“\"]|^[”）)、，的中及和与之]")


@dataclass
class _Heading:
    depth: float
    title: str
    kind: str | None
    pattern: str | None
    number: int | None


def _cn_int(s: str) -> int | None:
    """'十二' → 12, '3' → 3; None when unparsable."""
    if s.isdigit():
        return int(s)
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def _pattern(text: str) -> tuple[str | None, int | None]:
    for rx, name in _PATTERNS:
        m = rx.match(text)
        if m:
            number = _cn_int(m.group(1).replace(" ", "")) if name in ("volume", "chapter", "part", "section") else None
            return name, number
    return None, None


def _strip_page_ref(text: str) -> tuple[str, str]:
    """("第一章 招标公告 ......", "2") from a TOC line; no regex backtracking over long leaders."""
    t = text.rstrip()
    m = _PAGE_REF.search(t[-6:]) if t else None
    if m and len(t) > len(m.group()) and not t[-len(m.group()) - 1].isalnum():
        return t[: -len(m.group())], m.group()
    return t, ""


def _is_toc_line(block: Block, text: str) -> bool:
    """Word TOC styles, dot leaders (with or without a page number), or a tab before a page number."""
    if (block.style or "").lower().startswith("toc"):
        return True
    core, ref = _strip_page_ref(text)
    core = core.rstrip(" \u3000")
    if core.endswith(("....", "……", "…", "····", "------", "______", ". . .")):
        return True
    return bool(ref) and ref.isdigit() and core.endswith("\t")


def _toc_key(text: str) -> str:
    core, _ = _strip_page_ref(text)
    return _squash(core.rstrip(_LEADER_CHARS))


def _candidate(block: Block, text: str) -> tuple[str | None, int | None, bool]:
    """(numbering pattern, chapter number, is_heading) for one body block, TOC aside."""
    name, number = _pattern(text)
    flat = _squash(text)
    ends = flat.endswith(_SENTENCE_END)
    labelled = re.search(r"[:：].", _squash(_NUMBERING.sub("", text, count=1)))  # "项目名称：XX" is a field
    if block.heading_level is not None:
        ok = len(flat) <= 60 and not flat.endswith(("。", "；", ";")) and not labelled
        return name, number, ok
    if name is None:
        # an un-numbered short line that is just a section title ("评标办法前附表", "资格审查")
        kind = classify(flat)
        ok = kind is not None and len(flat) <= 16 and not ends and not flat.endswith((":", "：")) \
            and not re.match(r"(附件|附表|附录|附页)", flat)
        return None, None, ok
    if ends or len(flat) > _MAX_LEN[name]:
        return name, number, False
    body = _squash(_NUMBERING.sub("", text, count=1))
    if name == "volume" and not body:
        return name, number, True  # "第一卷" alone on its line
    if len(body) < 2 or body[0].isdigit():
        return name, number, False
    if name in ("chapter", "part", "section", "volume") and _CHAPTER_TITLE_BAD.search(body):
        return name, number, False
    if _DEPTH[name] >= 5 and (flat.endswith((":", "：")) or labelled):
        return name, number, False  # "4.采购需求：" introduces a list; "2.项目名称：XX" is a field
    return name, number, True


def assign_sections(doc: Document) -> Document:
    """Give every block its section path and canonical kind (inherited from the headings above)."""
    blocks = doc.blocks
    texts = [b.text.strip() for b in blocks]
    body = [b.location.part == "body" and b.location.table is None and b.kind not in ("header", "footer")
            for b in blocks]
    listing = _chapter_listings(blocks, texts, body)
    chapter_marker: str | None = None  # "chapter" or "part": whichever a document uses first
    stack: list[_Heading] = []
    last_chapter: int | None = None
    toc = False
    saved: list[_Heading] = []
    toc_keys: set[str] = set()
    toc_max = 0
    toc_len = 0
    out: list[Block] = []
    _placed = _Placer()
    for i, block in enumerate(blocks):
        text = texts[i]
        loc = block.location
        if loc.part in ("header", "footer") or block.kind in ("header", "footer"):
            out.append(_evolve(block, location=_evolve(loc, section=(), section_kind=None)))
            continue
        heading: _Heading | None = None
        if body[i] and text:
            flat = _squash(text)
            if _TOC_TITLE.match(flat):
                if not toc:
                    saved = list(stack)  # a 目录 inside a chapter (bid forms) must not end the chapter
                toc, toc_keys, toc_max, toc_len = True, set(), 0, 0
                stack = saved + [_Heading(99.0, text, "其他", None, None)]
                out.append(_placed(block, stack))
                continue
            name, number, ok = _candidate(block, text)
            if toc:
                toc_len += 1
                key = _toc_key(text)
                leave = (
                    (ok and key in toc_keys and not _is_toc_line(block, text))
                    or (ok and name == "chapter" and number is not None and 0 < number <= toc_max and key not in toc_keys
                        and not _is_toc_line(block, text))
                    or (block.heading_level is not None and not _is_toc_line(block, text) and key not in toc_keys
                        and toc_len > 1)
                    or (len(flat) > 50 and flat.endswith(("。", "；")))
                    or toc_len > 300
                )
                if not leave:
                    if name == "chapter" and number:
                        toc_max = max(toc_max, number)
                    toc_keys.add(key)
                    out.append(_placed(block, stack))
                    continue
                toc, stack = False, saved
            if ok and not _is_toc_line(block, text) and i not in listing:
                if name in ("chapter", "part") and chapter_marker is None:
                    chapter_marker = name
                heading = _make_heading(block, text, name, number, stack, chapter_marker, last_chapter)
            if heading is not None:
                if heading.depth <= 1 and name == chapter_marker and number is not None:
                    last_chapter = number
                elif heading.depth == 0:
                    last_chapter = None
                while stack and stack[-1].depth >= heading.depth:
                    stack.pop()
                stack.append(heading)
        out.append(_placed(block, stack))
    return dataclasses.replace(doc, blocks=tuple(out))


def _make_heading(block: Block, text: str, name: str | None, number: int | None, stack: list[_Heading],
                  chapter_marker: str | None, last_chapter: int | None) -> _Heading | None:
    """The heading this block opens, or None when its numbering contradicts the document's."""
    if name is None:
        depth = _LOADER_DEPTH
        if block.heading_level == 1 and chapter_marker is None:
            depth = 1.0  # no numbered chapters (yet): a level-1 heading is the chapter level
    elif name in ("chapter", "part"):
        if chapter_marker is not None and name != chapter_marker:
            depth = 2.0  # 第X部分 inside a 第X章 document (or vice versa)
        else:
            depth = 1.0
            if number is not None and last_chapter is not None and number < last_chapter:
                return None  # chapter numbers never go back: a cross-reference, not a heading
    else:
        depth = _DEPTH[name]
    parents = [h for h in stack if h.depth < depth]
    parent_kind = parents[-1].kind if parents else None
    if depth <= 1.0:
        kind = classify(_NUMBERING.sub("", text, count=1)) or classify(text) or "其他"
    else:
        kind = _sub_kind(text, parent_kind, name)
    return _Heading(depth, " ".join(text.split()), kind, name, number)


class _Placer:
    """Puts blocks under the current heading stack; the path tuple is rebuilt only when the stack changes."""

    def __init__(self) -> None:
        self.key: tuple[_Heading, ...] = ()
        self.value: tuple[tuple[str, ...], str | None] = ((), None)

    def __call__(self, block: Block, stack: list[_Heading]) -> Block:
        key = tuple(stack)  # equal headings give the same path and kind
        if key != self.key:
            self.key = key
            self.value = (tuple(h.title for h in stack), stack[-1].kind if stack else None)
        section, kind = self.value
        loc = block.location
        if loc.section == section and loc.section_kind == kind:
            return block
        return _evolve(block, location=_evolve(loc, section=section, section_kind=kind))


def _evolve(obj, **changes):
    """``dataclasses.replace`` for the model's frozen slotted dataclasses, ~3x faster.

    Every block of a document passes through here (13k blocks for 300 pages), and
    ``dataclasses.replace`` spends most of its time re-reading the field list.
    """
    cls = type(obj)
    new = object.__new__(cls)
    for name in cls.__slots__:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(obj, name))
    return new


def _chapter_listings(blocks: tuple[Block, ...], texts: list[str], body: list[bool]) -> set[int]:
    """Indices of 第X章 lines in runs of three or more consecutive ones: a list of chapters, not headings."""
    out: set[int] = set()
    run: list[int] = []
    for i, text in enumerate(texts + [""]):
        is_chapter = (i < len(texts) and body[i] and blocks[i].heading_level is None
                      and _pattern(text)[0] == "chapter" and len(_squash(text)) <= 60
                      and not _is_toc_line(blocks[i], text))
        if is_chapter:
            run.append(i)
            continue
        if i < len(texts) and not text:
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    return out


# ---------------------------------------------------------------- regime

@dataclass(frozen=True)
class _Cue:
    label: str  # shown in reasons
    pattern: re.Pattern[str]
    weight: float
    strong: bool = False


def _cues(items: tuple[tuple[str, str, float, bool], ...]) -> tuple[_Cue, ...]:
    return tuple(_Cue(label, re.compile(p), w, strong) for label, p, w, strong in items)


# Strong cues: the legal bases a document cites. Medium/weak cues: the regime's vocabulary
# (REFERENCE.md "Regime cues"). Patterns run on the text with all whitespace removed.
GP_CUES = _cues((
    ("《政府采购法》", r"政府采购法(?!实施条例)", 4.0, True),
    ("《政府采购法实施条例》", r"政府采购法实施条例", 4.0, True),
    ("财政部令第87号", r"财政部令第?(87|八十七)号|87号令|政府采购货物和服务招标投标管理办法", 4.0, True),
    ("财政部令第94号", r"财政部令第?94号|政府采购非招标采购方式管理办法", 4.0, True),
    ("财政部规范性文件（财库）", r"财库[〔\[【（(﹝]?\d{4}", 3.0, True),
    ("政府采购", r"政府采购", 1.5, False),
    ("采购人", r"采购人", 1.5, False),
    ("供应商", r"供应商", 1.0, False),
    ("采购文件", r"采购文件", 1.0, False),
    ("采购需求", r"采购需求", 1.0, False),
    ("中标（成交）供应商", r"中标[（(]成交[)）]供应商|成交供应商", 1.5, False),
    ("竞争性磋商/谈判", r"竞争性磋商|竞争性谈判|磋商小组|谈判小组", 1.0, False),
    ("询价", r"询价(采购|小组|通知书)", 1.0, False),
    ("单一来源", r"单一来源", 1.0, False),
    ("政府采购合同", r"政府采购合同", 1.5, False),
    ("预算金额", r"预算金额|采购预算", 1.0, False),
    ("中小企业声明函", r"中小企业声明函", 1.0, False),
))
CB_CUES = _cues((
    ("《招标投标法》", r"(?<!政府采购货物和服务)招标投标法(?!实施条例)", 4.0, True),
    ("《招标投标法实施条例》", r"招标投标法实施条例", 4.0, True),
    ("七部委/发改委令", r"七部委|(国家)?发展(和)?改革委员会令|发展改革委令|发改委令|[0-9]+号令.{0,4}(工程|施工)", 4.0, True),
    ("工程建设项目招标办法", r"工程建设项目(施工|勘察设计|货物)?招标投标办法|必须招标的工程项目规定|房屋建筑和市政基础设施工程施工招标"
                   r"|标准施工招标文件|标准设计招标文件|标准监理招标文件|简明标准施工招标文件", 4.0, True),
    ("招标人", r"招标人", 1.5, False),
    ("标段", r"标段", 1.5, False),
    ("依法必须进行招标", r"依法必须(进行)?招标", 2.0, False),
    ("资格预审", r"资格预审", 1.0, False),
    ("施工", r"施工", 1.0, False),
    ("监理", r"监理", 1.0, False),
    ("勘察", r"勘察", 1.0, False),
    ("发包人/承包人", r"发包人|承包人", 1.5, False),
    ("房屋建筑和市政", r"房屋建筑和市政", 2.0, False),
    ("估算价", r"估算价", 1.0, False),
    ("最高投标限价", r"最高投标限价|招标控制价", 1.5, False),
    ("中标候选人公示", r"中标候选人公示", 1.0, False),
    ("住建/交通/水利监督", r"住房和城乡建设|住建(局|厅|部)|交通运输(局|厅|部)|水利(局|厅|部)|发展改革(委|局)|发改(委|局)", 1.0, False),
))


def _score(text: str, cues: tuple[_Cue, ...]) -> tuple[float, list[tuple[_Cue, int]]]:
    score = 0.0
    hits: list[tuple[_Cue, int]] = []
    for cue in cues:
        n = len(cue.pattern.findall(text))
        if n:
            # diminishing returns: the 100th 采购人 adds little; a cited law counts once, a bit more if repeated
            score += cue.weight * (1.0 + math.log2(n)) if not cue.strong else cue.weight * (1.0 + 0.25 * min(n - 1, 4))
            hits.append((cue, n))
    hits.sort(key=lambda h: (-h[0].strong, -h[0].weight * (1 + math.log2(h[1]))))
    return score, hits


def _reason(name: str, hits: list[tuple[_Cue, int]]) -> list[str]:
    laws = [f"{c.label}×{n}" for c, n in hits if c.strong]
    words = [f"{c.label}×{n}" for c, n in hits if not c.strong]
    out = []
    if laws:
        out.append(f"引用{name}法规：{'、'.join(laws[:3])}")
    if words:
        out.append(f"{name}用语：{'、'.join(words[:4])}")
    return out


def detect_regime(doc: Document, override: str | None = None) -> RegimeDecision:
    """政府采购 (gp) vs 工程建设 (cb) from cited laws (strong) and vocabulary (weaker); None when unsure."""
    if override in ("gp", "cb"):
        return RegimeDecision(regime=override, confidence=1.0, reasons=("用户指定",), source="user")
    text = re.sub(r"\s+", "", "".join(b.text for b in doc.blocks if b.kind not in ("header", "footer")))
    gp, gp_hits = _score(text, GP_CUES)
    cb, cb_hits = _score(text, CB_CUES)
    gp_reasons, cb_reasons = _reason("政府采购", gp_hits), _reason("工程建设招标投标", cb_hits)
    reasons = tuple(cb_reasons + gp_reasons if cb > gp else gp_reasons + cb_reasons)  # the stronger side first
    total = gp + cb
    if total < 6:
        return RegimeDecision(regime=None, confidence=0.0, reasons=reasons or ("文字太少，无法判断",))
    share = max(gp, cb) / total
    gp_law = any(c.strong for c, _ in gp_hits)
    cb_law = any(c.strong for c, _ in cb_hits)
    winner = "gp" if gp > cb else "cb"
    # a document citing only one regime's laws is decided by them unless the vocabulary clearly disagrees
    if gp_law != cb_law and share < 0.65:
        lawful = "gp" if gp_law else "cb"
        if lawful == winner or share < 0.55:
            winner = lawful
            share = max(share, 0.65)
    if share < 0.65:
        return RegimeDecision(regime=None, confidence=round(share, 2), reasons=reasons + ("两类特征都较明显",))
    return RegimeDecision(regime=winner, confidence=round(share, 2), reasons=reasons)
