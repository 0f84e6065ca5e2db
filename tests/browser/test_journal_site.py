"""The site as a reader uses it (issue 12): keyboard, print, phone, typography, requests,
accessibility (axe-core from node_modules), screenshots of every page type."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest

from generator.cjk import HAN
from browser.searchbox import wait_for_results
from browser.test_reader import OUT, base_url, browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "/gjwtyj/2025/06/p022/"
PAGES = {
    "home": "/", "journal": "/gjwtyj/", "issue": "/gjwtyj/2025/06/", "article": ARTICLE,
    "article-ddmgpl": "/ddmgpl/2025/01/p064/", "issue-held": "/ddmgpl/2025/01/", "article-paged": "/gjwtyj/2025/05/p001/",
    "document": "/documents/bei-yue-2022-zhan-lve-gai-nian/",
    "authors": "/authors/", "keywords": "/keywords/", "years": "/years/", "year": "/years/2025/",
    "indexes": "/indexes/",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def context(browser, size=DESKTOP, scheme="light", **kw):  # noqa: F811
    return browser.new_context(viewport=size, color_scheme=scheme, locale="zh-CN", **kw)


def focused(pg) -> str:
    return pg.evaluate("""() => { const e = document.activeElement;
        return e ? e.tagName + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') : '' }""")


# Every CSS transition and animation of the page has run its course (none is running or
# about to start: getAnimations() sees the transitions a style change has just started).
SETTLED = "() => document.getAnimations().every(a => a.playState === 'finished' || a.playState === 'idle')"


def visible_on_screen(pg, selector) -> bool:
    """The element is rendered and not hidden (visibility, display, off-canvas)."""
    return pg.evaluate("""sel => { const e = document.querySelector(sel); if (!e) return false;
        const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.right > 0 && r.left < innerWidth; }""", selector)


# ---------------------------------------------------------------- screenshots, requests


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_every_page_type_loads_cleanly(browser, base_url, size):  # noqa: F811
    """No failed request or console error on any page (Material fetched sitemap.xml next
    to every <link rel=alternate>: 404 on every article); a screenshot of each."""
    ctx = context(browser, size)
    try:
        for name, path in PAGES.items():
            pg = ctx.new_page()
            bad = []
            pg.on("response", lambda r: r.status >= 400 and bad.append((r.status, r.url)))
            pg.on("requestfailed", lambda r: bad.append(("failed", r.url)))
            pg.on("console", lambda m: m.type == "error" and bad.append(("console", m.text)))
            requested = []
            pg.on("request", lambda r: requested.append(r.url))
            pg.goto(base_url + path)
            pg.wait_for_load_state("networkidle")
            assert not bad, (path, bad)
            assert not [u for u in requested if u.endswith("sitemap.xml")], path
            assert pg.evaluate("document.documentElement.scrollWidth") <= size["width"] + 1, f"{path}: no sideways scrolling"
            OUT.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(OUT / f"page-{name}-{size['width']}.png"))
            pg.close()
    finally:
        ctx.close()


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_no_serious_violations(browser, base_url, scheme):  # noqa: F811
    if not AXE.exists():
        pytest.skip("axe-core is not in node_modules: npm ci --no-audit --no-fund (make test runs it)")
    ctx = context(browser, DESKTOP, scheme)
    pg = ctx.new_page()
    found = {}
    run = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
        .filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"""
    try:
        for name, path in PAGES.items():
            pg.goto(base_url + path)
            pg.wait_for_load_state("networkidle")
            assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
            pg.add_script_tag(path=str(AXE))
            found[name] = pg.evaluate(run)
        # the open search, with results listed
        pg.goto(base_url + "/")
        pg.add_script_tag(path=str(AXE))
        pg.click("[data-ja-search-input]")
        pg.fill("[data-ja-search-input]", "上海合作组织")
        wait_for_results(pg, "上海合作组织", timeout=15000)
        pg.keyboard.press("ArrowDown")
        # Material fades the overlay in: measure the colours it ends with, once every transition has finished
        pg.wait_for_function(SETTLED)
        found["search"] = pg.evaluate(run)
        pg.screenshot(path=str(OUT / f"search-open-{scheme}.png"))
    finally:
        ctx.close()
    assert not {k: v for k, v in found.items() if v}, found


# ---------------------------------------------------------------- keyboard


def test_search_is_a_combobox(browser, base_url):  # noqa: F811
    """Arrows walk the results, Enter opens the chosen one, Escape and Tab-out close the
    overlay, and focus never walks the page behind it."""
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/gjwtyj/2025/06/")
        pg.focus("[data-ja-search-input]")
        assert pg.evaluate("document.getElementById('__search').checked")
        pg.keyboard.type("美国")
        wait_for_results(pg, "美国", timeout=15000)
        n = pg.locator("[data-ja-search-results] [role=option]").count()
        assert n >= 3
        chosen = []
        for _ in range(n):
            pg.keyboard.press("ArrowDown")
            chosen.append(pg.evaluate("document.querySelector('[data-ja-search-input]').getAttribute('aria-activedescendant')"))
            assert focused(pg).startswith("INPUT"), "focus stays in the box"
        assert len(set(chosen)) == n, "every result is reached by the arrows"
        assert pg.locator("[aria-selected=true]").count() == 1
        pg.keyboard.press("ArrowUp")
        target = pg.eval_on_selector("[aria-selected=true]", "a => new URL(a.href).pathname")
        pg.keyboard.press("Enter")
        pg.wait_for_url("**" + target + "**")

        pg.goto(base_url + "/gjwtyj/2025/06/")
        pg.focus("[data-ja-search-input]")
        pg.keyboard.press("Escape")
        assert not pg.evaluate("document.getElementById('__search').checked")
        # Tab out of the box: the overlay closes before focus reaches anything behind it
        pg.focus("[data-ja-search-input]")
        for _ in range(8):
            pg.keyboard.press("Tab")
            inside = pg.evaluate("!!document.activeElement.closest('[data-ja-search]')")
            if not inside:
                assert not pg.evaluate("document.getElementById('__search').checked"), focused(pg)
                break
        else:
            pytest.fail("Tab never left the search box")
    finally:
        ctx.close()


def test_skip_link_lands_on_the_title(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        for path in (ARTICLE, "/gjwtyj/2025/06/", "/", "/authors/"):
            pg.goto(base_url + path)
            pg.keyboard.press("Tab")
            assert pg.evaluate("document.activeElement.classList.contains('md-skip')"), path
            pg.keyboard.press("Enter")
            assert pg.evaluate("location.hash") == "#ja-title", path
            assert pg.evaluate("document.activeElement.tagName + '#' + document.activeElement.id") == "H1#ja-title", path
    finally:
        ctx.close()


def test_phone_menu_closed_is_out_of_the_tab_order(browser, base_url):  # noqa: F811
    ctx = context(browser, PHONE, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/")
        seen = []
        for _ in range(25):
            pg.keyboard.press("Tab")
            seen.append(pg.evaluate("""() => { const e = document.activeElement;
                return {inDrawer: !!e.closest('.md-sidebar--primary'), inSearch: !!e.closest('[data-ja-search]'),
                        searchOpen: document.getElementById('__search').checked} }"""))
        assert not [s for s in seen if s["inDrawer"]], "focus went into the closed menu"
        assert not [s for s in seen if s["searchOpen"] and not s["inSearch"]], "focus behind the open search"
        pg.evaluate("document.getElementById('__drawer').checked = true")
        pg.wait_for_function(SETTLED)  # the drawer slides in
        assert visible_on_screen(pg, ".md-sidebar--primary")
    finally:
        ctx.close()


# ---------------------------------------------------------------- phone TOC, typography


def test_article_toc_at_390px(browser, base_url):  # noqa: F811
    ctx = context(browser, PHONE, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + ARTICLE)
        toc = pg.locator("details.ja-toc")
        assert toc.is_visible()
        toc.locator("summary").click()
        links = toc.locator("a")
        assert links.count() >= 10
        pg.screenshot(path=str(OUT / "article-toc-390.png"))
        first = links.nth(1)
        href = first.get_attribute("href")
        assert re.fullmatch(r"#s\d+(-\d+)*", href), href  # ids from the printed numbering, not #_1
        first.click()
        assert pg.evaluate("location.hash") == href
        assert pg.evaluate(f"document.getElementById('{href[1:]}').getBoundingClientRect().top") < 844
    finally:
        ctx.close()
    # on a desktop the right-hand TOC does the job: the inline one is not shown
    ctx = context(browser)
    pg = ctx.new_page()
    pg.goto(base_url + ARTICLE)
    assert not pg.locator("details.ja-toc").is_visible()
    assert pg.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()
    ctx.close()


def test_typography(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + ARTICLE)
        style = pg.evaluate("""() => {
            const cs = s => getComputedStyle(document.querySelector(s));
            const p = document.querySelector('.ja-body > p');
            const fs = parseFloat(cs('.ja-body > p').fontSize);
            return {
              body: cs('.ja-body > p').textAlign, note: cs('.footnote li p').textAlign,
              font: cs('.ja-body > p').fontFamily,
              measure: p.getBoundingClientRect().width / fs,
              sizes: ['.footnote li p', '.ja-aff', '.md-sidebar--secondary .md-nav__link'].map(s => parseFloat(cs(s).fontSize)),
            } }""")
        assert style["body"] == "justify"
        assert style["note"] != "justify"
        assert style["font"].lstrip('"').startswith(("PingFang", "Hiragino", "Noto Sans CJK")), style["font"]
        assert 35 <= style["measure"] <= 45, style["measure"]
        assert min(style["sizes"]) >= 14, style["sizes"]
        # 当代美国评论 prints half-width punctuation between CJK characters: shown full-width
        pg.goto(base_url + "/ddmgpl/2025/01/p064/")
        assert pg.evaluate("getComputedStyle(document.querySelector('.ja-citation')).textAlign") != "justify"
        text = pg.inner_text("article")
        assert not re.search(rf"[{HAN}][,;:][{HAN}]", text)
        assert "以来，美国" in text
        # issue TOC: names without print spacing, kept on one line, page ranges
        pg.goto(base_url + "/gjwtyj/2025/06/")
        cells = pg.eval_on_selector_all(".ja-issue-toc li", "rows => rows.map(r => r.innerText)")
        assert any("22–41" in c and "曾向红" in c and "张宇" in c for c in cells), cells
        assert pg.eval_on_selector_all(".ja-name", "els => els.every(e => getComputedStyle(e).whiteSpace === 'nowrap')")
        assert pg.evaluate("parseFloat(getComputedStyle(document.querySelector('.ja-issue-toc a')).fontSize)") >= 14
        body = pg.inner_text("article")
        assert "Table of Contents" not in body and "003_" not in body and "Abstracts" not in body
    finally:
        ctx.close()


def test_chinese_chrome(browser, base_url):  # noqa: F811
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + ARTICLE)
        html = pg.content()
        for english in ("Made with", "Permanent link", "Jump back to footnote"):
            assert english not in html, english
        active = pg.locator(".md-tabs__item--active").inner_text()
        assert "国际问题研究" in active
        ids = pg.eval_on_selector_all(".ja-body h2, .ja-body h3", "hs => hs.map(h => h.id)")
        assert ids and not [i for i in ids if re.fullmatch(r"_\d+", i)], ids
        # the document's outline has no jumps (no h3 before the first h2)
        pg.goto(base_url + "/documents/bei-yue-2022-zhan-lve-gai-nian/")
        levels = pg.eval_on_selector_all("article h1, article h2, article h3, article h4", "hs => hs.map(h => +h.tagName[1])")
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
        # the keyword index: no empty letter heading, “下一代欧盟”计划 under X
        pg.goto(base_url + "/keywords/")
        heads = pg.eval_on_selector_all("article h2", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        assert all(heads) and "#" not in heads, heads
        under_x = pg.evaluate("""() => { let letter = null; for (const h of document.querySelectorAll('article h2, article h3')) {
            if (h.tagName === 'H2') letter = h.id; else if (h.textContent.includes('下一代欧盟')) return letter; } }""")
        assert under_x == "letter-x"
        # the 索引 tab opens the overview of the indexes, not the author index
        pg.goto(base_url + "/")
        tab = pg.locator(".md-tabs__link", has_text="索引")
        assert tab.get_attribute("href").rstrip("/").endswith("indexes")
        tab.click()
        assert pg.locator("article h1").inner_text().startswith("索引")
        assert pg.locator("article a", has_text="作者索引").count() == 1
        # the home page: a journal portal, latest issue as a tile, years
        pg.goto(base_url + "/")
        assert pg.locator(".ja-journal").count() == 2
        assert pg.locator(".ja-journal a.ja-tile").count() == 2
    finally:
        ctx.close()


# ---------------------------------------------------------------- search precision


def test_search_precision(browser, base_url):  # noqa: F811
    """A multi-character query lists the pages holding the whole string first; pages
    found through a part of it follow, marked partial."""
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/")
        for q in ("曾向红", "多边主义"):
            pg.click("[data-ja-search-input]")
            pg.fill("[data-ja-search-input]", q)
            wait_for_results(pg, q, timeout=15000)
            while pg.locator("[data-ja-search-more]").is_visible():
                pg.click("[data-ja-search-more]")
                wait_for_results(pg)
            items = pg.eval_on_selector_all(".md-search-result__item", """els => els.map(li => ({
                partial: li.classList.contains('ja-search-partial'), url: new URL(li.querySelector('a').href).pathname }))""")
            assert items and not items[0]["partial"], (q, items)
            kinds = [i["partial"] for i in items]
            assert kinds == sorted(kinds), f"{q}: whole-string matches first {items}"
            for i in items:
                pg2 = ctx.new_page()
                pg2.goto(base_url + i["url"])
                text = re.sub(r"\s+", "", pg2.inner_text("article"))
                pg2.close()
                assert (q in text) != i["partial"], (q, i)
            if any(kinds):
                assert "部分匹配" in pg.inner_text(".ja-search-partial")
                assert "只含部分检索词" in pg.inner_text("[data-ja-search-meta]")
        # excerpts carry no page chrome and no note number glued to the text
        excerpts = pg.eval_on_selector_all(".ja-search-excerpt", "els => els.map(e => e.textContent)")
        assert not [e for e in excerpts if "·第" in e or re.search(r"页·", e)], excerpts
        # one clear button, the theme's: the box is type=text (type=search adds the browser's own)
        assert pg.get_attribute("[data-ja-search-input]", "type") == "text"
        assert pg.locator("[data-ja-search] button[type=reset]").count() == 1
    finally:
        ctx.close()


# ---------------------------------------------------------------- print


def test_print(browser, base_url):  # noqa: F811
    pypdf = pytest.importorskip("pypdf")
    ctx = context(browser)
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/ddmgpl/2025/01/p064/")
        notes = pg.locator(".footnote li").count()
        assert notes >= 10
        pg.emulate_media(media="print")
        style = pg.evaluate("""() => {
            const fs = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
            return {abstract: fs('.ja-abstract'), body: fs('.ja-body > p'),
                    citation: getComputedStyle(document.querySelector('.ja-citation')).textAlign} }""")
        assert style["abstract"] <= style["body"], style
        assert style["citation"] != "justify"
        pdf = pg.pdf(format="A4", print_background=False)
        (OUT / "article-print.pdf").write_bytes(pdf)
    finally:
        ctx.close()
    # NFKC: the PDF's text maps some CJK glyphs to Kangxi radicals (⽂ for 文)
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    assert "↩" not in text
    numbers = [int(n) for n in re.findall(r"^\s*(\d{1,3})\.\s", text, flags=re.M)]
    assert list(range(1, notes + 1)) == [n for n in numbers if n <= notes][-notes:], numbers
    assert "本文网址" in text and "/ddmgpl/2025/01/p064/" in text.replace("\n", "")


def test_copy_citation_copies_the_entry_with_todays_access_date(browser, base_url):  # noqa: F811
    """The copy button copies the entry as shown (Material's clipboard, data-clipboard-target);
    the online form's access date is the reader's today (theme/assets/javascripts/cite.js)."""
    import datetime

    ctx = context(browser)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = ctx.new_page()
    pg.goto(base_url + "/gjwtyj/2025/06/p022/")
    online = pg.locator('.ja-cite-text[data-cite-form="online"][data-csl-style$="gb-t-7714-2015-printed.csl"]')  # 2025: no access date
    today = pg.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    stamp = datetime.date(*today).isoformat()
    assert f"[{stamp}]" in online.inner_text()
    for entry in pg.locator(".ja-cite-text").all():
        entry.locator("xpath=following-sibling::button[1]").click()
        copied = pg.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == entry.inner_text().strip() and copied.strip()
    ctx.close()
