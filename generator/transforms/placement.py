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

import numpy as np

from ..cjk import HAN, HAN_CHAR
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
    out.update(_words(text))
    return out


def _words(text: str) -> list[str]:
    """The Latin words, lower case (lowered in one call: they are ASCII letters only)."""
    return " ".join(_WORD.findall(text)).lower().split()


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


# The bigrams of the texts are counted with numpy: a bigram is a key (the first character's
# code above the second's; Han characters are all in the BMP), and a text's counts come out in
# the order each bigram first appears, the order `terms` gives. Every weight is the same product
# of the same two floats as in _weights, and every sum is Python's, over the same terms in the
# same order: the likeness is the same number to the last bit (tests/test_placement.py compares
# it with the definition, term by term).
_HAN_RANGES = [(ord(lo), ord(hi)) for lo, hi in re.findall("(.)-(.)", HAN.encode().decode("unicode_escape"))]
assert all(HAN_CHAR.match(chr(lo)) and HAN_CHAR.match(chr(hi)) and hi < 1 << 16 for lo, hi in _HAN_RANGES), "cjk.HAN as ranges"


class _Text:
    """A text's terms: its Han bigrams as sorted keys with their counts, the same keys in order of
    first appearance with theirs, and its Latin words (a Counter, in order too)."""

    def __init__(self, text: str):
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        han = np.zeros(len(codes), dtype=bool)
        for lo, hi in _HAN_RANGES:
            han |= (codes >= lo) & (codes <= hi)
        at = np.flatnonzero(han[:-1] & han[1:]).astype(np.uint64)  # where each bigram starts
        keys = (codes[at].astype(np.uint64) << np.uint64(16)) | codes[at + np.uint64(1)]
        ordered = np.sort((keys << np.uint64(32)) | at)  # by bigram, then by place: each group's first is its first place
        keys = ordered >> np.uint64(32)
        starts = np.flatnonzero(np.concatenate(([len(keys) > 0], keys[1:] != keys[:-1])))
        self.sorted, self.sorted_counts = keys[starts], np.diff(np.append(starts, len(keys)))
        self.order = np.argsort(ordered[starts] & np.uint64(0xFFFFFFFF))  # by first place (distinct)
        self.keys, self.counts = self.sorted[self.order], self.sorted_counts[self.order]
        self.words = Counter(_words(text))

    def __bool__(self) -> bool:
        return bool(len(self.keys) or self.words)

    def tf(self, keys: np.ndarray) -> np.ndarray:
        """The count of each key in this text (0 for a key it lacks)."""
        return self.count(self.sorted, self.sorted_counts, keys)

    @staticmethod
    def count(sorted_keys: np.ndarray, counts: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """counts[i] for each key that is sorted_keys[i], 0 for a key not there."""
        if not len(sorted_keys) or not len(keys):
            return np.zeros(len(keys), dtype=np.int64)
        at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
        return np.where(sorted_keys[at] == keys, counts[at], 0)


class _Head:
    """A head's weights (as _weights gives them), its bigrams' keys, weights and idf as arrays,
    and its words, in the head's order of terms (bigrams first, as `terms` gives them)."""

    def __init__(self, weights: dict[str, float], idf: dict[str, float]):
        self.weights, self.norm = weights, _norm(weights)
        bigrams = [t for t in weights if len(t) == 2]  # (a word has three letters or more)
        self.keys = np.array([ord(t[0]) << 16 | ord(t[1]) for t in bigrams], dtype=np.uint64)
        self.bigram_weights = np.array([weights[t] for t in bigrams])
        self.bigram_idf = np.array([idf.get(t, 0.0) for t in bigrams])
        self.words = [(t, w) for t, w in weights.items() if len(t) != 2]

    def likeness(self, body: _Text, body_norm: float, idf: dict[str, float], one_plus_log: np.ndarray) -> float:
        """Cosine of the head's weights and a text's, each text's weight as _weights computes it:
        w * ((1 + log tf) * idf) for each term of the head the text has, summed in the head's order."""
        tf = body.tf(self.keys)
        found = tf > 0
        products = (self.bigram_weights[found] * (one_plus_log[tf[found]] * self.bigram_idf[found])).tolist()
        products += [w * (_ONE_PLUS_LOG[body.words[t]] * idf[t]) for t, w in self.words if t in body.words]
        num = sum(products)
        return num / (self.norm * body_norm) if self.norm and body_norm else 0.0


def likeness_rows(arts: list[Article]) -> list[list[float] | None]:
    """The likeness of each article's head (rows) to each article's text (columns); None for
    a head, or a text, with no terms."""
    head_terms = [terms(head_text(a)) for a in arts]
    bodies = [_Text(body_text(a)) for a in arts]
    n = len(bodies)
    idf_of = [0.0] + [math.log((n + 1) / (k + 0.5)) for k in range(1, n + 1)]
    # document frequencies: of the bigrams (each text's keys are distinct), of the words
    all_keys, where, df_keys = np.unique(np.concatenate([b.sorted for b in bodies]), return_inverse=True, return_counts=True)
    ends = np.cumsum([len(b.sorted) for b in bodies])
    df_words: Counter = Counter()
    for b in bodies:
        df_words.update(b.words.keys())
    idf_table = np.array(idf_of)
    _one_plus_log(max([int(b.counts.max()) for b in bodies if len(b.counts)] + [max(b.words.values(), default=0) for b in bodies]))
    one_plus_log = np.array(_ONE_PLUS_LOG)
    body_norms = []
    for b, end in zip(bodies, ends):
        df = df_keys[where[end - len(b.sorted) : end]][b.order]  # of the text's bigrams, in their order
        weights = (one_plus_log[b.counts] * idf_table[df]).tolist()
        weights += [_ONE_PLUS_LOG[c] * idf_of[df_words[w]] for w, c in b.words.items()]
        body_norms.append(math.sqrt(sum(map(mul, weights, weights))))
    rows: list[list[float] | None] = []
    for h, own in zip(head_terms, bodies):
        if not h or not own:
            rows.append(None)
            continue
        bigrams = [t for t in h if len(t) == 2]
        keys = np.array([ord(t[0]) << 16 | ord(t[1]) for t in bigrams], dtype=np.uint64)
        df = _Text.count(all_keys, df_keys, keys).tolist()
        idf = {t: idf_of[k] for t, k in zip(bigrams, df) if k}
        idf.update((t, idf_of[df_words[t]]) for t in h if len(t) != 2 and t in df_words)
        head = _Head(_weights(h, idf), idf)
        rows.append([head.likeness(b, nb, idf, one_plus_log) if b else 0.0 for b, nb in zip(bodies, body_norms)])
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
