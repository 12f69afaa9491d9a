"""Rule packs: YAML → validated, lexicon-expanded, compiled :class:`~checker.model.Rule` objects.

A broken rule never hides the others: every problem becomes a :class:`Problem` naming the file,
the rule id and the field, and the rule is left out while the rest load. YAML dicts never leave
this module.

Regexes run on RE2 (``google-re2``), a linear-time engine: a user-edited rule cannot hang the
checker however it is written. RE2 has no lookaround and no backreferences; ``\\b`` is refused
because it means nothing between Chinese characters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import re2
import yaml

from .model import REGIMES, Rule

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
SCHEMA_PATH = RULES_DIR / "schema.json"
EXCLUSIONS_PATH = RULES_DIR / "exclusions.yaml"
CATEGORIES_PATH = RULES_DIR / "categories.yaml"  # coverage map, not rules
LEXICON_DIRNAME = "lexicons"
LEXICON_REF = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
MAX_REPEAT = 1000
RE2_OPTIONS = re2.Options()
RE2_OPTIONS.max_mem = 8 << 20  # 8 MiB per regex: a pattern needing more is refused as unsafe
RE2_OPTIONS.log_errors = False
DEFAULT_NOT_SECTIONS = ("投标文件格式", "合同条款")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present


def _yaml(text: str):
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect in a rule file, said in one sentence."""

    file: str
    rule_id: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.rule_id} 的 {self.field}" if self.rule_id else (self.field or "文件")
        return f"{self.file}: {where}：{self.message}"


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A shared general exclusion (REFERENCE §1 (a)–(d)), applied to every rule that allows it."""

    id: str
    kind: str  # sentence | before | after | overlap
    regex: str
    description: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    exclusions: tuple[Exclusion, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    digest: str = ""
    raw_exclusions: list = field(default_factory=list, hash=False, compare=False)

    @property
    def version(self) -> str:
        from . import __version__

        return f"{__version__}+{self.digest[:8]}"

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def only(self, ids: Iterable[str]) -> RuleSet:
        keep = set(ids)
        return RuleSet(tuple(r for r in self.rules if r.id in keep), self.exclusions, (), self.files, self.digest)


@lru_cache(maxsize=1)
def _validator():
    """The rule schema validator (jsonschema is imported only when rule files are parsed, not on a
    cached load: it costs ~75 ms of start-up)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    rule_schema = {"$defs": schema["$defs"], **schema["$defs"]["rule"]}
    return Draft202012Validator(rule_schema)


def rule_files(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """YAML rule files under the given files/folders (default: the bundled ``rules/``)."""
    out: list[Path] = []
    for p in [Path(x) for x in (paths or [RULES_DIR])]:
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*.y*ml"))
                if LEXICON_DIRNAME not in f.relative_to(p).parts[:-1]
                and f.resolve() not in (EXCLUSIONS_PATH, CATEGORIES_PATH)
            )
        else:
            out.append(p)
    return out


def load_lexicons(paths: Sequence[str | Path] | None = None) -> tuple[dict[str, list[str]], list[Problem]]:
    """Term lists from ``rules/lexicons/*.yaml`` (and ``lexicons/`` next to given folders)."""
    dirs = [RULES_DIR / LEXICON_DIRNAME]
    for p in [Path(x) for x in (paths or [])]:
        d = (p if p.is_dir() else p.parent) / LEXICON_DIRNAME
        if d.is_dir() and d.resolve() not in [x.resolve() for x in dirs]:
            dirs.append(d)
    lex: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for d in dirs:
        for f in sorted(d.glob("*.y*ml")):
            try:
                data = _yaml(f.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, OSError) as exc:
                problems.append(Problem(str(f), "", "", f"无法解析 YAML（{_first_line(exc)}）"))
                continue
            if not isinstance(data, dict):
                problems.append(Problem(str(f), "", "", "词表文件应为“名称: [词语, …]”的映射"))
                continue
            for name, terms in data.items():
                if not isinstance(terms, list) or not all(isinstance(t, (str, int)) for t in terms):
                    problems.append(Problem(str(f), "", str(name), "词表应为字符串列表"))
                    continue
                lex.setdefault(str(name), []).extend(str(t) for t in terms)
    return lex, problems


