"""What the corpus-wide pages share (generator/writers/indexes.py, portal.py): pinyin
anchors and sort keys, and the converted pages grouped by journal
and issue (_Corpus). Anchors are stable ASCII (pinyin)."""

from __future__ import annotations

from collections import defaultdict

from .. import meta as schema
from ..cjk import SURNAME_READINGS, name_pinyin, pinyin, pinyin_slug, slug_of
from .escape import md_text
from .frontmatter import front_matter
from ..layout import issue_label, journal_of, journals, pages_label, relative

# ---------------------------------------------------------------- anchors


def author_anchor(name: str) -> str:
    return "a-" + (slug_of(name_pinyin(name)) or "x")


def author_sort_key(name: str) -> tuple:
    return (name_pinyin(name, "tone3"), name or "")


def keyword_anchor(keyword: str) -> str:
    return "k-" + (pinyin_slug(keyword) or "x")


def section_anchor(section: str) -> str:
    return "s-" + (pinyin_slug(section) or "x")


# opening quotes and brackets are not part of the word: “下一代欧盟”计划 files under X
_OPENERS = "“‘「『《〈（(【〔\"' "
OTHER = "其他"  # the heading of entries that start with no letter (digits, symbols)


def _bare(text: str) -> str:
    return (text or "").lstrip(_OPENERS) or (text or "")


def sort_key(text: str) -> tuple:
    """Pinyin order (tone-numbered syllables), then the characters themselves."""
    return (pinyin(_bare(text), "tone3"), text or "")


def letter_id(letter: str) -> str:
    return "letter-" + (letter.lower() if letter != OTHER else "other")


def _initial(text: str, surname: bool = False) -> str:
    if surname and (text or "")[:1] in SURNAME_READINGS:
        return SURNAME_READINGS[text[0]][0].upper()
    first = pinyin(_bare(text)[:1] or "?", "first_letter")
    letter = (first[0][:1] if first and first[0] else "?").upper()
    return letter if letter.isascii() and letter.isalpha() else OTHER


# ---------------------------------------------------------------- helpers


def _issue_label(m: dict) -> str:
    return issue_label(m.get("year"), m.get("issue"))


def _pages_label(m: dict) -> str:
    return pages_label(m.get("first_page"), m.get("last_page"))


def _authors_text(m: dict) -> str:
    return "、".join(a.get("name", "") for a in m.get("authors") or [] if a.get("name"))


def _page(values: dict, body: list[str]) -> str:
    """A corpus page: its front matter through the schema (generator/meta.py), then the body."""
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
        self._groups: dict[str, dict] = {}
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
        """(year, issue) -> {'issue': path|None, 'articles': [...], 'back': [...]}, for one journal
        (made once per journal: the year pages ask for each year)."""
        if slug not in self._groups:
            self._groups[slug] = self._issue_groups(slug)
        return self._groups[slug]

    def _issue_groups(self, slug: str):
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
        bits = [f"[{md_text(m.get('title'))}]({relative(frm, p)})"]
        if m.get("subtitle"):
            bits.append(f"——{md_text(m['subtitle'])}")
        tail = []
        if _authors_text(m):
            tail.append(md_text(_authors_text(m)))
        if with_issue:
            tail.append(f"《{md_text(m.get('journal'))}》{_issue_label(m)}")
        if _pages_label(m):
            tail.append(f'<span class="ja-nowrap">{_pages_label(m)}</span>')  # "第 65–85 页" on one line
        return "".join(bits) + ("，" + "，".join(tail) if tail else "")


