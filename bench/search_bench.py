"""Search at scale: Pagefind (our build) versus Material's built-in lunr search.

    .venv/bin/python bench/search_bench.py [--articles 200 2000] [--keep DIR] [--json out.json]

For each size N: bench/synth_archive.py writes N articles' worth of sources and
converts them (convert time), then the same content is built twice:

- pagefind: our mkdocs.yml (search plugin off, hooks/pagefind_hook.py): Pagefind's
  indexing service runs beside the build (pages handed over as they are converted),
  so the build time includes indexing; the hook reports (JOURNAL_ARCHIVE_SEARCH_STATS)
  the time left after the last page ("index" column) and Pagefind's peak RSS;
- lunr: the same config with `plugins: [search]`, without our Pagefind hook and
  search-box overrides (theme/main.html, partials/header.html, partials/search.html),
  with jieba installed: Material's built-in search set up for Chinese as Material
  documents it (its search plugin segments Chinese with jieba when jieba is importable;
  the zh separator already includes the zero-width space it inserts);
- lunr-plain: the same without jieba (Chinese runs are not segmented; build figures
  only, since its queries match whole runs between punctuation; --plain-browser adds them).

Both builds start with a cold citation cache (extra.scholarly.cache in the temporary
folder, one per engine), as on CI and GitHub Pages.

Reported: mkdocs build time, index time, peak RSS of each step, index size on
disk (Pagefind bundle / search_index.json, plus its gzip size, since static hosts
gzip JSON), and in headless Chromium (Playwright, CHROMIUM=/usr/bin/chromium),
for each query on a fresh browser context (cold cache) opened on an article page:
the bytes of search resources transferred (Pagefind: /pagefind/* + search.js;
lunr: search_index.json + search worker), the time from the input event to the
first result in the list (cold: the box is focused and the query typed at once
after page load; for Pagefind also typed 1 s after load, when the bundle it fetches
while the page is idle is in), and the same for a second query in the same page (warm).
The site is served by Python's http.server, compressing text files (HTML, JS, CSS,
JSON, XML, SVG) with gzip as GitHub Pages does; Pagefind's own files are gzip already.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
import synth_archive  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
# (label, query, warm follow-up query): a keyword, an author's name, a two-character word
QUERIES = [("keyword", "上海合作组织", "金砖"), ("author", "曾向红", "杨娜"), ("two-char", "关税", "造船")]
PAGEFIND_ONLY = ["main.html", "partials/header.html", "partials/search.html"]
SETTLE_MS = 1000  # the second Pagefind round types this long after the load event

# Runs a command and prints the peak RSS (KiB) of it and its descendants.
_PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)")


def measured(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """-> (seconds, peak RSS MB); raises on failure."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, *cmd], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    secs = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return secs, int(proc.stderr.strip().splitlines()[-1]) / 1024


ENGINES = ("pagefind", "lunr", "lunr-plain")


def no_jieba(tmp: Path) -> dict:
    """Environment for a build in which `import jieba` fails (lunr-plain; build_time.py's bare build)."""
    stub = tmp / "no-jieba"
    stub.mkdir(exist_ok=True)
    (stub / "jieba.py").write_text('raise ImportError("jieba is switched off: Material search as it ships")\n', encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(stub), os.environ.get("PYTHONPATH")]))}


def require_jieba() -> None:
    try:
        import jieba  # noqa: F401
    except ImportError:
        sys.exit("bench/search_bench.py: jieba is not installed; Material's search needs it for Chinese "
                 "(pip install -e '.[bench]', or: make bench-search)")


