"""What the site says about itself to harvesters: the Atom feed of the issues, the
date each page last changed (sitemap.xml lastmod), robots.txt.

- Ids are permanent `tag:` URIs (RFC 4151) built from `extra.scholarly.id_authority`
  ("<domain or e-mail>,<year>"), never from `site_url`: they stay the same when the
  site moves (RFC 4287 §4.2.6). tag:example.github.io,2025:gjwtyj/2025/06 is issue
  6 of 2025 of 国际问题研究, with or without an issue page.
- No date is made up: an issue printed with a year only has no <published>; an
  entry's <updated> is when its pages last changed in the archive.
- `changed_dates(docs_dir)`: content path -> date of the last git commit that
  changed it (the file's mtime when it has uncommitted changes or git is absent).
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

from generator import layout

FEED = "feed.xml"
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


def _esc(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _entry_html(arts: list[dict]) -> str:
    items = []
    for a in arts:
        f = a["front"]
        names = "，".join(x["name"] for x in f.get("authors") or [] if x.get("name"))
        pages = " " + layout.pages_label(f["first_page"], f["last_page"]) if f.get("first_page") and f.get("last_page") else ""
        items.append(f'<li><a href="{_esc(a["url"])}">{_esc(f["title"])}</a>{(" / " + _esc(names)) if names else ""}{_esc(pages)}</li>')
    return f"<ol>{''.join(items)}</ol>"


def feed_xml(config, issues: list[dict], authority: str | None) -> bytes:
    """`issues`: dicts with meta (journal, year, issue, published, title), folder, url,
    updated (date) and arts (article records: front, url), in any order."""
    site_url = config.get("site_url") or ""
    ET.register_namespace("", ATOM)

    def el(parent, tag, text=None, **attrs):
        e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
        if text is not None:
            e.text = text
        return e

    issues = sorted(issues, key=lambda i: (int(i["meta"].get("year") or 0), int(i["meta"].get("issue") or 0),
                                           printed_date(i["meta"]) or date.min), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    el(feed, "title", config["site_name"])
    if config.get("site_description"):
        el(feed, "subtitle", config["site_description"])
    el(feed, "id", tag_uri(authority, "feed"))
    el(feed, "link", rel="self", type="application/atom+xml", href=site_url + FEED)
    el(feed, "link", rel="alternate", type="text/html", href=site_url)
    el(feed, "updated", _time(max((i["updated"] for i in issues), default=date(1970, 1, 1))))
    el(el(feed, "author"), "name", config["site_name"])
    for i in issues:
        m, arts = i["meta"], i["arts"]
        entry = el(feed, "entry")
        el(entry, "title", m.get("title") or f"{m.get('journal')} {layout.issue_label(m.get('year'), m.get('issue'))}")
        el(entry, "id", tag_uri(authority, i["folder"]))
        el(entry, "link", rel="alternate", type="text/html", href=i["url"])
        for a in arts:
            el(entry, "link", rel="related", type="text/html", href=a["url"], title=a["front"]["title"])
        if printed_date(m):
            el(entry, "published", _time(printed_date(m)))
        el(entry, "updated", _time(i["updated"]))
        if m.get("journal"):
            el(entry, "category", term=m["journal"])
        titles = "；".join(a["front"]["title"] for a in arts)
        label = layout.issue_label(m.get("year"), m.get("issue"))
        el(entry, "summary", f"{label}，本期 {len(arts)} 篇文章：{titles}" if arts else label)
        el(entry, "content", _entry_html(arts), type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def robots_txt(config) -> str:
    """Everything may be crawled; the sitemap's absolute address (needs site_url)."""
    lines = ["User-agent: *", "Allow: /"]
    if config.get("site_url"):
        lines.append(f"Sitemap: {config['site_url']}sitemap.xml")
    return "\n".join(lines) + "\n"
