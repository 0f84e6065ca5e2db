"""Build content/ from sources/: convert everything, add the corpus indexes,
and replace the generated tree only when all of it is ready."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


from .load import load_all
from .plan import render_all
from .site import write_pages


def build_pages(sources: list[Path], cache=None, journal: str | None = None, root: Path | None = None):
    """journal: a journal slug (gjwtyj): only its issues and articles (one site per journal).
    root: the sources folder (a source linked from outside it is refused, load.inside)."""
    from .cache import ConvertCache, load_all_cached
    from .layout import journal_slug

    cache = cache if cache is not None else ConvertCache.from_env()
    issues, errors = load_all_cached(sources, cache, root) if cache.enabled else load_all(sources, root=root)
    if journal:
        issues = [i for i in issues if i.kind != "document" and i.journal and journal_slug(i.journal) == journal]
    pages, diags = render_all(issues)
    return pages, issues, diags, errors


STAGING_PREFIX = ".content-"  # a build stages the new tree in <parent>/.content-XXXX/ beside content/


def old_tree(content: Path) -> Path:
    return content.with_name(content.name + ".old")


def recover_tree(content: Path) -> str | None:
    """Finish or undo a tree swap that a kill interrupted; remove stale staging trees."""
    content = Path(content).resolve()
    done = None
    old = old_tree(content)
    if old.exists():
        if content.exists():  # the new tree was in place: only the old one was left to delete
            shutil.rmtree(old, ignore_errors=True)
        else:  # killed between the two renames: put the old tree back
            old.rename(content)
            done = "tree_restored"
    if content.parent.exists():
        for stale in content.parent.glob(STAGING_PREFIX + "*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
    return done


def replace_tree(content: Path, pages: dict[str, str]) -> None:
    """Write the whole tree beside `content`, then swap it in (old tree removed last).

    A kill between the two renames leaves content.old/ and no content/;
    `recover_tree` (run by the next build, add, remove or list) puts it back."""
    from .site import file_mode

    content = content.resolve()
    content.parent.mkdir(parents=True, exist_ok=True)
    recover_tree(content)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=content.parent))
    try:
        staging.chmod(file_mode() | 0o111)  # mkdtemp makes 0700: the tree must stay readable as before
        if content.exists():  # keep unchanged files' mtimes: copy, then rewrite what changed
            shutil.copytree(content, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*.tmp", ".*.bak-*"))
            for old in staging.rglob("*.md"):
                if old.relative_to(staging).as_posix() not in pages:
                    old.unlink()
            for folder in sorted((d for d in staging.rglob("*") if d.is_dir()), key=lambda d: len(d.parts), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()  # a folder whose pages all went (a removed issue)
        try:
            write_pages(staging, pages)
        except OSError as exc:  # name the page, not its place in the staging tree
            if exc.filename and staging in Path(os.fsdecode(exc.filename)).parents:
                exc.filename = str(content / Path(os.fsdecode(exc.filename)).relative_to(staging))
            raise
        backup = old_tree(content)
        if content.exists():
            content.rename(backup)
        try:
            staging.rename(content)
        except BaseException:
            if backup.exists() and not content.exists():
                backup.rename(content)
            raise
        if backup.exists():
            shutil.rmtree(backup)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
