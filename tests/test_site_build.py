"""End-to-end: sources -> content -> mkdocs build --strict, then check the HTML."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.meta import parse as _meta_text
from archive_site.pages.typeset import cjk_punct


NOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:", re.M)




def meta_of(path: Path) -> dict:
    return _meta_text(path.read_text(encoding="utf-8"))


def pages_of(content: Path, kind: str) -> dict[str, dict]:
    out = {}
    for p in sorted(content.rglob("*.md")):
        m = meta_of(p)
        if m.get("kind") == kind:
            out[p.relative_to(content).as_posix()] = m
    return out


def html_of(site: Path, src: str) -> Path:
    """content path -> built HTML (use_directory_urls)."""
    if src.endswith("index.md"):
        return site / src[: -len("index.md")] / "index.html"
    return site / src[:-3] / "index.html"


def url_of(src: str) -> str:
    """content path -> site URL path (root-relative, with directory URLs)."""
    if src.endswith("index.md"):
        return "/" + src[: -len("index.md")]
    return "/" + src[:-3] + "/"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A link on `page_url` -> (target URL path, fragment)."""
    u = urlparse(urljoin("http://x" + page_url, href))
    path = posixpath.normpath(unquote(u.path)) + ("/" if u.path.endswith("/") else "")
    return path, unquote(u.fragment)


def test_strict_build_and_basics(built):
    content, site = built
    assert (site / "index.html").exists()
    assert (site / "404.html").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    site_url = yaml.safe_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert f"<loc>{site_url}" in sitemap
    home = soup(site / "index.html")
    assert home.html.get("lang", "").startswith("zh")


def test_issue_toc_links_every_article_in_order(built):
    content, site = built
    issues = pages_of(content, "issue")
    assert issues, "the samples contain at least one issue"
    for src, m in issues.items():
        folder = posixpath.dirname(src)
        expected = [posixpath.join(folder, a["url"]) for s in m["sections"] for a in s["articles"] if a.get("url")]
        articles = sorted(p for p, am in pages_of(content, "article").items() if posixpath.dirname(p) == folder)
        assert sorted(e.rstrip("/") + ".md" for e in expected) == articles, "issue metadata lists every article of the folder"
        page = soup(html_of(site, src))
        body = page.select_one("article.md-content__inner")
        seen = []
        for toc in body.select(".ja-issue-toc"):
            for a in toc.find_all("a", href=True):
                target, _ = resolve(url_of(src), a["href"])
                if target not in seen:
                    seen.append(target)
        assert seen == ["/" + e for e in expected], f"{src}: TOC links {seen}"
        for e in expected:
            assert html_of(site, e.rstrip("/") + ".md").exists()


@pytest.mark.parametrize("kind", ["article"])
def test_footnotes_complete_and_two_way(built, kind):
    content, site = built
    for src in pages_of(content, kind):
        notes = NOTE_DEF.findall((content / src).read_text(encoding="utf-8"))
        page = soup(html_of(site, src))
        ids = {t["id"] for t in page.find_all(id=True)}
        items = page.select("div.footnote > ol > li")
        assert len(items) == len(notes), f"{src}: {len(items)} rendered notes, {len(notes)} in the Markdown"
        refs = page.select("a.footnote-ref")
        backs = page.select("a.footnote-backref")
        assert len(refs) >= len(notes) and len(backs) >= len(notes)
        for a in refs + backs:
            href = a["href"]
            assert href.startswith("#") and unquote(href[1:]) in ids, f"{src}: {href} has no target"


def test_article_page_metadata(built):
    content, site = built
    keywords_ids = {t["id"] for t in soup(site / "keywords" / "index.html").find_all(id=True)}
    author_ids = {t["id"] for t in soup(site / "authors" / "index.html").find_all(id=True)}
    section_ids = {t["id"] for t in soup(site / "sections" / "index.html").find_all(id=True)}
    for src, m in pages_of(content, "article").items():
        page = soup(html_of(site, src))
        art = page.select_one("article.md-content__inner")
        assert len(art.find_all("h1")) == 1, f"{src}: one title"
        assert art.h1.get_text(strip=True) == m["title"]
        cite = art.select_one(".ja-cite")  # the APA reference repeats the English title (issue 14)
        text = art.get_text(" ", strip=True).replace(cite.get_text(" ", strip=True) if cite else "\0", "")
        for key in ("abstract", "title_en", "funding", "editor"):
            if m.get(key):
                shown = cjk_punct(m[key]) if key in ("abstract", "funding") else m[key]  # archive_site/pages/typeset.py
                assert text.count(shown[:20]) == 1, f"{src}: {key} shown exactly once"
        kw_links = art.select("a.ja-kw")
        assert [a.get_text() for a in kw_links] == m.get("keywords", [])
        for a in kw_links:
            target, frag = resolve(url_of(src), a["href"])
            assert target == "/keywords/" and frag in keywords_ids
        for a in art.select("a.ja-author"):
            target, frag = resolve(url_of(src), a["href"])
            assert target == "/authors/" and frag in author_ids
        if m.get("section"):
            a = art.select_one(".ja-source a[href*='sections']")
            assert resolve(url_of(src), a["href"])[1] in section_ids
        for side in ("prev", "next"):
            if m.get(side):
                link = art.select_one(f"a[rel={side}]")
                assert link is not None
                target, _ = resolve(url_of(src), link["href"])
                assert target == url_of(m[side])
        src_link = art.select_one(".ja-source-link a")
        target, _ = resolve(url_of(src), src_link["href"])
        assert (site / target.lstrip("/")).read_text(encoding="utf-8") == (content / src).read_text(encoding="utf-8")
        assert page.select_one(".md-sidebar--secondary nav.md-nav--secondary"), "in-page TOC"
        assert "printed" not in art.get_text() and "〔提 要〕" not in art.get_text()


def test_indexes(built):
    content, site = built
    authors = soup(site / "authors" / "index.html")
    articles = pages_of(content, "article")
    names = {a["name"] for m in articles.values() for a in m.get("authors", [])}
    heads = [h for h in authors.select("article h3")]
    assert len(heads) == len(names)
    for src, m in articles.items():
        for kw in m.get("keywords", []):
            assert kw in soup(site / "keywords" / "index.html").get_text()
    assert (site / "years" / "index.html").exists()
    for m in articles.values():
        assert (site / "years" / str(m["year"]) / "index.html").exists()
    for slug in {p.split("/")[0] for p in articles}:
        assert (site / slug / "index.html").exists(), f"journal archive for {slug}"


def test_document_lists_keep_printed_numbers(built):
    content, site = built
    for src in pages_of(content, "document"):
        md = (content / src).read_text(encoding="utf-8")
        starts = [int(x) for x in re.findall(r"(?:^|\n\n)(?:#+ [^\n]*\n\n)(\d+)\. ", md)]
        page = soup(html_of(site, src))
        rendered = [int(ol.get("start", 1)) for ol in page.select("article ol")]
        for s in starts:
            assert s in rendered, f"{src}: a list printed from {s} must start at {s}"
