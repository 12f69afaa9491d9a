"""Sentence segmentation tuned for tender text (spaCy blank zh + boundary component)."""

import pytest

from checker.model import Block, Location
from checker.segment import nlp, segment_blocks, split

CASES = [
    ("投标人须具备独立法人资格。注册资本不低于500万元！是否接受联合体？否", 4),
    ("资格要求：1.具有独立承担民事责任的能力；2.具有良好的商业信誉。", 3),
    ("依据《中华人民共和国政府采购法。实施条例》第二十条执行。", 1),  # no split inside 《》
    ("采购人说明：“本项目不接受进口产品。不允许转包。”以上为实质性要求。另见附件。", 2),  # no split inside quotes
    ("（一）投标人须为本市注册企业；（二）须提供原件", 2),
    ("单价3.5万元，合计1.2.3条见附件", 1),  # decimal points and clause numbers are not boundaries
]


@pytest.mark.parametrize("text,count", CASES)
def test_boundaries(text, count):
    assert len(split(text)) == count, split(text)


def test_offsets_are_in_original_block_text():
    block = Block(text="第一句，含全角；第二句 含空格。", location=Location(paragraph=1))
    sents = segment_blocks([block])
    assert [s.text for s in sents] == ["第一句，含全角；", "第二句 含空格。"]
    for s in sents:
        assert block.text[s.start:s.end] == s.text
        assert s.norm_map[-1] == len(s.text)


def test_pipeline_is_spacy_and_built_once():
    first = nlp()
    assert first is nlp()
    assert "tender_sentences" in first.pipe_names
    assert first.lang == "zh"


def test_punctuation_only_blocks_give_no_sentence():
    assert segment_blocks([Block(text="……  ——", location=Location())]) == []
