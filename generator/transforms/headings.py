"""Heading levels follow the printed numbering, not the printed '#' count.

一、 / 一 (space) -> 2;  （一） / (一) -> 3;  1. / 1． -> 4;  unnumbered -> 2.
Documents keep their printed levels, shifted so the highest is 2.
"""

from __future__ import annotations

from ..markers import UNNUMBERED_LEVEL, numbering_of
from ..model import Issue


def level_of(text: str) -> int:
    numbering = numbering_of(text)
    return numbering[1] if numbering else UNNUMBERED_LEVEL


def level_headings(issue: Issue) -> Issue:
    arts = []
    for art in issue.articles:
        heads = [b for b in art.blocks if b.kind == "heading"]
        if art.kind == "document":
            top = min((b.level for b in heads), default=2)
            shift = 2 - top
            new = tuple(b.with_(level=min(6, b.level + shift)) if b.kind == "heading" else b for b in art.blocks)
        else:
            new = tuple(b.with_(level=level_of(b.text)) if b.kind == "heading" else b for b in art.blocks)
        arts.append(art.with_(blocks=new))
    return issue.with_(articles=tuple(arts))
