"""Sentence matching and document-level check dispatch.

An RE2 ``FilteredRE2`` (``re2.Filter``) finds which rule patterns match a sentence: it matches the
literal "atoms" every pattern requires first, then runs only the patterns whose atoms are present
(an RE2 ``Set`` of all patterns gave the same answers but spent ~1 s per process building its DFA
over the brand lexicons). Only those patterns then run on their own to get the span, their
co-occurrence partners, the rule's exceptions and the shared general exclusions. One finding per
rule per sentence (the first surviving pattern match).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import re2

from .model import Document, Finding, Rule, Sentence
from .rules import RE2_OPTIONS, RuleSet

SET_OPTIONS = re2.Options()
SET_OPTIONS.max_mem = 64 << 20  # lexicon-expanded anchor patterns can be large
SET_OPTIONS.log_errors = False
WINDOW = 30  # characters before/after a match that ``before``/``after`` exceptions look at


@dataclass(frozen=True)
class CheckContext:
    """What a document-level check sees. ``sentences`` are all sentences of the document."""

    document: Document
    sentences: Sequence[Sentence]
    regime: str | None
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CheckHit:
    """A document-level check's hit: a span of ``sentences[sentence_index].norm`` plus the numbers."""

    sentence_index: int
    nstart: int
    nend: int
    details: str = ""


@cache
def _compile(regex: str):
    """Compiled on first use: most patterns never fire in a given document (saves ~0.3 s a run)."""
    return re2.compile(regex, options=RE2_OPTIONS)


class _Cond:
    """A compiled exception or exclusion: where it looks relative to the match."""

    __slots__ = ("kind", "regex", "id")

    def __init__(self, kind: str, regex: str, ident: str = ""):
        self.kind = kind
        self.id = ident
        if kind == "before":
            regex = f"(?:{regex})$"
        elif kind == "after":
            regex = f"^(?:{regex})"
        self.regex = regex

    @property
    def rx(self):
        return _compile(self.regex)

    def hits(self, norm: str, s: int, e: int) -> bool:
        if self.kind == "sentence":
            return self.rx.search(norm) is not None
        if self.kind == "before":
            return self.rx.search(norm[max(0, s - WINDOW):s]) is not None
        if self.kind == "after":
            return self.rx.search(norm[e:e + WINDOW]) is not None
        # overlap: an occurrence that overlaps the match span
        return any(m.start() < e and m.end() > s for m in self.rx.finditer(norm))


