"""招标文件负面清单审查 — the review page (``make run`` / ``streamlit run app.py``).

A thin page over the ``checker`` package: widgets and layout only. Checking, decisions,
tables, the document view's HTML and every download come from ``checker.review``.

State lives in ``st.session_state`` (per browser session, never shared): checked results
keyed by file hash + settings, the reviewer's decisions keyed by document name + finding
fingerprint, and the previous result of each file name (for "re-check shows resolved and new").
Downloads are generated on click (deferred) with ``on_click="ignore"``, so downloading never
reruns the page or loses anything. Uploads are processed in memory.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from checker import review
from checker.match import Matcher
from checker.model import CONFIDENCE_ZH, REGIME_ZH, SEVERITY_ZH
from checker.rules import RuleSet, load_ruleset

TITLE = "招标文件负面清单审查"
TABS = ("概览", "问题列表", "文档视图", "下载", "规则库")
CONF_LEVELS = ("low", "medium", "high")

st.set_page_config(page_title=TITLE, page_icon="📑", layout="wide")


# -- cached, session-independent resources -------------------------------------------------------


@st.cache_resource(show_spinner="正在载入规则库…", max_entries=2)
def _load_rules(stamp: str) -> RuleSet:
    return load_ruleset()


def base_ruleset() -> RuleSet:
    """The bundled rules, reloaded when a rule file changes (rule authors can keep the page open)."""
    return _load_rules(review.rules_stamp())


@st.cache_resource(show_spinner=False, max_entries=16)
def _bundled(packs: tuple[str, ...], stamp: str) -> tuple[RuleSet, Matcher]:
    rs = review.select_packs(_load_rules(stamp), packs)
    return rs, Matcher(rs)


def bundled(packs: tuple[str, ...]) -> tuple[RuleSet, Matcher]:
    return _bundled(packs, review.rules_stamp())


def current_rules(packs: tuple[str, ...]) -> tuple[RuleSet, Matcher]:
    """Bundled packs (shared cache) plus this session's custom rules (kept in the session only)."""
    custom: review.CustomRules | None = st.session_state.custom
    rs, matcher = bundled(packs)
    if custom is None or not custom.rules:
        return rs, matcher
    key = (rs.digest, custom.digest)
    cached = st.session_state.custom_matcher
    if cached is None or cached[0] != key:
        merged = review.with_custom(rs, custom)
        cached = (key, merged, Matcher(merged))
        st.session_state.custom_matcher = cached
    return cached[1], cached[2]


def init_state() -> None:
    defaults = {"results": {}, "decisions": {}, "previous": {}, "last_by_name": {}, "example_on": True,
                "pasted": None, "custom": None, "custom_matcher": None, "focus": None, "flash": None}
    for k, v in defaults.items():
        if k not in st.session_state:
            st.session_state[k] = v


init_state()


# -- callbacks (run before the script, so they may set widget state) ------------------------------


def clear_example() -> None:
    st.session_state.example_on = False


def show_example() -> None:
    st.session_state.example_on = True


def check_pasted() -> None:
    text = (st.session_state.get("paste_text") or "").strip()
    st.session_state.pasted = text.encode("utf-8") if text else None


def clear_pasted() -> None:
    st.session_state.pasted = None
    st.session_state.paste_text = ""


def load_custom() -> None:
    upload = st.session_state.get("custom_file")
    text = st.session_state.get("custom_text") or ""
    if upload is not None:
        data, name = upload.getvalue(), upload.name
    elif text.strip():
        data, name = text.encode("utf-8"), "粘贴的规则.yaml"
    else:
        st.session_state.custom = None
        return
    st.session_state.custom = review.load_custom_rules(data, name, base_ruleset())


def clear_custom() -> None:
    st.session_state.custom = None
    st.session_state.custom_text = ""


def table_selected() -> None:
    sel = st.session_state.get("table")
    fids = st.session_state.get("table_fids") or []
    rows = (sel or {}).get("selection", {}).get("rows", []) if sel else []
    if rows and rows[0] < len(fids):
        st.session_state.pick = fids[rows[0]]


