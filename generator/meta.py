"""The front matter of every page kind: the contract between converter and site.

The writers build each page's front matter through `dump(kind, values)`, which
orders the keys as below and refuses a key, a type or a missing value the
schema does not allow; the site side (archive_site/, the templates through
it) and the tests read it through `check` / `load`. A field the schema does
not name cannot reach a page, and a page the schema does not describe fails
the build (`mkdocs build --strict`, see archive_site/pages/nav.py).

Types: str, int, bool, list (of str or dict), dict; `None` where `optional`.
`omit` keys may be absent (the writer gives them only when they apply, e.g.
prev/next where an article has a neighbour); every other key is always written,
null when unknown.

An article's prev/next are the journal's articles before and after it in printed order,
across issues (generator/plan.py), with the neighbour's title (prev_title/next_title) and,
when it is in another issue, that issue's label (prev_issue/next_issue), so that the page
shows them from its own file. toc_authors: the names as the issue's TOC prints them, when
they differ from the byline. An issue's `complete`: true for an issue converted whole,
false for the page listing the articles held of an issue that was not.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

ANY = object()


@dataclass(frozen=True)
class Field:
    name: str
    type: type | tuple | object  # ANY: the value's shape is the writer's (e.g. an annual index's entries)
    required: bool = False  # must be present and not None
    omit: bool = False  # may be absent


def _f(spec: str) -> Field:
    """'title:str!' -> required str; 'subtitle:str' -> optional; 'prev:str?' -> omitted when empty."""
    name, _, rest = spec.partition(":")
    required, omit = rest.endswith("!"), rest.endswith("?")
    kind = rest.rstrip("!?")
    types = {"str": str, "int": int, "bool": bool, "list": list, "dict": dict, "any": ANY, "date": (str,)}
    return Field(name, types[kind], required, omit)


def _schema(*specs: str) -> tuple[Field, ...]:
    return tuple(_f(s) for s in specs)


COMMON = ("kind:str!", "source:str!")
SCHEMAS: dict[str, tuple[Field, ...]] = {
    "article": _schema(
        *COMMON, "template:str!", "title:str!", "subtitle:str", "title_en:str", "authors:list!", "toc_authors:list?", "journal:str",
        "issn:str", "year:int", "issue:int", "total_issue:int", "section:str", "first_page:int", "last_page:int",
        "article_no:str", "clc:list!", "doc_code:str", "keywords:list!", "keywords_en:list!", "abstract:str",
        "abstract_en:str", "funding:str", "editor:str", "citation:str", "published:date",
        "prev:str?", "prev_title:str?", "prev_issue:str?", "next:str?", "next_title:str?", "next_issue:str?",
        "pages:list?", "printed:dict?", "references:list!", "cited_by:list!", "related:list!",
    ),
    "document": _schema(*COMMON, "template:str!", "title:str!", "subtitle:str", "year:int?"),
    "issue": _schema(
        *COMMON, "template:str!", "title:str!", "journal:str", "journal_printed:str", "issn:str", "year:int",
        "issue:int", "total_issue:int", "frequency:str", "published:date", "complete:bool?", "sections:list!", "toc_en:list!",
        "back_matter:list!",
    ),
    "back-matter": _schema(*COMMON, "title:str!", "back_kind:str!", "journal:str", "year:int", "issue:int", "entries:any?"),
    "home": _schema("kind:str!", "title:str!", "portal_sites:list?"),  # portal_sites: a portal over per-journal sites
    "journal": _schema("kind:str!", "title:str!", "journal:str!", "journal_slug:str!"),
    "index": _schema("kind:str!", "index:str!", "title:str!", "anchors:dict?", "year:int?"),
}
# Keys the site side adds to a page's meta while building (not in content/).
SITE_KEYS = frozenset({"hide", "scholarly"})
# What an author entry of an article holds (orcid: 0000-0002-1825-0097, when printed or added by hand;
# the site links it as the author's id: signposting, JSON-LD, JATS, Crossref, DOAJ).
AUTHOR = _schema("name:str!", "name_en:str?", "affiliation:str?", "orcid:str?")
# A reference of an article (generator/references/): `note` is the note's number as the page shows it,
# `raw` the reference as printed, the rest what it prints (only the keys it has); `same_as`: [note, index]
# of the reference a pointer (同上, Ibid.) or short form repeats; `link`: the archived article's page it cites.
REFERENCE = _schema(
    "note:int!", "raw:str!", "kind:str!", "prefix:str?", "pointer:str?", "authors:list?", "et_al:bool?", "editors:list?",
    "translators:list?", "title:str?", "container:str?", "volume:str?", "issue:str?", "year:int?", "date:date?",
    "pages:str?", "publisher:str?", "place:str?", "url:str?", "same_as:list?", "link:str?",
)
# An article of the archive that cites this one: its page, title, journal and issue, and the citing note.
CITATION = _schema("path:str!", "title:str!", "journal:str?", "issue:str!", "note:int!", "text:str!")
# An article that shares references with this one (bibliographic coupling), and how many.
RELATED = _schema("path:str!", "title:str!", "journal:str?", "issue:str!", "shared:int!")
ENTRIES = {"authors": AUTHOR, "references": REFERENCE, "cited_by": CITATION, "related": RELATED}


class SchemaError(ValueError):
    """Front matter the schema does not allow; the message names the key."""


def _type_ok(value, f: Field) -> bool:
    if f.type is ANY:
        return True
    if f.type is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if f.type == (str,):  # a date: ISO text (YAML may read it as a date)
        return isinstance(value, str) or hasattr(value, "isoformat")
    return isinstance(value, f.type)


_NAMES: dict[int, tuple[tuple[Field, ...], frozenset[str]]] = {}  # id(fields) -> (fields, their names)


def _names(fields: tuple[Field, ...]) -> frozenset[str]:
    known = _NAMES.get(id(fields))
    if known is None or known[0] is not fields:
        known = _NAMES[id(fields)] = (fields, frozenset(f.name for f in fields))
    return known[1]


def _check_fields(values: dict, fields: tuple[Field, ...], where: str) -> list[str]:
    errors = []
    names = _names(fields)
    if not values.keys() <= names:
        for key in values:
            if key not in names and key not in SITE_KEYS:
                errors.append(f"{where}: unknown key {key!r}")
    for f in fields:
        value = values.get(f.name)
        if value is None:
            if f.required:
                errors.append(f"{where}: {f.name!r} is required")
            elif not f.omit and f.name not in values:
                errors.append(f"{where}: {f.name!r} is missing (write null when unknown)")
            continue
        if type(value) is not f.type and not _type_ok(value, f):  # (an exact type is the usual case)
            errors.append(f"{where}: {f.name!r} should be {getattr(f.type, '__name__', 'a date')}, not {type(value).__name__}")
    return errors


def check(meta: dict, where: str = "front matter") -> list[str]:
    """Every way `meta` breaks the schema of its kind ([] when it keeps it)."""
    kind = meta.get("kind")
    fields = SCHEMAS.get(kind)
    if fields is None:
        return [f"{where}: unknown kind {kind!r}"]
    errors = _check_fields(meta, fields, where)
    if kind == "article":
        for key, fields in ENTRIES.items():
            for k, a in enumerate(meta.get(key) or []):
                errors += _check_fields(a, fields, f"{where}: {key}[{k}]") if isinstance(a, dict) else [f"{where}: {key}[{k}] is not a mapping"]
    return errors


def load(meta: dict, where: str = "front matter") -> dict:
    """`meta`, checked; raises SchemaError naming what is wrong."""
    errors = check(meta, where)
    if errors:
        raise SchemaError("; ".join(errors))
    return meta


def dump(kind: str, values: dict) -> dict:
    """Front matter of a `kind` page, keys in schema order (`omit` keys only when given)."""
    fields = SCHEMAS[kind]
    unknown = set(values) - {f.name for f in fields} - {"kind"}
    if unknown:
        raise SchemaError(f"{kind} page: unknown key(s) {sorted(unknown)}")
    out: dict = {}
    for f in fields:
        value = kind if f.name == "kind" else values.get(f.name)
        if f.omit and f.name not in values:
            continue
        out[f.name] = value
    return load(out, f"{kind} page")


def author(name: str, name_en: str | None = None, affiliation: str | None = None) -> dict:
    """An article's author entry (keys only when set)."""
    entry = {"name": name}
    if name_en:
        entry["name_en"] = name_en
    if affiliation:
        entry["affiliation"] = affiliation
    return entry


def parse(text: str) -> dict:
    """The front matter of a page's text ({} when it has none)."""
    if not text.startswith("---\n"):
        return {}
    end = text.index("\n---\n", 4)
    return yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # libyaml: 20x faster
