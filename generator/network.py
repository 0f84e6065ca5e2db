"""The archive as a citation network, computed when every page is laid out.

A reference whose container is a journal of the archive (by any of its names
in journals.yml, 繁 or 简), with a year and an issue the archive holds, is
matched against that issue's articles:

- by its title, across 繁/简, full/half width, punctuation and spacing, against
  the article's title, title + subtitle, TOC title, and main title (before a
  ：or ——, for a note citing it without its subtitle); when two articles of
  the issue carry the title, the cited page decides;
- without a title, by the cited page (within the article's pages);
- when the printed title matches nothing, by a title that differs in a
  character or two *and* a cited page that falls within the article.

One match links, to the cited printed page when the article's page holds its
anchor (#p37, see transforms/pages.py); none is REF_UNRESOLVED, two or more
REF_AMBIGUOUS (warnings, no link: a wrong link is worse than none). A pointer
or short form (同上, a short citation) links where the reference it repeats
links, to its own cited page. What the converter
learns here is written into the pages' front matter (their references with
the linked page, `cited_by`, `related`), so each page stays a function of its
own content file.

Related articles are found by bibliographic coupling: two articles citing the
same work (the same archived article, or the same title and year).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from .diagnostics import Diagnostic, Span, report
from .layout import issue_label, journals
from .model import Article, Issue, Note, Reference
from .references.keys import title_key

RELATED = 5  # related articles listed on a page
MAIN_TITLE = re.compile(r"\s*(?:[：:]|——|—|--)\s*")  # where a title printed with its subtitle splits
COMMON = 50  # a work cited by more articles than this couples nothing (a classic everyone cites)
NEAR = 0.9  # a near title (with the cited page inside the article) matches


@dataclass(frozen=True)
class Target:
    """An archived article, as a reference may name it."""

    path: str
    title: str
    journal: str
    year: int
    number: int
    first: int | None
    last: int | None
    keys: frozenset[str]
    anchors: frozenset[int] = frozenset()  # printed pages whose anchor the article's page holds (#p37)


@dataclass
class Network:
    # citing page -> (note, ref index) -> (cited page, the printed page it cites when that page has an anchor there)
    links: dict[str, dict[tuple[int, int], tuple[str, int | None]]] = field(default_factory=dict)
    cited_by: dict[str, list[dict]] = field(default_factory=dict)  # page -> who cites it (front-matter entries)
    related: dict[str, list[dict]] = field(default_factory=dict)  # page -> coupled articles (front-matter entries)
    targets: dict[str, Target] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@lru_cache(maxsize=4096)
def journal_key(name: str | None) -> str | None:
    """The archive's name of a journal printed as `name` ('國際問題研究' -> '国际问题研究'); the
    simplified name itself for a journal journals.yml does not list."""
    if not name:
        return None
    known = journals()
    bare = "".join(name.split())
    entry = known.get(bare)
    if entry is None:
        from .cjk import to_simplified

        bare = to_simplified(bare)
        entry = known.get(bare)
    return entry["name"] if entry else bare


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _first_page(pages: str | None) -> int | None:
    digits = ""
    for ch in pages or "":
        if ch.isdigit():
            digits += ch
        elif digits:
            break
    return int(digits) if digits else None


def _within(t: Target, page: int | None) -> bool:
    if page is None or t.first is None:
        return False
    return t.first <= page <= (t.last or t.first)


class Cite(NamedTuple):
    """One reference as the network reads it (precomputed from the note, so that an archive
    index can keep it: generator/plan.py lay_out; a tuple: an archive holds many)."""

    same_as: tuple[int, int] | None
    key: tuple[str, int, int] | None  # (journal, year, issue) of an issue it cites, when it prints all three
    title: str | None  # the title's match key (None: no title printed)
    page: int | None  # the first page it cites (its own, else the repeated reference's)
    work: tuple | None  # (title key, year) of the work, for coupling when it links nowhere
    shown: str = ""  # the printed reference, for REF_* messages (only when `key`)


class CitingNote(NamedTuple):
    number: int
    line: int
    text: str  # kept only when the note may link (a cited_by entry quotes it)
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Citing:
    """An article with notes, as the network reads it."""

    path: str
    source: str
    title: str
    entry: dict  # its cited_by / related entry (_entry)
    notes: tuple[CitingNote, ...]


@dataclass(frozen=True)
class Extract:
    """What one input brings to the network: its articles as targets and as citing articles."""

    targets: tuple[Target, ...] = ()
    citing: tuple[Citing, ...] = ()


def extract(issue: Issue, paths: list[str]) -> Extract:
    """The network's view of one input laid out at `paths`."""
    targets = []
    citing = []
    for art, path in zip(issue.articles, paths):
        if issue.kind != "document":
            t = _target(issue, art, path)
            if t is not None:
                targets.append(t)
        if art.notes:
            citing.append(Citing(path, issue.source, art.title, _entry(path, art, issue), _citing_notes(art)))
    return Extract(tuple(targets), tuple(citing))


def _target(issue: Issue, art: Article, path: str) -> Target | None:
    journal = journal_key(art.journal or issue.journal)
    year, number = art.year or issue.year, art.issue or issue.number
    if not (journal and year and number):
        return None
    titles = [art.title, art.title + (art.subtitle or "")]
    if art.toc_index is not None and art.toc_index < len(issue.toc):
        titles.append(issue.toc[art.toc_index].title)
    if art.cited_title:
        titles.append(art.cited_title)
    titles += [MAIN_TITLE.split(t, 1)[0] for t in titles if MAIN_TITLE.search(t)]  # cited without its subtitle
    keys = frozenset(k for k in (title_key(x, simplify=True) for x in titles) if len(k) >= 4)
    return Target(path, art.title, journal, year, number, art.first_page, art.last_page, keys, frozenset(art.pages))


