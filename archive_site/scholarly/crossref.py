"""The Crossref deposit of an issue (Crossref Metadata Input Schema 5.3.1), written when the
publisher has a Crossref prefix (extra.scholarly.doi): `<deposits>/crossref/<journal>-<year>-<issue>.xml`,
journal -> issue -> one <journal_article> per article with a DOI: its titles (Chinese, and the
English one printed), contributors (names as printed, the pinyin as <alt-name>, institutions
from the bio), the abstracts as JATS (<jats:abstract xml:lang>), the publication date, pages,
the licence (<ai:program>), the DOI and its landing page, and the references as a
<citation_list> from the front matter's parsed `references` (generator/references/: the
printed text as <unstructured_citation>, an article's journal, title, volume, issue, first
page and year as Crossref's fields; a pointer such as 同上 left out).

Depositing it (Crossref's web deposit form or its HTTPS POST, with the publisher's
credentials) stays the publisher's step: README, "DOIs". The deposit is not put in site/:
it names the depositor's e-mail address.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .jats_tree import xml_text

from generator.cjk import is_cjk

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import csl_name, date_parts, issn_of
from ..cite.romanise import romanise_name

CR = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{CR} https://www.crossref.org/schemas/crossref5.3.1.xsd"


def _el(parent, tag: str, text=None, ns: str = CR, **attrs):
    e = etree.SubElement(parent, f"{{{ns}}}{tag}", {k.replace("__", ":"): xml_text(v) for k, v in attrs.items()})
    if text is not None:
        e.text = xml_text(" ".join(str(text).split()))
    return e


def _date(parent, m: dict, tag: str = "publication_date") -> None:
    parts = date_parts(m) or []
    d = _el(parent, tag, media_type="print")
    for name, value in (("month", 1), ("day", 2)):
        if len(parts) > value:
            _el(d, name, f"{parts[value]:02d}")
    _el(d, "year", parts[0] if parts else m.get("year"))


def _contributors(parent, m: dict) -> None:
    authors = [a for a in m.get("authors") or [] if a.get("name")]
    if not authors:
        return
    group = _el(parent, "contributors")
    for k, a in enumerate(authors):
        name = csl_name(a["name"], a.get("name_en"))
        if "literal" in name:
            _el(group, "organization", name["literal"], sequence="first" if k == 0 else "additional", contributor_role="author")
            continue
        person = _el(group, "person_name", sequence="first" if k == 0 else "additional", contributor_role="author")
        _el(person, "given_name", name["given"])
        _el(person, "surname", name["family"])
        posts = parse_bio(a.get("affiliation"))
        if posts:
            affs = _el(person, "affiliations")
            for post in posts:
                _el(_el(affs, "institution"), "institution_name", post.institution)
        if a.get("orcid"):
            _el(person, "ORCID", f"https://orcid.org/{a['orcid']}")
        if is_cjk(name["family"]):
            latin = romanise_name(a["name"], a.get("name_en"))
            alt = _el(_el(person, "alt-name"), "name", **{"name-style": "western", "language": "en"})
            _el(alt, "surname", latin["family"])
            _el(alt, "given_name", latin["given"])


def _abstracts(parent, m: dict) -> None:
    for key, lang in (("abstract", "zh"), ("abstract_en", "en")):
        if m.get(key):
            ab = _el(parent, "abstract", ns=JATS)
            ab.set(XML_LANG, lang)
            _el(ab, "p", m[key], ns=JATS)


def _citation(c, ref: dict) -> None:
    """One reference: what it plainly prints (generator/references/, issue 21), and its printed text."""
    if ref.get("kind") == "article":
        for tag, key in (("journal_title", "container"), ("volume", "volume"), ("issue", "issue"), ("article_title", "title")):
            if ref.get(key):
                _el(c, tag, str(ref[key]))
        if ref.get("authors"):
            _el(c, "author", ref["authors"][0])
        if ref.get("pages"):
            _el(c, "first_page", str(ref["pages"]).split("-")[0])
    elif ref.get("kind") in ("book", "report") and ref.get("title"):
        _el(c, "volume_title", ref["title"])
    if ref.get("year"):
        _el(c, "cYear", ref["year"])
    if ref.get("doi"):
        _el(c, "doi", ref["doi"])
    text = (ref.get("raw") or ref.get("text") or "")
    _el(c, "unstructured_citation", re.sub(r"\*([^*\n]+)\*", r"\1", text))  # the printed text, its Markdown emphasis taken off


def _citations(parent, refs) -> None:
    """<citation_list>: the front matter's parsed references (a pointer such as 同上 repeats another: left out)."""
    items = [r if isinstance(r, dict) else {"raw": r} for r in refs or [] if r]
    items = [r for r in items if not r.get("same_as") and (r.get("raw") or r.get("text"))]
    if not items:
        return
    lst = _el(parent, "citation_list")
    for k, ref in enumerate(items, 1):
        _citation(_el(lst, "citation", key=f"ref{k}"), ref)


