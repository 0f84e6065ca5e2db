"""Content-hash cache of converted sources: .cache/convert/<sha256>.pickle.

The key hashes the converter's own code, the file's base name (it is written
into every page as `source:`) and the file's bytes, so a changed source or a
changed converter always re-converts; an unchanged one is read back. The
cache holds the converted `Issue` (not rendered pages) so that pages linking
across issues are still rendered from the whole corpus.
Any unreadable cache entry is ignored and rebuilt. Delete .cache/ at will.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .decode import InputError
from .load import convert_bytes, inside
from .model import Issue

PACKAGE = Path(__file__).resolve().parent


# What turns a source into its model (the cached value): the rest of the package
# (writers, archive commands, messages) can change without re-converting anything.
CONVERTER = ("model.py", "diagnostics.py", "markers.py", "text.py", "decode.py", "load.py", "pipeline.py",
             "layout.py", "journals.yml", "readers", "transforms")


def _converter_files() -> list[Path]:
    files = []
    for name in CONVERTER:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


@lru_cache(maxsize=1)
def code_version() -> str:
    h = hashlib.sha256()
    for p in _converter_files():
        if "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PACKAGE)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def default_dir(sources: Path) -> Path:
    """JOURNAL_ARCHIVE_CACHE, else .cache/convert beside sources/."""
    env = os.environ.get("JOURNAL_ARCHIVE_CACHE")
    return Path(env) if env and env != "0" else Path(sources).resolve().parent / ".cache" / "convert"


def key(data: bytes, name: str) -> str:
    h = hashlib.sha256()
    h.update(code_version().encode())
    h.update(b"\0" + name.encode("utf-8") + b"\0")
    h.update(data)
    return h.hexdigest()


class ConvertCache:
    def __init__(self, directory: Path | None, enabled: bool = True):
        self.dir = Path(directory) if directory else None
        self.enabled = enabled and self.dir is not None
        self.hits = self.misses = 0

    @classmethod
    def from_env(cls) -> ConvertCache:
        """The cache `make content` turns on with JOURNAL_ARCHIVE_CACHE=.cache/convert (off when unset)."""
        env = os.environ.get("JOURNAL_ARCHIVE_CACHE", "")
        return cls(Path(env) if env and env != "0" else None)

    def convert(self, data: bytes, name: str) -> Issue:
        if not self.enabled:
            self.misses += 1
            return convert_bytes(data, name)
        path = self.dir / f"{key(data, name)}.pickle"
        try:
            issue = pickle.loads(path.read_bytes())
            if isinstance(issue, Issue):
                self.hits += 1
                return issue
        except Exception:  # missing, truncated or from another version: convert again
            pass
        self.misses += 1
        issue = convert_bytes(data, name)  # InputError is not cached: the file is reported every time
        self._store(path, issue)
        return issue

    def load(self, path: Path, name: str | None = None) -> Issue:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
        return self.convert(data, name or Path(path).name)

    def _store(self, path: Path, issue: Issue) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(issue, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk only costs speed
            Path(tmp).unlink(missing_ok=True) if "tmp" in locals() else None


def progress(items, label: str):
    """Iterate with a progress bar on a terminal (stderr), silently otherwise."""
    import sys

    items = list(items)
    if not sys.stderr.isatty() or len(items) < 2:
        yield from items
        return
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:  # rich is optional at run time
        yield from items
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


def load_all_cached(paths: list[Path], cache: ConvertCache,
                    root: Path | None = None) -> tuple[list[Issue], list[tuple[Path, str]]]:
    """`root`: the sources folder the paths were found in (a link out of it is refused: load.inside)."""
    issues, errors = [], []
    for path in progress(paths, "converting"):
        try:
            inside(path, root)
            issues.append(cache.load(path))
        except InputError as exc:
            errors.append((path, str(exc)))
    return issues, errors
