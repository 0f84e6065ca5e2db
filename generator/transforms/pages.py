"""Printed page numbers, where the text proves them.

Pattern: each printed page's notes stand in a block after its text, so a note block ends
a page and the text after it begins the next (the notes transform leaves a `PageMark`
there, counting the pages that ended: the pages of its notes, or of references whose notes
are lost). The article number gives the first page and the page count. A page that prints
no note ends unseen, so the numbers are sure only when the pages ended by note blocks,
plus the last page when text follows the last note block, are all the article's pages:
then the k-th mark begins page first + (pages ended before it). Otherwise no mark is
numbered: a page number the text does not prove is never shown.

The article's `pages` lists the pages whose beginning the text then holds (the first page
at the start of its text), for the page anchors and the page list.
"""

from __future__ import annotations

from ..model import Article, Issue, PageMark

TEXT = ("para", "item", "heading", "raw")


def _numbered(art: Article) -> Article:
    blocks = list(art.blocks)
    texts = [k for k, b in enumerate(blocks) if b.kind in TEXT and b.text.strip()]
    marks = [(k, m) for k in texts for m in blocks[k].pages]
    if not marks and not art.pages and not any(b.pages for b in blocks):
        return art
    if not (texts and art.first_page and art.last_page):
        return _unmarked(art)
    last_k = texts[-1]
    closing = [m for k, m in marks if k == last_k and m.at >= len(blocks[k].text.rstrip())]
    ended = sum(m.ended for _k, m in marks)
    text_after = 0 if closing else 1  # the last page prints no notes: its text follows the last note block
    if ended + text_after != art.last_page - art.first_page + 1:
        return _unmarked(art)
    count = 0
    numbered: dict[int, list[PageMark]] = {}
    for k, m in marks:
        count += m.ended
        if m in closing:
            continue
        numbered.setdefault(k, []).append(PageMark(m.at, m.ended, art.first_page + count))
    first = texts[0]
    numbered.setdefault(first, []).insert(0, PageMark(0, 0, art.first_page))
    new = [b.with_(pages=tuple(numbered.get(k, ()))) if b.pages or k in numbered else b for k, b in enumerate(blocks)]
    pages = tuple(m.page for k in sorted(numbered) for m in numbered[k])
    return art.with_(blocks=tuple(new), pages=pages)


def _unmarked(art: Article) -> Article:
    blocks = tuple(b.with_(pages=()) if b.pages else b for b in art.blocks)
    return art.with_(blocks=blocks, pages=())


def number_pages(issue: Issue) -> Issue:
    return issue.with_(articles=tuple(_numbered(a) if a.kind == "article" else _unmarked(a) for a in issue.articles))

