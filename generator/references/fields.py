"""The printed pieces a reference is made of, each one pattern: dates, years,
volume and issue, pages, URLs, names. Shared by the Chinese (zh.py) and the
Latin-script (latin.py) forms; every pattern is precompiled here, and each
helper returns None (or nothing) when the piece is not what it says: a field is
taken only when its printed form is unmistakable."""

from __future__ import annotations

import re

from ..cjk import HAN
from ..cjk import HANGUL as HANGUL_RANGE

# ---------------------------------------------------------------- URLs

# A URL as notes print it: <https://…>, a Markdown link [text](https://…), or bare
# (ends at white space, a CJK mark or a closing bracket; trailing . , ; are not part of it).
URL = re.compile(
    r"<(?P<angle>https?://[^\s<>]+)>"
    r"|\[[^\]]*\]\((?P<md>https?://[^)\s]+(?: [^)\s]+)*)\)"
    r"|(?P<bare>https?://[^\s<>\"，。；;、（）」』】》]+)"
)
URL_TRAIL = ".,;:!?)'’”"


def find_url(text: str) -> tuple[str | None, str]:
    """(the first URL, the text with every URL replaced by \\x00) — (None, text) when there is none."""
    if "http" not in text:
        return None, text
    first = None
    out, pos = [], 0
    # No URL starts before the first '[' ahead of the first http (a Markdown link) or the '<'
    # just before it: the scan starts there (URL is tried at every position of what it scans).
    http = text.find("http")
    bracket = text.find("[", 0, http)
    for m in URL.finditer(text, bracket if bracket >= 0 else max(http - 1, 0)):
        url = m.group("angle") or m.group("md") or m.group("bare")
        trail = ""
        if m.group("bare"):
            while url and url[-1] in URL_TRAIL:
                trail = url[-1] + trail
                url = url[:-1]
        if first is None:
            first = url.replace("\\_", "_")
        out += [text[pos : m.start()], "\x00", trail]
        pos = m.end()
    out.append(text[pos:])
    return first, "".join(out)


# ---------------------------------------------------------------- dates

MONTHS = {m: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), 1) for m in names}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# July 29, 2020 / 29 July 2020 / July 2020 / July 29 2020
EN_DATE = re.compile(
    rf"^(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>(?:19|20)\d\d)"
    rf"|{_MONTH.replace('month', 'month3')},?\s+(?P<year3>(?:19|20)\d\d))$",
    re.I,
)
EN_MONTH_DAY = re.compile(rf"^{_MONTH}\s+\d{{1,2}}$", re.I)  # the first half of a date cut by its comma
# 2025 年 9 月 24 日, 2024 年 11 月, 2024년 5월 7일 (spaces anywhere)
CJK_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>\d{1,2})\s*[月월](?!\s*호)(?:\s*(?P<day>\d{1,2})\s*[日일])?")
YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*(?:[年년]\s*(?:版)?)?$")
# July/August, Spring 2020, March/April 2020 (an issue named by its months or season)
SEASON = re.compile(rf"^(?:{_MONTH}|Spring|Summer|Autumn|Fall|Winter)(?:\s*/\s*[A-Za-z]+\.?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?$", re.I)
# Japanese: 第 30 巻第 2 号 / 第 600 号; 5-12 頁
JA_VOL_NO = re.compile(r"^(?=第)(?:第\s*(?P<v>\d+)\s*[巻卷]\s*)?(?:第\s*(?P<n>\d+)\s*[号號])?$")
JA_PAGES = re.compile(r"^(?:pp?\.\s*)?(?P<p>\d[\d\s\-–—~]*)\s*[頁页]$")


