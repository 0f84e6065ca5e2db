"""Small rule functions, checked on their own."""

import pytest

from generator.readers.body import classify
from generator.readers.fields import keywords_of, label_of, normalise_article_no, split_byline
from generator.readers.paras import Para
from generator.text import join_pieces
from generator.transforms.english import pair_authors
from generator.transforms.headings import level_of


@pytest.mark.parametrize(
    "printed, want",
    [
        ("0452 8832（2024）2期 0038-18", ("0452-8832(2024)02-0038-18", "0452-8832", 38, 18)),
        ("0452 8832（2025）6 期 0001-21", ("0452-8832(2025)06-0001-21", "0452-8832", 1, 21)),
        ("0452-8832(2024)02-0038-18", ("0452-8832(2024)02-0038-18", "0452-8832", 38, 18)),
        ("1006-447x(2023)11-0100-05", ("1006-447X(2023)11-0100-05", "1006-447X", 100, 5)),
    ],
)
def test_article_no(printed, want):
    assert normalise_article_no(printed) == want


def test_article_no_garbage():
    assert normalise_article_no("不是编号") is None


@pytest.mark.parametrize(
    "line, field",
    [
        ("〔提 要〕x", "abstract"),
        ("〔摘要〕x", "abstract"),
        ("【内容提要】x", "abstract"),
        ("**【内容提要】**x", "abstract"),
        ("〔关 键 词〕x", "keywords"),
        ("【关键词】x", "keywords"),
        ("〔作者简介〕x", "bio"),
        ("〔文章编号〕x", "article_no"),
    ],
)
def test_label_variants(line, field):
    assert label_of(line) == (field, "x")


def test_not_a_label():
    assert label_of("【责任编辑：王 俊】") is None
    assert label_of("普通正文") is None


@pytest.mark.parametrize("text", ["甲、乙、丙", "甲;乙;丙", "甲；乙；丙", "甲 、乙； 丙。"])
def test_keyword_separators(text):
    assert keywords_of(text) == ["甲", "乙", "丙"]


def test_byline_pairs_single_chars():
    assert split_byline("□ 曾向红 张 宇") == ["曾向红", "张宇"]
    assert split_byline("杨悦 徐佳福") == ["杨悦", "徐佳福"]


@pytest.mark.parametrize(
    "text, level",
    [("一、标题", 2), ("十一 标题", 2), ("（三）标题", 3), ("(三) 标题", 3), ("1. 标题", 4), ("12．标题", 4), ("结语", 2)],
)
def test_level_of(text, level):
    assert level_of(text) == level


def test_join_pieces():
    assert join_pieces("重要平", "台，金砖") == "重要平台，金砖"
    assert join_pieces("Global Development", "Initiative") == "Global Development Initiative"
    assert join_pieces("2021", "年") == "2021年"


def test_pinyin_pairing_any_order():
    assert pair_authors(["杨悦", "徐佳福"], ["XU Jiafu", "YANG Yue"]) == {"徐佳福": "XU Jiafu", "杨悦": "YANG Yue"}
    assert pair_authors(["杨悦"], ["YU Feng"]) is None


def test_classify_does_not_make_long_sentence_a_heading():
    blocks = classify(Para(("1990年，两国建立了外交关系。",), 1))
    assert [b.kind for b in blocks] == ["para"]


def test_document_heading_levels_never_skip():
    from generator.transforms.headings import document_levels

    assert document_levels([3, 3, 2, 3, 4]) == [2, 2, 2, 3, 4]  # h3 before the first h2 are top-level
    assert document_levels([2, 4, 4, 3]) == [2, 3, 3, 3]  # a skipped level closes up; siblings share one
    assert document_levels([1, 3, 2, 1]) == [2, 3, 3, 2]
    assert document_levels([]) == []
