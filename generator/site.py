"""The one module that writes to disk: atomically, and only below its root."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def file_mode() -> int:
    """The mode a plain new file gets (0644 under the usual umask 022); mkstemp alone gives 0600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def temp_beside(path: Path) -> tuple[int, str]:
    """A hidden temporary file next to `path` (.name.XXXX.tmp) with the normal file mode: (fd, its path)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode())
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    return fd, tmp


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk says so on write: name the file it was for
            exc.filename = exc.filename or str(path)
        raise


def write_pages(root: Path, pages: dict[str, str]) -> list[Path]:
    """Write every page below `root`; unchanged files are left untouched."""
    root = root.resolve()
    written = []
    for rel in sorted(pages):
        path = (root / rel).resolve()
        if root not in path.parents:
            raise ValueError(f"refusing to write outside {root}: {rel}")
        if path.exists() and path.read_text(encoding="utf-8") == pages[rel]:
            continue
        write_atomic(path, pages[rel])
        written.append(path)
    return written
