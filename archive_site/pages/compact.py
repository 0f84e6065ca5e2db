"""The written page without the templates' indentation: Material's and our templates
indent every line and leave blank lines between blocks, about 6 % of an article page
and more of the chrome repeated on every page (bench/README.md, issue 13).

Only whitespace that holds a line break is touched, and it keeps one line break: HTML
renders any run of white space between words or tags as one space (or none between
blocks), so the page reads and lays out the same. <pre>, <textarea>, <script> and
<style> are copied as they are (their white space can matter).
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAKS = re.compile(r"\n[ \t\r\n]*")


def compact_html(html: str) -> str:
    parts = _KEEP.split(html)
    # split() with two groups yields [text, kept, tag name, text, kept, tag name, ..., text]
    out = []
    for i in range(0, len(parts), 3):
        out.append(_BREAKS.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
