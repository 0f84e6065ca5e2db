"""Readers: one per house style, all of one shape (`Reader`). `read` picks the
one that recognises the text; a reader returns the raw model (blocks with their
printed markers and lines) and leaves every decision it need not make to the
transforms."""

from __future__ import annotations

from typing import Protocol

from ..decode import InputError
from ..model import Issue
from .bracket import BRACKET
from .document import DocumentReader
from .journal import JournalReader
from .lenticular import LENTICULAR
from .paras import Para, split_paras


class Reader(Protocol):
    style: str

    def score(self, paras: list[Para]) -> int:
        """How strongly the text looks like this style (0: not at all)."""

    def read(self, text: str, source: str) -> Issue:
        """The raw model of the text; ValueError when its structure is not this style's."""


READERS: tuple[Reader, ...] = (JournalReader(BRACKET), JournalReader(LENTICULAR), DocumentReader())


def detect(text: str) -> Reader:
    paras = split_paras(text)
    if not paras:
        raise InputError("no text")
    scored = [(r.score(paras), n, r) for n, r in enumerate(READERS)]
    best = max(scored, key=lambda s: (s[0], -s[1]))
    if best[0] <= 0:
        raise InputError("unrecognised structure: no journal labels (〔提 要〕, 【内容提要】) and no '# title'")
    return best[2]


def read(text: str, source: str) -> Issue:
    reader = detect(text)
    try:
        return reader.read(text, source)
    except ValueError as exc:
        raise InputError(f"unrecognised structure: {exc}") from None
