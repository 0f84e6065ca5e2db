"""Pagefind search in the header search box, in headless Chromium on the sample site."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import yaml

from browser.searchbox import wait_for_results
from browser.sitebuild import build_site
from browser.test_reader import base_url, browser, page, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

INPUT = "[data-ja-search-input]"


def front(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}


def articles() -> dict[str, dict]:
    """URL path -> front matter of every article of the sample site."""
    content, _ = build_site()
    out = {}
    for md in sorted(content.rglob("*.md")):
        m = front(md)
        if m.get("kind") == "article":
            out["/" + md.relative_to(content).as_posix()[:-3] + "/"] = m
    return out


@pytest.fixture(scope="module")
def searcher(browser, base_url):  # noqa: F811
    """One page kept open; search(q) -> result URL paths in rank order (all of them)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url + "/")

    def search(q: str) -> list[str]:
        pg.click(INPUT)
        pg.fill(INPUT, "")
        pg.fill(INPUT, q)
        wait_for_results(pg, q, timeout=15000)
        while pg.locator("[data-ja-search-more]").is_visible():
            n = pg.locator(".md-search-result__item").count()
            pg.click("[data-ja-search-more]")
            # the batch fills its slots as fragments arrive: wait for all of it
            pg.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {n}")
            wait_for_results(pg)
        hrefs = pg.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
        return [urlparse(h).path for h in hrefs]

    search.page = pg
    search.errors = errors
    yield search
    ctx.close()


def test_no_lunr_index_requested(page, base_url):  # noqa: F811
    """No lunr index; Pagefind's bundle is fetched once the page is idle after load
    (so the first query does not wait for it), never render-blocking."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "/gjwtyj/2025/06/p022/", wait_until="domcontentloaded")
    assert not [u for u in requested if "/pagefind/" in u]  # nothing before load
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "search_index.json" in u]
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested)


# After the load event, an idle callback queued behind the one search.js queues at load (idle
# callbacks run in the order they were queued): once it has run, search.js has warmed up, or
# decided not to. Warming up starts fetching the bundle at once (load() in search.js: pagefind.js,
# bundles.json, search.json), and the browser reports a request before the evaluation's result.
AFTER_WARM_UP = """() => new Promise(done => {
    const queue = () => setTimeout(() => requestIdleCallback(() => done(), {timeout: 10000}), 0);
    document.readyState === 'complete' ? queue() : addEventListener('load', queue, {once: true});
})"""


@pytest.mark.parametrize("save_data", [False, True], ids=["normal", "save-data"])
def test_save_data_waits_for_the_box(browser, base_url, save_data):  # noqa: F811
    """With Save-Data (or on 2G) nothing of Pagefind is fetched until the box is used; without
    it the bundle is fetched once the page is idle after loading (the same wait: it proves the
    page got as far as it would have fetched)."""
    ctx = browser.new_context(locale="zh-CN")
    ctx.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: %s, effectiveType: '4g'}})"
                        % ("true" if save_data else "false"))
    pg = ctx.new_page()
    requested = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.goto(base_url + "/gjwtyj/2025/06/p022/")
    pg.evaluate(AFTER_WARM_UP)
    assert any("/pagefind/" in u for u in requested) is not save_data
    if save_data:
        assert not [u for u in requested if "search_index.json" in u or "/pagefind/" in u]
        assert not pg.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/pagefind/')).length")
        with pg.expect_request(lambda r: r.url.endswith("/pagefind/pagefind.js")):
            pg.click(INPUT)
    else:
        pg.wait_for_load_state("networkidle")
        assert any(u.endswith("/pagefind/pagefind.js") for u in requested)
    ctx.close()


def test_every_keyword_finds_its_article_in_top5(searcher):
    misses = []
    for url, m in articles().items():
        for kw in m.get("keywords") or []:
            top = searcher(kw)[:5]
            if url not in top:
                misses.append((kw, url, top))
    assert not misses, misses
    assert not searcher.errors


def test_catalogue_records_are_searched_in_pieces_of_two_or_three_characters(searcher):
    """search.js searches the catalogue records with each run of Han characters cut into
    pieces of 2-3 characters (all of them indexed words of the record's title, authors and
    keywords), not with Pagefind's segmenter, which cuts a name into single characters
    (曾|向|红), each then matching every word it begins: on a large archive that made a
    name's search take hundreds of ms. The words searched show in the links (?highlight=)."""
    pg = searcher.page
    for q, words, url in (("曾向红", ["曾向红"], "/gjwtyj/2025/06/p022/"),
                          ("上海合作组织", ["上海合", "作组织"], "/gjwtyj/2025/06/p022/"),
                          ("全球南方", ["全球", "南方"], "/gjwtyj/2025/06/p022/")):
        assert url in searcher(q)[:5], q
        first = pg.eval_on_selector(".md-search-result__item a", "a => a.href")
        assert parse_qs(urlparse(first).query)["highlight"] == words, (q, first)


