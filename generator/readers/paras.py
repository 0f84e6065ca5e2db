"""Source text -> paragraphs (runs of non-blank lines) with their line numbers,
and the marker patterns every house style prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..text import join_all

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚"

# A note reference in running text: ^[3], <sup>③</sup>, <sup>3</sup>, <sup>[3]</sup>, ^{3}
NOTE_REF = re.compile(rf"\^\[(\d{{1,3}})\]|<sup>\s*\[?([{CIRCLED}]|\d{{1,3}})\]?\s*</sup>|\^\{{(\d{{1,3}})\}}")
# A footnote definition opening a paragraph: "[3] …", "<sup>③</sup> …", "③ …"
NOTE_DEF = re.compile(rf"^(?:\[(\d{{1,3}})\]|<sup>\s*\[?([{CIRCLED}]|\d{{1,3}})\]?\s*</sup>|([{CIRCLED}]))\s*")
# The starred note: "^{*} …", "\* …", "* …", "＊ …" (one star, then white space)
STAR_DEF = re.compile(r"^(?:\^\{\*\}|\\\*|\*(?!\*)|＊)\s+")
# Page-break artefacts: a horizontal rule line.
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# A Markdown list item or table row: kept line for line, never joined.
LIST_LINE = re.compile(r"^\s*(?:[-+*]\s+|\d{1,3}[.．]\s*\S|\|)")


def marker_number(label: str) -> int:
    """'3' -> 3, '③' -> 3."""
    if label.isascii() and label.isdigit():
        return int(label)
    return CIRCLED.index(label) + 1


def first_group(m: re.Match) -> str:
    return next(g for g in m.groups() if g is not None)


@dataclass(frozen=True)
class Para:
    lines: tuple[str, ...]
    line: int  # line number of the first line

    @cached_property
    def text(self) -> str:
        """The lines joined as one run of text (wrapped lines of a paragraph)."""
        return join_all(self.lines)

    @cached_property
    def first(self) -> str:
        return self.lines[0].strip()

    def is_list(self) -> bool:
        return all(LIST_LINE.match(ln) for ln in self.lines) and len(self.lines) > 1


def split_paras(text: str) -> list[Para]:
    """Group lines into paragraphs; lines of only white space separate them."""
    paras: list[Para] = []
    cur: list[str] = []
    start = 0
    for no, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not cur:
                start = no
            cur.append(line.rstrip())
        elif cur:
            paras.append(Para(tuple(cur), start))
            cur = []
    if cur:
        paras.append(Para(tuple(cur), start))
    return paras
