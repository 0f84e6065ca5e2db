"""MkDocs hooks: what indexers, citation managers and libraries read.

Per article page (`kind: article`) and document page (`kind: document`), from its
front matter via one CSL-JSON record (archive_site/cite/csl.py):
- page.meta["scholarly"]: the CSL record, the rendered citations (citeproc-py,
  styles from `extra.scholarly.citation_styles` in mkdocs.yml), the download links
  and the schema.org JSON-LD; the theme (partials/scholarly-head.html,
  partials/how-to-cite.html) prints them. page.meta["description"]: the abstract's opening (summary()).
- next to the page: <name>.ris, <name>.bib, <name>.json (CSL-JSON) and, for an
  article, <name>.xml (JATS 1.3, archive_site/scholarly/jats.py); with `extra.scholarly.jats: gzip`
  <name>.xml.gz instead (the JATS repeats the full text: a third of a large site uncompressed).
- the notes get a heading (注释).
Issue pages (`kind: issue`) get PublicationIssue JSON-LD. Every page's sitemap
lastmod is when its Markdown last changed (archive_site/scholarly/feed.py).
Whole site: feed.xml (Atom, one entry per article), robots.txt, archive.jsonl.gz (one
article per line: front matter, URL, CSL-JSON; prev/next as URLs).
The doors for libraries and indexers (issue 23): the licence (extra.scholarly.rights: page
footer, rel=license, JSON-LD, JATS, OAI, BibTeX; unset: a warning on stderr), FAIR
signposting links (signpost.py), DOIs with a Crossref prefix (doi.py; the deposit per issue,
crossref.py), DOAJ's article XML per issue (doaj.py), and the OAI-PMH Static Repository per
journal (oai.py), from the records spooled as pages are read (harvest.py).

Settings: extra.scholarly (archive_site/config.py ScholarlyConfig), checked in on_config.
The state of a build is one object, `hooks` (a Scholarly); the module's on_* names are
its methods, which hooks/scholarly.py hands to MkDocs.
"""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path

from markupsafe import escape
from mkdocs.utils import get_relative_url

from generator import layout

from ..cite.affiliation import institutions
from ..cite.csl import csl_record, date_parts, locale_of, online, printed, reference_items
from ..cite.exports import to_bibtex, to_ris
from ..cite.render import CitationRenderer
from .. import incremental
from ..pages import deps
from ..config import JATS_FORMS, ScholarlyConfig, section, source_url
from . import feed as feeds
from .doi import doi_of
from .dump import DUMP, Dump, in_page_order
from .doors import write_doors
from .harvest import Harvest, record
from .jats import article_xml
from .linked_data import Facts, issue_page_ld, json_script, summary, work_ld
from .rights import Rights, warn_unset
from .signpost import signposts
from ..preview import deferred

NOTES_HEADING = '<h2 class="ja-notes-title" id="notes">注释</h2>\n'
_FEED_KEYS = ("title", "journal", "year", "issue", "published", "first_page", "last_page")


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def _alternate_link(href: str, config) -> str:
    title = f"{config['site_name']} · 各期更新"
    # rel="alternate " (the same link type: rel is a space-separated list) because Material's
    # JS fetches sitemap.xml next to every link[rel=alternate] (an exact-value selector)
    return f'<link rel="alternate " type="application/atom+xml" title="{title}" href="{href}">'


