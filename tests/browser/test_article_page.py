"""A scholar's article page (issue 22): each defect a full reader's trial found, as the
reader meets it, in headless Chromium on the sample site plus the test-only issue
(tests/browser/sources/, browser/sitebuild.py): 国际问题研究 2025 年第 5 期, whose notes prove
every printed page and whose table of contents spells an author otherwise than the byline.

The numbers are the issue's: 1 text first, 2 printed pages, 3 Latin case, 4 focus after
Escape, 5 search noise, 6 name variants, 7 screen readers, 8 keyboard and touch, 9 the
issue's table of contents, 10 single articles, 12 the 404 page and the notes' contrast
(11, Lighthouse, is measured by bench/lighthouse.py, not in a timed test)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
import yaml

from generator.cjk import HAN
from browser.searchbox import wait_for_results
from browser.sitebuild import build_site
from browser.test_reader import OUT, base_url, browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGED = "/gjwtyj/2025/05/p001/"      # the test issue's first article: pages 1-4, each proved by its notes
VARIANT = "/gjwtyj/2025/05/p005/"    # byline 林向阳, the TOC prints 林向扬; pages 5-7
SAMPLE = "/gjwtyj/2025/06/p022/"     # a sample article: its notes prove no page
SINGLE = "/ddmgpl/2025/01/p064/"     # a single article of its issue (当代美国评论 2025 年第 1 期)
INPUT = "[data-ja-search-input]"


def context(browser, size=DESKTOP, scheme="light", **kw):  # noqa: F811
    phone = size["width"] < 500
    return browser.new_context(viewport=size, color_scheme=scheme, locale="zh-CN",
                               **({"is_mobile": True, "has_touch": True} if phone else {}), **kw)


def front(path: str) -> dict:
    content, _ = build_site()
    text = (content / (path.strip("/") + ".md")).read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


def articles() -> list[str]:
    content, _ = build_site()
    out = []
    for md in sorted(content.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---\nkind: article\n"):
            out.append("/" + md.relative_to(content).as_posix()[:-3] + "/")
    return out


def search(pg, q: str) -> list[dict]:
    """Every result of `q` (more results paged in): partial, URL (path + hash), source line, excerpt."""
    pg.click(INPUT)
    pg.fill(INPUT, "")
    pg.fill(INPUT, q)
    wait_for_results(pg, q)
    while pg.locator("[data-ja-search-more]").is_visible():
        pg.click("[data-ja-search-more]")
        wait_for_results(pg)
    return pg.eval_on_selector_all(".md-search-result__item", """els => els.map(li => {
        const a = li.querySelector('a'), u = new URL(a.href);
        return {partial: li.classList.contains('ja-search-partial'), url: u.pathname + u.hash,
                source: li.querySelector('.ja-search-source').textContent, excerpt: li.querySelector('.ja-search-excerpt').textContent} })""")


def ax_tree(ctx, pg) -> list[dict]:
    """Chromium's accessibility tree of the page (CDP): [{role, name, ignored}]."""
    cdp = ctx.new_cdp_session(pg)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    return [{"role": (n.get("role") or {}).get("value"), "name": (n.get("name") or {}).get("value", ""),
             "ignored": n.get("ignored", False)} for n in nodes]


# ---------------------------------------------------------------- 1. text first


