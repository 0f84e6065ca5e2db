"""Synthetic archive of N articles for benchmarks: replicate sources/*.txt.

    .venv/bin/python bench/synth_archive.py --articles 2000 --sources /tmp/src [--content /tmp/content]

Each round copies every sample source with its year rewritten (2025 -> 2100+k,
2022 -> 2100+k for the document), so each copy is a distinct journal issue
(journal / year / issue ids: gjwtyj/2100/06, ddmgpl/2100/01, ...) and no page
collides. Rounds are added until the converted archive holds at least N
articles (the samples give 8 articles + 1 document per round). With --content
the copies are converted (python -m generator build), and the time is printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles_per_round() -> int:
    """Articles one copy of sources/ yields (from content/ when it is built, else 8)."""
    content = ROOT / "content"
    n = sum(1 for p in content.rglob("*.md") if "\nkind: article\n" in p.read_text(encoding="utf-8")[:400]) if content.exists() else 0
    return n or 8


def write_sources(folder: Path, articles: int) -> int:
    """Copies of sources/*.txt in `folder`, enough for `articles` articles -> number of rounds."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "sources").glob("*.txt"))]
    rounds = -(-articles // articles_per_round())
    for k in range(rounds):
        year = str(2100 + k)
        for name, text in samples:
            text = text.replace("2025", year).replace("北约 2022", f"北约 {year}")
            (folder / f"{k:04d}_{name}").write_text(text, encoding="utf-8")
    return rounds


def convert(sources: Path, content: Path) -> float:
    """generator build sources -> content; -> seconds."""
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_ARCHIVE_CACHE"}  # no conversion cache
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources), "--content", str(content)],
                   cwd=ROOT, check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - t0


def count_articles(content: Path) -> int:
    return sum(1 for p in content.rglob("*.md") if "\nkind: article\n" in p.read_text(encoding="utf-8")[:400])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--sources", type=Path, required=True, help="folder for the replicated source texts")
    ap.add_argument("--content", type=Path, help="convert into this content folder")
    args = ap.parse_args()
    rounds = write_sources(args.sources, args.articles)
    print(f"{rounds} rounds of sources/ in {args.sources}")
    if args.content:
        secs = convert(args.sources, args.content)
        print(f"converted in {secs:.1f} s: {count_articles(args.content)} articles in {args.content}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
