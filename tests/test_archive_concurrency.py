"""Issue 11, how it is judged: two `add`s started together end in a consistent archive
(content/ exactly what a full build of sources/ gives, so every issue is on the home,
journal, year and index pages); the lock makes a second command wait, then refuse.
kill -9 at every file operation of an add, a remove, a build and a recovery, one by one:
tests/test_archive_kill.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


from test_archive import REPO, tree
from test_archive_gate import S001, S002, S003, _add, consistent

ENV = {"PYTHONPATH": str(REPO), "JOURNAL_ARCHIVE_SEARCH": "0", "JOURNAL_ARCHIVE_LOCK_WAIT": "120", "NO_MKDOCS_2_WARNING": "1"}


def _ctrl_c_as_at_a_terminal() -> None:
    # a shell that runs the tests in the background (make test &) ignores SIGINT, and its
    # children inherit that: the command would never see the Ctrl-C the tests send it
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def cli(arch: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=arch, env={**os.environ, **ENV},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_at_a_terminal)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def other_year(tmp_path: Path) -> Path:
    """The sample issue as issue 6 of 2024: the same journal, another issue."""
    text = S003.read_text(encoding="utf-8").replace("2025", "2024")
    out = tmp_path / "gjwtyj-2024-06.txt"
    out.write_text(text, encoding="utf-8")
    return out


def test_two_adds_started_together_both_land_everywhere(arch, tmp_path):
    _add(arch, S001)
    second = other_year(tmp_path)
    for f in (S003, second):
        _add(arch, f, dry_run=True)  # warm the convert cache: the two then race for the archive, not the CPU
    procs = [cli(arch, "add", str(S003)), cli(arch, "add", str(second))]
    results = [finish(p) for p in procs]
    assert [r[0] for r in results] == [0, 0], results
    consistent(arch)
    content = arch / "content"
    for page in ("gjwtyj/index.md", "authors/index.md", "keywords/index.md", "sections/index.md"):
        text = (content / page).read_text(encoding="utf-8")
        assert "2024/06" in text and "2025/06" in text, page
    assert "14 篇文章" in (content / "index.md").read_text(encoding="utf-8")  # the home page counts both (shows the newest)
    years = (content / "years" / "index.md").read_text(encoding="utf-8")
    assert "2024.md" in years and "2025.md" in years
    assert "gjwtyj/2024/06" in (content / "years" / "2024.md").read_text(encoding="utf-8")
    assert "gjwtyj/2025/06" in (content / "years" / "2025.md").read_text(encoding="utf-8")


def test_same_issue_twice_at_once_one_wins(arch):
    _add(arch, S003, dry_run=True)
    results = [finish(p) for p in [cli(arch, "add", str(S003)), cli(arch, "add", str(S003))]]
    assert sorted(r[0] for r in results) == [0, 1], results
    loser = next(r for r in results if r[0] == 1)
    assert "已经在档案中" in loser[2] and "--replace" in loser[2]
    assert [p.name for p in (arch / "sources").rglob("*.txt")] == ["2025-06.txt"]
    consistent(arch)
    # both replacing: both succeed one after the other, and the version replaced is kept
    results = [finish(p) for p in [cli(arch, "add", "--replace", str(S003)), cli(arch, "add", "--replace", str(S003))]]
    assert [r[0] for r in results] == [0, 0], results
    assert len(list((arch / "sources" / ".replaced").rglob("*.txt"))) == 2
    consistent(arch)


def test_lock_waits_then_refuses_with_a_clear_message(arch):
    from generator.archive import archive_lock

    before = tree(arch)
    with archive_lock(arch / "sources"):
        code, out, err = finish(cli(arch, "add", "--wait", "1", str(S002)))
    assert code == 1 and "等待" in err and "--wait" in err and "Traceback" not in err
    assert tree(arch) == before
    with archive_lock(arch / "sources"):
        proc = cli(arch, "add", str(S002))
        line = proc.stderr.readline()  # it says it waits: it found the lock held
        assert "另一个 journal-archive 命令正在修改档案" in line
        assert proc.poll() is None and tree(arch) == before
    # it waited rather than giving up (exit 1) or going ahead (the archive changed above):
    # it could add only once the lock was released
    code, out, err = finish(proc)
    assert code == 0 and "已添加" in out and tree(arch) != before


def test_ctrl_c_while_waiting_prints_one_line(arch):
    from generator.archive import archive_lock

    with archive_lock(arch / "sources"):
        proc = cli(arch, "add", str(S002))
        assert "等待" in proc.stderr.readline()
        proc.send_signal(signal.SIGINT)
        code, out, err = finish(proc)
    assert code == 130 and len(err.splitlines()) == 1 and "Ctrl-C" in err, err
    assert not list((arch / "sources").rglob("*.txt"))
