"""The citation network (generator/network.py): a note that cites an archived
article links to it, that article lists the citing note (cited_by), a
reference that names an archived issue but no article of it (or two) is
reported and left unlinked, related articles share references, and add /
remove rewrite the pages a new issue cites.

The fixtures in tests/fixtures/references/ are small issues in the bracket
house style: cites_sample.txt (国际问题研究 2026 年第 1 期) cites two articles
of the sample issue 2025 年第 6 期 (one in traditional characters, one by 同上)
and one article the archive does not hold; unresolved.txt cites that issue
with a title none of its articles has; ambiguous.txt cites a title two of its
own articles share (up to punctuation), once without a page and once with one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.archive import add, remove
from generator.cache import ConvertCache
from generator.load import convert_bytes
from generator.meta import parse as meta_of
from generator.plan import render_pages

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sources" / "003_9f707cb2b1b9ba7b.txt"
FIX = REPO / "tests" / "fixtures" / "references"
CITED = "gjwtyj/2025/06/p022.md"  # 曾向红、张宇：《相互成就：上海合作组织与四大全球倡议》
CITED_TRAD = "gjwtyj/2025/06/p001.md"  # 杨娜：《新时代中国推进金砖合作的理念与实践》 (cited as 楊娜：《新時代中國…》)
CITING = "gjwtyj/2026/01/p001.md"


def _convert(*paths: Path):
    return [convert_bytes(p.read_bytes(), p.name) for p in paths]


@pytest.fixture(scope="module")
def linked():
    return render_pages(_convert(SAMPLE, FIX / "cites_sample.txt"))


def _note(page: str, n: int) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"[^{n}]:"))


def test_note_links_to_the_cited_article(linked):
    pages, metas, diags = linked
    note1 = _note(pages[CITING], 1)
    assert note1.startswith("[^1]: 曾向红、张宇：《相互成就：上海合作组织与四大全球倡议》，《国际问题研究》2025 年第 6 期，第 37 页。")
    assert note1.endswith(" [→ 本刊 2025 年第 6 期](../../2025/06/p022.md)")
    assert _note(pages[CITING], 2).endswith("[→ 本刊 2025 年第 6 期](../../2025/06/p022.md)")  # 同上，第 40 页
    # 繁体 title and journal; the link stands before the ； that ends the reference
    note3 = _note(pages[CITING], 3)
    assert "第5頁 [→ 本刊 2025 年第 6 期](../../2025/06/p001.md)；王毅" in note3
    assert note3.count("[→") == 1  # 王毅 2015 年第 3 期: an issue the archive does not hold
    assert "[→" not in _note(pages[CITING], 4)
    refs = metas[CITING]["references"]
    assert [r.get("link") for r in refs] == [CITED, CITED, CITED_TRAD, None, None]
    assert not [d for d in diags if d.code.startswith("REF_")]


def test_cited_article_lists_the_citing_notes(linked):
    _pages, metas, _diags = linked
    cited_by = metas[CITED]["cited_by"]
    assert [(c["path"], c["note"]) for c in cited_by] == [(CITING, 1), (CITING, 2)]
    assert cited_by[0]["title"] == "上海合作组织与全球治理的新阶段"
    assert cited_by[0]["issue"] == "2026 年第 1 期" and cited_by[0]["journal"] == "国际问题研究"
    assert cited_by[0]["text"].startswith("曾向红、张宇：《相互成就")
    assert [(c["path"], c["note"]) for c in metas[CITED_TRAD]["cited_by"]] == [(CITING, 3)]
    uncited = [p for p, m in metas.items() if m.get("kind") == "article" and p not in (CITED, CITED_TRAD)]
    assert uncited and all(metas[p]["cited_by"] == [] for p in uncited)


def test_unresolved_reference_is_reported_and_not_linked():
    pages, metas, diags = render_pages(_convert(SAMPLE, FIX / "unresolved.txt"))
    refs = [d for d in diags if d.code.startswith("REF_")]
    assert [(d.code, d.span.source, d.get("note")) for d in refs] == [("REF_UNRESOLVED", "unresolved.txt", 1)]
    assert refs[0].span.line == 29  # the note's line in the source
    page = pages["gjwtyj/2026/02/p001.md"]
    assert "[→" not in page  # 2025 年第 7 期 is not in the archive: no link, no warning
    assert all(not m.get("cited_by") for p, m in metas.items() if m.get("kind") == "article")


def test_ambiguous_reference_is_reported_and_not_linked():
    pages, metas, diags = render_pages(_convert(FIX / "ambiguous.txt"))
    refs = [d for d in diags if d.code.startswith("REF_")]
    assert [(d.code, d.get("note"), d.get("count")) for d in refs] == [("REF_AMBIGUOUS", 1, 2)]
    reply = pages["gjwtyj/2026/03/p005.md"]
    assert "[→" not in _note(reply, 1)
    assert _note(reply, 2).endswith("[→ 本刊 2026 年第 3 期](p003.md)")  # 第 4 页 tells them apart
    assert [c["note"] for c in metas["gjwtyj/2026/03/p003.md"]["cited_by"]] == [2]
    assert metas["gjwtyj/2026/03/p001.md"]["cited_by"] == []


def test_samples_link_nothing_and_report_nothing():
    """No sample note cites an archived article: no link, no REF_* warning (never cry wolf)."""
    pages, metas, diags = render_pages(_convert(*sorted((REPO / "sources").glob("*.txt"))))
    assert not [d for d in diags if d.code.startswith("REF_")]
    assert not any("[→ " in text for text in pages.values())
    assert all(not r.get("link") for m in metas.values() for r in m.get("references") or [])


def test_related_articles_share_references():
    """002 (当代美国评论) and 003's p065 both cite the White House's National Security Strategy of October 2022."""
    _pages, metas, _diags = render_pages(_convert(*sorted((REPO / "sources").glob("*.txt"))))
    related = metas["gjwtyj/2025/06/p065.md"]["related"]
    assert [(r["path"], r["shared"]) for r in related] == [("ddmgpl/2025/01/p064.md", 1)]
    assert [r["path"] for r in metas["ddmgpl/2025/01/p064.md"]["related"]] == ["gjwtyj/2025/06/p065.md"]


def test_reference_entries_in_front_matter(linked):
    _pages, metas, _diags = linked
    refs = metas[CITING]["references"]
    assert refs[0] == {"note": 1, "raw": "曾向红、张宇：《相互成就：上海合作组织与四大全球倡议》，《国际问题研究》2025 年第 6 期，第 37 页",
                       "kind": "article", "authors": ["曾向红", "张宇"], "title": "相互成就：上海合作组织与四大全球倡议",
                       "container": "国际问题研究", "issue": "6", "year": 2025, "pages": "37", "link": CITED}
    assert refs[1] == {"note": 2, "raw": "同上，第 40 页", "kind": "article", "pointer": "ibid", "pages": "40",
                       "same_as": [1, 0], "link": CITED}


def test_add_and_remove_update_the_cited_pages(arch):
    cache = ConvertCache(arch / ".cache" / "convert")
    add([SAMPLE], arch / "sources", arch / "content", cache=cache)
    before = {p: p.read_bytes() for p in (arch / "content").rglob("*.md")}
    plan, text = add([FIX / "cites_sample.txt"], arch / "sources", arch / "content", cache=cache)
    assert CITED in plan.writes and CITED_TRAD in plan.writes  # older pages the new issue cites
    assert CITED in text and CITED_TRAD in text  # listed among the changed pages
    cited = meta_of((arch / "content" / CITED).read_text(encoding="utf-8"))
    assert [(c["path"], c["note"]) for c in cited["cited_by"]] == [(CITING, 1), (CITING, 2)]
    plan, text = remove("gjwtyj/2026-01", arch / "sources", arch / "content", cache=cache)
    assert CITED in plan.writes and CITED in text
    after = {p: p.read_bytes() for p in (arch / "content").rglob("*.md")}
    assert after == before  # the citations went with the issue


def test_add_reports_an_older_note_that_matches_nothing_in_the_new_issue(arch):
    """Adding 2025 年第 6 期 after an issue whose note cites it with a title it does not hold."""
    cache = ConvertCache(arch / ".cache" / "convert")
    add([FIX / "unresolved.txt"], arch / "sources", arch / "content", cache=cache)
    plan, text = add([SAMPLE], arch / "sources", arch / "content", cache=cache)
    assert [(rel, d.code) for rel, d in plan.diagnostics if d.code.startswith("REF_")] == [("gjwtyj/2026-02.txt", "REF_UNRESOLVED")]
    assert "REF_UNRESOLVED" in text


def test_link_lands_on_the_cited_printed_page():
    """tests/fixtures/pages/proved.txt proves its pages 22–24: a note citing p. 23 links to #p23."""
    pages, _metas, diags = render_pages(_convert(REPO / "tests" / "fixtures" / "pages" / "proved.txt", FIX / "cites_page.txt"))
    page = pages["gjwtyj/2026/04/p001.md"]
    assert _note(page, 1).endswith("[→ 本刊 2025 年第 6 期](../../2025/06/p022.md#p23)")
    assert _note(page, 2).endswith("[→ 本刊 2025 年第 6 期](../../2025/06/p022.md#p22)")
    assert not [d for d in diags if d.code.startswith("REF_")]


