"""Per-rule fixtures, with the model as the boundary (as pandoc's native dumps):

- readers and transforms: tests/fixtures/<rule>/<case>.txt -> <case>.model.json,
  the model dump (generator/dump.py) of the converted text with its diagnostics;
- writers: tests/fixtures/writers/<case>.model.json -> <case>.md, every page the
  writers make of a small hand-written model (`==> path <==` before each).

A writer change churns only the writer fixtures, a reader change only the
reader ones. Regenerate with `python tests/regen_golden.py --fixtures` and
review the diff by hand.
"""

from pathlib import Path

import pytest

from generator.dump import dumps, model_from_json
from generator.load import load
from generator.model import Article, Block, Issue
from regen_golden import (FIXTURES, WRITERS, expected_model, expected_pages, read_fixture, reader_cases, write_fixture,
                          writer_cases)

READER_CASES = reader_cases()
WRITER_CASES = writer_cases()


def test_fixtures_exist():
    rules = {p.parent.name for p in READER_CASES}
    assert {"page_join", "notes", "headings", "labels", "english", "issue_facts", "conservation"} <= rules
    for src in READER_CASES:
        assert expected_model(src).exists(), f"no expected model for {src}"
    assert {p.name.removesuffix(".model.json") for p in WRITER_CASES} >= {"article", "issue", "document", "corpus"}
    for model in WRITER_CASES:
        assert expected_pages(model).exists(), f"no expected pages for {model}"


def test_each_expected_output_stored_once():
    """A reader fixture's expected output is its model, never its pages as well; every
    expected file has its input (none left over from an older layout)."""
    for path in FIXTURES.rglob("*"):
        if not path.is_file() or path.parent == WRITERS:
            continue
        assert path.suffix == ".txt" or path.name.endswith(".model.json"), f"stray expected output {path}"
        if path.name.endswith(".model.json"):
            assert path.with_name(path.name.removesuffix(".model.json") + ".txt").exists(), f"{path} has no input"
    for path in WRITERS.iterdir():
        assert path.name.endswith((".model.json", ".md")), f"stray file {path}"
        if path.suffix == ".md":
            assert path.with_name(path.stem + ".model.json").exists(), f"{path} has no model"


