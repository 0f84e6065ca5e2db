"""Heading levels follow the printed numbering, not the printed '#' count.

一、 / 一 (space) -> 2;  （一） / (一) -> 3;  1. / 1． -> 4;  unnumbered -> 2.
Documents keep their printed levels, shifted so the highest is 2. Then the
outline rule (generator/layout.py heading_levels): headings printed before the
first top-level one are top-level too, and no heading goes more than one level
below the one before it (no h2 -> h4 jump).
"""

from __future__ import annotations

from ..layout import heading_levels
from ..markers import UNNUMBERED_LEVEL, numbering_of
from ..model import Issue


def level_of(text: str) -> int:
    numbering = numbering_of(text)
    return numbering[1] if numbering else UNNUMBERED_LEVEL


def document_levels(printed: list[int]) -> list[int]:
    """Printed '#' counts -> heading levels: headings before the first of the highest
    printed level are top-level (2); below that, each deeper printed level is one level
    deeper than its parent, and siblings share a level, whatever the counts skip."""
    if not printed:
        return []
    first_top = printed.index(min(printed))
    out: list[int] = []
    stack: list[tuple[int, int]] = []  # (printed, level) of the open headings
    for k, n in enumerate(printed):
        if k < first_top:
            stack = [(n, 2)]
            out.append(2)
            continue
        while stack and stack[-1][0] > n:
            stack.pop()
        if stack and stack[-1][0] == n:
            level = stack[-1][1]
            stack[-1] = (n, level)
        else:
            level = stack[-1][1] + 1 if stack else 2
            stack.append((n, level))
        out.append(min(level, 6))
    return out


def level_headings(issue: Issue) -> Issue:
    arts = []
    for art in issue.articles:
        heads = [b for b in art.blocks if b.kind == "heading"]
        printed = document_levels([b.level for b in heads]) if art.kind == "document" else [level_of(b.text) for b in heads]
        it = iter(heading_levels(printed))
        new = tuple(b.with_(level=next(it)) if b.kind == "heading" else b for b in art.blocks)
        arts.append(art.with_(blocks=new))
    return issue.with_(articles=tuple(arts))
