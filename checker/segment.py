"""Sentence segmentation for tender text, on a spaCy ``blank("zh")`` pipeline.

Why spaCy and not only a regex: the pipeline is the extension point for token-level matchers
(PhraseMatcher/SpanRuler) and gives one segmenter for rules and documents. Why a custom
boundary component: spaCy's sentencizer does not split at ``；`` and knows nothing of tender
list items or 《》 titles.

Boundaries (on NORMALIZED text, see ``normalize.py``): after ``。 ! ? ;`` (full-width forms are
already folded), before an inline list item that follows ``:`` (``资格要求:1.具有…``), never inside
《…》, “…”, ‘…’ or brackets. Blocks are processed with ``nlp.pipe`` one block at a time — a single
giant Doc is ten times slower. The pipeline is built once per process (import costs ~1 s).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .model import Block, Sentence
from .normalize import normalize

END_PUNCT = frozenset("。!?;")
OPEN_CLOSE = {"《": "》", "“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSERS = frozenset(OPEN_CLOSE.values())
# An inline list item after a colon: 1. / 1、 / (1) / (一) / 一、
LIST_AFTER_COLON = re.compile(r":(?=(\d{1,2}[.、](?!\d)|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、))")
TRAILING_CLOSERS = frozenset("”’」』)]》\"'")
MAX_SENTENCE = 600  # hard split for run-on table text without punctuation


def boundaries(text: str) -> list[int]:
    """Offsets in ``text`` where a new sentence starts (excluding 0)."""
    cuts: list[int] = []
    stack: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in OPEN_CLOSE:
            stack.append(OPEN_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS and not stack:
            pass
        elif ch in END_PUNCT and not stack:
            j = i + 1
            while j < n and (text[j] in END_PUNCT or text[j] in TRAILING_CLOSERS and text[j] not in "《"):
                j += 1
            if j < n:
                cuts.append(j)
            i = j
            continue
        if len(stack) > 3 or (stack and i - _last(cuts) > MAX_SENTENCE):
            stack.clear()  # unbalanced quotes must not swallow the rest of the block
        i += 1
    for m in LIST_AFTER_COLON.finditer(text):
        cuts.append(m.end())
    cuts = sorted(set(c for c in cuts if 0 < c < n))
    return _split_long(cuts, n)


def _last(cuts: list[int]) -> int:
    return cuts[-1] if cuts else 0


def _split_long(cuts: list[int], n: int) -> list[int]:
    out: list[int] = []
    prev = 0
    for c in [*cuts, n]:
        while c - prev > MAX_SENTENCE:
            prev += MAX_SENTENCE
            out.append(prev)
        if c < n:
            out.append(c)
        prev = c
    return out


TOKEN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z]+|\d+(?:\.\d+)*|\S")


class TenderTokenizer:
    """Coarse tokens for normalized tender text: runs of Han characters, Latin words, numbers
    (``3.5``, ``1.2.3``) and single punctuation marks.

    Chinese has no word boundaries without a statistical model (and hub downloads are not
    available), so character-level tokens would only cost time: spaCy's default "char"
    segmenter spends ~0.5 s on a 300-page tender building 230k one-character tokens. Sentence
    boundaries always fall on a punctuation token, so nothing is lost for segmentation.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in TOKEN_RE.finditer(text):
            if m.start() > pos and words:  # normalized text has single spaces between tokens
                gap = text[pos:m.start()]
                if gap == " " and not spaces[-1]:
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
            words.append(m.group())
            spaces.append(False)
            pos = m.end()
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["text"] = text
        return doc


_NLP_LOCK = threading.Lock()


def nlp():
    """The spaCy pipeline (built once per process; thread-safe, see pipeline's warm-up)."""
    with _NLP_LOCK:
        return _build_nlp()