def test_1_text_starts_within_a_screen_and_a_fifth_on_a_phone(browser, base_url):  # noqa: F811
    """Before the text: title, authors, a short abstract with 展开, keywords and one row of
    tools; the citation box, downloads and codes follow the text."""
    for size, screens in ((PHONE, 1.2), (DESKTOP, 1.0)):
        ctx = context(browser, size)
        pg = ctx.new_page()
        try:
            for path in articles():
                pg.goto(base_url + path)
                top = pg.evaluate("""() => { const p = [...document.querySelectorAll('.ja-body > p')].find(p => p.textContent.trim());
                    return p.getBoundingClientRect().top + scrollY }""")
                assert top <= screens * size["height"], f"{path} at {size['width']} px: the text starts at {top:.0f} px"
                order = pg.evaluate("""() => { const body = document.querySelector('.ja-body');
                    const after = s => { const e = document.querySelector(s); return !e || !!(body.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) };
                    return {cite: after('.ja-cite'), downloads: after('.ja-cite-downloads'), codes: after('.ja-codes'), en: after('.ja-abstract-en')} }""")
                assert all(order.values()), (path, order)
        finally:
            ctx.close()
    # the abstract: its first lines, 展开 shows the rest (and says so to a screen reader)
    ctx = context(browser, PHONE)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + SAMPLE)
        more = pg.locator(".ja-more")
        closed = pg.evaluate("document.getElementById('ja-abstract').getBoundingClientRect().height")
        assert more.is_visible() and more.get_attribute("aria-expanded") == "false"
        pg.screenshot(path=str(OUT / "article-first-screen-390.png"))  # what a reader sees first
        more.click()
        assert more.get_attribute("aria-expanded") == "true" and more.inner_text() == "收起"
        assert pg.evaluate("document.getElementById('ja-abstract').getBoundingClientRect().height") > closed * 1.5
        pg.screenshot(path=str(OUT / "article-abstract-open-390.png"))
    finally:
        ctx.close()


# ---------------------------------------------------------------- 2. printed pages


