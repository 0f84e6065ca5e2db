"""The codes printed above an article, checked against the shape each code has.

- 中图分类号 (Chinese Library Classification): a class letter or two, digits, then
  dotted digits and the table's auxiliary marks: D820, D814.1, F830.91, TP391.4, D822.371.2,
  D81-05, D5(712), F416.1/.3, F49:F12.
- 文献标识码 (document code): one of A B C D E (GB/T 3179 / CAJ-CD).
- ISSN: NNNN-NNNC with its mod-11 check digit (ISO 3297).
- 文章编号 (article number): ISSN(year)issue-first page-page count.

Codes printed in full-width characters (０４５２－８８３２) are read in their half-width
form and reported: the repair is certain. A code that is not of its shape is reported and
left out of the field, never guessed.
"""

from __future__ import annotations

import re
import unicodedata

from ..cjk import FULLWIDTH_ALNUM

CLC = re.compile(r"^[A-Z][A-Z]?\d+(?:\.\d+)*(?:[-+=:/]\.?\d+(?:\.\d+)*|[-+=:/][A-Z]{1,2}\d+(?:\.\d+)*|\(\d+(?:\.\d+)*\)|\"\d+\"|<\d+>)*$")
DOC_CODES = frozenset("ABCDE")
ISSN = re.compile(r"^(\d{4})-(\d{3}[\dX])$")


# Full-width digits, Latin letters and the hyphen-minus: a code's characters typed in the wrong width
# (full-width brackets （） are the ordinary Chinese ones and not reported).
WIDE = re.compile(rf"[{FULLWIDTH_ALNUM}－]")


def half_width(text: str) -> tuple[str, bool]:
    """(the text with full-width letters, digits and marks in half width, whether a digit,
    letter or hyphen was printed full width)."""
    return unicodedata.normalize("NFKC", text), bool(WIDE.search(text))


def issn_ok(issn: str) -> bool:
    """'0452-8832' -> True: the check digit agrees (weights 8..2, mod 11, 10 written X)."""
    m = ISSN.match(issn)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[:7]
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return (m.group(2)[-1]) == ("X" if check == 10 else str(check))


def clc_ok(code: str) -> bool:
    return bool(CLC.match(code))


def doc_code_ok(code: str) -> bool:
    return code in DOC_CODES
