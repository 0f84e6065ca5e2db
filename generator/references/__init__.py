"""Reference parsing: a note's printed text -> the references it holds.

One rule per module, as the house forms are:

- scan.py      where each reference stands in a note (pieces, lead-ins, title marks, pointers)
- zh.py        the Chinese forms (《题名》，《刊名》2024 年第 2 期 …; 出版社; 载《…》; 网站)
- latin.py     the comma forms: English Chicago-like, Korean/Japanese 「」『』
- gbt.py       GB/T 7714 proper (作者. 题名[J]. 刊名, 2020(3): 5.)
- fields.py    dates, years, volume/issue, pages, URLs, names (the shared patterns)
- split.py     comma parts outside brackets, quotes and italics
- pointers.py  同上 / Ibid. and short forms, resolved within an article
- keys.py      the title key that matches across width, punctuation and 繁/简

Every reference keeps its printed text (`raw`); a field is filled only when
its printed form is plain, so an odd reference is kind `other` with `raw`
and whatever it plainly printed, never a guess. Linear in the note's length:
one scan to cut it, precompiled patterns on each piece.
"""

from __future__ import annotations

import re
from functools import partial

from ..cjk import HAN
from ..model import Reference, replace
from . import gbt, latin, zh
from .fields import CN_PAGES, EN_PAGES, clean_pages, cjk_names, find_url, latin_names
from .latin import clean_title
from .pointers import resolve
from .scan import locate, pieces

__all__ = ["parse_note", "resolve"]


# A byline of editors: 王缉思主编： / 李明、张华编： / Krasner, ed., / Katzenstein and Keohane, eds. / (ed.)
EDITED = re.compile(rf"(?<=[{HAN}])(?:等)?(?:主编|编)\s*[：:]?\s*$|,?\s*\(?\beds?\.\)?,?\s*$")


def parse_note(text: str) -> tuple[Reference, ...]:
    """The references of one note's text, in order (none for pure commentary)."""
    refs = []
    for s, e in pieces(text):
        found = locate(text, s, e)
        if found is not None:
            refs.append(_reference(text, found))
    return tuple(refs)


def _locator(text: str) -> str | None:
    """The pages of a pointer's locator (', p. 39.' / '，第 5 页'), or None."""
    text = text.strip().strip(",，.。 ")
    m = CN_PAGES.search(text)
    if m:
        return clean_pages(m.group("p"))
    pages = [EN_PAGES.match(p.strip()) for p in text.split(", ") if p.strip()]
    if pages and all(pages):
        return clean_pages(", ".join(p.group("p") for p in pages))
    return None


# Reference(**fields), by copying a blank one: the frozen dataclass's __init__ sets each of
# its many fields through object.__setattr__, and every note makes a few.
_new = partial(replace, Reference(""))


def _reference(text: str, f) -> Reference:
    raw = text[f.start : f.end]
    base = {"raw": raw, "at": (f.start, f.end), "prefix": f.prefix}
    if f.form == "ibid":
        return _new(**base, pointer="ibid", pages=_locator(f.rest))
    if f.form == "see_above":
        return _new(**base)
    if f.form == "url":
        url, _ = find_url(f.rest)
        return _new(**base, kind="web", url=url)
    if f.form == "gbt":
        kind, fields = gbt.parse(gbt.match(f.rest))
        return _unescaped(_new(**base, kind=kind, **fields))
    byline, edited = f.byline, False
    m = EDITED.search(byline) if byline.rstrip(" ：:,)").endswith(("编", "ed.", "eds.")) else None
    if m:  # 王缉思主编：《…》 / Stephen D. Krasner, ed., *…*: the names are editors
        byline, edited = byline[: m.start()], True
    if f.form == "zh":
        names, et_al = cjk_names(byline) if byline else ((), False)
        title = f.title.strip()
        kind, fields = zh.parse(title, f.rest)
        if fields.get("container") == title and not f.byline:  # 《人民日报》2023 年 5 月 1 日 names no title
            title = ""
    else:
        names, et_al = latin_names(byline) if byline else ((), False)
        title = clean_title(f.title) if f.form in ("quote",) else f.title.strip()
        kind, fields = latin.parse(f.form, title, f.rest)
    if edited and names and "editors" not in fields:
        fields["editors"], names = names, ()
    ref = _new(**base, kind=kind or "other", authors=names, et_al=et_al, title=title or None, **fields)
    return _unescaped(ref)


# A Markdown backslash escape in the source ('US\$1.20'): the page shows the character alone.
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>])")
TEXT_FIELDS = ("title", "container", "publisher", "place")
NAME_FIELDS = ("authors", "editors", "translators")


def _unescaped(ref: Reference) -> Reference:
    """The fields as the page shows them (raw stays the note's text)."""
    if "\\" not in ref.raw:
        return ref
    changes = {}
    for f in TEXT_FIELDS:
        v = getattr(ref, f)
        if v and "\\" in v:
            changes[f] = MD_ESCAPE.sub(r"\1", v)
    for f in NAME_FIELDS:
        v = getattr(ref, f)
        if any("\\" in n for n in v):
            changes[f] = tuple(MD_ESCAPE.sub(r"\1", n) for n in v)
    return replace(ref, **changes) if changes else ref