class Matcher:
    """Compiled form of a RuleSet for sentence rules (document checks are dispatched separately)."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.filter = re2.Filter()
        self.entries: list[tuple[Rule, int]] = []  # set index -> (rule, pattern index)
        self.conds: dict[str, list[_Cond]] = {}
        for rule in ruleset.rules:
            if not rule.patterns:
                continue
            self.conds[rule.id] = [_Cond(k, r) for k, r in rule.exceptions]
            for pi, pat in enumerate(rule.patterns):
                idx = self.filter.Add(pat[0], SET_OPTIONS)
                assert idx == len(self.entries)
                self.entries.append((rule, pi))
        if self.entries:
            self.filter.Compile()
        self.exclusions = [_Cond(x.kind, x.regex, x.id) for x in ruleset.exclusions]

    def excluded_by(self, norm: str, s: int, e: int) -> str | None:
        """The id of the general exclusion that silences a match at [s, e), if any."""
        for cond in self.exclusions:
            if cond.hits(norm, s, e):
                return cond.id
        return None

    def match_sentence(self, sent: Sentence, rules_ok: set[str] | None = None) -> list[tuple[Rule, int, int]]:
        """(rule, nstart, nend) for each rule that fires on the sentence (normalized offsets)."""
        norm = sent.norm
        idxs = self.filter.Match(norm) if self.entries else None
        if not idxs:
            return []
        by_rule: dict[str, tuple[Rule, list[int]]] = {}
        for i in sorted(idxs):
            rule, pi = self.entries[i]
            if rules_ok is not None and rule.id not in rules_ok:
                continue
            by_rule.setdefault(rule.id, (rule, []))[1].append(pi)
        out: list[tuple[Rule, int, int]] = []
        for rule, pis in by_rule.values():
            span = self._first_match(rule, pis, norm)
            if span is not None:
                out.append((rule, *span))
        return out

    def _first_match(self, rule: Rule, pis: list[int], norm: str) -> tuple[int, int] | None:
        for pi in pis:
            first, *others = rule.patterns[pi]
            if any(_compile(o).search(norm) is None for o in others):
                continue
            for m in _compile(first).finditer(norm):
                s, e = m.start(), m.end()
                if e == s:
                    continue
                if any(c.hits(norm, s, e) for c in self.conds[rule.id]):
                    continue
                if rule.general_exclusions and self.excluded_by(norm, s, e):
                    continue
                return s, e
        return None


def in_scope(rule: Rule, section_kind: str | None) -> bool:
    """Section scope: ``sections`` narrows only when the section is known; ``not_sections`` excludes."""
    if section_kind is None:
        return True
    if section_kind in rule.not_sections:
        return False
    return not rule.sections or section_kind in rule.sections


def fingerprint(rule_id: str, norm_sentence: str) -> str:
    """Stable under moved paragraphs and page changes: rule id + normalized sentence."""
    return hashlib.sha1(f"{rule_id}\x1f{norm_sentence}".encode()).hexdigest()[:16]


def make_finding(rule: Rule, regime: str | None, doc: Document, sent: Sentence, ns: int, ne: int,
                 details: str = "") -> Finding:
    """Build a Finding whose offsets point at the ORIGINAL sentence and block text."""
    s, e = sent.original_span(ns, ne)
    block = doc.blocks[sent.block_index]
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=rule.severity_for(regime),
        confidence=rule.confidence,
        category=rule.category,
        location=block.location,
        sentence=sent.text,
        match_text=sent.text[s:e],
        start=s,
        end=e,
        block_index=sent.block_index,
        block_start=sent.start + s,
        block_end=sent.start + e,
        legal_basis=rule.legal_basis,
        explanation=rule.explanation,
        suggestion=rule.suggestion,
        fingerprint=fingerprint(rule.id, sent.norm),
        details=details,
    )


def match_document(doc: Document, sentences: Sequence[Sentence], ruleset: RuleSet, regime: str | None,
                   matcher: Matcher | None = None) -> list[Finding]:
    """All sentence-rule findings plus document-check findings, in document order."""
    from .checks import CHECKS

    matcher = matcher or Matcher(ruleset)
    active = {r.id for r in ruleset.rules if r.applies_to(regime)}
    findings: list[Finding] = []
    for sent in sentences:
        kind = doc.blocks[sent.block_index].location.section_kind
        hits = [(rule, ns, ne) for rule, ns, ne in matcher.match_sentence(sent, active) if in_scope(rule, kind)]
        replaced = {other for rule, _, _ in hits for other in rule.supersedes}
        findings.extend(make_finding(rule, regime, doc, sent, ns, ne) for rule, ns, ne in hits if rule.id not in replaced)
    for rule in ruleset.rules:
        if rule.check and rule.id in active:
            ctx = CheckContext(doc, sentences, regime, rule.params)
            seen: set[int] = set()
            for hit in CHECKS[rule.check](ctx):
                sent = sentences[hit.sentence_index]
                if hit.sentence_index in seen:
                    continue
                if not in_scope(rule, doc.blocks[sent.block_index].location.section_kind):
                    continue
                seen.add(hit.sentence_index)
                findings.append(make_finding(rule, regime, doc, sent, hit.nstart, hit.nend, hit.details))
    findings.sort(key=lambda f: (f.block_index, f.block_start, f.rule_id))
    return findings


def iter_rule_hits(matcher: Matcher, texts: Iterable[Sentence]) -> Iterable[tuple[Sentence, Rule, int, int]]:
    """Every (sentence, rule, span) hit, regardless of regime or scope (used by lint/eval)."""
    for sent in texts:
        for rule, s, e in matcher.match_sentence(sent):
            yield sent, rule, s, e
