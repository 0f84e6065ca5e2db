"""Where a build's peak memory is: run a command and sample the resident size of each process
of its tree every 0.2 s (as bench/scale.py's peak, which is the largest sum), by process.

    .venv/bin/python bench/rss_tree.py [--samples out.jsonl] -- .venv/bin/python -m archive_site.build --clean ...

Prints the peak sum with what each process held then and the build log's last line (the
phase), each process name's largest size, and the samples in which more than one Pagefind
service ran. --samples keeps every sample (t, total KB, {pid: [name, KB]}, log line).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree(pid: int) -> dict[int, tuple[str, int]]:
    """pid -> (name, resident KB) of `pid` and every descendant (Linux /proc)."""
    children: dict[int, list[int]] = {}
    info: dict[int, tuple[str, int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                head, rest = f.read().rsplit(b")", 1)
        except OSError:
            continue
        fields = rest.split()
        children.setdefault(int(fields[1]), []).append(int(d))
        info[int(d)] = (head.split(b"(", 1)[1].decode(errors="replace"), int(fields[21]) * PAGE_KB)
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        if p in info:
            out[p] = info[p]
        todo += children.get(p, [])
    return out


def last_line(log: Path) -> str:
    try:
        with log.open("rb") as f:
            f.seek(max(0, log.stat().st_size - 400))
            lines = f.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1][:120] if lines else ""
    except OSError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path)
    ap.add_argument("--log", type=Path, default=Path("rss_tree.log"), help="the command's output")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    rows: list[dict] = []
    t0 = time.perf_counter()
    with args.log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

        def sample():
            while proc.poll() is None:
                procs = tree(proc.pid)
                rows.append({"t": round(time.perf_counter() - t0, 2), "total_kb": sum(kb for _n, kb in procs.values()),
                             "procs": {str(p): list(v) for p, v in procs.items()}, "log": last_line(args.log)})
                time.sleep(0.2)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        proc.wait()
        th.join()
    if args.samples:
        args.samples.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"exit {proc.returncode}, {time.perf_counter() - t0:.0f} s, {len(rows)} samples (log {args.log})")
    if not rows:
        return proc.returncode
    peak = max(rows, key=lambda r: r["total_kb"])
    print(f"peak {peak['total_kb'] / 1024:,.0f} MB at {peak['t']:.0f} s: "
          + ", ".join(f"{n} {kb / 1024:,.0f}" for n, kb in peak["procs"].values()) + f" | {peak['log']}")
    most: dict[str, tuple[int, dict]] = {}
    for r in rows:
        for name, kb in r["procs"].values():
            if kb > most.get(name, (0, None))[0]:
                most[name] = (kb, r)
    for name, (kb, r) in most.items():
        print(f"largest {name}: {kb / 1024:,.0f} MB at {r['t']:.0f} s | {r['log']}")
    two = [r for r in rows if sum(n.startswith("pagefind") for n, _kb in r["procs"].values()) > 1]
    both = max((sum(kb for n, kb in r["procs"].values() if n.startswith("pagefind")) for r in two), default=0)
    print(f"samples with two Pagefind services or more: {len(two)} (their sum at most {both / 1024:,.0f} MB)")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
