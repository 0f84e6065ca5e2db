"""How much the convert cache saves on a rebuild after `add`.

Makes a scratch archive of N issues (the samples with their years shifted, so
each is a distinct issue), then times `build_pages` three ways:

  cold        no cache: every source converted (what `build` did before)
  warm        cache filled, nothing changed: every source read back
  after add   one new source: only it is converted

    .venv/bin/python bench/incremental.py [--copies 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

from generator.build import build_pages  # noqa: E402
from generator.cache import ConvertCache  # noqa: E402
from generator.load import source_files  # noqa: E402


def make_archive(root: Path, copies: int) -> Path:
    sources = root / "sources"
    sources.mkdir(parents=True)
    samples = sorted((REPO / "sources").glob("*.txt"))
    for k in range(copies):
        for s in samples:
            text = s.read_text(encoding="utf-8")
            for year in ("2022", "2025", "2026"):
                text = text.replace(year, str(int(year) - 30 - k))
            (sources / f"{s.stem}-{k:03d}.txt").write_text(text, encoding="utf-8")
    return sources


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20, help="copies of each sample (default 20)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = make_archive(Path(tmp), args.copies)
        cache_dir = Path(tmp) / ".cache" / "convert"
        files = source_files(sources)
        cold = timed(lambda: build_pages(files, ConvertCache(None, enabled=False)))
        timed(lambda: build_pages(files, ConvertCache(cache_dir)))  # fill the cache
        warm_cache = ConvertCache(cache_dir)
        warm = timed(lambda: build_pages(files, warm_cache))
        extra = sources / "new-issue.txt"
        text = (REPO / "sources" / "003_9f707cb2b1b9ba7b.txt").read_text(encoding="utf-8")
        extra.write_text(text.replace("2025", "1900"), encoding="utf-8")
        files = source_files(sources)
        add_cache = ConvertCache(cache_dir)
        after_add = timed(lambda: build_pages(files, add_cache))
        print(f"{len(files) - 1} sources (+1 added)")
        print(f"cold build (no cache)      {cold:7.3f} s")
        print(f"warm build (all cached)    {warm:7.3f} s   {warm_cache.hits} hits, {warm_cache.misses} converted   x{cold / warm:.1f}")
        print(f"build after adding 1 file  {after_add:7.3f} s   {add_cache.hits} hits, {add_cache.misses} converted   x{cold / after_add:.1f}")
        assert warm_cache.misses == 0 and add_cache.misses == 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
