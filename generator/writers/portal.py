"""The home page (a journal portal: each journal with its latest issue and its run of
years) and each journal's issue archive (by year, one cover-like tile per issue).

The tiles are Markdown links inside md_in_html blocks (mkdocs.yml), so `mkdocs build
--strict` still checks every one; theme/assets/stylesheets/archive.css lays them out.
"""

from __future__ import annotations

from collections import defaultdict

from .escape import md_text
from .corpus import _Corpus, _issue_label, _page, sort_key
from ..layout import HOME, folder_of, index_page, journal_of, journal_page, number_label, path_of_url, relative, total_label


def _year_id(year) -> str:
    return f"y{year}" if year else "y-none"


def _tile(target: str, journal: str, year, number, facts: str = "") -> str:
    """One issue as a cover-like tile: journal, year, number, a line of facts."""
    parts = [f'<span class="ja-tile-journal">{md_text(journal)}</span>',
             f'<span class="ja-tile-year">{year or ""} 年</span>' if year else "",
             f'<span class="ja-tile-number">{number_label(number)}</span>' if number else "",
             f'<span class="ja-tile-facts">{md_text(facts)}</span>' if facts else ""]
    return f"- [{' '.join(x for x in parts if x)}]({target}){{.ja-tile}}"


def _tiles(items: list[str]) -> list[str]:
    return ['<div class="ja-tiles" markdown>', "", *items, "", "</div>", ""]


def _issue_tile(c: _Corpus, frm: str, slug: str, key: tuple, g: dict) -> str:
    """The tile of one issue: its issue page, or (no issue page) the journal archive's year."""
    j = c.journals[slug]
    y, n = key
    if g["issue"]:
        m = c.metas[g["issue"]]
        held = f"{len(g['articles'])} 篇" if m.get("complete", True) else f"收录 {len(g['articles'])} 篇"
        facts = "，".join(x for x in [total_label(m.get("total_issue")), held] if x)
        return _tile(relative(frm, g["issue"]), j["name"], y, n, facts)
    target = relative(frm, journal_page(slug)) + f"#{_year_id(y)}"
    return _tile(target, j["name"], y, n, f"{len(g['articles'])} 篇")


def _journal_card(c: _Corpus, slug: str, j: dict) -> list[str]:
    P = HOME
    groups = c.issue_groups(slug)
    n = sum(1 for p in c.articles if journal_of(p) == slug)
    years = sorted({y for y, _ in groups if y})
    home = relative(P, journal_page(slug))
    facts = [f"ISSN {md_text(j['issn'])}" if j.get("issn") else "", f"{len(groups)} 期", f"{n} 篇文章"]
    lines = ['<section class="ja-journal" markdown>', "", f"### [《{md_text(j['name'])}》]({home})", ""]
    if j.get("name_en"):
        lines += [f'<p class="ja-journal-en" lang="en">{md_text(j["name_en"])}</p>', ""]
    lines += ["<p class=\"ja-journal-facts\">" + " · ".join(x for x in facts if x) + "</p>", ""]
    if groups:
        key, g = next(iter(groups.items()))
        lines += ["最新一期：", "", *_tiles([_issue_tile(c, P, slug, key, g)])]
    if years:
        run = "、".join(f"[{y}]({home}#{_year_id(y)})" for y in reversed(years))
        lines += [f"收录年份（{years[0]}–{years[-1]}）：{run}" if len(years) > 1 else f"收录年份：{run}", ""]
    return lines + ["</section>", ""]