def test_title_finds_its_article_first(searcher):
    for url, m in articles().items():
        assert searcher(m["title"])[:1] == [url], m["title"]


def test_subtitle_finds_its_page_first(searcher):
    content, _ = build_site()
    subtitled = {"/" + md.relative_to(content).as_posix()[:-3] + "/": m["subtitle"]
                 for md in sorted(content.rglob("*.md")) if (m := front(md)).get("subtitle")}
    assert subtitled, "a sample page with a subtitle (the NATO document)"
    for url, subtitle in subtitled.items():
        assert searcher(subtitle)[:1] == [url], subtitle


def test_english_abstract_found_by_the_full_text(searcher):
    """The catalogue records leave out the English abstract (search_docs.record_doc); its
    words are still found, in the page's full text."""
    assert "/gjwtyj/2025/06/p022/" in searcher("mutual empowerment")[:5]


def test_author_lists_all_their_articles(searcher):
    by_author = defaultdict(set)
    for url, m in articles().items():
        for a in m.get("authors") or []:
            by_author[a["name"]].add(url)
    assert by_author
    for name, urls in by_author.items():
        found = set(searcher(name))
        assert urls <= found, (name, urls - found)


def test_traditional_query_finds_simplified_text(searcher):
    pg = searcher.page
    found = searcher("國際組織")
    assert "/gjwtyj/2025/06/p022/" in found[:5]
    assert "国际组织" in pg.inner_text("[data-ja-search-meta]")  # says it searched the simplified form
    # a keyword typed in traditional characters finds its article, as the simplified one does
    assert searcher("上海合作組織")[:5] == searcher("上海合作组织")[:5]
    assert "/gjwtyj/2025/06/p022/" in searcher("上海合作組織")[:5]


def test_simplified_query_finds_traditional_text(searcher):
    """The other way round: p134 prints 一任未滿 (traditional 滿) and 對中; the simplified
    forms find it (their simplified copies are indexed in the hidden terms section)."""
    assert "/gjwtyj/2025/06/p134/" in searcher("未满")[:5]
    assert "/gjwtyj/2025/06/p134/" in searcher("一任未满")[:5]
    assert "/gjwtyj/2025/06/p134/" in searcher("未滿")[:5]  # and typed as printed


def test_results_show_metadata_and_highlighted_excerpt(searcher):
    pg = searcher.page
    searcher("金砖合作")
    first = pg.locator(".md-search-result__item").first
    assert "新时代中国推进金砖合作的理念与实践" in first.locator("h1").inner_text()
    assert "杨娜" in first.locator(".ja-search-source").inner_text()
    assert "《国际问题研究》 2025 年第 6 期" in first.locator(".ja-search-source").inner_text()
    marks = first.locator(".ja-search-excerpt mark").all_inner_texts()
    assert marks and all(t in "金砖合作" for t in marks)
    shot(pg, "search")
    href = first.locator("a").get_attribute("href")
    assert "highlight=" in href
    first.locator("a").click()
    pg.wait_for_url("**/gjwtyj/2025/06/p001/**")
    pg.wait_for_selector(".ja-body mark.pagefind-highlight", timeout=10000)
    assert unquote(href).count("highlight=") >= 1
    pg.go_back()


