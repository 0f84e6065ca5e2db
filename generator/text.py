"""Small text helpers shared by readers and transforms: joining the pieces of a text
cut by line and page breaks, sentence ends, keyword lists. The rules about Chinese
text (character classes, bylines, traditional -> simplified) are in generator/cjk.py."""

from __future__ import annotations

import re

# defined in generator/cjk.py (the contract); readers and transforms import them from here too
from .cjk import CJK, CJK_CHAR, drop_cjk_gaps, split_byline, to_simplified  # noqa: F401

# Latin letters and digits that need a space when two wrapped pieces meet.
LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?%)\]’”'\"-]$")
LATIN_START = re.compile(r"^[A-Za-z0-9(\[‘“'\"]")
# Punctuation that may close a sentence (before any trailing note marker).
# A closing quote or bracket ends a sentence only after such a mark ('。”'),
# never by itself ('…工作计划》' continues on the next page).
SENTENCE_END = re.compile(r"[。！？!?…；;：:.][”’」』）)\]】*_]*\s*$")
# A text that closes on a URL or a Markdown link ends there (link lists, references).
ENDS_WITH_LINK = re.compile(r"(?:https?://\S+|\]\([^)\s]*\)|<https?://[^>\s]+>)$")


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one sentence cut by a line or page break."""
    return join_all((left, right))


def join_all(pieces) -> str:
    """Join the pieces of one text cut by line or page breaks: a space only
    between two Latin words ('(coercive' + 'tactics)'), none between CJK.
    Linear in the total length, however many pieces."""
    return join_spans(pieces)[0]


def join_spans(pieces) -> tuple[str, list[int]]:
    """join_all, and where each piece landed: for each piece, the offset in the
    joined text that its offset 0 maps to (white space stripped off its start is
    counted, so add an offset inside the piece to it; clamp to the joined length)."""
    out: list[str] = []
    starts: list[int] = []
    size = 0
    last = ""
    for piece in pieces:
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        if not stripped:
            starts.append(size)
            continue
        if last and LATIN_END.search(last[-2:]) and LATIN_START.search(stripped[:2]):
            out.append(" ")
            size += 1
        starts.append(size - lead)
        out.append(stripped)
        size += len(stripped)
        last = stripped
    return "".join(out), starts


def join_lines(text: str) -> str:
    """A value printed over several lines ('\n'-separated) as one run of text."""
    return join_all(text.split("\n"))


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_cut(text: str) -> bool:
    """The one rule for a paragraph that stops mid-sentence (a page break cut it):
    page_join joins it to the next paragraph, validate reports it (PARA_CUT) when
    a heading or the end follows instead. Note markers are not in block text."""
    bare = text[-200:].rstrip()
    return bool(bare) and not ends_sentence(bare[-8:]) and not ENDS_WITH_LINK.search(bare)


def split_list(text: str) -> list[str]:
    """Split a keyword/code list on the separators journals print: 、 ; ； , ，"""
    parts = re.split(r"\s*[、;；,，]\s*", text.strip().rstrip("。."))
    return [p.strip() for p in parts if p.strip()]
