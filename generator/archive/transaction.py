"""All-or-nothing file changes below sources/ and content/, journalled so that a crash can be undone.

put/delete/move are only recorded; `commit` journals the folders it must
make, stages every new file as a temporary beside its target, writes the
journal, then swaps files in (old versions kept as hidden backups). On any
exception the swaps are undone from the journal; after a hard crash `recover`
(run by the next add, remove, list or build) does the same. Undo uses
rename/unlink only, and is safe to interrupt and run again
(tests/test_archive_kill.py kills a change, and a recovery, before each of
their file operations in turn). Folders a committed delete or move leaves
empty are removed, up to (not including) the transaction's roots (sources/,
content/).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from ..site import temp_beside


def journal_path(sources: Path) -> Path:
    return Path(sources).resolve().parent / ".cache" / "add-journal.json"


class Transaction:
    def __init__(self, journal: Path, roots: tuple[Path, ...] = ()):
        self.journal = Path(journal)
        self.roots = tuple(Path(r).absolute() for r in roots)
        self.ops: list[dict] = []

    def put(self, target: Path, data: bytes) -> None:
        self.ops.append({"op": "put", "target": str(Path(target).absolute()), "data": data})

    def delete(self, target: Path) -> None:
        self.ops.append({"op": "delete", "target": str(Path(target).absolute())})

    def move(self, src: Path, dst: Path) -> None:
        self.ops.append({"op": "move", "target": str(Path(src).absolute()), "dst": str(Path(dst).absolute())})

    def commit(self) -> None:
        recover(self.journal)
        entries: list[dict] = []
        created: list[str] = []
        try:
            # The folders the new files need are journalled before the first is made: a kill
            # while staging leaves no empty folder behind (recover removes them).
            missing = _missing_dirs(self.ops)
            if missing:
                _write_json(self.journal, {"state": "applying", "entries": [], "created": missing})
            self._stage(entries, created)
            _write_json(self.journal, {"state": "applying", "entries": entries, "created": created})
        except BaseException:
            _undo(entries, created)
            self.journal.unlink(missing_ok=True)
            raise
        try:
            for e in entries:
                _apply(e)
            _write_json(self.journal, {"state": "committed", "entries": entries, "created": created,
                                       "roots": [str(r) for r in self.roots]})
        except BaseException:
            _undo(entries, created)
            self.journal.unlink(missing_ok=True)
            raise
        _finish(entries)
        _prune(entries, self.roots)  # before the journal goes: a kill here is finished by recover
        self.journal.unlink(missing_ok=True)

    def _stage(self, entries: list[dict], created: list[str]) -> None:
        """Write every new file as a temporary beside its target; fill in the journal entries."""
        token = uuid.uuid4().hex[:8]
        exists: dict[str, bool] = {}  # what earlier ops of this transaction make of a path
        for op in self.ops:
            target = Path(op["target"])
            e = {k: v for k, v in op.items() if k != "data"}
            for d in (target.parent, Path(op["dst"]).parent if "dst" in op else None):
                if d is not None:
                    created += _mkdirs(d)
            e["backup"] = str(target.with_name(f".{target.name}.bak-{token}"))
            e["existed"] = exists.get(op["target"], target.exists())
            exists[op["target"]] = op["op"] == "put"
            if "dst" in op:
                exists[op["dst"]] = True
            entries.append(e)
            if op["op"] == "put":
                fd, tmp = temp_beside(target)
                e["temp"] = tmp
                e["inode"] = os.fstat(fd).st_ino  # undo removes a new target only if it is this very file
                try:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(op["data"])
                        fh.flush()
                        os.fsync(fh.fileno())
                except OSError as exc:  # a full disk says so on write: name the file it was for
                    exc.filename = exc.filename or str(target)
                    raise


def _apply(e: dict) -> None:
    target = Path(e["target"])
    if e["op"] == "put":
        if e["existed"]:
            _backup(target, Path(e["backup"]))
        os.replace(e["temp"], target)
    elif e["op"] == "delete":
        if e["existed"]:
            os.rename(target, e["backup"])
    else:  # move: never over an existing file
        if Path(e["dst"]).exists():
            raise FileExistsError(e["dst"])
        os.rename(target, e["dst"])


def _missing_dirs(ops: list[dict]) -> list[str]:
    """The folders `_stage` will create, parents first."""
    missing: list[str] = []
    for op in ops:
        for d in (Path(op["target"]).parent, Path(op["dst"]).parent if "dst" in op else None):
            chain = []
            while d is not None and not d.exists() and str(d) not in missing:
                chain.append(str(d))
                d = d.parent
            missing += reversed(chain)
    return missing


def _mkdirs(d: Path) -> list[str]:
    missing = []
    while not d.exists():
        missing.append(d)
        d = d.parent
    for m in reversed(missing):
        m.mkdir()
    return [str(m) for m in reversed(missing)]


def _backup(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _write_json(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(obj, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk says so on write: name the file it was for
            exc.filename = exc.filename or str(path)
        raise


def _is_ours(path: Path, inode: int | None) -> bool:
    try:
        return inode is None or path.stat().st_ino == inode
    except OSError:
        return False


def _undo(entries: list[dict], created: list[str]) -> None:
    """Put every target back as it was before the transaction."""
    for e in reversed(entries):
        target, backup = Path(e["target"]), Path(e.get("backup", ""))
        if e["op"] == "put":
            temp = Path(e["temp"]) if e.get("temp") else None
            if e.get("existed"):
                if e.get("backup") and backup.exists():
                    os.rename(backup, target)
                    backup.unlink(missing_ok=True)  # rename between two links of one file is a no-op
            elif temp and not temp.exists() and target.exists() and _is_ours(target, e.get("inode")):
                target.unlink()  # it was swapped in: it did not exist before
            if temp:
                temp.unlink(missing_ok=True)
        elif e["op"] == "delete":
            if e.get("backup") and backup.exists():
                os.rename(backup, target)
        else:
            dst = Path(e["dst"])
            if dst.exists() and not target.exists():
                os.rename(dst, target)
    for d in sorted(created, key=len, reverse=True):
        try:
            for tmp in Path(d).glob(".*.tmp"):  # a folder this transaction made holds only its own temporaries
                tmp.unlink()
            os.rmdir(d)
        except OSError:
            pass


def _finish(entries: list[dict]) -> None:
    for e in entries:
        if e.get("backup"):
            Path(e["backup"]).unlink(missing_ok=True)
        if e.get("temp"):
            Path(e["temp"]).unlink(missing_ok=True)


def _prune(entries: list[dict], roots) -> None:
    """Remove the folders a delete or a move left empty, and their empty parents, below a root."""
    roots = [Path(r) for r in roots]
    folders = {Path(e["target"]).parent for e in entries if e["op"] != "put"}
    for folder in sorted(folders, key=lambda d: len(d.parts), reverse=True):
        while any(r in folder.parents for r in roots):
            if folder.exists():  # (gone already when a killed prune is finished)
                try:
                    folder.rmdir()  # only an empty folder goes
                except OSError:
                    break
            folder = folder.parent


def recover(journal: Path) -> str | None:
    """Finish or undo a transaction a crash left behind: 'completed', 'undone' or None (nothing to do)."""
    journal = Path(journal)
    if not journal.exists():
        return None
    try:
        state = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)  # written atomically: a broken one never started applying
        return None
    if state.get("state") == "committed":
        _finish(state["entries"])
        _prune(state["entries"], state.get("roots", []))
        done = "completed"
    else:
        _undo(state["entries"], state.get("created", []))
        done = "undone"
    journal.unlink(missing_ok=True)
    return done
