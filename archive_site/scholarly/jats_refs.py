"""The references an article's notes hold, as a JATS <ref-list> (for jats.py): each <ref>
with the printed text as <mixed-citation> and the parsed fields (generator/references/, in
the front matter) as <element-citation>; each <fn> then points to its refs with
<xref ref-type="bibr">. A pointer (同上, Ibid.) or short form is completed with the
reference it repeats (archive_site/cite/csl.py: reference_fields)."""

from __future__ import annotations

from ..cite.csl import reference_fields
from .jats_tree import XLINK, sub as _sub


# The kinds of generator/references/ as JATS publication types.
PUBLICATION_TYPES = {"article": "journal", "book": "book", "chapter": "book", "newspaper": "newspaper",
                     "web": "webpage", "report": "report", "thesis": "thesis", "other": "other"}


def ref_list(back, meta: dict) -> dict[int, list[str]]:
    """<ref-list> of the article's references; -> note number -> the ids of its refs."""
    refs = reference_fields(meta)
    by_note: dict[int, list[str]] = {}
    if not refs:
        return by_note
    group = _sub(back, "ref-list")
    _sub(group, "title", "参考文献")
    for k, r in enumerate(refs, 1):
        rid = f"ref{k}"
        by_note.setdefault(r["note"], []).append(rid)
        ref = _sub(group, "ref", id=rid)
        _sub(ref, "label", r["note"])
        _sub(ref, "mixed-citation", r["raw"])
        element_citation(_sub(ref, "element-citation", publication_type=PUBLICATION_TYPES.get(r.get("kind"), "other")), r)
    return by_note


def element_citation(ec, r: dict) -> None:
    for key, role in (("authors", "author"), ("editors", "editor"), ("translators", "translator")):
        if r.get(key):
            group = _sub(ec, "person-group", person_group_type=role)
            for name in r[key]:
                _sub(group, "string-name", name)
            if key == "authors" and r.get("et_al"):
                _sub(group, "etal")
    kind = r.get("kind")
    if r.get("title"):
        tag = "source" if kind == "book" else "chapter-title" if kind == "chapter" else "article-title"
        _sub(ec, tag, r["title"])
    if r.get("container") and kind != "book":
        _sub(ec, "source", r["container"])
    date = [int(x) for x in str(r["date"]).split("-")] if r.get("date") else [int(r["year"])] if r.get("year") else []
    for tag, value in zip(("year", "month", "day"), date):
        _sub(ec, tag, f"{value:02d}" if tag != "year" else value)
    for key, tag in (("volume", "volume"), ("issue", "issue"), ("pages", "page-range"), ("publisher", "publisher-name"),
                     ("place", "publisher-loc")):
        if r.get(key):
            _sub(ec, tag, str(r[key]))
    if r.get("url"):
        uri = _sub(ec, "ext-link", r["url"], ext_link_type="uri")
        uri.attrib[f"{{{XLINK}}}href"] = r["url"]


def point_notes_to_refs(back, by_note: dict[int, list[str]]) -> None:
    """Each <fn> ends with an <xref ref-type="bibr"> to each of its refs."""
    for fn in back.iterfind("fn-group/fn"):
        label = fn.findtext("label") or ""
        rids = by_note.get(int(label)) if label.isdigit() else None
        paras = fn.findall("p")
        if rids and paras:
            for rid in rids:
                _sub(paras[-1], "xref", ref_type="bibr", rid=rid)
