"""DOAJ's article XML (doajArticles.xsd 1.3) for each issue: `<deposits>/doaj/<journal>-<year>-<issue>.xml`,
what a journal indexed in the Directory of Open Access Journals uploads (its publisher
dashboard, "Upload article XML") so that DOAJ lists its articles: titles and abstracts in
Chinese and English (ISO 639-2/B codes: chi, eng), authors with their institutions, keywords,
pages, DOI, the full text's URL. Written with every build (DOAJ asks for no prefix), beside the
Crossref deposits.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .jats_tree import xml_text

from generator.cjk import is_cjk

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import csl_name, date_parts, iso_date, issn_of, name_text

LANG = {"zh": "chi", "en": "eng"}


def _el(parent, tag: str, text=None, **attrs):
    e = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        e.text = xml_text(" ".join(str(text).split()))
    return e


def _record(parent, rec: dict, publisher: str | None) -> None:
    m = rec["meta"]
    r = _el(parent, "record")
    _el(r, "language", LANG["zh" if is_cjk(m.get("title")) else "en"])
    if publisher:
        _el(r, "publisher", publisher)
    _el(r, "journalTitle", m.get("journal"))
    if issn_of(m):
        _el(r, "issn", issn_of(m))
    _el(r, "publicationDate", iso_date(date_parts(m)))
    if m.get("volume"):
        _el(r, "volume", m["volume"])
    if m.get("issue") is not None:
        _el(r, "issue", m["issue"])
    if m.get("first_page"):
        _el(r, "startPage", m["first_page"])
    if m.get("last_page"):
        _el(r, "endPage", m["last_page"])
    if rec.get("doi"):
        _el(r, "doi", rec["doi"])
    _el(r, "publisherRecordId", rec["ident"])
    _el(r, "documentType", "article")
    _el(r, "title", m["title"] + (f"：{m['subtitle']}" if m.get("subtitle") else ""), language=LANG["zh"] if is_cjk(m["title"]) else LANG["en"])
    if m.get("title_en"):
        _el(r, "title", m["title_en"], language=LANG["en"])
    authors = [a for a in m.get("authors") or [] if a.get("name")]
    institutions: list[str] = []
    if authors:
        group = _el(r, "authors")
        for a in authors:
            author = _el(group, "author")
            _el(author, "name", name_text(csl_name(a["name"], a.get("name_en"))))
            for post in parse_bio(a.get("affiliation")):
                if post.institution not in institutions:
                    institutions.append(post.institution)
                _el(author, "affiliationId", institutions.index(post.institution) + 1)
            if a.get("orcid"):
                _el(author, "orcid_id", f"https://orcid.org/{a['orcid']}")
    if institutions:
        lst = _el(r, "affiliationsList")
        for k, inst in enumerate(institutions, 1):
            _el(lst, "affiliationName", inst, affiliationId=k)
    for key, lang in (("abstract", "zh"), ("abstract_en", "en")):
        if m.get(key):
            _el(r, "abstract", m[key], language=LANG[lang])
    _el(r, "fullTextUrl", rec["url"], format="html")
    for key, lang in (("keywords", "zh"), ("keywords_en", "en")):
        if m.get(key):
            kw = _el(r, "keywords", language=LANG[lang])
            for k in m[key]:
                _el(kw, "keyword", k)


def records(recs: list[dict], publisher: str | None) -> bytes:
    root = etree.Element("records")
    for rec in recs:
        _record(root, rec, publisher)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(folder: Path, issue_folder: str, recs: list[dict], publisher: str | None) -> Path | None:
    """<folder>/doaj/<journal>-<year>-<issue>.xml (articles with a URL: DOAJ links to the full text)."""
    recs = [r for r in recs if r.get("url")]
    if not recs:
        return None
    path = folder / "doaj" / (issue_folder.replace("/", "-") + ".xml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(records(recs, publisher))
    return path