def locate(fid: str, chapter: str) -> None:
    st.session_state.focus = fid
    st.session_state.doc_chapter = chapter
    st.session_state.main_tab = "文档视图"


def save_decision(doc_name: str, finding, fid: str) -> None:
    choice = st.session_state.get(f"dec_{fid}", review.PENDING)
    reason = st.session_state.get(f"why_{fid}", "")
    err = review.set_decision(st.session_state.decisions, doc_name, finding, choice, reason)
    st.session_state.flash = ("error", err) if err else ("success", f"已保存：{choice}" + (f"（{reason.strip()}）" if reason.strip() else ""))


def confirm_all(items: list[tuple[str, str, object]]) -> None:
    for fid, doc_name, finding in items:
        review.set_decision(st.session_state.decisions, doc_name, finding, "确认问题")
        st.session_state.pop(f"dec_{fid}", None)  # the form shows the new decision, not a stale choice
    st.session_state.flash = ("success", f"已将 {len(items)} 个待处理问题标为“确认问题”")


# -- sidebar -------------------------------------------------------------------------------------

with st.sidebar:
    st.header(TITLE)
    uploads = st.file_uploader("上传招标文件（可多选）", type=list(review.UPLOAD_TYPES), accept_multiple_files=True,
                               on_change=clear_example,  # the user's own files replace the example
                               help="支持 .docx .pdf .doc .wps .txt；文件只在本次会话的内存中处理，关闭页面即丢弃。")
    with st.expander("或粘贴一段文字检查", expanded=False):
        st.text_area("招标文件文字（每行一段）", key="paste_text", height=140)
        c1, c2 = st.columns(2)
        c1.button("检查粘贴的文字", on_click=check_pasted, width="stretch")
        c2.button("清除", on_click=clear_pasted, width="stretch", key="clear_paste")
    example = review.example_files()
    if example:
        if st.session_state.example_on:
            st.caption(f"正在显示示例：{example[0].name}")
            st.button("清除示例", on_click=clear_example, width="stretch")
        else:
            st.button("载入示例文件", on_click=show_example, width="stretch")

    st.subheader("检查设置")
    regime = st.radio("适用清单", list(review.REGIME_OPTIONS), format_func=review.REGIME_OPTIONS.get,
                      horizontal=True, key="regime",
                      help="自动判断：根据“采购人/供应商”“招标人/标段”等用语判断是政府采购还是工程建设招标投标。")
    regime_box = st.container()
    packs = st.multiselect("规则包", list(review.PACKS), default=list(review.PACKS), format_func=review.PACKS.get,
                           key="packs")
    minimum = st.select_slider("最低可信度", options=list(CONF_LEVELS), value="low", format_func=CONFIDENCE_ZH.get,
                               key="min_conf", help="只显示并导出不低于该可信度的问题。")
    reviewer = st.text_input("审查人", value="审查人员", key="reviewer", help="写入豁免文件 waivers.yaml")
    with st.expander("自定义规则（YAML）", expanded=st.session_state.custom is not None):
        st.file_uploader("规则文件", type=["yaml", "yml"], key="custom_file")
        st.text_area("或粘贴规则 YAML", key="custom_text", height=120,
                     placeholder="- id: GP-LOCAL-901\n  title: …")
        c1, c2 = st.columns(2)
        c1.button("载入并校验", on_click=load_custom, width="stretch")
        c2.button("移除", on_click=clear_custom, width="stretch", key="clear_custom")
        custom: review.CustomRules | None = st.session_state.custom
        if custom is not None:
            if custom.rules:
                st.success(f"已载入 {len(custom.rules)} 条自定义规则（{custom.name}）")
            for msg in custom.messages:
                st.error(msg)

try:
    ruleset, matcher = current_rules(tuple(sorted(packs)))
except Exception as exc:  # noqa: BLE001 - a broken rule base must say so, not show a blank page
    st.error(f"规则库无法编译，无法检查：{type(exc).__name__}: {exc}。请运行 `python -m checker rules lint rules/` 查看原因。")
    st.stop()
settings = (regime, ruleset.digest)  # the digest covers the packs, the custom rules and rule-file edits


