"""A portal for an archive published as one site per journal (`make site JOURNAL=<slug>`):
a home page linking the journals' sites, whose search box searches all their bundles.

    python -m archive_site.portal --content build/portal/content gjwtyj=https://u.github.io/archive-gjwtyj/ ...
    (or: make portal SITES="gjwtyj=https://... ddmgpl=https://...")

writes build/portal/content/index.md; `mkdocs build` of that folder (JOURNAL_ARCHIVE_CONTENT)
is the portal site. Its front matter lists the sites (`portal_sites`); archive_site/search/pagefind.py
then writes, instead of an index, an empty primary bundle (pagefind.js and its wasm) and a
bundles.json naming the sites, and search.js reads each site's own bundles.json and merges
its record and full-text bundles (Pagefind's mergeIndex). The sites must be on the portal's
origin (GitHub Pages project sites of one user or organisation are) or send CORS headers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from generator import layout, meta


def home_page(sites: dict[str, str]) -> str:
    names = {e["slug"]: e for e in layout.journals().values()}
    front = meta.dump("home", {"title": "期刊档案", "portal_sites": list(sites.values())})
    lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", "", "# 期刊档案", "",
             "中文学术期刊全文档案：每种期刊一个网站；页首的搜索框检索全部期刊。", "", "## 期刊", ""]
    for slug, url in sites.items():
        entry = names.get(slug) or {}
        name = entry.get("name") or slug
        en = f"（{entry['name_en']}）" if entry.get("name_en") else ""
        lines.append(f"- [《{name}》]({url}){en}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m archive_site.portal", description=__doc__.splitlines()[0])
    ap.add_argument("--content", type=Path, required=True, help="folder for the portal's Markdown (replaced)")
    ap.add_argument("sites", nargs="+", metavar="SLUG=URL", help="a journal's slug and the address of its site")
    args = ap.parse_args(argv)
    sites = {}
    for item in args.sites:
        slug, sep, url = item.partition("=")
        if not sep or not slug or not url:
            print(f"error: {item!r}: expected SLUG=URL (gjwtyj=https://user.github.io/archive-gjwtyj/)", file=sys.stderr)
            return 2
        sites[slug] = url if url.endswith("/") else url + "/"
    args.content.mkdir(parents=True, exist_ok=True)
    for old in args.content.rglob("*.md"):
        old.unlink()
    (args.content / "index.md").write_text(home_page(sites), encoding="utf-8")
    print(f"portal of {len(sites)} sites in {args.content}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
