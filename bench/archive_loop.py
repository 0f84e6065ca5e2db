"""The archivist's loop at scale: `add` of one issue and `remove` of it, into archives of N sources.

    .venv/bin/python bench/archive_loop.py --sources 4 104 504 [--rounds 3] [--repo DIR] [--keep DIR]

For each N, an archive of N sources is written in a temporary folder (copies of sources/*.txt
with their years shifted, as bench/synth_archive.py does: each copy a distinct issue), and
`generator build` fills content/ and the caches (not timed: the archive as an archivist has
it after `make content`). Then, each round: `generator add NEW.txt` (a sample issue under a year
no copy has and no round had, so that it is new and not in the convert cache: its conversion
is part of the time, as it is for the archivist), then `generator remove` of it. Times are wall seconds of the whole command (a
fresh Python process, imports included); the median of --rounds is printed, the range in
brackets. --repo runs another checkout's converter on the same archives (e.g. `git worktree`
or `git archive main | tar -x -C DIR`, with DIR's own .venv or this one: PYTHONPATH=DIR).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_sources(folder: Path, n: int) -> None:
    """N sources: copies of the samples, round k's years 2100 + k (synth_archive.write_sources)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "sources").glob("*.txt"))]
    for i in range(n):
        k, (name, text) = divmod(i, len(samples))[0], samples[i % len(samples)]
        year = str(2100 + k)
        (folder / f"{k:04d}_{name}").write_text(text.replace("2025", year).replace("北约 2022", f"北约 {year}"), encoding="utf-8")


def run(repo: Path, root: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(repo), "JOURNAL_ARCHIVE_CACHE": str(root / ".cache" / "convert"),
           "JOURNAL_ARCHIVE_LANG": "en"}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"generator {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return secs, done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=int, nargs="+", default=[4, 104, 504])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repo", type=Path, default=ROOT, help="the checkout whose generator runs (default: this one)")
    ap.add_argument("--keep", type=Path, help="build the archives here and keep them")
    args = ap.parse_args()
    new = Path(tempfile.mkdtemp(prefix="ja-loop-new-"))
    sample = sorted((ROOT / "sources").glob("*.txt"))[2].read_text(encoding="utf-8")
    print(f"repo {args.repo}, {args.rounds} rounds, load {os.getloadavg()[0]:.2f}")
    print("| sources | articles | pages | add s | remove s | pages written by add |")
    print("|---:|---:|---:|---:|---:|---:|")
    try:
        for n in args.sources:
            root = Path(tempfile.mkdtemp(prefix=f"ja-loop-{n}-", dir=args.keep))
            write_sources(root / "sources", n)
            run(args.repo, root, "build")
            pages = sum(1 for _ in (root / "content").rglob("*.md"))
            articles = sum(1 for p in (root / "content").rglob("p[0-9]*.md"))
            adds, removes, written = [], [], 0
            for r in range(args.rounds):
                year = 1990 - r  # a new text each round: its conversion is part of the add
                (new / f"{year}.txt").write_text(sample.replace("2025", str(year)), encoding="utf-8")
                secs, out = run(args.repo, root, "add", str(new / f"{year}.txt"))
                adds.append(secs)
                written = sum(1 for line in out.splitlines() if line.startswith("  ") and "content/" in line)
                secs, _out = run(args.repo, root, "remove", f"gjwtyj/{year}-06")
                removes.append(secs)
            fmt = lambda xs: f"{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"  # noqa: E731
            print(f"| {n} | {articles} | {pages} | {fmt(adds)} | {fmt(removes)} | {written} |", flush=True)
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
