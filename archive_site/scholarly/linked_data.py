"""What a page's head says about it, from its front matter: schema.org JSON-LD (the work,
its authors with the institutions parsed from the printed bio, the issue it is part of)
and the meta description (`summary`: the abstract's opening sentences).

Ids are `tag:` URIs from extra.scholarly.id_authority (archive_site/scholarly/feed.py
tag_uri), never from site_url; the ISSN is the front matter's or journals.yml's, never a
guess (archive_site/cite/csl.py issn_of); dates are as printed (date_parts).
"""

from __future__ import annotations

import json

from generator import layout

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import date_parts, iso_date, issn_of, language
from .feed import tag_uri

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


def json_script(data) -> str:
    """JSON for a <script type="application/ld+json">: '</' cannot close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _periodical(m: dict) -> dict:
    p = {"@type": "Periodical", "name": m.get("journal")}
    if issn_of(m):
        p["issn"] = issn_of(m)
    return p


def issue_ld(m: dict, folder: str, url: str | None, authority: str | None) -> dict:
    ld = {"@type": "PublicationIssue", "@id": tag_uri(authority, folder), "issueNumber": m.get("issue")}
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


def work_ld(m: dict, src: str, url: str | None, issue_url: str | None, authority: str | None) -> dict:
    """An article (ScholarlyArticle) or a document (CreativeWork)."""
    article = m.get("kind") == "article"
    ld = {"@context": "https://schema.org", "@type": "ScholarlyArticle" if article else "CreativeWork",
          "@id": tag_uri(authority, layout.ident_of(src)), "headline": m["title"], "name": m["title"]}
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
    fields = (("first_page", "pageStart"), ("last_page", "pageEnd"), ("section", "articleSection"), ("article_no", "identifier"))
    for key, field in fields:
        if m.get(key):
            ld[field] = m[key]
    # no "abstract": the head's citation_abstract and the page already carry it (and a
    # large archive pays for every copy)
    if m.get("keywords"):
        ld["keywords"] = list(m["keywords"])
    if m.get("journal"):
        in_issue = m.get("issue") is not None
        ld["isPartOf"] = issue_ld(m, layout.folder_of(src), issue_url, authority) if in_issue else _periodical(m)
    return ld


def issue_page_ld(m: dict, folder: str, url: str | None, authority: str | None) -> dict:
    """An issue page: the PublicationIssue with its articles (hasPart) from its TOC."""
    ld = {"@context": "https://schema.org", **issue_ld(m, folder, url, authority), "name": m.get("title")}
    parts = []
    for s in m.get("sections") or []:
        for a in s.get("articles") or []:
            art = {"@type": "ScholarlyArticle", "headline": a.get("title")}
            if a.get("url") and url:
                art["url"] = url + a["url"]
            if a.get("authors"):
                art["author"] = [{"@type": "Person", "name": n} for n in a["authors"]]
            if a.get("first_page"):
                art["pageStart"] = a["first_page"]
            parts.append(art)
    if parts:
        ld["hasPart"] = parts
    return ld
