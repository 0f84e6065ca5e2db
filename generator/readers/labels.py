"""Reading the labelled lines above an article's text, strictly: every label the house
style prints parses, or is reported at its line.

A label is read as printed (〔关 键 词〕, **【关键词】**) or, when it is garbled the
ways PDF exports and typists garble it, as the label it plainly is:

- a bracket lost (`关键词〕…`, `〔关键词…`, `关键词：…`);
- one character wrong in a name of three or more (`〔关健词〕`), when exactly one label
  is that close;
- two labels run together on one line (`〔中图分类号〕D815〔文献标识码〕A`), split.

Each repair is reported (LABEL_GARBLED, LABEL_RUN_TOGETHER). A bracketed name that is no
label the archive knows (`〔责任者〕`) is kept as printed and reported (LABEL_UNKNOWN),
never read into another field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cjk import HAN
from .fields import LABEL, LABEL_FIELDS

CJK_NAME = re.compile(rf"^[{HAN}](?:\s*[{HAN}]){{1,9}}$")
# The closing bracket kept, the opening lost: '关健词〕…'
NO_OPEN = re.compile(rf"^\**\s*([{HAN}][{HAN}\s]{{1,11}}?)\s*[〕】\]]\s*\**\s*[:：]?\s*")
# The opening bracket kept, the closing lost: '〔关键词习近平…' (the name is found by its spelling)
NO_CLOSE = re.compile(r"^\**\s*[〔【\[]\s*")
# No brackets, a colon: '关键词：…'
BARE = re.compile(rf"^\**\s*([{HAN}][{HAN}\s]{{1,11}}?)\s*\**\s*[:：]\s*")
# A second label inside a label's value: '…D815〔文献标识码〕A'
INNER = re.compile(r"\**\s*[〔【\[]\s*([^〕】\]]{1,12}?)\s*[〕】\]]\s*\**\s*[:：]?\s*")
_NAMES = sorted(LABEL_FIELDS, key=len, reverse=True)


@dataclass(frozen=True)
class Label:
    field: str | None  # None: a label-shaped name the archive does not know
    value: str
    name: str  # the name as printed, spaces removed
    garbled: str = ""  # how it was garbled ('' when printed right)


def _squash(name: str) -> str:
    return "".join(name.split())  # white space out


def _distance1(a: str, b: str) -> bool:
    """Whether a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def known(name: str) -> tuple[str | None, str]:
    """(field, '' or 'misspelt') for a printed label name; (None, '') when no label is that name
    or the one label a character away from it."""
    name = _squash(name)
    if name in LABEL_FIELDS:
        return LABEL_FIELDS[name], ""
    if len(name) >= 3:
        near = {LABEL_FIELDS[k] for k in LABEL_FIELDS if len(k) >= 3 and _distance1(name, k)}
        if len(near) == 1:
            return near.pop(), "misspelt"
    return None, ""


def read_label(text: str) -> Label | None:
    """The label a line opens with, as printed or garbled; None when it opens with none."""
    text = text.strip()
    if m := LABEL.match(text):
        field, how = known(m.group(1))
        if field is None and not CJK_NAME.match(m.group(1).strip()):
            return None  # '[1] …', '[ Abstract ]': not a Chinese label
        return Label(field, text[m.end():].strip(), _squash(m.group(1)), how)
    if m := NO_OPEN.match(text):
        field, how = known(m.group(1))
        if field:
            return Label(field, text[m.end():].strip(), _squash(m.group(1)), "bracket lost" + (", misspelt" if how else ""))
        return None
    if m := NO_CLOSE.match(text):
        rest = text[m.end():]
        squashed = _squash(rest[:24])
        for name in _NAMES:
            if squashed.startswith(name):
                cut = _after_chars(rest, len(name))
                value = re.sub(r"^\s*\**\s*[:：]?\s*", "", rest[cut:])
                return Label(LABEL_FIELDS[name], value.strip(), name, "bracket lost")
        return None
    if m := BARE.match(text):
        field, how = known(m.group(1))
        if field and len(_squash(m.group(1))) >= 3:
            return Label(field, text[m.end():].strip(), _squash(m.group(1)), "brackets lost" + (", misspelt" if how else ""))
    return None


def _after_chars(text: str, n: int) -> int:
    """The offset in `text` just after its first `n` characters that are not white space."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == n:
                return i + 1
    return len(text)


def split_run_together(value: str) -> tuple[str, list[Label]]:
    """A label's value with the labels run into it cut off: ('D815', [Label(doc_code, 'A')])."""
    hits = [m for m in INNER.finditer(value) if known(m.group(1))[0]]
    if not hits:
        return value, []
    out = []
    for n, m in enumerate(hits):
        end = hits[n + 1].start() if n + 1 < len(hits) else len(value)
        field, how = known(m.group(1))
        out.append(Label(field, value[m.end():end].strip(), _squash(m.group(1)), how))
    return value[: hits[0].start()].strip(), out
