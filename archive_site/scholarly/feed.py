"""What the site says about itself to harvesters: the Atom feed of the articles (and
documents), newest first, one entry each (title, authors, the issue it is in, the abstract's
opening, the licence); the date each page last changed (sitemap.xml lastmod), robots.txt.

- Ids are permanent `tag:` URIs (RFC 4151) built from `extra.scholarly.id_authority`
  ("<domain or e-mail>,<year>"), never from `site_url`: they stay the same when the
  site moves (RFC 4287 §4.2.6). tag:example.github.io,2025:gjwtyj/2025/06 is issue
  6 of 2025 of 国际问题研究, with or without an issue page.
- No date is made up: an article of an issue printed with a year only has no <published>;
  an entry's <updated> is when its page last changed in the archive.
- At most FEED_ENTRIES entries (the newest): a feed says what is new; the whole archive is in
  archive.jsonl.gz and the OAI files.
- `changed_dates(docs_dir)`: content path -> date of the last git commit that
  changed it (the file's mtime when it has uncommitted changes or git is absent).
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

from generator import layout

from .jats_tree import xml_text

FEED = "feed.xml"
FEED_ENTRIES = 500
ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_AUTHORITY = "example.github.io,2025"


def tag_uri(authority: str | None, specific: str) -> str:
    return f"tag:{authority or DEFAULT_AUTHORITY}:{specific}"


def _git(docs: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(docs), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout


def changed_dates(docs: Path) -> dict[str, date]:
    """Content path (gjwtyj/2025/06/p022.md) -> the date it last changed."""
    docs = Path(docs)
    out: dict[str, date] = {}
    log = _git(docs, "log", "--format=%x01%cs", "--name-only", "--relative", "--", ".")
    if log is None:
        return out
    day = None
    for line in log.splitlines():
        if line.startswith("\x01"):
            day = date.fromisoformat(line[1:])
        elif line and day and line not in out:
            out[line] = day
    dirty = (_git(docs, "diff", "--name-only", "--relative", "HEAD", "--", ".") or "").splitlines()
    dirty += (_git(docs, "ls-files", "--others", "--exclude-standard", "--", ".") or "").splitlines()
    for rel in dirty:
        if (docs / rel).is_file():
            out[rel] = datetime.fromtimestamp((docs / rel).stat().st_mtime, UTC).date()
    return out


def changed(dates: dict[str, date], docs: Path, src: str) -> date:
    """When `src` last changed: from git, else the file's mtime."""
    if src in dates:
        return dates[src]
    path = Path(docs) / src
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date() if path.exists() else datetime.now(UTC).date()


def printed_date(m: dict) -> date | None:
    """The issue's printed publication date, only when a full date is printed."""
    try:
        return date.fromisoformat(str(m.get("published")))
    except ValueError:
        return None


def _time(d: date) -> str:
    return datetime(d.year, d.month, d.day, tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _order(a: dict) -> tuple:
    f = a["front"]
    return (int(f.get("year") or 0), int(f.get("issue") or 0), printed_date(f) or date.min, -int(f.get("first_page") or 0), a["url"])


def feed_xml(config, articles: list[dict], authority: str | None, rights=None) -> bytes:
    """`articles`: dicts with front (title, authors, journal, year, issue, published, first_page,
    summary), ident, url, issue_url, changed (date), in any order; `rights`: a Rights, or None."""
    site_url = config.get("site_url") or ""
    ET.register_namespace("", ATOM)

    def el(parent, tag, text=None, **attrs):
        attrs = {k.rstrip("_"): xml_text(v) if isinstance(v, str) else v for k, v in attrs.items()}
        e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            e.text = xml_text(text) if isinstance(text, str) else text
        return e

    articles = sorted(articles, key=_order, reverse=True)[:FEED_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    el(feed, "title", config["site_name"])
    if config.get("site_description"):
        el(feed, "subtitle", config["site_description"])
    el(feed, "id", tag_uri(authority, "feed"))
    el(feed, "link", rel="self", type="application/atom+xml", href=site_url + FEED)
    el(feed, "link", rel="alternate", type="text/html", href=site_url)
    if rights:
        el(feed, "rights", rights.statement)
    el(feed, "updated", _time(max((a["changed"] for a in articles), default=date(1970, 1, 1))))
    el(el(feed, "author"), "name", config["site_name"])
    for a in articles:
        f = a["front"]
        entry = el(feed, "entry")
        el(entry, "title", f["title"])
        el(entry, "id", tag_uri(authority, a["ident"]))
        el(entry, "link", rel="alternate", type="text/html", href=a["url"])
        if a.get("issue_url"):
            el(entry, "link", rel="related", type="text/html", href=a["issue_url"],
               title=f"{f.get('journal')} {layout.issue_label(f.get('year'), f.get('issue'))}")
        if a.get("doi"):
            el(entry, "link", rel="related", href=f"https://doi.org/{a['doi']}", title="DOI")
        if printed_date(f):
            el(entry, "published", _time(printed_date(f)))
        el(entry, "updated", _time(a["changed"]))
        for name in f.get("authors") or []:
            el(el(entry, "author"), "name", name)
        if f.get("journal"):
            el(entry, "category", term=f["journal"])
        where = " ".join(x for x in (f.get("journal"), layout.issue_label(f.get("year"), f.get("issue")) if f.get("year") else None) if x)
        pages = layout.pages_label(f["first_page"], f["last_page"]) if f.get("first_page") and f.get("last_page") else ""
        el(entry, "summary", "，".join(x for x in (where + (" " + pages if pages else ""), f.get("summary")) if x and x.strip()))
        if rights:
            el(entry, "rights", rights.statement)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def robots_txt(config) -> str:
    """Everything may be crawled; the sitemap's absolute address (needs site_url)."""
    lines = ["User-agent: *", "Allow: /"]
    if config.get("site_url"):
        lines.append(f"Sitemap: {config['site_url']}sitemap.xml")
    return "\n".join(lines) + "\n"
