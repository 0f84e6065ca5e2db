"""One writer at a time: the archive lock, and putting the archive in order before using it.

Every command that reads the archive to change it (add, remove, build) and
`list` take the lock `.cache/archive.lock` beside sources/ (filelock: an OS
lock, released by the kernel when its holder dies, even by kill -9). A
second command waits for it, saying so, and gives up after --wait seconds.
Under the lock, `open_archive` first finishes or undoes what a killed run
left behind (the add journal, a half-swapped content/), then removes stale
hidden temporaries (`.*.tmp`, `.*.bak-*`): nobody else can be writing them.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..build import recover_tree
from ..messages import t
from .naming import AddError
from .transaction import journal_path, recover

DEFAULT_WAIT = 600.0  # seconds; JOURNAL_ARCHIVE_LOCK_WAIT overrides
STALE = (".*.tmp", ".*.bak-*")


def lock_path(sources: Path) -> Path:
    return Path(sources).resolve().parent / ".cache" / "archive.lock"


def default_wait() -> float:
    try:
        return float(os.environ.get("JOURNAL_ARCHIVE_LOCK_WAIT", DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


@contextmanager
def archive_lock(sources: Path, wait: float | None = None):
    """Hold the archive lock; wait up to `wait` seconds for another holder (a message on stderr), else AddError."""
    wait = default_wait() if wait is None else wait
    path = lock_path(sources)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(t("lock_waiting", path=path, wait=int(wait)), file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise AddError(t("lock_timeout", path=path, wait=int(wait))) from None
    try:
        yield
    finally:
        lock.release()


def open_archive(sources: Path, content: Path) -> list[str]:
    """Under the lock: recover an interrupted add/remove and build, remove stale temporaries. -> notes."""
    notes = []
    done = recover(journal_path(sources))
    if done:
        notes.append(t(f"recovered_{done}"))
    if recover_tree(content):
        notes.append(t("recovered_tree"))
    removed = sweep(Path(sources)) + sweep(Path(content))
    removed += [p for p in journal_path(sources).parent.glob(f".{journal_path(sources).name}.*.tmp") if _unlink(p)]
    if removed:
        notes.append(t("swept", n=len(removed)))
    return notes


def sweep(root: Path) -> list[Path]:
    """Remove hidden temporaries and backups a killed run left below `root`."""
    if not root.exists():
        return []
    found = [p for pattern in STALE for p in root.rglob(pattern) if p.is_file()]
    return [p for p in found if _unlink(p)]


def _unlink(p: Path) -> bool:
    try:
        p.unlink()
        return True
    except OSError:
        return False
