"""Readers: one per house style. `read` picks the one that recognises the text."""

from __future__ import annotations

from ..decode import InputError
from ..model import Issue
from .bracket import BracketReader
from .document import DocumentReader
from .lenticular import LenticularReader
from .paras import split_paras

READERS = (BracketReader(), LenticularReader(), DocumentReader())


def detect(text: str):
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
