"""GB/T 7714 proper: the national standard's own form, with a document-type code.

    曾向红, 张宇. 相互成就：上海合作组织与四大全球倡议[J]. 国际问题研究, 2025(6): 22-41.    article
    王缉思. 大国关系[M]. 北京: 中信出版社, 2015: 23.                                      book
    刘丰. 等级制与国际秩序[D]. 北京: 北京大学, 2012.                                      thesis
    某机构. 报告名[R]. 北京: 某出版社, 2020.                                             report
    李明. 论某事[N]. 人民日报, 2020-05-01(3).                                            newspaper
    外交部. 某某声明[EB/OL]. (2023-09-13)[2024-01-01]. https://….                        web
    张三. 某章[M]//李四. 某书. 北京: 某出版社, 2010: 5-9.                                   chapter

Some journals print their notes this way; `match` says whether a piece is in
this form (its [J]/[M]/… code), `parse` reads it. As the other forms: only
what is printed, a field the form does not make plain is left empty.
"""

from __future__ import annotations

import re

from .fields import CJK_CHAR, cjk_names, clean_pages, find_url, latin_names, put_date

# 作者. 题名[J]. 余下 (the byline is optional: a title may open the reference)
FORM = re.compile(r"^(?:(?P<byline>[^.．\[\]《》]{1,150}?)[.．]\s+|(?P<byline2>[^.．\[\]《》\s]{1,40}?)[.．])?"
                  r"(?P<title>[^\[\]]+?)\s*\[(?P<code>[A-Z]{1,2})(?:/OL)?\]\s*(?P<rest>.*)$", re.S)
KINDS = {"J": "article", "M": "book", "N": "newspaper", "D": "thesis", "R": "report", "EB": "web", "C": "book",
         "A": "chapter", "S": "other", "P": "other", "Z": "other", "DB": "web", "CP": "other"}
# 刊名, 2020, 36(3): 10-20 / 刊名, 2025(6): 22-41
JOURNAL = re.compile(r"^(?P<c>[^,，]+?)\s*[,，]\s*(?P<y>(?:19|20)\d\d)\s*(?:[,，]\s*(?P<v>[\w-]+?))?\s*"
                     r"(?:[(（]\s*(?P<n>[^)）]+?)\s*[)）])?\s*(?:[:：]\s*(?P<p>[\w\-–—~, ]+?))?\s*[.．]?$")
# 北京: 中信出版社, 2015: 23 (a book, thesis or report)
PUBLISHED = re.compile(r"^(?:(?P<place>[^:：,，]{1,30}?)\s*[:：]\s*)?(?P<pub>[^:：,，]+?)\s*[,，]\s*(?P<y>(?:19|20)\d\d)"
                       r"(?:\s*[:：]\s*(?P<p>[\w\-–—~, ]+?))?\s*[.．]?$")
# 人民日报, 2020-05-01(3)
NEWSPAPER = re.compile(r"^(?P<c>[^,，]+?)\s*[,，]\s*(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
                       r"\s*(?:[(（]\s*(?P<p>[^)）]+?)\s*[)）])?\s*[.．]?$")
# (2023-09-13)[2024-01-01]: published, accessed
ONLINE = re.compile(r"[(（]\s*(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*[)）]")
PART = re.compile(r"^//\s*(?:(?P<eds>[^.．]{1,80}?)[.．]\s*)?(?P<book>[^.．]+?)\s*(?:\[[A-Z]\])?\s*[.．]\s*(?P<rest>.*)$", re.S)
CODE = re.compile(r"\[(?:J|M|N|D|R|C|A|S|P|Z|EB|DB|CP)(?:/OL)?\]")


def match(piece: str) -> re.Match | None:
    """The piece in GB/T 7714 form (it prints a document-type code), or None."""
    if not CODE.search(piece):
        return None
    return FORM.match(piece)


def _names(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.strip()
    return cjk_names(text) if CJK_CHAR.search(text) else latin_names(text)


def parse(m: re.Match) -> tuple[str, dict]:
    """(kind, fields) of a GB/T 7714 reference matched by `match`."""
    code = m.group("code")
    kind = KINDS.get(code, "other")
    fields: dict = {"title": m.group("title").strip()}
    byline = m.group("byline") or m.group("byline2")
    if byline:
        names, et_al = _names(byline)
        if names:
            fields["authors"] = names
        if et_al:
            fields["et_al"] = True
    url, rest = find_url(m.group("rest"))
    if url:
        fields["url"] = url
    rest = rest.replace("\x00", "").strip().lstrip(".．").strip().rstrip(".．").strip()
    part = PART.match(rest)
    if part:  # 某章[M]//编者. 书名. 地: 出版社, 年: 页
        kind = "chapter"
        fields["container"] = part.group("book").strip()
        if part.group("eds"):
            eds, _ = _names(part.group("eds"))
            if eds:
                fields["editors"] = eds
        rest = part.group("rest").strip().rstrip(".．")
    if kind == "article":
        j = JOURNAL.match(rest)
        if j:
            fields.update(container=j.group("c").strip(), year=int(j.group("y")))
            for key, group in (("volume", "v"), ("issue", "n"), ("pages", "p")):
                if j.group(group):
                    fields[key] = clean_pages(j.group(group)) if key == "pages" else j.group(group).strip()
    elif kind == "newspaper":
        n = NEWSPAPER.match(rest)
        if n:
            fields["container"] = n.group("c").strip()
            put_date(fields, n.group("y"), n.group("m"), n.group("d"))
            if n.group("p"):
                fields["pages"] = n.group("p").strip()
    elif kind == "web":
        o = ONLINE.search(rest)
        if o:
            put_date(fields, o.group("y"), o.group("m"), o.group("d"))
            site = rest[: o.start()].strip().rstrip(",，.．").strip()
            if site:
                fields["container"] = site
    else:  # book, thesis, report, chapter: 地: 出版社, 年: 页
        p = PUBLISHED.match(rest)
        if p:
            fields.update(publisher=p.group("pub").strip(), year=int(p.group("y")))
            if p.group("place"):
                fields["place"] = p.group("place").strip()
            if p.group("p"):
                fields["pages"] = clean_pages(p.group("p"))
    return kind, fields
