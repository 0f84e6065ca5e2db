"""The comma-separated forms (English Chicago-like; Korean and Japanese with
「」『』): what follows the title, part by part.

    Author, "Title," *Journal*, Vol. 3, No. 2, 2020, pp. 1-20.          article
    Author, "Title," *Foreign Policy*, July 29, 2020, <URL>.             newspaper (a periodical with a day)
    Author, *Book*, Place: Press, 2013, pp. 5-6.                          book
    Author, "Title," in Editor, ed., *Book*, Place: Press, 2004, p. 9.   chapter
    Author, "Title," *Book*, Publisher, 2015, pp. 23-36.                 chapter (a container with a publisher)
    Author, "Title," Ph.D. dissertation, University, 2019.                thesis
    Author, "Title," Site, March 7, 2025, <URL>.                          web
    Body, "Title," Publisher, June 2024, pp. 2, 5, <URL>.                 report (a web document cited by page; Report, Working Paper …)
    Author, "Title," pp. 114-124.                                         short form
    저자, 「제목」, 『학술지』, 2015 년 제 30 권 제 2 호, pp. 28-29.            article (『신문』, 2024년 5월 7일: newspaper)

A part is read only when its form is plain (a date, a year, Vol./No., pages,
Place: Publisher, an italic or 『』 container); the other parts are the body
that published it (a site, a publisher), kept as printed.
"""

from __future__ import annotations

import re

from .fields import (ACCESS, BARE_PAGE, CJK_DATE, CN_PAGES, EN_MONTH_DAY, EN_PAGES, ISSUE, JA_PAGES, JA_VOL_NO, KO_YEAR_ISSUE,
                     SEASON, VOLUME, YEAR, clean_pages, en_date, find_url, latin_names, put_date)
from .split import CJK_COMMAS, COMMAS, split_parts

# in J.J. Suh, Peter J. Katzenstein, eds., *Rethinking Security in East Asia*, …
IN_BOOK = re.compile(r"^in\s+(?:(?P<eds>[^*]+?),?\s+eds?\.,?\s+)?\*(?P<book>[^*]+)\*\s*,?\s*(?P<after>.*)$", re.I | re.S)
ITALIC = re.compile(r"^\*(?P<c>[^*]+)\*$")
# Chicago proper: *International Security* 43, no. 4 (2019): 7–50 / (New York: Penguin Press, 2014), 45
CHICAGO_ARTICLE = re.compile(r"^\*(?P<c>[^*]+)\*\s+(?P<v>\d+)(?:,\s*no\.\s*(?P<n>[\w/-]+))?\s*\((?P<d>[^)]*)\)(?::\s*(?P<p>[\w\s,\-–—]+?))?$", re.I)
CHICAGO_BOOK = re.compile(r"^\((?:(?P<place>[^:()]+?):\s*)?(?P<pub>[^,()]+),\s*(?P<y>(?:19|20)\d\d)\)(?:,\s*(?P<p>[\w\s,\-–—]+?))?$")
KO_BOOK = re.compile(r"^『(?P<c>[^』]+)』\s*(?P<more>.*)$")  # 『国際問題』第 600 号: the container, then its issue
KO_MONTHLY = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*년\s*\d{1,2}\s*월호$")
PLACE_PUB = re.compile(r"^(?P<place>[A-Z][^:：<>]{1,40}?)\s*:\s*(?P<pub>[^:：]{2,})$")
STATE = re.compile(r"^[A-Z][A-Za-z.]{0,6}\.?\s*:\s*\S")  # 'Calif.: Sage', 'CA: Stanford University Press'
THESIS = re.compile(r"\b(?:Ph\.?\s?D\.?|doctoral|master'?s|M\.?A\.?|M\.?Phil\.?)\s+(?:dissertation|diss\.|thesis)|\bdissertation\b", re.I)
# A newspaper by its name (a dated piece in one is a newspaper article, on paper or online; a news
# agency, broadcaster or news site is a web page, as GB/T 7714 tells [N] from [EB]).
NEWSPAPER = re.compile(r"\b(?:Times|Post|Herald|Tribune|Guardian|Daily|Gazette|Chronicle|Telegraph|Journal|Observer|"
                       r"Inquirer|Courier|Star|Nation|Globe|Shimbun|Ilbo|Zeitung|Le Monde)\b")
REPORT = re.compile(r"\b(?:Report|Working Paper|White Paper|Policy Brief|Policy Contribution|Discussion Paper|"
                    r"Occasional Paper|Research Paper|Issue Brief)s?\b", re.I)


def _reportish(text: str) -> bool:
    """Does `text` name a report (Report, Working Paper, …)? A substring test first: the pattern is slow."""
    low = text.lower()
    return ("report" in low or "paper" in low or "polic" in low or "brief" in low) and bool(REPORT.search(text))


