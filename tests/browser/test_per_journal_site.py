"""One site per journal (`make site JOURNAL=<slug>`): for an archive larger than one
GitHub Pages site, each journal is built from the same repository as its own site."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
from urllib.parse import urlparse

import pytest
import yaml

from browser.searchbox import wait_for_results
from browser.sitebuild import build_journal_site, build_portal
from browser.test_reader import browser  # noqa: F401  (fixture)

JOURNAL = "gjwtyj"  # the sample issue of 国际问题研究 (the other journal has one article)


def front(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {} if text.startswith("---\n") else {}


@pytest.fixture(scope="module")
def journal_site():
    return build_journal_site(JOURNAL)


def test_journal_site_holds_only_that_journal(journal_site):
    content, site = journal_site
    kinds = {md.relative_to(content).as_posix(): front(md).get("kind") for md in content.rglob("*.md")}
    articles = [p for p, k in kinds.items() if k == "article"]
    assert articles and all(p.startswith(JOURNAL + "/") for p in articles)
    assert not any(k == "document" for k in kinds.values())
    assert not (site / "ddmgpl").exists() and not (site / "documents").exists()
    assert (site / JOURNAL / "2025" / "06" / "index.html").exists()
    # the search index holds exactly this journal's articles; with the default shard sizes
    # a small site's pages and records are in one bundle, the primary
    bundles = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert bundles == {"records": ["./"], "text": []}
    urls = set()
    for f in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        urls.add(json.loads(raw[raw.index(b"{"):])["url"].removesuffix("#ja-record"))
    assert urls == {"/" + p[:-3] + "/" for p in articles}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(root):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _first_hits(browser, url: str, content, prefix: str = "") -> None:  # noqa: F811
    """On the page at `url`, each article of `content` found first by its title, at prefix + its path."""
    ctx = browser.new_context(locale="zh-CN")
    try:
        pg = ctx.new_page()
        pg.goto(url)
        n = 0
        for md in sorted(content.rglob("p*.md")):
            m = front(md)
            if m.get("kind") != "article":
                continue
            pg.click("[data-ja-search-input]")
            pg.fill("[data-ja-search-input]", "")
            pg.fill("[data-ja-search-input]", m["title"])
            wait_for_results(pg, m["title"], timeout=30000)  # the first query loads two sites under a busy CI
            first = pg.eval_on_selector(".md-search-result__item a", "a => a.href")
            assert urlparse(first).path == prefix + "/" + md.relative_to(content).as_posix()[:-3] + "/", m["title"]
            n += 1
        assert n
    finally:
        ctx.close()


@pytest.mark.browser
def test_journal_site_search_works(journal_site, browser):  # noqa: F811
    content, site = journal_site
    server, base = _serve(site)
    try:
        _first_hits(browser, base + "/", content)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_portal_search_spans_the_journal_sites(browser, tmp_path):  # noqa: F811
    """Two journal sites and the portal on one origin, as GitHub Pages project sites of one
    user are (/archive-gjwtyj/, /archive-ddmgpl/, /archive/): the portal's box finds the
    articles of both, linked into their own sites (one site in shards, one in a single bundle)."""
    sites = {"gjwtyj": build_journal_site("gjwtyj", sharded=True), "ddmgpl": build_journal_site("ddmgpl")}
    assert len(json.loads((sites["gjwtyj"][1] / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["text"]) > 1
    _, portal = build_portal(tuple((slug, f"/archive-{slug}/") for slug in sites))
    assert json.loads((portal / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["sites"] == \
        ["/archive-gjwtyj/", "/archive-ddmgpl/"]
    root = tmp_path / "pages"
    root.mkdir()
    for slug, (_, site) in sites.items():
        (root / f"archive-{slug}").symlink_to(site)
    (root / "archive").symlink_to(portal)
    server, base = _serve(root)
    try:
        for slug, (content, _) in sites.items():
            _first_hits(browser, base + "/archive/", content, prefix=f"/archive-{slug}")
    finally:
        server.shutdown()
        server.server_close()
