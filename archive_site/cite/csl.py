"""Front matter -> CSL-JSON, the single source of every citation format.

- `csl_record(meta, id=..., url=...)`: one CSL-JSON item (dict) for a `kind: article`
  (or `kind: document`) front matter: structured names (曾向红 -> family 曾, given 向红;
  the surname's length read from the printed pinyin byline), title and subtitle joined
  as printed (`：` in Chinese), ISSN from the front matter or generator/journals.yml.
- Forms of a record for a reference list: `printed(rec)` (the article as printed:
  no URL), `online(rec, accessed)` (URL and access date), `romanised(rec, meta)`
  (APA 7 for a Chinese work: pinyin names, title and journal, the English or original
  title in brackets). `locale_of(rec)`: zh-CN, or en-US when the names are in Latin
  script (GB/T 7714 then writes "et al.", not 等).
Rendering the forms in a CSL style: archive_site/cite/render.py (CitationRenderer).
Downloads (RIS, BibTeX) are written from the record by archive_site/cite/exports.py.
"""

from __future__ import annotations

import re
from datetime import date

from generator.cjk import is_cjk, split_name

from .romanise import romanise_journal, romanise_name, romanise_title, sentence_case


def csl_name(name: str, name_en: str | None = None) -> dict:
    """An author name -> structured CSL name. 曾向红 -> {family: 曾, given: 向红}; a single word stays literal."""
    name = " ".join(str(name).split())
    if is_cjk(name):
        family, given = split_name(name, name_en)
        return {"family": family, "given": given} if given else {"literal": family}
    if " " not in name.replace(",", " ").strip():
        return {"literal": name}
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given}


def name_text(n: dict) -> str:
    """A CSL name as printed: 曾向红, John Smith."""
    if "literal" in n:
        return n["literal"]
    if is_cjk(n.get("family")):
        return (n.get("family") or "") + (n.get("given") or "")
    return " ".join(x for x in (n.get("given"), n.get("family")) if x)


def date_parts(meta: dict) -> list[int] | None:
    """[Y, M, D] from `published` (ISO date) when it is in `year`, else [Y]; never a made-up month or day."""
    year = meta.get("year")
    published = meta.get("published")
    if published:
        try:
            d = date.fromisoformat(str(published))
            if not year or d.year == int(year):
                return [d.year, d.month, d.day]
        except ValueError:
            pass
    return [int(year)] if year else None


def iso_date(parts: list[int] | None) -> str | None:
    """[2025] -> '2025', [2025, 11, 15] -> '2025-11-15' (ISO 8601 reduced precision)."""
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


def pages(meta: dict) -> str | None:
    first, last = meta.get("first_page"), meta.get("last_page")
    if not first:
        return None
    return f"{first}-{last}" if last and last != first else str(first)


def language(meta: dict) -> str:
    """zh-CN for a Chinese work (title or journal in CJK), else en."""
    return "zh-CN" if is_cjk(meta.get("title")) or is_cjk(meta.get("journal")) else "en"


def full_title(meta: dict) -> str:
    """Title and subtitle as printed: 'A：B' in Chinese, 'A: B' otherwise."""
    title, sub = meta.get("title") or "", meta.get("subtitle")
    if not sub:
        return title
    return f"{title}：{sub}" if is_cjk(title) else f"{title}: {sub}"


def journal_entry(meta: dict) -> dict:
    """The journal's entry in generator/journals.yml ({} when it is not there)."""
    from generator import layout

    return layout.journals().get(meta.get("journal") or "", {})


def issn_of(meta: dict) -> str | None:
    """The front matter's ISSN, else the one journals.yml gives; None rather than a guess."""
    return meta.get("issn") or journal_entry(meta).get("issn") or None


def csl_record(meta: dict, id: str, url: str | None = None, doi: str | None = None) -> dict:
    kind = "article-journal" if meta.get("kind", "article") == "article" else "document"
    rec: dict = {"id": id, "type": kind, "title": full_title(meta)}
    authors = [csl_name(a["name"], a.get("name_en")) for a in meta.get("authors") or [] if a.get("name")]
    if authors:
        rec["author"] = authors
    if meta.get("journal"):
        rec["container-title"] = meta["journal"]
    if issn_of(meta):
        rec["ISSN"] = issn_of(meta)
    parts = date_parts(meta)
    if parts:
        rec["issued"] = {"date-parts": [parts]}
    if meta.get("volume"):
        rec["volume"] = str(meta["volume"])
    if meta.get("issue") is not None:
        rec["issue"] = str(meta["issue"])
    if pages(meta):
        rec["page"] = pages(meta)
    if meta.get("abstract"):
        rec["abstract"] = meta["abstract"]
    if meta.get("keywords"):
        rec["keyword"] = ", ".join(meta["keywords"])
    rec["language"] = language(meta)
    if doi:
        rec["DOI"] = doi
    if url:
        rec["URL"] = url
    return rec


# --- forms of a record -------------------------------------------------------