def test_most_cited_index_page():
    from generator.plan import render_all

    pages, _diags = render_all(_convert(SAMPLE, FIX / "cites_sample.txt"))
    cited = pages["cited/index.md"]
    assert meta_of(cited) == {"kind": "index", "index": "cited", "title": "引证排行"}
    ranked = [line for line in cited.splitlines() if line[:3] in ("1. ", "2. ")]
    assert len(ranked) == 2 and all(line.endswith("：被引 1 次") for line in ranked)
    assert "(../gjwtyj/2025/06/p022.md)" in cited and "(../gjwtyj/2025/06/p001.md)" in cited
    assert "引证排行](../cited/index.md)" in pages["indexes/index.md"]
    alone, _ = render_all(_convert(SAMPLE))
    assert "本刊文章尚未被本库其他文章引用。" in alone["cited/index.md"] and "被引" not in alone["cited/index.md"].split("##", 1)[1]


def test_a_note_citing_a_title_without_its_subtitle_links():
    """相互成就：上海合作组织与四大全球倡议, cited as 《相互成就》 (the main title alone), with its page."""
    text = (FIX / "cites_sample.txt").read_text(encoding="utf-8").replace("《相互成就：上海合作组织与四大全球倡议》", "《相互成就》")
    cited = convert_bytes(text.encode("utf-8"), "cites_short_title.txt")
    pages, _metas, diags = render_pages([*_convert(SAMPLE), cited])
    assert _note(pages[CITING], 1).endswith("[→ 本刊 2025 年第 6 期](../../2025/06/p022.md)")
    assert not [d for d in diags if d.code.startswith("REF_")]


OLDER = "gjwtyj/2022/03/p001.md"  # 吴志成：《中国式现代化道路的世界内涵》, cited by p022's note 33


def test_an_added_older_issue_is_linked_from_the_sample_notes_that_cite_it(arch):
    """The sample 2025-06 (p022, note 33) cites 《国际问题研究》2022 年第 3 期: adding that issue links the
    note to its article, and the article lists the citing note; `add` lists p022 among the changed pages."""
    cache = ConvertCache(arch / ".cache" / "convert")
    add([SAMPLE], arch / "sources", arch / "content", cache=cache)
    plan, text = add([FIX / "older_issue.txt"], arch / "sources", arch / "content", cache=cache)
    assert CITED in plan.writes and CITED in text
    page = (arch / "content" / CITED).read_text(encoding="utf-8")
    assert _note(page, 33).endswith("第14页。 [→ 本刊 2022 年第 3 期](../../2022/03/p001.md)")
    older = meta_of((arch / "content" / OLDER).read_text(encoding="utf-8"))
    assert [(c["path"], c["note"]) for c in older["cited_by"]] == [(CITED, 33)]
    assert [r.get("link") for r in meta_of(page)["references"] if r["note"] == 33] == [OLDER]
