"""`journal-archive add | remove | list`: change what the archive holds, one change at a time.

add: each file is converted first (that tells what it is: an issue, a single
article or a document, of which journal, year and issue); then, under the
archive lock (lock.py) and from what sources/ holds at that moment, the plan
(plan.py): its canonical name below sources/, the source it replaces, and
only the pages of content/ that change. Error-level diagnostics refuse the
add unless forced. The writes are one transaction (transaction.py): a
failure, an interrupt or a crash (recovered on the next run) leaves sources/
and content/ exactly as they were. remove takes a source out the same way
(holdings.py); report.py says what was done and where the site shows it.

An archive is a folder holding its sources folder and its content folder
(`sources/` and `content/`, or --sources/--content): add, remove and list
refuse anything else, before writing a byte; `add --init` starts a new one.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import ConvertCache, default_dir
from .index import STATE
from ..messages import t
from .holdings import Holding, holdings, plan_remove
from .lock import archive_lock, open_archive
from .naming import AddError, GateError, canonical_name, describe, ident, identity, timestamp
from .plan import Added, Plan, convert_inputs, plan_add
from .report import refusal, report
from .transaction import Transaction, journal_path, recover

__all__ = [
    "AddError", "Added", "GateError", "Holding", "Plan", "Transaction", "add", "apply", "archive_lock",
    "canonical_name", "describe", "holdings", "ident", "identity", "journal_path", "list_archive",
    "recover", "remove", "require_archive", "timestamp",
]


def require_archive(sources: Path, content: Path, key: str = "not_an_archive") -> None:
    """AddError unless `sources` and `content` are folders (nothing is written before); a
    content/ a killed build left as content.old/ counts (open_archive puts it back)."""
    from ..build import old_tree

    missing = [p for p in (Path(sources), Path(content)) if not p.is_dir() and not (p == Path(content) and old_tree(p).is_dir())]
    if missing:
        where = Path(sources).absolute().parent
        raise AddError(t(key, path=where, missing="、".join(f"{p.name}/" for p in missing)))


def add(files: list[Path], sources: Path = Path("sources"), content: Path = Path("content"), replace: bool = False,
        dry_run: bool = False, force: bool = False, cache: ConvertCache | None = None, wait: float | None = None,
        init: bool = False) -> tuple[Plan, str]:
    """Add `files`; -> (plan, report). AddError when refused, GateError (exit 2) on error-level diagnostics.
    `init`: the folders need not exist yet (the add's own writes make them)."""
    sources, content = Path(sources), Path(content)
    if not init:
        require_archive(sources, content, "not_an_archive_add")
    cache = cache or ConvertCache(default_dir(sources))
    inputs = convert_inputs(files, cache)
    with archive_lock(sources, wait):
        notes = open_archive(sources, content)
        plan = plan_add(inputs, sources, content, replace, cache)
        plan.notes = notes
        refused = bool(plan.errors()) and not force
        text = report(plan, dry_run, stored=not (dry_run or refused))
        if refused:
            raise GateError(refusal(plan), text)
        if not dry_run:
            apply(plan)
    return plan, text


def remove(key: str, sources: Path = Path("sources"), content: Path = Path("content"), dry_run: bool = False,
           cache: ConvertCache | None = None, wait: float | None = None) -> tuple[Plan, str]:
    """Take the source `key` (an ID from `list`, or its path) out of the archive; -> (plan, report)."""
    sources, content = Path(sources), Path(content)
    require_archive(sources, content)
    cache = cache or ConvertCache(default_dir(sources))
    with archive_lock(sources, wait):
        notes = open_archive(sources, content)
        plan = plan_remove(key, sources, content, cache)
        plan.notes = notes
        if not dry_run:
            apply(plan)
    return plan, report(plan, dry_run)


def list_archive(sources: Path = Path("sources"), content: Path = Path("content"), cache: ConvertCache | None = None,
                 wait: float | None = None) -> tuple[list[Holding], list[str]]:
    """What the archive holds, after finishing whatever a killed run left behind: (holdings, notes)."""
    sources = Path(sources)
    require_archive(sources, Path(content))
    cache = cache or ConvertCache(default_dir(sources))
    with archive_lock(sources, wait):
        notes = open_archive(sources, Path(content))
        return holdings(sources, cache), notes


def rebuild(sources: Path, content: Path, cache: ConvertCache, journal: str | None = None):
    """`generator build` from the archive index: -> (plan, {rel: entry} built from, diagnostics, errors).

    When content/ says which sources it was written from (content/.state.json), only the
    pages those that changed touch are rendered and written (one transaction, as an add);
    otherwise every page is rendered and the whole tree swapped in (build.replace_tree).
    plan is None when content/ is already what sources/ makes."""
    from ..build import replace_tree
    from ..layout import journal_slug
    from .index import ArchiveIndex, read_state, state_text
    from .plan import Changes, page_changes

    sources, content = Path(sources), Path(content)
    index = ArchiveIndex(sources, cache)
    good, bad = index.scan()
    errors = [(sources / rel, reason) for rel, reason in bad.items()]
    if journal:
        good = {rel: e for rel, e in good.items()
                if e.head.kind != "document" and e.head.journal and journal_slug(e.head.journal) == journal}
    after = list(good.items())
    diags = [d for _rel, e in after for d in e.diagnostics]
    state = read_state(content)
    known = state is not None and all(k in index.entries for k in state["sources"].values())
    before = {rel: index.entries[k] for rel, k in state["sources"].items()} if known else None
    plan = Plan(sources, content)
    if errors or not good:
        return None, good, diags, errors
    if before is not None and {rel: e.key for rel, e in before.items()} == {rel: e.key for rel, e in after} \
            and all((content / p).exists() for _rel, e in after for p in e.laid.pages()):
        index.save(keep={e.key for _rel, e in after})
        return None, good, diags + _world_diagnostics(after), errors
    if before is None:  # content/ from elsewhere: everything rendered, the whole tree swapped in
        changes = Changes({}, after, full=True)
        pages = changes.render(index.issue)
        pages[STATE] = state_text({rel: e.key for rel, e in after})
        index.save(keep={e.key for _rel, e in after})
        replace_tree(content, pages)
        plan.writes = pages
        return plan, good, diags + changes.after.diagnostics, errors
    page_changes(plan, index, before, after)
    apply(plan)
    return plan, good, diags + plan.render_diags, errors


def _world_diagnostics(after) -> list:
    from ..plan import World

    return World([e.laid for _rel, e in after]).diagnostics


def apply(plan: Plan) -> None:
    tx = Transaction(journal_path(plan.sources), roots=(plan.sources, plan.content))
    for old, kept in plan.moves:
        tx.move(plan.sources / old, plan.sources / kept)
    for kept in plan.prune:
        tx.delete(plan.sources / kept)
    for rel, data in plan.puts.items():
        tx.put(plan.sources / rel, data)
    for page, text in plan.writes.items():
        tx.put(plan.content / page, text.encode("utf-8"))
    for page in plan.deletes:
        tx.delete(plan.content / page)
    if plan.state is not None:
        tx.put(plan.content / STATE, plan.state.encode("utf-8"))
    tx.commit()
