"""The front of a journal issue: masthead facts, the Chinese TOC by section, the English TOC."""

from __future__ import annotations

import re

from ..cjk import HAN, trailing_names
from ..model import Issue, TocEntry
from ..text import drop_cjk_gaps, to_simplified
from . import english
from .paras import Para

# Masthead facts.
ISSUE_NO = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,2})\s*期")
TOTAL_NO = re.compile(r"总\s*第\s*(\d{1,4})\s*期")
FREQUENCY = re.compile(r"(双月刊|半月刊|月刊|季刊|旬刊|半年刊|年刊|周刊)")
PUBLISHED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出版")
# TOC section line: '■ 区域与国别' or '【区域与国别】'
TOC_SECTION = re.compile(r"^(?:[■□◆●▲]\s*(.+)|【([^】]{2,20})】)$")
# TOC list entry: '- 42 美国关税战背景下东盟国家的困境与应对 查 雯'
TOC_LIST = re.compile(r"^[-*]\s+(\d{1,4})\s+(.+)$")


def read_front(issue: Issue, front: list[Para]) -> Issue:
    """Masthead, Chinese TOC by section, English TOC. Everything else kept as printed."""
    if not front:
        return issue
    changes: dict = {}
    masthead: list[str] = []
    between: list[str] = []
    toc: list[TocEntry] = []
    section = None
    en_start = None
    for n, p in enumerate(front):
        if p.text.strip().lower() in ("table of contents", "contents"):
            en_start = n
            break
        for offset, line in enumerate(p.lines):
            line = line.strip()
            lineno = p.line + offset
            if m := TOC_SECTION.match(line):
                section = drop_cjk_gaps((m.group(1) or m.group(2)).strip())
                continue
            entry = toc_entry(line, section, lineno)
            if entry:
                toc.append(entry)
            elif re.match(r"^[-|:\s]*$", line):
                continue  # a table rule
            elif toc:
                between.append(line)  # printed among the TOC entries: kept with the masthead
            else:
                masthead.append(line)
                if "number_line" not in changes and ISSUE_NO.search(line):
                    changes["number_line"] = lineno
    joined = " ".join(masthead)
    if m := ISSUE_NO.search(joined):
        changes.update(year=int(m.group(1)), number=int(m.group(2)))
    if m := TOTAL_NO.search(joined):
        changes["total_number"] = int(m.group(1))
    if m := FREQUENCY.search(joined):
        changes["frequency"] = m.group(1)
    if m := PUBLISHED.search(joined):
        changes["published"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    name = next((ln for ln in masthead if re.fullmatch(rf"[《》{HAN}\s]{{2,20}}", ln)), None)
    if name:
        changes["journal_printed"] = name.strip("《》 ")
        changes["journal"] = to_simplified(drop_cjk_gaps(name.strip("《》 ")))
    if en_start is not None:
        changes["toc_en_label"] = front[en_start].text.strip()
        changes["toc_en"] = tuple(english.parse_toc_en(front[en_start + 1 :]))
    changes["masthead"] = tuple(masthead + between)
    changes["toc"] = fix_toc_titles(tuple(toc), issue.articles)
    return issue.with_(**changes)

def toc_entry(line: str, section: str | None, lineno: int) -> TocEntry | None:
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 2 and cells[0].isdigit() and cells[1]:
            return TocEntry(int(cells[0]), cells[1], cells[2] if len(cells) > 2 else "", section, lineno, line)
        return None
    if m := TOC_LIST.match(line):
        title, authors = trailing_names(m.group(2).strip())
        return TocEntry(int(m.group(1)), title, authors, section, lineno, line)
    return None

def fix_toc_titles(toc: tuple[TocEntry, ...], articles) -> tuple[TocEntry, ...]:
    """A list-form TOC line cannot tell title from authors by itself: use the article titles."""
    out = []
    for e in toc:
        whole = re.sub(r"\s+", "", e.title + e.authors_raw)
        for a in articles:
            t = re.sub(r"\s+", "", a.title)
            if t and whole.startswith(t) and e.title.replace(" ", "") != t:
                cut = _cut_after(e.title + " " + e.authors_raw, t)
                e = TocEntry(e.page, a.title, cut, e.section, e.line, e.printed)
        out.append(e)
    return tuple(out)


def _cut_after(text: str, title: str) -> str:
    """The part of `text` after the characters of `title` (spaces ignored)."""
    n = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            n += 1
        if n == len(title):
            return text[i + 1 :].strip()
    return ""
