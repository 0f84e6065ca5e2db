"""An article (or document) -> Markdown page: front matter + body + notes."""

from __future__ import annotations

from dataclasses import dataclass

from .. import meta
from ..model import Article, Block, Issue, Reference
from .frontmatter import front_matter
from .escape import md_link_text
from .inline import body_text, note_text, page_anchor

# The keys of a reference entry, in order (meta.REFERENCE), as Reference holds them.
REF_KEYS = ("prefix", "pointer", "authors", "et_al", "editors", "translators", "title", "container", "volume", "issue",
            "year", "date", "pages", "publisher", "place", "url", "same_as")


@dataclass(frozen=True)
class NoteLink:
    """A link the writer adds after a reference in a note: to the archived article it cites."""

    target: str  # content path of the cited article
    href: str  # relative to the citing page
    label: str  # 本刊 2025 年第 6 期


def reference_entry(note: int, ref: Reference, link: NoteLink | None) -> dict:
    """One reference as the front matter holds it (only the keys it has)."""
    entry: dict = {"note": note, "raw": ref.raw, "kind": ref.kind}
    for key in REF_KEYS:
        value = getattr(ref, key)
        if value not in (None, "", (), False):
            entry[key] = list(value) if isinstance(value, tuple) else value
    if link:
        entry["link"] = link.target
    return entry


def reference_entries(art: Article, links: dict[tuple[int, int], NoteLink]) -> list[dict]:
    return [reference_entry(n.number, r, links.get((n.number, k))) for n in art.notes for k, r in enumerate(n.refs)]


def article_meta(art: Article, issue: Issue, extra: dict, links: dict | None = None) -> dict:
    """`extra`: prev/next (content paths, with the neighbours' titles and issue labels: generator/plan.py); cited_by and related
    (generator/network.py); `links`: (note, reference index) -> NoteLink."""
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
        "references": reference_entries(art, links or {}),
        "cited_by": [],
        "related": [],
        **extra,
    }
    if art.toc_authors:
        values["toc_authors"] = list(art.toc_authors)
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


def linked_note(text: str, refs: tuple[Reference, ...], links: dict[int, NoteLink]) -> str:
    """A note's Markdown with a link after each reference that cites an archived article
    (before the ； that ends it; after the note's closing 。 for its last one); the printed
    text stays as it is."""
    inserts = []
    for k, ref in enumerate(refs):
        link = links.get(k)
        if not link:
            continue
        end = ref.at[1]
        if not text[end:].strip(" 。．.；;"):  # the note's last reference: after its closing mark
            end = len(text)
        inserts.append((end, f" [→ {md_link_text(link.label)}]({link.href})"))
    return note_text(text, tuple(inserts))


def article_body(art: Article, links: dict[tuple[int, int], NoteLink] | None = None) -> str:
    parts = [block_md(b) for b in art.blocks if b.kind in ("para", "heading", "item", "raw")]
    by_note: dict[int, dict[int, NoteLink]] = {}
    for (n, k), link in (links or {}).items():
        by_note.setdefault(n, {})[k] = link
    notes = [f"[^{n.number}]: {linked_note(n.text, n.refs, by_note.get(n.number, {}))}" for n in art.notes]
    body = "\n\n".join(parts)
    if notes:
        body += "\n\n" + "\n\n".join(notes)
    return body + "\n"


def article_page(art: Article, issue: Issue, extra: dict, links: dict | None = None) -> tuple[dict, str]:
    """(front matter, page text)."""
    m = article_meta(art, issue, extra, links)
    return m, front_matter(m) + "\n" + article_body(art, links)


__all__ = ["NoteLink", "article_page"]
