"""The comma-separated parts of what follows a title, outside brackets, quotes
and italics (*Rethinking Security: Identity, Power and Efficiency* is one part)."""

from __future__ import annotations

import re

PAIRS = {"《": "》", "〈": "〉", "“": "”", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "[": "]", "<": ">"}
COMMAS = frozenset("，,")
CJK_COMMAS = frozenset("，,、")  # Japanese separates a reference's parts with 、


MARKS = re.compile(r"[*《〈“「『（(【\[<]")
TOKENS = re.compile("|".join(map(re.escape, "*" + "".join(PAIRS) + "".join(PAIRS.values()) + "".join(CJK_COMMAS))))
PLAIN = {COMMAS: re.compile(r"[，,]"), CJK_COMMAS: re.compile(r"[，,、]")}


def split_parts(text: str, commas: frozenset[str] = COMMAS) -> list[str]:
    """'《书名》，出版社 2020 年版，第 5 页' -> ['《书名》', '出版社 2020 年版', '第 5 页'] (stripped, none empty)."""
    if not MARKS.search(text):  # no mark to keep whole: a plain split
        return list(filter(None, map(str.strip, PLAIN[commas].split(text))))
    parts: list[str] = []
    stack: list[str] = []
    italic = False
    start = 0
    for m in TOKENS.finditer(text):  # the characters the cut depends on (every other one changes nothing)
        ch, i = m.group(), m.start()
        if ch == "*":
            italic = not italic
        elif ch in PAIRS:
            stack.append(PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in commas and not stack and not italic:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if italic or stack:  # an unclosed mark: cut at every comma rather than not at all
        parts = [p for chunk in text.split(",") for p in chunk.split("，")]
    return list(filter(None, map(str.strip, parts)))  # stripped, the empty ones dropped
