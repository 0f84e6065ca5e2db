"""Each note's references, parsed beside its printed text (generator/references/):
every note of every article gets its `refs`, then 同上 / Ibid. and short forms are
resolved within the article. Adds no diagnostic: a reference that does not parse
is kept as printed (kind `other`); linking across the archive, and its
warnings, happen when every page is laid out (generator/network.py)."""

from __future__ import annotations

from ..model import Issue, Note, Reference, replace
from ..references import parse_note, resolve


def parse_references(issue: Issue) -> Issue:
    articles = []
    for art in issue.articles:
        if art.notes:
            notes = tuple(_with_refs(n, parse_note(n.text)) for n in art.notes)
            art = art.with_(notes=resolve(notes))
        articles.append(art)
    return issue.with_(articles=tuple(articles))


def _with_refs(note: Note, refs: tuple[Reference, ...]) -> Note:
    return note if refs == note.refs == () else replace(note, refs=refs)  # commentary: no copy
