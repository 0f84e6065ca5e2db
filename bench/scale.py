"""A journal's whole run: build 500 / 2,000 / 5,000 / 10,000 articles and print one table.

    .venv/bin/python bench/scale.py --articles 500 2000 [--keep DIR] [--json out.json] [--no-browser] [--rounds 5]
    .venv/bin/python bench/scale.py --site DIR/ja-scale-10000-xxxx   # time the queries again on a kept build
    .venv/bin/python bench/scale.py --rebuild DIR/ja-scale-*         # build kept archives again (no conversion)
    nice -n 10 .venv/bin/python bench/scale.py --articles 5000

For each size N, bench/synth_archive.py writes N articles' worth of sources and converts
them ("convert"), then `mkdocs build` builds them with our mkdocs.yml ("build", Pagefind
indexing included) with a cold citation cache, as on CI. Reported:

- peak RSS of the whole build: the sum of the resident sizes of the build process and all
  its descendants (the Pagefind services), sampled from /proc every 0.2 s; the maximum sum;
- site MB by part: HTML pages, Markdown copies, search bundles (pagefind*/), the rest;
- in headless Chromium (bench/search_bench.py's probe, fresh context per query, typed as
  soon as the article page's `load` fires): bytes of search resources fetched by the time
  the first result is listed (+300 ms), and ms from the input event to the first result,
  for a keyword, an author and a two-character query; each query --rounds times (a fresh
  browser context each time), the median and the slowest reported ("ms (max)").

The site is built as an archive of this size is published (README: Publishing a large
archive): `extra.source_url` set (link to the Markdown in the repository, no copies in the
site) and `extra.scholarly.jats: gzip` (the JATS files compressed); --copies keeps both
as on the sample site.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
import search_bench  # noqa: E402
import synth_archive  # noqa: E402

SOURCE_URL = "https://github.com/example/journal-archive/blob/main/content/"


def tree_rss_kb(pid: int) -> int:
    """Resident KB of `pid` and every descendant (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        ppid, pages = int(fields[1]), int(fields[21])
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run_sampled(cmd: list[str], env: dict, log: Path) -> tuple[float, float]:
    """Run `cmd` (output to `log`), -> (seconds, peak MB of its whole process tree)."""
    t0 = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = [0]

        def sample():
            while proc.poll() is None:
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))
                time.sleep(0.2)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        proc.wait()
        t.join()
    secs = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"{cmd[:3]} failed, see {log}:\n{log.read_text()[-3000:]}")
    return secs, peak[0] / 1024


def write_config(tmp: Path, content: Path, site: Path, copies: bool) -> Path:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"], cfg["site_dir"] = str(content), str(site)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    extra = cfg.setdefault("extra", {})
    cite = tmp / "citations.json"
    cite.unlink(missing_ok=True)
    extra.setdefault("scholarly", {})["cache"] = str(cite)
    if not copies:
        extra["source_url"] = SOURCE_URL
        extra["scholarly"]["jats"] = "gzip"
    out = tmp / "mkdocs.yml"
    out.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def site_parts(site: Path) -> dict[str, int]:
    parts = {"html": 0, "markdown": 0, "search": 0, "jats": 0, "other": 0}
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        rel = p.relative_to(site).parts
        key = ("search" if rel[0].startswith("pagefind") else "html" if p.suffix == ".html"
               else "markdown" if p.suffix == ".md" else "jats" if p.name.endswith((".xml", ".xml.gz")) and len(rel) > 1
               else "other")
        parts[key] += p.stat().st_size
    return parts