def write_config(tmp: Path, content: Path, site: Path, engine: str) -> Path:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(content)
    cfg["site_dir"] = str(site)
    cite = tmp / f"citations-{engine}.json"  # cold: no renderings from an earlier build
    cite.unlink(missing_ok=True)
    cfg.setdefault("extra", {}).setdefault("scholarly", {})["cache"] = str(cite)
    theme = ROOT / cfg["theme"]["custom_dir"]
    hooks = [str(ROOT / h) for h in cfg.get("hooks", [])]
    if engine.startswith("lunr"):
        copy = tmp / "theme-lunr"
        if not copy.exists():
            shutil.copytree(theme, copy)
            for rel in PAGEFIND_ONLY:
                (copy / rel).unlink(missing_ok=True)
        theme = copy
        hooks = [h for h in hooks if not h.endswith("pagefind_hook.py")]
        cfg["plugins"] = [*(cfg.get("plugins") or []), "search"]
    cfg["theme"]["custom_dir"] = str(theme)
    cfg["hooks"] = hooks
    out = tmp / f"mkdocs-{engine}.yml"
    out.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def mkdocs_cmd() -> list[str]:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(tmp: Path, content: Path, engine: str) -> dict:
    site = tmp / f"site-{engine}"
    cfg = write_config(tmp, content, site, engine)
    stats = tmp / "pagefind-stats.json"
    env = {"JOURNAL_ARCHIVE_SEARCH_STATS": str(stats), **(no_jieba(tmp) if engine == "lunr-plain" else {})}
    stats.unlink(missing_ok=True)
    build_s, build_mb = measured([*mkdocs_cmd(), "build", "--quiet", "--config-file", str(cfg)], env)
    r = {"engine": engine, "site": site, "build_s": build_s, "build_mb": build_mb}
    if engine == "pagefind":
        st = json.loads(stats.read_text(encoding="utf-8"))
        # indexing overlaps the build: index_s is the part after the last page (inside build_s)
        r["index_s"], r["index_mb"], r["overlap"] = st["tail_s"], st["peak_mb"], st["overlap"]
        r["index_bytes"] = dir_size(site / "pagefind")
        r["index_gz"] = None
    else:
        r["index_s"], r["index_mb"] = 0.0, None  # built inside mkdocs build
        data = (site / "search" / "search_index.json").read_bytes()
        r["index_bytes"] = len(data)
        r["index_gz"] = len(gzip.compress(data, 6))
    r["total_s"] = r["build_s"]
    return r


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text types gzip-compressed when the browser
    accepts it (Pagefind's index, fragment and wasm files are gzip data already)."""

    GZIP = {".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # its redirect to the folder's URL
            path = path / "index.html"
        if path.suffix not in self.GZIP or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# Records performance.now() of each input event and of the first result item after it.
_PROBE = """
window.__probe = {inputs: [], firsts: [], hits: []};
document.addEventListener('input', e => {
  if (!e.target.matches('.md-search__input')) return;
  window.__probe.inputs.push(performance.now());
  if (!e.target.value) return;
  const box = document.querySelector('.md-search-result');
  box.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.stale = '1');  // results of the previous query
  const items = () => box.querySelectorAll('.md-search-result__item:not([data-stale])').length;
  const obs = new MutationObserver(() => {
    if (items()) { window.__probe.firsts.push(performance.now()); window.__probe.hits.push(items()); obs.disconnect(); }
  });
  obs.observe(box, {childList: true, subtree: true, characterData: true});
}, true);
"""


def is_search_resource(url: str, engine: str) -> bool:
    if engine == "pagefind":
        return "/pagefind/" in url or url.endswith("/javascripts/search.js")
    return "search_index.json" in url or "/workers/search" in url or "lunr" in url


def browse(engine: str, base: str, article_url: str, browser, settle_ms: int = 0) -> list[dict]:
    """Each query on a fresh context (cold cache), typed `settle_ms` after the page's load
    event (0: at once), then a second query typed over it (warm)."""
    rows = []
    for label, query, follow in QUERIES:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        ctx.add_init_script(_PROBE)
        page = ctx.new_page()
        finished: list = []
        # only noted here: asking the browser for each request's sizes as it finishes (a
        # protocol round trip each) would load the browser during the very query being timed
        page.on("requestfinished", lambda req: finished.append(req))

        def bytes_of(reqs) -> int:
            total = 0
            for req in reqs:
                if is_search_resource(req.url, engine):
                    try:
                        s = req.sizes()
                        total += s["responseBodySize"] + s["responseHeadersSize"]
                    except Exception:
                        pass
            return total

        page.goto(base + article_url, wait_until="load")
        if settle_ms:
            page.wait_for_timeout(settle_ms)

        hits: list[int] = []

        def ask(q: str, nth: int) -> float:
            page.click(".md-search__input")
            page.fill(".md-search__input", q)  # one input event
            page.dispatch_event(".md-search__input", "keyup")  # Material's search also listens to keyup
            try:
                page.wait_for_function(f"window.__probe.firsts.length >= {nth}", timeout=120_000)
            except Exception:
                print(f"  {engine} {q!r}: no result list after 120 s {page.evaluate('window.__probe')}", flush=True)
                hits.append(0)
                return float("nan")
            page.wait_for_timeout(300)  # let the rest of the result page's fragments arrive
            p = page.evaluate("window.__probe")
            hits.append(p["hits"][nth - 1])
            return p["firsts"][nth - 1] - p["inputs"][-1]

        cold_ms = ask(query, 1)
        mark = len(finished)
        cold_bytes = bytes_of(finished[:mark])
        warm_ms = ask(follow, 2)  # typed over the first query
        warm_bytes = bytes_of(finished[mark:])
        rows.append({"engine": engine, "label": label, "query": query, "cold_ms": cold_ms, "cold_bytes": cold_bytes,
                     "follow": follow, "warm_ms": warm_ms, "warm_bytes": warm_bytes,
                     "cold_hits": hits[0], "warm_hits": hits[1], "settle_ms": settle_ms})
        ctx.close()
    return rows


def an_article(content: Path) -> str:
    for p in sorted(content.rglob("p0*.md")):
        if "\nkind: article\n" in p.read_text(encoding="utf-8")[:400]:
            return "/" + p.relative_to(content).as_posix()[:-3] + "/"
    raise RuntimeError("no article")


def kb(n) -> str:
    return "–" if n is None else f"{n / 1024:,.0f} KB"


def run(n: int, keep: Path | None, browse_engines: tuple[str, ...]) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"ja-search-{n}-", dir=keep))
    src, content = tmp / "sources", tmp / "content"
    synth_archive.write_sources(src, n)
    convert_s = synth_archive.convert(src, content)
    articles = synth_archive.count_articles(content)
    print(f"[{n}] converted {articles} articles in {convert_s:.1f} s", flush=True)
    builds = {}
    for engine in ENGINES:
        builds[engine] = build(tmp, content, engine)
        b = builds[engine]
        print(f"[{n}] {engine}: build {b['build_s']:.1f} s, index {b['index_s']:.1f} s, index {kb(b['index_bytes'])}", flush=True)
    from playwright.sync_api import sync_playwright

    queries = []
    url = an_article(content)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for engine in browse_engines:
            server, base = serve(builds[engine]["site"])
            try:
                queries += browse(engine, base, url, browser)
                if engine == "pagefind":  # as a reader finds it: the bundle loaded while the page sat idle
                    queries += browse(engine, base, url, browser, settle_ms=SETTLE_MS)
            finally:
                server.shutdown()
                server.server_close()
        browser.close()
    for b in builds.values():
        b["site"] = str(b["site"])
    if keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"n": n, "articles": articles, "convert_s": convert_s, "builds": builds, "queries": queries}


