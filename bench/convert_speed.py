"""Converter throughput: MB/s, peak memory and linearity on a replicated corpus.

    .venv/bin/python bench/convert_speed.py [--mb 40] [--profile] [--no-cli]

Builds a corpus of at least --mb MB in a temporary folder (never committed) by
replicating sources/*.txt, each copy made a distinct issue (its year rewritten),
then converts it on one core, in-process (read, convert, render, write), at
10/20/40 MB, and once more through the command line on the whole corpus.
Wall time is shown, but on a shared machine CPU time (time.process_time) is
the steadier measure; linearity is judged on it. Targets: >= 5 MB/s, peak memory < 1 GB, time growing linearly with size.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from generator.load import load_all  # noqa: E402
from generator.plan import render  # noqa: E402
from generator.site import write_pages  # noqa: E402

MB = 1024 * 1024


def build_corpus(folder: Path, target_mb: float) -> list[Path]:
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "sources").glob("*.txt"))]
    files, size, k = [], 0, 0
    while size < target_mb * MB:
        for name, text in samples:
            year = str(2100 + k)  # a distinct issue / document per copy, so pages do not collide
            text = text.replace("2025", year).replace("北约 2022", f"北约 {year}")
            path = folder / f"{k:04d}_{name}"
            path.write_text(text, encoding="utf-8")
            files.append(path)
            size += path.stat().st_size
        k += 1
    return files


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def convert_in_process(files: list[Path], out: Path) -> dict:
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    issues, errors = load_all(files)
    t1 = time.perf_counter()
    pages, _diags = render(issues)
    t2 = time.perf_counter()
    write_pages(out, pages)
    t3 = time.perf_counter()
    cpu = time.process_time() - c0
    assert not errors, errors[:3]
    size = sum(f.stat().st_size for f in files)
    return {"mb": size / MB, "files": len(files), "pages": len(pages), "read": t1 - t0, "render": t2 - t1, "write": t3 - t2, "total": t3 - t0, "cpu": cpu}


def prefix_by_size(files: list[Path], mb: float) -> list[Path]:
    out, size = [], 0
    for f in files:
        if size >= mb * MB:
            break
        out.append(f)
        size += f.stat().st_size
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=40)
    ap.add_argument("--profile", action="store_true", help="cProfile the 10 MB run and print the hot spots")
    ap.add_argument("--no-cli", action="store_true")
    a = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    with tempfile.TemporaryDirectory(prefix="convert-speed-") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        files = build_corpus(tmp / "in", a.mb)
        total = sum(f.stat().st_size for f in files) / MB
        print(f"corpus: {len(files)} files, {total:.1f} MB in {tmp}")
        if a.profile:
            prof = cProfile.Profile()
            prof.enable()
            convert_in_process(prefix_by_size(files, 10), tmp / "prof")
            prof.disable()
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(25)
            print(s.getvalue())
            pstats.Stats(prof, stream=(s := io.StringIO())).sort_stats("tottime").print_stats(20)
            print(s.getvalue())
        print(f"{'size':>8} {'files':>6} {'pages':>6} {'read+conv':>10} {'render':>8} {'write':>8} {'total':>8} {'MB/s':>7} {'cpu':>7} {'MB/cpu-s':>8}")
        rows = []
        for mb in (10, 20, a.mb):
            r = convert_in_process(prefix_by_size(files, mb), tmp / f"out{mb:g}")
            rows.append(r)
            print(f"{r['mb']:7.1f}M {r['files']:6d} {r['pages']:6d} {r['read']:9.2f}s {r['render']:7.2f}s {r['write']:7.2f}s {r['total']:7.2f}s {r['mb'] / r['total']:7.2f} {r['cpu']:6.2f}s {r['mb'] / r['cpu']:8.2f}")
        per_mb = [r["cpu"] / r["mb"] for r in rows]
        print(f"CPU seconds per MB at 10/20/{a.mb:g} MB: " + " / ".join(f"{x:.3f}" for x in per_mb) + f"  (max/min {max(per_mb) / min(per_mb):.2f}; 1.00 = linear)")
        print(f"peak RSS in-process: {peak_rss_mb():.0f} MB")
        if not a.no_cli:
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "generator", "convert", *map(str, files), "--out", str(tmp / "cli")],
                cwd=ROOT, capture_output=True, text=True,
            )
            dt = time.perf_counter() - t0
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"CLI: exit {proc.returncode}, {total:.1f} MB in {dt:.2f}s = {total / dt:.2f} MB/s, peak RSS {child:.0f} MB, stderr {len(proc.stderr.splitlines())} lines")


if __name__ == "__main__":
    main()
