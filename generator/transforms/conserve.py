"""Nothing printed is lost: every source line is accounted for in the model.

Runs last, over the finished model and the source text. The model's text is
every string any reader or transform kept, found by walking the dataclasses
(so a new field is covered without touching this module). A source line is
accounted for when each of its 8-character pieces (white space, Markdown
marks and note markers aside) occurs in that text. Lines that are not are
kept, as printed, on a back-matter page "未归类文本", and reported as one
TEXT_UNPLACED error per run of lines: a reader or transform that drops text
cannot do so silently.

The check takes time linear in the text (`_Held`): most lines are printed in the
model as they stand and in order, so each is first looked for near where the line
before it was found; only the lines missed so are squashed and looked for further,
and only those still missing are decided piece by piece. The answer is the
definition's for every line (tests/test_conservation.py compares the two).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from itertools import accumulate, repeat
from operator import itemgetter

from ..cjk import NFKC_ALONE
from ..diagnostics import Span, report
from ..markers import CIRCLED, NOTE_DEF, NOTE_REF, STAR_REF, may_hold_note_ref, may_hold_star_ref
from ..model import BackMatter, Issue

UNPLACED_KIND, UNPLACED_TITLE, UNPLACED_SLUG = "unplaced", "未归类文本", "unplaced"
GRAM = 8
# Marks that carry no printed text: Markdown syntax, brackets, white space, circled numbers.
_NOISE = re.compile(rf"[\s\u200b*_`\\<>#\[\]()|\-—－–~～:：.,，。、;；!！?？\"'“”‘’《》〈〉「」『』【】〔〕（）{CIRCLED}]")
# What opens a line as structure, not text: a note's printed number, an item's number, a list dash.
_LINE_MARK = re.compile(rf"^(?:{NOTE_DEF.pattern[1:]}|\d{{1,3}}[.．]\s+|[-+*]\s+|[■□◆●▲]\s*)")
_MARKUP = re.compile(r"</?(?:sup|sub|span|a|em|strong|i|b|br|p|div)\b[^>]*>|\^\{\*\}|\\\*")


# Over text made only of characters that normalise alone (cjk.NFKC_ALONE), NFKC and so `squash`
# without its marks are a map of each character: squashing a piece of the text gives a piece of
# the squashed text.
_UNSAFE = re.compile(f"[^{NFKC_ALONE}]")


def _marked(text: str) -> bool:
    """Whether the text may hold a mark: each (NOTE_REF, STAR_REF, _MARKUP) opens with '^', '<' or '\\'."""
    return "^" in text or "<" in text or "\\" in text

# Noise that squashing removes whatever surrounds it (each one safe, and noise once normalised):
# a line may begin or end with it and still be the same text.
_EDGE = " \t\u3000\u200b*_`\\<>#[]()|-—－–~～:：.,，。、;；!！?？\"'“”‘’《》〈〉「」『』【】〔〕（）"


def _unmarked(text: str) -> str:
    """The text without note references, markup and stars (the first half of `squash`)."""
    if may_hold_note_ref(text):
        text = NOTE_REF.sub("", text)
    text = _MARKUP.sub("", text)
    return STAR_REF.sub("", text) if may_hold_star_ref(text) else text


def squash(text: str) -> str:
    """Printed text without white space, markup, note markers or punctuation; width-folded."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", _unmarked(text)))


# Fields that hold no printed text: what a thing is and where it came from, the
# diagnostics (their messages quote the text they are about), and the printed numbers
# of notes, items and note references (the source's marks are left out of the comparison too).
_NOT_TEXT = frozenset({"kind", "style", "source", "slug", "diagnostics", "refs"})
_NOT_TEXT_OF = {"Block": frozenset({"marker"}), "Note": frozenset({"printed"})}
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type) -> tuple[str, ...]:
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        skip = _NOT_TEXT | _NOT_TEXT_OF.get(cls.__name__, frozenset())
        names = _TEXT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.name not in skip)
    return names


def model_text(obj) -> list[str]:
    """Every string held anywhere in a model object (dataclasses, tuples, dicts), in order."""
    out: list[str] = []
    add = out.append

    def walk(o) -> None:
        if isinstance(o, str):
            add(o)
        elif isinstance(o, (tuple, list)):
            for x in o:
                if isinstance(x, str):
                    add(x)
                elif x is not None:
                    walk(x)
        elif o is None or isinstance(o, (int, float)):
            return
        elif dataclasses.is_dataclass(o):
            for name in _text_fields(type(o)):
                x = getattr(o, name)
                if isinstance(x, str):
                    add(x)
                elif x is not None and not isinstance(x, (int, float)):
                    walk(x)
        elif isinstance(o, dict):
            for x in o.values():
                walk(x)

    walk(obj)
    return out


