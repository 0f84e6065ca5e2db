"""Heading levels follow the printed numbering, not the printed '#' count.

一、 / 一 (space) -> 2;  （一） / (一) -> 3;  1. / 1． -> 4;  unnumbered -> 2.
Documents keep their printed levels, shifted so the highest is 2.
"""

from __future__ import annotations

import re

from ..model import Block, Issue

CN = "一二三四五六七八九十"
LEVELS = (
    (re.compile(rf"^[{CN}]{{1,3}}(?:、|\s|[.．])"), 2),
    (re.compile(rf"^[（(]\s*[{CN}]{{1,3}}\s*[）)]"), 3),
    (re.compile(r"^\d{1,2}\s*[.．、]"), 4),
)


def level_of(text: str) -> int:
    for pattern, level in LEVELS:
        if pattern.match(text):
            return level
    return 2


def level_headings(issue: Issue) -> Issue:
    arts = []
    for art in issue.articles:
        heads = [b for b in art.blocks if b.kind == "heading"]
        if art.kind == "document":
            top = min((b.level for b in heads), default=2)
            shift = 2 - top
            new = tuple(Block("heading", b.text, b.line, min(6, b.level + shift)) if b.kind == "heading" else b for b in art.blocks)
        else:
            new = tuple(Block("heading", b.text, b.line, level_of(b.text)) if b.kind == "heading" else b for b in art.blocks)
        arts.append(art.with_(blocks=new))
    return issue.with_(articles=tuple(arts))