def home_page(c: _Corpus) -> str:
    P = HOME
    body = ["# 期刊档案", "", "中文学术期刊全文档案：按期浏览目录，按作者、关键词、栏目或年份检索文章。", ""]
    if c.journals:
        body += ["## 期刊", "", '<div class="ja-journals" markdown>', ""]
        for slug, j in sorted(c.journals.items(), key=lambda kv: sort_key(kv[1]["name"])):
            body += _journal_card(c, slug, j)
        body += ["</div>", ""]
    # the newest issue held whole (one held in part only when no issue is held whole)
    latest = sorted(c.issues, key=lambda p: (c.metas[p].get("complete", True), c.metas[p].get("published") or "",
                                             c.metas[p].get("year") or 0, c.metas[p].get("issue") or 0), reverse=True)
    if latest:
        p = latest[0]
        m = c.metas[p]
        published = f"（{md_text(m['published'])} 出版）" if m.get("published") else ""
        body += ["## 最新一期", "", f"**[{md_text(m.get('title'))}]({relative(P, p)})**" + published, ""]
        for sec in m.get("sections") or []:
            body.append(f"- {md_text(sec.get('name'))}")
            for a in sec.get("articles") or []:
                target = path_of_url(a["url"], folder_of(p)) if a.get("url") else None
                label = md_text(a.get("title"))
                link = f"[{label}]({relative(P, target)})" if target in c.metas else label
                who = "、".join(a.get("authors") or [])
                body.append(f"    - {link}" + (f"（{md_text(who)}）" if who else ""))
        body.append("")
    if c.documents:
        body += ["## 文献", ""]
        for p in sorted(c.documents, key=lambda p: sort_key(c.metas[p].get("title") or "")):
            m = c.metas[p]
            body.append(f"- [{md_text(m.get('title'))}]({relative(P, p)})" + (f"（{m['year']}）" if m.get("year") else ""))
        body.append("")
    body += ["## 索引", ""]
    body += [
        f"- [作者索引]({relative(P, index_page('authors'))})（按拼音排序）",
        f"- [关键词索引]({relative(P, index_page('keywords'))})",
        f"- [栏目索引]({relative(P, index_page('sections'))})",
        f"- [年份索引]({relative(P, index_page('years'))})",
        f"- [引证排行]({relative(P, index_page('cited'))})（被本库文章引用最多的文章）",
    ]
    return _page({"kind": "home", "title": "期刊档案"}, body)


def journal_archive(c: _Corpus, slug: str) -> str:
    P = journal_page(slug)
    j = c.journals[slug]
    body = [f"# 《{md_text(j['name'])}》", ""]
    facts = [md_text(x) for x in [j.get("name_en") or "", f"ISSN {j['issn']}" if j.get("issn") else ""] if x]
    if facts:
        body += ["　".join(facts), ""]
    by_year: dict[int, list] = defaultdict(list)
    for key, g in c.issue_groups(slug).items():
        by_year[key[0]].append((key, g))
    for year in sorted(by_year, reverse=True):
        body += [f"## {year} 年 {{#{_year_id(year)}}}" if year else f"## 未署年份 {{#{_year_id(year)}}}", ""]
        with_page = [(k, g) for k, g in by_year[year] if g["issue"]]
        if with_page:
            body += _tiles([_issue_tile(c, P, slug, k, g) for k, g in with_page])
        for (y, n), g in by_year[year]:
            if g["issue"]:
                continue
            # no issue page (a single article was converted): list what there is
            some = c.metas[g["articles"][0]] if g["articles"] else (c.metas[g["back"][0]] if g["back"] else {"year": y, "issue": n})
            facts = [total_label(some.get("total_issue")), f"{md_text(some['published'])} 出版" if some.get("published") else ""]
            facts = [x for x in facts if x]
            body.append(f"- {_issue_label(some)}" + (f"（{'，'.join(facts)}）" if facts else ""))
            for p in g["articles"]:
                body.append(f"    - {c.article_line(P, p, with_issue=False)}")
            for p in g["back"]:
                body.append(f"    - [{md_text(c.metas[p].get('title'))}]({relative(P, p)})")
        body.append("")
    return _page({"kind": "journal", "title": f"《{j['name']}》", "journal": j["name"], "journal_slug": slug}, body)

