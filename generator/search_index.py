"""Full-text search index for the built site: Pagefind (extended binary, with
Chinese segmentation) run over site/ after `mkdocs build`, plus a small
traditional -> simplified table the search box uses to convert queries.

    python -m generator.search_index site/          # what hooks/pagefind_hook.py runs

Which pages are indexed and what they carry (data-pagefind-body, -meta, -filter)
is decided in hooks/pagefind_hook.py; the chrome inside the indexed <article>
(permalinks, edit buttons, pager, source link) is left out with EXCLUDE.

The t2s table (site/pagefind/t2s.js) maps each traditional character whose
simplified form occurs in the site's pages to that simplified form (first
OpenCC candidate), so it stays small: the text is simplified, a query typed in
traditional characters (國際) is converted in the browser (国际) before searching.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

BUNDLE = "pagefind"
LANGUAGE = "zh"
EXCLUDE = [
    ".headerlink",
    ".footnote-backref",
    ".md-content__button",
    ".md-source-file",
    ".md-feedback",
    ".ja-pager",
    ".ja-source-link",
    "[data-pagefind-ignore]",
]
_TAG = re.compile(r"<[^>]*>")


def pagefind_executable() -> str:
    """The extended Pagefind binary shipped in the pagefind_bin_extended wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise RuntimeError("pagefind[extended] is not installed (pip install 'pagefind[extended]')") from exc
    return str(get_executable())


def run_pagefind(site: Path, quiet: bool = True) -> subprocess.CompletedProcess:
    cmd = [
        pagefind_executable(),
        "--site", str(site),
        "--output-subdir", BUNDLE,
        "--force-language", LANGUAGE,
        "--exclude-selectors", ", ".join(EXCLUDE),
    ]
    if quiet:
        cmd.append("--quiet")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"pagefind failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def _opencc_t2s_pairs() -> list[tuple[str, str]]:
    import opencc  # opencc-python-reimplemented

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        trad, simp = parts[0], parts[1].split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            pairs.append((trad, simp))
    return pairs


def site_characters(site: Path) -> set[str]:
    """Every non-ASCII character of the indexed pages (those with data-pagefind-body)."""
    chars: set[str] = set()
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8", errors="replace")
        if "data-pagefind-body" in text:
            chars.update(c for c in _TAG.sub(" ", text) if ord(c) > 0x2FFF)
    return chars


def t2s_table(chars: set[str] | None) -> dict[str, str]:
    return {t: s for t, s in _opencc_t2s_pairs() if chars is None or s in chars}


def write_t2s(site: Path, table: dict[str, str]) -> Path:
    """site/pagefind/t2s.js: `window.__jaT2S = "國国際际…"` (pairs of characters)."""
    out = site / BUNDLE / "t2s.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    pairs = "".join(t + s for t, s in sorted(table.items()))
    out.write_text("window.__jaT2S=" + json.dumps(pairs, ensure_ascii=False) + ";\n", encoding="utf-8")
    return out


def build_index(site: Path, quiet: bool = True) -> dict:
    """Index `site` in place; -> timings and sizes."""
    site = Path(site)
    t0 = time.perf_counter()
    run_pagefind(site, quiet=quiet)
    t1 = time.perf_counter()
    table = t2s_table(site_characters(site))
    write_t2s(site, table)
    t2 = time.perf_counter()
    bundle = site / BUNDLE
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return {"pagefind_s": t1 - t0, "t2s_s": t2 - t1, "bundle_bytes": size, "t2s_entries": len(table)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, nargs="?", default=Path("site"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    info = build_index(args.site, quiet=not args.verbose)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