def locale_of(rec: dict) -> str:
    """The locale a reference list entry is rendered in: by the script of the names
    (GB/T 7714: 等 after Chinese names, et al. after Latin ones), else of the title."""
    first = (rec.get("author") or [{}])[0]
    text = name_text(first) if first else rec.get("title")
    return "zh-CN" if is_cjk(text) else "en-US"


def printed(rec: dict) -> dict:
    """The article as printed: no URL, no access date."""
    return {k: v for k, v in rec.items() if k not in ("URL", "accessed")}


def online(rec: dict, accessed: date) -> dict:
    """The online resource: URL and the date it was accessed."""
    return {**rec, "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}}


def romanised(rec: dict, meta: dict) -> dict:
    """APA 7 for a work in Chinese script: names, title and journal in pinyin, the
    English title (or else the original title) in brackets. Other works as printed."""
    out = printed(rec)
    if not is_cjk(rec.get("title")) and not is_cjk(rec.get("container-title")):
        return out
    names = [romanise_name(a["name"], a.get("name_en")) if is_cjk(a["name"]) else csl_name(a["name"])
             for a in meta.get("authors") or [] if a.get("name")]
    if names:
        out["author"] = names
    english = meta.get("title_en")
    if is_cjk(rec.get("title")):  # a title in Latin script (an article in English) is given as printed, untranslated
        # the printed English title, in sentence case, in brackets (APA 7 9.38); none printed: no
        # bracket (the Chinese title again would be no translation, and the archive makes none up)
        title = romanise_title(rec["title"], english or "") + (f" [{sentence_case(english)}]" if english else "")
        # typographic apostrophes, as citeproc-js prints them (China's -> China’s, xi'an -> xi’an)
        out["title"] = re.sub(r"(?<=\w)'", "\u2019", title)
    if rec.get("container-title"):
        out["container-title"] = journal_entry(meta).get("name_romanised") or romanise_journal(rec["container-title"])
    out.pop("language", None)  # citeproc-js treats a non-English item differently; the romanised text is pre-cased
    if rec.get("URL") and not rec.get("DOI") and not rec.get("page"):
        out["URL"] = rec["URL"]  # APA 7 9.34: an online-only edition (no printed pages, no DOI) is found by its URL
    return out


def for_citeproc_py(rec: dict) -> dict:
    """citeproc-py puts a space between a CJK family and given name (曾 向红); citeproc-js,
    like the printed byline, does not. Hand citeproc-py such names whole."""
    names = rec.get("author")
    if not names or not any(is_cjk(n.get("family")) for n in names):
        return rec
    return {**rec, "author": [{"literal": name_text(n)} if is_cjk(n.get("family")) else n for n in names]}


# ---------------------------------------------------------------- an article's references

# The kinds of generator/references/ as CSL types.
REF_TYPES = {"article": "article-journal", "book": "book", "chapter": "chapter", "newspaper": "article-newspaper",
             "web": "webpage", "report": "report", "thesis": "thesis", "other": "document"}
# What a pointer (同上, Ibid.) or short form prints of its own; the rest comes from the reference it repeats.
_OWN = ("raw", "note", "kind", "pages", "prefix", "pointer", "same_as", "link")


def reference_fields(meta: dict) -> list[dict]:
    """An article's front-matter references, each a pointer or short form completed with the
    fields of the reference it repeats (its own printed pages win)."""
    refs = meta.get("references") or []
    at, count = {}, {}
    for r in refs:
        k = count.get(r["note"], 0)
        at[(r["note"], k)] = r
        count[r["note"]] = k + 1
    out = []
    for r in refs:
        base = at.get(tuple(r["same_as"])) if r.get("same_as") else None
        # the pages another note cites are not this one's: only its own printed pages
        out.append({**{k: v for k, v in base.items() if k not in _OWN}, **r} if base else dict(r))
    return out


def reference_items(meta: dict, id: str) -> list[dict]:
    """Each reference of an article as one CSL-JSON item, with `note` (the note's number as the
    page shows it) and `raw` (the printed text). Names stay as printed (CSL literal names):
    a byline of a reference is not split into family and given names it may not have."""
    items = []
    for k, r in enumerate(reference_fields(meta), 1):
        item: dict = {"id": f"{id}#ref-{k}", "type": REF_TYPES.get(r.get("kind"), "document"),
                      "note": str(r["note"]), "raw": r["raw"]}
        for key, role in (("authors", "author"), ("editors", "editor"), ("translators", "translator")):
            if r.get(key):
                item[role] = [{"literal": n} for n in r[key]]
        for key, var in (("title", "title"), ("container", "container-title"), ("volume", "volume"), ("issue", "issue"),
                         ("pages", "page"), ("publisher", "publisher"), ("place", "publisher-place"), ("url", "URL")):
            if r.get(key):
                item[var] = str(r[key])
        parts = _ref_date(r)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        items.append(item)
    return items


def _ref_date(r: dict) -> list[int] | None:
    """[Y, M, D] of the printed date, else [Y]; None when none is printed."""
    if r.get("date"):
        return [int(x) for x in str(r["date"]).split("-")]
    return [int(r["year"])] if r.get("year") else None

