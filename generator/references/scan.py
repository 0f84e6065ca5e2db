"""Where the references of a note stand: its pieces, and in each piece the
reference's start, its authors, its title mark and what follows the title.

A note is cut into pieces at `；` / `;` and at `。`, outside any bracket,
quote or URL (a title may hold a `;`; a URL may hold anything). A quote left
open (a lost closing mark: “Title, *Journal* …; Author, “Title,” …) does not
swallow the next reference: a separator inside a quote whose next opening
mark comes before its closing one ends the piece.

In a piece, the reference starts after commentary and a leading 参见 / 转引自 /
See (kept as its `prefix`) and is anchored on its title mark: 《…》 (Chinese),
“…” or "…" around Latin text (English), 「…」 (Korean and Japanese articles),
『…』 (their books), *…* (an English book's italic title). What precedes the
mark is the byline (`作者：`, `Author, `), what follows it the rest
(parsed by zh.py or latin.py). A piece with a pointer (同上, Ibid.) is a
pointer; a piece with a URL and no title mark is a web reference; a piece with
neither is commentary and holds no reference. A title mark followed by prose
(《国际武器贸易条例》是…) is commentary too: a reference's title is followed by
its punctuation, its container or its date.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..cjk import HAN
from ..cjk import HANGUL as HANGUL_RANGE
from . import gbt
from .fields import HANGUL

OPENERS = {"《": "》", "〈": "〉", "“": "”", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "[": "]"}
CLOSERS = frozenset(OPENERS.values())
SEPARATORS = frozenset("；;。")
# A URL inside a note, skipped whole while cutting (it may hold ; and brackets).
URL_AT = re.compile(r"<https?://[^\s<>]*>|https?://[^\s<>\"，。；;、（）」』】》\])]*")

# A lead-in before a reference: 参见, 转引自, See (at a piece's start, or after commentary).
PREFIX_START = re.compile(r"^(?P<p>参见|参阅|详见|另见|又见|转引自|引自|参考|参照|见|참고|참조|See also|See|Cf\.|cf\.)(?:[：:]|\s)*")
PREFIX_FIRST = frozenset("参详另又转引见참SCc")  # what a lead-in begins with
PREFIX_LAST = re.compile(r"(?P<p>参见|参阅|详见|另见|又见|转引自|引自|参考|参照|前引|참고|참조|\b(?:[Ss]ee also|[Ss]ee|[Cc]f\.|[Qq]uoted in|[Cc]ited in))[：:]?\s*")
# What every PREFIX_LAST match holds; alternatives that each begin with a literal, which the regex
# engine scans for fast (PREFIX_LAST itself is tried at every character of a byline).
LEAD_IN_HINT = re.compile(r"参|详|另|又|引|前|참|ee|f\.|d in")
# Pointers: Ibid. / *Ibid.* / 同上 / 同上书 / 同前注 / 前引
IBID = re.compile(r"^\*?(?:Ibid|ibid|IBID)(?:em)?\.?\*?[.,]?\s*(?P<loc>.*)$", re.S)
CN_IBID = re.compile(r"^(?:同上(?:书|文|注)?)(?P<loc>.*)$", re.S)
CN_SEE_ABOVE = re.compile(r"^(?:同前注|同前|前引书|前引文|前引)(?![^《]*《)(?P<loc>.*)$", re.S)  # 前引 + a title: a short form
POINTER_START = frozenset("*IiI同前")  # what a pointer begins with
# The title marks a reference is anchored on.
ANCHOR = re.compile(r"《|“|\"|「|『|\*(?=[^\s*])")
# What may follow a Chinese title for the piece to be a reference (not prose).
ZH_AFTER = re.compile(r"^\s*(?:白皮书|蓝皮书|报告|一书|一文|第\s*[一二三四五六七八九十\d]{1,3}\s*[卷册辑](?:[（(][上下][）)])?)?"
                      r"\s*(?:$|[，,。.；;（(《]|\d|<|https?:|\[)")
# 《求是》杂志编辑部：《…》 — a title mark inside the byline.
IN_BYLINE = re.compile(r"^[^，,。《》]{0,20}[：:]\s*(?=《)")
LATIN_START = re.compile(r"^\s*[‘'\"“]?\s*[A-Za-z0-9À-ɏ]")
CJK_OR_HANGUL = re.compile(f"[{HAN}{HANGUL_RANGE}]")
CLOSE = {"《": "》", "“": "”", '"': '"', "「": "」", "『": "』", "*": "*"}


# What the cutter looks at: a URL (skipped whole), a mark that opens or closes, a separator.
# Each mark its own alternative: alternatives that all begin with a literal are scanned for fast
# by the regex engine (a character class among them is tried at every position).
CUT_MARKS = "《》〈〉“”「」『』（）()【】[]\"；;。"
CUT_TOKENS = re.compile(URL_AT.pattern + "|" + "|".join(map(re.escape, CUT_MARKS)))
CUT_MARKS_ONLY = re.compile(f"[{re.escape(CUT_MARKS)}]")  # for a note without a URL
LOOKAHEAD = 600  # a title or quote is never longer: marks are paired within this many characters


def pieces(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each piece of `text` (separators excluded; blank pieces dropped).
    One pass over the marks and separators only (a regex finds them)."""
    if ";" not in text and "；" not in text and "。" not in text:  # no separator: one piece (most notes)
        return [(0, len(text))] if text.strip() else []
    out: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for m in (CUT_TOKENS if "http" in text else CUT_MARKS_ONLY).finditer(text):
        ch = m.group(0)
        if len(ch) > 1:  # a URL
            continue
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append('"')
        elif ch in CLOSERS:
            if ch in stack:
                while stack and stack.pop() != ch:
                    pass
        else:  # a separator
            i = m.start()
            if stack and ch != "。" and _left_open(text, i, stack):
                stack.clear()
            if not stack:
                out.append((start, i))
                start = i + 1
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _left_open(text: str, i: int, stack: list[str]) -> bool:
    """At a separator inside marks: is the innermost mark one that never closes (its
    closer is not printed within reach, or a curly quote opens again before it closes)?"""
    closer = stack[-1]
    nxt = text.find(closer, i + 1, i + LOOKAHEAD)
    if nxt < 0:
        return True
    if closer == "”":
        again = text.find("“", i + 1, nxt)
        return again >= 0
    return False


