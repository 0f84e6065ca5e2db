"""Lighthouse (npm, node_modules/.bin/lighthouse) on the built site, against Debian's
chromium (CHROME_PATH), mobile (Lighthouse's default form factor and throttling), with
the site served gzip-compressed as GitHub Pages serves it.

    make site && .venv/bin/python bench/lighthouse.py            # the sample article
    .venv/bin/python bench/lighthouse.py /gjwtyj/2025/06/ /       # other pages

Prints the four category scores per page; the JSON reports go to bench/out/.
Targets (issue 12): performance >= 95, accessibility >= 98, best practices 100, SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
TARGETS = {"performance": 95, "accessibility": 98, "best-practices": 100, "seo": 100}
COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".md", ".pf_meta")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed when the client accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESS or not path.is_file():
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and Path(self.translate_path(self.path)).is_dir():
            return super().send_head()  # the redirect to the trailing slash
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def run(url: str, out: Path, chrome: str) -> dict[str, int]:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=performance,accessibility,best-practices,seo",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": chrome})
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(c["score"] * 100) for k, c in report["categories"].items()}
    failed = [a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1
              and a.get("scoreDisplayMode") == "binary"]
    metrics = report["audits"]
    scores["_lcp_s"] = round(metrics["largest-contentful-paint"]["numericValue"] / 1000, 2)
    scores["_cls"] = round(metrics["cumulative-layout-shift"]["numericValue"], 3)
    scores["_tbt_ms"] = round(metrics["total-blocking-time"]["numericValue"])
    scores["_failed"] = failed
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="*", default=["/gjwtyj/2025/06/p022/"])
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    a = ap.parse_args(argv)
    site = Path(a.site)
    if not (site / "index.html").exists():
        print(f"{site}: no built site (make site)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE}: not installed (npm ci)", file=sys.stderr)
        return 2
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    ok = True
    try:
        for page in a.pages:
            name = page.strip("/").replace("/", "-") or "home"
            s = run(base + page, out_dir / f"lighthouse-{name}.json", a.chrome)
            line = "  ".join(f"{k} {s[k]}" for k in TARGETS)
            print(f"{page}: {line}  (LCP {s['_lcp_s']} s, CLS {s['_cls']}, TBT {s['_tbt_ms']} ms)")
            if s["_failed"]:
                print(f"    audits not passed: {', '.join(s['_failed'])}")
            ok = ok and all(s[k] >= t for k, t in TARGETS.items())
    finally:
        server.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
