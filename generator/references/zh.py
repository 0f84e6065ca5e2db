"""The Chinese forms (GB/T-like, 《题名》 anchored): what follows the title.

    作者：《题名》，《刊名》2024 年第 2 期，第 71-90 页            article
    作者：《题名》，《人民日报》2025 年 9 月 2 日，第 2 版           newspaper
    作者：《书名》，社会科学文献出版社 2025 年版，第 40 页          book (北京：人民出版社，2020 年)
    作者：《书名》，译者译，中信出版集团 2020 年版                  book with translators
    作者：《题名》，载编者主编：《书名》，出版社 2024 年版，第 42 页    chapter
    作者：《题名》，北京大学博士学位论文，2020 年                    thesis
    作者：《题名》，外交部网站，2025 年 8 月 13 日，<URL>            web
    机构：《题名》，2024 年 11 月，第 12 页，<URL>                  report (a web document cited by page)
    作者：《题名》。                                               short form (kind from the full one, see pointers.py)

Each returns the fields it read (nothing it did not see) and the kind, or
kind None when the rest names no container, publisher, site or URL.
"""

from __future__ import annotations

import re

from ..cjk import HAN
from .fields import (ACCESS, CJK_DATE, CN_EDITION, CN_PAGES, CN_VOL_ISSUE, CN_YEAR_ISSUE, YEAR, clean_pages, cjk_date,
                     cjk_names, find_url, iso_date, put_date)
from .split import split_parts

# 载庞大鹏主编、李睿思副主编：《上海合作组织发展报告（2024）》，…
CHAPTER = re.compile(r"^(?:载|收入|收录于|见)\s*(?P<eds>[^《]*?)\s*[：:]?\s*《(?P<book>[^》]+)》\s*[，,]?\s*(?P<after>.*)$", re.S)
# 《现代国际关系》2023 年第 8 期 / 《某大学学报》（社会科学版）2021 年第 4 期 (an article's or a newspaper piece's periodical)
CONTAINER = re.compile(r"^《(?P<c>[^》]+)》(?P<ed>[（(][^）)]{1,12}[）)])?\s*[，,]?\s*(?P<after>.*)$", re.S)
YEAR_HALF = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年\s*(?:[（(]\s*(?P<half>[上下])\s*[）)]|(?P<half2>[上下])半年)")
NO_TITLE = re.compile(r"^(?:19|20)\d\d\s*年")
YEAR_ONLY = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年(?!\s*\d)")
# 北京：人民出版社 2020 年版 / 社会科学文献出版社2024年版 / 中信出版集团 2020 年版
PUBLISHER = re.compile(
    rf"^(?:(?P<place>[{HAN}]{{2,8}})\s*[：:]\s*)?"
    r"(?:(?P<pub>[^，,：:]*?(?:出版社|出版集团|出版公司|出版中心|书局|书店|印书馆|出版传媒(?:股份有限公司)?|Press))"
    r"\s*(?:(?P<year>(?:19|20)\d\d)\s*年\s*(?:(?P<month>\d{1,2})\s*月\s*)?(?:第\s*\d+\s*)?版?)?"
    # any publisher before 'YYYY 年版' (东京：东信堂 2008 年版): the edition mark says it is a book
    r"|(?P<pub2>[^，,：:\d]{2,30}?)\s*(?P<year2>(?:19|20)\d\d)\s*年\s*(?:第\s*\d+\s*)?版)$"
)
BOOK_VOLUME = re.compile(r"^第\s*(?P<v>[一二三四五六七八九十\d]{1,3})\s*[卷册辑](?:[（(][上下][）)])?")
TRANSLATORS = re.compile(r"^(?P<names>.+?)\s*(?:合|等)?(?:译|翻译|译注|编译)$")
THESIS = re.compile(r"(?P<where>.*?)\s*(?:(?:博士|硕士)(?:学位)?论文|学位论文)\s*$")
SITE = re.compile(r"(?:网|网站|官网|网页|客户端|公众号|门户)$")
REPORT_TITLE = re.compile(r"报告|白皮书|蓝皮书")
ROLE = re.compile(r"(?:副主编|主编|编著|编)$")


def _editors(text: str) -> tuple[str, ...]:
    names = []
    for part in re.split(r"[、，,]", text.strip().rstrip("：:")):
        part = ROLE.sub("", part.strip()).strip()
        if part:
            names.extend(cjk_names(part)[0])
    return tuple(names)


def _publisher(part: str) -> re.Match | None:
    """PUBLISHER.match, tried only on a part holding what each of its forms holds (出版社 … 版, 书局, Press)."""
    return PUBLISHER.match(part) if "版" in part or "书" in part or "Press" in part else None


def _pages(text: str) -> str | None:
    m = CN_PAGES.search(text)
    return clean_pages(m.group("p")) if m else None


