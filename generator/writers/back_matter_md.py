"""Back-matter pages: annual index (entries linked to the archive), notices,
English abstracts no article claimed. Printed lines are kept as printed."""

from __future__ import annotations

import re

from .. import meta
from ..layout import url_of
from ..model import BackMatter, Issue
from ..text import split_byline
from .frontmatter import front_matter
from .escape import md_line, md_link, md_text

SECTION = re.compile(r"^【([^】]+)】$")
# '…(2025 年第 6 期)' or '…（2025 年第 1 期）' closing an entry
ENTRY_ISSUE = re.compile(r"[（(]\s*(\d{4})\s*年\s*第\s*(\d{1,2})\s*期\s*[）)]\s*$")


def index_entries(lines: tuple[str, ...]) -> list[dict]:
    """Annual index lines -> entries {section, title, authors, authors_raw, year, issue, printed}."""
    entries = []
    section = None
    pending = ""
    for raw in lines[1:]:
        line = raw.rstrip()
        if not line.strip():
            pending = "" if not pending else pending
            continue
        if m := SECTION.match(line.strip()):
            section, pending = m.group(1).strip(), ""
            continue
        text = (pending + "\t" + line.strip()) if pending else line.strip()
        m = ENTRY_ISSUE.search(text)
        if not m:
            pending = text
            continue
        pending = ""
        head = text[: m.start()].rstrip()
        if "\t" in head:
            title, _, authors_raw = head.rpartition("\t")
        else:
            tokens = head.split()
            k = len(tokens)
            while k > 1 and re.fullmatch(r"[\u4e00-\u9fff·]{1,4}", tokens[k - 1]) and len(tokens) - k < 6:
                k -= 1
            title, authors_raw = " ".join(tokens[:k]), " ".join(tokens[k:])
        entries.append({
            "section": section,
            "title": title.strip(),
            "authors": split_byline(authors_raw.strip()),
            "authors_raw": authors_raw.strip(),
            "year": int(m.group(1)),
            "issue": int(m.group(2)),
            "printed": text.replace("\t", " "),
        })
    return entries


def annual_index_body(bm: BackMatter, entries: list[dict], links: dict) -> str:
    out, defs = [], {}
    section = object()
    for e in entries:
        if e["section"] != section:
            section = e["section"]
            out.append(f"\n## {md_text(section)}\n" if section else "")
        url = links.get((e["year"], e["issue"], re.sub(r"\s+", "", e["title"])))
        title = md_link(e["title"], url, defs) if url else md_text(e["title"])
        if url:
            e["url"] = url_of(url)
        m = ENTRY_ISSUE.search(e["printed"])
        issue = e["printed"][m.start():] if m else ""
        out.append(f"- {title} {md_text(e['authors_raw'])} {md_text(issue.strip())}")
    body = "\n".join(out).strip()
    if defs:
        body += "\n\n" + "\n".join(f"[{t}]: {u}" for t, u in defs.items())
    return body


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
        entries = index_entries(bm.lines)
        body = annual_index_body(bm, entries, links)
        values["entries"] = entries
    else:
        lines = bm.lines[1:] if bm.lines and bm.lines[0].strip().strip("#* ") == bm.title else bm.lines
        body = lines_body(lines)
    m = meta.dump("back-matter", values)
    return m, front_matter(m) + "\n" + body + "\n"
