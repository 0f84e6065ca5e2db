"""Rejoin paragraphs cut by a page break.

Pattern: a text paragraph that does not end a sentence, followed (after page
furniture: rules, blank runs, note blocks already lifted out) by another
text paragraph, is one paragraph cut in two. '…重要平' + '台，金砖…' -> one.
Headings, tables and lists are never joined.
"""

from __future__ import annotations

from ..model import Article, Block, Issue
from ..text import is_cut, join_spans

JOINABLE = ("para", "item")


def _join(blocks: list[Block]) -> Block:
    """One block from the pieces of a cut paragraph; note references and page marks follow their text."""
    text, starts = join_spans(b.text for b in blocks)
    def moved(marks):
        return tuple(m.with_at(min(max(start + m.at, 0), len(text))) for b, start in zip(blocks, starts) for m in marks(b))

    return blocks[0].with_(text=text, refs=moved(lambda b: b.refs), pages=moved(lambda b: b.pages))


def join_article(art: Article) -> Article:
    """Cut paragraphs joined; rules dropped; running heads (breaks with text) kept as printed
    furniture, after the paragraph they cut."""
    groups: list[list[Block]] = []
    held: list[Block] = []  # running heads met while a cut paragraph may still go on
    for b in art.blocks:
        if b.kind == "break":
            if b.text:
                held.append(b)
            continue
        if b.kind == "para" and groups and groups[-1][0].kind in JOINABLE and is_cut(groups[-1][-1].text):
            groups[-1].append(b)
            continue
        groups += [[h] for h in held] + [[b]]
        held = []
    groups += [[h] for h in held]
    return art.with_(blocks=tuple(g[0] if len(g) == 1 else _join(g) for g in groups))


def join_pages(issue: Issue) -> Issue:
    return issue.with_(articles=tuple(join_article(a) for a in issue.articles))
