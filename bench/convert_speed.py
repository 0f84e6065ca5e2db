"""Converter throughput: MB/s before and after, and against a one-pass regex scan, in one run.

    .venv/bin/python bench/convert_speed.py                      # 38 MB corpus: scan, converter at --before, converter now
    .venv/bin/python bench/convert_speed.py --before be4d4d4 --before 82dd8e5 --rounds 3
    .venv/bin/python bench/convert_speed.py --before 3cdfcba --before-cores --rounds 2   # the revision on both cores too
    .venv/bin/python bench/convert_speed.py --linearity [--profile]   # in-process at 10/20/--mb MB, peak memory

Builds a corpus of at least --mb MB in a temporary folder (never committed) by
replicating sources/*.txt, each copy made a distinct issue (its year rewritten).
Then each round times in turn:

- the one-pass scan, on one core: read every file's bytes, decode them (UTF-8)
  and count the words with one `re.finditer(r"\\w+")` over the text, the floor
  of any pass of Python over every character;
- `python -m generator convert <corpus> --out DIR` (bytecode compiled beforehand, see
  compile_bytecode) of each revision given by --before (its generator/ exported with `git archive` into a temporary folder
  and run from there), on one core;
- the same of the working tree, on one core, and on every core this process may
  use (convert's default: one process per core); with --before-cores, each --before
  revision on every core too.

Each converter is reported with its best wall time over the rounds, the CPU time
of that run (user + system of it and its workers, from wait4), MB/s by both, peak
memory, and its ratio to the best scan of the same run; and whether its pages
equal those of the working tree's last run. On a shared machine the CPU figures
and the ratio are the steadier ones. Targets (issue 25): >= 10 MB/s and <= 10x
the scan; time linear in input size (--linearity, one core), peak memory < 1 GB.
"""

from __future__ import annotations

import argparse
import cProfile
import filecmp
import gc
import io
import os
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
BEFORE = "82dd8e5"  # main before issue 25 (conservation and placement checks in, 1.7 MB/s)
WORD = re.compile(r"\w+")


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


def scan(files: list[Path]) -> dict:
    """The one-pass scan: bytes read, decoded, every word matched once."""
    c0, t0 = time.process_time(), time.perf_counter()
    words = 0
    for f in files:
        for _ in WORD.finditer(f.read_bytes().decode("utf-8")):
            words += 1
    return {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "words": words}


def export(rev: str, folder: Path) -> Path:
    """The converter (generator/) of a git revision, in a folder of its own."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "generator"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def compile_bytecode(code: Path) -> None:
    """Write the bytecode of `code`'s generator/ beforehand, as an installed package has it: where
    PYTHONDONTWRITEBYTECODE is set (as on this machine) a run would otherwise compile every module
    it imports, an exported revision all of them (~0.1 s) and the working tree each module edited
    since its .pyc was last written, which is not conversion."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)


def convert_cli(code: Path, files: list[Path], out: Path, cores: set[int]) -> dict:
    """`python -m generator convert` run from `code` (whose generator/ it imports) on `cores`:
    wall and CPU time (its own and its workers'), peak RSS of the largest process."""
    probe = subprocess.run([sys.executable, "-c", "import generator, sys; sys.stdout.write(generator.__file__)"],
                           cwd=code, capture_output=True, text=True, check=True).stdout
    assert Path(probe).resolve().is_relative_to(code.resolve()), f"{code}: imports {probe}"
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "generator", "convert", *map(str, files), "--out", str(out)],
                                cwd=code, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=lambda: os.sched_setaffinity(0, cores))
        _pid, status, usage = os.wait4(proc.pid, 0)  # (its workers are reaped by it: their time is in its rusage)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "exit": proc.returncode,
            "stderr": len(stderr.splitlines())}