def expand(regex: str, lexicons: dict[str, list[str]]) -> str:
    """Replace ``{{name}}`` with an escaped alternation of the lexicon's terms (longest first)."""

    def sub(m: re.Match) -> str:
        terms = lexicons[m.group(1)]
        from .normalize import normalize_text

        uniq = sorted({normalize_text(t) for t in terms if t.strip()}, key=lambda t: (-len(t), t))
        return "(?:" + "|".join(re.escape(t) for t in uniq) + ")"

    return LEXICON_REF.sub(sub, regex)


def regex_problem(regex: str, structural: bool = True) -> str | None:
    """Why a regex is refused, or None. RE2 compiles it or it is refused; ``structural`` adds the
    portability checks (\\b, nested unbounded quantifiers, huge repeats) meant for hand-written text."""
    if structural and ("\\b" in regex or "\\B" in regex):
        return "不得使用 \\b（在中文字符之间没有意义）"
    if structural and _nested_unbounded(regex):
        return "嵌套量词（如 (a+)+）在回溯型引擎中会灾难性回溯，属于不安全的正则"
    for m in re.finditer(r"\{(\d+)(?:,(\d*))?\}", regex if structural else ""):
        if int(m.group(1)) > MAX_REPEAT or (m.group(2) and int(m.group(2)) > MAX_REPEAT):
            return f"重复次数超过 {MAX_REPEAT}，属于不安全的正则"
    try:
        re2.compile(regex, options=RE2_OPTIONS)
    except Exception as exc:  # re2.error and friends
        return f"正则表达式无法编译（{_first_line(exc)}）"
    return None


def _nested_unbounded(regex: str) -> bool:
    """An unbounded repeat inside an unbounded repeat — (a+)+, (.*)*, ((x|y)+){2,} — would
    backtrack catastrophically in a backtracking engine; refused so rule files stay portable."""
    import re._parser as sre_parse  # the stdlib parser of regex syntax (RE2's is a subset)

    try:
        tree = sre_parse.parse(regex)
    except Exception:  # RE2-only syntax: RE2's own compile check decides
        return False
    unbounded = sre_parse.MAXREPEAT

    def walk(items, inside: bool) -> bool:
        for op, av in items:
            if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
                lo, hi, sub = av
                big = hi == unbounded or hi > 100
                if big and inside:
                    return True
                if walk(sub, inside or big):
                    return True
            elif op is sre_parse.SUBPATTERN:
                if walk(av[-1], inside):
                    return True
            elif op is sre_parse.BRANCH:
                if any(walk(b, inside) for b in av[1]):
                    return True
        return False

    return walk(tree, False)


def _first_line(exc: BaseException) -> str:
    if exc.args and isinstance(exc.args[0], bytes):
        return exc.args[0].decode("utf-8", "replace").splitlines()[0]
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _field_path(err) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in err.absolute_path]
    return "".join(p if p.startswith("[") else (("." if i else "") + p) for i, p in enumerate(parts)) or "(规则)"


def _schema_message(err) -> str:
    if err.validator == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"缺少必填字段 {missing}"
    if err.validator == "additionalProperties":
        return f"有未知字段（{err.message}）"
    if err.validator == "enum":
        return f"取值 {err.instance!r} 不在允许范围 {err.validator_value}"
    if err.validator == "pattern":
        return f"取值 {err.instance!r} 不符合格式 {err.validator_value}"
    if err.validator in ("minLength", "minItems"):
        return "不能为空"
    return err.message