def _citing_notes(art: Article) -> tuple[CitingNote, ...]:
    notes = {n.number: n for n in art.notes}
    out = []
    for note in art.notes:
        cites = []
        linkable = False
        for ref in note.refs:
            base = _base(notes, ref) if ref.same_as else ref
            key = None
            if not ref.same_as and ref.year and ref.container:  # only a full citation of an issue names one
                journal, number = journal_key(ref.container), _number(ref.issue)
                key = (journal, ref.year, number) if journal and number else None
            work = title_key(base.title)
            shown = (ref.raw if len(ref.raw) <= 80 else ref.raw[:78] + "…") if key else ""
            cites.append(Cite(ref.same_as, key, title_key(ref.title, simplify=True) if key and ref.title else None,
                              _first_page(ref.pages or base.pages), (work, base.year) if len(work) >= 4 else None, shown))
            linkable = linkable or bool(key or ref.same_as)
        out.append(CitingNote(note.number, note.line, note.text if linkable else "", tuple(cites)))
    return tuple(out)


def _base(notes: dict[int, Note], ref: Reference) -> Reference:
    """The reference a pointer or short form repeats (itself otherwise)."""
    if ref.same_as:
        note = notes.get(ref.same_as[0])
        if note and ref.same_as[1] < len(note.refs):
            return note.refs[ref.same_as[1]]
    return ref


def _match(cite: Cite, candidates: list[Target]) -> list[Target]:
    """The archived articles the reference names (one: a link)."""
    page = cite.page
    if cite.title is not None:
        key = cite.title
        exact = [t for t in candidates if key in t.keys]
        if len(exact) > 1 and page is not None:
            exact = [t for t in exact if _within(t, page)] or exact
        if exact:
            return exact
        return [t for t in candidates if _within(t, page)
                and max(SequenceMatcher(None, key, k).ratio() for k in t.keys) >= NEAR]
    if page is None:
        return []
    return [t for t in candidates if _within(t, page)]


def build(extracts: list[Extract]) -> Network:
    """The network of every input laid out (each one's extract(), in the archive's order)."""
    net = Network()
    by_issue: dict[tuple[str, int, int], list[Target]] = defaultdict(list)
    for ex in extracts:
        for t in ex.targets:
            by_issue[(t.journal, t.year, t.number)].append(t)
    net.targets = {t.path: t for ts in by_issue.values() for t in ts}
    works: dict[object, set[str]] = defaultdict(set)
    citing_of: dict[str, dict] = {}
    for ex in extracts:
        for art in ex.citing:
            citing_of[art.path] = art.entry
            _link_article(net, art, by_issue, works)
    _coupling(net, works, citing_of)
    for entries in net.cited_by.values():
        entries.sort(key=lambda e: (e["year"] or 0, e["number"] or 0, e["path"], e["note"]))
    return net


def _entry(path: str, art: Article, issue: Issue) -> dict:
    year, number = art.year or issue.year, art.issue or issue.number
    return {"path": path, "title": art.title, "journal": art.journal or issue.journal, "year": year, "number": number,
            "issue": issue_label(year, number)}


def _link_article(net: Network, art: Citing, by_issue, works) -> None:
    path = art.path
    cited: set[tuple[str, int]] = set()
    for note in art.notes:
        for idx, cite in enumerate(note.cites):
            if cite.same_as:
                target = (net.links.get(path, {}).get(cite.same_as) or (None,))[0]
            else:
                target = _link_one(net, art, note, cite, by_issue)
            if target:
                page = cite.page
                anchored = page if page in net.targets[target].anchors else None
                net.links.setdefault(path, {})[(note.number, idx)] = (target, anchored)
                if target != path and (target, note.number) not in cited:
                    cited.add((target, note.number))
                    net.cited_by.setdefault(target, []).append({**art.entry, "note": note.number, "text": note.text})
            work = target or cite.work
            if work is not None:
                works[work].add(path)


def _link_one(net: Network, art: Citing, note: CitingNote, cite: Cite, by_issue) -> str | None:
    if cite.key is None:
        return None
    journal, year, number = cite.key
    held = by_issue.get(cite.key)
    if not held:
        return None  # an issue the archive does not hold: nothing to say
    candidates = [t for t in held if t.path != art.path]
    found = _match(cite, candidates)
    where = f"《{journal}》{issue_label(year, number)}"
    if len(found) == 1:
        return found[0].path
    if not found:
        net.diagnostics.append(report("REF_UNRESOLVED", Span(art.source, note.line), note=note.number, ref=cite.shown,
                                      issue=where, article=art.title))
    else:
        titles = "、".join(f"《{t.title}》" for t in found)
        net.diagnostics.append(report("REF_AMBIGUOUS", Span(art.source, note.line), note=note.number, ref=cite.shown,
                                      issue=where, count=len(found), titles=titles, article=art.title))
    return None


def _coupling(net: Network, works: dict[object, set[str]], citing_of: dict[str, dict]) -> None:
    shared: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for citing in works.values():
        if len(citing) < 2 or len(citing) > COMMON:
            continue
        for a in citing:
            for b in citing:
                if a != b:
                    shared[a][b] += 1
    for path, others in shared.items():
        best = sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED]
        net.related[path] = [{**citing_of[p], "shared": n} for p, n in best]