@lru_cache(maxsize=1)
def _build_nlp():
    """Blank Chinese with the tender tokenizer + the boundary component."""
    import numpy
    import spacy
    from spacy.attrs import IDX, SENT_START
    from spacy.language import Language

    if "tender_sentences" not in Language.factories:

        @Language.component("tender_sentences")
        def tender_sentences(doc):
            """Mark sentence starts with one vectorised ``from_array`` call (setting
            ``token.is_sent_start`` one by one re-scans the whole Doc on every assignment)."""
            if len(doc) < 2:
                return doc
            starts = doc.to_array([IDX]).reshape(-1)
            flags = numpy.full(len(doc), -1, dtype="int64")  # -1: not a sentence start
            flags[0] = 1
            text = doc.user_data.get("text") or doc.text  # Doc.text re-joins every token: slow
            cuts = numpy.asarray(chunk_boundaries(text), dtype="int64")
            at = numpy.searchsorted(starts, cuts)  # cuts fall on token starts (punctuation is a token)
            at = at[(at < len(doc))]
            flags[at] = 1
            doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # spaCy's array dtype
            return doc

    pipeline = spacy.blank("zh")
    # Lexical attributes (shape, like_num, …) are computed for every new vocabulary entry; the
    # tender tokenizer makes many distinct Han-run tokens and nothing here reads those attributes.
    pipeline.vocab.lex_attr_getters = {}
    pipeline.tokenizer = TenderTokenizer(pipeline.vocab)
    pipeline.add_pipe("tender_sentences")
    return pipeline


def sentence_spans(doc, text_len: int) -> list[tuple[int, int]]:
    """(start_char, end_char) of the Doc's sentences, read from its SENT_START annotation in one
    vectorised pass (equivalent to ``[(s.start_char, s.end_char) for s in doc.sents]``)."""
    from spacy.attrs import IDX, SENT_START

    arr = doc.to_array([SENT_START, IDX])
    first = arr[arr[:, 0] == 1, 1].tolist()
    return list(zip(first, [*first[1:], text_len], strict=True))


BLOCK_SEP = "\n"  # never present in normalized text, so it can join blocks into one Doc
CHUNK_CHARS = 4000


def chunk_boundaries(text: str) -> list[int]:
    """Sentence starts of a chunk of blocks joined by BLOCK_SEP: every block starts a sentence."""
    cuts: list[int] = []
    pos = 0
    for part in text.split(BLOCK_SEP):
        if pos:
            cuts.append(pos)
        cuts.extend(pos + c for c in boundaries(part))
        pos += len(part) + 1
    return cuts


def segment_blocks(blocks: Sequence[Block], first_index: int = 0) -> list[Sentence]:
    """Split every block into sentences; ``Sentence`` offsets refer to the ORIGINAL block text.

    Blocks are normalized one by one, then joined (with a separator that is a hard boundary) into
    Docs of a few thousand characters for ``nlp.pipe``: one Doc per block costs ~20 µs of spaCy
    overhead each, which dominated on table-heavy documents (13k cells in a 300-page tender),
    while one giant Doc is slow too.
    """
    normed = [normalize(b.text) for b in blocks]
    chunks: list[tuple[str, list[tuple[int, int]]]] = []
    parts: list[str] = []
    members: list[tuple[int, int]] = []
    size = 0
    for bi, (norm, _) in enumerate(normed):
        if not norm:
            continue
        parts.append(norm)
        members.append((bi, size))
        size += len(norm) + 1
        if size >= CHUNK_CHARS:
            chunks.append((BLOCK_SEP.join(parts), members))
            parts, members, size = [], [], 0
    if parts:
        chunks.append((BLOCK_SEP.join(parts), members))
    out: list[Sentence] = []
    docs = nlp().pipe(text for text, _ in chunks)
    for (text, members), doc in zip(chunks, docs, strict=True):
        starts = [start for _, start in members]
        sents = sentence_spans(doc, len(text)) if len(doc) > 1 else [(0, len(text))]
        for cs, ce in sents:
            k = bisect_right(starts, cs) - 1
            bi, bstart = members[k]
            norm, offs = normed[bi]
            span = (cs - bstart, min(ce - bstart, len(norm)))
            out.extend(_sentences(blocks[bi].text, norm, offs, [span], first_index + bi))
    return out


def _sentences(text: str, norm: str, offs: list[int], spans: Iterable[tuple[int, int]], bi: int):
    for ns, ne in spans:
        while ns < ne and norm[ns] == " ":
            ns += 1
        while ne > ns and norm[ne - 1] == " ":
            ne -= 1
        if ne <= ns or not any(c.isalnum() for c in norm[ns:ne]):
            continue
        os_, oe = offs[ns], offs[ne - 1] + 1
        norm_map = tuple(o - os_ for o in offs[ns:ne]) + (oe - os_,)
        yield Sentence(text=text[os_:oe], norm=norm[ns:ne], norm_map=norm_map, block_index=bi, start=os_, end=oe)


def split(text: str) -> list[str]:
    """Convenience: the original-text sentences of one paragraph."""
    from .model import Location

    return [s.text for s in segment_blocks([Block(text=text, location=Location())])]
