"""What an add or a remove would do, computed without writing a byte (except the convert cache).

A plan is computed under the archive lock from what sources/ holds at that
moment, so two adds never work from a stale view. The pages that change are
found from the archive index (index.py: every source laid out, without its
text): the pages of the sources that come and go, every page whose facts about
the others change (generator/plan.py World.facts: previous/next, the annual
indexes' links, its references' links, cited by, related) and the corpus pages
(home, journal and year pages, indexes), which are rendered from the index.
Only those are rendered and compared with content/. When content/ was not
written from the index's view of sources/ (content/.state.json), every page is
rendered and compared, as a full build would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..cache import ConvertCache
from ..decode import InputError, decode
from ..layout import KEEP_REPLACED, REPLACED_DIR, kept_name, original_name
from ..messages import t
from ..model import Diagnostic, Issue
from ..plan import World, corpus_page_paths, corpus_pages, source_pages
from .index import ArchiveIndex, Entry, read_state, state_text
from .naming import AddError, canonical_name, describe, identity, timestamp


@dataclass
class Added:
    input: Path
    data: bytes  # as given
    stored: bytes  # what goes into sources/: the decoded text, UTF-8 with LF
    name: str  # canonical, relative to sources/
    issue: Issue


@dataclass
class Plan:
    sources: Path
    content: Path
    added: list[Added] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (sources rel path, description) taken out by `remove`
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old rel, kept-as rel) below sources/
    moves: list[tuple[str, str]] = field(default_factory=list)  # every move below sources/ (sources and originals)
    puts: dict[str, bytes] = field(default_factory=dict)  # sources rel -> bytes (new sources, their originals)
    prune: list[str] = field(default_factory=list)  # sources rel: kept copies beyond KEEP_REPLACED
    writes: dict[str, str] = field(default_factory=dict)  # content rel path -> text
    new_pages: set[str] = field(default_factory=set)  # writes that create a page
    deletes: list[str] = field(default_factory=list)  # content rel paths
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (sources rel path, diagnostic)
    render_diags: list[Diagnostic] = field(default_factory=list)  # corpus-wide (DUPLICATE_PAGE, REF_*)
    new_render_diags: list[Diagnostic] = field(default_factory=list)  # those the archive did not have before
    notes: list[str] = field(default_factory=list)
    state: str | None = None  # content/.state.json once the change is made (index.py)

    def errors(self) -> list[tuple[str, Diagnostic]]:
        return [(rel, d) for rel, d in self.diagnostics if d.severity == "error"]


# ---------------------------------------------------------------- inputs and the archive


def convert_inputs(files: list[Path], cache: ConvertCache) -> list[Added]:
    """Every input converts (and says what it is), or AddError; needs no lock."""
    added = []
    for f in map(Path, files):
        try:
            data = f.read_bytes()
        except OSError as exc:
            raise AddError(f"{f}: {exc.strerror or exc}") from None
        try:
            stored = decode(data).encode("utf-8")
            name = canonical_name(cache.convert(stored, f.name))
            issue = cache.convert(stored, Path(name).name)  # `source:` in the pages is the canonical base name
        except (InputError, AddError) as exc:
            raise AddError(f"{f}: {exc}") from None
        added.append(Added(f, data, stored, name, issue))
    seen: dict = {}
    for a in added:
        for k in (a.name, identity(a.issue)):
            if k in seen:
                raise AddError(t("same_input_twice", a=a.input, b=seen[k].input, what=describe(a.issue)))
            seen[k] = a
    return added


# ---------------------------------------------------------------- add


def plan_add(added: list[Added], sources: Path, content: Path, replace: bool, cache: ConvertCache) -> Plan:
    sources, content = Path(sources), Path(content)
    plan = Plan(sources, content, added=list(added))
    index = ArchiveIndex(sources, cache)
    existing, _bad = index.scan()
    by_identity: dict[tuple, list[str]] = {}
    for rel, e in existing.items():
        by_identity.setdefault(identity(e.head), []).append(rel)
    stamp = timestamp()
    for a in added:
        clash = sorted(set(by_identity.get(identity(a.issue), [])) | ({a.name} if (sources / a.name).exists() else set()))
        if not clash:
            continue
        if a.input.resolve() in {(sources / c).resolve() for c in clash}:
            raise AddError(t("already_this_file", input=a.input))
        if not replace:
            same = any((sources / c).read_bytes() in (a.data, a.stored) for c in clash if (sources / c).exists())
            raise AddError(t("already_in_archive", input=a.input, what=describe(a.issue),
                             where=", ".join(f"sources/{c}" for c in clash), same=t("identical") if same else ""))
        for c in clash:
            if all(c != old for old, _ in plan.replaced):
                retire(plan, c, stamp)
    gone = {old for old, _ in plan.replaced}
    keep = {rel: e for rel, e in existing.items() if rel not in gone}
    new = {a.name: index.add(a.stored, Path(a.name).name, a.issue) for a in added}
    _check_page_owners(added, keep, new)
    for a in added:
        plan.puts[a.name] = a.stored
        if a.stored != a.data:
            plan.puts[original_name(a.name)] = a.data
    issues = {a.name: a.issue for a in added}
    page_changes(plan, index, existing, [*keep.items(), *new.items()], issues)
    for a in added:
        plan.diagnostics += [(a.name, d) for d in a.issue.diagnostics]  # located by the pipeline (pinpoint)
    names = {Path(a.name).name: a.name for a in added}
    plan.diagnostics += [(names[d.span.source], d) for d in plan.render_diags if d.span.source in names]
    # An archived note that cites the added issue but matches none of its articles (REF_*) is news too.
    older = {e.laid.source: rel for rel, e in keep.items()}
    plan.diagnostics += [(older[d.span.source], d) for d in plan.new_render_diags
                         if d.span.source in older and d.code.startswith("REF_")]
    return plan


def _check_page_owners(added: list[Added], keep: dict[str, Entry], new: dict[str, Entry]) -> None:
    """Pages that belong to another (kept) source are not ours to take."""
    owned: dict[str, str] = {}
    for rel, e in keep.items():
        for page in e.laid.pages():
            owned[page] = rel
    for a in added:
        for page in new[a.name].laid.pages():
            if page in owned:
                raise AddError(t("page_taken", input=a.input, page=page, owner=owned[page], what=describe(keep[owned[page]].head)))


# ---------------------------------------------------------------- shared


def retire(plan: Plan, rel: str, stamp: str) -> None:
    """Move source `rel` (and its kept original bytes) to .replaced/; prune the oldest kept copies."""
    kept = kept_name(rel, stamp)
    plan.replaced.append((rel, kept))
    plan.moves.append((rel, kept))
    if (plan.sources / original_name(rel)).exists():
        plan.moves.append((original_name(rel), kept_name(rel, stamp, original=True)))
    plan.prune += _beyond_keep(plan.sources, rel, stamp)


def _beyond_keep(sources: Path, rel: str, stamp: str) -> list[str]:
    """Kept copies of `rel` older than the newest KEEP_REPLACED (counting the one being added)."""
    folder = sources / REPLACED_DIR / Path(rel).parent
    stem = re.escape(Path(rel).stem)
    pattern = re.compile(rf"{stem}\.(\d{{8}}T\d+Z)\.txt")
    stamps = sorted({m.group(1) for p in (folder.iterdir() if folder.is_dir() else ()) if (m := pattern.fullmatch(p.name))} | {stamp})
    old = stamps[:-KEEP_REPLACED] if len(stamps) > KEEP_REPLACED else []
    out = []
    for s in old:
        for original in (False, True):
            kept = kept_name(rel, s, original)
            if (sources / kept).exists():
                out.append(kept)
    return out


def page_changes(plan: Plan, index: ArchiveIndex, before: dict[str, Entry], after: list[tuple[str, Entry]],
                 issues: dict[str, Issue] | None = None) -> None:
    """Fill plan.writes/new_pages/deletes: the pages of content/ that differ once sources/ holds
    `after` ([(rel, entry)], in the archive's order) instead of `before` ({rel: entry}).
    `issues`: the converted sources not yet in sources/ (the added ones)."""
    changes = Changes.between(plan.content, before, after)
    plan.render_diags = changes.after.diagnostics
    plan.new_render_diags = [d for d in changes.after.diagnostics if d not in changes.before.diagnostics]
    for page, text in sorted(changes.render(lambda rel: (issues or {}).get(rel) or index.issue(rel)).items()):
        on_disk = _read(plan.content / page)
        if on_disk != text.encode("utf-8"):
            plan.writes[page] = text
            if on_disk is None:
                plan.new_pages.add(page)
    plan.deletes = sorted(p for p in changes.gone() if (plan.content / p).exists())
    plan.state = state_text({rel: e.key for rel, e in after})
    index.save(keep={e.key for e in before.values()} | {e.key for _rel, e in after})


class Changes:
    """The pages a change of the archive touches, from the archive index."""

    def __init__(self, before: dict[str, Entry], after: list[tuple[str, Entry]], full: bool, content: Path | None = None):
        self.before_entries, self.after_entries, self.full, self.content = before, after, full, content
        self.before = World([e.laid for e in before.values()])
        self.after = World([e.laid for _rel, e in after])

    @classmethod
    def between(cls, content: Path, before: dict[str, Entry], after: list[tuple[str, Entry]]) -> Changes:
        state = read_state(content)
        full = state is None or state["sources"] != {rel: e.key for rel, e in before.items()}
        return cls(before, after, full, Path(content))

    def touched(self) -> dict[str, set[str]]:
        """rel -> the pages of that source to render (each page from the source that writes it last)."""
        owner_before = {p: (rel, e.key) for rel, e in self.before_entries.items() for p in e.laid.pages()}
        owner_after = {p: (rel, e.key) for rel, e in self.after_entries for p in e.laid.pages()}
        out: dict[str, set[str]] = {}
        for rel, e in self.after_entries:
            old = self.before_entries.get(rel)
            same = not self.full and old is not None and old.key == e.key
            for p in e.laid.pages():
                if owner_after[p] != (rel, e.key):
                    continue
                if (not same or owner_before.get(p) != owner_after[p]
                        or self.before.facts(old.laid, p) != self.after.facts(e.laid, p)):
                    out.setdefault(rel, set()).add(p)
        return out

    def render(self, issue_of) -> dict[str, str]:
        """The touched pages and the corpus pages: {path: text}."""
        pages: dict[str, str] = {}
        entries = dict(self.after_entries)
        for rel, paths in self.touched().items():
            for path, (_meta, text) in source_pages(issue_of(rel), entries[rel].laid, self.after, paths).items():
                pages[path] = text
        if self.full or self.metas_after != self.metas_before or not self._corpus_on_disk():
            pages.update(corpus_pages(self.metas_after))
        return pages

    @cached_property
    def metas_before(self) -> dict[str, dict]:
        return self.before.corpus_metas()

    @cached_property
    def metas_after(self) -> dict[str, dict]:
        return self.after.corpus_metas()

    def _corpus_on_disk(self) -> bool:
        """content/ holds every corpus page: with the front matters they are made from unchanged
        (and content/ written from `before`: not full), they are what is on disk, and rendering
        them again (seconds on a large archive) is skipped."""
        return self.content is not None and all((self.content / p).exists() for p in corpus_page_paths(self.metas_after))

    def gone(self) -> set[str]:
        """Pages of the archive before that the archive after does not have."""
        after = {p for _rel, e in self.after_entries for p in e.laid.pages()} | set(corpus_page_paths(self.metas_after))
        before = {p for e in self.before_entries.values() for p in e.laid.pages()} | set(corpus_page_paths(self.metas_before))
        return before - after


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
