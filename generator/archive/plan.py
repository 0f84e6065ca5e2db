"""What an add or a remove would do, computed without writing a byte (except the convert cache).

A plan is computed under the archive lock from what sources/ holds at that
moment, so two adds never work from a stale view. The pages that change are
found by rendering the whole archive before and after (pages of other
issues link to this one: the home page, journal and year pages, indexes,
and the older articles an added issue cites, whose `cited_by` grows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import ConvertCache, load_all_cached
from ..decode import InputError, decode
from ..layout import KEEP_REPLACED, REPLACED_DIR, kept_name, original_name
from ..load import source_files
from ..messages import t
from ..model import Diagnostic, Issue
from ..plan import render, render_all
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


def load_archive(sources: Path, cache: ConvertCache) -> tuple[dict[str, Issue], dict[str, str]]:
    """What sources/ holds: ({rel path: issue}, {rel path: why it does not convert})."""
    paths = source_files(sources) if sources.exists() else []
    issues, errors = load_all_cached(paths, cache, sources)
    bad = {p: reason for p, reason in errors}
    it = iter(issues)
    good = {}
    for p in paths:
        if p not in bad:
            good[p.relative_to(sources).as_posix()] = next(it)
    return good, {p.relative_to(sources).as_posix(): r for p, r in bad.items()}


# ---------------------------------------------------------------- add


def plan_add(added: list[Added], sources: Path, content: Path, replace: bool, cache: ConvertCache) -> Plan:
    sources, content = Path(sources), Path(content)
    plan = Plan(sources, content, added=list(added))
    existing, _bad = load_archive(sources, cache)
    by_identity: dict[tuple, list[str]] = {}
    for rel, issue in existing.items():
        by_identity.setdefault(identity(issue), []).append(rel)
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
    keep = {rel: i for rel, i in existing.items() if rel not in gone}
    _check_page_owners(added, keep)
    for a in added:
        plan.puts[a.name] = a.stored
        if a.stored != a.data:
            plan.puts[original_name(a.name)] = a.data
    page_changes(plan, list(existing.values()), list(keep.values()) + [a.issue for a in added])
    for a in added:
        plan.diagnostics += [(a.name, d) for d in a.issue.diagnostics]  # located by the pipeline (pinpoint)
    names = {Path(a.name).name: a.name for a in added}
    plan.diagnostics += [(names[d.span.source], d) for d in plan.render_diags if d.span.source in names]
    # An archived note that cites the added issue but matches none of its articles (REF_*) is news too.
    older = {issue.source: rel for rel, issue in keep.items()}
    plan.diagnostics += [(older[d.span.source], d) for d in plan.new_render_diags
                         if d.span.source in older and d.code.startswith("REF_")]
    return plan


def _check_page_owners(added: list[Added], keep: dict[str, Issue]) -> None:
    """Pages that belong to another (kept) source are not ours to take."""
    owned: dict[str, str] = {}
    for rel, issue in keep.items():
        for page in render([issue])[0]:
            owned[page] = rel
    for a in added:
        for page in render([a.issue])[0]:
            if page in owned:
                raise AddError(t("page_taken", input=a.input, page=page, owner=owned[page], what=describe(keep[owned[page]])))


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


def all_pages(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    return render_all(issues)


def page_changes(plan: Plan, before_issues: list[Issue], after_issues: list[Issue]) -> None:
    """Fill plan.writes/new_pages/deletes: the pages that differ between the two archives (or from disk)."""
    before, before_diags = all_pages(before_issues)
    after, plan.render_diags = all_pages(after_issues)
    plan.new_render_diags = [d for d in plan.render_diags if d not in before_diags]
    for page, text in sorted(after.items()):
        on_disk = _read(plan.content / page)
        if before.get(page) != text or on_disk != text.encode("utf-8"):
            plan.writes[page] = text
            if on_disk is None:
                plan.new_pages.add(page)
    plan.deletes = sorted(p for p in before if p not in after and (plan.content / p).exists())


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
