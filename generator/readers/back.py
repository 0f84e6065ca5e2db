"""Back matter of a journal source: English abstracts, annual index, notices, each kept
whole on a page of its own, split at their printed headings."""

from __future__ import annotations

import re

from ..cjk import has_han
from ..model import BackMatter
from . import english
from .annual_index import read_index
from .paras import Para

# Back-matter headings: (kind, slug, pattern on a short paragraph).
BACK_MATTER = (
    ("english_abstracts", "abstracts-en", re.compile(r"^(?:Abstracts?|ABSTRACTS?|英文摘要)$")),
    ("annual_index", "annual-index", re.compile(r"^.{0,30}(?:总目录|总目次|年度目录)$")),
    ("submission_guidelines", "guidelines", re.compile(r"^(?:投稿注意事项|投稿须知|稿约|征稿启事|来稿须知|投稿指南)$")),
    ("subscription_notice", "subscription", re.compile(r"^(?:欢迎订阅|订阅启事|征订启事|订阅办法|订阅须知)$")),
)


HEADING_MARKS = re.compile(r"^#{1,6}\s+|\*\*")


def back_matter_kind(para: Para) -> tuple[str, str] | None:
    if len(para.lines) > 2 or len(para.first) > 40 or len(para.text) > 40:
        return None
    text = HEADING_MARKS.sub("", para.text).strip()
    for kind, slug, pat in BACK_MATTER:
        if pat.match(text):
            return kind, slug
    return None


def english_block_at(paras: list[Para], i: int) -> bool:
    """English abstracts printed without a heading: title, English byline, [ Abstract ]."""
    if i + 2 >= len(paras) or has_han(paras[i].text):
        return False
    return english.has_byline_shape(paras[i + 1].text) and bool(english.EN_LABEL.match(paras[i + 2].text))


def read_back_matter(paras: list[Para]) -> tuple[list[BackMatter], list]:
    """Split trailing pages at their headings; parse English abstracts."""
    segments: list[tuple[str, str, list[Para]]] = []
    for n, p in enumerate(paras):
        kind = back_matter_kind(p)
        if kind:
            segments.append((kind[0], kind[1], [p]))
        elif english_block_at(paras, n) and not (segments and segments[-1][0] == "english_abstracts"):
            segments.append(("english_abstracts", "abstracts-en", [p]))
        elif segments:
            segments[-1][2].append(p)
        else:
            segments.append(("other", "other", [p]))
    back: list[BackMatter] = []
    abstracts = []
    for kind, slug, ps in segments:
        if kind == "english_abstracts":
            abstracts += english.parse_abstracts(ps[1:] if back_matter_kind(ps[0]) else ps)
        title = HEADING_MARKS.sub("", ps[0].text).strip()
        lines = tuple(ln.rstrip() for p in ps for ln in (list(p.lines) + [""]))
        back.append(BackMatter(kind, title[:60], lines, ps[0].line, slug, read_index(lines) if kind == "annual_index" else ()))
    return back, abstracts
