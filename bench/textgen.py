"""Realistic tender text for the matching benchmark (generated, never committed as a big file).

Chapters, numbered clauses, table-like rows and mostly lawful wording with a few restrictive
clauses, at about 780 characters per page (what a 300-page LibreOffice PDF of a real tender holds).
"""

from __future__ import annotations

import random

from checker.model import Block, Document, Location

CHARS_PER_PAGE = 780

CHAPTERS = ["第一章 招标公告", "第二章 投标人须知", "第三章 资格条件", "第四章 评标办法及评分标准",
            "第五章 采购需求", "第六章 商务要求", "第七章 合同条款", "第八章 投标文件格式"]

LAWFUL = [
    "投标人应具有独立承担民事责任的能力，提供营业执照复印件并加盖公章。",
    "供应商应具有良好的商业信誉和健全的财务会计制度，提供{y}年度财务审计报告或银行出具的资信证明。",
    "投标文件应按照招标文件规定的格式编制，并由法定代表人或其授权代表签字。",
    "本项目采用综合评分法，价格分采用低价优先法计算，评标基准价为满足招标文件要求且投标价格最低的投标报价。",
    "投标人应于{m}月{d}日17时00分前将电子投标文件上传至电子交易平台，逾期上传的投标文件将被拒收。",
    "设备到货后{n}个工作日内完成安装调试，验收合格后进入质保期，质保期不少于{n}年。",
    "中标人接到报修通知后{n}小时内响应，{h}小时内到达现场处理故障。",
    "采购人不得将投标人的注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件作为资格要求。",
    "投标人提供的货物应符合国家强制性标准，并提供产品合格证明。",
    "服务器处理器核数不少于{n}核，内存不小于{c}GB，硬盘容量不小于{c}TB。",
    "投标人须提供{y}年以来完成的同类项目业绩合同复印件，每提供一个得{n}分，最高得{c}分。",
    "本项目专门面向中小企业采购，小微企业提供的货物给予{n}%的价格扣除。",
    "投标保证金金额为人民币{c}元，以银行保函或转账方式提交。",
    "合同签订后，采购人在收到发票后30日内支付合同价款的{c}%。",
    "技术方案完整、可行，针对本项目特点提出的措施具体，每项措施得{n}分。",
    "项目负责人具有相关专业中级及以上职称，提供证书复印件。",
    "质疑函应当在法定质疑期内一次性提出针对同一采购程序环节的质疑。",
    "评标委员会由采购人代表和评审专家共{n}人组成，其中评审专家不少于成员总数的三分之二。",
]

RESTRICTIVE = [
    "投标人须为本市注册的企业，注册资本不低于{c}万元。",
    "投标人须在本市设有分公司或常驻服务机构。",
    "投标产品须为{brand}品牌，或同档次产品。",
    "投标人须提供所投产品的生产厂家授权书原件。",
    "技术方案优的得10分，良的得6分，中的得3分，差的不得分。",
    "投标人近三年在本省完成的同类项目业绩，每个得2分。",
    "投标人须具有国有企业性质。",
    "投标人须成立满{n}年以上。",
]
BRANDS = ["华为", "联想", "海康威视", "戴尔", "惠普"]


def _fill(tpl: str, r: random.Random) -> str:
    return tpl.format(y=r.randint(2019, 2025), m=r.randint(1, 12), d=r.randint(1, 28), n=r.randint(2, 9),
                      h=r.randint(2, 24), c=r.randint(10, 500), brand=r.choice(BRANDS))


def generate(pages: int, seed: int = 20261126, violation_rate: float = 0.03) -> Document:
    """A Document of about ``pages`` pages of tender text (one block per paragraph or table cell)."""
    r = random.Random(seed)
    target = pages * CHARS_PER_PAGE
    blocks: list[Block] = []
    size = 0
    chapter = 0
    clause = 0
    while size < target:
        if clause % 60 == 0:
            title = CHAPTERS[chapter % len(CHAPTERS)]
            blocks.append(Block(text=title, location=Location(paragraph=len(blocks) + 1), heading_level=1))
            chapter += 1
        clause += 1
        pool = RESTRICTIVE if r.random() < violation_rate else LAWFUL
        text = f"{clause}.{r.randint(1, 9)} " + "".join(_fill(r.choice(pool), r) for _ in range(r.randint(1, 3)))
        blocks.append(Block(text=text, location=Location(paragraph=len(blocks) + 1)))
        size += len(text)
    return Document(name=f"generated_{pages}p.txt", blocks=tuple(blocks), meta={"format": "generated", "pages": pages})
