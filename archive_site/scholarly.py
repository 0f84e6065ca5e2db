"""MkDocs hooks: what indexers, citation managers and libraries read.

Per article page (`kind: article`) and document page (`kind: document`), from its
front matter via one CSL-JSON record (archive_site/csl.py):
- page.meta["scholarly"]: the CSL record, the rendered citations (citeproc-py,
  styles from `extra.scholarly.citation_styles` in mkdocs.yml), the download links
  and the schema.org JSON-LD; the theme (partials/scholarly-head.html,
  partials/how-to-cite.html) prints them. page.meta["description"]: the abstract's opening (summary()).
- next to the page: <name>.ris, <name>.bib, <name>.json (CSL-JSON) and, for an
  article, <name>.xml (JATS 1.3, archive_site/jats.py); with `extra.scholarly.jats: gzip`
  <name>.xml.gz instead (the JATS repeats the full text: a third of a large site uncompressed).
- the notes get a heading (注释).
Issue pages (`kind: issue`) get PublicationIssue JSON-LD. Every page's sitemap
lastmod is when its Markdown last changed (archive_site/feed.py).
Whole site: feed.xml (Atom), robots.txt, archive.jsonl.gz (one article per line:
front matter, URL, CSL-JSON; prev/next as URLs).
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import date, datetime
from pathlib import Path

from markupsafe import escape
from mkdocs.utils import get_relative_url

from generator import layout

from . import feed as feeds
from .affiliation import institutions
from .affiliation import parse as parse_bio
from .csl import CitationRenderer, csl_record, date_parts, iso_date, issn_of, language, locale_of, online, printed
from .exports import to_bibtex, to_ris
from .jats import article_xml

DUMP = "archive.jsonl.gz"  # a bulk dump, compressed as such dumps are
# extra.scholarly.jats: how each article's JATS file is shipped (suffix, MIME type)
JATS_FORMS = {"xml": (".xml", "application/jats+xml"), "gzip": (".xml.gz", "application/gzip")}
NOTES_HEADING = '<h2 class="ja-notes-title" id="notes">注释</h2>\n'

DEFAULT_STYLES = [
    {"key": "gbt7714", "label": "GB/T 7714-2015", "csl": "archive_site/styles/gb-t-7714-2015-printed.csl"},
    {"key": "apa", "label": "APA 7", "csl": "apa", "form": "romanised", "kinds": ["article"]},
]

_state: dict = {}
# module level: styles stay parsed across `mkdocs serve` rebuilds; renderings are
# cached in .cache/citations.json (extra.scholarly.cache: a path, or false for none)
_renderer = CitationRenderer()


def _settings(config) -> dict:
    return (config.get("extra") or {}).get("scholarly") or {}


def on_config(config):
    settings = _settings(config)
    jats = str(settings.get("jats", "xml"))
    if jats not in JATS_FORMS:
        raise ValueError(f"extra.scholarly.jats: {jats!r} is not one of {', '.join(JATS_FORMS)}")
    styles = settings.get("citation_styles") or DEFAULT_STYLES
    cache = settings.get("cache", ".cache/citations.json")
    root = Path(config.config_file_path or ".").resolve().parent  # style and cache paths are relative to mkdocs.yml
    _renderer.base = root
    _renderer.cache_path = (root / cache) if cache else None
    _renderer.load()
    for s in styles:
        _renderer.style_id(s["csl"])  # fail early on a missing style; parsed only on a cache miss
    _state.clear()
    _state.update(styles=styles, authority=settings.get("id_authority"), files=None, articles={}, issues={}, jats=jats,
                  changed=feeds.changed_dates(Path(config["docs_dir"])), docs=Path(config["docs_dir"]))
    return config


def on_files(files, config):
    _state["files"] = files
    return files


def _page(src_uri):
    files = _state.get("files")
    f = files.get_file_from_path(src_uri) if files is not None and src_uri else None
    return f.page if f is not None else None


# JSON inside <script>: no '<', '>' or '&' may reach the HTML parser ('</script>', '<!--'
# would end or change the script); JSON reads the \u escapes back as the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_script(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


SUMMARY_CHARS = 120
_SENTENCE_END = "。！？；.!?;"


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The page's description (meta description, og:description): the abstract's opening
    sentences up to `limit` characters, what a results page or a link preview shows; the
    whole abstract is in citation_abstract and on the page."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(c) for c in _SENTENCE_END)
    return head[: cut + 1] if cut >= limit // 2 else head.rstrip() + "…"


def _periodical(m: dict) -> dict:
    p = {"@type": "Periodical", "name": m.get("journal")}
    if issn_of(m):
        p["issn"] = issn_of(m)
    return p


def _issue_ld(m: dict, folder: str, url: str | None) -> dict:
    ld = {"@type": "PublicationIssue", "@id": feeds.tag_uri(_state.get("authority"), folder), "issueNumber": m.get("issue")}
    when = iso_date(date_parts(m))
    if when:
        ld["datePublished"] = when
    if url:
        ld["url"] = url
    ld["isPartOf"] = _periodical(m)
    return ld


def _person(a: dict) -> dict:
    p = {"@type": "Person", "name": a["name"]}
    if a.get("name_en"):
        p["alternateName"] = a["name_en"]
    bio = parse_bio(a.get("affiliation"))
    if bio:
        p["affiliation"] = [{"@type": "Organization", "name": inst} for inst in dict.fromkeys(i for i, _ in bio)]
        roles = [r for _, r in bio if r]
        if roles:
            p["jobTitle"] = "，".join(roles)
        p["description"] = a["affiliation"]  # the bio as printed
    return p


def _work_ld(m: dict, src: str, url: str | None, issue_url: str | None) -> dict:
    article = m.get("kind") == "article"
    ld = {"@context": "https://schema.org", "@type": "ScholarlyArticle" if article else "CreativeWork",
          "@id": feeds.tag_uri(_state.get("authority"), layout.ident_of(src)), "headline": m["title"], "name": m["title"]}
    if m.get("title_en") or m.get("subtitle"):
        ld["alternativeHeadline"] = m.get("title_en") or m["subtitle"]
    ld["inLanguage"] = language(m)
    if url:
        ld["url"] = url
        ld["mainEntityOfPage"] = url
    authors = [_person(a) for a in m.get("authors") or [] if a.get("name")]
    if authors:
        ld["author"] = authors
    if iso_date(date_parts(m)):
        ld["datePublished"] = iso_date(date_parts(m))
    for key, field in (("first_page", "pageStart"), ("last_page", "pageEnd"), ("section", "articleSection"), ("article_no", "identifier")):
        if m.get(key):
            ld[field] = m[key]
    # no "abstract": the head's citation_abstract and the page already carry it (and a
    # large archive pays for every copy)
    if m.get("keywords"):
        ld["keywords"] = list(m["keywords"])
    if m.get("journal"):
        ld["isPartOf"] = _issue_ld(m, layout.folder_of(src), issue_url) if m.get("issue") is not None else _periodical(m)
    return ld


def _issue_url(src: str) -> str | None:
    """The issue's table of contents; without one, the journal's archive page that lists the issue."""
    issue = _page(layout.issue_page(layout.folder_of(src)))
    if issue is not None and issue.meta.get("kind") == "issue":
        return issue.canonical_url
    journal = _page(layout.journal_page(layout.journal_of(src)))
    return journal.canonical_url if journal is not None else None


def _citations(rec: dict, m: dict, accessed: date) -> list[dict]:
    out = []
    for s in _state["styles"]:
        form = s.get("form", "printed")
        if (form == "online" and not rec.get("URL")) or m.get("kind") not in s.get("kinds", ["article", "document"]):
            continue
        r = {"printed": printed, "online": lambda x: online(x, accessed), "romanised": lambda x: _renderer.romanised(x, m)}[form](rec)
        locale = locale_of(r)
        out.append({"key": s["key"], "label": s["label"], "csl": s["csl"], "form": form, "locale": locale, "record": r,
                    "accessed": accessed.isoformat() if form == "online" else None,
                    "html": _renderer.render(r, s["csl"], html=True, locale=locale)})
    return out


def _jats_form() -> tuple[str, str]:
    return JATS_FORMS[_state.get("jats", "xml")]


def _downloads(ident: str, article: bool) -> list[dict]:
    name = ident.rsplit("/", 1)[-1]
    out = [
        {"label": "RIS", "ext": "ris", "type": "application/x-research-info-systems", "href": ident + ".ris"},
        {"label": "BibTeX", "ext": "bib", "type": "application/x-bibtex", "href": ident + ".bib"},
        {"label": "CSL-JSON", "ext": "json", "type": "application/vnd.citationstyles.csl+json", "href": ident + ".json"},
    ]
    if article:
        suffix, mime = _jats_form()
        out.append({"label": "JATS XML", "ext": suffix[1:], "type": mime, "format": "jats", "href": ident + suffix, "name": name})
    return out


_FEED_KEYS = ("title", "journal", "year", "issue", "published", "first_page")


def _write_exports(config, kind: str, front: dict, rec: dict, url: str | None, issue_url: str | None) -> None:
    """<name>.ris, .bib, .json next to the page and the article's line of archive.jsonl.gz,
    written as the page is read (MkDocs has cleaned site/ by then), so nothing of them is
    kept to the end of the build."""
    site = Path(config["site_dir"])
    base = site / rec["id"]
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_name(base.name + ".ris").write_text(to_ris(rec, front.get("title_en")), encoding="utf-8")
    base.with_name(base.name + ".bib").write_text(to_bibtex(rec), encoding="utf-8")
    base.with_name(base.name + ".json").write_text(json.dumps([rec], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if kind != "article":
        return
    row = _plain(front)
    row["prev"], row["next"] = _neighbour_url(row.get("prev"), config), _neighbour_url(row.get("next"), config)
    if _state.get("dump") is None:
        raw = gzip.GzipFile(site / DUMP, "wb", compresslevel=6, mtime=0)  # the same bytes for the same archive
        _state["dump"] = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    _state["dump"].write(json.dumps({"id": rec["id"], "url": url, "issue_url": issue_url, **row, "csl": rec},
                                    ensure_ascii=False) + "\n")


def _close_dump() -> bool:
    """Close archive.jsonl.gz if an article opened it; whether one did."""
    dump = _state.pop("dump", None)
    if dump is not None:
        dump.close()
    return dump is not None


def on_page_markdown(markdown, page, config, files):
    m = page.meta
    kind = m.get("kind")
    src = page.file.src_uri
    changed = feeds.changed(_state["changed"], _state["docs"], src)
    page.update_date = changed.isoformat()  # sitemap.xml lastmod: when this page's Markdown last changed
    if kind in ("article", "document") and m.get("title"):
        front = {k: v for k, v in m.items() if k not in ("template", "hide")}
        ident = layout.ident_of(src)
        issue_url = _issue_url(src) if m.get("journal") else None
        rec = csl_record(m, id=ident, url=page.canonical_url)
        m["scholarly"] = {
            "csl": rec, "citations": _citations(rec, m, changed), "downloads": _downloads(ident, kind == "article"),
            "jsonld": _json_script(_work_ld(m, src, page.canonical_url, issue_url)),
            "date": "/".join(str(p) for p in (date_parts(m) or [])),
            "url": page.canonical_url,
            "institutions": [institutions(a.get("affiliation")) for a in m.get("authors") or []],
        }
        if m.get("abstract"):
            m["description"] = escape(summary(m["abstract"]))
        elif m.get("subtitle"):
            m["description"] = escape(f"{m['title']}：{m['subtitle']}")
        _write_exports(config, kind, front, rec, page.canonical_url, issue_url)
        # what the feed needs at the end of the build (not the whole front matter: a large archive)
        _state["articles"][src] = {"front": {k: front.get(k) for k in _FEED_KEYS}, "url": page.canonical_url,
                                   "issue_url": issue_url, "kind": kind, "changed": changed}
    elif kind == "issue":
        folder = layout.folder_of(src)
        ld = {"@context": "https://schema.org", **_issue_ld(m, folder, page.canonical_url), "name": m.get("title")}
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
        _state["issues"][src] = {"meta": dict(m), "url": page.canonical_url, "page_url": page.url, "changed": changed}
    return markdown


def on_page_content(html, page, config, files):
    m = page.meta
    if m.get("kind") not in ("article", "document") or "scholarly" not in m:
        return html
    if m.get("kind") == "article":
        ident = layout.ident_of(page.file.src_uri)
        suffix, _mime = _jats_form()
        target = Path(config["site_dir"]) / (ident + suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = article_xml(m, html, page.canonical_url, ident)
        target.write_bytes(gzip.compress(data, 9, mtime=0) if suffix.endswith(".gz") else data)
    return html.replace('<div class="footnote"', NOTES_HEADING + '<div class="footnote"', 1)  # (typeset.py gives it an id)


def _alternate_link(href: str, config) -> str:
    title = f"{config['site_name']} · 各期更新"
    # rel="alternate " (the same link type: rel is a space-separated list) because Material's
    # JS fetches sitemap.xml next to every link[rel=alternate] (an exact-value selector)
    return f'<link rel="alternate " type="application/atom+xml" title="{title}" href="{href}">'


def on_post_page(output, page, config):
    link = _alternate_link(get_relative_url(feeds.FEED, page.url) if page.url else feeds.FEED, config)
    return output.replace("</head>", link + "\n</head>", 1)


def on_post_template(output, template_name, config):
    if template_name == "404.html" and "</head>" in output:
        href = (config.get("site_url") or "/") + feeds.FEED
        return output.replace("</head>", _alternate_link(href, config) + "\n</head>", 1)
    return output


# --- whole site --------------------------------------------------------------------


def _issues(config) -> list[dict]:
    """Every issue: the issue pages, plus article groups whose issue has no page."""
    site_url = config.get("site_url") or ""
    arts_of: dict[str, list] = {}
    for s, a in sorted(_state["articles"].items()):
        if a["kind"] == "article" and a["front"].get("journal"):
            arts_of.setdefault(layout.folder_of(s), []).append(a)
    out = []
    for src, info in _state["issues"].items():
        folder = layout.folder_of(src)
        arts = sorted(arts_of.pop(folder, []), key=lambda a: a["front"].get("first_page") or 0)
        out.append({"meta": info["meta"], "folder": folder, "url": info["url"] or site_url + info["page_url"], "arts": arts,
                    "updated": max([info["changed"], *(a["changed"] for a in arts)])})
    for folder, arts in arts_of.items():
        f = arts[0]["front"]
        m = {k: f.get(k) for k in ("journal", "year", "issue", "published")}
        m["title"] = f"{f.get('journal')} {layout.issue_label(f.get('year'), f.get('issue'))}"
        arts.sort(key=lambda a: a["front"].get("first_page") or 0)
        out.append({"meta": m, "folder": folder, "url": arts[0]["issue_url"] or arts[0]["url"], "arts": arts,
                    "updated": max(a["changed"] for a in arts)})
    return out


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def _neighbour_url(path: str | None, config) -> str | None:
    """A front-matter prev/next (a content path) -> the page's URL."""
    return (config.get("site_url") or "") + layout.url_of(path) if path else None


def on_build_error(error):
    _close_dump()


def on_post_build(config):
    site = Path(config["site_dir"])
    if not _close_dump():  # no article: an empty dump
        (site / DUMP).write_bytes(gzip.compress(b"", 6, mtime=0))
    (site / feeds.FEED).write_bytes(feeds.feed_xml(config, _issues(config), _state.get("authority")))
    (site / "robots.txt").write_text(feeds.robots_txt(config), encoding="utf-8")
    _renderer.save()
