"""Build content/ from sources/: convert everything, add the corpus indexes,
and replace the generated tree only when all of it is ready."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from .load import load_all
from .plan import render
from .site import write_pages
from .writers.indexes import index_pages


def meta_of(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    end = text.index("\n---\n", 4)
    return yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # libyaml: 20x faster


def build_pages(sources: list[Path], cache=None, journal: str | None = None):
    """journal: a journal slug (gjwtyj): only its issues and articles (one site per journal)."""
    from .cache import ConvertCache, load_all_cached
    from .layout import journal_slug

    cache = cache if cache is not None else ConvertCache.from_env()
    issues, errors = load_all_cached(sources, cache) if cache.enabled else load_all(sources)
    if journal:
        issues = [i for i in issues if i.kind != "document" and i.journal and journal_slug(i.journal) == journal]
    pages, diags = render(issues)
    pages.update(index_pages({p: meta_of(t) for p, t in pages.items()}))
    return pages, issues, diags, errors


def replace_tree(content: Path, pages: dict[str, str]) -> None:
    """Write the whole tree beside `content`, then swap it in (old tree removed last)."""
    content = content.resolve()
    content.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".content-", dir=content.parent))
    try:
        if content.exists():  # keep unchanged files' mtimes: copy, then rewrite what changed
            shutil.copytree(content, staging, dirs_exist_ok=True)
            for old in staging.rglob("*.md"):
                if str(old.relative_to(staging)) not in pages:
                    old.unlink()
        write_pages(staging, pages)
        backup = content.with_name(content.name + ".old")
        if content.exists():
            content.rename(backup)
        staging.rename(content)
        if backup.exists():
            shutil.rmtree(backup)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
