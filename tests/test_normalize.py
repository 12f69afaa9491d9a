"""Normalization contract and its offset map (table-driven + property test)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalize import normalize, normalize_text, original_span

CASES = [
    ("投標人註冊資本不低於5000萬元", "投标人注册资本不低于5000万元"),  # 繁→简
    ("不少于 3 年", "不少于3年"),  # pdfium autospace
    ("投标人须为本\n市注册企业", "投标人须为本市注册企业"),  # PDF line break inside a sentence
    ("（一）资格要求：①具有", "(一)资格要求:1具有"),  # full-width punctuation, circled numbers
    ("ＩＳＯ９００１ 认证", "ISO9001认证"),  # full-width Latin/digits; space next to CJK dropped
    ("Intel  Core\ti7", "Intel Core i7"),  # whitespace runs between Latin words collapse to one
    ("预算：１００万元；保证金２％", "预算:100万元;保证金2%"),
    ("\u3000\u3000首行缩进", "首行缩进"),
    ("零宽\u200b字符", "零宽字符"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_contract(raw, expected):
    assert normalize_text(raw) == expected


def test_map_points_at_original_characters():
    raw = "投標人註冊資本 不低於 5000 萬元"
    norm, offs = normalize(raw)
    i = norm.index("5000万元")
    s, e = original_span(offs, i, i + len("5000万元"))
    assert raw[s:e] == "5000 萬元"
    assert len(offs) == len(norm) + 1 and offs[-1] == len(raw)


def test_expanded_character_maps_whole():
    raw = "具有⑴营业执照"
    norm, offs = normalize(raw)
    assert norm == "具有(1)营业执照"
    s, e = original_span(offs, norm.index("1"), norm.index("1") + 1)
    assert raw[s:e] == "⑴"


TEXT = st.text(alphabet=st.sampled_from(list("投標人註冊資本不低於萬元须为本市企业，；（）：①⑵ＡＢ１２ \n\t　abc123.%")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_any_normalized_span_maps_back_to_an_original_span_containing_it(raw, data):
    norm, offs = normalize(raw)
    assert len(offs) == len(norm) + 1
    assert all(0 <= o < len(raw) for o in offs[:-1])
    assert list(offs[:-1]) == sorted(offs[:-1])
    if not norm:
        return
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    s, e = original_span(offs, start, end)
    assert 0 <= s < e <= len(raw)
    # a fragment cannot keep a space at its own edge (spaces survive only BETWEEN words)
    assert norm[start:end].strip(" ") in normalize_text(raw[s:e])
