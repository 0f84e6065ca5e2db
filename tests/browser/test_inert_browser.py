"""Source text is inert, in Chromium: a site built from a source carrying script and
HTML in its title, section, keyword, bio, abstract, body, notes and editor line
(tests/test_inert.py ATTACK) runs no script of it on any page, nor in the search box's
results, and shows the strings as text."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from browser.searchbox import wait_for_results
from browser.test_reader import browser  # noqa: F401  (fixture)
from test_inert import ATTACK, FIELDS, _build, _field_text, squash

pytestmark = pytest.mark.browser

INPUT = "[data-ja-search-input]"
VALUES = {f: _field_text(f, ATTACK[f]) for f in FIELDS}


@pytest.fixture(scope="module")
def attack_site():
    """(base URL, site folder) of the fixture issue built with ATTACK, served over HTTP."""
    site = _build(VALUES)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()
    server.server_close()
    shutil.rmtree(site.parent, ignore_errors=True)


def _watched(browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    ran = []
    pg.on("dialog", lambda d: (ran.append(d.message), d.dismiss()))
    return ctx, pg, ran


def test_no_page_runs_a_script_from_the_source(browser, attack_site):  # noqa: F811
    base, site = attack_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if "pagefind" not in p.parts)
    assert "gjwtyj/2025/06/p001/index.html" in pages and "keywords/index.html" in pages
    ctx, pg, ran = _watched(browser)
    for rel in pages:
        pg.goto(f"{base}/{rel[: -len('index.html')]}")
        pg.wait_for_load_state("networkidle")
        injected = pg.evaluate("""() => [...document.querySelectorAll('img[src="x"], svg[onload], iframe, [onerror], [onmouseover]')]
                                        .map(e => e.outerHTML)""")
        assert not injected, (rel, injected)
        assert not ran, (rel, ran)
    pg.goto(f"{base}/gjwtyj/2025/06/p001/")
    text = squash(pg.inner_text("body"))
    for field in ("title", "section", "keyword", "affiliation", "body", "note", "editor"):
        before, after = FIELDS[field]
        assert squash(before + VALUES[field] + after) in text, field
    assert squash(pg.title()) == squash(FIELDS["title"][0] + VALUES["title"] + FIELDS["title"][1])
    ctx.close()


def test_search_results_run_no_script_from_the_source(browser, attack_site):  # noqa: F811
    base, _site = attack_site
    ctx, pg, ran = _watched(browser)
    pg.goto(base + "/")
    pg.click(INPUT)
    pg.fill(INPUT, "金砖合作")
    wait_for_results(pg, "金砖合作", timeout=15000)
    pg.wait_for_timeout(300)
    results = pg.inner_text(".md-search__output")
    assert squash("onerror=alert(1)") in squash(results)  # the title, as text
    assert not pg.evaluate("() => document.querySelectorAll('.md-search__output img, .md-search__output [onerror]').length")
    assert not ran, ran
    ctx.close()
