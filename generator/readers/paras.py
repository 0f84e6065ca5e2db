"""Source text -> paragraphs (runs of non-blank lines) with their line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..markers import LIST_LINE
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
