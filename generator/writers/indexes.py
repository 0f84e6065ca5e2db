"""Corpus-wide pages (home, journal archives, author/keyword/section indexes),
built from the front matter of every converted page."""

from __future__ import annotations

from .frontmatter import front_matter


def index_pages(metas: dict[str, dict]) -> dict[str, str]:
    """`metas`: content path -> front matter of every converted page."""
    issues = sorted((m for m in metas.values() if m.get("kind") == "issue"), key=lambda m: (m.get("year") or 0, m.get("issue") or 0), reverse=True)
    lines = ["# 期刊档案", ""]
    for path, m in sorted(metas.items()):
        if m.get("kind") == "issue":
            lines.append(f"- [{m['title']}]({path})")
    return {"index.md": front_matter({"kind": "home", "title": "期刊档案"}) + "\n" + "\n".join(lines) + "\n"} if issues or metas else {}
