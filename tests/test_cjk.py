"""generator/cjk.py: the rules about Chinese text both halves use (one definition each,
tests/test_one_place.py), and that both halves agree on them."""

from __future__ import annotations

import re
from pathlib import Path

from archive_site.cite.romanise import romanise_name
from archive_site.pages.typeset import cjk_punct
from generator import cjk, layout
from generator.writers.corpus import author_anchor, author_sort_key


def test_character_classes():
    assert cjk.has_han("国际") and cjk.has_han("㐀") and cjk.has_han(chr(0xF900)) and not cjk.has_han("かな ABC")
    assert cjk.is_cjk("かな") and cjk.is_cjk("한국") and not cjk.is_cjk("Zeng Xianghong") and not cjk.is_cjk(None)
    assert cjk.drop_cjk_gaps("杨 娜") == "杨娜" and cjk.drop_cjk_gaps("SAFE 与 NGEU") == "SAFE 与 NGEU"
    assert cjk.HAN_RUN.findall("见《國際關係》第3期") == ["见", "國際關係", "第", "期"]
    # the fragments are valid classes in Python's re as in a JavaScript RegExp (search.json)
    assert re.fullmatch(r"(\\u[0-9a-f]{4}-\\u[0-9a-f]{4})+", cjk.HAN)


def test_surnames_read_as_surnames_in_the_index_and_in_apa():
    """曾 is Zeng (pypinyin's first reading is céng) in the author index's anchors and
    order, and in an APA reference of a name printed without a pinyin byline."""
    assert cjk.name_pinyin("曾向红") == ["zeng", "xiang", "hong"]
    assert author_anchor("曾向红") == "a-zeng-xiang-hong"
    assert author_sort_key("曾向红")[0][0] == "zeng"
    assert romanise_name("曾向红") == {"family": "Zeng", "given": "Xianghong"}
    assert romanise_name("查雯") == {"family": "Zha", "given": "Wen"}
    assert romanise_name("欧阳修") == {"family": "Ouyang", "given": "Xiu"}
    assert romanise_name("曾向红", "ZENG Xianghong") == {"family": "Zeng", "given": "Xianghong"}  # the printed byline wins
    assert cjk.split_name("欧阳修") == ("欧阳", "修") and cjk.split_name("欧阳修", "OU Yangxiu") == ("欧", "阳修")


def test_slugs():
    assert cjk.pinyin_slug("北约2022战略概念") == "bei-yue-2022-zhan-lve-gai-nian"
    assert layout.slugify("北约2022战略概念", 12) == "bei-yue-2022" and layout.slugify("——") == "untitled"
    assert cjk.initials("国际问题研究") == "gjwtyj" and layout.journal_slug("未知学刊") == "wzxk"


def test_bylines():
    assert cjk.split_byline("□ 曾向红 张 宇") == ["曾向红", "张宇"]
    assert cjk.split_byline("杨悦，徐佳福") == ["杨悦", "徐佳福"]
    assert cjk.split_byline_en("ZENG Xianghong & ZHANG Yu") == ("ZENG Xianghong", "ZHANG Yu")
    assert cjk.split_byline_en("YANG Yue，XU Jiafu and LI Si") == ("YANG Yue", "XU Jiafu", "LI Si")
    assert cjk.trailing_names("美国关税战背景下东盟国家的困境与应对 查 雯") == ("美国关税战背景下东盟国家的困境与应对", "查 雯")
    assert cjk.trailing_names("特朗普 2.0 的施政逻辑与对华政策 宫小飞") == ("特朗普 2.0 的施政逻辑与对华政策", "宫小飞")


def test_traditional_to_simplified():
    assert cjk.to_simplified("國際問題研究") == "国际问题研究"
    table = cjk.t2s_table({"国", "际"})
    assert table["國"] == "国" and table["際"] == "际" and "關" not in table


def test_the_site_marks_punctuation_by_the_same_classes():
    assert cjk_punct("以来,美国") == "以来，美国" and cjk_punct("(二)") == "（二）" and cjk_punct("(NATO)") == "(NATO)"


def test_to_simplified_skips_only_what_opencc_leaves_alone():
    """The shortcut's premise: every key OpenCC's t2s changes (phrase or character) holds a
    character of `t2s_changeable`; and on every line of the samples, and on each dictionary's
    keys within a text, the shortcut gives what OpenCC gives."""
    from generator.cjk import _opencc, _t2s_entries, t2s_changeable, to_simplified

    changeable = t2s_changeable()
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        for key, value in _t2s_entries(name).items():
            assert value == key or not changeable.isdisjoint(key), (name, key)
            text = f"研究{key}问题"
            assert to_simplified.__wrapped__(text) == _opencc().convert(text)
    root = Path(__file__).resolve().parent.parent / "sources"
    for path in sorted(root.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert to_simplified.__wrapped__(line) == _opencc().convert(line)