# -- check every input (cached per file hash + settings) -----------------------------------------

inputs: list[tuple[str, bytes, bool]] = []
if st.session_state.example_on and example:
    inputs.append((example[0].name, example[0].read_bytes(), True))
if st.session_state.pasted:
    inputs.append(("粘贴的文字.txt", st.session_state.pasted, False))
for up in uploads or []:
    inputs.append((up.name, up.getvalue(), False))

st.title(TITLE)
checked: list[review.Checked] = []
results: dict = st.session_state.results
progress_area = st.container()
STEP = {s: (i + 1) / (len(review.STAGES) + 1) for i, s in enumerate(review.STAGES)}
for name, data, is_example in inputs:
    key = (review.file_key(data), settings, name)
    if any((c.key, settings, c.name) == key for c in checked):
        continue  # the same file uploaded twice
    if key not in results:
        bar = progress_area.progress(0.0, text=f"{name}：准备")

        def stage(s: str, bar=bar, name=name) -> None:
            bar.progress(STEP[s], text=f"{name}：{s}…")

        done = review.check_upload(data, name, ruleset, regime, matcher, stage, example=is_example)
        last = st.session_state.last_by_name.get(name)
        if last is not None and last[0] != done.key and done.report.status == "ok":
            st.session_state.previous[done.key] = last[1]
        if done.report.status == "ok":
            st.session_state.last_by_name[name] = (done.key, done.report)
        results[key] = done
        n = len(done.report.findings)
        bar.progress(1.0, text=f"{name}：完成（{'无法检查' if done.report.status != 'ok' else f'{n} 处问题'}，"
                                f"用时 {done.seconds:.1f} 秒）")
    checked.append(results[key])
live = {(c.key, settings, c.name) for c in checked}
for k in [k for k in results if k not in live]:
    del results[k]

with regime_box:
    for c in checked:
        if c.report.status == "ok" and c.detected:
            st.caption(f"**{c.name}** 自动判断：{c.detected[0]}" + (f"（{'；'.join(c.detected[1:])}）" if c.detected[1:] else ""))

if not checked:
    st.info("在左侧上传招标文件（可一次多个），或粘贴一段文字；也可点击“载入示例文件”看看效果。")
    st.stop()

st.caption("自动标出招标文件中可能排斥、限制潜在投标人的条款，给出法律依据和修改建议。结果仅供审查参考，结论由审查人员作出。")
decisions: dict[str, review.Decision] = st.session_state.decisions
rows_all = review.rows_for(checked, decisions, minimum)
fid_index = {r.fid: r for r in rows_all}
now = dt.datetime.now().astimezone()
created = now.isoformat(timespec="seconds")

if st.session_state.flash:
    kind, msg = st.session_state.flash
    (st.error if kind == "error" else st.success)(msg)
    st.session_state.flash = None

tabs = st.tabs(list(TABS), key="main_tab", on_change="rerun")
tab_overview, tab_list, tab_doc, tab_dl, tab_rules = tabs


def is_open(tab) -> bool:
    return tab.open is not False


# -- 概览 ----------------------------------------------------------------------------------------

