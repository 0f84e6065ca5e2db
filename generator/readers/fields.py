"""Front-matter labels printed above an article and the parsers of their values.

The label vocabulary is shared by the house styles; only the brackets differ
(〔提 要〕 / 【内容提要】, optionally in bold).
"""

from __future__ import annotations

import re

from ..text import drop_cjk_gaps, split_byline, split_list  # noqa: F401  (split_byline: readers use it from here)

# A label paragraph: optional bold, a bracketed label, optional bold, the value.
LABEL = re.compile(r"^\**\s*[〔【\[]\s*([^〕】\]]{1,12}?)\s*[〕】\]]\s*\**\s*[:：]?\s*")

# Label name (spaces removed) -> field. Declarative: add a variant here.
LABEL_FIELDS = {
    "提要": "abstract",
    "摘要": "abstract",
    "内容提要": "abstract",
    "内容摘要": "abstract",
    "关键词": "keywords",
    "关键字": "keywords",
    "作者简介": "bio",
    "作者": "bio",
    "作者单位": "bio",
    "中图分类号": "clc",
    "中图法分类号": "clc",
    "文献标识码": "doc_code",
    "文章编号": "article_no",
    "引用": "citation",
    "引用格式": "citation",
    "本文引用格式": "citation",
    "DOI": "doi",
    "基金项目": "funding",
}
ABSTRACT_LABELS = {k for k, v in LABEL_FIELDS.items() if v == "abstract"}

# 【责任编辑：王 俊】 / 〔责任编辑：…〕 closing an article.
EDITOR = re.compile(r"^\**[〔【\[]\s*责\s*任\s*编\s*辑\s*[:：]\s*([^〕】\]]+?)\s*[〕】\]]\**\s*$")

# 0452 8832（2025）6 期 0001-21 / 0452-8832(2024)02-0038-18
ARTICLE_NO = re.compile(
    r"(\d{4})\s*[-‐–—\s]?\s*(\d{3}[\dXx])\s*[（(]\s*(\d{4})\s*[）)]\s*(\d{1,2})\s*期?\s*[-‐–—\s]?\s*(\d{1,4})\s*[-‐–—]\s*(\d{1,3})"
)
# 2025 年第 1 期,第 64~81 页 (the printed citation line)
CITATION_ISSUE = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,2})\s*期")
CITATION_PAGES = re.compile(r"第\s*(\d{1,4})\s*[~～\-–—－]\s*(\d{1,4})\s*页")
CITATION_JOURNAL = re.compile(r"《[^》]+》\s*[,，.。]\s*《([^》]+)》")
# the article's own title: the first 《…》 of the line, followed by the journal's
CITATION_TITLE = re.compile(r"《([^》]+)》\s*[,，.。]\s*《[^》]+》")


def label_of(text: str) -> tuple[str, str] | None:
    """'〔关 键 词〕a、b' -> ('keywords', 'a、b'); None when not a known label."""
    m = LABEL.match(text)
    if not m:
        return None
    name = re.sub(r"\s+", "", m.group(1))
    field = LABEL_FIELDS.get(name)
    if not field:
        return None
    return field, text[m.end():].strip()


def editor_of(text: str) -> str | None:
    m = EDITOR.match(text.strip())
    return drop_cjk_gaps(m.group(1)).replace(" ", "") if m else None


def normalise_article_no(text: str) -> tuple[str, str, int, int] | None:
    """-> (article_no, issn, first_page, page_count)."""
    m = ARTICLE_NO.search(text)
    if not m:
        return None
    a, b, year, issue, first, count = m.groups()
    issn = f"{a}-{b.upper()}"
    no = f"{issn}({year}){int(issue):02d}-{int(first):04d}-{int(count):02d}"
    return no, issn, int(first), int(count)


def keywords_of(text: str) -> list[str]:
    return [drop_cjk_gaps(k) for k in split_list(text)]


def clc_of(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,，;；、]+", text.strip().rstrip("。.")) if c]


def bios_of(text: str, names: list[str]) -> dict[str, str]:
    """'曾向红，兰州大学…教授，西南…教授 张 宇，兰州大学…' -> {name: affiliation}.

    Several authors are separated by ';' or by the next author's name.
    """
    text = text.strip()
    out: dict[str, str] = {}
    known = sorted({n for n in names if n}, key=len, reverse=True)
    # Cut before every known name that opens a bio ("张 宇，" printed with a gap).
    cuts = []
    for name in known:
        pat = r"\s*".join(map(re.escape, name)) + r"\s*[,，:：]"
        for m in re.finditer(pat, text):
            if m.start() == 0 or text[m.start() - 1] in "；;。 \n\t\u3000，,":
                cuts.append((m.start(), m.end(), name))
    cuts.sort()
    pieces: list[tuple[str, str]] = []
    if cuts:
        for i, (s, e, name) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            pieces.append((name, text[e:end]))
    else:
        for part in re.split(r"\s*[;；]\s*", text):
            m = re.match(r"^([^\s,，:：]{2,4}|[^\s,，:：] [^\s,，:：])\s*[,，:：]\s*(.+)$", part.strip())
            if m:
                pieces.append((drop_cjk_gaps(m.group(1)), m.group(2)))
    for name, aff in pieces:
        aff = aff.strip().rstrip("；;。.").strip()
        out[name] = aff
    return out


def citation_facts(text: str) -> dict:
    """Journal, year, issue and pages from a printed citation line."""
    facts: dict = {}
    if m := CITATION_JOURNAL.search(text):
        facts["journal"] = m.group(1)
    if m := CITATION_TITLE.search(text):
        facts["title"] = drop_cjk_gaps(m.group(1))
    if m := CITATION_ISSUE.search(text):
        facts["year"], facts["issue"] = int(m.group(1)), int(m.group(2))
    if m := CITATION_PAGES.search(text):
        facts["first_page"], facts["last_page"] = int(m.group(1)), int(m.group(2))
    return facts
