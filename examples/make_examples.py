"""Build the example tender documents in ``examples/`` (deterministic; run from the repo root).

    .venv/bin/python examples/make_examples.py            # all four examples
    .venv/bin/python examples/make_examples.py --only gp_goods_tender.docx clean_tender.docx
    .venv/bin/python examples/make_examples.py --out /tmp/x   # write elsewhere

What it writes (see examples/README.md for the planted violations):

* ``gp_goods_tender.docx``  政府采购 公开招标 货物 (医疗设备), Word automatic numbering for the
  chapter headings (第%1章 / %1.%2 in numbering.xml; the heading runs hold only the title), a
  running header, a footer with a PAGE field, tables (前附表, 评分标准, 技术参数, 报价表).
* ``cb_works_tender.pdf``   工程建设 施工招标: a .docx built the same way, converted by LibreOffice.
* ``gp_service_legacy.doc`` 政府采购 服务 (物业管理), typed headings, converted to Word 97 by LibreOffice.
* ``clean_tender.docx``     政府采购 货物 with lawful wording only (hard negatives included).

The .docx files are byte-for-byte reproducible: fixed core properties, no thumbnail, and zip
members written with a fixed timestamp. The PDF and DOC come from LibreOffice and carry its
own metadata (creation date, document id), so only their text is reproducible.

python-docx has no API for numbering definitions, so the numbering part's XML is written with
``docx.oxml.parse_xml``; the heading styles link to the list (``w:numPr`` in the style) the way
Word templates do it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 3, 1, 9, 0, 0)
ZIP_TIME = (2026, 3, 1, 9, 0, 0)
HEADING_ABSTRACT_ID = 90  # numbering ids above the ones in python-docx's default template
HEADING_NUM_ID = 90
LIST_ABSTRACT_IDS = {"cn": 91, "dec": 92}  # （一） and 1. body lists

# A document is a list of items: ("cover", [lines]) ("h1", title) ("h2", title) ("p", text)
# ("list", kind, [items]) ("table", widths_cm, [header], [[cells]]) ("note", text) ("break",)
Item = tuple


# --- document building ------------------------------------------------------------------------


def _set_east_asian_font(rpr_owner, east_asia: str, ascii_font: str = "Times New Roman") -> None:
    """Set rFonts on a style or run: python-docx's font.name sets only the Latin slots."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), ascii_font)
    fonts.set(qn("w:hAnsi"), ascii_font)
    fonts.set(qn("w:eastAsia"), east_asia)


# Second heading level: "legal" renders 1.1, 1.2 … (%1.%2 with w:isLgl, as Word shows it);
# "cn" renders 一、二、 … restarting in each chapter. LibreOffice ignores w:isLgl (it would
# print "一.1"), so documents converted by LibreOffice use "cn".
H2_LEVELS = {
    "legal": '<w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:isLgl/><w:suff w:val="space"/>'
             '<w:lvlText w:val="%1.%2"/>',
    "cn": '<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/><w:suff w:val="nothing"/>'
          '<w:lvlText w:val="%2、"/>',
}


def _numbering_xml(h2_style: str | None) -> list:
    """abstractNum/num elements: the chapter list (第%1章 + H2_LEVELS) and two body-list formats."""
    ns = nsdecls("w")
    elements = []
    if h2_style:
        elements.append(parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="{HEADING_ABSTRACT_ID}">'
            '<w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:pStyle w:val="Heading1"/><w:suff w:val="space"/><w:lvlText w:val="第%1章"/>'
            '<w:lvlJc w:val="left"/></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/>{H2_LEVELS[h2_style]}<w:lvlJc w:val="left"/></w:lvl>'
            "</w:abstractNum>"))
    elements.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="{LIST_ABSTRACT_IDS["cn"]}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:firstLine="480"/></w:pPr></w:lvl></w:abstractNum>'))
    elements.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="{LIST_ABSTRACT_IDS["dec"]}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:firstLine="480"/></w:pPr></w:lvl></w:abstractNum>'))
    if h2_style:
        elements.append(parse_xml(
            f'<w:num {ns} w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="{HEADING_ABSTRACT_ID}"/></w:num>'))
    return elements