def _build_rule(raw: dict, file: str, lexicons: dict[str, list[str]]) -> tuple[Rule | None, list[Problem]]:
    rid = str(raw.get("id", "")) if isinstance(raw, dict) else ""
    if not isinstance(raw, dict):
        return None, [Problem(file, "", "", "规则应为映射（id: …, title: …）")]
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        return None, [Problem(file, rid, _field_path(e), _schema_message(e)) for e in errors[:3]]
    problems: list[Problem] = []

    def prep(regex: str, where: str) -> str | None:
        for name in LEXICON_REF.findall(regex):
            if name not in lexicons:
                problems.append(Problem(file, rid, where, f"引用了不存在的词表 {{{{{name}}}}}"))
                return None
        if "\\b" in regex or "\\B" in regex:
            problems.append(Problem(file, rid, where, "不得使用 \\b（在中文字符之间没有意义）"))
            return None
        expanded = expand(regex, lexicons)
        why = regex_problem(regex) or regex_problem(expanded, structural=False)
        if why:
            problems.append(Problem(file, rid, where, why))
            return None
        return expanded

    patterns: list[tuple[str, ...]] = []
    for i, item in enumerate(raw.get("patterns", [])):
        regs = [item] if isinstance(item, str) else item["all"]
        done = [prep(r, f"patterns[{i}]") for r in regs]
        if all(d is not None for d in done):
            patterns.append(tuple(done))  # type: ignore[arg-type]
    exceptions: list[tuple[str, str]] = []
    for i, item in enumerate(raw.get("exceptions", [])):
        kind, regex = ("sentence", item) if isinstance(item, str) else next(iter(item.items()))
        done = prep(regex, f"exceptions[{i}]")
        if done is not None:
            exceptions.append((kind, done))
    check = raw.get("check")
    if check:
        from .checks import CHECKS

        if check not in CHECKS:
            problems.append(Problem(file, rid, "check", f"文档级检查 {check!r} 不存在（可用：{', '.join(sorted(CHECKS)) or '无'}）"))
    elif not raw.get("patterns"):
        problems.append(Problem(file, rid, "patterns", "既没有 patterns 也没有 check，规则不会命中任何内容"))
    if problems:
        return None, problems
    sev = raw["severity"]
    severity = {r: sev for r in REGIMES} if isinstance(sev, str) else dict(sev)
    rule = Rule(
        id=rid,
        title=raw["title"].strip(),
        category=raw["category"].strip(),
        regime=raw["regime"],
        severity=severity,
        confidence=raw["confidence"],
        legal_basis=tuple(s.strip() for s in raw["legal_basis"]),
        explanation=raw["explanation"].strip(),
        suggestion=raw["suggestion"].strip(),
        known_problems=raw["known_problems"].strip(),
        patterns=tuple(patterns),
        exceptions=tuple(exceptions),
        sections=tuple(raw.get("sections", ())),
        not_sections=tuple(raw.get("not_sections", DEFAULT_NOT_SECTIONS)),
        general_exclusions=bool(raw.get("general_exclusions", True)),
        check=check,
        supersedes=tuple(raw.get("supersedes", ())),
        params=dict(raw.get("params", {})),
        examples={k: list(v) for k, v in raw["examples"].items()},
        source=file,
    )
    return rule, []


def load_exclusions(lexicons: dict[str, list[str]]) -> tuple[tuple[Exclusion, ...], list, list[Problem]]:
    """The shared general exclusions of ``rules/exclusions.yaml``."""
    file = str(EXCLUSIONS_PATH)
    if not EXCLUSIONS_PATH.exists():
        return (), [], []
    raw = _yaml(EXCLUSIONS_PATH.read_text(encoding="utf-8")) or []
    out: list[Exclusion] = []
    problems: list[Problem] = []
    for item in raw:
        eid = item.get("id", "")
        for i, pat in enumerate(item.get("patterns", [])):
            kind, regex = ("sentence", pat) if isinstance(pat, str) else next(iter(pat.items()))
            why = regex_problem(regex) or regex_problem(expand(regex, lexicons), structural=False)
            regex = expand(regex, lexicons)
            if why:
                problems.append(Problem(file, eid, f"patterns[{i}]", why))
                continue
            out.append(Exclusion(eid, kind, regex, item.get("description", "")))
    return tuple(out), raw, problems