def _may_be_thesis(text: str) -> bool:
    """Could THESIS match? Each of its forms holds 'diss' or 'thesis' (a substring test first: the
    pattern is slow; in ASCII text only, where IGNORECASE is plain lower case)."""
    if not text.isascii():
        return True
    low = text.lower()
    return "diss" in low or "thesis" in low


def clean_title(text: str) -> str:
    """A quoted title without the comma or period Chicago prints inside the quotes."""
    text = text.strip()
    if text.endswith((",'", ",’")):
        text = text[:-2] + text[-1]
    text = text.rstrip(",，").strip()
    if text.endswith(("?.", "!.")):
        text = text[:-1]
    elif text.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$|\b(?:Inc|Ltd|Co|etc|U\.S|Jr|St)\.$", text):
        text = text[:-1]
    return text.strip()


def _merge(parts: list[str]) -> list[str]:
    """Put back what a comma cut: 'July 29' + '2020'; 'Beverly Hills' + 'Calif.: Sage'; 'pp. 25' + '28'."""
    out: list[str] = []
    for part in parts:
        if out:
            prev = out[-1]
            if prev[-1].isdigit() and YEAR.match(part) and EN_MONTH_DAY.match(prev):  # a day ends in a digit
                out[-1] = f"{prev}, {part}"
                continue
            if ":" in part and STATE.match(part) and ":" not in prev and not YEAR.match(prev) and not en_date(prev):
                out[-1] = f"{prev}, {part}"
                continue
            if ((prev[0] == "p" and EN_PAGES.match(prev)) or prev[0] == "\x01") and (BARE_PAGE.match(part) or EN_PAGES.match(part)):
                page = EN_PAGES.match(part)
                out[-1] = "\x01" + _page_text(prev) + ", " + (page.group("p") if page else part)
                continue
        out.append(part)
    return [("pp. " + p[1:]) if p.startswith("\x01") else p for p in out]


def _page_text(part: str) -> str:
    if part.startswith("\x01"):
        return part[1:]
    m = EN_PAGES.match(part)
    return m.group("p") if m else part


def parse(form: str, title: str, rest: str) -> tuple[str | None, dict]:
    """(kind, fields) of a comma-form reference from what follows its title.
    form: 'quote' or 'ko_article' (the title of a piece), 'book' / 'cjk_book' (*Italic* or 『』: a book's title)."""
    commas = CJK_COMMAS if form in ("ko_article", "cjk_book") else COMMAS
    if form == "cjk_book":
        form = "book"
    fields: dict = {}
    url, text = find_url(rest)
    if url:
        fields["url"] = url
    text = text.replace("\x00", "").strip().lstrip(",，").strip().rstrip(".。").strip()
    m = IN_BOOK.match(text) if text[:3].lower() == "in " else None
    if m and form != "book":
        fields["container"] = m.group("book").strip()
        if m.group("eds"):
            eds, _ = latin_names(m.group("eds"))
            if eds:
                fields["editors"] = eds
        _read(_merge(split_parts(m.group("after"), commas)), fields, [])
        return "chapter", fields
    m = CHICAGO_ARTICLE.match(text) if text[:1] == "*" and "(" in text else None
    if m and form != "book":
        fields.update(container=m.group("c").strip(), volume=m.group("v"))
        if m.group("n"):
            fields["issue"] = m.group("n")
        d = en_date(m.group("d")) or SEASON.match(m.group("d")) or YEAR.match(m.group("d").strip())
        if isinstance(d, tuple):
            fields["year"] = d[0]
            if d[1]:
                fields["date"] = d[1]
        elif d is not None and d.group("year"):
            fields["year"] = int(d.group("year"))
        if m.group("p"):
            fields["pages"] = clean_pages(m.group("p"))
        return "article", fields
    m = CHICAGO_BOOK.match(text) if text[:1] == "(" else None
    if m and form == "book":
        fields.update(publisher=m.group("pub").strip(), year=int(m.group("y")))
        if m.group("place"):
            fields["place"] = m.group("place").strip()
        if m.group("p"):
            fields["pages"] = clean_pages(m.group("p"))
        return "book", fields
    parts = _merge(split_parts(text, commas))
    bodies: list[str] = []
    flags = _read(parts, fields, bodies)
    titled = _reportish(title)
    if titled:
        report = True
    else:
        reportish = [_reportish(b) for b in bodies]
        report = any(reportish)
        bodies = [b for b, r in zip(bodies, reportish) if not r]
    body = ", ".join(bodies) if bodies else None
    if form == "book":
        if fields.get("publisher"):
            return "book", fields
        if body:
            fields["publisher"] = body
            return "book", fields
        if url:
            return "web", fields
        if fields.get("container"):
            return "other", fields
        return ("book" if fields.get("year") else None), fields  # Kissinger, *World Order*, p. 45.: a short form
    if flags.get("thesis"):
        if body:
            fields["publisher"] = body
        return "thesis", fields
    if fields.get("container"):
        if fields.get("volume") or fields.get("issue") or flags.get("ko_issue"):
            return "article", fields
        if body or fields.get("publisher"):
            if body:
                fields["publisher"] = body
            return "chapter", fields
        if flags.get("day"):
            return "newspaper", fields
        if flags.get("season") or fields.get("pages"):
            return "article", fields
        if fields.get("date"):
            return "newspaper", fields
        return "article", fields
    if report or (fields.get("pages") and (url or body)):
        if body:
            fields["publisher"] = body
        return "report", fields
    if url or body:
        if body:
            fields["container"] = body
        if body and flags.get("day") and NEWSPAPER.search(body):  # Owen Walker, “…,” Financial Times, April 8, 2025
            return "newspaper", fields
        return "web", fields
    if fields.get("year") or fields.get("date"):
        return "other", fields
    return None, fields