def _article(parent, rec: dict, rights) -> None:
    m = rec["meta"]
    art = _el(parent, "journal_article", publication_type="full_text", language="zh" if is_cjk(m.get("title")) else "en")
    titles = _el(art, "titles")
    _el(titles, "title", m["title"])
    if m.get("subtitle"):
        _el(titles, "subtitle", m["subtitle"])
    if m.get("title_en"):
        _el(_el(art, "titles"), "title", m["title_en"])
    _contributors(art, m)
    _abstracts(art, m)
    _date(art, m)
    if m.get("first_page"):
        pages = _el(art, "pages")
        _el(pages, "first_page", m["first_page"])
        if m.get("last_page"):
            _el(pages, "last_page", m["last_page"])
    if m.get("article_no"):
        _el(_el(art, "publisher_item"), "item_number", m["article_no"], item_number_type="article_number")
    if rights and rights.url:
        prog = _el(art, "program", ns=AI, name="AccessIndicators")
        _el(prog, "license_ref", rights.url, ns=AI)
    data = _el(art, "doi_data")
    _el(data, "doi", rec["doi"])
    _el(data, "resource", rec["url"])
    _citations(art, m.get("references"))


def deposit(recs: list[dict], *, batch_id: str, depositor: str, email: str, registrant: str, rights) -> bytes:
    """The deposit of one issue's articles that have a DOI (`recs`, one issue, printed order)."""
    m = recs[0]["meta"]
    root = etree.Element(f"{{{CR}}}doi_batch", nsmap={None: CR, "jats": JATS, "ai": AI, "xsi": XSI}, version="5.3.1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    head = _el(root, "head")
    _el(head, "doi_batch_id", batch_id)
    # must grow with every deposit of the same DOIs: the day the issue's pages last changed
    _el(head, "timestamp", max(r["changed"] for r in recs).replace("-", "") + "000000")
    dep = _el(head, "depositor")
    _el(dep, "depositor_name", depositor)
    _el(dep, "email_address", email)
    _el(head, "registrant", registrant)
    journal = _el(_el(root, "body"), "journal")
    jm = _el(journal, "journal_metadata", language="zh" if is_cjk(m.get("journal")) else "en")
    _el(jm, "full_title", m.get("journal"))
    if issn_of(m):
        _el(jm, "issn", issn_of(m), media_type="print")
    issue = _el(journal, "journal_issue")
    _date(issue, m)
    if m.get("volume"):
        _el(_el(issue, "journal_volume"), "volume", m["volume"])
    _el(issue, "issue", m.get("issue"))
    for rec in recs:
        _article(journal, rec, rights)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(folder: Path, slug: str, issue_folder: str, recs: list[dict], settings, registrant: str, rights) -> Path | None:
    """<folder>/crossref/<journal>-<year>-<issue>.xml for the articles of one issue that have a DOI."""
    with_doi = [r for r in recs if r.get("doi") and r.get("url")]
    if not with_doi:
        return None
    name = issue_folder.replace("/", "-")
    cfg = settings.doi
    data = deposit(with_doi, batch_id=f"{name}-{with_doi[0]['changed']}", depositor=cfg.depositor or cfg.registrant or registrant,
                   email=cfg.email, registrant=cfg.registrant or registrant, rights=rights)
    path = folder / "crossref" / f"{name}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
