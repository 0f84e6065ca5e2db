"""Full site build time: our config (theme overrides, hooks, extra CSS, Pagefind
index) versus a bare `mkdocs build` of the same content with stock mkdocs-material.

    python bench/build_time.py [--runs N] [--content DIR]

Two comparisons, best of N interleaved runs each:
- whole build: ours (mkdocs build + Pagefind index) against stock Material as
  it ships, with its built-in lunr search (the target: ours <= 1.1 x bare;
  exit 1 above it). "As it ships" means without jieba, even when the bench extra
  has installed it (bench/search_bench.py measures lunr with and without it);
- theme overhead: the same two with search off on both sides (our search
  hook disabled by JOURNAL_ARCHIVE_SEARCH=0, stock `plugins: []`), so the cost
  of our templates and hooks alone shows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
from search_bench import no_jieba  # noqa: E402


def config(content: Path, site: Path, bare: bool, search: bool = True) -> dict:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if bare and search:
        cfg.pop("plugins", None)  # MkDocs then loads Material's default: the lunr search plugin
    cfg["docs_dir"] = str(content.resolve())
    cfg["site_dir"] = str(site)
    if bare:
        # pages name template: article.html / issue.html; bare ones are stock main.html
        stubs = site.parent / "bare-theme"
        stubs.mkdir(exist_ok=True)
        for name in ("article.html", "issue.html"):
            (stubs / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
        cfg["theme"]["custom_dir"] = str(stubs)
        cfg.pop("hooks", None)
        cfg.pop("extra_css", None)
    else:
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
        cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    return cfg


def timed_build(cfg_file: Path) -> float:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cmd = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "nosearch" in cfg_file.name:
        env["JOURNAL_ARCHIVE_SEARCH"] = "0"
    if cfg_file.name.startswith("bare"):  # Material as it ships: no jieba segmentation
        env.update(no_jieba(cfg_file.parent))
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "build", "--quiet", "--config-file", str(cfg_file)], cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"build failed ({cfg_file.name}):\n{proc.stderr}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ja-bench-") as tmp:
        tmp = Path(tmp)
        files = {}
        for name, bare, search in (
            ("ours", False, True),
            ("bare", True, True),
            ("ours-nosearch", False, False),
            ("bare-nosearch", True, False),
        ):
            f = tmp / f"{name}.yml"
            cfg = config(args.content, tmp / f"site-{name}", bare, search)
            f.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
            files[name] = f
        timed_build(files["ours"])  # warm caches (imports, disk)
        times: dict[str, list[float]] = {name: [] for name in files}
        for _ in range(args.runs):  # interleaved, so background load hits all alike
            for name, f in files.items():
                times[name].append(timed_build(f))
        best = {name: min(t) for name, t in times.items()}
    ratio = best["ours"] / best["bare"]
    overhead = best["ours-nosearch"] / best["bare-nosearch"]
    print(f"whole build    ours (+ Pagefind) {best['ours']:.3f} s   bare Material (+ lunr) {best['bare']:.3f} s   ratio {ratio:.2f} (target <= 1.10)")
    print(f"search off     ours {best['ours-nosearch']:.3f} s   bare {best['bare-nosearch']:.3f} s   ratio {overhead:.2f}   (best of {args.runs})")
    return 0 if ratio <= 1.10 else 1


if __name__ == "__main__":
    sys.exit(main())
