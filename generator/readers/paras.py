"""Source text -> paragraphs (runs of non-blank lines) with their line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..markers import LIST_LINE, RUNNING_HEAD
from .fields import label_of
from ..text import join_all

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

    @cached_property
    def running_head(self) -> str | None:
        """The page number of a paragraph that is a running head or foot ('' when it prints
        none); None for any other paragraph."""
        if len(self.lines) != 1:
            return None
        m = RUNNING_HEAD.match(self.lines[0])
        return next((g for g in m.groups() if g), "") if m else None

    def is_list(self) -> bool:
        return all(LIST_LINE.match(ln) for ln in self.lines) and len(self.lines) > 1


def split_paras(text: str) -> list[Para]:
    """Group lines into paragraphs; lines of only white space separate them, a running head or
    foot left in the text is a paragraph of its own (never part of a sentence), and a labelled
    line (〔提 要〕…) opens a paragraph even when the blank line before it is lost."""
    paras: list[Para] = []
    cur: list[str] = []
    start = 0
    for no, line in enumerate(text.split("\n"), 1):
        if line.strip() and RUNNING_HEAD.match(line):
            if cur:
                paras.append(Para(tuple(cur), start))
                cur = []
            paras.append(Para((line.rstrip(),), no))
        elif line.strip():
            if cur and label_of(line.strip()):
                paras.append(Para(tuple(cur), start))
                cur = []
            if not cur:
                start = no
            cur.append(line.rstrip())
        elif cur:
            paras.append(Para(tuple(cur), start))
            cur = []
    if cur:
        paras.append(Para(tuple(cur), start))
    return paras
