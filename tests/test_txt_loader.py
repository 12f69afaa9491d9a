"""Plain-text loader: encodings and line numbers (location.paragraph = 1-based line)."""

from __future__ import annotations

import pytest

from checker.loaders import LoadError, load, sniff

TEXT = "第一章 招标公告\n\n投标人注册资本不低于5000万元。\r\n供应商須具有本市業績。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings(encoding):
    data = TEXT.encode(encoding)
    assert sniff(data) == "text"
    doc = load(data, f"t-{encoding}.txt")
    assert [(b.location.paragraph, b.text) for b in doc.blocks] == [
        (1, "第一章 招标公告"),
        (3, "投标人注册资本不低于5000万元。"),
        (4, "供应商須具有本市業績。"),
    ]
    assert doc.meta["format"] == "txt"


def test_gb18030_four_byte_characters():
    text = "㐀䶵字符𠀀测试\n第二行"  # CJK Ext-A and Ext-B need GB18030's four-byte form
    doc = load(text.encode("gb18030"), "ext.txt")
    assert [b.text for b in doc.blocks] == ["㐀䶵字符𠀀测试", "第二行"]


def test_line_numbers_count_only_real_line_breaks():
    data = "甲\f乙\n丙\r丁\u2028戊".encode()
    doc = load(data, "breaks.md")
    assert [(b.location.paragraph, b.text) for b in doc.blocks] == [
        (1, "甲\f乙"), (2, "丙"), (3, "丁\u2028戊")]


def test_undecodable_text_is_refused():
    with pytest.raises(LoadError, match="编码"):
        load("招标文件".encode("gb18030") + b"\xff\x80\xff", "bad.txt")