def table(results: list[dict]) -> str:
    out = ["| articles | engine | convert | mkdocs build (incl. index) | of which after the last page | build + index | peak RSS build / Pagefind | index on disk (gzip) |",
           "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for e in ENGINES:
            b = r["builds"][e]
            rss = f"{b['build_mb']:.0f} / {b['index_mb']:.0f} MB" if b["index_mb"] else f"{b['build_mb']:.0f} MB"
            gz = f" ({kb(b['index_gz'])})" if b["index_gz"] else ""
            name = e + ({True: " (indexing beside the build)", False: " (indexing after the build)"}.get(b.get("overlap"), ""))
            out.append(f"| {r['articles']} | {name} | {r['convert_s']:.1f} s | {b['build_s']:.1f} s | "
                       f"{b['index_s']:.1f} s | **{b['total_s']:.1f} s** | {rss} | {kb(b['index_bytes'])}{gz} |")
    out += ["", "| articles | engine | query | cold: bytes | cold: first result | warm query | warm: bytes | warm: first result |",
            "|---:|---|---|---:|---:|---|---:|---:|"]
    for r in results:
        for q in r["queries"]:
            engine = q["engine"] + (f", typed {q['settle_ms'] / 1000:g} s after load" if q.get("settle_ms") else "")
            out.append(f"| {r['articles']} | {engine} | {q['label']} {q['query']} | {kb(q['cold_bytes'])} | "
                       f"{q['cold_ms']:.0f} ms{'' if q['cold_hits'] else ' (no result)'} | {q['follow']} | {kb(q['warm_bytes'])} | "
                       f"{q['warm_ms']:.0f} ms{'' if q['warm_hits'] else ' (no result)'} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--keep", type=Path, help="build in (and keep) a folder under DIR")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--plain-browser", action="store_true", help="also time queries on lunr-plain (slow: no segmentation)")
    args = ap.parse_args()
    require_jieba()
    browse_engines = ENGINES if args.plain_browser else ("pagefind", "lunr")
    results = [run(n, args.keep, browse_engines) for n in args.articles]
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