class Builder:
    """Turns the item list of one document into a python-docx Document."""

    def __init__(self, header: str, h2_style: str | None, title: str):
        self.doc = docx.Document()
        self.h2_style = h2_style
        self.numbering = self.doc.part.numbering_part.element
        self.next_num_id = 100
        self._setup_page(header)
        self._setup_styles()
        self._setup_numbering()
        self._setup_properties(title)

    # setup ---------------------------------------------------------------------------------
    def _setup_page(self, header: str) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
        hp = section.header.paragraphs[0]
        hp.text = header
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run("第 ")
        self._field(fp, "PAGE", "1")
        fp.add_run(" 页")

    @staticmethod
    def _field(paragraph, instruction: str, shown: str) -> None:
        """A complex field (fldChar begin/instrText/separate/result/end), as Word writes PAGE."""
        def fld(kind: str):
            run = paragraph.add_run()
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        fld("begin")
        run = paragraph.add_run()
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        fld("separate")
        paragraph.add_run(shown)
        fld("end")

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(12)
        _set_east_asian_font(normal.element, "宋体")
        normal.paragraph_format.space_after = Pt(3)
        normal.paragraph_format.line_spacing = 1.15
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(9)
        for name, size, center in (("Heading 1", 16, True), ("Heading 2", 13, False)):
            st = styles[name]
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.color.rgb = RGBColor(0, 0, 0)
            _set_east_asian_font(st.element, "黑体")
            pf = st.paragraph_format
            pf.space_before = Pt(12)
            pf.space_after = Pt(6)
            if center:
                pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
                pf.page_break_before = True
        if self.h2_style:
            for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
                ppr = styles[name].element.get_or_add_pPr()
                numpr = ppr.get_or_add_numPr()
                numpr.get_or_add_ilvl().val = ilvl
                numpr.get_or_add_numId().val = HEADING_NUM_ID

    def _setup_numbering(self) -> None:
        first_num = self.numbering.find(qn("w:num"))
        for el in _numbering_xml(self.h2_style):
            if el.tag == qn("w:abstractNum") and first_num is not None:
                first_num.addprevious(el)  # schema order: every abstractNum before any num
            else:
                self.numbering.append(el)

    def _setup_properties(self, title: str) -> None:
        cp = self.doc.core_properties
        cp.title = title
        cp.author = "XX招标咨询有限公司"
        cp.last_modified_by = "XX招标咨询有限公司"
        cp.comments = "示例文件，由 examples/make_examples.py 生成"
        cp.created = FIXED_TIME
        cp.modified = FIXED_TIME
        cp.last_printed = FIXED_TIME
        cp.revision = 1
        pkg = self.doc.part.package
        for rid, rel in list(pkg.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                pkg.rels.pop(rid)

    # items ---------------------------------------------------------------------------------
    def add(self, items: Sequence[Item]) -> None:
        for item in items:
            getattr(self, "_" + item[0])(*item[1:])

    def _cover(self, lines: Sequence[str]) -> None:
        for i, line in enumerate(lines):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if i == 0:
                p.paragraph_format.space_before = Pt(120)
            run = p.add_run(line)
            run.bold = i < 2
            run.font.size = Pt(22 if i == 0 else 18 if i == 1 else 14)
            if i == 1:
                p.paragraph_format.space_after = Pt(100)

    def _h1(self, title: str) -> None:
        self.doc.add_paragraph(title, style="Heading 1")

    def _h2(self, title: str) -> None:
        self.doc.add_paragraph(title, style="Heading 2")

    def _p(self, text: str) -> None:
        p = self.doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(24)

    def _right(self, text: str) -> None:
        p = self.doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _note(self, text: str) -> None:
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(10.5)

    def _break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _list(self, kind: str, entries: Sequence[str]) -> None:
        """A numbered list that restarts at 1 (its own w:num with a startOverride)."""
        num_id = self.next_num_id
        self.next_num_id += 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{LIST_ABSTRACT_IDS[kind]}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        for entry in entries:
            p = self.doc.add_paragraph(entry)
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = num_id

    def _table(self, widths_cm: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for c, width in enumerate(widths_cm):  # w:gridCol (LibreOffice reads these) ...
            table.columns[c].width = Cm(width)
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.width = Cm(widths_cm[c])  # ... and w:tcW (Word reads these)
                lines = value.split("\n")
                cell.paragraphs[0].text = ""
                for i, line in enumerate(lines):
                    para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    run = para.add_run(line)
                    run.font.size = Pt(10.5)
                    run.bold = r == 0
                    para.paragraph_format.line_spacing = 1.0
                    if r == 0:
                        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.doc.add_paragraph()

    def to_bytes(self) -> bytes:
        raw = io.BytesIO()
        self.doc.save(raw)
        return _fix_zip_times(raw.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    """Rewrite the package with a fixed timestamp on every member (python-docx uses 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_docx(items: Sequence[Item], header: str, title: str, h2_style: str | None = "legal") -> bytes:
    """``h2_style``: see H2_LEVELS; None = no automatic heading numbering."""
    builder = Builder(header, h2_style, title)
    builder.add(items)
    return builder.to_bytes()


# --- LibreOffice conversion ---------------------------------------------------------------------


def find_soffice() -> str | None:
    for cand in (os.environ.get("CHECKER_SOFFICE"), "soffice", "libreoffice",
                 "/usr/lib/libreoffice/program/soffice"):
        if cand and shutil.which(cand):
            return shutil.which(cand)
    return None


def convert(docx_bytes: bytes, stem: str, fmt: str, timeout: float = 180.0) -> bytes:
    """Convert .docx bytes with LibreOffice headless (private profile, temp dir) to ``fmt`` bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）才能生成 PDF/DOC 示例："
                         "apt-get install -y --no-install-recommends libreoffice-writer fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="make_examples_") as tmp:
        src = Path(tmp) / f"{stem}.docx"
        src.write_bytes(docx_bytes)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", tmp, str(src)]
        subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = Path(tmp) / f"{stem}.{fmt.split(':')[0]}"
        if not out.exists():
            raise SystemExit(f"LibreOffice 没有生成 {out.name}")
        return out.read_bytes()


# --- content: 政府采购 货物 (医疗设备) with planted violations -------------------------------------

GP_PROJECT = "XX市人民医院医疗设备采购项目"
GP_HEADER = "XX市人民医院设备采购项目 招标文件"


def gp_goods_items() -> list[Item]:
    return [
        ("cover", [GP_PROJECT, "招 标 文 件", "（公开招标）", "项目编号：XXZC-2026-0318",
                   "采购人：XX市人民医院", "采购代理机构：XX招标咨询有限公司", "二〇二六年三月"]),
        # 第一章 -------------------------------------------------------------------------------
        ("h1", "招标公告"),
        ("p", "XX招标咨询有限公司受XX市人民医院委托，对XX市人民医院医疗设备采购项目进行公开招标，"
              "欢迎合格的供应商前来投标。"),
        ("h2", "项目基本情况"),
        ("list", "dec", [
            "项目编号：XXZC-2026-0318。",
            f"项目名称：{GP_PROJECT}。",
            "采购方式：公开招标。",
            "预算金额：人民币280万元（贰佰捌拾万元整）。",
            "最高限价：人民币280万元。",
            "采购需求：数字化X射线摄影系统（DR）1台、彩色多普勒超声诊断仪2台、多参数心电监护仪10台，"
            "含运输、安装、调试、培训及质保期内售后服务，详见第五章采购需求。",
            "合同履行期限：合同签订后45日内完成供货、安装、调试并交付使用。",
            "本项目不接受联合体投标。",
            "本项目不接受进口产品参与投标。",
        ]),
        ("h2", "申请人的资格要求"),
        ("list", "dec", [
            "满足《中华人民共和国政府采购法》第二十二条规定。",
            "落实政府采购政策需满足的资格要求：本项目预算金额超过200万元，非专门面向中小企业采购，"
            "对符合条件的小微企业给予价格扣除优惠。",
            "本项目的特定资格要求：详见第三章资格条件。",
        ]),
        ("h2", "获取招标文件"),
        ("p", "时间：2026年3月2日至2026年3月9日，每天上午8:30至11:30，下午14:30至17:30"
              "（北京时间，法定节假日除外）。"),
        ("p", "地点：XX市公共资源交易网电子交易平台。"),
        ("p", "方式：供应商使用CA数字证书登录电子交易平台免费下载招标文件。"),
        ("p", "售价：0元。"),
        ("h2", "提交投标文件截止时间、开标时间和地点"),
        ("p", "提交投标文件截止时间及开标时间：2026年3月25日9时30分（北京时间）。"),
        ("p", "地点：XX市公共资源交易中心第三开标室。"),
        ("h2", "公告期限"),
        ("p", "自本公告发布之日起5个工作日。"),
        ("h2", "其他补充事宜"),
        ("p", "本项目执行节能产品、环境标志产品政府采购政策，执行促进中小企业发展、支持监狱企业发展、"
              "促进残疾人就业等政府采购政策。"),
        ("p", "采购人或采购代理机构将通过“信用中国”网站（www.creditchina.gov.cn）、中国政府采购网"
              "（www.ccgp.gov.cn）查询供应商的信用记录。"),
        ("h2", "对本次招标提出询问，请按以下方式联系"),
        ("p", "采购人：XX市人民医院；地址：XX市健康路88号；联系人：张老师；电话：0XXX-6288XXXX。"),
        ("p", "采购代理机构：XX招标咨询有限公司；地址：XX市人民路100号；联系人：李工；电话：0XXX-6255XXXX。"),
        # 第二章 -------------------------------------------------------------------------------
        ("h1", "投标人须知"),
        ("h2", "投标人须知前附表"),
        ("p", "本表是对投标人须知的具体补充和修改，如有矛盾，应以本表为准。"),
        ("table", (1.8, 3.6, 10.4), ("条款号", "条款名称", "编列内容"), [
            ("1.1", "采购人", "XX市人民医院"),
            ("1.2", "采购代理机构", "XX招标咨询有限公司"),
            ("1.3", "项目名称", GP_PROJECT),
            ("1.4", "预算金额", "人民币280万元；投标报价超过预算金额的，投标无效。"),
            ("1.5", "核心产品", "数字化X射线摄影系统（DR）。提供相同品牌核心产品且通过资格审查、符合性审查的"
                                "不同投标人参加同一合同项下投标的，按一个投标人计算。"),
            ("2.1", "联合体投标", "不接受。"),
            ("3.1", "投标有效期", "自投标截止之日起90日。"),
            ("3.2", "投标保证金", "投标保证金金额：人民币8万元（捌万元整）。\n"
                                 "提交形式：支票、汇票、本票或者金融机构、担保机构出具的保函等非现金形式，"
                                 "由投标人自主选择；到账截止时间与投标截止时间一致。"),
            ("3.3", "履约保证金", "中标人应在合同签订前提交合同金额5%的履约保证金，可以银行保函形式提交。"),
            ("4.1", "开标方式", "现场开标。"),
            ("4.2", "开标要求", "投标人的法定代表人须亲自到场参加开标会，并携带本人身份证原件备查；"
                               "法定代表人未到场的，其投标作无效投标处理。"),
            ("5.1", "评标方法", "综合评分法。"),
            ("5.2", "评标委员会", "由采购人代表1人和评审专家4人共5人组成，评审专家从XX省政府采购评审专家库中随机抽取。"),
            ("6.1", "中小企业价格扣除", "对小型和微型企业产品的价格给予10%的扣除，用扣除后的价格参与评审。"
                                     "监狱企业、残疾人福利性单位视同小型、微型企业。"),
            ("6.2", "中小企业划分标准所属行业", "工业。"),
            ("7.1", "合同签订", "中标通知书发出之日起30日内。"),
        ]),
        ("h2", "总则"),
        ("p", "本招标文件适用于XX市人民医院医疗设备采购项目的招标、投标、评标、定标、验收、合同履约和付款等。"),
        ("p", "合格投标人应当是提供本项目采购标的的法人、其他组织或者自然人，并满足本招标文件规定的资格条件。"),
        ("p", "单位负责人为同一人或者存在直接控股、管理关系的不同投标人，不得参加同一合同项下的政府采购活动。"),
        ("p", "为采购项目提供整体设计、规范编制或者项目管理、监理、检测等服务的供应商，不得再参加该采购项目的"
              "其他采购活动。"),
        ("p", "投标人参加投标所发生的一切费用自理，无论投标结果如何，采购人和采购代理机构均不承担。"),
        ("h2", "招标文件的澄清与修改"),
        ("p", "投标人应仔细阅读招标文件的全部内容，如有疑问，应在投标截止时间10日前以书面形式向采购代理机构提出。"),
        ("p", "采购人或者采购代理机构可以对已发出的招标文件进行必要的澄清或者修改，澄清或者修改的内容可能影响"
              "投标文件编制的，应当在投标截止时间至少15日前通知所有获取招标文件的潜在投标人；不足15日的，"
              "顺延提交投标文件的截止时间。"),
        ("h2", "投标文件的编制"),
        ("p", "投标文件应按第八章规定的格式编制，投标人应如实填写所投产品的品牌、规格型号、生产厂家及产地。"),
        ("p", "投标人对同一合同项下的货物只能提供一个投标方案，本项目不接受备选投标方案。"),
        ("p", "投标报价应包括货物、运输、保险、安装、调试、培训、税费及质保期内售后服务等全部费用。"),
        ("p", "投标文件应加盖投标人电子签章；采购人可以通过互联网查询的信息，投标人无需另行提供证明材料。"),
        ("h2", "开标与评标"),
        ("p", "采购代理机构按招标公告规定的时间和地点组织开标，开标由采购代理机构主持，采购人代表、"
              "监督人员参加。"),
        ("p", "评标委员会成员名单在评标结果确定前应当保密。"),
        ("p", "评标委员会认为投标人的报价明显低于其他通过符合性审查投标人的报价，有可能影响产品质量或者不能诚信"
              "履约的，应当要求其在评标现场合理的时间内提供书面说明，必要时提交相关证明材料；投标人不能证明其"
              "报价合理性的，评标委员会应当将其作为无效投标处理。"),
        ("h2", "合同授予"),
        ("p", "采购人应当自中标通知书发出之日起30日内，按照招标文件和中标人投标文件的规定，与中标人签订书面合同。"),
        ("p", "采购代理机构应当自中标通知书发出之日起5个工作日内退还未中标人的投标保证金，自采购合同签订之日起"
              "5个工作日内退还中标人的投标保证金。"),
        ("p", "投标人认为招标文件、招标过程和中标结果使自己的权益受到损害的，可以在知道或者应知其权益受到损害之日"
              "起7个工作日内，以书面形式向采购人或者采购代理机构提出质疑。"),
        # 第三章 -------------------------------------------------------------------------------
        ("h1", "资格条件"),
        ("p", "投标人须同时满足下列资格条件，并在投标文件中提供相应证明材料；资格审查不合格的，投标无效。"),
        ("h2", "基本资格条件"),
        ("list", "cn", [
            "具有独立承担民事责任的能力：提供营业执照副本复印件，营业执照应清晰显示统一社会信用代码、注册资本、"
            "成立日期、经营范围等登记信息。",
            "具有良好的商业信誉和健全的财务会计制度：提供2024年度经审计的财务报告，或其基本开户银行出具的资信证明；"
            "成立时间不足一年的，可提供财务报表。",
            "具有履行合同所必需的设备和专业技术能力：提供书面声明。",
            "有依法缴纳税收和社会保障资金的良好记录：提供投标截止日前6个月内任意1个月的缴纳凭证；"
            "依法免税或不需要缴纳社会保障资金的，提供相应证明。",
            "参加政府采购活动前三年内，在经营活动中没有重大违法记录：提供书面声明。",
            "法律、行政法规规定的其他条件。",
        ]),
        ("h2", "特定资格条件"),
        ("list", "cn", [
            "投标人须具有有效的《医疗器械经营许可证》或第二类医疗器械经营备案凭证；投标人为所投产品生产企业的，"
            "提供《医疗器械生产许可证》。",
            "所投产品须具有有效的《医疗器械注册证》。",
            "投标人须为在本市注册的企业，或在本市设有分公司（提供分公司营业执照复印件）。",
            "投标人注册资本不低于人民币1000万元。",
            "投标人须成立满3年（以营业执照登记的成立日期为准）。",
            "投标人2024年度营业收入不少于3000万元（以经审计的财务报告为准）。",
            "投标人须提供所投数字化X射线摄影系统生产厂家针对本项目出具的授权书原件。",
            "投标人须提供2023年1月1日以来同类项目业绩合同1份（同类项目指医用X射线影像设备的供货及安装项目）。",
        ]),
        ("h2", "信用记录"),
        ("p", "采购代理机构将于投标截止时间当日通过“信用中国”网站、中国政府采购网查询投标人的信用记录，"
              "查询结果以网页截图方式存档。"),
        ("p", "对列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单的投标人，"
              "拒绝其参与本项目政府采购活动。"),
        # 第四章 -------------------------------------------------------------------------------
        ("h1", "评标办法及评分标准"),
        ("h2", "评标方法"),
        ("p", "本项目采用综合评分法。评标委员会对通过资格审查和符合性审查的投标文件，按照本章规定的评分标准"
              "独立评分，评标结果按评审后得分由高到低顺序排列。"),
        ("p", "得分相同的，按投标报价由低到高顺序排列；得分且投标报价相同的并列。"),
        ("p", "评标过程中，不得去掉报价中的最高报价和最低报价。"),
        ("p", "本章未规定的评标标准不得作为评审的依据。"),
        ("h2", "评分标准"),
        ("table", (2.6, 1.4, 11.8), ("评分因素", "分值", "评分标准"), [
            ("价格分", "30", "满足招标文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分。其他投标人的"
                           "价格分统一按照下列公式计算：投标报价得分=(评标基准价／投标报价)×30。"
                           "小微企业价格扣除按第二章前附表执行。"),
            ("技术参数响应", "30", "第五章中标注“▲”的重要技术参数共15项，每满足1项得2分，满分30分；"
                                "以所投产品的产品彩页、技术白皮书或检测报告为准。"),
            ("技术方案", "10", "评委根据投标人提供的安装调试方案、质量保证措施进行综合评价：方案优的得10分，"
                            "良的得7分，中的得4分，差的得1分，未提供的不得分。"),
            ("售后服务", "10", "质保期在第六章要求的3年基础上每延长1年得2分，最高得4分；承诺接到报修后2小时内响应、"
                            "24小时内到达现场的得3分；承诺质保期内每年提供不少于2次免费巡检保养的得3分。"),
            ("培训方案", "5", "培训方案包含以下内容的，每项得1分，最高得5分：（1）培训计划与课时安排；"
                           "（2）设备操作培训；（3）日常维护保养培训；（4）工程师技术培训；（5）培训考核。"),
            ("同类业绩", "6", "投标人自2023年1月1日以来在本省完成的同类医疗设备供货业绩（以合同复印件为准），"
                           "每提供1份得2分，最高得6分。"),
            ("企业资质", "4", "投标人具有有效的ISO9001质量管理体系认证证书的得2分；"
                           "具有AAA级企业信用等级证书的得2分。"),
            ("节能环保", "5", "所投产品属于节能产品、环境标志产品品目清单范围，且具有国家确定的认证机构出具的、"
                           "处于有效期之内的节能产品或环境标志产品认证证书的，每项得2.5分，最高得5分。"),
        ]),
        ("p", "注：总分100分。评标委员会成员应当按照客观、公正、审慎的原则，根据本章规定的评审程序、评审方法和"
              "评审标准进行独立评审。"),
        # 第五章 -------------------------------------------------------------------------------
        ("h1", "采购需求"),
        ("h2", "项目概况"),
        ("p", "本项目采购数字化X射线摄影系统1台、彩色多普勒超声诊断仪2台、多参数心电监护仪10台，用于XX市人民医院"
              "门诊医技楼放射科、超声科和住院部。"),
        ("p", "标注“★”的条款为实质性要求，投标人必须全部满足，否则投标无效；标注“▲”的为重要技术参数。"),
        ("h2", "采购清单"),
        ("table", (1.4, 6.0, 1.6, 1.6, 5.2), ("序号", "货物名称", "数量", "单位", "单项最高限价（万元）"), [
            ("1", "数字化X射线摄影系统（DR）", "1", "台", "130"),
            ("2", "彩色多普勒超声诊断仪", "2", "台", "60"),
            ("3", "多参数心电监护仪", "10", "台", "3"),
        ]),
        ("h2", "数字化X射线摄影系统技术参数"),
        ("table", (1.4, 3.6, 10.8), ("序号", "参数名称", "技术要求"), [
            ("1", "用途", "用于全身各部位的数字化X射线摄影检查。"),
            ("2", "★高压发生器", "高频逆变高压发生器，额定输出功率≥65kW，管电压范围40kV–150kV。"),
            ("3", "▲X射线球管", "采用西门子（SIEMENS）品牌旋转阳极球管，阳极热容量≥300kHU。"),
            ("4", "▲平板探测器", "碘化铯平板探测器，有效成像面积≥43cm×43cm，像素尺寸≤150μm。"),
            ("5", "▲图像处理", "具备多频处理、自动拼接功能，拼接长度≥120cm。"),
            ("6", "网络接口", "支持DICOM 3.0标准，须能与采购人现有的东软（Neusoft）PACS系统实现对接，"
                           "接口费用由中标人承担。"),
            ("7", "安全标准", "符合GB 9706.1-2020《医用电气设备 第1部分：基本安全和基本性能的通用要求》。"),
        ]),
        ("h2", "彩色多普勒超声诊断仪技术参数"),
        ("table", (1.4, 3.6, 10.8), ("序号", "参数名称", "技术要求"), [
            ("1", "▲主机", "全数字化超声诊断平台，数字化通道数≥65536。"),
            ("2", "▲探头", "标配凸阵、线阵、相控阵探头各1把，探头频率范围覆盖1MHz–15MHz。"),
            ("3", "显示器", "≥21.5英寸高分辨率医用显示器，可多角度调节。"),
            ("4", "存储与传输", "内置硬盘≥1TB，支持DICOM存储、打印、工作列表。"),
        ]),
        ("h2", "多参数心电监护仪技术参数"),
        ("table", (1.4, 3.6, 10.8), ("序号", "参数名称", "技术要求"), [
            ("1", "监测参数", "心电、无创血压、血氧饱和度、呼吸、体温。"),
            ("2", "显示屏", "≥12.1英寸彩色触摸屏。"),
            ("3", "耗材", "血氧探头、血压袖带等耗材采用通用型接口，不得限定使用原厂专用耗材。"),
            ("4", "中央监护", "支持有线及无线方式接入采购人现有中央监护系统（HL7协议）。"),
        ]),
        ("h2", "验收"),
        ("p", "采购人按照国家有关规定以及招标文件、投标文件和合同约定组织验收，验收合格后签署验收报告。"),
        ("p", "验收时中标人应提供产品合格证、医疗器械注册证、使用说明书及辐射安全相关检测报告。"),
        # 第六章 -------------------------------------------------------------------------------
        ("h1", "商务要求"),
        ("list", "dec", [
            "交货期：合同签订后45日内完成供货、安装、调试并交付使用。",
            "交货地点：XX市人民医院（本市健康路88号）采购人指定地点。",
            "★质保期：整机免费质保不少于3年，自验收合格之日起计算。",
            "售后服务：中标人应在接到采购人报修通知后2小时内响应，24小时内派工程师到达现场，48小时内排除故障。",
            "中标人须在本市设有常驻售后服务机构，并配备不少于2名专职工程师。",
            "付款方式：设备验收合格后支付合同金额的60%，剩余40%待项目经XX市审计局审计结束后，以审计结果为准支付。",
            "中标人不得将合同转包；经采购人同意，可以将非主体、非关键性工作分包。",
            "培训：中标人应为采购人免费培训操作及维护人员，直至其能独立操作和日常维护。",
        ]),
        # 第七章 -------------------------------------------------------------------------------
        ("h1", "合同条款"),
        ("p", "政府采购合同（货物类）范本"),
        ("p", "甲方（采购人）：XX市人民医院"),
        ("p", "乙方（中标人）：____________________"),
        ("p", "根据《中华人民共和国民法典》《中华人民共和国政府采购法》及本项目招标文件、乙方投标文件，"
              "甲乙双方经协商一致，订立本合同。"),
        ("h2", "合同标的及金额"),
        ("p", "合同标的为数字化X射线摄影系统、彩色多普勒超声诊断仪、多参数心电监护仪，具体品牌、规格型号、"
              "数量和单价见附件分项报价表。合同总价为人民币____元，为固定总价。"),
        ("h2", "付款"),
        ("p", "甲方应自收到乙方发票后30日内将资金支付到合同约定的乙方账户。"),
        ("p", "甲方逾期付款的，应按照每日万分之五向乙方支付逾期利息。"),
        ("h2", "违约责任"),
        ("p", "乙方逾期交货的，每逾期1日按合同金额的0.5‰向甲方支付违约金；逾期超过30日的，甲方有权解除合同。"),
        ("p", "乙方所交货物的品牌、规格型号与投标文件不一致的，甲方有权拒收，并要求乙方承担违约责任。"),
        ("h2", "争议解决"),
        ("p", "因本合同引起的争议，双方应协商解决；协商不成的，任何一方可向甲方所在地人民法院提起诉讼。"),
        ("p", "本合同一式四份，甲乙双方各执二份，自双方签字盖章之日起生效。"),
        # 第八章 -------------------------------------------------------------------------------
        ("h1", "投标文件格式"),
        ("h2", "投标函"),
        ("p", "致：XX市人民医院"),
        ("p", f"我方全面研究了{GP_PROJECT}（项目编号：XXZC-2026-0318）招标文件，决定参加投标。"
              "我方承诺投标有效期为自投标截止之日起90日，并承诺已满足招标文件规定的全部资格条件。"),
        ("p", "投标人（电子签章）：____________    日期：____年__月__日"),
        ("h2", "开标一览表"),
        ("table", (4.4, 3.4, 2.6, 2.6, 2.8), ("项目名称", "投标总价（元）", "交货期", "质保期", "备注"), [
            (GP_PROJECT, "", "", "", ""),
        ]),
        ("h2", "分项报价表"),
        ("table", (1.0, 2.6, 1.8, 2.2, 2.2, 1.4, 1.2, 1.6, 1.8),
         ("序号", "货物名称", "品牌", "规格型号", "生产厂家", "产地", "数量", "单价（元）", "总价（元）"), [
            ("1", "数字化X射线摄影系统", "", "", "", "", "1", "", ""),
            ("2", "彩色多普勒超声诊断仪", "", "", "", "", "2", "", ""),
            ("3", "多参数心电监护仪", "", "", "", "", "10", "", ""),
        ]),
        ("note", "注：投标人应如实填写所投产品的品牌、规格型号、生产厂家及产地；“品牌”栏须填写所投产品的具体品牌，"
                 "不得填写“详见技术参数”或留空。"),
        ("h2", "技术参数响应偏离表"),
        ("table", (1.0, 5.0, 5.2, 2.0, 2.6), ("序号", "招标文件要求", "投标响应（品牌、型号及参数）", "偏离情况",
                                              "证明材料页码"), [("", "", "", "", "")]),
        ("note", "注：投标人应逐条如实填写，偏离情况填写“无偏离”“正偏离”或“负偏离”。"),
        ("h2", "法定代表人授权委托书"),
        ("p", "本授权委托书声明：我________（姓名）系________（投标人名称）的法定代表人，现授权委托________（姓名）"
              "为我公司的委托代理人，以本公司的名义参加本项目的投标活动。委托代理人无转委托权。"),
        ("p", "法定代表人（签字或盖章）：____________    委托代理人（签字）：____________"),
        ("h2", "中小企业声明函（货物）"),
        ("p", "本公司（联合体）郑重声明，根据《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）的规定，"
              f"本公司（联合体）参加XX市人民医院的{GP_PROJECT}采购活动，提供的货物全部由符合政策要求的中小企业制造。"
              "相关企业（含联合体中的中小企业、签订分包意向协议的中小企业）的具体情况如下："),
        ("p", "1.（标的名称），属于工业行业；制造商为（企业名称），从业人员____人，营业收入为____万元，"
              "资产总额为____万元，属于（中型企业、小型企业、微型企业）。"),
        ("p", "以上企业，不属于大企业的分支机构，不存在控股股东为大企业的情形，也不存在与大企业的负责人为同一人的情形。"),
        ("p", "本企业对上述声明内容的真实性负责。如有虚假，将依法承担相应责任。"),
        ("h2", "资格证明文件"),
        ("list", "dec", [
            "营业执照副本复印件（加盖公章）。",
            "2024年度经审计的财务报告或基本开户银行出具的资信证明。",
            "依法缴纳税收和社会保障资金的证明材料。",
            "参加政府采购活动前三年内在经营活动中没有重大违法记录的书面声明。",
            "《医疗器械经营许可证》或第二类医疗器械经营备案凭证复印件。",
        ]),
    ]


# --- content: 工程建设 施工招标 with planted violations -------------------------------------------

CB_PROJECT = "XX县第二中学教学综合楼建设工程"
CB_HEADER = "XX县第二中学教学综合楼建设工程施工招标文件"


def cb_works_items() -> list[Item]:
    return [
        ("cover", [CB_PROJECT, "施工招标文件", "招标编号：XXJS-2026-0407", "招标人：XX县教育体育局",
                   "招标代理机构：XX工程咨询有限公司", "二〇二六年四月"]),
        ("h1", "招标公告"),
        ("h2", "招标条件"),
        ("p", f"本招标项目{CB_PROJECT}已由XX县发展和改革局以X发改审批〔2026〕15号批准建设，项目业主为XX县教育体育局，"
              "建设资金来自财政资金，项目出资比例为100%，招标人为XX县教育体育局。项目已具备招标条件，"
              "现对该项目的施工进行公开招标。"),
        ("h2", "项目概况与招标范围"),
        ("list", "dec", [
            "建设地点：XX县城东新区文昌路以南。",
            "建设规模：总建筑面积约12600平方米，地上五层，钢筋混凝土框架结构。",
            "估算价：人民币2500万元。",
            "最高投标限价：人民币2460万元。",
            "计划工期：360日历天。",
            "标段划分：本次招标划分为1个标段。",
            "招标范围：施工图纸范围内的土建、装饰装修、给排水、电气安装工程。",
            "质量要求：合格。",
        ]),
        ("h2", "投标人资格要求"),
        ("list", "dec", [
            "投标人须具备建筑工程施工总承包二级及以上资质，并具有有效的安全生产许可证。",
            "投标人须为本省注册的建筑施工企业。",
            "拟派项目经理须具备建筑工程专业二级及以上注册建造师执业资格，具有有效的安全生产考核合格证书（B证），"
            "且未担任其他在施建设工程项目的项目经理。",
            "类似工程业绩：2021年1月1日以来，投标人完成过单体建筑面积不少于8000平方米的框架结构房屋建筑工程"
            "施工业绩1项。",
            "投标人、其法定代表人及拟派项目经理未被列入“信用中国”网站失信被执行人名单。",
            "本次招标实行资格后审，不接受联合体投标。",
        ]),
        ("h2", "招标文件的获取"),
        ("p", "凡有意参加投标者，请于2026年4月7日至2026年4月13日，登录XX省公共资源交易平台下载电子招标文件。"),
        ("p", "招标文件每套售价0元。"),
        ("h2", "投标文件的递交"),
        ("p", "投标文件递交的截止时间为2026年5月8日9时30分，地点为XX县公共资源交易中心。"),
        ("p", "逾期送达或者未送达指定地点的投标文件，招标人不予受理。"),
        ("h2", "发布公告的媒介"),
        ("p", "本次招标公告在XX省公共资源交易平台和中国招标投标公共服务平台上发布。"),
        ("h2", "联系方式"),
        ("p", "招标人：XX县教育体育局；地址：XX县人民路18号；联系人：王工；电话：0XXX-5522XXXX。"),
        ("p", "招标代理机构：XX工程咨询有限公司；地址：XX县建设路66号；联系人：赵工；电话：0XXX-5533XXXX。"),
        # 第二章 -------------------------------------------------------------------------------
        ("h1", "投标人须知"),
        ("h2", "投标人须知前附表"),
        ("table", (1.8, 3.8, 10.2), ("条款号", "条款名称", "编列内容"), [
            ("1.1.2", "招标人", "XX县教育体育局"),
            ("1.1.4", "项目名称", CB_PROJECT),
            ("1.2.1", "资金来源", "财政资金"),
            ("1.3.2", "计划工期", "360日历天"),
            ("1.3.3", "质量要求", "合格"),
            ("1.4.1", "投标人资质条件、能力和信誉", "见招标公告投标人资格要求。"),
            ("1.4.2", "是否接受联合体投标", "不接受。"),
            ("1.9.1", "踏勘现场", "招标人不组织踏勘现场，投标人可自行踏勘。"),
            ("2.2.1", "投标人要求澄清招标文件的截止时间", "2026年4月20日17时。"),
            ("3.2.4", "最高投标限价", "人民币2460万元。"),
            ("3.3.1", "投标有效期", "90日历天。"),
            ("3.4.1", "投标保证金", "投标保证金金额：人民币60万元（陆拾万元整）；本项目估算价为2500万元。\n"
                                   "形式：银行转账、银行保函或保证保险，由投标人自主选择。"),
            ("5.1", "开标时间和地点", "同投标截止时间；XX县公共资源交易中心开标室。"),
            ("5.2", "开标要求", "投标人的法定代表人须持本人身份证原件到场参加开标会，未到场的，其投标文件不予受理。"),
            ("6.1", "评标委员会的组建", "评标委员会由5人组成，其中招标人代表1人，从XX省综合评标专家库中随机抽取专家4人。"),
            ("7.1", "是否授权评标委员会确定中标人", "否，推荐的中标候选人数：3名。"),
            ("7.3.1", "履约担保", "中标人应提交中标合同金额10%的履约保证金，形式为银行保函或保证保险。"),
            ("7.5", "质量保证金", "工程质量保证金按工程价款结算总额的5%预留，缺陷责任期满后返还。"),
            ("10.1", "农民工工资保证金", "按XX省农民工工资保证金管理的有关规定执行。"),
        ]),
        ("h2", "总则"),
        ("p", "依法必须进行招标的项目的境内投标单位，以现金或者支票形式提交的投标保证金应当从其基本账户转出。"),
        ("p", "投标人不得存在下列情形之一：为招标人不具有独立法人资格的附属机构；为本标段的监理人或代建人；"
              "与本标段的监理人或代建人同为一个法定代表人的。"),
        ("p", "单位负责人为同一人或者存在控股、管理关系的不同单位，不得参加同一标段投标。"),
        ("h2", "开标与评标"),
        ("p", "招标人在投标人须知前附表规定的投标截止时间和地点公开开标，并邀请所有投标人的法定代表人或其委托代理人参加。"),
        ("p", "在确定中标人前，招标人不得与投标人就投标价格、投标方案等实质性内容进行谈判。"),
        ("p", "招标人应当自收到评标报告之日起3日内公示中标候选人，公示期不得少于3日。"),
        ("p", "招标人最迟应当在书面合同签订后5日内向中标人和未中标的投标人退还投标保证金及银行同期存款利息。"),
        # 第三章 -------------------------------------------------------------------------------
        ("h1", "评标办法"),
        ("h2", "评标方法"),
        ("p", "本次评标采用综合评估法。评标委员会对满足招标文件实质性要求的投标文件，按照本章规定的评分标准进行打分，"
              "并按得分由高到低顺序推荐中标候选人。"),
        ("p", "评标委员会完成初步评审后，可要求通过初步评审且投标报价最低的前三名投标人进行二次报价，"
              "以二次报价作为评标价。"),
        ("h2", "评分标准"),
        ("table", (2.8, 1.4, 11.6), ("评分因素", "分值", "评分标准"), [
            ("投标报价", "60", "以所有有效投标报价的算术平均值下浮3%作为评标基准价；投标报价等于评标基准价的得满分，"
                             "每高于评标基准价1%扣1分，每低于评标基准价1%扣0.5分。"),
            ("施工组织设计", "20", "施工方案与技术措施、质量管理体系与措施、安全管理体系与措施、环境保护与文明施工措施、"
                                "工程进度计划与措施、资源配备计划，每项内容完整且措施可行的得3分，内容有缺漏的得1分，"
                                "未提供的不得分；施工总平面布置图完整的得2分。"),
            ("项目管理机构", "8", "项目经理具有建筑工程专业一级注册建造师执业资格的得3分；技术负责人具有建筑工程类"
                               "高级工程师职称的得3分；安全员持有效安全生产考核合格证书（C证）的得2分。"),
            ("企业业绩与信誉", "12", "2021年1月1日以来完成的类似工程业绩（单体建筑面积不少于8000平方米），每项得2分，"
                                 "最高得6分；投标人近三年承建的工程获得本省优质工程奖的，每项得3分，最高得6分。"),
        ]),
        ("p", "评标委员会发现投标人的报价明显低于其他投标报价，使得其投标报价可能低于其个别成本的，应当要求该投标人"
              "作出书面说明并提供相关证明材料。"),
        # 第四章 -------------------------------------------------------------------------------
        ("h1", "合同条款及格式"),
        ("h2", "通用合同条款"),
        ("p", "本工程采用《中华人民共和国标准施工招标文件》（2007年版）通用合同条款。"),
        ("h2", "专用合同条款"),
        ("list", "dec", [
            "预付款：合同签订后，发包人按签约合同价的10%支付预付款。",
            "进度付款：按月支付已完成合格工程量价款的75%。",
            "质量保证金：发包人按工程价款结算总额的5%预留质量保证金。",
            "缺陷责任期：自工程实际竣工之日起24个月。",
            "承包人应按照《保障农民工工资支付条例》的规定开设农民工工资专用账户，按月足额支付农民工工资。",
        ]),
        # 第五章 -------------------------------------------------------------------------------
        ("h1", "工程量清单"),
        ("p", "本工程量清单依据《建设工程工程量清单计价规范》（GB 50500-2013）及施工图纸编制。"),
        ("table", (1.4, 5.2, 1.6, 2.6, 5.0), ("序号", "项目名称", "单位", "工程量", "备注"), [
            ("1", "土石方工程", "m³", "8650", ""),
            ("2", "混凝土及钢筋混凝土工程", "m³", "6120", "商品混凝土C30"),
            ("3", "砌筑工程", "m³", "2480", ""),
            ("4", "屋面及防水工程", "m²", "2630", ""),
        ]),
        # 第六章 -------------------------------------------------------------------------------
        ("h1", "技术标准和要求"),
        ("p", "本工程执行国家现行施工质量验收规范、标准以及工程所在地的有关规定。"),
        ("h2", "主要材料技术要求"),
        ("table", (3.0, 6.6, 6.2), ("材料名称", "技术要求", "品牌要求"), [
            ("电线电缆", "铜芯聚氯乙烯绝缘电缆，符合GB/T 5023的规定。", "须采用远东（FAR EAST）品牌产品。"),
            ("防水卷材", "SBS改性沥青防水卷材，厚度≥4mm，符合GB 18242的规定。",
             "东方雨虹、科顺或相当于上述品牌档次的产品。"),
            ("铝合金门窗型材", "型材壁厚≥1.4mm，符合GB/T 5237的规定。", "不指定品牌。"),
        ]),
        ("p", "本章所列参考品牌仅用于说明材料的质量和档次，投标人可选用性能、质量不低于参考品牌的其他品牌产品。"),
        # 第七章 -------------------------------------------------------------------------------
        ("h1", "投标文件格式"),
        ("h2", "投标函"),
        ("p", "致：XX县教育体育局"),
        ("p", f"我方已仔细研究了{CB_PROJECT}施工招标文件的全部内容，愿意以人民币____元的投标总报价，按合同约定"
              "实施和完成承包工程。"),
        ("h2", "拟用主要材料表"),
        ("table", (1.0, 3.6, 2.8, 3.2, 5.2), ("序号", "材料名称", "品牌", "规格型号", "生产厂家"),
         [("1", "电线电缆", "", "", ""), ("2", "防水卷材", "", "", "")]),
        ("note", "注：投标人应如实填写拟用材料的品牌、规格型号和生产厂家。"),
        ("h2", "法定代表人身份证明"),
        ("p", "投标人名称：________；姓名：________；职务：________；系________（投标人名称）的法定代表人。"),
    ]


# --- content: 政府采购 服务 (legacy .doc, typed headings) -------------------------------------------

SV_PROJECT = "XX区机关办公楼物业管理服务项目"


def gp_service_items() -> list[Item]:
    return [
        ("p", SV_PROJECT),
        ("p", "招标文件（公开招标）    项目编号：XXQC-2026-0512"),
        ("p", "第一章 招标公告"),
        ("p", f"项目名称：{SV_PROJECT}。采购人：XX区机关事务服务中心。"),
        ("p", "预算金额：人民币150万元（服务期一年）。本项目专门面向中小企业采购。"),
        ("p", "供应商应满足《中华人民共和国政府采购法》第二十二条规定的条件。"),
        ("p", "获取招标文件时间：2026年5月11日至2026年5月15日；提交投标文件截止时间：2026年6月3日9时30分。"),
        ("p", "第二章 资格条件"),
        ("p", "1.供应商须具有ISO9001质量管理体系认证证书。"),
        ("p", "2.供应商须为XX市物业管理协会会员单位。"),
        ("p", "3.供应商须在本区设有固定办公场所（提供房产证或租赁合同）。"),
        ("p", "4.供应商应按规定格式提供《中小企业声明函》。"),
        ("p", "第三章 评分标准"),
        ("table", (2.6, 1.4, 11.8), ("评分因素", "分值", "评分标准"), [
            ("价格分", "8", "满足招标文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分；"
                          "其他投标人的价格分=(评标基准价／投标报价)×8。"),
            ("服务方案", "40", "服务方案好的得40分，较好的得30分，一般的得15分。"),
            ("人员配置", "22", "驻场服务人员不少于12人的得10分；项目经理具有5年以上物业管理工作经历的得6分；"
                            "消防控制室值班人员持有消防设施操作员证的得6分。"),
            ("类似业绩", "10", "2023年以来承接过类似项目（指办公楼物业管理服务）的，每个得5分，最高得10分。"),
            ("服务承诺", "20", "承诺设备故障30分钟内到场处置的得10分；承诺每月提交服务质量报告的得10分。"),
        ]),
        ("p", "第四章 服务要求"),
        ("p", "服务内容包括办公楼保洁、秩序维护、设施设备运行维护、会议服务等。"),
        ("p", "驻场服务人员不少于12人，其中项目经理1名；消防控制室值班人员须持有效的消防设施操作员证。"),
        ("p", "第五章 合同主要条款"),
        ("p", "服务费按季度支付，采购人应自收到发票后30日内支付当季服务费。"),
    ]


# --- content: clean 政府采购 货物 (no violations) -------------------------------------------------

CL_PROJECT = "XX市第三中学教学设备采购项目"


def clean_items() -> list[Item]:
    return [
        ("cover", [CL_PROJECT, "招 标 文 件", "（公开招标）", "项目编号：XXZC-2026-0420",
                   "采购人：XX市第三中学", "采购代理机构：XX招标咨询有限公司", "二〇二六年四月"]),
        ("h1", "招标公告"),
        ("h2", "项目基本情况"),
        ("list", "dec", [
            f"项目名称：{CL_PROJECT}。",
            "采购方式：公开招标。",
            "预算金额：人民币150万元；最高限价：人民币150万元。",
            "采购需求：交互式智能平板60台、学生计算机120台，含安装调试及培训，详见第五章采购需求。",
            "本项目专门面向中小企业采购。",
            "本项目不接受联合体投标，不接受进口产品参与投标。",
        ]),
        ("h2", "申请人的资格要求"),
        ("list", "dec", [
            "满足《中华人民共和国政府采购法》第二十二条规定。",
            "落实政府采购政策需满足的资格要求：本项目专门面向中小企业采购，投标人应提供《中小企业声明函》。",
            "本项目无特定资格要求。",
        ]),
        ("h2", "获取招标文件"),
        ("p", "时间：2026年4月1日至2026年4月8日，每天上午8:30至11:30，下午14:30至17:30（北京时间，法定节假日除外）。"),
        ("p", "方式：供应商登录XX市公共资源交易网电子交易平台免费下载招标文件。"),
        ("h2", "提交投标文件截止时间、开标时间和地点"),
        ("p", "提交投标文件截止时间及开标时间：2026年4月23日9时30分（北京时间）；地点：XX市公共资源交易中心第二开标室。"),
        ("h2", "公告期限"),
        ("p", "自本公告发布之日起5个工作日。"),
        ("h2", "其他补充事宜"),
        ("p", "采购人或采购代理机构将通过“信用中国”网站、中国政府采购网查询供应商信用记录，对列入失信被执行人、"
              "重大税收违法失信主体、政府采购严重违法失信行为记录名单的供应商，拒绝其参与政府采购活动。"),
        # 第二章 ------------------------------------------------------------------------------
        ("h1", "投标人须知"),
        ("h2", "投标人须知前附表"),
        ("table", (1.8, 3.6, 10.4), ("条款号", "条款名称", "编列内容"), [
            ("1.1", "采购人", "XX市第三中学"),
            ("1.2", "预算金额", "人民币150万元；投标报价超过预算金额的，投标无效。"),
            ("1.3", "核心产品", "交互式智能平板。提供相同品牌核心产品且通过资格审查、符合性审查的不同投标人参加"
                                "同一合同项下投标的，按一个投标人计算。"),
            ("2.1", "投标保证金", "本项目不收取投标保证金。"),
            ("2.2", "履约保证金", "合同金额的5%，中标人可以支票、汇票、本票或者保函等非现金形式提交。"),
            ("3.1", "开标", "投标人可自愿派代表参加开标会；未参加开标的，视同认可开标结果。"),
            ("3.2", "评标委员会", "由采购人代表1人和从政府采购评审专家库中随机抽取的评审专家4人组成。"),
            ("4.1", "中小企业政策", "本项目专门面向中小企业采购；中小企业划分标准所属行业：工业。"),
            ("4.2", "合同签订", "中标通知书发出之日起30日内。"),
        ]),
        ("h2", "总则"),
        ("p", "采购人不得将投标人的注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件作为资格要求"
              "或者评审因素。"),
        ("p", "采购人不得要求投标人提供《中小企业声明函》之外的中小企业身份证明文件。"),
        ("p", "对于供应商法定代表人已经出具委托书的，不得要求供应商法定代表人亲自领购采购文件或者到场参加开标。"),
        ("p", "投标人应如实填写所投产品的品牌、规格型号及生产厂家。"),
        ("h2", "澄清与修改"),
        ("p", "采购人或者采购代理机构对已发出的招标文件进行必要的澄清或者修改，澄清或者修改的内容可能影响投标文件编制的，"
              "应当在投标截止时间至少15日前通知所有获取招标文件的潜在投标人；不足15日的，顺延提交投标文件的截止时间。"),
        # 第三章 ------------------------------------------------------------------------------
        ("h1", "资格审查"),
        ("list", "cn", [
            "具有独立承担民事责任的能力：提供营业执照副本复印件，营业执照应清晰显示统一社会信用代码、注册资本、"
            "成立日期等登记信息。",
            "具有良好的商业信誉和健全的财务会计制度：提供2024年度财务报告或基本开户银行出具的资信证明；"
            "新成立的企业可提供财务报表。",
            "有依法缴纳税收和社会保障资金的良好记录：提供投标截止日前6个月内任意1个月的缴纳凭证。",
            "参加政府采购活动前三年内，在经营活动中没有重大违法记录：提供书面声明。",
            "本项目专门面向中小企业采购，投标人应提供《中小企业声明函》。",
        ]),
        # 第四章 ------------------------------------------------------------------------------
        ("h1", "评标办法及评分标准"),
        ("p", "本项目采用综合评分法，评标过程中不得去掉报价中的最高报价和最低报价。"),
        ("table", (2.6, 1.4, 11.8), ("评分因素", "分值", "评分标准"), [
            ("价格分", "30", "满足招标文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分；其他投标人的"
                           "价格分=(评标基准价／投标报价)×30。"),
            ("技术参数响应", "40", "第五章中标注“▲”的技术参数共20项，每满足1项得2分，满分40分。"),
            ("售后服务", "15", "质保期在3年基础上每延长1年得3分，最高得6分；承诺接到报修后2小时内响应、"
                            "24小时内到达现场的得5分；承诺每学期提供1次免费巡检的得4分。"),
            ("培训方案", "10", "培训方案包含培训计划、教师操作培训、管理员维护培训、培训考核、培训资料五项内容，"
                            "每项得2分。"),
            ("同类业绩", "5", "2023年1月1日以来完成的交互式智能平板供货业绩，每份得2.5分，最高得5分。"),
        ]),
        # 第五章 ------------------------------------------------------------------------------
        ("h1", "采购需求"),
        ("p", "标注“★”的条款为实质性要求；标注“▲”的为重要技术参数。"),
        ("table", (1.4, 3.6, 10.8), ("序号", "参数名称", "技术要求"), [
            ("1", "▲显示屏", "交互式智能平板，屏幕尺寸≥86英寸，分辨率3840×2160。"),
            ("2", "▲处理器", "内置计算模块处理器核心数≥8核，主频≥2.5GHz，内存≥8GB。"),
            ("3", "兼容性", "须兼容采购人现有校园网络（支持IEEE 802.11ax及IEEE 802.3标准）。"),
            ("4", "安全标准", "符合GB 4943.1-2022《音视频、信息技术和通信技术设备 第1部分：安全要求》。"),
        ]),
        # 第六章 ------------------------------------------------------------------------------
        ("h1", "商务要求"),
        ("list", "dec", [
            "交货期：合同签订后30日内完成供货和安装调试。",
            "交货地点：XX市第三中学（本市学院路6号）。",
            "★质保期：不少于3年，自验收合格之日起计算。",
            "售后服务：接到报修后2小时内响应，24小时内到达现场。",
            "付款方式：验收合格后，采购人自收到发票之日起30日内支付合同全款。",
        ]),
        # 第七章 ------------------------------------------------------------------------------
        ("h1", "合同条款"),
        ("p", "甲方应自收到乙方发票后30日内将资金支付到合同约定的乙方账户；逾期支付的，按每日万分之五支付逾期利息。"),
        ("p", "因本合同引起的争议，协商不成的，任何一方可向甲方所在地人民法院提起诉讼。"),
        # 第八章 ------------------------------------------------------------------------------
        ("h1", "投标文件格式"),
        ("h2", "分项报价表"),
        ("table", (1.0, 3.0, 2.0, 2.6, 2.6, 1.4, 1.6, 1.8),
         ("序号", "货物名称", "品牌", "规格型号", "生产厂家", "数量", "单价（元）", "总价（元）"), [
            ("1", "交互式智能平板", "", "", "", "60", "", ""),
            ("2", "学生计算机", "", "", "", "120", "", ""),
        ]),
        ("note", "注：投标人应如实填写所投产品的品牌、规格型号和生产厂家。"),
        ("h2", "中小企业声明函（货物）"),
        ("p", "1.（标的名称），属于工业行业；制造商为（企业名称），从业人员____人，营业收入为____万元，"
              "资产总额为____万元，属于（中型企业、小型企业、微型企业）。"),
    ]


# --- what each example is meant to contain (read by tests/test_end_to_end.py --regen) ----------
# PLANTED: (snippet of the offending sentence, REFERENCE.md §1 category it violates). A planted
# violation counts as found when an error/warning finding's sentence contains the snippet.
# LOOKALIKES: lawful sentences using the same sensitive words; any finding on them is a false alarm.

PLANTED: dict[str, tuple[tuple[str, str], ...]] = {
    "gp_goods_tender.docx": (
        ("投标人须为在本市注册的企业，或在本市设有分公司", "BOTH-LOC-SEAT / BOTH-LOC-BRANCH"),
        ("投标人注册资本不低于人民币1000万元", "BOTH-SCALE-CAPITAL"),
        ("投标人须成立满3年", "BOTH-SCALE-AGE"),
        ("投标人2024年度营业收入不少于3000万元", "BOTH-SCALE-FIN"),
        ("生产厂家针对本项目出具的授权书原件", "GP-AUTH-MFR"),
        ("投标保证金金额：人民币8万元", "BOTH-FEE-BIDBOND (8万 > 预算280万×2%)"),
        ("投标人的法定代表人须亲自到场参加开标会", "BOTH-PROC-PRESENT"),
        ("方案优的得10分", "GP-SCORE-UNQUANT"),
        ("在本省完成的同类医疗设备供货业绩", "BOTH-LOC-PERF"),
        ("ISO9001质量管理体系认证证书的得2分", "BOTH-CERT-NONMAND"),
        ("具有AAA级企业信用等级证书的得2分", "BOTH-IND-ASSOC / BOTH-SCALE-CREDIT"),
        ("采用西门子（SIEMENS）品牌旋转阳极球管", "BOTH-BRAND-NAMED"),
        ("中标人须在本市设有常驻售后服务机构", "BOTH-LOC-BRANCH"),
        ("以审计结果为准支付", "BOTH-PAY-TERMS"),
    ),
    "cb_works_tender.pdf": (
        ("投标人须为本省注册的建筑施工企业", "BOTH-LOC-SEAT"),
        ("投标保证金金额：人民币60万元", "BOTH-FEE-BIDBOND (60万 > 估算价2500万×2%)"),
        ("投标人的法定代表人须持本人身份证原件到场参加开标会", "BOTH-PROC-PRESENT"),
        ("工程质量保证金按工程价款结算总额的5%预留", "BOTH-FEE-PERFBOND (质量保证金 > 3%)"),
        ("进行二次报价", "CB-PROC-NEGOTIATE"),
        ("获得本省优质工程奖的", "BOTH-LOC-AWARD"),
        ("须采用远东（FAR EAST）品牌产品", "BOTH-BRAND-NAMED"),
        ("发包人按工程价款结算总额的5%预留质量保证金", "BOTH-FEE-PERFBOND (专用合同条款, 质量保证金 > 3%)"),
    ),
    "gp_service_legacy.doc": (
        ("供应商须具有ISO9001质量管理体系认证证书", "BOTH-CERT-NONMAND"),
        ("供应商须为XX市物业管理协会会员单位", "BOTH-IND-ASSOC"),
        ("供应商须在本区设有固定办公场所", "BOTH-LOC-BRANCH"),
        ("其他投标人的价格分=(评标基准价／投标报价)×8", "GP-SCORE-PRICE (服务 价格分 8% < 10%)"),
        ("服务方案好的得40分", "GP-SCORE-UNQUANT"),
    ),
    "clean_tender.docx": (),
}

LOOKALIKES: dict[str, tuple[str, ...]] = {
    "gp_goods_tender.docx": (
        "本项目不接受进口产品参与投标",
        "满足《中华人民共和国政府采购法》第二十二条规定",
        "非专门面向中小企业采购，对符合条件的小微企业给予价格扣除优惠",
        "查询供应商的信用记录",
        "提供相同品牌核心产品且通过资格审查",
        "合同金额5%的履约保证金",
        "对小型和微型企业产品的价格给予10%的扣除",
        "单位负责人为同一人或者存在直接控股、管理关系的不同投标人",
        "投标人应如实填写所投产品的品牌、规格型号、生产厂家及产地",
        "营业执照应清晰显示统一社会信用代码、注册资本",
        "成立时间不足一年的，可提供财务报表",
        "依法免税或不需要缴纳社会保障资金的",
        "《医疗器械经营许可证》或第二类医疗器械经营备案凭证",
        "同类项目指医用X射线影像设备的供货及安装项目",
        "拒绝其参与本项目政府采购活动",
        "不得去掉报价中的最高报价和最低报价",
        "投标报价得分=(评标基准价／投标报价)×30",
        "每满足1项得2分，满分30分",
        "承诺接到报修后2小时内响应",
        "节能产品或环境标志产品认证证书的",
        "须能与采购人现有的东软（Neusoft）PACS系统实现对接",
        "符合GB 9706.1-2020",
        "不得限定使用原厂专用耗材",
        "本市健康路88号",
        "24小时内派工程师到达现场",
        "向甲方所在地人民法院提起诉讼",
        "甲方应自收到乙方发票后30日内",
        "“品牌”栏须填写所投产品的具体品牌",
        "营业收入为____万元",
        "不属于大企业的分支机构",
        "法定代表人（签字或盖章）",
    ),
    "cb_works_tender.pdf": (
        "建筑工程施工总承包二级及以上资质",
        "注册建造师执业资格",
        "单体建筑面积不少于8000平方米",
        "失信被执行人",
        "招标人不组织踏勘现场",
        "中标合同金额10%的履约保证金",
        "以现金或者支票形式提交的投标保证金应当从其基本账户转出",
        "不得与投标人就投标价格、投标方案等实质性内容进行谈判",
        "邀请所有投标人的法定代表人或其委托代理人参加",
        "东方雨虹、科顺或相当于上述品牌档次的产品",
        "不指定品牌",
        "投标人可选用性能、质量不低于参考品牌的其他品牌产品",
        "以所有有效投标报价的算术平均值下浮3%",
        "农民工工资保证金",
        "投标人应如实填写拟用材料的品牌",
    ),
    "gp_service_legacy.doc": (
        "第二十二条规定的条件",
        "《中小企业声明函》",
        "指办公楼物业管理服务",
        "消防设施操作员证",
        "收到发票后30日内支付当季服务费",
    ),
    "clean_tender.docx": (),  # every sentence of the clean example is lawful
}


# --- outputs --------------------------------------------------------------------------------------


def make_gp_goods() -> bytes:
    return build_docx(gp_goods_items(), GP_HEADER, f"{GP_PROJECT} 招标文件")


def make_clean() -> bytes:
    return build_docx(clean_items(), "XX市第三中学教学设备采购项目 招标文件", f"{CL_PROJECT} 招标文件")


def make_cb_docx() -> bytes:
    return build_docx(cb_works_items(), CB_HEADER, CB_HEADER, h2_style="cn")


def make_cb_pdf() -> bytes:
    return convert(make_cb_docx(), "cb_works_tender", "pdf")


def make_gp_service_doc() -> bytes:
    source = build_docx(gp_service_items(), f"{SV_PROJECT} 招标文件", SV_PROJECT, h2_style=None)
    return convert(source, "gp_service_legacy", "doc:MS Word 97")


TARGETS: dict[str, Callable[[], bytes]] = {
    "gp_goods_tender.docx": make_gp_goods,
    "cb_works_tender.pdf": make_cb_pdf,
    "gp_service_legacy.doc": make_gp_service_doc,
    "clean_tender.docx": make_clean,
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成 examples/ 下的示例招标文件")
    ap.add_argument("--out", type=Path, default=HERE, help="输出目录（默认 examples/）")
    ap.add_argument("--only", nargs="*", choices=sorted(TARGETS), help="只生成这些文件")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or TARGETS:
        data = TARGETS[name]()
        (args.out / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
