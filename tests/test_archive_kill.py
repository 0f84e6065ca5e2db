"""kill -9 at every file operation of an archive change, one by one, and what the next command finds.

An add, a remove and a content build (generator/archive/transaction.py, generator/build.py)
each run in a child process (os.fork) whose file operations are counted: every file created
(os.open with O_CREAT), every fsync (a kill there first cuts the file being written to half
its length: a torn write), every rename, replace, link, unlink, rmdir, mkdir and copy. For each
k the child is killed with SIGKILL just before its k-th operation; then the next command's
recovery (open_archive, which every add, remove, list and build runs under the lock) runs,
and sources/ and content/ must be exactly as they were before the change, or exactly as the
uninterrupted change leaves them, file for file and directory for directory: before up to
the moment the journal says "committed" (or the build's new tree is renamed in), after from
then on. The recovery itself is killed at each of its own operations too, and the command
after it must still finish the job. Nothing here depends on timing."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from generator.archive import apply, archive_lock, journal_path, list_archive
from generator.archive.holdings import plan_remove
from generator.archive.lock import open_archive
from generator.archive.plan import convert_inputs, plan_add
from generator.build import build_pages, replace_tree
from generator.cache import ConvertCache
from generator.load import source_files
from test_archive import tree
from test_archive_gate import S001, S002, S003, _add, _mutated

OPS = ("open", "fsync", "replace", "rename", "link", "unlink", "remove", "rmdir", "mkdir")


def _die(name: str, args: tuple) -> None:
    if name == "fsync":  # killed while the data reaches the disk: only half of it did
        fd = args[0]
        os.ftruncate(fd, os.fstat(fd).st_size // 2)
    os.kill(os.getpid(), signal.SIGKILL)


def _instrument(kill_at: int | None, log: list) -> None:
    """In the child: count the file operations; SIGKILL just before operation `kill_at` (1-based)."""
    import shutil as sh

    def wrap(name, real):
        def op(*args, **kw):
            if name == "open" and not (args[1] if len(args) > 1 else kw.get("flags", 0)) & os.O_CREAT:
                return real(*args, **kw)  # opening a directory or reading: not a change
            log.append((name, *(str(a) for a in args[:2] if isinstance(a, (str, os.PathLike)))))
            if len(log) == kill_at:
                _die(name, args)
            return real(*args, **kw)
        return op

    for name in OPS:
        setattr(os, name, wrap(name, getattr(os, name)))
    sh.copyfile = wrap("copyfile", sh.copyfile)


def run_killed(action, kill_at: int | None) -> tuple[str, list]:
    """Run `action` in a forked child, killed before its operation `kill_at` (None: never).
    -> ("killed" | "finished", the operations it made)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        log: list = []
        try:
            os.close(r)
            _instrument(kill_at, log)
            action()
        except BaseException:
            code = 3
        with os.fdopen(w, "w") as fh:
            json.dump(log, fh)
        os._exit(code)
    os.close(w)
    with os.fdopen(r) as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return "killed", []
    assert os.WEXITSTATUS(status) == 0, f"the change failed without a kill (exit {os.WEXITSTATUS(status)})"
    return "finished", json.loads(data)


class Archive:
    """An archive in `root` that can be put back to one state before each run."""

    def __init__(self, root: Path):
        self.root = root
        self.sources, self.content = root / "sources", root / "content"
        self.cache = ConvertCache(root / ".cache" / "convert")
        self.journal = journal_path(self.sources)

    def save(self, to: Path) -> None:
        shutil.rmtree(to, ignore_errors=True)
        for top in ("sources", "content"):
            shutil.copytree(self.root / top, to / top, symlinks=True)

    def restore(self, saved: Path) -> None:
        for top in ("sources", "content"):
            shutil.rmtree(self.root / top, ignore_errors=True)
            shutil.copytree(saved / top, self.root / top, symlinks=True)
        for leftover in [self.journal, *self.journal.parent.glob(f".{self.journal.name}.*.tmp"), self.content.with_name("content.old"),
                         *self.root.glob(".content-*")]:
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)

    def journal_state(self) -> str | None:
        try:
            return json.loads(self.journal.read_text(encoding="utf-8"))["state"]
        except FileNotFoundError:
            return None

    def next_command(self) -> None:
        """What the next add, remove, list or build does first; then nothing may be left over."""
        list_archive(self.sources, self.content, self.cache)
        assert not self.journal.exists()
        assert not list(self.journal.parent.glob(f".{self.journal.name}.*.tmp"))
        assert not self.content.with_name("content.old").exists() and not list(self.root.glob(".content-*"))


def kill_everywhere(arch: Archive, action, committed_at, saved: Path) -> dict:
    """Kill `action` before each of its operations in turn; check what the next command leaves.
    committed_at(log) -> the operation before which a kill leaves the state before the change
    (and after which, the state after it). -> the operations, the commit point, the states the
    journal was left in (counts), the state after."""
    arch.restore(saved)
    before = tree(arch.root)
    outcome, log = run_killed(action, None)
    after = tree(arch.root)
    assert outcome == "finished" and after != before
    commit = committed_at(log)
    seen: dict = {}
    for k in range(1, len(log) + 1):
        arch.restore(saved)
        outcome, _ = run_killed(action, k)
        assert outcome == "killed", f"no kill at operation {k} of {len(log)}: {log[k - 1]}"
        state = arch.journal_state()
        seen[state] = seen.get(state, 0) + 1
        arch.next_command()
        expected, which = (before, "before") if k <= commit else (after, "after")
        assert tree(arch.root) == expected, f"killed before operation {k}/{len(log)} {log[k - 1]}: not the state {which} the change"
    return {"ops": len(log), "commit": commit, "states": seen, "log": log, "after": after}


