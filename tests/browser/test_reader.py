"""Reader journeys in headless Chromium (Playwright sync API) on the built site."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from browser.sitebuild import build_site

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
OUT = Path(__file__).resolve().parents[1] / "output"


@pytest.fixture(scope="module")
def base_url():
    _, site = build_site()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: sudo apt-get install chromium fonts-noto-cjk (or set CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def shot(pg, name):
    OUT.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(OUT / f"{name}.png"), full_page=False)


def test_home_issue_article_footnote(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("h1").first.inner_text().startswith("期刊档案")
    shot(page, "home")
    page.locator("article a", has_text="国际问题研究 2025 年第 6 期").first.click()
    page.wait_for_url("**/gjwtyj/2025/06/")
    assert "第 6 期" in page.locator("article h1").inner_text()
    shot(page, "issue")
    page.locator(".ja-issue-toc a", has_text="相互成就").click()
    page.wait_for_url("**/gjwtyj/2025/06/p022/")
    assert page.locator("article h1").inner_text() == "相互成就：上海合作组织与四大全球倡议"
    assert page.locator(".ja-head .ja-meta").is_visible()
    shot(page, "article")
    ref = page.locator("a.footnote-ref").first
    ref_id = page.locator("sup[id^='fnref']").first.get_attribute("id")
    ref.click()
    page.wait_for_url("**#fn:1")
    note = page.locator("[id='fn:1']")
    assert note.is_visible()
    assert page.evaluate("location.hash") == "#fn:1"
    note.locator("a.footnote-backref").first.click()
    assert page.evaluate("location.hash") == "#" + ref_id
    assert page.evaluate(f"(() => {{ const r = document.getElementById('{ref_id}').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }})()")


def test_author_index_entry(page, base_url):
    page.goto(base_url + "/gjwtyj/2025/06/p022/")
    page.locator("a.ja-author", has_text="曾向红").click()
    page.wait_for_url("**/authors/#a-zeng-xiang-hong")
    entry = page.locator("[id='a-zeng-xiang-hong']")
    assert entry.is_visible()
    assert page.evaluate("(() => { const r = document.getElementById('a-zeng-xiang-hong').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()")
    # the entry lists the article, and the link goes back to it
    page.locator("article a", has_text="相互成就").first.click()
    page.wait_for_url("**/gjwtyj/2025/06/p022/")


def test_mobile_article(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    pg = ctx.new_page()
    try:
        pg.goto(base_url + "/gjwtyj/2025/06/p022/")
        h1 = pg.locator("article h1")
        assert h1.is_visible()
        box = h1.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390 + 1, "no horizontal scrolling"
        shot(pg, "article-mobile")
    finally:
        ctx.close()


def test_dark_mode_toggle(page, base_url):
    page.goto(base_url + "/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert before != after