def iso_date(year: str | int, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """'2025-09-24' / '2025-09'; None for a month or day that cannot be."""
    y = int(year)
    if month is None:
        return None
    m = int(month) if str(month).isdigit() else MONTHS.get(str(month).lower().rstrip("."))
    if not m or not 1 <= m <= 12:
        return None
    if day is None:
        return "%04d-%02d" % (y, m)  # %-formatting: twice as fast as an f-string with format specs
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return "%04d-%02d-%02d" % (y, m, d)


def put_date(fields: dict, year, month=None, day=None) -> None:
    """Set `year` and, when a month is printed and valid, `date` (unless already set)."""
    fields.setdefault("year", int(year))
    date = iso_date(year, month, day)
    if date:
        fields.setdefault("date", date)


def en_date(text: str) -> tuple[int, str | None] | None:
    """(year, ISO date) of an English date printed alone ('July 29, 2020'); None otherwise."""
    text = text.strip()
    if not text[-1:].isdigit():  # every form ends with its year
        return None
    m = EN_DATE.match(text)
    if not m:
        return None
    if m.group("year"):
        return int(m.group("year")), iso_date(m.group("year"), m.group("month"), m.group("day"))
    if m.group("year2"):
        return int(m.group("year2")), iso_date(m.group("year2"), m.group("month2"), m.group("day2"))
    return int(m.group("year3")), iso_date(m.group("year3"), m.group("month3"))


def cjk_date(text: str) -> tuple[int, str | None] | None:
    m = CJK_DATE.search(text) if "年" in text or "년" in text else None  # a substring test first
    if not m:
        return None
    return int(m.group("year")), iso_date(m.group("year"), m.group("month"), m.group("day"))


# ---------------------------------------------------------------- volume, issue, pages

# 2024 年第 2 期 / 2015 年第 30 卷第 2 期 / 2025 年第 S1 期
CN_YEAR_ISSUE = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年\s*(?:第\s*(?P<volume>\d+)\s*卷\s*)?第\s*(?P<issue>[A-Za-z]?\d{1,3}[A-Za-z]?)\s*期")
# 第 30 卷第 2 期 with the year printed elsewhere
CN_VOL_ISSUE = re.compile(r"^第\s*(?P<volume>\d+)\s*卷\s*(?:第\s*(?P<issue>[A-Za-z]?\d{1,3})\s*期)?")
# 2008년 제4호 / 2015 년 제 30 권 제 2 호 / 2005 년 제 23 집 제 2 호
KO_YEAR_ISSUE = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*년\s*(?:제\s*(?P<volume>\d+)\s*[권집]\s*)?제\s*(?P<issue>\d+)\s*호$")
VOLUME = re.compile(r"^(?:Vol(?:ume)?\.?)\s*(?P<v>[\w-]+)$", re.I)
ISSUE = re.compile(r"^(?:No\.?|Issue|Iss\.|Nos?\.)\s*(?P<n>[\w/-]+)(?:\s*\((?P<y>(?:19|20)\d\d)\))?$|^(?P<s>Suppl(?:ement)?\.?\s*\d+)$", re.I)
# An access date ('accessed May 1, 2024', '访问时间：2024 年 5 月 1 日'): when the reader looked, not a fact of the work
ACCESS = re.compile(r"^\s*[(（]?\s*(?:(?:last\s+)?accessed|retrieved|viewed|访问时间|访问日期|上网时间|登录时间|浏览时间|查询时间|最后访问)", re.I)
# 第 25 页 / 第 85、93—94 页 / 第 34~46 页
CN_PAGES = re.compile(r"第\s*(?P<p>[A-Za-z]?\d[\dA-Za-z\s\-–—~～、,，]*?)\s*[页頁]")
CN_EDITION = re.compile(r"^第\s*(?P<p>[A-Za-z]?\d{1,3})\s*版$")  # a newspaper's page (版)
EN_PAGES = re.compile(r"^pp?\.\s*(?P<p>[A-Za-z]?\d[\dA-Za-z\s\-–—~]*)$")
BARE_PAGE = re.compile(r"^[A-Za-z]?\d+(?:\s*[-–—~]\s*[A-Za-z]?\d+)?$")  # '28' after 'pp. 25'


PAGE_DASH = re.compile(r"\s*([-–—~～、])\s*")
PAGE_COMMA = re.compile(r"\s*([,，])\s*")
SPACE = re.compile(r"\s")


def clean_pages(text: str) -> str:
    """'85、93—94 ' -> '85、93—94'; spaces around dashes and commas dropped."""
    text = text.strip()
    if SPACE.search(text):  # most pages print no space ('71-90'): nothing to drop
        text = PAGE_DASH.sub(r"\1", text)
    if "," in text or "，" in text:
        text = PAGE_COMMA.sub(r"\1 ", text)
    return text.strip(" ,，")


# ---------------------------------------------------------------- names

NATIONALITY = re.compile(rf"^\s*[〔\[［（(【][{HAN}]{{1,3}}[〕\]］）)】]\s*")
CN_ROLE = re.compile(r"(?:等)?(?:主编|副主编|编著|编|著|撰)$")
ETAL_CN = re.compile(r"\s*(?:等|등)$")
ETAL_EN = re.compile(r",?\s*(?:et\s+al\.?|等)$", re.I)
HANGUL = re.compile(f"[{HANGUL_RANGE}]")
CJK_CHAR = re.compile(f"[{HAN}]")
# Words that make a byline a body, not a list of persons ("Ministry of Trade and Industry")
ORG_WORDS = re.compile(
    r"\b(?:of|the|The|Ministry|Department|Institute|Institution|Office|Cent(?:er|re)|Council|Bank|Government|House|"
    r"Administration|Commission|Union|Association|Foundation|Bureau|Agency|University|Forum|Group|Secretariat|"
    r"Service|Committee|Organi[sz]ation|Embassy|Mission|Party|Corporation|Company|Times|News|Press|Research|Trade)\b")
EN_SPLIT = re.compile(r",\s*(?:and|&)\s+|\s+(?:and|&)\s+|,\s*")
SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")


CN_NAME_SPLIT = re.compile(r"[、，,；;]")


def cjk_names(text: str) -> tuple[tuple[str, ...], bool]:
    """'王镭、张斌等' -> (('王镭', '张斌'), True); '[美]约瑟夫·奈' -> (('约瑟夫·奈',), False)."""
    text = text.strip().rstrip("：:，, ")
    et_al = False
    names = []
    for part in CN_NAME_SPLIT.split(text):
        part = NATIONALITY.sub("", part).strip()
        if "·" in part and HANGUL.search(part):
            bits = [b.strip() for b in part.split("·") if b.strip()]
        else:
            bits = [part]
        for bit in bits:
            if len(bit) > 1 and bit.endswith(("等", "등")):  # what ETAL_CN ends with
                et_al = True
                bit = ETAL_CN.sub("", bit).strip()
            bit = CN_ROLE.sub("", bit).strip() if len(bit) > 2 and bit.endswith(("编", "著", "撰")) else bit
            if bit:
                names.append(bit)
    return tuple(names), et_al


def latin_names(text: str) -> tuple[tuple[str, ...], bool]:
    """'Corinne Bara and Lisa Hultman' -> two names; 'Wei Luo et al.' -> (('Wei Luo',), True);
    a body ('Ministry of Trade and Industry Singapore') stays one name."""
    text = text.strip().rstrip(",，:： ")
    m = ETAL_EN.search(text) if text[-1:] in "lL.等" else None  # what 'et al.' and 等 end with
    et_al = m is not None
    if m:
        text = text[: m.start()]
    text = text.strip().rstrip(",")
    if not text:
        return (), et_al
    if not text.isascii() and (HANGUL.search(text) or CJK_CHAR.search(text)):
        names, more = cjk_names(text)
        return names, et_al or more
    if ORG_WORDS.search(text):
        return (text,), et_al
    names: list[str] = []
    for part in EN_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if SUFFIX.match(part) and names:
            names[-1] += ", " + part
        else:
            names.append(part)
    return tuple(names), et_al