@pytest.mark.parametrize("src", READER_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_reader_fixture(src: Path):
    assert read_fixture(src) == expected_model(src).read_text(encoding="utf-8")


@pytest.mark.parametrize("model", WRITER_CASES, ids=lambda p: p.name.removesuffix(".model.json"))
def test_writer_fixture(model: Path):
    assert write_fixture(model) == expected_pages(model).read_text(encoding="utf-8")


@pytest.mark.parametrize("src", READER_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_reader_fixture_models_read_back(src: Path):
    """What a reader fixture holds is a model the writers can start from: read back, the same model."""
    text = expected_model(src).read_text(encoding="utf-8")
    issue = model_from_json(text)
    assert dumps(issue) == text
    assert issue == load(src)


def test_writer_fixture_models_are_written_as_dumped():
    """The hand-written models hold no field at its default and no unknown field (the loader refuses those)."""
    for model in WRITER_CASES:
        text = model.read_text(encoding="utf-8")
        if text.lstrip().startswith("{"):
            issue = model_from_json(text)
            assert model_from_json(dumps(issue)) == issue


# ---- the points each reader fixture is there to prove, stated on the model --


def _issue(case: str) -> Issue:
    return load(FIXTURES / case)


def _article(case: str) -> Article:
    return _issue(case).articles[0]


def marked(b: Block) -> str:
    """A block's text with its note references put back where they were printed:
    [^N] for one bound to the article's note N, [?P] for one left unlinked (printed P)."""
    text = b.text
    for r in sorted(b.refs, key=lambda r: r.at, reverse=True):
        mark = f"[^{r.number}]" if r.number is not None else f"[?{r.printed}]"
        text = text[: r.at] + mark + text[r.at :]
    return text


def _texts(art: Article, kind: str = "para") -> list[str]:
    return [marked(b) for b in art.blocks if b.kind == kind]


def _notes(art: Article) -> set[tuple[int, str]]:
    return {(n.number, n.text) for n in art.notes}


def _headings(art: Article) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in art.blocks if b.kind == "heading"]


def _after(art: Article, heading: str) -> Block:
    """The block right after the heading `heading`."""
    k = next(k for k, b in enumerate(art.blocks) if b.kind == "heading" and b.text == heading)
    return art.blocks[k + 1]


def _has(texts: list[str], part: str) -> bool:
    return any(part in t for t in texts)


def _diags(issue: Issue) -> set[tuple[int, str, str]]:
    return {(d.span.line, d.severity, d.code) for d in issue.diagnostics}


def test_page_join_across_note_block_and_rule():
    assert _has(_texts(_article("page_join/across_note_block.txt")), "加速全球公共产品的演进。[^2]")
    art = _article("page_join/rule_between.txt")
    assert _has(_texts(art), "对北约政策的基础。在冷战时期")
    assert not any(b.kind == "break" for b in art.blocks)
    assert not any(t.startswith("基础") for t in _texts(art))


def test_page_join_english_gets_space():
    assert _has(_texts(_article("page_join/english_space.txt")), "Global Development Initiative,")


def test_star_note_mid_sentence_lifted_out():
    art = _article("page_join/star_note_mid_sentence.txt")
    assert _has(_texts(art), "这一句还没有结束，到这里才结束。")
    assert art.funding == "本文系某基金项目的阶段性成果。"


def test_notes_restart_per_page():
    art = _article("notes/per_page_restart.txt")
    assert _has(_texts(art), "第二页的编号重新开始。[^3]")
    assert (3, "第二页注一。") in _notes(art)


def test_notes_reported_not_dropped():
    issue = _issue("notes/ref_without_note.txt")
    assert _has(_texts(issue.articles[0]), "没有注释的引用。[?2]")
    assert "NOTE_UNRESOLVED" in {d.code for d in issue.diagnostics}
    issue = _issue("notes/note_without_ref.txt")
    assert (2, "没有人引用的注释，仍要保留。") in _notes(issue.articles[0])
    assert "NOTE_UNUSED" in {d.code for d in issue.diagnostics}


def test_heading_levels_follow_numbering():
    got = _headings(_article("headings/lying_hash_counts.txt"))
    for level, start in ((2, "一、顿号"), (2, "二 空格"), (3, "（一）全角"), (3, "(二) 半角"), (4, "1. 数字"), (4, "2．全角点"), (2, "结语")):
        assert any(lv == level and text.startswith(start) for lv, text in got), (level, start)


def test_run_in_heading_split():
    art = _article("headings/run_in.txt")
    assert (2, "一、引言") in _headings(art) and _after(art, "一、引言").text.startswith("当今世界")
    assert (3, "（二）小节标题。") in _headings(art) and _after(art, "（二）小节标题。").text.startswith("这是紧跟")


def test_article_no_normalised():
    art = _article("labels/bracket_spaced.txt")
    assert (art.article_no, art.first_page, art.last_page) == ("0452-8832(2024)02-0038-18", 38, 55)


def test_wrapped_multi_author_bio():
    art = _article("labels/multi_author_bio.txt")
    assert [(a.name, a.affiliation) for a in art.authors] == [
        ("曾向红", "兰州大学上海合作组织研究中心兼职教授，西南政法大学国际组织研究中心主任、教授"),
        ("张宇", "兰州大学政治与国际关系学院博士研究生"),
        ("王五", "测试大学讲师"),
    ]


def test_english_abstract_by_pinyin_and_unclaimed_kept():
    issue = _issue("english/pinyin_shuffled.txt")
    art = issue.articles[0]
    assert art.title_en == "Testing English Abstracts"
    assert {a.name_en for a in art.authors} >= {"YANG Yue", "XU Jiafu"}
    assert art.abstract_en == "The abstract of this article, printed with a page break inside."
    (back,) = [bm for bm in issue.back_matter if bm.kind == "english_abstracts"]
    assert _has(list(back.lines), "An Abstract Nobody Claims")
    assert not _has(list(back.lines), "Testing English Abstracts")


def test_siblings_decide_heading_levels():
    alone = _article("headings/siblings_alone_with_full_stop.txt")
    assert (3, "（三）逐步完善的机制。") in _headings(alone)  # printed alone, closing with 。, siblings are headings
    run_in = _article("headings/siblings_long_run_in.txt")
    long = "（一）在多层次多领域的交流合作持续推进、相关制度安排日趋细化的背景下合作机制不断完善并取得了阶段性成果。"
    assert (3, long) in _headings(run_in) and _after(run_in, long).text.startswith("事实上")
    listing = _article("headings/siblings_restart_not_headings.txt")
    assert any(t.startswith("1. 对话是合作的起点") for t in _texts(listing))  # a restarted sequence is a list
    assert (3, "1. 坚持对话") in _headings(listing)  # right under 一、: one level below it (layout.heading_levels)


def test_lost_note_block_leaves_its_page_unlinked_at_the_marks_lines():
    issue = _issue("notes/lost_block.txt")
    art = issue.articles[0]
    assert _has(_texts(art), "三条文献，[?1]") and (3, "第三页的注一。") in _notes(art)
    assert any(d.code == "NOTE_BLOCK_LOST" and "编号在任何脚注块之前重新开始" in d.text("zh") for d in issue.diagnostics)
    assert _has(_texts(art), "第三页的正文重新从一开始编号。[^3]")  # the third page's references keep their own notes
    assert {(11, "warning", "NOTE_BLOCK_LOST"), (12, "warning", "NOTE_BLOCK_LOST")} <= _diags(_issue("notes/lost_block_wrapped.txt"))


def test_issue_identity_and_toc_defects_are_reported_at_their_lines():
    assert (3, "error", "ISSUE_MISMATCH") in _diags(_issue("issue_facts/masthead_mismatch.txt"))
    byline = _issue("issue_facts/byline_missing.txt")
    assert (11, "warning", "BYLINE_MISSING") in _diags(byline) and byline.articles[0].authors[0].name == "周一"
    assert (7, "warning", "TOC_TITLE_MISMATCH") in _diags(_issue("issue_facts/toc_title_not_corrected.txt"))


# ---- the writer fixtures' points -------------------------------------------


def _pages(case: str) -> dict[str, str]:
    out = write_fixture(WRITERS / f"{case}.model.json")
    return {head: text for head, _, text in (c.partition(" <==\n") for c in out.split("==> ")[1:])}


def test_writers_place_note_references_by_the_model():
    page = _pages("article")["csxk/2024/02/p038.md"]
    assert "引言段落，带一个注释。[^1]" in page and "注释编号接着排。[^2]" in page
    assert "[^1]: 第一页的注释" in page and "[^2]: 第二页的注一。" in page
    assert "[^7]" not in page and "<sup>7</sup>" in page  # an unbound reference stays the printed number, unlinked
    assert "\n## 一、问题的提出\n" in page and "\n### （一）小节\n" in page and "\n1. 编号段落的正文。\n" in page


def test_issue_page_links_what_the_file_holds():
    pages = _pages("issue")
    index = pages["csxk/2024/02/index.md"]
    assert "[目录印的标题]: p012.md" in index  # the TOC's title links to the article it was matched to
    assert "文件中没有的文章" in index and "[文件中没有的文章]" not in index  # not in the file: not linked
    assert "csxk/2024/02/subscription.md" in pages and "csxk/2024/02/annual-index.md" in pages
    assert "- [第一篇文章] 周 一" in pages["csxk/2024/02/annual-index.md"]


def test_model_loader_names_what_is_wrong():
    from generator.dump import ModelError

    base = {"source": "x.txt", "kind": "article", "style": "bracket"}
    art = {"kind": "article", "title": "t", "line": 1}
    assert model_from_json(base) == Issue("x.txt", "article", "bracket")
    with pytest.raises(ModelError, match=r"articles\[0\]\.blocks\[0\]\.kind: 'paragraph' is not one of"):
        model_from_json({**base, "articles": [{**art, "blocks": [{"kind": "paragraph", "text": "x", "line": 2}]}]})
    with pytest.raises(ModelError, match=r"articles\[0\]: Article has no field colour"):
        model_from_json({**base, "articles": [{**art, "colour": "red"}]})
    with pytest.raises(ModelError, match=r"articles\[0\]\.first_page: expected int, found '3'"):
        model_from_json({**base, "articles": [{**art, "first_page": "3"}]})
    with pytest.raises(ModelError, match="not registered"):
        model_from_json({**base, "diagnostics": [{"code": "NO_SUCH", "message": "m", "span": {"source": "x.txt", "line": 1}}]})


def test_star_paragraph_is_the_funding_note_only_under_a_starred_title():
    """'* …' opening a paragraph is the starred note when the title (or subtitle) ends with a
    star; under a title without one it is text kept where it stands (a list line, or a note
    whose title star was lost: missing, never a wrong field), and the archivist is told."""
    issue = load(FIXTURES / "star/list_lines_no_title_star.txt")
    art = issue.articles[0]
    assert art.funding == "上标星号的注释，标题的星号在提取时丢失。"  # a superscript star is never a list mark
    assert [b.text for b in art.blocks if b.text.startswith("*")] == ["* 第一，坚持多边主义。", "* 第二，推进开放合作。\n* 第三，维护共同安全。"]
    assert {(d.span.line, d.severity, d.code) for d in issue.diagnostics if d.code.startswith("STAR")} == {
        (11, "info", "STAR_UNREFERENCED"), (13, "info", "STAR_UNREFERENCED")}
    art = _article("star/subtitle_star.txt")
    assert (art.subtitle, art.funding) == ("以某国为例", "本文系某基金项目的阶段性成果。")
