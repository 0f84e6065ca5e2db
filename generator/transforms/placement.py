"""Placement: each article's text is its own, and the articles stand in printed order.

Conservation (conserve.py) proves that no printed line is lost; placement proves that
the text is where a reader will look for it:

- BODY_EMPTY (error): an article with no text at all.
- BODY_SHORT (warning): far less text than its printed pages hold.
- BODY_FOREIGN (error): the text under an article's head (title, subtitle, keywords,
  abstract) is another article's. The measure: TF-IDF-weighted cosine likeness of
  character bigrams (and Latin words) between each head and every text of the issue,
  the IDF taken over the issue's texts so words every article uses weigh little, and the
  term frequency sublinear (1 + log tf) so a line repeated by damage does not drown the
  rest. On the samples an article's head is 2.3 to 11.6 times likelier to its own text than to
  any other; a text swapped under another head falls below a tenth of the other's. A text is foreign
  when another text is at least FOREIGN times likelier to its head than its own is.
- RUNNING_HEAD (info): the running heads the reader took out of the text, in one note.
- ARTICLE_ORDER (warning): an issue printed out of page order is put in page order (the
  articles' first pages are their printed order); the ones that stood out of place are
  reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..cjk import HAN_RUN as _HAN_RUN
from ..diagnostics import report
from ..model import Article, Diagnostic, Issue, Span

TEXT_KINDS = ("para", "heading", "item", "raw")
MIN_CHARS_PER_PAGE = 100  # the samples hold 560-710 characters a page
FOREIGN = 2.0
_WORD = re.compile(r"[A-Za-z]{3,}")


def body_text(art: Article) -> str:
    return "\n".join(b.text for b in art.blocks if b.kind in TEXT_KINDS)


def head_text(art: Article) -> str:
    return "\n".join(x for x in (art.title, art.subtitle or "", " ".join(art.keywords), art.abstract or "") if x)


def terms(text: str) -> Counter:
    """Character bigrams of every run of Han characters, and Latin words (lower case)."""
    out: Counter = Counter()
    for run in _HAN_RUN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w.lower() for w in _WORD.findall(text))
    return out


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    """Sublinear term frequency times IDF: a term repeated a thousand times (a damaged line)
    weighs about seven times one said once, not a thousand."""
    return {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}


def _likeness(a: dict[str, float], b: dict[str, float]) -> float:
    num = sum(w * b[t] for t, w in a.items() if t in b)
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return num / (na * nb) if na and nb else 0.0


def _foreign(issue: Issue, arts: list[Article]) -> list[Diagnostic]:
    """Each article whose head is far likelier to another article's text than to its own."""
    head_terms = [terms(head_text(a)) for a in arts]
    body_terms = [terms(body_text(a)) for a in arts]
    df = Counter(t for b in body_terms for t in b)
    n = len(body_terms)
    idf = {t: math.log((n + 1) / (k + 0.5)) for t, k in df.items()}
    heads = [_weights(h, idf) for h in head_terms]
    bodies = [_weights(b, idf) for b in body_terms]
    out = []
    for i, art in enumerate(arts):
        if not heads[i] or not bodies[i] or not (art.abstract or art.keywords):
            continue
        row = [_likeness(heads[i], b) if b else 0.0 for b in bodies]
        best = max((j for j in range(n) if j != i), key=lambda j: row[j])
        if row[best] > 0 and row[best] >= FOREIGN * row[i]:
            out.append(report("BODY_FOREIGN", Span(issue.source, _first_text_line(art)), title=art.title, other=arts[best].title,
                              own=f"{row[i]:.3f}", best=f"{row[best]:.3f}"))
    return out


def _first_text_line(art: Article) -> int:
    return next((b.line for b in art.blocks if b.kind in TEXT_KINDS), art.line)


def _bodies(issue: Issue) -> list[Diagnostic]:
    out = []
    for art in issue.articles:
        if art.kind != "article":
            continue
        text = body_text(art)
        chars = len(re.sub(r"\s+", "", text))
        if not chars:
            out.append(report("BODY_EMPTY", Span(issue.source, art.line), title=art.title))
            continue
        pages = art.last_page - art.first_page + 1 if art.first_page and art.last_page else 0
        if pages >= 2 and chars < MIN_CHARS_PER_PAGE * pages:
            out.append(report("BODY_SHORT", Span(issue.source, _first_text_line(art)), title=art.title, chars=chars, pages=pages,
                              per_page=MIN_CHARS_PER_PAGE))
    return out


def _in_page_order(issue: Issue) -> tuple[tuple[Article, ...], list[Diagnostic]]:
    arts = list(issue.articles)
    if issue.kind != "issue" or len(arts) < 2 or any(a.kind != "article" or a.first_page is None for a in arts):
        return issue.articles, []
    ordered = sorted(arts, key=lambda a: (a.first_page, a.line))
    if ordered == arts:
        return issue.articles, []
    keep = _longest_rising([a.first_page for a in arts])
    out = []
    for k, art in enumerate(arts):
        if k in keep:
            continue
        around = "、".join(f"p.{a.first_page}" for a in (arts[k - 1] if k else None, arts[k + 1] if k + 1 < len(arts) else None) if a)
        out.append(report("ARTICLE_ORDER", Span(issue.source, art.line), title=art.title, page=art.first_page, around=around))
    return tuple(ordered), out


def _longest_rising(values: list[int]) -> set[int]:
    """Indices of one longest strictly rising run (not necessarily adjacent) of `values`."""
    best: list[list[int]] = []
    for i, v in enumerate(values):
        chains = [c for c in best if values[c[-1]] < v]
        best.append(max(chains, key=len, default=[]) + [i])
    return set(max(best, key=len, default=[]))


def _running_heads(issue: Issue) -> list[Diagnostic]:
    """One note of the running heads the reader took out of the text."""
    heads = [b for a in issue.articles for b in a.blocks if b.kind == "break" and b.text]
    if not heads:
        return []
    return [report("RUNNING_HEAD", Span(issue.source, heads[0].line), "info", count=len(heads), text=heads[0].text.strip()[:40],
                   lines=tuple(b.line for b in heads))]


def check_placement(issue: Issue) -> Issue:
    diags = _running_heads(issue) + _bodies(issue)
    arts = [a for a in issue.articles if a.kind == "article"]
    if len(arts) >= 2:
        diags += _foreign(issue, arts)
    articles, order = _in_page_order(issue)
    diags += order
    if not diags:
        return issue
    return issue.with_(articles=articles, diagnostics=issue.diagnostics + tuple(diags))
