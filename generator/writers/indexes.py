"""Corpus-wide index pages (author, keyword, section and year indexes, the most cited), built from
the front matter of every converted page; the home page and the journal archives
are in portal.py.

Every link is a relative link to a `.md` file, so `mkdocs build --strict`
checks it. Anchors are stable ASCII (pinyin). The author, keyword and section
index pages carry their `anchors` (name -> id) in the front matter; the theme's
Jinja filters (archive_site/pages/nav.py) look names up there, so article pages
link into the indexes without the site build importing pypinyin.
"""

from __future__ import annotations

from collections import defaultdict

from .escape import md_text
from .corpus import (OTHER, _Corpus, _initial, letter_id, _page, _unique_anchors, author_anchor, author_sort_key, keyword_anchor,
                     section_anchor, sort_key)
from .portal import home_page, journal_archive
from ..layout import HOME, INDEXES, INDEXES_HOME, index_page, journal_of, journal_page, number_label, relative, year_page


def _by_initial(names: list[str], entry, surname: bool = False) -> list[str]:
    """Entries under pinyin-initial headings ('## A'); `entry(name)` gives each entry's lines."""
    body: list[str] = []
    current = None
    for name in names:
        letter = _initial(name, surname) if surname else _initial(name)
        if letter != current:
            current = letter
            body += [f"## {letter} {{#{letter_id(letter)}}}", ""]
        body += entry(name)
    return body


def _authors(c: _Corpus) -> str:
    P = index_page("authors")
    works: dict[str, list[str]] = defaultdict(list)
    affiliations: dict[str, list[str]] = defaultdict(list)
    english: dict[str, str] = {}
    for p, m in c.articles.items():
        for a in m.get("authors") or []:
            name = (a.get("name") or "").strip()
            if not name:
                continue
            works[name].append(p)
            if a.get("affiliation") and a["affiliation"] not in affiliations[name]:
                affiliations[name].append(a["affiliation"])
            if a.get("name_en"):
                english.setdefault(name, a["name_en"])
    names = sorted(works, key=author_sort_key)
    anchors = _unique_anchors(names, author_anchor)
    body = ["# 作者索引", "", f"共 {len(names)} 位作者，按姓名拼音排序。", ""]
    letters = sorted({_initial(n, True) for n in names}, key=lambda L: (L == OTHER, L))
    if letters:
        body += [" · ".join(f"[{L}](#{letter_id(L)})" for L in letters), ""]

    def entry(name: str) -> list[str]:
        head = name + (f"（{english[name]}）" if name in english else "")
        lines = [f"### {md_text(head)} {{#{anchors[name]}}}", ""]
        if affiliations[name]:
            lines += ["；".join(md_text(x) for x in affiliations[name]), ""]
        return lines + [f"- {c.article_line(P, p)}" for p in sorted(works[name], key=c.article_order)] + [""]

    body += _by_initial(names, entry, surname=True)
    return _page({"kind": "index", "index": "authors", "title": "作者索引", "anchors": anchors}, body)


def _keywords(c: _Corpus) -> str:
    P = index_page("keywords")
    works: dict[str, list[str]] = defaultdict(list)
    for p, m in c.articles.items():
        for k in m.get("keywords") or []:
            if k and p not in works[k]:
                works[k].append(p)
    names = sorted(works, key=lambda k: (_initial(k) == OTHER, sort_key(k)))
    anchors = _unique_anchors(names, keyword_anchor)
    body = ["# 关键词索引", "", f"共 {len(names)} 个关键词，按拼音排序。", ""]

    def entry(k: str) -> list[str]:
        lines = [f"### {md_text(k)} {{#{anchors[k]}}}", ""]
        return lines + [f"- {c.article_line(P, p)}" for p in sorted(works[k], key=c.article_order)] + [""]

    body += _by_initial(names, entry)
    return _page({"kind": "index", "index": "keywords", "title": "关键词索引", "anchors": anchors}, body)


def _sections(c: _Corpus) -> str:
    P = index_page("sections")
    works: dict[str, list[str]] = defaultdict(list)
    for p, m in c.articles.items():
        if m.get("section"):
            works[m["section"]].append(p)
    names = sorted(works, key=sort_key)
    anchors = _unique_anchors(names, section_anchor)
    body = ["# 栏目索引", "", f"共 {len(names)} 个栏目。", ""]
    for s in names:
        body += [f"## {md_text(s)} {{#{anchors[s]}}}", ""]
        for p in sorted(works[s], key=c.article_order):
            body.append(f"- {c.article_line(P, p)}")
        body.append("")
    unsorted = sorted((p for p, m in c.articles.items() if not m.get("section")), key=c.article_order)
    if unsorted:
        body += ["## 未标栏目 {#s-none}", ""]
        body += [f"- {c.article_line(P, p)}" for p in unsorted]
        body.append("")
    return _page({"kind": "index", "index": "sections", "title": "栏目索引", "anchors": anchors}, body)


