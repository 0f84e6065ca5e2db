"""The archive's addresses and labels, each defined once.

Both halves ask here: the converter's writers (where a page goes, how an
issue is labelled) and the site side (archive_site/, and through its hooks
the templates). Nothing here knows a reader, transform or writer.

- journals (journals.yml): slug, printed names, ISSN, English name
- source names below sources/: gjwtyj/2025-06.txt, ddmgpl/2025-01-p064.txt, documents/<slug>.txt
- page paths below content/: gjwtyj/2025/06/p022.md, gjwtyj/2025/06/index.md, documents/<slug>.md
- URLs: a page path's directory URL (gjwtyj/2025/06/p022/)
- the corpus pages: home, journal archives, author/keyword/section/year indexes
- labels: "2025 年第 6 期", "第 22–41 页"
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

import yaml

from .cjk import initials, pinyin_slug
from .markers import number_value, numbering_of

JOURNALS_FILE = Path(__file__).resolve().parent / "journals.yml"

HOME = "index.md"
DOCUMENTS = "documents"
REPLACED_DIR = ".replaced"  # below sources/: sources replaced or removed (the newest KEEP_REPLACED of each kept)
ORIGINALS_DIR = ".originals"  # below sources/: a source's bytes as given, when they were not UTF-8 with LF
KEEP_REPLACED = 5
# The corpus indexes: key -> (page, navigation label).
INDEXES = {
    "authors": ("authors/index.md", "作者"),
    "keywords": ("keywords/index.md", "关键词"),
    "sections": ("sections/index.md", "栏目"),
    "years": ("years/index.md", "年份"),
    "cited": ("cited/index.md", "引证"),  # the most-cited articles of each journal (generator/network.py)
}
# The overview of the indexes above: the page the navigation's 索引 tab opens.
INDEXES_HOME = "indexes/index.md"


# ---------------------------------------------------------------- journals


@lru_cache(maxsize=1)
def journals() -> dict[str, dict]:
    """Journal name (simplified) -> its config entry (slug, names, issn)."""
    data = yaml.safe_load(JOURNALS_FILE.read_text(encoding="utf-8")) if JOURNALS_FILE.exists() else []
    out = {}
    for entry in data or []:
        for name in [entry["name"], *entry.get("names", [])]:
            out[name] = entry
    return out


def journal_by_issn(issn: str | None) -> str | None:
    """The journal an article number's ISSN belongs to (an article printed without its journal name)."""
    return next((e["name"] for e in journals().values() if issn and e.get("issn") == issn), None)


def journal_slug(name: str | None) -> str:
    if not name:
        return "misc"
    entry = journals().get(name)
    if entry:
        return entry["slug"]
    return initials(name) or "misc"


def slugify(text: str, limit: int = 60) -> str:
    """A title's slug for a page path: 北约2022战略概念 -> bei-yue-2022-zhan-lve-gai-nian."""
    return pinyin_slug(text, limit) or "untitled"


# ---------------------------------------------------------------- page paths (below content/)


def page_stem(first_page: int | None, title: str, limit: int = 60) -> str:
    """An article's file stem: its first page ('p022'), or its title's slug when no page is known."""
    return f"p{first_page:03d}" if first_page is not None else slugify(title, limit)


def issue_dir(journal: str | None, year: int | None, number: int | None) -> str:
    if year and number:
        return f"{journal_slug(journal)}/{year}/{number:02d}"
    if year:
        return f"{journal_slug(journal)}/{year}"
    return journal_slug(journal)


def issue_page(issue_folder: str) -> str:
    """The table-of-contents page of the issue in `issue_folder` (also: the issue of an article's folder)."""
    return f"{issue_folder}/index.md"


def article_path(issue_folder: str, first_page: int | None, title: str) -> str:
    return f"{issue_folder}/{page_stem(first_page, title)}.md"


def document_path(title: str) -> str:
    return f"{DOCUMENTS}/{slugify(title)}.md"


def back_matter_path(issue_folder: str, slug: str, prefix: str = "") -> str:
    return f"{issue_folder}/{prefix}{slug}.md"


def journal_page(slug: str) -> str:
    return f"{slug}/index.md"


def index_page(key: str) -> str:
    """'authors' -> 'authors/index.md' (see INDEXES)."""
    return INDEXES[key][0]


def year_page(year: int) -> str:
    return f"years/{year}.md"


def folder_of(path: str) -> str:
    return posixpath.dirname(path)


def journal_of(path: str) -> str:
    """The journal slug (first folder) of a page path."""
    return path.split("/", 1)[0]


# ---------------------------------------------------------------- URLs


