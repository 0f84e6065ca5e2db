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
from itertools import repeat
from operator import mul

from ..cjk import HAN
from ..diagnostics import report
from ..model import Article, Diagnostic, Issue, Span

TEXT_KINDS = ("para", "heading", "item", "raw")
MIN_CHARS_PER_PAGE = 100  # the samples hold 560-710 characters a page
FOREIGN = 2.0
_HAN_BIGRAM = re.compile(f"(?=([{HAN}]{{2}}))")  # every two Han characters side by side, overlapping
_WORD = re.compile(r"[A-Za-z]{3,}")


def body_text(art: Article) -> str:
    return "\n".join(b.text for b in art.blocks if b.kind in TEXT_KINDS)


def head_text(art: Article) -> str:
    return "\n".join(x for x in (art.title, art.subtitle or "", " ".join(art.keywords), art.abstract or "") if x)


def terms(text: str) -> Counter:
    """Character bigrams of every run of Han characters, and Latin words (lower case)."""
    out = Counter(_HAN_BIGRAM.findall(text))
    out.update(map(str.lower, _WORD.findall(text)))
    return out


def _one_plus_log(n: int) -> float:
    """1 + log n, each value computed once (term frequencies are small integers)."""
    try:
        return _ONE_PLUS_LOG[n]
    except IndexError:
        _ONE_PLUS_LOG.extend(1 + math.log(k) for k in range(len(_ONE_PLUS_LOG), n + 1))
        return _ONE_PLUS_LOG[n]


_ONE_PLUS_LOG: list[float] = [0.0]


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    """Sublinear term frequency times IDF: a term repeated a thousand times (a damaged line)
    weighs about seven times one said once, not a thousand."""
    _one_plus_log(max(counts.values(), default=0))
    return dict(zip(counts, map(mul, map(_ONE_PLUS_LOG.__getitem__, counts.values()), map(idf.get, counts, repeat(0.0)))))


def _norm(weights: dict[str, float]) -> float:
    return math.sqrt(sum(map(mul, weights.values(), weights.values())))


def _body_norm(counts: Counter, idf: dict[str, float]) -> float:
    """_norm(_weights(counts, idf)) of a text, without keeping the weights (a text's terms are
    all in idf, which is taken over the texts)."""
    _one_plus_log(max(counts.values(), default=0))
    weights = list(map(mul, map(_ONE_PLUS_LOG.__getitem__, counts.values()), map(idf.__getitem__, counts)))
    return math.sqrt(sum(map(mul, weights, weights)))


def _likeness(head: dict[str, float], body: Counter, idf: dict[str, float], head_norm: float, body_norm: float) -> float:
    """Cosine of a head's weights and a text's (term counts), each text's weight computed as
    _weights computes it."""
    num = sum(w * (_ONE_PLUS_LOG[body[t]] * idf[t]) for t, w in head.items() if t in body)
    return num / (head_norm * body_norm) if head_norm and body_norm else 0.0


def likeness_rows(arts: list[Article]) -> list[list[float] | None]:
    """The likeness of each article's head (rows) to each article's text (columns); None for
    a head, or a text, with no terms."""
    head_terms = [terms(head_text(a)) for a in arts]
    body_terms = [terms(body_text(a)) for a in arts]
    df: Counter = Counter()
    for b in body_terms:
        df.update(b.keys())
    n = len(body_terms)
    idf_of = {k: math.log((n + 1) / (k + 0.5)) for k in set(df.values())}
    idf = dict(zip(df, map(idf_of.__getitem__, df.values())))
    body_norms = [_body_norm(b, idf) for b in body_terms]
    rows: list[list[float] | None] = []
    for h, own in zip(head_terms, body_terms):
        if not h or not own:
            rows.append(None)
            continue
        head = _weights(h, idf)
        head_norm = _norm(head)
        rows.append([_likeness(head, b, idf, head_norm, nb) if b else 0.0 for b, nb in zip(body_terms, body_norms)])
    return rows


def _foreign(issue: Issue, arts: list[Article]) -> list[Diagnostic]:
    """Each article whose head is far likelier to another article's text than to its own."""
    rows = likeness_rows(arts)
    n = len(arts)
    out = []
    for i, art in enumerate(arts):
        row = rows[i]
        if row is None or not (art.abstract or art.keywords):
            continue
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
        chars = sum(map(len, text.split()))  # the characters that are not white space
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
