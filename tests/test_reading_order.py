"""Issue 22, the converter's side: an article's prev/next run across the issues of its journal
in printed order; every issue of which the archive holds articles has a page that says how
many it holds; the byline's names are shown with the TOC's spelling noted. Adding or removing
an issue rewrites the neighbours whose prev/next it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.archive import add, remove
from generator.cache import ConvertCache
from generator.load import load_all
from generator.meta import parse
from generator.plan import render_all

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "sources").glob("*.txt"))
EARLIER = REPO / "tests" / "browser" / "sources" / "gjwtyj-2025-05.txt"  # 国际问题研究 2025 年第 5 期, whole


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    issues, errors = load_all([*SAMPLES, EARLIER])
    assert not errors
    out, _diags = render_all(issues)
    return out


def fm(pages, path) -> dict:
    return parse(pages[path])


def test_prev_next_run_across_issues_in_printed_order(pages):
    run = ["gjwtyj/2025/05/p001.md", "gjwtyj/2025/05/p005.md", *(f"gjwtyj/2025/06/p{n:03d}.md" for n in (1, 22, 42, 65, 86, 110, 134))]
    for k, path in enumerate(run):
        m = fm(pages, path)
        assert m.get("prev") == (run[k - 1] if k else None), path
        assert m.get("next") == (run[k + 1] if k + 1 < len(run) else None), path
        if m.get("next"):
            assert m["next_title"] == fm(pages, m["next"])["title"]
    assert fm(pages, "gjwtyj/2025/05/p005.md")["next_issue"] == "2025 年第 6 期"
    assert fm(pages, "gjwtyj/2025/06/p001.md")["prev_issue"] == "2025 年第 5 期"
    assert "prev_issue" not in fm(pages, "gjwtyj/2025/06/p022.md")
    # a journal of one article: no neighbour
    single = fm(pages, "ddmgpl/2025/01/p064.md")
    assert "prev" not in single and "next" not in single


def test_every_issue_held_has_a_page_saying_how_much_it_holds(pages):
    held = fm(pages, "ddmgpl/2025/01/index.md")
    assert held["kind"] == "issue" and held["complete"] is False and held["template"] == "issue.html"
    assert [a["url"] for s in held["sections"] for a in s["articles"]] == ["p064/"]
    assert held["back_matter"] == [{"title": "英文摘要（本期其他文章）", "url": "p064-abstracts-en/"}]
    assert "本档案收录本期文章 1 篇" in pages["ddmgpl/2025/01/index.md"]
    assert fm(pages, "gjwtyj/2025/06/index.md")["complete"] is True
    assert "本期 7 篇文章，本档案全部收录。" in pages["gjwtyj/2025/06/index.md"]
    # the journal lists it as an issue (a tile to its page), the year page links it
    assert "](2025/01/index.md){.ja-tile}" in pages["ddmgpl/index.md"]
    assert "### [第 1 期](../ddmgpl/2025/01/index.md)" in pages["years/2025.md"]


def test_the_byline_is_shown_with_the_tocs_spelling_noted(pages):
    m = fm(pages, "gjwtyj/2025/05/p005.md")
    assert [a["name"] for a in m["authors"]] == ["林向阳"] and m["toc_authors"] == ["林向扬"]
    issue = fm(pages, "gjwtyj/2025/05/index.md")
    entry = [a for s in issue["sections"] for a in s["articles"] if a["url"] == "p005/"][0]
    assert entry["authors"] == ["林向阳"] and entry["toc_authors"] == ["林向扬"]
    line = [x for x in pages["gjwtyj/2025/05/index.md"].splitlines() if x.startswith("- ") and "金砖国家数字" in x][0]
    assert line.index("林向阳") < line.index("目录作“林向扬”"), line
    assert "toc_authors" not in fm(pages, "gjwtyj/2025/05/p001.md")  # 周 立 言: the same name, spaced


def test_adding_an_earlier_issue_rewrites_the_neighbour_it_changes(tmp_path):
    sources, content = tmp_path / "sources", tmp_path / "content"
    sources.mkdir()
    content.mkdir()
    cache = ConvertCache(tmp_path / ".cache")
    add([SAMPLES[2]], sources, content, cache=cache)
    first = content / "gjwtyj/2025/06/p001.md"
    assert "prev" not in parse(first.read_text(encoding="utf-8"))
    plan, _report = add([EARLIER], sources, content, cache=cache)
    assert "gjwtyj/2025/06/p001.md" in plan.writes, sorted(plan.writes)
    assert parse(first.read_text(encoding="utf-8"))["prev"] == "gjwtyj/2025/05/p005.md"
    plan, _report = remove("gjwtyj/2025-05", sources, content, cache=cache)
    assert "gjwtyj/2025/06/p001.md" in plan.writes and "gjwtyj/2025/05/p005.md" in plan.deletes
    assert "prev" not in parse(first.read_text(encoding="utf-8"))