def _journal_commit(arch: Archive):
    """The operation after which the journal says "committed": its last write's rename."""
    def at(log):
        writes = [i for i, op in enumerate(log, 1) if op[0] == "replace" and op[-1] == str(arch.journal)]
        assert len(writes) >= 2, writes  # "applying" (the folders to make, then the files), then "committed"
        return writes[-1]
    return at


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """An archive holding the three samples (saved), and another version of the issue."""
    root = tmp_path_factory.mktemp("kill")
    (root / "sources").mkdir()
    (root / "content").mkdir()
    for s in (S001, S002, S003):
        _add(root, s)
    arch = Archive(root)
    saved = root.parent / "three-saved"
    arch.save(saved)
    typo = _mutated(root.parent, S003, {316: ("0022-20", "0023-19")}, name="typo.txt")
    return arch, saved, typo


@pytest.fixture
def archive_with_three(three):
    """The archive of `three`, as it was saved: -> (archive, its saved copy, the other version of the issue)."""
    arch, saved, typo = three
    arch.restore(saved)
    return arch, saved, typo


def test_add_replace_killed_at_every_operation(archive_with_three):
    arch, saved, typo = archive_with_three
    with archive_lock(arch.sources):
        plan = plan_add(convert_inputs([typo], arch.cache), arch.sources, arch.content, True, arch.cache)
    assert plan.replaced and plan.writes and plan.deletes  # a replace that writes, deletes and moves files
    result = kill_everywhere(arch, lambda: apply(plan), _journal_commit(arch), saved)
    kinds = {op[0] for op in result["log"]}
    assert {"open", "fsync", "link", "replace", "rename", "unlink", "mkdir"} <= kinds, kinds
    # killed before the journal was written, while it said "applying" (undone), once it said "committed" (completed)
    assert result["states"].get(None) and result["states"].get("applying") and result["states"].get("committed"), result["states"]


def test_remove_killed_at_every_operation(archive_with_three):
    arch, saved, _ = archive_with_three
    with archive_lock(arch.sources):
        plan = plan_remove("ddmgpl/2025-01-p064", arch.sources, arch.content, arch.cache)
    assert plan.deletes and plan.moves
    result = kill_everywhere(arch, lambda: apply(plan), _journal_commit(arch), saved)
    assert result["states"].get("applying") and result["states"].get("committed"), result["states"]


def test_recovery_killed_at_every_operation(archive_with_three):
    """The next command is killed while it finishes (the journal said "committed") or undoes
    ("applying") a killed change: the command after it still ends in one of the two states."""
    arch, saved, typo = archive_with_three
    with archive_lock(arch.sources):
        plan = plan_add(convert_inputs([typo], arch.cache), arch.sources, arch.content, True, arch.cache)
    before = tree(arch.root)
    _, log = run_killed(lambda: apply(plan), None)
    after = tree(arch.root)
    commit = _journal_commit(arch)(log)
    recover = lambda: open_archive(arch.sources, arch.content)  # noqa: E731

    def killed_at(k: int, state: str) -> None:
        """The archive as a kill before operation k leaves it (made again each time: undo
        removes a new file only if it is the very file the change made, its inode)."""
        arch.restore(saved)
        assert run_killed(lambda: apply(plan), k)[0] == "killed"
        assert arch.journal_state() == state

    # the last moment to undo (every swap made) and the first to complete (every backup left)
    for k, state, expected in ((commit, "applying", before), (commit + 1, "committed", after)):
        killed_at(k, state)
        outcome, rlog = run_killed(recover, None)
        assert outcome == "finished" and len(rlog) >= 20, rlog
        assert tree(arch.root) == expected
        for j in range(1, len(rlog) + 1):
            killed_at(k, state)
            assert run_killed(recover, j)[0] == "killed"
            arch.next_command()
            assert tree(arch.root) == expected, f"recovery of a kill before operation {k} ({state}) killed at {j}/{len(rlog)} {rlog[j - 1]}"


def test_content_build_killed_at_every_operation(tmp_path):
    """`generator build` (make content, make site) swaps a whole new content/ in: killed at any
    operation, content/ is the old tree or the new one, never a mix and never missing."""
    arch = Archive(tmp_path / "a")
    (arch.root / "sources").mkdir(parents=True)
    (arch.root / "content").mkdir()
    _add(arch.root, S001)
    _add(arch.root, S003)
    shutil.copy(S002, arch.sources / "ddmgpl-2025-01.txt")  # a source put in place by hand: the build adds its pages
    pages, _issues, _diags, errors = build_pages(source_files(arch.sources), arch.cache)
    assert not errors
    saved = tmp_path / "saved"
    arch.save(saved)
    content = arch.content.resolve()

    def swapped_in(log):
        (i,) = [i for i, op in enumerate(log, 1) if op[0] == "rename" and op[-1] == str(content) and ".content-" in op[1]]
        return i

    result = kill_everywhere(arch, lambda: replace_tree(arch.content, pages), swapped_in, saved)
    assert result["commit"] < result["ops"]  # the old tree is deleted after the new one is in
    arch.restore(saved)
    replace_tree(arch.content, pages)
    assert tree(arch.root) == result["after"]
    assert {p.relative_to(arch.content).as_posix(): p.read_text(encoding="utf-8") for p in arch.content.rglob("*.md")} == pages
