"""Rejoin paragraphs cut by a page break.

Pattern: a text paragraph that does not end a sentence, followed (after page
furniture: rules, blank runs, note blocks already lifted out) by another
text paragraph, is one paragraph cut in two. '…重要平' + '台，金砖…' -> one.
Headings, tables and lists are never joined.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Issue
from ..text import ends_sentence, join_all
from .notes import REF_CLOSE, REF_OPEN

_TRAILING_REFS = re.compile(f"(?:{REF_OPEN}[^{REF_CLOSE}]*{REF_CLOSE}\\s*)+$")
JOINABLE = ("para", "item")


def is_cut(text: str) -> bool:
    """True when the paragraph stops mid-sentence (note markers ignored)."""
    bare = _TRAILING_REFS.sub("", text[-200:]).rstrip()
    return bool(bare) and not ends_sentence(bare[-8:])


def join_article(art: Article) -> Article:
    out: list[Block] = []
    pieces: list[list[str]] = []  # the text pieces of each block in `out`
    for b in art.blocks:
        if b.kind == "break":
            continue
        if b.kind == "para" and out and out[-1].kind in JOINABLE and is_cut(pieces[-1][-1]):
            pieces[-1].append(b.text)
            continue
        out.append(b)
        pieces.append([b.text])
    blocks = tuple(
        Block(b.kind, join_all(p), b.line, b.level, b.marker) if len(p) > 1 else b for b, p in zip(out, pieces)
    )
    return art.with_(blocks=blocks)


def join_pages(issue: Issue) -> Issue:
    return issue.with_(articles=tuple(join_article(a) for a in issue.articles))