def _years(c: _Corpus) -> dict[str, str]:
    out = {}
    dated = {p: m for p, m in c.metas.items() if m.get("kind") in ("article", "document", "issue") and m.get("year")}
    years = sorted({m["year"] for m in dated.values()}, reverse=True)
    body = ["# 年份索引", ""]
    for y in years:
        n = sum(1 for m in dated.values() if m["year"] == y and m["kind"] == "article")
        d = sum(1 for m in dated.values() if m["year"] == y and m["kind"] == "document")
        facts = "，".join(x for x in [f"{n} 篇文章" if n else "", f"{d} 份文献" if d else ""] if x)
        body.append(f"- [{y} 年]({relative(index_page('years'), year_page(y))})" + (f"（{facts}）" if facts else ""))
    out[index_page("years")] = _page({"kind": "index", "index": "years", "title": "年份索引"}, body)
    for y in years:
        P = year_page(y)
        yb = [f"# {y} 年", ""]
        for slug, j in sorted(c.journals.items(), key=lambda kv: sort_key(kv[1]["name"])):
            groups = [(k, g) for k, g in c.issue_groups(slug).items() if k[0] == y]
            if not groups:
                continue
            yb += [f"## 《{md_text(j['name'])}》", ""]
            for (yy, n), g in groups:
                label = number_label(n)
                yb += [f"### [{label}]({relative(P, g['issue'])})" if g["issue"] else f"### {label}", ""]
                yb += [f"- {c.article_line(P, p, with_issue=False)}" for p in g["articles"]]
                yb.append("")
        docs = sorted((p for p, m in c.documents.items() if m.get("year") == y), key=lambda p: sort_key(c.metas[p].get("title") or ""))
        if docs:
            yb += ["## 文献", ""]
            yb += [f"- [{md_text(c.metas[p].get('title'))}]({relative(P, p)})" for p in docs]
            yb.append("")
        out[P] = _page({"kind": "index", "index": "year", "title": f"{y} 年", "year": y}, yb)
    return out


MOST_CITED = 20  # articles listed per journal on the 引证 page


def _cited(c: _Corpus) -> str:
    """The most-cited articles of each journal: how many articles of the archive cite each
    (its front matter's cited_by, written by generator/network.py), most first."""
    P = index_page("cited")
    counts = {p: len({e["path"] for e in m.get("cited_by") or []}) for p, m in c.articles.items()}
    body = ["# 引证排行", "", "本库文章被本库其他文章引用的情况：每种期刊被引最多的文章，按引用它的文章篇数排列"
            "（一篇文章多处引用只计一次）。各文章页的“引证文献”列出引用它的注释。", ""]
    total = 0
    for slug, j in sorted(c.journals.items(), key=lambda kv: sort_key(kv[1]["name"])):
        ranked = sorted((p for p in c.articles if journal_of(p) == slug and counts[p]),
                        key=lambda p: (-counts[p], c.article_order(p)))[:MOST_CITED]
        body += [f"## 《{md_text(j['name'])}》", ""]
        if not ranked:
            body += ["本刊文章尚未被本库其他文章引用。", ""]
            continue
        total += len(ranked)
        body += [f"{k}. {c.article_line(P, p)}：被引 {counts[p]} 次" for k, p in enumerate(ranked, 1)]
        body.append("")
    return _page({"kind": "index", "index": "cited", "title": "引证排行"}, body)


def _overview(c: _Corpus, counts: dict[str, str]) -> str:
    """The 索引 tab's page: each index with what it holds."""
    P = INDEXES_HOME
    body = ["# 索引", "", "按作者、关键词、栏目或年份查找文章，或看哪些文章被引最多。", ""]
    for key, (page, label) in INDEXES.items():
        text = "引证排行" if key == "cited" else f"{label}索引"
        body.append(f"- [{text}]({relative(P, page)})" + (f"：{counts[key]}" if counts.get(key) else ""))
    return _page({"kind": "index", "index": "overview", "title": "索引"}, body)


def corpus_paths(metas: dict[str, dict]) -> list[str]:
    """The paths index_pages(metas) writes, without rendering them."""
    if not metas:
        return []
    c = _Corpus(metas)
    paths = [HOME, *(journal_page(slug) for slug in c.journals), *(index_page(k) for k in INDEXES), INDEXES_HOME]
    paths += [year_page(y) for y in {m["year"] for m in c.metas.values() if m.get("kind") in ("article", "document", "issue") and m.get("year")}]
    return [p for p in paths if p == HOME or p not in metas]


def index_pages(metas: dict[str, dict]) -> dict[str, str]:
    """`metas`: content path -> front matter of every converted page."""
    if not metas:
        return {}
    c = _Corpus(metas)
    pages = {HOME: home_page(c)}
    for slug in c.journals:
        path = journal_page(slug)
        if path not in metas:
            pages[path] = journal_archive(c, slug)
    pages[index_page("authors")] = _authors(c)
    pages[index_page("keywords")] = _keywords(c)
    pages[index_page("sections")] = _sections(c)
    pages.update(_years(c))
    pages[index_page("cited")] = _cited(c)
    authors = {a.get("name") for m in c.articles.values() for a in m.get("authors") or [] if a.get("name")}
    keywords = {k for m in c.articles.values() for k in m.get("keywords") or [] if k}
    sections = {m["section"] for m in c.articles.values() if m.get("section")}
    years = sorted({m["year"] for m in metas.values() if m.get("year")})
    pages[INDEXES_HOME] = _overview(c, {
        "authors": f"{len(authors)} 位作者，按姓名拼音排序", "keywords": f"{len(keywords)} 个关键词",
        "sections": f"{len(sections)} 个栏目",
        "years": "、".join(f"[{y} 年]({relative(INDEXES_HOME, year_page(y))})" for y in reversed(years)),
        "cited": "每种期刊被本库文章引用最多的文章"})
    return {p: t for p, t in pages.items() if p == HOME or p not in metas}