def load_ruleset(paths: Sequence[str | Path] | None = None, cache: bool = True) -> RuleSet:
    """Load rule files (default: everything under ``rules/``); problems are collected, not raised.

    Parsing, schema validation and regex checks of ~100 rules cost about a second, so the result
    is cached on disk (``$CHECKER_CACHE_DIR`` or ``~/.cache/tender-checker``) under a key made of
    every input byte (rule files, lexicons, exclusions, schema) and this code's own source: any
    edit misses the cache. An unwritable cache is silently skipped.
    """
    files = rule_files(paths)
    key = _cache_key(files, paths) if cache else None
    if key:
        hit = _cache_read(key)
        if hit is not None:
            return hit
    ruleset = _load_uncached(paths, files)
    if key:
        _cache_write(key, ruleset)
    return ruleset


def _cache_dir() -> Path:
    return Path(os.environ.get("CHECKER_CACHE_DIR") or Path.home() / ".cache" / "tender-checker")


def _cache_key(files: list[Path], paths) -> str | None:
    h = hashlib.sha256()
    try:
        inputs = [*files, SCHEMA_PATH, EXCLUSIONS_PATH, Path(__file__), Path(__file__).with_name("normalize.py"),
                  Path(__file__).with_name("model.py"), Path(__file__).with_name("checks.py")]
        lexdirs = [RULES_DIR / LEXICON_DIRNAME] + [(Path(p) if Path(p).is_dir() else Path(p).parent) / LEXICON_DIRNAME
                                                    for p in (paths or [])]
        for d in lexdirs:
            inputs.extend(sorted(d.glob("*.y*ml")) if d.is_dir() else [])
        for f in inputs:
            h.update(str(f.resolve()).encode() + b"\0")
            h.update(f.read_bytes() if f.exists() else b"-")
    except OSError:
        return None
    return h.hexdigest()


def _cache_read(key: str) -> RuleSet | None:
    import pickle

    try:
        with open(_cache_dir() / f"rules-{key[:32]}.pickle", "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own cache file, keyed by content hash
    except Exception:  # noqa: BLE001 - any cache problem means: load from source
        return None


def _cache_write(key: str, ruleset: RuleSet) -> None:
    import pickle
    import tempfile

    try:
        d = _cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, delete=False, suffix=".tmp") as fh:
            pickle.dump(ruleset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, d / f"rules-{key[:32]}.pickle")
    except Exception:  # noqa: BLE001 - caching is an optimisation only
        pass


def _load_uncached(paths: Sequence[str | Path] | None, files: list[Path]) -> RuleSet:
    if not files:
        where = "、".join(str(p) for p in (paths or [RULES_DIR]))
        return RuleSet((), (), (Problem(where, "", "", "没有找到任何规则文件（*.yaml）"),), (), "")
    lexicons, problems = load_lexicons(paths)
    exclusions, raw_excl, excl_problems = load_exclusions(lexicons)
    problems.extend(excl_problems)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    digest = hashlib.sha256()
    for f in files:
        name = _display(f)
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as exc:
            problems.append(Problem(name, "", "", f"无法读取（{exc.strerror or exc}）"))
            continue
        digest.update(name.encode() + b"\0" + text.encode())
        try:
            data = _yaml(text)
        except yaml.YAMLError as exc:
            problems.append(Problem(name, "", "", f"无法解析 YAML（{_first_line(exc)}）"))
            continue
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(name, "", "", "规则文件的顶层应为规则列表（- id: …）"))
            continue
        for raw in data:
            rule, probs = _build_rule(raw, name, lexicons)
            problems.extend(probs)
            if rule is None:
                continue
            if rule.id in seen:
                problems.append(Problem(name, rule.id, "id", f"规则编号重复（已在 {seen[rule.id]} 中定义）"))
                continue
            seen[rule.id] = name
            rules.append(rule)
    known = {r.id for r in rules}
    for rule in rules:
        for other in rule.supersedes:
            if other not in known:
                problems.append(Problem(rule.source, rule.id, "supersedes", f"引用了不存在的规则 {other}"))
    for lexfile in sorted((RULES_DIR / LEXICON_DIRNAME).glob("*.y*ml")):
        digest.update(lexfile.read_bytes())
    if EXCLUSIONS_PATH.exists():
        digest.update(EXCLUSIONS_PATH.read_bytes())
    return RuleSet(tuple(rules), exclusions, tuple(problems), tuple(_display(f) for f in files),
                   digest.hexdigest(), raw_excl)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
