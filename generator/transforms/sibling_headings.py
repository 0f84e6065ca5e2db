"""A numbered paragraph whose siblings are headings is a heading.

Pattern: headings are numbered in sequences (一、二、三、; （一）（二）（三）;
1. 2. 3.), each sequence under one heading of an outer scheme. The reader
decides block by block, so one member of a sequence may come out a paragraph:
printed alone but closing with '。', or run into its text with a long first
sentence. When a sequence of consecutive numbers holds at least one heading,
its paragraph members become headings too: the whole paragraph when it is
short and one sentence, else its first sentence, the rest staying a paragraph
('（一）合作机制不断完善。事实上，…' -> heading + paragraph).
"""

from __future__ import annotations

import re

from ..markers import NUMBERING, number_value, numbering_of
from ..model import Article, Block, Issue

MAX_HEAD = 120  # a heading is at most this long; a longer numbered paragraph gives its first sentence
_FIRST_SENTENCE = re.compile(r"[。！？!?]")
_LEVEL = {scheme: level for scheme, _pattern, level in NUMBERING}


def _sequences(blocks: tuple[Block, ...]) -> list[list[int]]:
    """Indices of numbered blocks (paragraphs and headings), in runs of consecutive numbers
    of one scheme; a block of an outer scheme (or an unnumbered heading) closes the inner runs."""
    done: list[list[int]] = []
    open_: dict[str, tuple[list[int], int]] = {}  # scheme -> (indices, last number)
    for i, b in enumerate(blocks):
        if b.kind not in ("para", "heading"):
            continue
        found = numbering_of(b.text)
        if found is None:
            if b.kind == "heading":
                _close(open_, done, lambda s: _LEVEL[s] > 2)
            continue
        scheme, level, m = found
        n = number_value(scheme, m)
        _close(open_, done, lambda s: _LEVEL[s] > level)
        run = open_.get(scheme)
        if run is not None and n == run[1] + 1:
            run[0].append(i)
            open_[scheme] = (run[0], n)
        else:
            if run is not None:
                done.append(run[0])
            open_[scheme] = ([i], n)
    _close(open_, done, lambda s: True)
    return done


def _close(open_: dict, done: list, which) -> None:
    for scheme in [s for s in open_ if which(s)]:
        done.append(open_.pop(scheme)[0])


def split_heading(b: Block) -> list[Block]:
    """A numbered paragraph as a heading, or as a heading and the paragraph it runs into
    (cut after its first sentence when text follows it)."""
    m = _FIRST_SENTENCE.search(b.text, 0, MAX_HEAD)
    if m is None or len(b.text) - m.end() < 10:
        return [b.with_(kind="heading", level=0)] if len(b.text) <= MAX_HEAD else [b]
    cut = m.end()
    head = b.with_(kind="heading", level=0, text=b.text[:cut], refs=tuple(r for r in b.refs if r.at <= cut),
                   pages=tuple(p for p in b.pages if p.at <= cut))
    rest_text = b.text[cut:]
    lead = len(rest_text) - len(rest_text.lstrip())
    rest = b.with_(text=rest_text.strip(), refs=tuple(r.with_at(max(r.at - cut - lead, 0)) for r in b.refs if r.at > cut),
                   pages=tuple(p.with_at(max(p.at - cut - lead, 0)) for p in b.pages if p.at > cut))
    return [head, rest]


def promote_article(art: Article) -> Article:
    if art.kind != "article":
        return art
    promote: set[int] = set()
    for run in _sequences(art.blocks):
        kinds = {art.blocks[i].kind for i in run}
        if kinds == {"para", "heading"}:
            promote.update(i for i in run if art.blocks[i].kind == "para")
    if not promote:
        return art
    blocks: list[Block] = []
    for i, b in enumerate(art.blocks):
        blocks += split_heading(b) if i in promote else [b]
    return art.with_(blocks=tuple(blocks))


def promote_siblings(issue: Issue) -> Issue:
    return issue.with_(articles=tuple(promote_article(a) for a in issue.articles))