with tab_overview:
    cnt = review.counts(rows_all)
    open_total = sum(cnt["severity"].values())
    m = st.columns(6)
    m[0].metric("文件", len(checked))
    m[1].metric("待整改问题", open_total)
    for col, sev in zip(m[2:5], ("error", "warning", "info"), strict=True):
        col.metric(SEVERITY_ZH[sev], cnt["severity"].get(sev, 0))
    m[5].metric("已作结论", sum(v for k, v in cnt["decision"].items() if k != review.PENDING))
    for c in checked:
        with st.container(border=True):
            d = c.report
            st.markdown(f"**{c.name}**" + ("（示例）" if c.example else ""))
            if d.status != "ok":
                st.error(f"无法检查：{d.error}")
                continue
            r = d.regime
            if r is not None:
                how = "用户指定" if r.source == "user" else f"自动判断，把握 {round(r.confidence * 100)}%"
                st.markdown(f"适用清单：**{r.label}**（{how}）" + (f" — {'；'.join(r.reasons)}" if r.reasons else ""))
            meta = d.meta or {}
            st.caption(f"共 {meta.get('blocks', '?')} 段、{meta.get('sentences', '?')} 句；发现 {len(d.findings)} 处；"
                       f"用时 {c.seconds:.2f} 秒")
            for w in d.warnings:
                st.warning(w)
            prev = st.session_state.previous.get(c.key)
            if prev is not None:
                diff = review.compare(prev, d)
                st.info(f"与上一版本（同名文件）相比：新增 {len(diff.new)} 处，已解决 {len(diff.resolved)} 处，"
                        f"未变化 {diff.unchanged} 处。")
                if diff.new or diff.resolved:
                    with st.expander("查看新增与已解决的问题"):
                        for f in diff.new:
                            st.markdown(f"🆕 `{f.rule_id}` {f.title} — {review.md_escape(f.sentence)}")
                        for f in diff.resolved:
                            st.markdown(f"✅ `{f.rule_id}` {f.title} — ~~{review.md_escape(f.sentence)}~~")
    if rows_all:
        c1, c2 = st.columns([1, 1])
        with c1:
            st.markdown("**按章节**")
            st.bar_chart(pd.DataFrame({"问题数": cnt["chapter"]}).sort_values("问题数", ascending=False),
                         horizontal=True, height=max(160, 40 * len(cnt["chapter"])))
            st.markdown("**按严重程度**（待整改）：" + "，".join(
                f"{SEVERITY_ZH.get(k, k)} {v}" for k, v in review.severity_sorted(cnt["severity"]))
                + f"；已确认 {cnt['decision'].get('确认问题', 0)}，已忽略/误报 "
                  f"{cnt['decision'].get('忽略', 0) + cnt['decision'].get('误报', 0)}")
        with c2:
            st.markdown("**按类别**")
            st.dataframe(pd.DataFrame(review.category_table(rows_all)), hide_index=True, width="stretch")


# -- 问题列表 ------------------------------------------------------------------------------------

