"""Corpus-wide pages (home, journal archives, author/keyword/section/year
indexes), built from the front matter of every converted page.

Every link is a relative link to a `.md` file, so `mkdocs build --strict`
checks it. Anchors are stable ASCII (pinyin). The author, keyword and section
index pages carry their `anchors` (name -> id) in the front matter; the theme's
Jinja filters (hooks/archive_hooks.py) look names up there, so article pages
link into the indexes without the site build importing pypinyin.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pypinyin import Style, lazy_pinyin

from .. import meta as schema
from .frontmatter import front_matter
from ..layout import HOME, folder_of, index_page, issue_label, journal_of, journal_page, journals, number_label, pages_label, path_of_url, relative, total_label, year_page

# ---------------------------------------------------------------- anchors


def _pinyin_slug(text: str) -> str:
    words = lazy_pinyin(text or "", style=Style.NORMAL)
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words) if w)
    return re.sub(r"-{2,}", "-", slug).strip("-") or "x"


# Surnames whose usual reading differs from pypinyin's most common one.
_SURNAMES = {"曾": "zeng", "查": "zha", "单": "shan", "仇": "qiu", "区": "ou", "解": "xie", "朴": "piao", "盖": "ge",
             "乐": "yue", "缪": "miao", "覃": "qin", "召": "shao", "秘": "bi", "尉": "yu", "繁": "po", "员": "yun",
             "种": "chong", "句": "gou", "黑": "he", "阚": "kan", "隗": "wei", "宓": "mi", "燕": "yan", "翟": "zhai"}


def _name_pinyin(name: str, style=Style.NORMAL) -> list[str]:
    name = name or ""
    if name[:1] in _SURNAMES:
        return [_SURNAMES[name[0]], *lazy_pinyin(name[1:], style=style)]
    return lazy_pinyin(name, style=style)


def author_anchor(name: str) -> str:
    words = _name_pinyin(name)
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words) if w)
    return "a-" + (re.sub(r"-{2,}", "-", slug).strip("-") or "x")


def author_sort_key(name: str) -> tuple:
    return (_name_pinyin(name, Style.TONE3), name or "")


def keyword_anchor(keyword: str) -> str:
    return "k-" + _pinyin_slug(keyword)


def section_anchor(section: str) -> str:
    return "s-" + _pinyin_slug(section)


def sort_key(text: str) -> tuple:
    """Pinyin order (tone-numbered syllables), then the characters themselves."""
    return (lazy_pinyin(text or "", style=Style.TONE3), text or "")


def _initial(text: str, surname: bool = False) -> str:
    if surname and (text or "")[:1] in _SURNAMES:
        return _SURNAMES[text[0]][0].upper()
    first = lazy_pinyin((text or "?")[:1], style=Style.FIRST_LETTER)
    letter = (first[0][:1] if first and first[0] else "?").upper()
    return letter if letter.isascii() and letter.isalpha() else "#"


# ---------------------------------------------------------------- helpers


def _esc(text) -> str:
    """Escape text for a Markdown link label / table cell."""
    return str(text or "").replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def _issue_label(m: dict) -> str:
    return issue_label(m.get("year"), m.get("issue"))


def _pages_label(m: dict) -> str:
    return pages_label(m.get("first_page"), m.get("last_page"))


def _authors_text(m: dict) -> str:
    return "、".join(a.get("name", "") for a in m.get("authors") or [] if a.get("name"))


def _page(values: dict, body: list[str]) -> str:
    return front_matter(schema.dump(values["kind"], values)) + "\n" + "\n".join(body).rstrip() + "\n"


def _unique_anchors(names, anchor) -> dict[str, str]:
    """name -> anchor; homophones get -2, -3 (the first keeps the plain anchor,
    which is what article pages link to, so the link lands right above)."""
    seen: dict[str, int] = {}
    out = {}
    for name in names:
        base = anchor(name)
        seen[base] = seen.get(base, 0) + 1
        out[name] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return out


class _Corpus:
    def __init__(self, metas: dict[str, dict]):
        self.metas = metas
        self.articles = {p: m for p, m in metas.items() if m.get("kind") == "article"}
        self.issues = {p: m for p, m in metas.items() if m.get("kind") == "issue"}
        self.documents = {p: m for p, m in metas.items() if m.get("kind") == "document"}
        self.back = {p: m for p, m in metas.items() if m.get("kind") == "back-matter"}
        # journal slug -> display data
        by_name = journals()
        self.journals: dict[str, dict] = {}
        for p, m in sorted(metas.items()):
            if m.get("kind") not in ("article", "issue", "back-matter") or not m.get("journal"):
                continue
            slug = journal_of(p)
            entry = by_name.get(m["journal"], {})
            j = self.journals.setdefault(slug, {"slug": slug, "name": m["journal"], "name_en": entry.get("name_en"), "issn": m.get("issn") or entry.get("issn")})
            j["issn"] = j["issn"] or m.get("issn")

    def article_order(self, path: str) -> tuple:
        m = self.metas[path]
        return (-(m.get("year") or 0), -(m.get("issue") or 0), journal_of(path), m.get("first_page") or 0, path)

    def issue_groups(self, slug: str):
        """(year, issue) -> {'issue': path|None, 'articles': [...], 'back': [...]}, for one journal."""
        groups: dict[tuple, dict] = defaultdict(lambda: {"issue": None, "articles": [], "back": []})
        for p, m in self.metas.items():
            if journal_of(p) != slug or m.get("kind") not in ("article", "issue", "back-matter"):
                continue
            key = (m.get("year") or 0, m.get("issue") or 0)
            g = groups[key]
            if m["kind"] == "issue":
                g["issue"] = p
            elif m["kind"] == "article":
                g["articles"].append(p)
            else:
                g["back"].append(p)
        for g in groups.values():
            g["articles"].sort(key=lambda p: (self.metas[p].get("first_page") or 0, p))
            g["back"].sort()
        return dict(sorted(groups.items(), reverse=True))

    def article_line(self, frm: str, p: str, *, with_issue: bool = True) -> str:
        m = self.metas[p]
        bits = [f"[{_esc(m.get('title'))}]({relative(frm, p)})"]
        if m.get("subtitle"):
            bits.append(f"——{_esc(m['subtitle'])}")
        tail = []
        if _authors_text(m):
            tail.append(_esc(_authors_text(m)))
        if with_issue:
            tail.append(f"《{_esc(m.get('journal'))}》{_issue_label(m)}")
        if _pages_label(m):
            tail.append(_pages_label(m))
        return "".join(bits) + ("，" + "，".join(tail) if tail else "")


# ---------------------------------------------------------------- pages


def _home(c: _Corpus) -> str:
    P = HOME
    body = ["# 期刊档案", "", "中文学术期刊全文档案：按期浏览目录，按作者、关键词、栏目或年份检索文章。", ""]
    if c.journals:
        body += ["## 期刊", ""]
        for slug, j in sorted(c.journals.items(), key=lambda kv: sort_key(kv[1]["name"])):
            n = sum(1 for p in c.articles if journal_of(p) == slug)
            extra = "，".join(x for x in [j.get("name_en") or "", f"ISSN {j['issn']}" if j.get("issn") else "", f"{n} 篇文章"] if x)
            body.append(f"- [《{_esc(j['name'])}》]({relative(P, journal_page(slug))})（{extra}）")
        body.append("")
    latest = sorted(c.issues, key=lambda p: (c.metas[p].get("published") or "", c.metas[p].get("year") or 0, c.metas[p].get("issue") or 0), reverse=True)
    if latest:
        p = latest[0]
        m = c.metas[p]
        body += ["## 最新一期", "", f"**[{_esc(m.get('title'))}]({relative(P, p)})**" + (f"（{m['published']} 出版）" if m.get("published") else ""), ""]
        for sec in m.get("sections") or []:
            body.append(f"- {_esc(sec.get('name'))}")
            for a in sec.get("articles") or []:
                target = path_of_url(a["url"], folder_of(p)) if a.get("url") else None
                label = _esc(a.get("title"))
                link = f"[{label}]({relative(P, target)})" if target in c.metas else label
                who = "、".join(a.get("authors") or [])
                body.append(f"    - {link}" + (f"（{_esc(who)}）" if who else ""))
        body.append("")
    if c.documents:
        body += ["## 文献", ""]
        for p in sorted(c.documents, key=lambda p: sort_key(c.metas[p].get("title") or "")):
            m = c.metas[p]
            body.append(f"- [{_esc(m.get('title'))}]({relative(P, p)})" + (f"（{m['year']}）" if m.get("year") else ""))
        body.append("")
    body += ["## 索引", ""]
    body += [
        f"- [作者索引]({relative(P, index_page('authors'))})（按拼音排序）",
        f"- [关键词索引]({relative(P, index_page('keywords'))})",
        f"- [栏目索引]({relative(P, index_page('sections'))})",
        f"- [年份索引]({relative(P, index_page('years'))})",
    ]
    return _page({"kind": "home", "title": "期刊档案"}, body)


def _journal_archive(c: _Corpus, slug: str) -> str:
    P = journal_page(slug)
    j = c.journals[slug]
    body = [f"# 《{_esc(j['name'])}》", ""]
    facts = [x for x in [j.get("name_en") or "", f"ISSN {j['issn']}" if j.get("issn") else ""] if x]
    if facts:
        body += ["　".join(facts), ""]
    by_year: dict[int, list] = defaultdict(list)
    for key, g in c.issue_groups(slug).items():
        by_year[key[0]].append((key, g))
    for year in sorted(by_year, reverse=True):
        body += [f"## {year} 年" if year else "## 未署年份", ""]
        for (y, n), g in by_year[year]:
            if g["issue"]:
                m = c.metas[g["issue"]]
                facts = [total_label(m.get("total_issue")), f"{m['published']} 出版" if m.get("published") else "", f"{len(g['articles'])} 篇文章"]
                body.append(f"- [{_issue_label(m)}]({relative(P, g['issue'])})（{'，'.join(x for x in facts if x)}）")
                continue
            # no issue page (a single article was converted): list what there is
            some = c.metas[g["articles"][0]] if g["articles"] else (c.metas[g["back"][0]] if g["back"] else {"year": y, "issue": n})
            facts = [total_label(some.get("total_issue")), f"{some['published']} 出版" if some.get("published") else ""]
            facts = [x for x in facts if x]
            body.append(f"- {_issue_label(some)}" + (f"（{'，'.join(facts)}）" if facts else ""))
            for p in g["articles"]:
                body.append(f"    - {c.article_line(P, p, with_issue=False)}")
            for p in g["back"]:
                body.append(f"    - [{_esc(c.metas[p].get('title'))}]({relative(P, p)})")
        body.append("")
    return _page({"kind": "journal", "title": f"《{j['name']}》", "journal": j["name"], "journal_slug": slug}, body)


def _by_initial(names: list[str], entry, surname: bool = False) -> list[str]:
    """Entries under pinyin-initial headings ('## A'); `entry(name)` gives each entry's lines."""
    body: list[str] = []
    current = None
    for name in names:
        letter = _initial(name, surname) if surname else _initial(name)
        if letter != current:
            current = letter
            body += [f"## {letter} {{#letter-{letter.lower() if letter != '#' else 'other'}}}", ""]
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
    letters = sorted({_initial(n, True) for n in names})
    if letters:
        body += [" · ".join(f"[{L}](#letter-{L.lower() if L != '#' else 'other'})" for L in letters), ""]

    def entry(name: str) -> list[str]:
        head = name + (f"（{english[name]}）" if name in english else "")
        lines = [f"### {_esc(head)} {{#{anchors[name]}}}", ""]
        if affiliations[name]:
            lines += ["；".join(_esc(x) for x in affiliations[name]), ""]
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
    names = sorted(works, key=sort_key)
    anchors = _unique_anchors(names, keyword_anchor)
    body = ["# 关键词索引", "", f"共 {len(names)} 个关键词，按拼音排序。", ""]

    def entry(k: str) -> list[str]:
        lines = [f"### {_esc(k)} {{#{anchors[k]}}}", ""]
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
        body += [f"## {_esc(s)} {{#{anchors[s]}}}", ""]
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
            yb += [f"## 《{_esc(j['name'])}》", ""]
            for (yy, n), g in groups:
                label = number_label(n)
                yb += [f"### [{label}]({relative(P, g['issue'])})" if g["issue"] else f"### {label}", ""]
                yb += [f"- {c.article_line(P, p, with_issue=False)}" for p in g["articles"]]
                yb.append("")
        docs = sorted((p for p, m in c.documents.items() if m.get("year") == y), key=lambda p: sort_key(c.metas[p].get("title") or ""))
        if docs:
            yb += ["## 文献", ""]
            yb += [f"- [{_esc(c.metas[p].get('title'))}]({relative(P, p)})" for p in docs]
            yb.append("")
        out[P] = _page({"kind": "index", "index": "year", "title": f"{y} 年", "year": y}, yb)
    return out


def index_pages(metas: dict[str, dict]) -> dict[str, str]:
    """`metas`: content path -> front matter of every converted page."""
    if not metas:
        return {}
    c = _Corpus(metas)
    pages = {HOME: _home(c)}
    for slug in c.journals:
        path = journal_page(slug)
        if path not in metas:
            pages[path] = _journal_archive(c, slug)
    pages[index_page("authors")] = _authors(c)
    pages[index_page("keywords")] = _keywords(c)
    pages[index_page("sections")] = _sections(c)
    pages.update(_years(c))
    return {p: t for p, t in pages.items() if p == HOME or p not in metas}