def parse(title: str, rest: str) -> tuple[str | None, dict]:
    """(kind, fields) of a Chinese reference from what follows its title."""
    fields: dict = {}
    if NO_TITLE.match(rest):  # 《人民日报》2023 年 5 月 1 日: the mark holds the periodical, no title is printed
        kind, fields = _periodical(title, rest.strip(), fields)
        return kind, fields
    url, text = find_url(rest)
    if url:
        fields["url"] = url
    text = text.replace("\x00", "").strip().lstrip("，,").strip().rstrip("。．.，,").strip()
    m = CHAPTER.match(text)
    if m and not m.group("eds").strip() and (CN_YEAR_ISSUE.match(m.group("after")) or CJK_DATE.match(m.group("after"))):
        return _periodical(m.group("book"), m.group("after"), fields)  # 载《中国社会科学》2009 年第 3 期: a journal
    if m:
        fields["container"] = m.group("book")
        editors = _editors(m.group("eds"))
        if editors:
            fields["editors"] = editors
        _book_parts(split_parts(m.group("after")), fields)
        return "chapter", fields
    vol = BOOK_VOLUME.match(text)  # 《习近平谈治国理政》第 3 卷，外文出版社 2020 年版
    if vol:
        fields["volume"] = vol.group("v")
        text = text[vol.end():].strip().lstrip("，,").strip()
    m = CONTAINER.match(text)
    if m:
        return _periodical(m.group("c") + (m.group("ed") or ""), m.group("after").strip().lstrip("，,").strip(), fields)
    return _parts(title, split_parts(text), fields)


def _periodical(container: str, after: str, fields: dict) -> tuple[str | None, dict]:
    """《刊名》2024 年第 2 期 / 《报名》2025 年 9 月 2 日，第 2 版."""
    fields["container"] = container
    pages = _pages(after)
    m = CN_YEAR_ISSUE.match(after)
    if m:
        fields["year"] = int(m.group("year"))
        if m.group("volume"):
            fields["volume"] = m.group("volume")
        fields["issue"] = m.group("issue")
        if pages:
            fields["pages"] = pages
        return "article", fields
    m = CJK_DATE.match(after)
    if m:
        put_date(fields, m.group("year"), m.group("month"), m.group("day"))
        edition = next((e for e in (CN_EDITION.match(p) for p in split_parts(after[m.end():])) if e), None)
        if edition:
            fields["pages"] = edition.group("p")
        elif pages:
            fields["pages"] = pages
        return ("newspaper" if m.group("day") else "article"), fields
    m = YEAR_HALF.match(after)
    if m:
        fields["year"] = int(m.group("year"))
        fields["issue"] = m.group("half") or m.group("half2")
        if pages:
            fields["pages"] = pages
        return "article", fields
    m = YEAR_ONLY.match(after)
    if m:
        fields["year"] = int(m.group("year"))
        vol = CN_VOL_ISSUE.match(after[m.end():].strip().lstrip("，,").strip())
        if vol:
            fields["volume"] = vol.group("volume")
            if vol.group("issue"):
                fields["issue"] = vol.group("issue")
        if pages:
            fields["pages"] = pages
        return "article", fields
    return "other", fields


def _book_parts(parts: list[str], fields: dict) -> bool:
    """Publisher, place, year, pages and translators of a book's parts; True when a publisher was read."""
    found = False
    for part in parts:
        m = _publisher(part)
        if m and not found:
            found = True
            fields["publisher"] = (m.group("pub") or m.group("pub2")).strip()
            if m.group("place"):
                fields["place"] = m.group("place")
            if m.group("year") or m.group("year2"):
                fields["year"] = int(m.group("year") or m.group("year2"))
                if m.group("month"):
                    fields["date"] = iso_date(m.group("year"), m.group("month"))
            continue
        t = TRANSLATORS.match(part)
        if t and len(part) <= 40:
            names, _ = cjk_names(t.group("names"))
            fields["translators"] = names
            continue
        y = YEAR.match(part)
        if y and "year" not in fields:
            fields["year"] = int(y.group("year"))
            continue
        p = _pages(part)
        if p and "pages" not in fields:
            fields["pages"] = p
    return found


def _parts(title: str, parts: list[str], fields: dict) -> tuple[str | None, dict]:
    """A rest with no periodical: a book, thesis, web page, report or a short form."""
    if any(_publisher(p) for p in parts):
        _book_parts(parts, fields)
        return "book", fields
    thesis = next((THESIS.match(p) for p in parts if "论文" in p and THESIS.match(p)), None)  # 论文: what it ends with
    names: list[str] = []
    for part in parts:
        if (thesis and THESIS.match(part)) or ACCESS.match(part):
            continue
        d = cjk_date(part)
        if d and CJK_DATE.fullmatch(part.strip()):
            fields.setdefault("year", d[0])
            if d[1]:
                fields.setdefault("date", d[1])
            continue
        y = YEAR.match(part)
        if y:
            fields.setdefault("year", int(y.group("year")))
            continue
        p = _pages(part)
        if p:
            fields.setdefault("pages", p)
            continue
        if part.strip():
            names.append(part.strip())
    if thesis:
        where = thesis.group("where").strip() or (names[0] if names else "")
        if where:
            fields["publisher"] = where
        return "thesis", fields
    site = names[0] if names else None
    if site and SITE.search(site):
        fields["container"] = site
        return "web", fields
    if (fields.get("url") and fields.get("pages")) or (
            REPORT_TITLE.search(title) and (fields.get("url") or fields.get("pages") or fields.get("year"))):
        if site:
            fields["publisher"] = site
        return "report", fields
    if fields.get("url"):
        if site:
            fields["container"] = site
        return "web", fields
    if site:
        fields["container"] = site
        return "other", fields
    if fields.get("year") or fields.get("date"):
        return "other", fields
    return None, fields