with tab_list:
    fc = st.columns([2, 2, 1.3, 1.3, 1.5, 2])
    chap_opts = sorted({r.chapter for r in rows_all})
    cat_opts = sorted({r.finding.category for r in rows_all})
    flt = review.Filters(
        chapters=tuple(fc[0].multiselect("章节", chap_opts, key="f_chapter", placeholder="全部")),
        categories=tuple(fc[1].multiselect("类别", cat_opts, key="f_category", placeholder="全部")),
        severities=tuple(fc[2].multiselect("严重程度", ["error", "warning", "info"], format_func=SEVERITY_ZH.get,
                                           key="f_severity", placeholder="全部")),
        confidences=tuple(fc[3].multiselect("可信度", list(reversed(CONF_LEVELS)), format_func=CONFIDENCE_ZH.get,
                                            key="f_confidence", placeholder="全部")),
        decisions=tuple(fc[4].multiselect("审查结论", [review.PENDING, *review.DECISIONS], key="f_decision",
                                                  placeholder="全部")),
        text=fc[5].text_input("搜索（规则编号、问题、原文）", key="f_text"),
    )
    shown = review.filter_rows(rows_all, flt)
    st.session_state.table_fids = [r.fid for r in shown]
    st.caption(f"显示 {len(shown)} / {len(rows_all)} 处问题。点选一行可在下方作出审查结论，或跳到文档中的位置。")
    records = review.table_records(shown, with_doc=len(checked) > 1)
    st.dataframe(pd.DataFrame(records) if records else pd.DataFrame(columns=["序号", "问题"]), hide_index=True,
                 width="stretch", on_select=table_selected, selection_mode="single-row", key="table",
                 height=min(420, 38 + 35 * max(1, len(records))),
                 column_config={"原文": st.column_config.TextColumn(width="large"),
                                "问题": st.column_config.TextColumn(width="medium")})
    pending = [(r.fid, r.doc, r.finding) for r in shown if r.decision == review.PENDING]
    if pending:
        st.button(f"将筛选出的 {len(pending)} 个待处理问题全部标为“确认问题”", on_click=confirm_all, args=(pending,))
    if shown:
        fids = [r.fid for r in shown]
        if st.session_state.get("pick") not in fids:
            st.session_state.pick = fids[0]
        pick = st.selectbox("处理问题", fids, key="pick",
                            format_func=lambda fid: (f"{fid_index[fid].doc} · " if len(checked) > 1 else "")
                            + f"#{fid_index[fid].index} [{fid_index[fid].finding.rule_id}] {fid_index[fid].finding.title}"
                            + f"（{fid_index[fid].decision}）")
        row = fid_index[pick]
        f = row.finding
        with st.container(border=True):
            left, right = st.columns([3, 2])
            with left:
                st.markdown(f"**{f.title}** · `{f.rule_id}` · {SEVERITY_ZH.get(f.severity, f.severity)} · "
                            f"可信度{CONFIDENCE_ZH.get(f.confidence, f.confidence)} · {row.chapter} · {f.location.describe()}")
                st.html(review.DOC_CSS + '<div class="cv"><div class="txt">'
                        + review.marked(f.sentence, [(f.start, f.end, f.severity, "", False)]) + "</div></div>")
                st.markdown(f"**为什么**：{review.md_escape(f.explanation)}")
                if f.details:
                    st.markdown(f"**核算**：{review.md_escape(f.details)}")
                st.markdown(f"**修改建议**：{review.md_escape(f.suggestion)}")
                with st.expander("法律依据（原文）"):
                    for b in f.legal_basis:
                        st.markdown(f"> {review.md_escape(b)}")
                st.button("在文档中定位 →", key=f"loc_{pick}", on_click=locate, args=(pick, review.chapter_of(
                    next(c.blocks for c in checked if c.report.path == row.doc), f.block_index)))
            with right:
                current = decisions.get(review.decision_key(row.doc, f))
                options = [review.PENDING, *review.DECISIONS]
                with st.form(key=f"form_{pick}", border=False):
                    st.radio("审查结论", options, horizontal=True, key=f"dec_{pick}",
                             index=options.index(current.choice) if current else 0)
                    st.text_input("理由（选择“忽略”时必填）", key=f"why_{pick}", value=current.reason if current else "")
                    st.form_submit_button("保存结论", on_click=save_decision, args=(row.doc, f, pick), type="primary")
    elif rows_all:
        st.info("没有符合筛选条件的问题。")
    else:
        st.success("未发现问题。")


# -- 文档视图 ------------------------------------------------------------------------------------

with tab_doc:
    if is_open(tab_doc):
        ok_docs = [c for c in checked if c.report.status == "ok"]
        if not ok_docs:
            st.warning("没有可显示的文档。")
        else:
            focus = st.session_state.focus
            focus_row = fid_index.get(focus) if focus else None
            names = [c.name for c in ok_docs]
            if focus_row is not None and focus_row.doc in names:
                st.session_state.doc_file = focus_row.doc
            doc_name = st.selectbox("文件", names, key="doc_file") if len(ok_docs) > 1 else names[0]
            c = next(x for x in ok_docs if x.name == doc_name)
            doc_rows = [r for r in rows_all if r.doc == c.report.path]
            chaps = review.chapters(c.blocks)
            hits = {t: sum(1 for r in doc_rows if review.chapter_of(c.blocks, r.finding.block_index) == t) for t, _ in chaps}
            titles = ["全部章节"] + [t for t, _ in chaps]
            if st.session_state.get("doc_chapter") not in titles:
                st.session_state.doc_chapter = next((t for t, _ in chaps if hits[t]), "全部章节")
            c1, c2 = st.columns([3, 1])
            chosen = c1.selectbox("章节", titles, key="doc_chapter",
                                  format_func=lambda t: t if t == "全部章节" else f"{t}（{hits.get(t, 0)} 处）")
            only_hits = c2.toggle("只看有问题的段落", key="doc_only_hits")
            indices = [i for t, idx in chaps for i in idx if chosen in ("全部章节", t)]
            if focus_row is not None and focus_row.doc == c.report.path:
                st.caption(f"已定位到第 {focus_row.index} 处：{focus_row.finding.title}（{focus_row.finding.location.describe()}）")
            st.html(review.document_html(c.blocks, indices, doc_rows, focus if focus_row else None, only_hits))
            if focus_row is not None:
                st.html("<script>setTimeout(function(){var e=document.getElementById('" + review.FOCUS_ID + "');"
                        "if(e){e.scrollIntoView({behavior:'smooth',block:'center'});}},300);</script>",
                        unsafe_allow_javascript=True)
                st.session_state.focus = None


