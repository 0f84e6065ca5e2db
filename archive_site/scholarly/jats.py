"""One JATS 1.3 Archiving and Interchange XML file per article (NISO Z39.96), for
libraries and archives: <front> from the front matter, <body> sections from the
rendered page (headings -> nested <sec>), footnotes as <fn> in <back>, and the
references the notes hold as a <ref-list> (each <ref> with the printed text as
<mixed-citation> and its parsed fields as <element-citation>; each <fn> points
to its refs with <xref ref-type="bibr">).
Valid against the official JATS 1.3 Archiving DTD (tests/test_jats.py).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import csl_name, date_parts, is_cjk, issn_of, journal_entry
from ..cite.romanise import romanise_name
from .jats_refs import point_notes_to_refs, ref_list
from .jats_tree import XLINK, XML_LANG, sub as _sub

DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN" '
           '"https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3-mathml3.dtd">')
INLINE = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "code": "monospace", "sup": "sup", "sub": "sub", "u": "underline"}


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
        for inst, role in parse_bio(a.get("affiliation")):
            if inst not in affs:
                affs.append(inst)
            _sub(contrib, "xref", ref_type="aff", rid=f"aff{affs.index(inst) + 1}")
        for _inst, role in parse_bio(a.get("affiliation")):
            if role:
                _sub(contrib, "role", role)
        if a.get("affiliation"):
            bio = _sub(contrib, "bio")
            _sub(bio, "p", a["affiliation"])
    for i, inst in enumerate(affs, 1):
        aff = _sub(group, "aff", id=f"aff{i}")
        _sub(aff, "institution", inst)


def _article_meta(front, m: dict, url: str | None, ident: str) -> None:
    am = _sub(front, "article-meta")
    _sub(am, "article-id", ident, pub_id_type="archive")
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


# --- body ----------------------------------------------------------------------


def _fn_id(href: str) -> str:
    return "fn" + re.sub(r"[^A-Za-z0-9]+", "-", href.split(":", 1)[-1]).strip("-")


def _inline(src, dst) -> None:
    """Copy the text and inline markup of HTML element `src` into JATS element `dst`."""
    _append_text(dst, src.text)
    for child in src:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "sup" and child.find("a") is not None and "footnote-ref" in (child.find("a").get("class") or ""):
            a = child.find("a")
            _sub(dst, "xref", a.text_content(), ref_type="fn", rid=_fn_id(a.get("href", "")))
        elif tag in INLINE:
            _inline(child, _sub(dst, INLINE[tag]))
        elif tag == "a" and child.get("href", "").startswith(("http://", "https://", "mailto:")):
            link = _sub(dst, "ext-link", ext_link_type="uri")
            link.attrib[f"{{{XLINK}}}href"] = child.get("href")
            _inline(child, link)
        elif tag == "br":
            _sub(dst, "break")
        elif tag is not None and not {"footnote-backref", "headerlink"} & set((child.get("class") or "").split()):
            _inline(child, dst)
        _append_text(dst, child.tail)


def _append_text(e, text) -> None:
    if not text:
        return
    if len(e):
        e[-1].tail = (e[-1].tail or "") + text
    else:
        e.text = (e.text or "") + text


def _block(src, dst) -> None:
    """An HTML block element -> JATS block(s) appended to `dst`."""
    tag = src.tag
    if tag == "p":
        _inline(src, _sub(dst, "p"))
    elif tag in ("ol", "ul"):
        lst = _sub(dst, "list", list_type="order" if tag == "ol" else "bullet")
        for li in src.findall("li"):
            item = _sub(lst, "list-item")
            blocks = [c for c in li if c.tag in ("p", "ol", "ul")]
            if blocks:
                for b in blocks:
                    _block(b, item)
            else:
                _inline(li, _sub(item, "p"))
    elif tag == "blockquote":
        quote = _sub(dst, "disp-quote")
        for child in src:
            _block(child, quote)
    elif tag == "table":
        wrap = _sub(dst, "table-wrap")
        wrap.append(_table(src))
    elif tag == "div":
        for child in src:
            _block(child, dst)
    elif tag in ("pre",):
        _sub(dst, "preformat", src.text_content())
    elif isinstance(tag, str) and src.text_content().strip():
        _inline(src, _sub(dst, "p"))


def _table(src):
    table = etree.Element("table")
    for part in src:
        if part.tag in ("thead", "tbody", "tfoot"):
            sec = _sub(table, part.tag)
            for tr in part.findall("tr"):
                row = _sub(sec, "tr")
                for cell in tr:
                    if cell.tag in ("td", "th"):
                        _inline(cell, _sub(row, cell.tag))
    return table


def _body(body, html: str, back) -> None:
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    stack = [(1, body)]  # (heading level, element that takes blocks)
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "div" and "footnote" in (child.get("class") or "").split():
            _footnotes(child, back)
        elif re.fullmatch(r"h[1-6]", child.tag):
            level = int(child.tag[1])
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            sec = _sub(stack[-1][1], "sec")
            title = _sub(sec, "title")
            _inline(child, title)
            stack.append((level, sec))
        else:
            _block(child, stack[-1][1])
    for sec in body.iter("sec"):
        if len(sec) == 1:  # a heading with no text under it: JATS wants a block or a sub-section
            _sub(sec, "p")


def _footnotes(div, back) -> None:
    group = _sub(back, "fn-group")
    _sub(group, "title", "注释")
    for li in div.iter("li"):
        fn = _sub(group, "fn", id=_fn_id(li.get("id", "")))
        _sub(fn, "label", li.get("id", "").split(":", 1)[-1])
        paras = li.findall("p") or [li]
        for p in paras:
            _inline(p, _sub(fn, "p"))


def article_xml(meta: dict, html: str, url: str | None, ident: str) -> bytes:
    """The article as a JATS 1.3 Archiving document."""
    article = etree.Element("article", nsmap={"xlink": XLINK, "mml": "http://www.w3.org/1998/Math/MathML"})
    article.set("article-type", "research-article")
    article.set("dtd-version", "1.3")
    article.set(XML_LANG, _lang(meta))
    front = _sub(article, "front")
    _journal_meta(front, meta)
    _article_meta(front, meta, url, ident)
    body = _sub(article, "body")
    back = etree.Element("back")
    _body(body, html or "", back)
    point_notes_to_refs(back, ref_list(back, meta))
    if len(back):
        article.append(back)
    text = etree.tostring(article, encoding="unicode", pretty_print=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE + "\n" + text).encode("utf-8")
