"""A block's or a note's text -> Markdown (escaping: escape.py).

A block's note references become `[^N]` where they stood (`<sup>3</sup>` as
printed when unresolved); a reference marker printed inside a note stays a
superscript; bare URLs in notes become autolinks. Every other character of
the text is text (escape.md_inline), never markup.
"""

from __future__ import annotations

import re

from .. import layout
from ..markers import NOTE_REF, STAR_REF, first_group, may_hold_note_ref, may_hold_star_ref
from ..model import Block, NoteRef
from .escape import html_text, md_inline, md_line

# Placeholders for the Markdown the writer itself puts into a text (note references):
# private-use characters, escaped as nothing, swapped for the Markdown afterwards.
_PRIVATE = (0xE000, 0xF8FF)
_REF_COLON = re.compile(r"^(\[\^\d+\]):", re.M)


def _ref(ref: NoteRef) -> str:
    if ref.number is None:  # unresolved: keep the printed marker visible
        return f"<sup>{html_text(ref.printed)}</sup>"
    return f"[^{ref.number}]"


def _lines(text: str) -> str:
    """Lines kept as printed (a list or a table): each line's marker or pipes stay."""
    return "\n".join(md_line(line) for line in text.split("\n"))


def _with_markup(pieces: list[str], markup: list[str], render=md_inline) -> str:
    """Text pieces with `markup[k]` between piece k and k+1 -> Markdown: the text escaped
    by `render` as one run (emphasis or a line's opening may span a reference), the markup
    as given."""
    text = "".join(pieces)
    if markup:
        marks = (chr(c) for c in range(*_PRIVATE) if chr(c) not in text)
        open_, close = next(marks), next(marks)
        joined = "".join(p + (f"{open_}{k}{close}" if k < len(markup) else "") for k, p in enumerate(pieces))
        out = re.sub(rf"{open_}(\d+){close}", lambda m: markup[int(m.group(1))], render(joined))
    else:
        out = render(text)  # (nothing to put back)
    # a paragraph opening with a reference and a colon would be a footnote definition
    return _REF_COLON.sub(r"\1&#58;", out) if "]:" in out else out


def page_anchor(page: int) -> str:
    """Where a printed page begins: an empty element a link to #p37 lands on (DPUB-ARIA
    doc-pagebreak, its number for the margin and for assistive technology). Named by its
    title (a tooltip on the margin number too): checkers that know no DPUB role on a <span>
    (axe-core) take an aria-label there for a name on an element that may have none."""
    return (f'<span class="ja-page" id="{layout.page_anchor(page)}" role="doc-pagebreak" '
            f'title="{layout.pages_label(page, None)}" data-page="{page}"></span>')


def body_text(block: Block, pages: bool = True) -> str:
    """A block's text as Markdown, its note references put back where they stood, and the
    anchors of the printed pages that begin in it (`pages`: False when the writer places them)."""
    marks = [(r.at, 1, _ref(r)) for r in block.refs]
    if pages:
        marks += [(p.at, 0, page_anchor(p.page)) for p in block.pages if p.page is not None]
    text = block.text
    # (the star is a literal: a piece of a text without one has none)
    unstar = (lambda piece: STAR_REF.sub("", piece)) if may_hold_star_ref(text) else str
    pieces, markup, pos = [], [], 0
    for at, _order, mark in sorted(marks):
        pieces.append(unstar(text[pos:at]))
        markup.append(mark)
        pos = at
    pieces.append(unstar(text[pos:]))
    if block.kind == "raw":
        return _with_markup(pieces, markup, _lines)
    return _with_markup(pieces, markup, lambda t: md_inline(t, opening=block.kind != "heading"))


def note_text(text: str, inserts: tuple[tuple[int, str], ...] = ()) -> str:
    """A note's text; a reference marker printed inside it stays a superscript. `inserts`:
    (offset, Markdown) the writer adds into the text (a link to an archived article)."""
    found = NOTE_REF.finditer(text) if may_hold_note_ref(text) else ()
    marks = [(m.start(), m.end(), f"<sup>{html_text(first_group(m))}</sup>") for m in found]
    inside = [(a, b) for a, b, _ in marks]
    marks += [(at, at, md) for at, md in inserts if not any(a < at < b for a, b in inside)]
    pieces, markup, pos = [], [], 0
    for start, end, mark in sorted(marks, key=lambda m: (m[0], m[1])):
        pieces.append(text[pos:start])
        markup.append(mark)
        pos = end
    pieces.append(text[pos:])
    return _with_markup(pieces, markup, lambda t: md_inline(t, bare_urls=True))
