"""An annual index (总目录) printed in the back matter: its lines read as entries.

    【区域与国别】
    美国关税战背景下东盟国家的困境与应对 查 雯（2025 年第 6 期）

Each entry closes on its issue, '(2025 年第 6 期)' or '（2025 年第 1 期）'; an entry
printed over two lines is joined (with a tab, where title and names may meet); the
names are the last words that look like Chinese names (generator/cjk.py
trailing_names), or what follows the tab. The page keeps every line as printed
(BackMatter.lines); the entries let the writer link each one to its article.
"""

from __future__ import annotations

import re

from ..cjk import split_byline, trailing_names
from ..model import IndexEntry

SECTION = re.compile(r"^【([^】]+)】$")
# '…(2025 年第 6 期)' or '…（2025 年第 1 期）' closing an entry
ENTRY_ISSUE = re.compile(r"[（(]\s*(\d{4})\s*年\s*第\s*(\d{1,2})\s*期\s*[）)]\s*$")


def read_index(lines: tuple[str, ...]) -> tuple[IndexEntry, ...]:
    """Annual index lines (its heading first) -> its entries, in printed order."""
    entries = []
    section = None
    pending = ""
    for raw in lines[1:]:
        line = raw.rstrip()
        if not line.strip():
            continue
        if m := SECTION.match(line.strip()):
            section, pending = m.group(1).strip(), ""
            continue
        text = (pending + "\t" + line.strip()) if pending else line.strip()
        m = ENTRY_ISSUE.search(text)
        if not m:
            pending = text
            continue
        pending = ""
        head = text[: m.start()].rstrip()
        if "\t" in head:
            title, _, authors_raw = head.rpartition("\t")
        else:
            title, authors_raw = trailing_names(head)
        printed = text.replace("\t", " ")
        entries.append(IndexEntry(section, title.strip(), tuple(split_byline(authors_raw.strip())), authors_raw.strip(),
                                  int(m.group(1)), int(m.group(2)), printed, printed[m.start():].strip()))
    return tuple(entries)