class Scholarly:
    """A build's settings, its citation renderer, and what the feed and the dump gather."""

    def __init__(self):
        self.settings = section({}, "scholarly", ScholarlyConfig)
        # kept across `mkdocs serve` rebuilds: styles stay parsed; renderings are cached in
        # .cache/citations.json (extra.scholarly.cache: a path, or false for none)
        self.renderer = CitationRenderer()
        self.files = None
        self.articles: dict[str, dict] = {}
        self.changed: dict = {}
        self.docs = Path(".")
        self.dump = Dump()  # archive.jsonl.gz
        self.rights: Rights | None = None
        self.harvest = Harvest()
        self.deposits = Path("build/deposits")
        self.source_url = ""

    @property
    def authority(self) -> str | None:
        return self.settings.id_authority

    def jats_form(self) -> tuple[str, str]:
        return JATS_FORMS[self.settings.jats]

    def on_config(self, config):
        self.settings = section(config, "scholarly", ScholarlyConfig)
        root = Path(config.get("config_file_path") or ".").resolve().parent  # style and cache paths are relative to mkdocs.yml
        cache = ScholarlyConfig.cache.default if self.settings.cache is True else self.settings.cache
        self.renderer.base = root
        self.renderer.cache_path = (root / cache) if cache else None
        self.renderer.load()
        for s in self.settings.citation_styles:
            self.renderer.style_id(s.csl)  # fail early on a missing style; parsed only on a cache miss
        self.files, self.articles = None, {}
        self.dump.close()
        self.docs = Path(config["docs_dir"])
        self.changed = feeds.changed_dates(self.docs)
        incremental.hooks.date_of = lambda src: feeds.changed(self.changed, self.docs, src).isoformat()
        self.rights = Rights.of(self.settings.rights)
        if self.rights is None:
            warn_unset()
        self.deposits = root / self.settings.deposits
        self.source_url = source_url(config)
        self.harvest.close()
        return config

    def on_env(self, env, config, files):
        env.globals["archive_rights"] = self.rights  # the footer's licence line (theme/partials/copyright.html)
        return env

    def facts(self, config, doi: str | None = None) -> Facts:
        return Facts(config.get("site_url") or "", config["site_name"], self.settings.publisher, self.rights, doi)

    def on_files(self, files, config):
        self.files = files
        return files

    def _page(self, src_uri):
        f = self.files.get_file_from_path(src_uri) if self.files is not None and src_uri else None
        found = f.page if f is not None else None
        deps.page(src_uri, found)
        return found

    def _issue_url(self, src: str) -> str | None:
        """The issue's table of contents; without one, the journal's archive page that lists the issue."""
        issue = self._page(layout.issue_page(layout.folder_of(src)))
        if issue is not None and issue.meta.get("kind") == "issue":
            return issue.canonical_url
        journal = self._page(layout.journal_page(layout.journal_of(src)))
        return journal.canonical_url if journal is not None else None

    def _citations(self, rec: dict, m: dict, accessed: date) -> list[dict]:
        out = []
        for s in self.settings.citation_styles:
            if (s.form == "online" and not rec.get("URL")) or m.get("kind") not in s.kinds:
                continue
            forms = {"printed": printed, "online": lambda x: online(x, accessed),
                     "romanised": lambda x: self.renderer.romanised(x, m)}
            r = forms[s.form](rec)
            locale = locale_of(r)
            out.append({"key": s.key, "label": s.label, "csl": s.csl, "form": s.form, "locale": locale, "record": r,
                        "accessed": accessed.isoformat() if s.form == "online" else None,
                        "html": self.renderer.render(r, s.csl, html=True, locale=locale)})
        return out

    def downloads(self, ident: str, article: bool) -> list[dict]:
        name = ident.rsplit("/", 1)[-1]
        out = [
            {"label": "RIS", "ext": "ris", "type": "application/x-research-info-systems", "href": ident + ".ris"},
            {"label": "BibTeX", "ext": "bib", "type": "application/x-bibtex", "href": ident + ".bib"},
            {"label": "CSL-JSON", "ext": "json", "type": "application/vnd.citationstyles.csl+json", "href": ident + ".json"},
        ]
        if article:
            suffix, mime = self.jats_form()
            out.append({"label": "JATS XML", "ext": suffix[1:], "type": mime, "format": "jats", "href": ident + suffix,
                        "name": name})
        return out

    def _write_exports(self, config, kind: str, front: dict, rec: dict, url: str | None, issue_url: str | None,
                       src: str) -> None:
        """<name>.ris, .bib, .json next to the page and the article's line of archive.jsonl.gz,
        written as the page is read (MkDocs has cleaned site/ by then), so nothing of them is
        kept to the end of the build."""
        site = Path(config["site_dir"])
        base = site / rec["id"]
        base.parent.mkdir(parents=True, exist_ok=True)
        base.with_name(base.name + ".ris").write_text(to_ris(rec, front.get("keywords") or []), encoding="utf-8")
        base.with_name(base.name + ".bib").write_text(to_bibtex(rec, self.rights.statement if self.rights else None), encoding="utf-8")
        base.with_name(base.name + ".json").write_text(json.dumps([rec], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for ext in (".ris", ".bib", ".json"):
            incremental.hooks.add_output(src, rec["id"] + ext)
        if kind != "article":
            return
        row = _plain(front)
        row["prev"], row["next"] = self._neighbour_url(row.get("prev"), config), self._neighbour_url(row.get("next"), config)
        row["references"] = reference_items(front, rec["id"])  # CSL-JSON, each with its note and printed text
        self.dump.add(rec["id"], json.dumps({"id": rec["id"], "url": url, "issue_url": issue_url, **row, "csl": rec},
                                            ensure_ascii=False))

    @staticmethod
    def _neighbour_url(path: str | None, config) -> str | None:
        """A front-matter prev/next (a content path) -> the page's URL."""
        return (config.get("site_url") or "") + layout.url_of(path) if path else None

    def on_page_markdown(self, markdown, page, config, files):
        m = page.meta
        kind = m.get("kind")
        src = page.file.src_uri
        changed = feeds.changed(self.changed, self.docs, src)
        page.update_date = changed.isoformat()  # sitemap.xml lastmod: when this page's Markdown last changed
        if kind in ("article", "document") and m.get("title"):
            front = {k: v for k, v in m.items() if k not in ("template", "hide")}
            ident = layout.ident_of(src)
            issue_url = self._issue_url(src) if m.get("journal") else None
            doi = doi_of(m, src, self.settings.doi)
            rec = csl_record(m, id=ident, url=page.canonical_url, doi=doi)
            downloads = self.downloads(ident, kind == "article")
            m["scholarly"] = {
                "csl": rec, "citations": self._citations(rec, m, changed), "downloads": downloads, "doi": doi,
                "jsonld": json_script(work_ld(m, src, page.canonical_url, issue_url, self.authority, self.facts(config, doi))),
                "date": "/".join(str(p) for p in (date_parts(m) or [])),
                "url": page.canonical_url,
                "institutions": [institutions(a.get("affiliation")) for a in m.get("authors") or []],
                "signposts": signposts(m, url=page.canonical_url, doi=doi, downloads=downloads, site_url=config.get("site_url") or "",
                                       item_href=(self.source_url + src) if self.source_url else ident + ".md", rights=self.rights),
            }
            if m.get("abstract"):
                m["description"] = escape(summary(m["abstract"]))
            elif m.get("subtitle"):
                m["description"] = escape(f"{m['title']}：{m['subtitle']}")
            self._write_exports(config, kind, front, rec, page.canonical_url, issue_url, src)
            # what the feed needs at the end of the build (not the whole front matter: a large archive)
            self.articles[src] = {"front": {**{k: front.get(k) for k in _FEED_KEYS},
                                            "authors": [a["name"] for a in m.get("authors") or [] if a.get("name")],
                                            "summary": summary(m["abstract"]) if m.get("abstract") else None},
                                  "ident": ident, "url": page.canonical_url, "issue_url": issue_url, "doi": doi, "changed": changed}
            incremental.hooks.put(src, "feed", self.articles[src])
            if kind == "article" and m.get("journal"):
                # packed: the record as objects would keep the parsed references to the build's end
                incremental.hooks.put(src, "harvest", self.harvest.add(record(m, src, page.canonical_url, doi, changed)))
        elif kind == "issue":
            ld = issue_page_ld(m, layout.folder_of(src), page.canonical_url, self.authority, self.facts(config))
            m["scholarly"] = {"jsonld": json_script(ld), "url": page.canonical_url}
        return markdown

    def on_page_content(self, html, page, config, files):
        m = page.meta
        if m.get("kind") not in ("article", "document") or "scholarly" not in m:
            return html
        if m.get("kind") == "article":
            ident = layout.ident_of(page.file.src_uri)
            suffix, _mime = self.jats_form()
            target = Path(config["site_dir"]) / (ident + suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = article_xml(m, html, page.canonical_url, ident, m["scholarly"].get("doi"), self.rights)
            target.write_bytes(gzip.compress(data, 9, mtime=0) if suffix.endswith(".gz") else data)
            incremental.hooks.add_output(page.file.src_uri, ident + suffix)
        return html.replace('<div class="footnote"', NOTES_HEADING + '<div class="footnote"', 1)  # (typeset.py gives it an id)

    def on_post_page(self, output, page, config):
        link = _alternate_link(get_relative_url(feeds.FEED, page.url) if page.url else feeds.FEED, config)
        return output.replace("</head>", link + "\n</head>", 1)

    def on_post_template(self, output, template_name, config):
        if template_name == "404.html" and "</head>" in output:
            href = (config.get("site_url") or "/") + feeds.FEED
            return output.replace("</head>", _alternate_link(href, config) + "\n</head>", 1)
        return output

    def on_build_error(self, error):
        self.dump.close()
        self.harvest.close()

    def on_post_build(self, config):
        deferred.do(self._write_site_files, config)  # make serve: after the pages are shown

    def _write_site_files(self, config):
        site = Path(config["site_dir"])
        for f in self.files.documentation_pages():  # the records of the pages an incremental build kept
            if f.src_uri not in self.articles and incremental.hooks.skipped(f.src_uri):
                harvested = incremental.hooks.get(f.src_uri, "harvest")
                if harvested is not None:
                    self.harvest.add_packed(layout.journal_of(f.src_uri), harvested)
        self.articles = in_page_order(self.files, self.articles)
        self.dump.write(site / DUMP, self.files)
        (site / feeds.FEED).write_bytes(feeds.feed_xml(config, list(self.articles.values()), self.authority, self.rights))
        (site / "robots.txt").write_text(feeds.robots_txt(config), encoding="utf-8")
        try:
            write_doors(site, config, self.harvest, self.settings, self.rights, self.deposits)
        finally:
            self.harvest.close()
        self.renderer.save()


hooks = Scholarly()
on_config, on_files, on_env = hooks.on_config, hooks.on_files, hooks.on_env
on_page_markdown, on_page_content = hooks.on_page_markdown, hooks.on_page_content
on_post_page, on_post_template, on_build_error, on_post_build = (hooks.on_post_page, hooks.on_post_template,
                                                                 hooks.on_build_error, hooks.on_post_build)
