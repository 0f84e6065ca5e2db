"""Small text helpers shared by readers and transforms."""

from __future__ import annotations

import re
from functools import lru_cache

# One CJK ideograph, kana, hangul syllable or full-width punctuation mark.
CJK = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
CJK_CHAR = re.compile(f"[{CJK}]")
# Latin letters and digits that need a space when two wrapped pieces meet.
LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?%)\]’”'\"-]$")
LATIN_START = re.compile(r"^[A-Za-z0-9(\[‘“'\"]")
# Punctuation that may close a sentence (before any trailing note marker).
# A closing quote or bracket ends a sentence only after such a mark ('。”'),
# never by itself ('…工作计划》' continues on the next page).
SENTENCE_END = re.compile(r"[。！？!?…；;：:.][”’」』）)\]】*_]*\s*$")
# White space between two CJK characters: a line-break artefact, not a word gap.
CJK_GAP = re.compile(f"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one sentence cut by a line or page break."""
    return join_all((left, right))


def join_all(pieces) -> str:
    """Join the pieces of one text cut by line or page breaks: a space only
    between two Latin words ('(coercive' + 'tactics)'), none between CJK.
    Linear in the total length, however many pieces."""
    out: list[str] = []
    last = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if last and LATIN_END.search(last[-2:]) and LATIN_START.search(piece[:2]):
            out.append(" ")
        out.append(piece)
        last = piece
    return "".join(out)


def join_lines(text: str) -> str:
    """A value printed over several lines ('\n'-separated) as one run of text."""
    return join_all(text.split("\n"))


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def drop_cjk_gaps(text: str) -> str:
    """'杨 娜' -> '杨娜', '美国 对北约' -> '美国对北约'; keeps 'SAFE 与 NGEU'."""
    return CJK_GAP.sub("", text).strip()


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def split_list(text: str) -> list[str]:
    """Split a keyword/code list on the separators journals print: 、 ; ； , ，"""
    parts = re.split(r"\s*[、;；,，]\s*", text.strip().rstrip("。."))
    return [p.strip() for p in parts if p.strip()]
