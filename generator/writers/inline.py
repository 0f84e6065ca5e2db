"""Inline text of the source -> safe Markdown.

Raw HTML is escaped (no source may inject markup); a block's note references
become `[^N]` where they stood (`<sup>3</sup>` as printed when unresolved);
bare URLs in notes become autolinks.
"""

from __future__ import annotations

import re

from .. import layout
from ..markers import NOTE_REF, STAR_REF, first_group
from ..model import Block, NoteRef

# '<' that does not open an autolink (<https://…>, <mailto:…>)
RAW_LT = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]+>)")
# A URL not already inside <…>, (…) or […]
BARE_URL = re.compile(r"(?<![<(\[/\w])(https?://[^\s<>\"，。；、）」】》\]]+)")
UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data):", re.I)


def escape_html(text: str) -> str:
    # (each pattern needs its literal: text without it is left as it is, without a regex pass)
    if "<" in text:
        text = RAW_LT.sub("&lt;", text)
    return UNSAFE_LINK.sub("](#", text) if "](" in text else text


def _ref(ref: NoteRef) -> str:
    if ref.number is None:  # unresolved: keep the printed marker visible
        return f"<sup>{ref.printed}</sup>"
    return f"[^{ref.number}]"


def _text(text: str) -> str:
    return escape_html(STAR_REF.sub("", text) if "^{*}" in text else text)


def page_anchor(page: int) -> str:
    """Where a printed page begins: an empty element a link to #p37 lands on (DPUB-ARIA
    doc-pagebreak, its number for the margin and for assistive technology)."""
    return (f'<span class="ja-page" id="{layout.page_anchor(page)}" role="doc-pagebreak" '
            f'aria-label="{layout.pages_label(page, None)}" data-page="{page}"></span>')


def body_text(block: Block, pages: bool = True) -> str:
    """A block's text as Markdown, its note references put back where they stood, and the
    anchors of the printed pages that begin in it (`pages`: False when the writer places them)."""
    marks = [(r.at, 1, _ref(r)) for r in block.refs]
    if pages:
        marks += [(p.at, 0, page_anchor(p.page)) for p in block.pages if p.page is not None]
    if not marks:
        return _text(block.text)
    out, pos = [], 0
    for at, _order, mark in sorted(marks):
        out += [_text(block.text[pos:at]), mark]
        pos = at
    out.append(_text(block.text[pos:]))
    return "".join(out)


def _autolink(m: re.Match) -> str:
    url = m.group(1)
    trail = ""
    while url and url[-1] in ".,;:!?)'’”":
        trail = url[-1] + trail
        url = url[:-1]
    return f"<{url}>{trail}"


def note_text(text: str) -> str:
    """A note's text; a reference marker printed inside it stays a superscript."""
    out, pos = [], 0
    for m in NOTE_REF.finditer(text):
        out += [_note_piece(text[pos : m.start()]), f"<sup>{first_group(m)}</sup>"]
        pos = m.end()
    out.append(_note_piece(text[pos:]))
    return "".join(out)


def _note_piece(text: str) -> str:
    text = escape_html(text)
    return BARE_URL.sub(_autolink, text) if "http" in text else text