def test_2_printed_pages_anchored_listed_and_never_invented(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        for path in articles():
            pages = front(path).get("pages") or []
            pg.goto(base_url + path)
            marks = pg.eval_on_selector_all(".ja-body [role=doc-pagebreak]", """els => els.map(e => ({id: e.id,
                label: e.getAttribute("title"), number: getComputedStyle(e, '::before').content}))""")
            assert [m["id"] for m in marks] == [f"p{p}" for p in pages], f"{path}: anchors in order, only where the notes prove them"
            assert all(m["label"] == f"第 {p} 页" and str(p) in m["number"] for m, p in zip(marks, pages)), marks
            listed = pg.eval_on_selector_all("[role=doc-pagelist] a", "as => as.map(a => a.getAttribute('href'))")
            assert listed == [f"#p{p}" for p in pages], f"{path}: the page list"
        assert front(PAGED)["pages"] == [1, 2, 3, 4] and not front(SAMPLE).get("pages")

        # the number stands in the margin on a desktop (inside the line on a phone)
        pg.goto(base_url + PAGED)
        assert pg.evaluate("getComputedStyle(document.getElementById('p2'), '::before').position") == "absolute"

        # a link to #p3 lands on it, below the sticky header
        pg.goto(base_url + PAGED + "#p3")
        pg.wait_for_function("document.getElementById('p3').getBoundingClientRect().top < innerHeight / 2")
        where = pg.evaluate("""() => ({top: document.getElementById('p3').getBoundingClientRect().top,
            header: document.querySelector('.md-header').getBoundingClientRect().bottom})""")
        assert where["header"] <= where["top"] < DESKTOP["height"] / 2, where

        # 引用本文 cites a page: from the address, from the list, from selected text
        gbt = pg.locator("#cite-gbt7714")
        assert gbt.inner_text().endswith("2025(5): 3."), gbt.inner_text()
        if pg.locator("#cite-gbt7714-2025").count():  # GB/T 7714-2025 sets its punctuation full-width
            assert pg.locator("#cite-gbt7714-2025").inner_text().endswith("2025（5）：3."), pg.locator("#cite-gbt7714-2025").inner_text()
        assert "#p3" in pg.locator("#cite-gbt7714-online").inner_text()
        pg.select_option("#ja-cite-page", "")
        assert gbt.inner_text().endswith("2025(5): 1-4.")
        pg.select_option("#ja-cite-page", "2")
        assert gbt.inner_text().endswith("2025(5): 2.")
        pg.evaluate("""() => { const t = document.getElementById('p2').nextSibling;  // the text after page 2 begins
            const r = document.createRange(); r.setStart(t, 2); r.setEnd(t, 8);
            getSelection().removeAllRanges(); getSelection().addRange(r); }""")
        pg.wait_for_function("document.getElementById('cite-gbt7714').textContent.endsWith('2025(5): 2.')")
        # a selection across a page break cites both pages
        pg.evaluate("""() => { const p1 = document.getElementById('p2').previousSibling, p2 = document.getElementById('p2').nextSibling;
            const r = document.createRange(); r.setStart(p1, 0); r.setEnd(p2, 3);
            getSelection().removeAllRanges(); getSelection().addRange(r); }""")
        pg.wait_for_function("document.getElementById('cite-gbt7714').textContent.endsWith('2025(5): 1-2.')")
        pg.screenshot(path=str(OUT / "article-pages-1280.png"))
        # the page list (doc-pagelist) opens and its links land
        pg.goto(base_url + PAGED)
        pg.click(".ja-pagelist summary")
        pg.click("[role=doc-pagelist] a[href='#p4']")
        assert pg.evaluate("location.hash") == "#p4"
        # hashchange is a task queued after the click returns: wait for it, never race it
        pg.wait_for_function("document.getElementById('ja-cite-page').value === '4'")

        # search results say the page and link to it
        pg.goto(base_url + "/")
        found = search(pg, "规则模式")
        hit = [r for r in found if r["url"].startswith(PAGED)]
        assert hit and not hit[0]["partial"] and hit[0]["url"].endswith("#p2") and "第 2 页" in hit[0]["source"], found
        assert "规则模式" in hit[0]["excerpt"]
        # a match in a note: the page of its reference (note 3 is referred to on page 2)
        note = [r for r in search(pg, "数据跨境流动的规则竞争") if r["url"].startswith(PAGED)]
        assert note and "第 2 页" in note[0]["source"] and note[0]["url"].endswith("#p2"), note
    finally:
        ctx.close()


# ---------------------------------------------------------------- 3. case, 5. noise, 6. variants


@pytest.fixture(scope="module")
def searcher(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    pg.goto(base_url + "/")
    yield pg
    ctx.close()


@pytest.mark.parametrize("q, path", [("Zeng Xianghong", SAMPLE), ("zeng xianghong", SAMPLE), ("ZENG XIANGHONG", SAMPLE),
                                     ("Mutual empowerment", SAMPLE), ("building an equal", VARIANT), ("Lin Xiangyang", VARIANT)])
def test_3_latin_queries_ignore_case(searcher, q, path):
    found = search(searcher, q)
    whole = [r["url"].split("#")[0] for r in found if not r["partial"]]
    assert path in whole, (q, found)


def test_5_a_partial_match_shares_two_characters_or_a_word(searcher, base_url):  # noqa: F811
    for q in ("曾向红", "林向阳", "张宇", "多边主义合作", "global empowerment"):
        found = search(searcher, q)
        for r in found:
            if not r["partial"]:
                continue
            page = searcher.context.new_page()
            page.goto(base_url + r["url"].split("#")[0])
            text = re.sub(r"\s+", "", page.inner_text("article")).lower()
            page.close()
            pairs = [q[i:i + 2] for i in range(len(q) - 1) if re.fullmatch(f"[{HAN}]{{2}}", q[i:i + 2])]
            words = [w for w in q.lower().split() if len(w) > 2]
            assert any(p in text for p in pairs) or any(w in text for w in words), (q, r)
    # the print-only address line is not indexed: never an excerpt
    for r in search(searcher, "本文网址"):
        assert "本文网址" not in r["excerpt"] and "example.github.io" not in r["excerpt"], r


def test_6_name_variants_shown_and_found(browser, base_url, searcher):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/gjwtyj/2025/05/")
        row = pg.locator(".ja-issue-toc li", has_text="金砖国家数字经济合作").inner_text()
        assert "林向阳" in row and "林向扬" in row and row.index("林向阳") < row.index("林向扬"), row
        pg.goto(base_url + VARIANT)
        assert pg.locator(".ja-author").inner_text() == "林向阳"
        assert "林向扬" in pg.locator(".ja-head").inner_text()
    finally:
        ctx.close()
    for q in ("林向阳", "林向扬"):
        whole = [r["url"].split("#")[0] for r in search(searcher, q) if not r["partial"]]
        assert VARIANT in whole, (q, whole)


# ---------------------------------------------------------------- 4. focus after Escape


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_4_escape_returns_focus_and_nothing_hidden_is_focusable(browser, base_url, size):  # noqa: F811
    ctx = context(browser, size)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + SAMPLE)
        if size is PHONE:
            pg.focus("[data-ja-search-open]")
            pg.keyboard.press("Enter")
        else:
            pg.focus(INPUT)
        assert pg.evaluate("document.activeElement.matches('[data-ja-search-input]')")
        pg.keyboard.type("上海")
        wait_for_results(pg, "上海")
        pg.keyboard.press("Escape")
        assert not pg.evaluate("document.getElementById('__search').checked")
        focus = pg.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {input: e.matches('[data-ja-search-input]'), opener: e.matches('[data-ja-search-open]'), w: r.width, h: r.height} }""")
        assert (focus["opener"] if size is PHONE else focus["input"]) and focus["w"] > 0 and focus["h"] > 0, focus
        # then Tab: each stop is something the reader can see
        for _ in range(6):
            pg.keyboard.press("Tab")
            seen = pg.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
                let o = 1; for (let x = e; x; x = x.parentElement) o *= +getComputedStyle(x).opacity;
                return {tag: e.tagName + '.' + e.className, visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && o > 0.1,
                        inSearch: !!e.closest('[data-ja-search]')} }""")
            assert seen["visible"], seen
            assert not (seen["inSearch"] and not pg.evaluate("document.getElementById('__search').checked")) or \
                pg.evaluate("document.activeElement.matches('[data-ja-search-input]')"), seen
    finally:
        ctx.close()


