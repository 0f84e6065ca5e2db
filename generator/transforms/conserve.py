"""Nothing printed is lost: every source line is accounted for in the model.

Runs last, over the finished model and the source text. The model's text is
every string any reader or transform kept, found by walking the dataclasses
(so a new field is covered without touching this module). A source line is
accounted for when each of its 8-character pieces (white space, Markdown
marks and note markers aside) occurs in that text. Lines that are not are
kept, as printed, on a back-matter page "未归类文本", and reported as one
TEXT_UNPLACED error per run of lines: a reader or transform that drops text
cannot do so silently.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from ..diagnostics import Span, report
from ..markers import CIRCLED, NOTE_DEF, NOTE_REF, STAR_REF
from ..model import BackMatter, Issue

UNPLACED_KIND, UNPLACED_TITLE, UNPLACED_SLUG = "unplaced", "未归类文本", "unplaced"
GRAM = 8
# Marks that carry no printed text: Markdown syntax, brackets, white space, circled numbers.
_NOISE = re.compile(rf"[\s\u200b*_`\\<>#\[\]()|\-—－–~～:：.,，。、;；!！?？\"'“”‘’《》〈〉「」『』【】〔〕（）{CIRCLED}]")
# What opens a line as structure, not text: a note's printed number, an item's number, a list dash.
_LINE_MARK = re.compile(rf"^(?:{NOTE_DEF.pattern[1:]}|\d{{1,3}}[.．]\s+|[-+*]\s+|[■□◆●▲]\s*)")
_MARKUP = re.compile(r"</?(?:sup|sub|span|a|em|strong|i|b|br|p|div)\b[^>]*>|\^\{\*\}|\\\*")


def squash(text: str) -> str:
    """Printed text without white space, markup, note markers or punctuation; width-folded."""
    text = NOTE_REF.sub("", text)
    text = STAR_REF.sub("", _MARKUP.sub("", text))
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


# Fields that hold no printed text: what a thing is and where it came from, the
# diagnostics (their messages quote the text they are about), and the printed numbers
# of notes, items and note references (the source's marks are left out of the comparison too).
_NOT_TEXT = frozenset({"kind", "style", "source", "slug", "diagnostics", "refs"})
_NOT_TEXT_OF = {"Block": frozenset({"marker"}), "Note": frozenset({"printed"})}


def model_text(obj) -> list[str]:
    """Every string held anywhere in a model object (dataclasses, tuples, dicts), in order."""
    out: list[str] = []

    def walk(o) -> None:
        if isinstance(o, str):
            out.append(o)
        elif dataclasses.is_dataclass(o):
            skip = _NOT_TEXT_OF.get(type(o).__name__, frozenset())
            for f in dataclasses.fields(o):
                if f.name not in _NOT_TEXT and f.name not in skip:
                    walk(getattr(o, f.name))
        elif isinstance(o, (tuple, list)):
            for x in o:
                walk(x)
        elif isinstance(o, dict):
            for x in o.values():
                walk(x)

    walk(obj)
    return out


def _grams(texts: list[str]) -> tuple[set[str], str]:
    # joined without a separator: a line split into two strings (a run-in heading and its
    # paragraph) is found across the seam
    whole = "".join(squash(t) for t in texts)
    return {whole[i : i + GRAM] for i in range(len(whole) - GRAM + 1)}, whole


def _placed(line: str, grams: set[str], whole: str) -> bool:
    s = squash(_LINE_MARK.sub("", line.strip()))
    if len(s) < GRAM:
        return not s or s in whole
    pieces = [s[i : i + GRAM] for i in range(0, len(s) - GRAM + 1, GRAM)]
    pieces.append(s[-GRAM:])
    return all(p in grams for p in pieces)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def unplaced_lines(issue: Issue, text: str) -> list[int]:
    """1-based numbers of the source lines whose text the model does not hold."""
    grams, whole = _grams(model_text(issue))
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip() and not _placed(line, grams, whole)]


def conserve(issue: Issue, text: str) -> Issue:
    missing = unplaced_lines(issue, text)
    if not missing:
        return issue
    lines = text.split("\n")
    kept: list[str] = []
    diags = []
    for first, last in _runs(missing):
        if kept:
            kept.append("")
        kept += [lines[n - 1].rstrip() for n in range(first, last + 1)]
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        diags.append(report("TEXT_UNPLACED", Span(issue.source, first), where=where, text=lines[first - 1].strip()[:40],
                            first=first, last=last))
    page = BackMatter(UNPLACED_KIND, UNPLACED_TITLE, (UNPLACED_TITLE, "", *kept), missing[0], UNPLACED_SLUG)
    return issue.with_(back_matter=issue.back_matter + (page,), diagnostics=issue.diagnostics + tuple(diags))