def same_tree(a: Path, b: Path) -> tuple[int, int]:
    """(files, files that differ or exist on one side only) of two output trees."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sum(1 for n in names if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)))
    return len(names), differ


def compare(files: list[Path], tmp: Path, revs: list[str], rounds: int, before_all_cores: bool = False) -> None:
    size = sum(f.stat().st_size for f in files) / MB
    cores = sorted(os.sched_getaffinity(0))
    one = {cores[0]}
    runs = []
    for rev in revs:
        code = export(rev, tmp / f"code-{rev}")
        runs.append((f"{rev} 1 core", code, one))
        if before_all_cores and len(cores) > 1:
            runs.append((f"{rev} {len(cores)} cores", code, set(cores)))
    runs.append(("now 1 core", ROOT, one))
    if len(cores) > 1:
        runs.append((f"now {len(cores)} cores", ROOT, set(cores)))
    for code in {code for _name, code, _on in runs}:
        compile_bytecode(code)
    reference = runs[-1][0]
    best: dict[str, dict] = {}
    scans = []
    for r in range(rounds):
        os.sched_setaffinity(0, one)
        scans.append(scan(files))
        os.sched_setaffinity(0, set(cores))
        print(f"round {r + 1}: {'scan':>14}: {scans[-1]['wall']:6.2f} s wall, {scans[-1]['cpu']:6.2f} s CPU", flush=True)
        for name, code, on in runs:
            out = tmp / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            res = convert_cli(code, files, out, on)
            print(f"round {r + 1}: {name:>14}: {res['wall']:6.2f} s wall, {res['cpu']:6.2f} s CPU, exit {res['exit']}", flush=True)
            if name not in best or res["wall"] < best[name]["wall"]:
                best[name] = res
    sw, sc = min(s["wall"] for s in scans), min(s["cpu"] for s in scans)
    load = os.getloadavg()
    print(f"\ncorpus: {len(files)} files, {size:.1f} MB; best of {rounds} round(s); load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'':>14} {'wall s':>7} {'MB/s':>7} {'x scan':>7} {'CPU s':>7} {'MB/CPU-s':>9} {'x scan':>7} {'peak MB':>8} {'pages same':>11}")
    print(f"{'scan':>14} {sw:7.2f} {size / sw:7.1f} {1:7.1f} {sc:7.2f} {size / sc:9.1f} {1:7.1f} {'':>8} {'':>11}")
    for name, res in best.items():
        n, differ = same_tree(tmp / f"out-{name}", tmp / f"out-{reference}")
        same = "yes" if not differ else f"{differ}/{n} differ"
        print(f"{name:>14} {res['wall']:7.2f} {size / res['wall']:7.2f} {res['wall'] / sw:7.1f} {res['cpu']:7.2f} {size / res['cpu']:9.2f}"
              f" {res['cpu'] / sc:7.1f} {res['rss']:8.0f} {same:>11}")


# ---- in-process: linearity, memory, profile

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def convert_in_process(files: list[Path], out: Path) -> dict:
    from generator.load import load_all
    from generator.plan import render
    from generator.site import write_pages

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


def linearity(files: list[Path], tmp: Path, mb: float, profile: bool) -> None:
    if profile:
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
    for part in (10, 20, mb):
        r = convert_in_process(prefix_by_size(files, part), tmp / f"out{part:g}")
        rows.append(r)
        print(f"{r['mb']:7.1f}M {r['files']:6d} {r['pages']:6d} {r['read']:9.2f}s {r['render']:7.2f}s {r['write']:7.2f}s {r['total']:7.2f}s"
              f" {r['mb'] / r['total']:7.2f} {r['cpu']:6.2f}s {r['mb'] / r['cpu']:8.2f}")
    per_mb = [r["cpu"] / r["mb"] for r in rows]
    print(f"CPU seconds per MB at 10/20/{mb:g} MB: " + " / ".join(f"{x:.3f}" for x in per_mb)
          + f"  (max/min {max(per_mb) / min(per_mb):.2f}; 1.00 = linear)")
    print(f"peak RSS in-process: {peak_rss_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=38)
    ap.add_argument("--before", action="append", help=f"a git revision to compare (repeatable; default {BEFORE})")
    ap.add_argument("--rounds", type=int, default=3, help="times each is run; the best is reported (default 3)")
    ap.add_argument("--before-cores", action="store_true", help="run each --before revision on every core too")
    ap.add_argument("--linearity", action="store_true", help="in-process runs at 10/20/--mb MB instead of the comparison")
    ap.add_argument("--profile", action="store_true", help="with --linearity: cProfile the 10 MB run and print the hot spots")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="convert-speed-") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        files = build_corpus(tmp / "in", a.mb)
        print(f"corpus: {len(files)} files, {sum(f.stat().st_size for f in files) / MB:.1f} MB in {tmp}")
        if a.linearity:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
            linearity(files, tmp, a.mb, a.profile)
        else:
            compare(files, tmp, a.before or [BEFORE], a.rounds, a.before_cores)


if __name__ == "__main__":
    main()
