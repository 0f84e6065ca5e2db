"""The citation downloads, written from an article's (or document's) CSL-JSON record
(archive_site/cite/csl.py): RIS for Zotero/EndNote, BibTeX/biblatex.

RIS: the title in `TI`, the journal in `T2` and `JF` (full name; `JO` is read as an
abbreviation), the DOI in `DO`. No `TT`: RIS calls it the translated title, and citation-js
then takes it for the title and the Chinese title for the original (the swap of issue 23),
so the English title is left to the CSL-JSON and JATS downloads. Names split into family
and given name in both formats (`AU  - 曾, 向红`, `author = {曾, 向红}`), as Zotero, EndNote,
citation-js and rispy read them. BibTeX: `langid` for biblatex/babel, the rights in
`copyright` (the field Zotero's BibTeX import and export use).
"""

from __future__ import annotations

import re

from .csl import iso_date, is_cjk

RIS_TYPES = {"article-journal": "JOUR", "document": "GEN"}
BIB_TYPES = {"article-journal": "article", "document": "misc"}
LANGIDS = {"zh": "chinese", "en": "english"}


def _ris_name(n: dict) -> str:
    if "literal" in n:
        return n["literal"]
    return f"{n.get('family', '')}, {n.get('given', '')}"


def to_ris(rec: dict, keywords: list[str] | None = None) -> str:
    """A CSL-JSON record as RIS; `keywords`: the printed keywords, one KW line each (CSL's
    `keyword` is one string, which a keyword printed with a comma would split)."""
    lines = [("TY", RIS_TYPES.get(rec.get("type"), "GEN")), ("TI", rec.get("title", ""))]
    lines += [("AU", _ris_name(a)) for a in rec.get("author", [])]
    if rec.get("container-title"):
        lines.append(("T2", rec["container-title"]))
        lines.append(("JF", rec["container-title"]))
    parts = (rec.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(("PY", str(parts[0])))
        if len(parts) > 1:
            lines.append(("DA", "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])))
    if rec.get("volume"):
        lines.append(("VL", rec["volume"]))
    if rec.get("issue"):
        lines.append(("IS", rec["issue"]))
    if rec.get("page"):
        first, _, last = rec["page"].partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    if rec.get("ISSN"):
        lines.append(("SN", rec["ISSN"]))
    if rec.get("abstract"):
        lines.append(("AB", rec["abstract"]))
    for kw in keywords if keywords is not None else (rec.get("keyword") or "").split(", "):
        if kw:
            lines.append(("KW", kw))
    if rec.get("language"):
        lines.append(("LA", rec["language"]))
    if rec.get("DOI"):
        lines.append(("DO", rec["DOI"]))
    if rec.get("URL"):
        lines.append(("UR", rec["URL"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(str(value).split())}\n" for tag, value in lines)


# What (La)TeX reads as markup in a field: the special characters, and the ligatures
# -- --- `` '' ?` !` that would print another character than the one in the text.
_BIB_SPECIAL = re.compile(r"([{}\\&%$#_^~`])|(?<=-)(?=-)|(?<=')(?=')")
_BIB_COMMANDS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "`": r"\textasciigrave{}"}


def _bib_escape(text: str) -> str:
    """Text -> a BibTeX field value that (La)TeX prints as the same text."""
    def sub(m):
        c = m.group(1)
        return "{}" if c is None else _BIB_COMMANDS.get(c, "\\" + c)

    return _BIB_SPECIAL.sub(sub, " ".join(str(text).split()))


def _bib_name(n: dict) -> str:
    if "literal" in n:
        lit = _bib_escape(n["literal"])
        return "{" + lit + "}" if (" " in lit or "," in lit or is_cjk(lit)) else lit
    return f"{_bib_escape(n.get('family', ''))}, {_bib_escape(n.get('given', ''))}"


def bibtex_key(rec: dict) -> str:
    key = re.sub(r"[^A-Za-z0-9_:-]+", "", rec["id"].replace("/", "-"))
    return key or "article"


def to_bibtex(rec: dict, rights: str | None = None) -> str:
    fields: list[tuple[str, str]] = [("title", _bib_escape(rec.get("title", "")))]
    if rec.get("author"):
        fields.append(("author", " and ".join(_bib_name(a) for a in rec["author"])))
    if rec.get("container-title"):
        fields.append(("journal", _bib_escape(rec["container-title"])))
    parts = (rec.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", iso_date(parts)))
    if rec.get("volume"):
        fields.append(("volume", rec["volume"]))
    if rec.get("issue"):
        fields.append(("number", rec["issue"]))
    if rec.get("page"):
        fields.append(("pages", rec["page"].replace("-", "--")))
    if rec.get("ISSN"):
        fields.append(("issn", rec["ISSN"]))
    if rec.get("keyword"):
        fields.append(("keywords", _bib_escape(rec["keyword"])))
    if rec.get("abstract"):
        fields.append(("abstract", _bib_escape(rec["abstract"])))
    if rec.get("language"):
        fields.append(("language", rec["language"]))
        fields.append(("langid", LANGIDS.get(rec["language"].split("-")[0], rec["language"])))
    if rec.get("DOI"):
        fields.append(("doi", _bib_escape(rec["DOI"])))
    if rec.get("URL"):
        fields.append(("url", rec["URL"]))
    if rights:
        fields.append(("copyright", _bib_escape(rights)))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{BIB_TYPES.get(rec.get('type'), 'misc')}{{{bibtex_key(rec)},\n{body}\n}}\n"