def _read(parts: list[str], fields: dict, bodies: list[str]) -> dict:
    """Read each part into `fields`; what is no plain field goes to `bodies`. Returns flags.
    Each part is tried only against the forms its first character allows."""
    flags: dict = {}
    access = False
    for part in parts:
        if _accessed(part) or (access and YEAR.match(part)):  # 'accessed May 1', '2024': not the work's date
            access = True
            continue
        access = False
        if _read_part(part, fields, flags):
            continue
        bodies.append(part)
    return flags


def _accessed(part: str) -> bool:
    """ACCESS.match(part), for a part that is stripped and not empty: one opening with any other
    ASCII character than '(' or the first letter of one of its English words cannot match
    (IGNORECASE on ASCII is plain case)."""
    c = part[0]
    if c.isascii() and c not in "(LlAaRrVv":
        return False
    return bool(ACCESS.match(part))


def _read_part(part: str, fields: dict, flags: dict) -> bool:
    """Read one part into `fields` (True), or leave it a body (False)."""
    c = part[0]
    if c == "p" or c == "P":
        if part.startswith("pp. ") and "," in part:
            fields.setdefault("pages", clean_pages(part[4:]))
            return True
        m = EN_PAGES.match(part)
        if m:
            fields.setdefault("pages", clean_pages(m.group("p")))
            return True
    if c == "*" or c == "『":
        m = ITALIC.match(part) or KO_BOOK.match(part)
        if m and "container" not in fields:
            fields["container"] = m.group("c").strip()
            more = m.groupdict().get("more")
            return _read_part(more.strip(), fields, flags) if more and more.strip() else True
    if c in "VvNnIiSs":
        m = VOLUME.match(part)
        if m:
            fields.setdefault("volume", m.group("v"))
            return True
        m = ISSUE.match(part)
        if m:
            fields.setdefault("issue", m.group("n") or m.group("s"))
            if m.group("y"):
                fields.setdefault("year", int(m.group("y")))
            return True
    if c == "第":
        m = JA_VOL_NO.match(part)
        if m and (m.group("v") or m.group("n")):
            if m.group("v"):
                fields.setdefault("volume", m.group("v"))
            if m.group("n"):
                fields.setdefault("issue", m.group("n"))
            return True
        m = CN_PAGES.fullmatch(part.strip())
        if m:
            fields.setdefault("pages", clean_pages(m.group("p")))
            return True
    if c.isdigit():
        m = YEAR.match(part)
        if m:
            fields.setdefault("year", int(m.group("year")))
            return True
        m = KO_YEAR_ISSUE.match(part)
        if m:
            fields.setdefault("year", int(m.group("year")))
            if m.group("volume"):
                fields.setdefault("volume", m.group("volume"))
            fields.setdefault("issue", m.group("issue"))
            flags["ko_issue"] = True
            return True
        m = KO_MONTHLY.match(part)
        if m:
            fields.setdefault("year", int(m.group("year")))
            flags["ko_issue"] = True
            return True
        m = CJK_DATE.fullmatch(part.strip())
        if m:
            put_date(fields, m.group("year"), m.group("month"), m.group("day"))
            flags["day"] = flags.get("day") or bool(m.group("day"))
            return True
        m = JA_PAGES.match(part)
        if m:
            fields.setdefault("pages", clean_pages(m.group("p")))
            return True
    if c.isalnum():
        d = en_date(part)
        if d:
            fields.setdefault("year", d[0])
            if d[1]:
                fields.setdefault("date", d[1])
                flags["day"] = flags.get("day") or len(d[1]) == 10
            return True
        m = SEASON.match(part)
        if m:
            flags["season"] = True
            if m.group("year"):
                fields.setdefault("year", int(m.group("year")))
            return True
        if _may_be_thesis(part) and THESIS.search(part):
            flags["thesis"] = True
            return True
    if ":" in part and "publisher" not in fields and not part.startswith("http"):
        m = PLACE_PUB.match(part)
        if m:
            fields["place"] = m.group("place").strip()
            fields["publisher"] = m.group("pub").strip()
            return True
    return False
