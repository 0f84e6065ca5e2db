"""Inline text of the source -> safe Markdown.

Raw HTML is escaped (no source may inject markup); bound note references
become `[^N]`; bare URLs become autolinks.
"""

from __future__ import annotations

import re

from ..transforms.notes import REF_CLOSE, REF_OPEN

# '<' that does not open an autolink (<https://…>, <mailto:…>)
RAW_LT = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]+>)")
REF = re.compile(f"{REF_OPEN}(\\??)([^{REF_CLOSE}]*){REF_CLOSE}")
# A URL not already inside <…>, (…) or […]
BARE_URL = re.compile(r"(?<![<(\[/\w])(https?://[^\s<>\"，。；、）」】》\]]+)")
STAR_IN_TEXT = re.compile(r"\^\{\*\}")
UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data):", re.I)


def escape_html(text: str) -> str:
    text = RAW_LT.sub("&lt;", text)
    return UNSAFE_LINK.sub("](#", text)


def _ref(m: re.Match) -> str:
    if m.group(1):  # unresolved: keep the printed marker visible
        return f"<sup>{m.group(2)}</sup>"
    return f"[^{m.group(2)}]"


def body_text(text: str) -> str:
    text = STAR_IN_TEXT.sub("", text)
    return REF.sub(_ref, escape_html(text))


def _autolink(m: re.Match) -> str:
    url = m.group(1)
    trail = ""
    while url and url[-1] in ".,;:!?)'’”":
        trail = url[-1] + trail
        url = url[:-1]
    return f"<{url}>{trail}"


def note_text(text: str) -> str:
    return BARE_URL.sub(_autolink, escape_html(text))
