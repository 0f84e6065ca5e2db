"""Paragraphs of an article (or document) body -> raw blocks.

Blocks keep their printed markers; binding notes to references, joining
pages and levelling headings happen later, in the transforms.
"""

from __future__ import annotations

import re

from ..diagnostics import report
from ..markers import NOTE_DEF, NOTE_REF, RULE, STAR_DEF, first_group, may_hold_note_ref, numbering_of
from ..model import Block, Span
from ..text import CJK_CHAR, is_cut
from .fields import editor_of
from .paras import Para

# Headings printed without a number.
PLAIN_HEADINGS = {"引言", "导言", "导论", "前言", "结语", "结论", "余论", "小结", "结束语"}
# The '#' marks and bold a source may print around a heading.
HASHES = re.compile(r"^(#{1,6})\s+")
MAX_HEADING = 50
RUN_IN_CUT = re.compile(r"[。\s\u3000]+")
BOLD = re.compile(r"^\*\*(.+)\*\*$")
CLAUSE_END = re.compile(r"[。；;]\s*$")
ITEM = re.compile(r"^(\d{1,3})[.．]\s+")
# A line this long under an ended note, with no blank line between, is a paragraph of text.
TEXT_LINE = 20


def strip_heading_marks(text: str) -> tuple[int, str]:
    m = HASHES.match(text)
    hashes = len(m.group(1)) if m else 0
    text = text[m.end():] if m else text
    text = text.strip()
    if text.startswith("**"):
        text = BOLD.sub(r"\1", text)
    return hashes, text.strip()


def is_heading_text(text: str) -> bool:
    plain = "".join(text.split())  # white space out
    if plain in PLAIN_HEADINGS:
        return True
    return numbering_of(text) is not None and len(text) <= MAX_HEADING and not CLAUSE_END.search(text)


def split_run_in(text: str) -> tuple[str, str] | None:
    """'一、引言 当今世界……' -> ('一、引言', '当今世界……') for a heading run into its paragraph."""
    numbering = numbering_of(text)
    if not numbering or len(text) <= MAX_HEADING:
        return None
    m = numbering[2]
    for cut in RUN_IN_CUT.finditer(text, m.end() + 2):
        if cut.start() > 40:
            break
        head, rest = text[: cut.start()] + cut.group().strip(), text[cut.end():]
        if len(rest) >= 10:
            return head.strip(), rest
    return None


def is_text_after_note(note: str, line: str) -> bool:
    """Whether a line printed right under a note, with no blank line between, is body text and
    not the note wrapped: the note had ended (a sentence or a URL closes it) and the line
    carries a note reference or a heading number, or is a paragraph of prose of its own."""
    if is_cut(note.rsplit("\n", 1)[-1]):
        return False  # the note stops mid-sentence: the line is its continuation
    line = line.strip()
    return (may_hold_note_ref(line) and bool(NOTE_REF.search(line))) or is_heading_text(line) or (len(line) >= TEXT_LINE and bool(CJK_CHAR.search(line)))


def note_blocks(para: Para) -> tuple[list[Block], Para | None] | None:
    """A paragraph of footnote definitions (one or several lines, one note each), and the
    rest of the paragraph when body text follows the notes with no blank line between."""
    if not NOTE_DEF.match(para.first):
        return None
    notes: list[Block] = []
    for offset, line in enumerate(para.lines):
        m = NOTE_DEF.match(line.strip())
        if m:
            notes.append(Block("note", line.strip()[m.end():], para.line + offset, marker=first_group(m)))
        elif is_text_after_note(notes[-1].text, line):
            return notes, Para(para.lines[offset:], para.line + offset)
        else:  # a wrapped note line
            prev = notes[-1]
            notes[-1] = Block("note", prev.text + "\n" + line.strip(), prev.line, marker=prev.marker)
    return notes, None


def classify(para: Para, *, numbered_items: bool = False, starred: bool = False, diags: list | None = None,
             source: str = "") -> list[Block]:
    """One source paragraph -> one or more raw blocks (`diags` collects what the reader repaired).
    A paragraph opening with a star is the starred note when the title is `starred` or the star
    is a superscript (^{*}, never a list mark); otherwise it is text (a list line, a note whose
    title star is lost), kept where it stands."""
    first = para.first
    if RULE.match(para.lines[0]) and all(RULE.match(ln) for ln in para.lines[1:]):
        return [Block("break", "", para.line)]
    if para.running_head is not None:  # page furniture: kept as printed, out of the text
        return [Block("break", first, para.line, marker=para.running_head)]
    if STAR_DEF.match(first):
        if starred or first.startswith("^{*}"):
            return [Block("star", STAR_DEF.sub("", para.text, count=1), para.line)]
        if diags is not None:
            diags.append(report("STAR_UNREFERENCED", Span(source, para.line), text=first[:30]))
    found = note_blocks(para)
    if found:
        notes, rest = found
        if rest is None:
            return notes
        if diags is not None:
            diags.append(report("NOTE_SWALLOWS_TEXT", Span(source, rest.line), printed=notes[-1].marker, text=rest.first[:30]))
        return notes + classify(rest, numbered_items=numbered_items, starred=starred, diags=diags, source=source)
    if editor_of(first) and len(para.lines) == 1:
        return [Block("editor", first, para.line)]  # the line as printed; the name is editor_of(text)
    if numbered_items:
        m = ITEM.match(first)
        if m:
            return item_blocks(para)
    if para.is_list():
        return [Block("raw", "\n".join(para.lines), para.line)]
    if len(para.lines) == 1:
        hashes, text = strip_heading_marks(first)
        run_in = split_run_in(text)
        if hashes or run_in or is_heading_text(text):
            if run_in:
                return [
                    Block("heading", run_in[0], para.line, level=hashes),
                    Block("para", run_in[1], para.line),
                ]
            return [Block("heading", text, para.line, level=hashes)]
    return [Block("para", para.text, para.line)]


def item_blocks(para: Para) -> list[Block]:
    """Numbered paragraphs of a document ('12. …'), one per printed number."""
    out: list[Block] = []
    for offset, line in enumerate(para.lines):
        m = ITEM.match(line.strip())
        if m:
            out.append(Block("item", line.strip()[m.end():], para.line + offset, marker=m.group(1)))
        elif out:
            prev = out[-1]
            out[-1] = Block("item", prev.text + line.strip(), prev.line, marker=prev.marker)
        else:
            out.append(Block("para", line.strip(), para.line + offset))
    return out