# ---------------------------------------------------------------- 7. screen readers


def test_7_notes_headings_landmarks_and_languages_for_screen_readers(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        for path in (SAMPLE, PAGED, "/gjwtyj/2025/06/", "/authors/"):
            pg.goto(base_url + path)
            assert pg.evaluate("document.documentElement.lang") == "zh-Hans"
            tree = ax_tree(ctx, pg)
            navs = [n["name"] for n in tree if n["role"] == "navigation" and not n["ignored"]]
            assert len(navs) == len(set(navs)), f"{path}: navigation landmarks {navs}"
            headings = [n["name"] for n in tree if n["role"] == "heading"]
            assert headings and not [h for h in headings if "¶" in h], headings
        pg.goto(base_url + SAMPLE)
        tree = ax_tree(ctx, pg)
        refs = [n for n in tree if n["role"] == "doc-noteref"]
        assert refs and all(re.fullmatch(r"注释 \d+", n["name"]) for n in refs), refs[:3]
        assert [n for n in tree if n["role"] == "doc-endnotes"]
        back = [n for n in tree if n["role"] == "doc-backlink"]
        assert back and all(n["name"] == "返回正文" for n in back), back[:3]
        assert not [n for n in tree if n["role"] == "link" and re.fullmatch(r"\d+", n["name"] or "")]
        assert pg.get_attribute("#cite-apa", "lang") == "en"
        assert pg.evaluate("getComputedStyle(document.getElementById('cite-apa')).fontFamily").lstrip('"').startswith(("system-ui", "-apple-system"))
    finally:
        ctx.close()


# ---------------------------------------------------------------- 8. keyboard and touch


def test_8_tab_reaches_the_text_before_the_sidebar_and_targets_are_24px(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + SAMPLE)
        order = []
        for _ in range(40):
            pg.keyboard.press("Tab")
            order.append(pg.evaluate("""() => { const e = document.activeElement;
                return e.closest('.md-sidebar--secondary') ? 'toc' : e.closest('.ja-head, .ja-body') ? 'article' : 'other' }"""))
        assert "article" in order and ("toc" not in order or order.index("article") < order.index("toc")), order
        for path, size in ((SAMPLE, DESKTOP), (PAGED, PHONE)):
            c2 = context(browser, size)
            p2 = c2.new_page()
            p2.goto(base_url + path)
            small = p2.eval_on_selector_all(".footnote-ref, .footnote-backref, [role=doc-pagelist] a, .ja-tools summary, .ja-tool, .ja-more",
                """els => els.filter(e => e.getClientRects().length).map(e => { const r = e.getBoundingClientRect();
                    return [e.className || e.tagName, Math.round(r.width), Math.round(r.height)] }).filter(x => x[1] < 24 || x[2] < 24)""")
            c2.close()
            assert not small, f"{path}: targets under 24 x 24 px {small[:5]}"
    finally:
        ctx.close()


# ---------------------------------------------------------------- 9. the issue's table of contents


def test_9_issue_toc_one_aligned_list_that_reads_on_a_phone(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/gjwtyj/2025/06/")
        cols = pg.eval_on_selector_all(".ja-issue-toc li", """lis => lis.map(li => ({
            title: Math.round(li.querySelector('.ja-toc-title').getBoundingClientRect().left),
            authors: Math.round(li.querySelector('.ja-toc-authors').getBoundingClientRect().left),
            pages: Math.round(li.querySelector('.ja-pages').getBoundingClientRect().right)}))""")
        assert len(cols) == 7
        for key in ("title", "authors", "pages"):
            assert len({c[key] for c in cols}) == 1, f"the {key} column lines up across sections: {cols}"
        assert pg.locator("article table").count() == 0
    finally:
        ctx.close()
    ctx = context(browser, PHONE)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/gjwtyj/2025/06/")
        widths = pg.eval_on_selector_all(".ja-issue-toc .ja-toc-title", "ts => ts.map(t => t.getBoundingClientRect().width)")
        body = pg.evaluate("document.querySelector('article').getBoundingClientRect().width")
        assert min(widths) > 0.8 * body - 40, (widths, body)  # a title takes the line, not a narrow column
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        pg.screenshot(path=str(OUT / "issue-toc-390.png"), full_page=True)
    finally:
        ctx.close()


# ---------------------------------------------------------------- 10. no orphan article


def test_10_every_article_belongs_to_an_issue_page_and_runs_on_across_issues(browser, base_url):  # noqa: F811
    _, site = build_site()
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + SINGLE)
        link = pg.locator(".ja-source a", has_text="第 1 期")
        assert link.count() == 1
        link.click()
        pg.wait_for_url("**/ddmgpl/2025/01/")
        assert "本档案收录本期文章 1 篇" in pg.inner_text("article")
        assert pg.locator(".ja-issue-toc a", has_text="新大国竞争时代").count() == 1
        pg.goto(base_url + "/ddmgpl/")
        assert pg.locator("a.ja-tile[href$='2025/01/']").count() == 1
        ld = [json.loads(s) for s in pg.goto(base_url + SINGLE) and pg.eval_on_selector_all(
            "script[type='application/ld+json']", "ss => ss.map(s => s.textContent)")]
        part = json.dumps(ld, ensure_ascii=False)
        assert "/ddmgpl/2025/01/" in part, part[:400]
        feed = (site / "feed.xml").read_text(encoding="utf-8")
        assert "ddmgpl/2025/01/" in feed
        # prev/next in printed order across issues, in the pager and the head
        pg.goto(base_url + VARIANT)
        assert pg.evaluate("document.querySelector('link[rel=next]').href").endswith("/gjwtyj/2025/06/p001/")
        assert "2025 年第 6 期" in pg.inner_text(".ja-pager .ja-next")
        pg.goto(base_url + "/gjwtyj/2025/06/p001/")
        assert pg.evaluate("document.querySelector('link[rel=prev]').href").endswith("/gjwtyj/2025/05/p005/")
        pg.click(".ja-pager .ja-prev")
        pg.wait_for_url("**" + VARIANT)
        pg.goto(base_url + "/gjwtyj/2025/06/p134/")
        assert pg.locator("link[rel=next]").count() == 0  # the journal's last article
    finally:
        ctx.close()


# ---------------------------------------------------------------- 12. the 404 page, the notes' contrast


class _Missing(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing path with the site's 404 page, as GitHub Pages
    does; `prefix`: the site is served below it (/journal-archive/), else at the root."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("prefix", ["/", "/journal-archive/"], ids=["root", "site-path"])
def test_12_the_404_page_works_at_any_path(browser, prefix):  # noqa: F811
    _, site = build_site()
    handler = type("H", (_Missing,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    ctx = context(browser)
    try:
        for missing in ("no-such-page/", "gjwtyj/2025/06/p999/", "a/b/c/d/e/", "x.html"):
            pg = ctx.new_page()
            bad = []
            pg.on("response", lambda r: r.status >= 400 and not r.url.endswith(missing) and bad.append((r.status, r.url)))
            pg.on("pageerror", lambda e: bad.append(("error", str(e))))
            pg.goto(root + missing)
            pg.wait_for_load_state("networkidle")
            assert not bad, (missing, bad)
            assert "页面未找到" in pg.inner_text("article")
            assert pg.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "the theme's styles"
            home = pg.locator("article a", has_text="返回首页")
            assert home.evaluate("a => a.href") == root
            tab = pg.locator(".md-tabs__link", has_text="索引")
            assert tab.evaluate("a => a.href") == root + "indexes/"
            pg.close()
        pg = ctx.new_page()
        pg.goto(root + "deep/missing/page/")
        pg.screenshot(path=str(OUT / f"page-404-{'root' if prefix == '/' else 'site-path'}-1280.png"))
        pg.close()
        phone = context(browser, PHONE)
        pg = phone.new_page()
        pg.goto(root + "deep/missing/page/")
        assert pg.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        pg.screenshot(path=str(OUT / f"page-404-{'root' if prefix == '/' else 'site-path'}-390.png"))
        phone.close()
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()


def _contrast(pg, selector) -> float:
    return pg.evaluate("""sel => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const e = document.querySelector(sel);
        let fg = rgb(getComputedStyle(e).color), bg = [255, 255, 255, 1];
        for (let x = e; x; x = x.parentElement) { const c = rgb(getComputedStyle(x).backgroundColor); if ((c[3] ?? 1) > 0) { bg = c; break; } }
        const a = fg[3] ?? 1; fg = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
        const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= .03928 ? x / 12.92 : ((x + .055) / 1.055) ** 2.4 });
                           return .2126 * v[0] + .7152 * v[1] + .0722 * v[2] };
        const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        return (l1 + .05) / (l2 + .05) }""", selector)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_12_notes_keep_contrast_on_screen_and_in_print(browser, base_url, scheme):  # noqa: F811
    ctx = context(browser, DESKTOP, scheme)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + SAMPLE)
        for sel in (".footnote li p", ".ja-aff"):
            if pg.locator(sel).count():
                assert _contrast(pg, sel) >= 4.5, (scheme, sel, _contrast(pg, sel))
        pg.emulate_media(media="print")
        assert _contrast(pg, ".footnote li p") >= 4.5
    finally:
        ctx.close()


# ---------------------------------------------------------------- axe-core: no violation at all

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_PAGES = ("/", "/gjwtyj/", "/gjwtyj/2025/06/", "/ddmgpl/2025/01/", SAMPLE, PAGED, VARIANT, SINGLE,
             "/documents/bei-yue-2022-zhan-lve-gai-nian/", "/authors/")
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"""


@pytest.mark.parametrize("size, scheme", [(DESKTOP, "light"), (DESKTOP, "dark"), (PHONE, "light"), (PHONE, "dark")],
                         ids=["1280-light", "1280-dark", "390-light", "390-dark"])
def test_axe_no_violation_of_any_impact(browser, base_url, size, scheme):  # noqa: F811
    """Every rule axe-core runs by default, every impact (the site test checks serious and
    critical): the article and issue pages, light and dark, desktop and phone, search open."""
    if not AXE.exists():
        pytest.skip("axe-core is not in node_modules: npm ci --no-audit --no-fund (make test runs it)")
    ctx = context(browser, size, scheme)
    pg = ctx.new_page()
    found = {}
    try:
        for path in AXE_PAGES:
            pg.goto(base_url + path)
            pg.wait_for_load_state("networkidle")
            pg.add_script_tag(path=str(AXE))
            found[path] = pg.evaluate(AXE_RUN)
        pg.goto(base_url + PAGED)
        pg.add_script_tag(path=str(AXE))
        if size is PHONE:
            pg.click("[data-ja-search-open]")
        pg.click(INPUT)
        pg.fill(INPUT, "数字治理")
        wait_for_results(pg, "数字治理")
        pg.keyboard.press("ArrowDown")
        pg.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished' || a.playState === 'idle')")
        found["search open"] = pg.evaluate(AXE_RUN)
    finally:
        ctx.close()
    assert not {k: v for k, v in found.items() if v}, found
