"""Heading numbers run 1, 2, 3 under each parent: a skip or a repeat is reported.

Pattern: the headings of one scheme (一、 / （一） / 1.) under one parent heading count up
from one. '一、二、四、' lost 三; '（二）' as the first under its parent lost （一）; '二、二、'
is a number printed twice. A heading of an outer scheme, or an unnumbered one at the top
level, starts the inner counts again. Reported (HEADING_SKIP), never renumbered: the text
as printed is what the page shows.
"""

from __future__ import annotations

from ..diagnostics import report
from ..markers import NUMBERING, number_value, numbering_of
from ..model import Article, Diagnostic, Issue, Span

_LEVEL = {scheme: level for scheme, _pattern, level in NUMBERING}
_LABEL = {"cn": "{}、", "cn_paren": "（{}）", "arabic": "{}."}
_CN = "一二三四五六七八九十"


def _numeral(scheme: str, n: int) -> str:
    if scheme == "arabic":
        return str(n)
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def _label(scheme: str, n: int) -> str:
    return _LABEL[scheme].format(_numeral(scheme, n))


def _article(art: Article, source: str) -> list[Diagnostic]:
    out = []
    last: dict[str, tuple[int, str]] = {}  # scheme -> (last number, its heading's text)
    for b in art.blocks:
        if b.kind != "heading":
            continue
        found = numbering_of(b.text)
        level = found[1] if found else 2
        for scheme in [s for s in last if _LEVEL[s] > level]:
            del last[scheme]
        if not found:
            continue
        scheme, _level, m = found
        n = number_value(scheme, m)
        prev = last.get(scheme)
        expected = prev[0] + 1 if prev else 1
        if n != expected:
            if n > expected:
                missing = "、".join(_label(scheme, k) for k in range(expected, min(n, expected + 5)))
            else:
                missing = f"{_label(scheme, expected)}（{_label(scheme, n)}重复）"
            after = f"«{prev[1][:20]}»" if prev else "its parent heading"
            after_zh = f"“{prev[1][:20]}”" if prev else "上级标题"
            out.append(report("HEADING_SKIP", Span(source, b.line), text=b.text[:30], after=after, after_zh=after_zh, missing=missing))
        last[scheme] = (n, b.text)
    return out


def check_outline(issue: Issue) -> Issue:
    diags = [d for art in issue.articles for d in _article(art, issue.source)]
    if not diags:
        return issue
    return issue.with_(diagnostics=issue.diagnostics + tuple(diags))