def test_filters(searcher):
    pg = searcher.page
    searcher("美国")
    pg.locator("[data-ja-search-filters] summary").click()
    pg.wait_for_function("document.querySelector('select[data-filter=journal]').options.length > 2")
    for name in ("journal", "year", "section", "author"):
        assert pg.locator(f"select[data-filter={name}] option").count() > 1, name
    # counts are per article (each is indexed as its page and as its record: counted once)
    labels = pg.eval_on_selector_all("select[data-filter=journal] option", "os => os.slice(1).map(o => o.textContent)")
    indexed = sum(1 for md in build_site()[0].rglob("*.md")
                  if front(md).get("kind") in ("article", "document") and front(md).get("journal"))
    assert sum(int(t.rsplit("（", 1)[1].rstrip("）")) for t in labels) == indexed, labels
    pg.select_option("select[data-filter=journal]", value="当代美国评论")
    pg.wait_for_function("document.querySelector('[data-ja-search-meta]').textContent.includes('1 篇')")
    # the count is shown before the result list is redrawn: wait for the list itself
    pg.wait_for_function("document.querySelectorAll('.md-search-result__item a').length === 1")
    urls = [urlparse(h).path for h in pg.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")]
    assert urls == ["/ddmgpl/2025/01/p064/"]
    pg.select_option("select[data-filter=journal]", value="")
    pg.select_option("select[data-filter=author]", value="崔磊")
    pg.wait_for_function("document.querySelector('[data-ja-search-meta]').textContent.includes('1 篇')")
    pg.select_option("select[data-filter=author]", value="")
    pg.locator("[data-ja-search-filters] summary").click()


def test_keyboard_opens_search(page, base_url):  # noqa: F811
    page.goto(base_url + "/gjwtyj/2025/06/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-ja-search-input]')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_no_search_while_an_input_method_composes(browser, base_url):  # noqa: F811
    """Typing Chinese through an IME: the pinyin being composed is not searched; the
    committed characters are. A search starts by marking the results list busy
    (aria-busy="true"), which is what counts the searches started."""
    ctx = browser.new_context(locale="zh-CN")
    pg = ctx.new_page()
    pg.goto(base_url + "/")
    pg.click(INPUT)
    cdp = ctx.new_cdp_session(pg)
    pg.evaluate("""() => {
        window.__jaInputs = [];
        window.__jaStarted = [];
        // on the document: it hears an input event after the box's own listener has handled it
        document.addEventListener('input', e => window.__jaInputs.push(e.isComposing));
        // a search starts: the results list turns busy; note what the box held then
        const list = document.querySelector('[data-ja-search-results]');
        new MutationObserver(() => {
            const box = document.querySelector('[data-ja-search-input]');
            if (list.getAttribute('aria-busy') === 'true') window.__jaStarted.push(box.value);
        }).observe(list, {attributes: true, attributeFilter: ['aria-busy']});
    }""")
    parts = ("s", "sh", "shang", "shangh", "shanghai")
    for part in parts:
        cdp.send("Input.imeSetComposition", {"text": part, "selectionStart": len(part), "selectionEnd": len(part)})
    # every composing keystroke has reached the box and been handled: none started a search
    pg.wait_for_function(f"window.__jaInputs.length >= {len(parts)}")
    assert pg.evaluate("window.__jaInputs") == [True] * len(parts)
    assert pg.input_value(INPUT) == "shanghai"
    assert pg.evaluate("window.__jaStarted") == [] and not pg.locator(".md-search-result__item").count()
    cdp.send("Input.insertText", {"text": "上海"})
    wait_for_results(pg, "上海", timeout=15000)
    searched = pg.evaluate("window.__jaStarted")
    assert searched and set(searched) == {"上海"}, searched
    assert pg.locator(".md-search-result__item").count() > 0
    ctx.close()


def test_full_text_waits_until_the_catalogue_matches_are_listed(browser, base_url, searcher):  # noqa: F811
    """A large archive (separate full-text bundles) searches the full text of a query with
    at least `text_after` catalogue matches only once the reader pages past them: a title,
    author or keyword query fetches no full-text bundle. The sample site's bundles.json is
    served with text_after 2 so that a common word has that many matches."""
    import json as _json

    q = "合作"
    expected = searcher(q)  # the same query with the site's own setting (the full text at once)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def later(route):
        m = _json.loads(route.fetch().text())
        assert m["text"], "the sample site is built with separate full-text bundles (sitebuild.SHARDS)"
        route.fulfill(json={**m, "text_after": 2})

    ctx.route("**/pagefind/bundles.json", later)
    pg = ctx.new_page()
    text_fetches = []
    pg.on("request", lambda r: text_fetches.append(r.url) if "/pagefind/text-" in r.url else None)
    pg.goto(base_url + "/")
    pg.click(INPUT)
    pg.fill(INPUT, q)
    wait_for_results(pg, q, timeout=15000)
    assert "更多结果" in pg.inner_text("[data-ja-search-meta]")
    assert pg.locator("[data-ja-search-more]").is_visible()
    assert text_fetches == []
    while pg.locator("[data-ja-search-more]").is_visible():
        pg.click("[data-ja-search-more]")
        wait_for_results(pg)
    assert text_fetches, "paging past the catalogue matches searches the full text"
    hrefs = pg.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert [urlparse(h).path for h in hrefs] == expected
    ctx.close()
