"""archive_site/pages/typeset.py: render-time CJK punctuation, heading ids and levels."""

from __future__ import annotations

import markdown

from archive_site.pages.typeset import cjk_punct


def render(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "footnotes", "archive_site.pages.typeset", "toc"]).convert(text)


def test_half_width_punctuation_between_cjk_becomes_full_width():
    assert cjk_punct("以来,美国开始调整;但是:为何?好!") == "以来，美国开始调整；但是：为何？好！"
    assert cjk_punct("外交学院亚洲研究所(国家安全学院)教授") == "外交学院亚洲研究所（国家安全学院）教授"
    assert cjk_punct("(二) 北约合作领域:推动") == "（二）北约合作领域：推动"


def test_latin_context_is_left_alone():
    for text in ("Vol.17, No.1, 2024, pp.100-111.", "(NATO)", "美国 (iCET) 倡议", "12:30", "https://a.cn/x,y",
                 "2025 年 8 月 13 日, Reuters", ""):
        assert cjk_punct(text) == text


def test_heading_ids_follow_the_printed_numbering():
    html = render("## 一、甲\n\n### （一）乙\n\n### （二）丙\n\n## 二、丁\n\n### （一）戊\n\n## 结语\n")
    assert '<h2 id="s1">' in html and '<h3 id="s1-1">' in html and '<h3 id="s1-2">' in html
    assert '<h2 id="s2">' in html and '<h3 id="s2-1">' in html and '<h2 id="s3">' in html
    assert 'id="_' not in html


def test_heading_levels_do_not_jump_and_explicit_ids_stay():
    html = render("### 前言\n\n### 宗旨\n\n## 核心\n\n#### 深\n\n## A {#letter-a}\n")
    assert '<h2 id="s1">前言' in html and '<h2 id="s2">宗旨' in html and '<h2 id="s3">核心' in html
    assert '<h3 id="s3-1">深' in html
    assert '<h2 id="letter-a">A' in html


def test_notes_marked_english():
    html = render("正文[^1]和[^2]。\n\n[^1]: Smith, “Here’s the Plan,” Reuters, 2025.\n[^2]: 李奇前：《美欧的“印太战略”》。\n")
    assert 'id="ja-notes"' in html
    assert '<li id="fn:1" lang="en">' in html
    assert '<li id="fn:2">' in html
