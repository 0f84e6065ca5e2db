"""Back-matter pages: annual index (entries linked to the archive; the reader parsed them,
generator/readers/annual_index.py), notices, English abstracts no article claimed.
Printed lines are kept as printed."""

from __future__ import annotations

import re

from .. import meta
from ..layout import url_of
from ..model import BackMatter, IndexEntry, Issue
from .frontmatter import front_matter
from .escape import md_line, md_link, md_text


def _entry(e: IndexEntry) -> dict:
    """An entry as the page's front matter lists it (`url` added when it links to an article)."""
    return {"section": e.section, "title": e.title, "authors": list(e.authors), "authors_raw": e.authors_raw,
            "year": e.year, "issue": e.issue, "printed": e.printed}


def annual_index_body(bm: BackMatter, links: dict) -> tuple[str, list[dict]]:
    """(the page's body, its entries for the front matter)."""
    out, defs, entries = [], {}, []
    section = object()
    for e in bm.entries:
        entry = _entry(e)
        entries.append(entry)
        if e.section != section:
            section = e.section
            out.append(f"\n## {md_text(section)}\n" if section else "")
        url = links.get((e.year, e.issue, re.sub(r"\s+", "", e.title)))
        title = md_link(e.title, url, defs) if url else md_text(e.title)
        if url:
            entry["url"] = url_of(url)
        out.append(f"- {title} {md_text(e.authors_raw)} {md_text(e.issue_printed)}")
    body = "\n".join(out).strip()
    if defs:
        body += "\n\n" + "\n".join(f"[{t}]: {u}" for t, u in defs.items())
    return body, entries


def lines_body(lines: tuple[str, ...]) -> str:
    """Printed lines, paragraph breaks kept; a line break inside a paragraph stays a line break."""
    paras, cur = [], []
    for ln in lines:
        if ln.strip():
            cur.append(md_line(ln.strip(), headings=True))
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    out = []
    for p in paras:
        if all(re.match(r"^[-*+]\s|^\d+[.．]\s", x) for x in p):
            out.append("\n".join(p))
        else:
            out.append("  \n".join(p))
    return "\n\n".join(out)


def back_matter_page(bm: BackMatter, issue: Issue, links: dict, extra: dict) -> tuple[dict, str]:
    """(front matter, page text)."""
    values = {"source": issue.source, "title": bm.title, "back_kind": bm.kind, "journal": issue.journal,
              "year": issue.year, "issue": issue.number, **extra}
    if bm.kind == "annual_index":
        body, values["entries"] = annual_index_body(bm, links)
    else:
        lines = bm.lines[1:] if bm.lines and bm.lines[0].strip().strip("#* ") == bm.title else bm.lines
        body = lines_body(lines)
    m = meta.dump("back-matter", values)
    return m, front_matter(m) + "\n" + body + "\n"
