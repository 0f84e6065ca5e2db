"""Per-rule golden fixtures: tests/fixtures/<rule>/<case>.txt -> <case>.md.

Each .md holds every page the input yields (`==> path <==`) and the
diagnostics it raised. Regenerate with `python tests/regen_golden.py --fixtures`
and review the diff by hand.
"""

from pathlib import Path

import pytest

from regen_golden import FIXTURES, render_fixture

CASES = sorted(FIXTURES.glob("*/*.txt"))


def test_fixtures_exist():
    rules = {p.parent.name for p in CASES}
    assert {"page_join", "notes", "headings", "labels", "english"} <= rules
    for src in CASES:
        assert src.with_suffix(".md").exists(), f"no expected output for {src}"


@pytest.mark.parametrize("src", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(src: Path):
    expected = src.with_suffix(".md").read_text(encoding="utf-8")
    assert render_fixture(src) == expected


# ---- the points each fixture is there to prove, stated directly -------------


def _page(src: str) -> str:
    out = render_fixture(FIXTURES / src)
    assert "==> error <==" not in out
    return out


def test_page_join_across_note_block_and_rule():
    out = _page("page_join/across_note_block.txt")
    assert "加速全球公共产品的演进。[^2]" in out
    out = _page("page_join/rule_between.txt")
    assert "对北约政策的基础。在冷战时期" in out
    assert "\n---\n\n基础" not in out


def test_page_join_english_gets_space():
    assert "Global Development Initiative," in _page("page_join/english_space.txt")


def test_star_note_mid_sentence_lifted_out():
    out = _page("page_join/star_note_mid_sentence.txt")
    assert "这一句还没有结束，到这里才结束。" in out
    assert "funding: 本文系某基金项目的阶段性成果。" in out


def test_notes_restart_per_page():
    out = _page("notes/per_page_restart.txt")
    assert "第二页的编号重新开始。[^3]" in out
    assert "[^3]: 第二页注一。" in out


def test_notes_reported_not_dropped():
    out = _page("notes/ref_without_note.txt")
    assert "没有注释的引用。<sup>2</sup>" in out and "NOTE_UNRESOLVED" in out
    out = _page("notes/note_without_ref.txt")
    assert "[^2]: 没有人引用的注释，仍要保留。" in out and "NOTE_UNUSED" in out


def test_heading_levels_follow_numbering():
    out = _page("headings/lying_hash_counts.txt")
    for line in ("## 一、顿号", "## 二 空格", "### （一）全角", "### (二) 半角", "#### 1. 数字", "#### 2．全角点", "## 结语"):
        assert f"\n{line}" in out, line


def test_run_in_heading_split():
    out = _page("headings/run_in.txt")
    assert "\n## 一、引言\n\n当今世界" in out
    assert "\n### （二）小节标题。\n\n这是紧跟" in out


def test_article_no_normalised():
    out = _page("labels/bracket_spaced.txt")
    assert "article_no: 0452-8832(2024)02-0038-18" in out
    assert "first_page: 38\nlast_page: 55" in out


def test_wrapped_multi_author_bio():
    out = _page("labels/multi_author_bio.txt")
    assert "affiliation: 兰州大学上海合作组织研究中心兼职教授，西南政法大学国际组织研究中心主任、教授" in out
    assert "name: 张宇\n  affiliation: 兰州大学政治与国际关系学院博士研究生" in out
    assert "name: 王五\n  affiliation: 测试大学讲师" in out


def test_english_abstract_by_pinyin_and_unclaimed_kept():
    out = _page("english/pinyin_shuffled.txt")
    assert "title_en: Testing English Abstracts" in out
    assert "name_en: YANG Yue" in out and "name_en: XU Jiafu" in out
    assert "abstract_en: The abstract of this article, printed with a page break inside." in out
    back = out.split("==> misc/ce-shi-ying-wen-zhai-yao-abstracts-en.md <==")[1].split("==>")[0]
    assert "kind: back-matter" in back and "An Abstract Nobody Claims" in back
    assert "Testing English Abstracts" not in back


def test_siblings_decide_heading_levels():
    alone = _page("headings/siblings_alone_with_full_stop.txt")
    assert "### （三）逐步完善的机制。" in alone  # printed alone, closing with 。, siblings are headings
    run_in = _page("headings/siblings_long_run_in.txt")
    assert "### （一）在多层次多领域的交流合作持续推进、相关制度安排日趋细化的背景下合作机制不断完善并取得了阶段性成果。\n\n事实上" in run_in
    listing = _page("headings/siblings_restart_not_headings.txt")
    assert "\n1. 对话是合作的起点" in listing and "#### 1. 坚持对话" in listing  # a restarted sequence is a list


def test_lost_note_block_leaves_its_page_unlinked_at_the_marks_lines():
    out = _page("notes/lost_block.txt")
    assert "三条文献，<sup>1</sup>" in out and "[^3]: 第三页的注一。" in out and "编号在任何脚注块之前重新开始" in out
    assert "第三页的正文重新从一开始编号。[^3]" in out  # the third page's references keep their own notes
    wrapped = _page("notes/lost_block_wrapped.txt")
    assert "lost_block_wrapped.txt:11: warning NOTE_BLOCK_LOST" in wrapped and "lost_block_wrapped.txt:12: warning NOTE_BLOCK_LOST" in wrapped


def test_issue_identity_and_toc_defects_are_reported_at_their_lines():
    assert "masthead_mismatch.txt:3: error ISSUE_MISMATCH" in _page("issue_facts/masthead_mismatch.txt")
    byline = _page("issue_facts/byline_missing.txt")
    assert "byline_missing.txt:11: warning BYLINE_MISSING" in byline and "- name: 周一" in byline
    assert "toc_title_not_corrected.txt:7: warning TOC_TITLE_MISMATCH" in _page("issue_facts/toc_title_not_corrected.txt")