class Found(NamedTuple):
    """What a piece holds: where its reference starts and ends, and its parts."""

    start: int  # the reference's start in the note (after any prefix)
    end: int
    prefix: str | None
    form: str  # 'zh', 'quote', 'ko_article' (「」), 'book' (*italic*), 'cjk_book' (『』), 'gbt', 'url', 'ibid', 'see_above'
    byline: str = ""  # the text before the title mark
    title: str | None = None
    rest: str = ""  # the text after the title mark


def _close(piece: str, at: int, mark: str) -> int:
    """The index of the mark closing the one at `at` (-1 when none)."""
    closer = CLOSE[mark]
    if mark == "《":  # nested 《》 pair up (《…《…》…》)
        end, k = min(len(piece), at + LOOKAHEAD), at
        while True:
            k = piece.find("》", k + 1, end)
            if k < 0:
                return -1
            if piece.count("《", at, k + 1) == piece.count("》", at, k + 1):
                return k
    return piece.find(closer, at + 1, at + LOOKAHEAD)


def locate(text: str, s: int, e: int) -> Found | None:
    """The reference in the piece text[s:e], or None when it holds none (commentary)."""
    piece = text[s:e]
    bare = piece.lstrip()
    s += len(piece) - len(bare)
    piece = bare.rstrip()
    e = s + len(piece)
    if not piece:
        return None
    prefix = None
    lead = 0
    m = PREFIX_START.match(piece) if piece[:1] in PREFIX_FIRST else None
    if m and (m.group("p") != "见" or len(piece) > m.end()):
        prefix, lead = m.group("p"), m.end()
    body = piece[lead:]
    if body[:1] in POINTER_START:
        for rx, form in ((IBID, "ibid"), (CN_IBID, "ibid"), (CN_SEE_ABOVE, "see_above")):
            pm = rx.match(body)
            if pm:
                return Found(s + lead, e, prefix, form, rest=pm.group("loc"))
    if "[" in body and gbt.match(body):  # GB/T 7714 proper: 作者. 题名[J]. 刊名, 2020(3): 5.
        return Found(s + lead, e, prefix, "gbt", rest=body)
    pos = lead
    while True:
        a = ANCHOR.search(piece, pos)
        if not a:
            break
        mark = a.group(0)
        at = a.start()
        close = _close(piece, at, mark)
        if close >= 0:
            inner, after = piece[at + 1 : close], piece[close + 1 :]
        else:
            # a quote left open before an italic container (“Title, *Journal*, …): the title ends at that comma
            cut = piece.find(", *", at + 1, at + LOOKAHEAD) if mark in "“\"" else -1
            if cut < 0:
                pos = at + 1
                continue
            close, inner, after = cut - 1, piece[at + 1 : cut], piece[cut:]
        byline = piece[lead:at]
        if mark == "《":
            if not ZH_AFTER.match(after):
                inside = IN_BYLINE.match(after)
                if inside:  # 《求是》杂志编辑部：《…》
                    pos = close + 1 + inside.end()
                    continue
                return None
        elif mark in "“\"*":
            if not LATIN_START.match(inner):  # “全球南方”: an emphasis, not a title
                pos = close + 1
                continue
        found = _with_byline(text, s, e, lead, prefix, byline, mark, inner, after)
        if found is not None:
            return found
        return None
    return _url_only(text, s, e, lead, prefix, piece)


FORMS = {"《": "zh", "“": "quote", '"': "quote", "「": "ko_article", "『": "cjk_book", "*": "book"}  # by title mark


def _with_byline(text, s, e, lead, prefix, byline, mark, inner, after) -> Found | None:
    """The reference anchored on a title mark, when what precedes it is a byline
    (or commentary ending in a lead-in such as 参见, which then becomes the prefix)."""
    start = s + lead
    last = None
    if LEAD_IN_HINT.search(byline):
        for last in PREFIX_LAST.finditer(byline):
            pass
    if last is not None:
        prefix = last.group("p")
        start += last.end()
        byline = byline[last.end() :]
    elif mark in "“\"*" and not byline.isascii() and CJK_OR_HANGUL.search(byline) and not HANGUL.search(byline):
        return None  # Chinese prose before an English title: commentary
    bare = byline.strip()
    if bare:
        if mark == "《":
            if not bare.endswith(("：", ":")) or len(bare) > 80 or "。" in bare:
                return None
        elif mark in "「『" and len(bare) <= 30 and not re.search(r"[，,。；;]", bare):
            pass  # 山本吉宣「…」: Japanese prints no mark between the byline and the title
        elif not bare.endswith((",", "，", "、", ":", "：")) or len(bare) > 250:
            return None
    return Found(start, e, prefix, FORMS[mark], bare, inner, after)


def _url_only(text, s, e, lead, prefix, piece) -> Found | None:
    """A piece with a URL and no title mark: a web reference (its text as printed)."""
    if not URL_AT.search(piece):
        return None
    start = s + lead
    body = piece[lead:]
    if LEAD_IN_HINT.search(body):
        for last in PREFIX_LAST.finditer(body):
            prefix, start = last.group("p"), s + lead + last.end()
    return Found(start, e, prefix, "url", rest=text[start:e])
