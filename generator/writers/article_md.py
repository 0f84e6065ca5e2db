"""An article (or document) -> Markdown page: front matter + body + notes."""

from __future__ import annotations

from .. import meta
from ..model import Article, Block, Issue
from .frontmatter import front_matter
from .inline import body_text, escape_html, note_text, page_anchor


def article_meta(art: Article, issue: Issue, extra: dict) -> dict:
    """`extra`: prev/next (content paths) for an article of a whole issue."""
    if art.kind == "document":
        values = {"source": issue.source, "template": "article.html", "title": art.title, "subtitle": art.subtitle}
        if issue.year:
            values["year"] = issue.year
        return meta.dump("document", {**values, **extra})
    values = {
        "source": issue.source,
        "template": "article.html",
        "title": art.title,
        "subtitle": art.subtitle,
        "title_en": art.title_en,
        "authors": [meta.author(a.name, a.name_en, a.affiliation) for a in art.authors],
        "journal": art.journal,
        "issn": art.issn,
        "year": art.year,
        "issue": art.issue,
        "total_issue": issue.total_number,
        "section": art.section,
        "first_page": art.first_page,
        "last_page": art.last_page,
        "article_no": art.article_no,
        "clc": list(art.clc),
        "doc_code": art.doc_code,
        "keywords": list(art.keywords),
        "keywords_en": list(art.keywords_en),
        "abstract": art.abstract,
        "abstract_en": art.abstract_en,
        "funding": art.funding,
        "editor": art.editor,
        "citation": art.citation,
        "published": issue.published,
        **extra,
    }
    if art.pages:
        values["pages"] = list(art.pages)
    if art.printed:
        values["printed"] = printed_labels(art.printed)
    return meta.dump("article", values)


def printed_labels(printed: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Labels as printed; a label printed twice keeps both (one per line)."""
    out: dict[str, str] = {}
    for key, text in printed:
        out[key] = f"{out[key]}\n{text}" if key in out else text
    return out


def block_md(b: Block) -> str:
    if b.kind == "heading":  # its page anchors stand before it (a heading's text is its name)
        return "".join(page_anchor(p.page) + "\n\n" for p in b.pages if p.page) + "#" * b.level + " " + body_text(b, pages=False)
    if b.kind == "item":
        return f"{b.marker}. {body_text(b)}"
    return body_text(b)


def article_body(art: Article) -> str:
    parts = [block_md(b) for b in art.blocks if b.kind in ("para", "heading", "item", "raw")]
    notes = [f"[^{n.number}]: {note_text(n.text)}" for n in art.notes]
    body = "\n\n".join(parts)
    if notes:
        body += "\n\n" + "\n\n".join(notes)
    return body + "\n"


def article_page(art: Article, issue: Issue, extra: dict) -> tuple[dict, str]:
    """(front matter, page text)."""
    m = article_meta(art, issue, extra)
    return m, front_matter(m) + "\n" + article_body(art)


__all__ = ["article_page", "escape_html"]
