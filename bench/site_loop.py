"""The archivist's loop on the site: add one issue to an archive of N articles, then `make site`
(generator build, then python -m archive_site.build), against a clean build of the same site.

    .venv/bin/python bench/site_loop.py --articles 500 [--keep DIR] [--no-verify]
    .venv/bin/python bench/site_loop.py --reuse DIR/ja-site-loop-5000-xxxx   # again on a kept archive
    nice .venv/bin/python bench/site_loop.py --articles 5000

For each N: bench/synth_archive.py's sources (copies of the samples under shifted years),
`generator build` into content/ with the convert cache (not timed), then

- clean: `python -m archive_site.build --clean` (every page, the search index from scratch),
  with the settings a large archive is published with (bench/scale.py: extra.source_url set,
  JATS gzip-compressed), timed, with its peak RSS (the build and its Pagefind services);
- add: `generator add` of one new issue (a sample under a year no copy has), timed;
- content: `generator build` (what make site runs first), timed;
- incremental: `python -m archive_site.build`, timed: the pages it rendered, the search
  shards it indexed again;
- verify: a clean build of the same content into another folder, compared file for file
  with the incremental one (--no-verify skips it: at 5,000 articles it is another clean build).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import scale  # noqa: E402
import synth_archive  # noqa: E402


def timed(cmd: list[str], log: Path, env: dict | None = None) -> tuple[float, float]:
    return scale.run_sampled(cmd, {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, log)


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ between two trees (or are in one only)."""
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, "")]
    while stack:
        c, rel = stack.pop()
        out += [rel + n for n in c.left_only + c.right_only]
        _match, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out += [rel + n for n in mismatch + errors]
        stack += [(sub, rel + name + "/") for name, sub in c.subdirs.items()]
    return out


def no_size_limit(config: Path) -> Path:
    """The build times are measured whatever the site's size (the size check is reported apart:
    bench/README.md, Size): extra.size_limit 0."""
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg.setdefault("extra", {})["size_limit"] = 0
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def run(n: int, keep: Path | None, verify: bool, reuse: Path | None = None) -> dict:
    tmp = reuse or Path(tempfile.mkdtemp(prefix=f"ja-site-loop-{n}-", dir=keep))
    sources, content = tmp / "sources", tmp / "content"
    env = {"JOURNAL_ARCHIVE_CACHE": str(tmp / ".cache" / "convert")}
    gen = [sys.executable, "-m", "generator"]
    if not reuse:
        synth_archive.write_sources(sources, n)
        subprocess.run([*gen, "build", "--sources", str(sources), "--content", str(content)], cwd=tmp, check=True,
                       capture_output=True, env={**os.environ, **env})
    articles = synth_archive.count_articles(content)
    config = no_size_limit(scale.write_config(tmp, content, tmp / "site", copies=False))
    build = [sys.executable, "-m", "archive_site.build", "--config-file", str(config)]
    row = {"articles": articles, "load": os.getloadavg()[0]}
    row["clean_s"], row["clean_mb"] = timed([*build, "--clean"], tmp / "clean.log")
    year = next(y for y in range(1990, 1900, -1) if not list(sources.rglob(f"{y}-*.txt")))  # an issue not yet added
    new = tmp / f"new-{year}.txt"
    new.write_text(sorted((ROOT / "sources").glob("*.txt"))[2].read_text(encoding="utf-8").replace("2025", str(year)),
                   encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([*gen, "add", str(new), "--sources", str(sources), "--content", str(content)], cwd=tmp, check=True,
                   capture_output=True, env={**os.environ, **env})
    row["add_s"] = time.perf_counter() - t0
    row["content_s"], _ = timed([*gen, "build", "--sources", str(sources), "--content", str(content)], tmp / "content.log", env)
    row["incremental_s"], row["incremental_mb"] = timed(build, tmp / "incremental.log")
    log = (tmp / "incremental.log").read_text(encoding="utf-8")
    m = re.search(r"incremental: (\d+) of (\d+) pages to render", log)
    row["rendered"], row["pages"] = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    row["shards"] = len(re.findall(r"pagefind: text bundle \d+ written", log))
    row["records"] = bool(re.search(r"pagefind: records bundle", log))
    row["site_mb"] = sum(scale.site_parts(tmp / "site").values()) / 2**20
    if verify:
        shutil.rmtree(tmp / "site-clean", ignore_errors=True)
        clean_config = no_size_limit(scale.write_config(tmp, content, tmp / "site-clean", copies=False))
        timed([sys.executable, "-m", "archive_site.build", "--config-file", str(clean_config), "--clean"], tmp / "verify.log")
        row["differ"] = same_tree(tmp / "site", tmp / "site-clean")
    print(row, flush=True)
    if not keep and not reuse:
        shutil.rmtree(tmp, ignore_errors=True)
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[500])
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--no-verify", action="store_true")
    ap.add_argument("--reuse", type=Path, help="an archive a --keep run left: built again from its content/ (no conversion)")
    args = ap.parse_args()
    rows = [run(n, args.keep, not args.no_verify, args.reuse) for n in args.articles]
    print("| articles | clean build s (peak MB) | add s | generator build s | incremental build s (peak MB) | pages rendered | "
          "text shards indexed | records indexed | site MiB | same as clean |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
    for r in rows:
        same = "–" if "differ" not in r else ("yes" if not r["differ"] else f"no: {len(r['differ'])} files")
        print(f"| {r['articles']:,} | {r['clean_s']:.0f} ({r['clean_mb']:,.0f}) | {r['add_s']:.1f} | {r['content_s']:.1f} | "
              f"{r['incremental_s']:.1f} ({r['incremental_mb']:,.0f}) | {r['rendered']} of {r['pages']} | {r['shards']} | "
              f"{'yes' if r['records'] else 'no'} | {r['site_mb']:,.0f} | {same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
