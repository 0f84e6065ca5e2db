"""What a page's head says about it, from its front matter: schema.org JSON-LD (the work,
its authors with the institutions parsed from the printed bio, the issue it is part of)
and the meta description (`summary`: the abstract's opening sentences).

Ids are `tag:` URIs from extra.scholarly.id_authority (archive_site/scholarly/feed.py
tag_uri), never from site_url; a DOI, when the publisher has one (archive_site/scholarly/doi.py),
is `sameAs` and an `identifier`; the ISSN is the front matter's or journals.yml's, never a
guess (archive_site/cite/csl.py issn_of); dates are as printed (date_parts).

`Facts`: what a page's JSON-LD takes from the site rather than the page: the publisher (the
journal's, from journals.yml, else extra.scholarly.publisher, else the site itself), the
licence (extra.scholarly.rights), the journals' archive pages, the DOI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator import layout

from ..cite.affiliation import parse as parse_bio
from ..cite.csl import date_parts, iso_date, issn_of, journal_entry, language
from .doi import doi_url
from .feed import tag_uri
from .rights import Rights

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


# JSON inside <script>: no '<', '>' or '&' may reach the HTML parser ('</script>', '<!--'
# would end or change the script); JSON reads the \u escapes back as the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_script(data) -> str:
    """JSON for a <script type="application/ld+json">: nothing in it can end or change the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


@dataclass(frozen=True)
class Facts:
    """What the site knows beyond a page's front matter (archive_site/scholarly/hook.py fills it)."""

    site_url: str = ""
    site_name: str = ""
    publisher: str | None = None  # extra.scholarly.publisher
    rights: Rights | None = None
    doi: str | None = None  # this page's DOI

    def journal_url(self, m: dict) -> str | None:
        """The journal's archive page (its slug's folder), when the site has a URL."""
        slug = layout.journal_slug(m.get("journal")) if m.get("journal") else None
        return f"{self.site_url}{slug}/" if slug and self.site_url else None

    def publisher_ld(self, m: dict) -> dict | None:
        """The journal's publisher (journals.yml `publisher`), else the archive's, else the site."""
        name = journal_entry(m).get("publisher") or self.publisher
        if name:
            return {"@type": "Organization", "name": name}
        if self.site_name:
            return {"@type": "Organization", "name": self.site_name, **({"url": self.site_url} if self.site_url else {})}
        return None

    def license(self) -> str | None:
        return (self.rights.url or self.rights.text) if self.rights else None


def _periodical(m: dict, facts: Facts | None = None) -> dict:
    p = {"@type": "Periodical", "name": m.get("journal")}
    if issn_of(m):
        p["issn"] = issn_of(m)
    if facts and facts.journal_url(m):
        p["url"] = facts.journal_url(m)
    if facts and facts.publisher_ld(m):
        p["publisher"] = facts.publisher_ld(m)
    return p


def issue_ld(m: dict, folder: str, url: str | None, authority: str | None, facts: Facts | None = None) -> dict:
    ld = {"@type": "PublicationIssue", "@id": tag_uri(authority, folder), "issueNumber": m.get("issue")}
    when = iso_date(date_parts(m))
    if when:
        ld["datePublished"] = when
    if url:
        ld["url"] = url
    ld["isPartOf"] = _periodical(m, facts)
    return ld


def _person(a: dict) -> dict:
    p = {"@type": "Person", "name": a["name"]}
    if a.get("name_en"):
        p["alternateName"] = a["name_en"]
    if a.get("orcid"):
        p["identifier"] = p["sameAs"] = f"https://orcid.org/{a['orcid']}"
    posts = parse_bio(a.get("affiliation"))
    if posts:
        p["affiliation"] = [{"@type": "Organization", "name": post.institution} for post in posts]
        roles = list(dict.fromkeys(r for post in posts for r in post.roles))
        if roles:
            p["jobTitle"] = roles if len(roles) > 1 else roles[0]
    if a.get("affiliation"):
        p["description"] = a["affiliation"]  # the bio as printed
    return p


def work_ld(m: dict, src: str, url: str | None, issue_url: str | None, authority: str | None, facts: Facts | None = None) -> dict:
    """An article (ScholarlyArticle) or a document (CreativeWork)."""
    facts = facts or Facts()
    article = m.get("kind") == "article"
    ld = {"@context": "https://schema.org", "@type": "ScholarlyArticle" if article else "CreativeWork",
          "@id": tag_uri(authority, layout.ident_of(src)), "headline": m["title"], "name": m["title"]}
    if facts.doi:
        ld["sameAs"] = doi_url(facts.doi)
        ld["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": facts.doi}
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
    fields = (("first_page", "pageStart"), ("last_page", "pageEnd"), ("section", "articleSection"))
    for key, field in fields:
        if m.get(key):
            ld[field] = m[key]
    if m.get("article_no") and "identifier" not in ld:
        ld["identifier"] = m["article_no"]
    if m.get("abstract"):
        ld["abstract"] = m["abstract"]
    if m.get("keywords"):
        ld["keywords"] = list(m["keywords"])
    if facts.license():
        ld["license"] = facts.license()
    if facts.publisher_ld(m):
        ld["publisher"] = facts.publisher_ld(m)
    if m.get("journal"):
        in_issue = m.get("issue") is not None
        ld["isPartOf"] = issue_ld(m, layout.folder_of(src), issue_url, authority, facts) if in_issue else _periodical(m, facts)
    return ld


def issue_page_ld(m: dict, folder: str, url: str | None, authority: str | None, facts: Facts | None = None) -> dict:
    """An issue page: the PublicationIssue with its articles (hasPart, each with the @id of its own page's JSON-LD) from its TOC."""
    ld = {"@context": "https://schema.org", **issue_ld(m, folder, url, authority, facts), "name": m.get("title")}
    parts = []
    for s in m.get("sections") or []:
        for a in s.get("articles") or []:
            art = {"@type": "ScholarlyArticle", "headline": a.get("title")}
            if a.get("url"):
                art["@id"] = tag_uri(authority, f"{folder}/{a['url'].strip('/')}")
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