class _Held:
    """Answers, line by line, whether the model holds a source line's text.

    The definition (`exact`): a line is held when each of its 8-character pieces (its
    squashed text cut every 8 characters, and its last 8; a shorter line whole) occurs in
    the squashed model text, the model's strings joined without a separator (a line split
    into two strings, a run-in heading and its paragraph, is found across the seam).

    Deciding that for every line from the squashed model costs a normalisation of every
    string and a set of every 8-character piece of the model. Most lines are printed in the
    model as they stand and in order, so they are looked for first in the model's text
    before squashing (`raw`, its marks taken out), just after where the line before was
    found (a few places are followed at once: the body, the notes, the fields of the head),
    then at the start of a string of the model (a new field or note), then anywhere in it (a
    bounded number of whole scans per model). A line found so is held: when the model's text
    is made of characters whose normalisation depends on no neighbour (`cjk.NFKC_ALONE`;
    else every line takes the definition), squashing is a map of each character, so the
    squashed line lies in the squashed model. A line not found so is squashed and looked for in the
    squashed text around those places; only what is still not found is decided by the
    definition itself. Each line thus costs time in its own length (plus a share of the
    bounded scans), and the answer is the definition's for every line (`shortcuts=False`
    decides every line by the definition, for the tests to compare).
    """

    PLACES = 6  # places in the model followed at once
    AHEAD = 512  # how far past a place the next line is looked for (characters)
    BACK = 64
    SCANS = 16  # scans of the whole model text allowed, per model, before the definition decides
    KEY = 6  # the length of the keys of the index of the strings' starts

    def __init__(self, texts: list[str], shortcuts: bool = True):
        self.texts = texts
        raw = [_unmarked(t) if _marked(t) else t for t in texts]
        self.raw = "".join(raw)
        self.fast = shortcuts and _UNSAFE.search(self.raw) is None
        self.raw_parts = raw
        self.places = [0]  # where the last lines were found in `raw`, the latest first
        self.scanned = 0  # characters of `raw` scanned in whole-text searches
        self._starts: dict[str, list[int]] | None = None
        self._whole: str | None = None
        self._grams: set[str] | None = None
        self._piece_scans = 0

    def holds(self, line: str) -> bool:
        text = line.strip()
        if mark := _LINE_MARK.match(text):  # (anchored, never empty: the same as removing it with sub)
            text = text[mark.end() :]
        if not self.fast:
            return self.exact(squash(text))
        core = (_unmarked(text) if _marked(text) else text).strip(_EDGE)
        if not core or self._near(core) or self._at_start(core) or self._anywhere(core):
            return True
        squashed = squash(text)
        return not squashed or self._around(squashed, len(text)) or self.exact(squashed)

    # ---- looking for the line as it stands
    def _near(self, core: str) -> bool:
        raw, places = self.raw, self.places
        for k, at in enumerate(places):
            pos = raw.find(core, at - self.BACK if at > self.BACK else 0, at + len(core) + self.AHEAD)
            if pos >= 0:
                if k:
                    del places[k]
                    places.insert(0, pos + len(core))
                else:
                    places[0] = pos + len(core)
                return True
        return False

    def _follow(self, end: int) -> None:
        self.places.insert(0, end)
        del self.places[self.PLACES :]

    def _at_start(self, core: str) -> bool:
        if len(core) < self.KEY:
            return False
        if self._starts is None:  # the first KEY characters of each string (edge marks aside) -> where it starts in raw
            parts = self.raw_parts
            bare = list(map(str.lstrip, parts, repeat(_EDGE)))
            ends = accumulate(map(len, parts))
            self._starts = starts = {}
            for key, end, size in zip(map(itemgetter(slice(0, self.KEY)), bare), ends, map(len, bare)):
                if len(key) == self.KEY:
                    starts.setdefault(key, []).append(end - size)
        for pos in self._starts.get(core[: self.KEY], ()):
            if self.raw.startswith(core, pos):
                self._follow(pos + len(core))
                return True
        return False

    def _anywhere(self, core: str) -> bool:
        if self.scanned >= self.SCANS * len(self.raw):
            return False
        self.scanned += len(self.raw)
        pos = self.raw.find(core)
        if pos < 0:
            return False
        self._follow(pos + len(core))
        return True

    def _around(self, squashed: str, length: int) -> bool:
        raw = self.raw
        for at in self.places:
            near = raw[max(0, at - self.BACK) : at + 2 * length + self.AHEAD]
            if squashed in _NOISE.sub("", unicodedata.normalize("NFKC", near)):
                return True
        return False

    # ---- the definition
    def exact(self, squashed: str) -> bool:
        """Whether each 8-character piece of a squashed line occurs in the squashed model."""
        if self._whole is None:
            self._whole = "".join(squash(t) for t in self.texts)
        whole = self._whole
        if len(squashed) < GRAM:
            return not squashed or squashed in whole
        pieces = [squashed[i : i + GRAM] for i in range(0, len(squashed) - GRAM + 1, GRAM)]
        pieces.append(squashed[-GRAM:])
        if self._grams is None and self._piece_scans + len(pieces) > self.SCANS:
            self._grams = {whole[i : i + GRAM] for i in range(len(whole) - GRAM + 1)}
        if self._grams is None:
            self._piece_scans += len(pieces)
            return all(p in whole for p in pieces)
        return all(p in self._grams for p in pieces)


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
    held = _Held(model_text(issue))
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip() and not held.holds(line)]


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
