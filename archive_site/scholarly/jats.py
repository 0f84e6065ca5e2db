"""One JATS 1.3 Archiving and Interchange XML file per article (NISO Z39.96), for
libraries and archives: <front> from the front matter, <body> sections from the
rendered page (headings -> nested <sec>), footnotes as <fn> in <back>, and the
references the notes hold as a <ref-list> (each <ref> with the printed text as
<mixed-citation> and its parsed fields as <element-citation>; each <fn> points
to its refs with <xref ref-type="bibr">).
Valid against the official JATS 1.3 Archiving DTD (tests/test_jats.py).
"""

from __future__ import annotations

from lxml import etree

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import csl_name, date_parts, is_cjk, issn_of, journal_entry
from ..cite.romanise import romanise_name
from .jats_body import body_into
from .jats_refs import point_notes_to_refs, ref_list
from .jats_tree import XLINK, XML_LANG, sub as _sub
from .rights import Rights

DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN" '
           '"https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3-mathml3.dtd">')


def _lang(meta: dict) -> str:
    return "zh" if is_cjk(meta.get("title")) else "en"


def _journal_meta(front, m: dict) -> None:
    jm = _sub(front, "journal-meta")
    entry = journal_entry(m)
    _sub(jm, "journal-id", entry.get("slug") or m.get("journal"), journal_id_type="publisher-id")
    group = _sub(jm, "journal-title-group")
    _sub(group, "journal-title", m.get("journal"))
    if entry.get("name_en"):
        trans = _sub(group, "trans-title-group")
        trans.attrib[XML_LANG] = "en"
        _sub(trans, "trans-title", entry["name_en"])
    if issn_of(m):
        _sub(jm, "issn", issn_of(m), publication_format="print")


def _contribs(am, m: dict) -> None:
    authors = [a for a in m.get("authors") or [] if a.get("name")]
    if not authors:
        return
    group = _sub(am, "contrib-group")
    affs = []
    for a in authors:
        contrib = _sub(group, "contrib", contrib_type="author")
        name = csl_name(a["name"], a.get("name_en"))
        if "literal" in name:
            _sub(contrib, "string-name", name["literal"])
        elif is_cjk(name["family"]):
            alts = _sub(contrib, "name-alternatives")
            zh = _sub(alts, "name", name_style="eastern")
            zh.attrib[XML_LANG] = "zh"
            _sub(zh, "surname", name["family"])
            _sub(zh, "given-names", name["given"])
            latin = romanise_name(a["name"], a.get("name_en"))
            en = _sub(alts, "name", name_style="western")
            en.attrib[XML_LANG] = "en"
            _sub(en, "surname", latin["family"])
            _sub(en, "given-names", latin["given"])
        else:
            n = _sub(contrib, "name", name_style="western")
            _sub(n, "surname", name["family"])
            _sub(n, "given-names", name["given"])
        if a.get("orcid"):
            _sub(contrib, "contrib-id", f"https://orcid.org/{a['orcid']}", contrib_id_type="orcid")
        posts = parse_bio(a.get("affiliation"))
        for post in posts:
            if post.institution not in affs:
                affs.append(post.institution)
            _sub(contrib, "xref", ref_type="aff", rid=f"aff{affs.index(post.institution) + 1}")
        for role in dict.fromkeys(r for post in posts for r in post.roles):
            _sub(contrib, "role", role)
        if a.get("affiliation"):
            bio = _sub(contrib, "bio")
            _sub(bio, "p", a["affiliation"])
    for i, inst in enumerate(affs, 1):
        aff = _sub(group, "aff", id=f"aff{i}")
        _sub(aff, "institution", inst)


def _permissions(am, rights: Rights | None) -> None:
    """<permissions>: the licence (<license xlink:href>) or the rights statement as set (extra.scholarly.rights)."""
    if not rights:
        return
    perm = _sub(am, "permissions")
    if rights.url:
        lic = _sub(perm, "license", license_type="open-access" if rights.open_access else "license")
        lic.attrib[f"{{{XLINK}}}href"] = rights.url
        _sub(lic, "license-p", rights.text)
    else:
        _sub(perm, "copyright-statement", rights.text)