# -- 下载 ----------------------------------------------------------------------------------------

def _deferred(fn, *args):
    return lambda: fn(*args)


def _one_report(c: review.Checked, fmt: str) -> bytes:
    rep = review.build_report([c], decisions, ruleset, created, minimum)
    return review.report_bytes(rep, fmt)


def _annotated(c: review.Checked) -> bytes:
    rep = review.build_report([c], decisions, ruleset, created, minimum)
    got = review.annotated(c, rep.documents[0], created)
    return got[0] if got else b""


def _waivers(c: review.Checked | None) -> bytes:
    rep = review.build_report([c] if c else checked, decisions, ruleset, created, minimum)
    return review.waivers_yaml(rep, reviewer, now.date().isoformat())


with tab_dl:
    st.caption("下载的报告包含你当前的审查结论（“忽略/误报”记为已豁免并附理由）。下载不会刷新页面，结论不会丢失。")
    for i, c in enumerate(checked):
        with st.container(border=True):
            st.markdown(f"**{c.name}**")
            if c.report.status != "ok":
                st.error(f"无法检查：{c.report.error}")
                continue
            cols = st.columns(5)
            kind = review.annotation_kind(c)
            if kind:
                label = "批注版 Word" if kind == ".docx" else "批注版 PDF"
                cols[0].download_button(f"{label}", _deferred(_annotated, c), review.annotated_name(c.name, kind),
                                        review.ANNOTATED_MIME[kind], key=f"dl_ann_{i}", on_click="ignore",
                                        type="primary")
            else:
                cols[0].caption("文本输入没有批注版，请下载 HTML 或审查意见表。")
            for col, (fmt, (label, suffix, mime)) in zip(cols[1:4], review.DOWNLOAD_FORMATS.items(), strict=True):
                col.download_button(f"{label}", _deferred(_one_report, c, fmt), f"{review.stem(c.name)}-审查报告{suffix}",
                                    mime, key=f"dl_{fmt}_{i}", on_click="ignore")
            cols[4].download_button("豁免文件 waivers.yaml", _deferred(_waivers, c), f"{review.stem(c.name)}-waivers.yaml",
                                    "application/x-yaml", key=f"dl_waivers_{i}", on_click="ignore")
    with st.container(border=True):
        st.markdown(f"**全部 {len(checked)} 个文件打包**：合并的 HTML / 审查意见表 / JSON、waivers.yaml 和各文件的批注版")
        st.download_button("全部打包下载（zip）",
                           _deferred(review.batch_zip, checked, decisions, ruleset, created, reviewer, minimum),
                           "招标文件审查结果.zip", "application/zip", key="dl_zip", on_click="ignore")


# -- 规则库 --------------------------------------------------------------------------------------

with tab_rules:
    if is_open(tab_rules):
        allrules = ruleset
        c1, c2, c3 = st.columns([3, 2, 2])
        q = c1.text_input("搜索规则（编号、关键词）", key="r_query", placeholder="如 GP-SCALE-001、注册资本、分公司")
        cats = c2.multiselect("类别", sorted({r.category for r in allrules.rules}), key="r_cat", placeholder="全部类别")
        regs = c3.multiselect("适用", ["gp", "cb"], format_func=REGIME_ZH.get, key="r_regime", placeholder="两类项目")
        found = review.search_rules(allrules, q, cats, regs)
        st.caption(f"共 {len(allrules.rules)} 条规则（已选规则包），符合条件 {len(found)} 条" + ("，显示前 50 条" if len(found) > 50 else ""))
        for n, r in enumerate(found[:50]):
            with st.expander(f"{r.id} · {r.title}", expanded=n == 0 and bool(q or cats or regs)):
                st.markdown(review.rule_markdown(r))
