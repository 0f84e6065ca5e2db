"""Source text -> paragraphs (runs of non-blank lines) with their line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from ..markers import LIST_LINE, running_head
from .fields import label_of
from ..text import join_all


class _once:
    """A property computed on first use and kept on the instance: functools.cached_property
    without the lock it takes on every first use before Python 3.12 (readers ask each of
    thousands of paragraphs for its text)."""

    def __init__(self, fn):
        self.fn, self.__doc__ = fn, fn.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class Para:
    lines: tuple[str, ...]
    line: int  # line number of the first line

    @_once
    def text(self) -> str:
        """The lines joined as one run of text (wrapped lines of a paragraph)."""
        return self.lines[0].strip() if len(self.lines) == 1 else join_all(self.lines)  # (one line: join_all strips it)

    @_once
    def first(self) -> str:
        return self.lines[0].strip()

    @_once
    def running_head(self) -> str | None:
        """The page number of a paragraph that is a running head or foot ('' when it prints
        none); None for any other paragraph."""
        if len(self.lines) != 1:
            return None
        m = running_head(self.lines[0])
        return next((g for g in m.groups() if g), "") if m else None

    def is_list(self) -> bool:
        return all(LIST_LINE.match(ln) for ln in self.lines) and len(self.lines) > 1


def split_paras(text: str) -> list[Para]:
    """Group lines into paragraphs; lines of only white space separate them, a running head or
    foot left in the text is a paragraph of its own (never part of a sentence), and a labelled
    line (〔提 要〕…) opens a paragraph even when the blank line before it is lost.

    The paragraphs of the last text split are kept, so that detecting a text's house style
    and reading it split it once (and ask each paragraph for its text once)."""
    last = _last
    if last is not None and last[0] is text:
        return list(last[1])
    paras: list[Para] = []
    cur: list[str] = []
    start = 0
    for no, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            if cur:
                paras.append(Para(tuple(cur), start))
                cur = []
        elif running_head(line):
            if cur:
                paras.append(Para(tuple(cur), start))
                cur = []
            paras.append(Para((line.rstrip(),), no))
        else:
            if cur and label_of(stripped):
                paras.append(Para(tuple(cur), start))
                cur = []
            if not cur:
                start = no
            cur.append(line.rstrip())
    if cur:
        paras.append(Para(tuple(cur), start))
    _remember(text, paras)
    return paras


_last: tuple[str, tuple[Para, ...]] | None = None


def _remember(text: str, paras: list[Para]) -> None:
    global _last
    _last = (text, tuple(paras))
