"""A document that is not a journal article (a treaty, a strategy paper):
'# title', an optional subtitle, '##' headings, numbered paragraphs."""

from __future__ import annotations

import re

from ..model import Article, Block, Issue
from .body import classify, strip_heading_marks
from .journal import clean_title
from .paras import Para, split_paras

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


class DocumentReader:
    style = "document"

    def score(self, paras: list[Para]) -> int:
        heads = sum(1 for p in paras if p.first.startswith("#"))
        return 1 if heads and paras and paras[0].first.startswith("# ") else 0

    def read(self, text: str, source: str) -> Issue:
        paras = split_paras(text)
        title, _ = clean_title(paras[0].text)
        i = 1
        subtitle = None
        if i < len(paras) and len(paras[i].text) <= 80 and not paras[i].first.startswith("#") and _is_subtitle(paras[i]):
            subtitle = paras[i].text
            i += 1
        blocks: list[Block] = []
        for p in paras[i:]:
            for b in classify(p, numbered_items=True):  # (a document has no starred note: a starred line is text)
                if b.kind == "heading":
                    hashes, text = strip_heading_marks(p.first)
                    b = Block("heading", b.text, b.line, level=hashes or 2)
                blocks.append(b)
        year = YEAR.search(title)
        art = Article(kind="document", title=title, subtitle=subtitle, line=paras[0].line, blocks=tuple(blocks))
        return Issue(
            source=source,
            kind="document",
            style=self.style,
            year=int(year.group(1)) if year else None,
            articles=(art,),
        )


def _is_subtitle(p: Para) -> bool:
    """A short line under the title that is not the opening of the text."""
    return not re.search(r"[。！？]$", p.text) and not re.match(r"^\d+[.．]", p.first)