def _article_meta(front, m: dict, url: str | None, ident: str, doi: str | None = None, rights: Rights | None = None) -> None:
    am = _sub(front, "article-meta")
    _sub(am, "article-id", ident, pub_id_type="archive")
    if doi:
        _sub(am, "article-id", doi, pub_id_type="doi")
    if m.get("article_no"):
        _sub(am, "article-id", m["article_no"], pub_id_type="publisher-id")
    if m.get("section"):
        subj = _sub(_sub(am, "article-categories"), "subj-group", subj_group_type="heading")
        _sub(subj, "subject", m["section"])
    tg = _sub(am, "title-group")
    _sub(tg, "article-title", m.get("title"))
    if m.get("subtitle"):
        _sub(tg, "subtitle", m["subtitle"])
    if m.get("title_en"):
        trans = _sub(tg, "trans-title-group")
        trans.attrib[XML_LANG] = "en"
        _sub(trans, "trans-title", m["title_en"])
    _contribs(am, m)
    parts = date_parts(m)
    if parts:
        pd = _sub(am, "pub-date", publication_format="print", date_type="pub")
        for tag, value in reversed(list(zip(("year", "month", "day"), parts))):
            _sub(pd, tag, f"{value:02d}" if tag != "year" else value)
    if m.get("volume"):
        _sub(am, "volume", m["volume"])
    if m.get("issue") is not None:
        _sub(am, "issue", m["issue"])
    if m.get("first_page"):
        _sub(am, "fpage", m["first_page"])
    if m.get("last_page"):
        _sub(am, "lpage", m["last_page"])
    _permissions(am, rights)
    if url:
        uri = _sub(am, "self-uri")
        uri.attrib[f"{{{XLINK}}}href"] = url
    if m.get("abstract"):
        _sub(_sub(am, "abstract"), "p", m["abstract"])
    if m.get("abstract_en"):
        ta = _sub(am, "trans-abstract")
        ta.attrib[XML_LANG] = "en"
        _sub(ta, "p", m["abstract_en"])
    for lang, key in (("zh", "keywords"), ("en", "keywords_en")):
        if m.get(key):
            kg = _sub(am, "kwd-group", kwd_group_type="author")
            kg.attrib[XML_LANG] = lang
            for k in m[key]:
                _sub(kg, "kwd", k)
    if m.get("funding"):
        _sub(_sub(am, "funding-group"), "funding-statement", m["funding"])


def front_element(meta: dict, url: str | None, ident: str, doi: str | None = None, rights: Rights | None = None,
                  namespace: str | None = None):
    """<article> with its <front> only (journal and article metadata): the OAI file's full record.
    `namespace`: every JATS element put in it (OAI-PMH wants a record's metadata namespaced)."""
    article = etree.Element("article", nsmap={"xlink": XLINK, "mml": "http://www.w3.org/1998/Math/MathML"})
    article.set("article-type", "research-article")
    article.set("dtd-version", "1.3")
    article.set(XML_LANG, _lang(meta))
    front = _sub(article, "front")
    _journal_meta(front, meta)
    _article_meta(front, meta, url, ident, doi, rights)
    if namespace:
        for e in article.iter():
            if isinstance(e.tag, str) and not e.tag.startswith("{"):
                e.tag = f"{{{namespace}}}{e.tag}"
        etree.cleanup_namespaces(article, top_nsmap={None: namespace, "xlink": XLINK})
    return article


def article_xml(meta: dict, html: str, url: str | None, ident: str, doi: str | None = None, rights: Rights | None = None) -> bytes:
    """The article as a JATS 1.3 Archiving document."""
    article = front_element(meta, url, ident, doi, rights)
    body = _sub(article, "body")
    back = etree.Element("back")
    body_into(body, html or "", back)
    point_notes_to_refs(back, ref_list(back, meta))
    if len(back):
        article.append(back)
    text = etree.tostring(article, encoding="unicode", pretty_print=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE + "\n" + text).encode("utf-8")
