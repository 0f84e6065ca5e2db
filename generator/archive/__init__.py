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
    tx.commit()
