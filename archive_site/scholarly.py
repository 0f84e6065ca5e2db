"""MkDocs hooks: what indexers and citation managers read.

Per article page (`kind: article`), from its front matter via one CSL-JSON record
(archive_site/csl.py):
- page.meta["scholarly"]: the CSL record, the rendered citations (citeproc-py,
  styles from `extra.scholarly.citation_styles` in mkdocs.yml, each style parsed
  once per build), the download links and the schema.org JSON-LD; the theme
  (partials/scholarly-head.html, partials/how-to-cite.html) prints them.
- next to the page: <name>.ris, <name>.bib, <name>.json (CSL-JSON).
Issue pages (`kind: issue`) get PublicationIssue JSON-LD.
Whole site:
- feed.xml: Atom feed of the issues, newest first, each entry listing its articles;
  every page head links it (<link rel="alternate">).
- archive.jsonl: one article per line (front matter + URL + CSL-JSON) for harvesters.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

from mkdocs.utils import get_relative_url

from generator import layout

from .csl import CitationRenderer, csl_record, date_parts, language, to_bibtex, to_ris

FEED = "feed.xml"
DUMP = "archive.jsonl"

DEFAULT_STYLES = [
    {"key": "gbt7714", "label": "GB/T 7714-2015", "csl": "china-national-standard-gb-t-7714-2015-numeric"},
    {"key": "apa", "label": "APA", "csl": "apa"},
]

_state: dict = {}
# module level: styles stay parsed across `mkdocs serve` rebuilds; renderings are
# cached in .cache/citations.json (extra.scholarly.cache: a path, or false for none)
_renderer = CitationRenderer()


def _settings(config) -> dict:
    return (config.get("extra") or {}).get("scholarly") or {}


def on_config(config):
    styles = _settings(config).get("citation_styles") or DEFAULT_STYLES
    cache = _settings(config).get("cache", ".cache/citations.json")
    root = Path(config.config_file_path or ".").resolve().parent  # style and cache paths are relative to mkdocs.yml
    _renderer.base = root
    _renderer.cache_path = (root / cache) if cache else None
    _renderer.load()
    for s in styles:
        _renderer.style_id(s["csl"])  # fail early on a missing style; parsed only on a cache miss
    _state.clear()
    _state.update(styles=styles, files=None, articles={}, issues={})
    return config


def on_files(files, config):
    _state["files"] = files
    return files


def _page(src_uri):
    files = _state.get("files")
    f = files.get_file_from_path(src_uri) if files is not None and src_uri else None
    return f.page if f is not None else None


def _json_script(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _periodical(m: dict) -> dict:
    p = {"@type": "Periodical", "name": m.get("journal")}
    if m.get("issn"):
        p["issn"] = m["issn"]
    return p


def _issue_ld(m: dict, url: str | None) -> dict:
    ld = {"@type": "PublicationIssue", "issueNumber": m.get("issue")}
    if m.get("published"):
        ld["datePublished"] = str(m["published"])
    elif m.get("year"):
        ld["datePublished"] = str(m["year"])
    if url:
        ld["url"] = url
    ld["isPartOf"] = _periodical(m)
    return ld


def _person(a: dict) -> dict:
    p = {"@type": "Person", "name": a["name"]}
    if a.get("name_en"):
        p["alternateName"] = a["name_en"]
    if a.get("affiliation"):
        p["affiliation"] = {"@type": "Organization", "name": a["affiliation"]}
    return p


def _article_ld(m: dict, url: str | None, issue_url: str | None) -> dict:
    ld = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": m["title"], "name": m["title"]}
    if m.get("title_en"):
        ld["alternativeHeadline"] = m["title_en"]
    ld["inLanguage"] = language(m)
    if url:
        ld["url"] = url
        ld["mainEntityOfPage"] = url
    authors = [_person(a) for a in m.get("authors") or [] if a.get("name")]
    if authors:
        ld["author"] = authors
    parts = date_parts(m)
    if parts:
        ld["datePublished"] = "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
    if m.get("first_page"):
        ld["pageStart"] = m["first_page"]
    if m.get("last_page"):
        ld["pageEnd"] = m["last_page"]
    if m.get("abstract"):
        ld["abstract"] = m["abstract"]
        ld["description"] = m["abstract"]
    if m.get("keywords"):
        ld["keywords"] = list(m["keywords"])
    if m.get("section"):
        ld["articleSection"] = m["section"]
    if m.get("article_no"):
        ld["identifier"] = m["article_no"]
    if m.get("journal"):
        ld["isPartOf"] = _issue_ld(m, issue_url) if m.get("issue") is not None else _periodical(m)
    return ld


def on_page_markdown(markdown, page, config, files):
    m = page.meta
    kind = m.get("kind")
    src = page.file.src_uri
    if kind == "article" and m.get("title"):
        front = {k: v for k, v in m.items() if k not in ("template", "hide")}
        ident = layout.ident_of(src)
        issue = _page(layout.issue_page(layout.folder_of(src)))
        issue_url = issue.canonical_url if issue is not None and issue.meta.get("kind") == "issue" else None
        rec = csl_record(m, id=ident, url=page.canonical_url)
        cites = [
            {"key": s["key"], "label": s["label"], "csl": s["csl"],
             "text": _renderer.render(rec, s["csl"]), "html": _renderer.render(rec, s["csl"], html=True)}
            for s in _state["styles"]
        ]
        downloads = [
            {"label": "RIS", "ext": "ris", "type": "application/x-research-info-systems", "href": ident + ".ris"},
            {"label": "BibTeX", "ext": "bib", "type": "application/x-bibtex", "href": ident + ".bib"},
            {"label": "CSL-JSON", "ext": "json", "type": "application/vnd.citationstyles.csl+json", "href": ident + ".json"},
        ]
        m["scholarly"] = {
            "csl": rec, "citations": cites, "downloads": downloads,
            "jsonld": _json_script(_article_ld(m, page.canonical_url, issue_url)),
            "date": "/".join(str(p) for p in (date_parts(m) or [])),
            "url": page.canonical_url,
        }
        _state["articles"][src] = {"front": front, "csl": rec, "url": page.canonical_url, "issue_url": issue_url}
    elif kind == "issue":
        ld = {"@context": "https://schema.org", **_issue_ld(m, page.canonical_url), "name": m.get("title")}
        parts = []
        for s in m.get("sections") or []:
            for a in s.get("articles") or []:
                art = {"@type": "ScholarlyArticle", "headline": a.get("title")}
                if a.get("url") and page.canonical_url:
                    art["url"] = page.canonical_url + a["url"]
                if a.get("authors"):
                    art["author"] = [{"@type": "Person", "name": n} for n in a["authors"]]
                if a.get("first_page"):
                    art["pageStart"] = a["first_page"]
                parts.append(art)
        if parts:
            ld["hasPart"] = parts
        m["scholarly"] = {"jsonld": _json_script(ld), "url": page.canonical_url}
        _state["issues"][src] = {"meta": dict(m), "url": page.canonical_url, "page_url": page.url}
    return markdown


def _alternate_link(href: str, config) -> str:
    title = f"{config['site_name']} · 各期更新"
    # rel="alternate " (the same link type: rel is a space-separated list) because Material's
    # JS fetches sitemap.xml next to every link[rel=alternate] (an exact-value selector)
    return f'<link rel="alternate " type="application/atom+xml" title="{title}" href="{href}">'


def on_post_page(output, page, config):
    link = _alternate_link(get_relative_url(FEED, page.url) if page.url else FEED, config)
    return output.replace("</head>", link + "\n</head>", 1)


def on_post_template(output, template_name, config):
    if template_name == "404.html" and "</head>" in output:
        href = (config.get("site_url") or "/") + FEED
        return output.replace("</head>", _alternate_link(href, config) + "\n</head>", 1)
    return output


# --- feed and dump ---------------------------------------------------------------


def _issue_date(m: dict) -> date:
    try:
        return date.fromisoformat(str(m.get("published")))
    except ValueError:
        return date(int(m.get("year") or 1970), 1, 1)


def _atom_time(d: date) -> str:
    return datetime(d.year, d.month, d.day, tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _feed(config) -> bytes:
    site_url = config.get("site_url") or ""
    A = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", A)

    def el(parent, tag, text=None, **attrs):
        e = ET.SubElement(parent, f"{{{A}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
        if text is not None:
            e.text = text
        return e

    # issues: the issue pages, plus article groups whose issue has no page
    issues = []
    for src, info in _state["issues"].items():
        m = info["meta"]
        folder = layout.folder_of(src)
        arts = [a for s, a in sorted(_state["articles"].items()) if layout.folder_of(s) == folder]
        arts.sort(key=lambda a: (a["front"].get("first_page") or 0))
        url = info["url"] or site_url + info["page_url"]
        issues.append((m, url, url, arts))
    covered = {layout.folder_of(s) for s in _state["issues"]}
    groups: dict[str, list] = {}
    for s, a in sorted(_state["articles"].items()):
        if layout.folder_of(s) not in covered and a["front"].get("journal"):
            groups.setdefault(layout.folder_of(s), []).append(a)
    for folder, arts in groups.items():
        f = arts[0]["front"]
        m = {k: f.get(k) for k in ("journal", "year", "issue", "published", "issn")}
        m["title"] = f"{f.get('journal')} {layout.issue_label(f.get('year'), f.get('issue'))}"
        arts.sort(key=lambda a: (a["front"].get("first_page") or 0))
        # no issue page: the entry links the journal's archive page (or the first article)
        journal = _page(layout.journal_page(layout.journal_of(folder)))
        link = journal.canonical_url if journal is not None and journal.canonical_url else arts[0]["url"]
        issues.append((m, f"urn:journal-archive:issue:{folder}", link, arts))
    issues.sort(key=lambda t: (_issue_date(t[0]), t[0].get("year") or 0, t[0].get("issue") or 0), reverse=True)

    feed = ET.Element(f"{{{A}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    el(feed, "title", config["site_name"])
    if config.get("site_description"):
        el(feed, "subtitle", config["site_description"])
    el(feed, "id", site_url or "urn:journal-archive")
    el(feed, "link", rel="self", type="application/atom+xml", href=site_url + FEED)
    el(feed, "link", rel="alternate", type="text/html", href=site_url)
    el(feed, "updated", _atom_time(_issue_date(issues[0][0])) if issues else _atom_time(date(1970, 1, 1)))
    author = el(feed, "author")
    el(author, "name", config["site_name"])
    for m, ident, url, arts in issues:
        entry = el(feed, "entry")
        el(entry, "title", m.get("title") or f"{m.get('journal')} {layout.issue_label(m.get('year'), m.get('issue'))}")
        el(entry, "id", ident)
        el(entry, "link", rel="alternate", type="text/html", href=url)
        for a in arts:
            el(entry, "link", rel="related", type="text/html", href=a["url"], title=a["front"]["title"])
        t = _atom_time(_issue_date(m))
        el(entry, "published", t)
        el(entry, "updated", t)
        if m.get("journal"):
            el(entry, "category", term=m["journal"])
        summary = "；".join(a["front"]["title"] for a in arts)
        el(entry, "summary", f"本期 {len(arts)} 篇文章：{summary}" if arts else "")
        items = []
        for a in arts:
            f = a["front"]
            names = "，".join(x["name"] for x in f.get("authors") or [] if x.get("name"))
            pages = " " + layout.pages_label(f["first_page"], f["last_page"]) if f.get("first_page") and f.get("last_page") else ""
            items.append(f'<li><a href="{_esc(a["url"])}">{_esc(f["title"])}</a>{(" / " + _esc(names)) if names else ""}{_esc(pages)}</li>')
        el(entry, "content", f"<ol>{''.join(items)}</ol>", type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def _esc(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def on_post_build(config):
    site = Path(config["site_dir"])
    lines = []
    for src, a in sorted(_state.get("articles", {}).items()):
        rec = a["csl"]
        base = site / rec["id"]
        base.parent.mkdir(parents=True, exist_ok=True)
        base.with_name(base.name + ".ris").write_text(to_ris(rec), encoding="utf-8")
        base.with_name(base.name + ".bib").write_text(to_bibtex(rec), encoding="utf-8")
        base.with_name(base.name + ".json").write_text(json.dumps([rec], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        row = {"id": rec["id"], "url": a["url"], "issue_url": a["issue_url"], **_plain(a["front"]), "csl": rec}
        lines.append(json.dumps(row, ensure_ascii=False))
    (site / DUMP).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (site / FEED).write_bytes(_feed(config))
    _renderer.save()