def url_of(path: str) -> str:
    """A page path's URL with directory URLs: 'a/b/p022.md' -> 'a/b/p022/', 'a/index.md' -> 'a/'."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def path_of_url(url: str, folder: str = "") -> str:
    """The inverse of url_of, for a URL relative to `folder`: 'p022/' -> '<folder>/p022.md'."""
    stem = url.rstrip("/")
    return posixpath.join(folder, stem + ".md" if stem else "index.md")


def relative(frm: str, to: str) -> str:
    """Relative link from page `frm` to page `to` (both content paths)."""
    return posixpath.relpath(to, posixpath.dirname(frm) or ".")


def ident_of(path: str) -> str:
    """A page's identifier inside the archive: its path without '.md' (gjwtyj/2025/06/p022)."""
    return path.removesuffix(".md")


def heading_number(text: str) -> int | None:
    """The number a heading prints ('三、…' -> 3, '（二）…' -> 2, '4. …' -> 4), for its anchor;
    None when it prints none. The numbering schemes are generator/markers.py's NUMBERING."""
    found = numbering_of(text.strip())
    return number_value(found[0], found[2]) if found else None


def heading_levels(levels: list[int]) -> list[int]:
    """The outline rule, defined once: a page's heading levels (2 = a section; the title is 1)
    as they are written and shown. Headings before the first level-2 one are level 2 (they
    are its siblings, not its children), no heading is more than one level below the one
    before it (2 then 4 -> 2, 3), and none is below 6. The converter applies it
    (generator/transforms/headings.py); the site applies it again to pages converted before
    it did (archive_site/pages/typeset.py), which changes nothing on a page that follows it."""
    out: list[int] = []
    last, seen_top = 1, False
    for printed in levels:
        seen_top = seen_top or printed == 2
        last = min(printed, last + 1, 6 if seen_top else 2)
        out.append(last)
    return out


def page_anchor(page: int) -> str:
    """The anchor of a printed page on its article's page: 37 -> 'p37' (…/p022/#p37)."""
    return f"p{page}"


def heading_anchor(numbers: list[int]) -> str:
    """A heading's id from its place in the outline: [1, 2] -> 's1-2' (一、 then its （二）)."""
    return "s" + "-".join(str(n) for n in numbers)


# ---------------------------------------------------------------- source names (below sources/)


def source_name(kind: str, journal: str | None, year: int | None, number: int | None,
                first_page: int | None = None, title: str = "") -> str:
    """Where a source belongs below sources/: gjwtyj/2025-06.txt (issue),
    gjwtyj/2025-06-p022.txt (single article), documents/<slug>.txt (document)."""
    if kind == "document":
        return f"{DOCUMENTS}/{slugify(title)}.txt"
    slug = journal_slug(journal)
    if kind == "issue":
        return f"{slug}/{year}-{number:02d}.txt"
    if year and number:
        return f"{slug}/{year}-{number:02d}-{page_stem(first_page, title, 40)}.txt"
    return f"{slug}/{slugify(title, 40)}.txt"


def original_name(rel: str) -> str:
    """Where the original bytes of source `rel` are kept: .originals/gjwtyj/2025-06.txt."""
    return f"{ORIGINALS_DIR}/{rel}"


def kept_name(rel: str, stamp: str, original: bool = False) -> str:
    """Where a replaced or removed source goes: .replaced/gjwtyj/2025-06.<stamp>.txt
    (its original bytes, if kept: .replaced/gjwtyj/2025-06.<stamp>.original.txt)."""
    return f"{REPLACED_DIR}/{rel.removesuffix('.txt')}.{stamp}{'.original' if original else ''}.txt"


# ---------------------------------------------------------------- labels


def issue_label(year: int | None, number: int | None) -> str:
    """'2025 年第 6 期'; '2025 年' without a number; '未署期' without either."""
    if year and number:
        return f"{year} 年第 {number} 期"
    return f"{year} 年" if year else "未署期"


def number_label(number: int | None) -> str:
    """'第 6 期' (an issue within its year)."""
    return f"第 {number} 期" if number else "未署期"


def total_label(total: int | None) -> str:
    """'总第 265 期' (the issue's running number since the first)."""
    return f"总第 {total} 期" if total else ""


def pages_label(first: int | None, last: int | None) -> str:
    """'第 22–41 页', '第 22 页', or '' when no page is known."""
    pages = page_range(first, last)
    return f"第 {pages} 页" if pages else ""


def page_range(first: int | None, last: int | None) -> str:
    """'22–41', '22', or '' (the page column of an issue's table of contents)."""
    if first and last and last != first:
        return f"{first}–{last}"
    return str(first) if first else ""
