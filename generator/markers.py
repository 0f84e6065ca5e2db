"""The marks every house style prints: note references and definitions, the
starred note, page rules, list lines, and heading numbering.

Readers use them to recognise blocks; transforms to bind notes and level
headings. Each pattern is defined here once.
"""

from __future__ import annotations

import re

from .cjk import HAN

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚"

# A note reference in running text: ^[3], <sup>③</sup>, <sup>3</sup>, <sup>[3]</sup>, ^{3}
NOTE_REF = re.compile(rf"\^\[(\d{{1,3}})\]|<sup>\s*\[?([{CIRCLED}]|\d{{1,3}})\]?\s*</sup>|\^\{{(\d{{1,3}})\}}")
# A footnote definition opening a paragraph: "[3] …", "<sup>③</sup> …", "③ …"
NOTE_DEF = re.compile(rf"^(?:\[(\d{{1,3}})\]|<sup>\s*\[?([{CIRCLED}]|\d{{1,3}})\]?\s*</sup>|([{CIRCLED}]))\s*")
# The starred note: "^{*} …", "\* …", "* …", "＊ …" (one star, then white space)
STAR_DEF = re.compile(r"^(?:\^\{\*\}|\\\*|\*(?!\*)|＊)\s+")
# The star that refers to it, in a title or in the text: ^{*}
STAR_REF = re.compile(r"\^\{\*\}")
# Page-break artefacts: a horizontal rule line.
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# A running head or foot left in the text by the PDF export: a page number between dots
# ('· 4 · 国际问题研究 2024 年第 2 期', '美国对北约政策评析 · 65 ·') or dashes ('— 4 —'), or the
# journal's name with the issue ('国际问题研究 2024 年第 2 期 5'). Never a sentence.
_HEAD_TEXT = r"[^。！？；;!?\n]{0,40}?"
_ISSUE_OF = rf"《?[{HAN}]{{2,12}}》?\s*\d{{4}}\s*年\s*第\s*\d{{1,2}}\s*期"
RUNNING_HEAD = re.compile(
    rf"^\s*(?:[·•・]\s*(\d{{1,4}})\s*[·•・]\s*{_HEAD_TEXT}|{_HEAD_TEXT}\s*[·•・]\s*(\d{{1,4}})\s*[·•・]"
    rf"|[-—–]\s*(\d{{1,4}})\s*[-—–]|{_ISSUE_OF}(?:\s+(\d{{1,4}}))?|(\d{{1,4}})\s+{_ISSUE_OF})\s*$"
)
# Every running head prints one of these (a dot, a dash or 期), and at most HEAD_CHARS
# characters besides white space (the longest: a 40-character title between dots and a page
# number). tests/test_properties.py checks both on heads made from the pattern.
HEAD_MARK = re.compile(r"[·•・\-—–期]")
HEAD_CHARS = 46


def running_head(line: str) -> re.Match | None:
    """RUNNING_HEAD.match(line), without trying the pattern on lines that cannot be one."""
    if not _has_head_mark(line) or sum(map(len, line.split())) > HEAD_CHARS:
        return None
    return RUNNING_HEAD.match(line)


def _has_head_mark(line: str) -> bool:
    """HEAD_MARK.search(line), by substring tests (each a search in C, where the pattern's scan
    tries every character against its set: the readers ask it of every line)."""
    return "·" in line or "•" in line or "・" in line or "-" in line or "—" in line or "–" in line or "期" in line


def may_hold_note_ref(text: str) -> bool:
    """False when `text` holds no NOTE_REF (each form opens with '^' or '<sup>'): a test in C
    before the pattern's scan of every character."""
    return "^" in text or "<sup>" in text


def may_hold_star_ref(text: str) -> bool:
    """Whether `text` holds STAR_REF (a literal: a substring test says it exactly)."""
    return "^{*}" in text

# A Markdown list item or table row: kept line for line, never joined.
LIST_LINE = re.compile(r"^\s*(?:[-+*]\s+|\d{1,3}[.．]\s*\S|\|)")


def marker_number(label: str) -> int:
    """'3' -> 3, '③' -> 3."""
    if label.isascii() and label.isdigit():
        return int(label)
    return CIRCLED.index(label) + 1


def first_group(m: re.Match) -> str:
    for g in m.groups():
        if g is not None:
            return g
    raise ValueError(f"no group of {m.re.pattern!r} took part in the match")


# ---------------------------------------------------------------- heading numbering

CN_NUM = "一二三四五六七八九十"
# The numbering schemes a heading may open with, outermost first, and the level each
# gives: 一、 / 一 (space) / 一. -> 2;  （一） / (一) -> 3;  1. / 1． / 1、 -> 4.
NUMBERING = (
    ("cn", re.compile(rf"^([{CN_NUM}]{{1,3}})(?:、|\s+|[.．](?!\d))"), 2),
    ("cn_paren", re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,3}})\s*[）)]\s*"), 3),
    ("arabic", re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*"), 4),
)
UNNUMBERED_LEVEL = 2


def numbering_of(text: str) -> tuple[str, int, re.Match] | None:
    """The numbering `text` opens with: (scheme, level, match), or None."""
    for scheme, pattern, level in NUMBERING:
        m = pattern.match(text)
        if m:
            return scheme, level, m
    return None


def number_value(scheme: str, m: re.Match) -> int:
    """The numeral of a numbering match as an integer: 三 -> 3, 十二 -> 12, 7 -> 7."""
    digits = m.group(1)
    if scheme == "arabic":
        return int(digits)
    value = 0
    for ch in digits:
        n = CN_NUM.index(ch) + 1
        if n == 10:
            value = (value or 1) * 10
        else:
            value += n
    return value