def queries(site: Path, content: Path, rounds: int = 5) -> list[dict]:
    """One row per query: the median cold time and bytes over `rounds` fresh contexts, with
    every round's time in "cold_ms_all" (a single cold sample on a 2-core machine varies by
    +-30 %: the page, Pagefind's worker and V8's compiler threads share the cores)."""
    from playwright.sync_api import sync_playwright

    server, base = search_bench.serve(site)
    runs: dict[str, list[dict]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=search_bench.CHROMIUM, headless=True, args=search_bench.ARGS)
            for _ in range(max(1, rounds)):
                for row in search_bench.browse("pagefind", base, search_bench.an_article(content), browser):
                    runs.setdefault(row["label"], []).append(row)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    rows = []
    for label, rs in runs.items():
        row = dict(sorted(rs, key=lambda r: r["cold_ms"])[len(rs) // 2])
        row.update(cold_ms=statistics.median(r["cold_ms"] for r in rs), cold_ms_max=max(r["cold_ms"] for r in rs),
                   cold_ms_all=[round(r["cold_ms"]) for r in rs], cold_bytes=statistics.median(r["cold_bytes"] for r in rs))
        rows.append(row)
    return rows


def build(tmp: Path, copies: bool) -> tuple[float, float, dict[str, int]]:
    """tmp/content -> tmp/site (a fresh one) with a cold citation cache -> (s, peak MB, site parts)."""
    site = tmp / "site"
    shutil.rmtree(site, ignore_errors=True)
    cfg = write_config(tmp, tmp / "content", site, copies)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNAL_ARCHIVE_SEARCH_STATS": str(tmp / "stats.json")}
    build_s, peak_mb = run_sampled([*search_bench.mkdocs_cmd(), "build", "--config-file", str(cfg)], env, tmp / "build.log")
    return build_s, peak_mb, site_parts(site)


def run(n: int, keep: Path | None, copies: bool, browser: bool, rounds: int = 5) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"ja-scale-{n}-", dir=keep))
    src, content, site = tmp / "sources", tmp / "content", tmp / "site"
    synth_archive.write_sources(src, n)
    convert_s = synth_archive.convert(src, content)
    articles = synth_archive.count_articles(content)
    print(f"[{n}] converted {articles} articles in {convert_s:.1f} s", flush=True)
    build_s, peak_mb, parts = build(tmp, copies)
    print(f"[{n}] built in {build_s:.1f} s, peak {peak_mb:.0f} MB, site {sum(parts.values()) / 2**20:.0f} MB "
          f"(log {tmp / 'build.log'})", flush=True)
    rows = queries(site, content, rounds) if browser else []
    stats = json.loads((tmp / "stats.json").read_text()) if (tmp / "stats.json").exists() else {}
    if keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"n": n, "articles": articles, "convert_s": convert_s, "build_s": build_s, "peak_mb": peak_mb,
            "parts": parts, "queries": rows, "search": stats}


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def table(results: list[dict]) -> str:
    labels = [q[0] for q in search_bench.QUERIES]
    head = ["articles", "convert s", "build s", "peak RSS MB", "site MB", "HTML", "Markdown", "search", "JATS", "other"]
    head += [f"{label} KB / ms" for label in labels]
    out = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in results:
        p = r["parts"]
        cells = [str(r["articles"]), f"{r['convert_s']:.0f}", f"{r['build_s']:.0f}", f"{r['peak_mb']:,.0f}",
                 mb(sum(p.values())), mb(p["html"]), mb(p["markdown"]), mb(p["search"]), mb(p.get("jats", 0)), mb(p["other"])]
        by_label = {q["label"]: q for q in r["queries"]}
        for label in labels:
            q = by_label.get(label)
            cells.append((f"{q['cold_bytes'] / 1024:,.0f} / {q['cold_ms']:.0f}"
                          + (f" ({q['cold_ms_max']:.0f})" if "cold_ms_max" in q else "")) if q else "–")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[500, 2000, 5000, 10000])
    ap.add_argument("--keep", type=Path, help="build in (and keep) a folder under DIR")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--copies", action="store_true", help="ship the Markdown copies and plain JATS files")
    ap.add_argument("--no-browser", action="store_true", help="skip the query timings")
    ap.add_argument("--rounds", type=int, default=5, help="times each query is timed (median and slowest reported)")
    ap.add_argument("--site", type=Path, help="only time the queries, on a build kept with --keep (its folder)")
    ap.add_argument("--rebuild", type=Path, nargs="+", help="build again folders kept with --keep (no conversion)")
    args = ap.parse_args()
    for tmp in args.rebuild or []:
        build_s, peak_mb, parts = build(tmp, args.copies)
        print(f"{tmp.name}: built in {build_s:.1f} s, peak {peak_mb:.0f} MB, site {sum(parts.values()) / 2**20:.0f} MB "
              f"({', '.join(f'{k} {mb(v)}' for k, v in parts.items())}; log {tmp / 'build.log'})", flush=True)
    if args.rebuild:
        return 0
    if args.site:
        for row in queries(args.site / "site", args.site / "content", args.rounds):
            print(f"{row['label']}: {row['cold_bytes'] / 1024:,.0f} KB, median {row['cold_ms']:.0f} ms, "
                  f"max {row['cold_ms_max']:.0f} ms, all {row['cold_ms_all']}")
        return 0
    results = []
    for n in args.articles:
        results.append(run(n, args.keep, args.copies, not args.no_browser, args.rounds))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
