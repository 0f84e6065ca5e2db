"""FAIR Signposting (signposting.org, level 1) as typed links in each article's and document's
<head> (GitHub Pages cannot send Link headers): what a machine needs to find the work's
persistent id, its metadata, its content, its authors and its licence without scraping.

    cite-as      the DOI (https://doi.org/…) when there is one, else the page's permanent URL
    describedby  the metadata downloads: RIS, BibTeX, CSL-JSON, JATS XML, each with its type
    item         the content: the page's Markdown source (text/markdown)
    author       each author's ORCID, when the front matter gives one
    license      the licence URL (extra.scholarly.rights, when it is a URL)
    type         https://schema.org/ScholarlyArticle (CreativeWork for a document) and AboutPage
All links are absolute (site_url), as the signposting profile asks.
"""

from __future__ import annotations

from urllib.parse import urljoin

from .doi import doi_url


def signposts(m: dict, *, url: str | None, doi: str | None, downloads: list[dict], site_url: str, item_href: str | None,
              rights) -> list[dict]:
    """[{rel, href, type?}] for one page (`downloads`: their href relative to the site root)."""
    def absolute(href: str) -> str:
        return urljoin(site_url, href) if site_url else href

    out = []
    cite_as = doi_url(doi) or url
    if cite_as:
        out.append({"rel": "cite-as", "href": cite_as})
    for d in downloads:
        out.append({"rel": "describedby", "href": absolute(d["href"]), "type": d["type"]})
    if item_href:
        out.append({"rel": "item", "href": absolute(item_href), "type": "text/markdown"})
    for a in m.get("authors") or []:
        if a.get("orcid"):
            out.append({"rel": "author", "href": f"https://orcid.org/{a['orcid']}"})
    if rights and rights.url:
        out.append({"rel": "license", "href": rights.url})
    kind = "ScholarlyArticle" if m.get("kind") == "article" else "CreativeWork"
    out.append({"rel": "type", "href": f"https://schema.org/{kind}"})
    out.append({"rel": "type", "href": "https://schema.org/AboutPage"})
    return out
