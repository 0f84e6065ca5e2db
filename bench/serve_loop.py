"""make serve on a large archive: how soon an edit of one source shows in the browser.

    .venv/bin/python bench/serve_loop.py --reuse DIR/ja-site-loop-5000-xxxx [--edits 3]

DIR: an archive `bench/site_loop.py --keep` left (sources/, content/, .cache/, site/). This
starts `python -m archive_site.serve` on it (what `make serve` runs; the settings of
bench/site_loop.py), waits until it serves the article page of one sample issue's copy,
then, --edits times, changes a word of that article's body in its source (two words of the
same length in turn), then --edits times its title (which the issue's table of contents, the
indexes, the neighbours' pagers and the citing pages show too), and times, from the write:

- shown: until the page served holds the new word (HTTP polled every 0.1 s): the source
  converted, content/ updated, the pages that changed rendered, the browser told to reload;
- site: until serve logs that the search bundles and site-wide files (feed, dumps, harvest
  files, manifest) are written too, in the background after the reload.

The first build after a change of code, theme or mkdocs.yml is clean (minutes at 5,000
articles), and is reported as the start-up time.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import scale  # noqa: E402
import site_loop  # noqa: E402

EDITS = {"body": ("促进欧亚地区", "推动欧亚地区"),  # the body of the sample issue's p022 (sources/003_...)
         "title": ("相互成就", "携手共进")}  # its title (and the title's line in the printed contents)
WORDS = EDITS["body"]
DONE = "search index and site-wide files updated"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _until(predicate, proc, timeout: float, step: float = 0.1) -> float | None:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"serve stopped (exit {proc.returncode})")
        if predicate():
            return time.perf_counter() - t0
        time.sleep(step)
    return None


def target(tmp: Path) -> tuple[Path, str]:
    """A copy of the sample issue whose p022 holds WORDS[0] or [1]: (its source, its page's path)."""
    for page in sorted((tmp / "content" / "gjwtyj").glob("*/06/p022.md")):
        m = re.search(r"^source: (.+)$", page.read_text(encoding="utf-8")[:600], re.M)
        source = next((tmp / "sources").rglob(m.group(1)), None) if m else None
        if source is not None and any(w in source.read_text(encoding="utf-8") for w in WORDS):
            return source, page.relative_to(tmp / "content").with_suffix("").as_posix() + "/"
    raise SystemExit("no copy of the sample issue's p022 in " + str(tmp / "content"))


def run(tmp: Path, edits: int) -> dict:
    config = site_loop.no_size_limit(scale.write_config(tmp, tmp / "content", tmp / "site", copies=False))
    source, page = target(tmp)
    port = _port()
    base = re.sub(r"^https?://[^/]+", "", yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]).rstrip("/")
    url = f"http://127.0.0.1:{port}{base}/{page}"
    log_path = tmp / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNAL_ARCHIVE_CACHE": str(tmp / ".cache" / "convert")}
    log = log_path.open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "archive_site.serve", "--config-file", str(config),
                             "--sources", str(tmp / "sources"), "--content", str(tmp / "content"),
                             "--site-dir", str(tmp / "site"), "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    row: dict = {"articles": site_loop.synth_archive.count_articles(tmp / "content"), "page": page,
                 "load": os.getloadavg()[0], "shown": {}, "site": {}, "rendered": {}}
    try:
        ready = _until(lambda: any(w in _get(url) for w in WORDS), proc, 3600, step=1.0)
        row["start_s"] = (time.perf_counter() - t0) if ready is not None else None
        _until(lambda: DONE in log_path.read_text(encoding="utf-8"), proc, 3600, step=1.0)
        for kind, words in EDITS.items():
            for _ in range(edits):
                text = source.read_text(encoding="utf-8")
                old, new = words if words[0] in text else words[::-1]
                done_before = log_path.read_text(encoding="utf-8").count(DONE)
                source.write_text(text.replace(old, new), encoding="utf-8")
                t0 = time.perf_counter()
                shown = _until(lambda: new in _get(url), proc, 600)
                site = _until(lambda: log_path.read_text(encoding="utf-8").count(DONE) > done_before, proc, 900)
                row["shown"].setdefault(kind, []).append(shown)
                row["site"].setdefault(kind, []).append(None if site is None else time.perf_counter() - t0)
                time.sleep(2)
                last = re.findall(r"incremental: (\d+) of \d+ pages to render", log_path.read_text(encoding="utf-8"))
                row["rendered"].setdefault(kind, []).append(int(last[-1]) if last else None)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # serve stops as on Ctrl-C: the background work finishes first
        try:
            proc.wait(timeout=300)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reuse", type=Path, required=True, help="an archive bench/site_loop.py --keep left")
    ap.add_argument("--edits", type=int, default=3)
    args = ap.parse_args()
    row = run(args.reuse.resolve(), args.edits)
    print(row, flush=True)
    fmt = lambda xs: " / ".join("–" if x is None else f"{x:.1f}" for x in xs)  # noqa: E731
    print(f"start-up {row['start_s'] or 0:.0f} s, {row['articles']:,} articles, load {row['load']:.1f}")
    print("| edit | shown s | search and site-wide files s | pages rendered |")
    print("|---|---:|---:|---:|")
    for kind in EDITS:
        print(f"| {kind} | {fmt(row['shown'][kind])} | {fmt(row['site'][kind])} | "
              f"{' / '.join(map(str, row['rendered'][kind]))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
