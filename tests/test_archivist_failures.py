"""Failures an archivist meets: each is one line (in Chinese), a non-zero exit, and the
archive byte for byte as it was. A folder that is not an archive, a read-only content/, a
full disk, Ctrl-C while the converter loads, a refused add naming the file given, a symbolic
link out of sources/, the folders a remove empties, a reader that stops reading (`| head`).

Root ignores file permissions (CI runs the tests as root), so a read-only folder and a full
disk are the kernel's errors raised where it would raise them (monkeypatched), not chmod."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from test_archive import REPO, SAMPLES
from test_archive_gate import _mutated

S001, S002, S003 = (SAMPLES[k][0] for k in ("001", "002", "003"))


def snapshot(root: Path) -> dict[str, str]:
    """Every file (its bytes' hash), folder and link below `root`, hidden ones included, but
    .cache/ (the convert cache and the lock: not the archive)."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] == ".cache":
            continue
        if p.is_symlink():
            out[str(rel)] = "-> " + os.readlink(p)
        else:
            out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


@pytest.fixture
def arch(tmp_path, monkeypatch):
    """An archive holding the 当代美国评论 article, as the working directory."""
    a = tmp_path / "archive"
    (a / "sources").mkdir(parents=True)
    (a / "content").mkdir()
    monkeypatch.chdir(a)
    monkeypatch.setenv("JOURNAL_ARCHIVE_CACHE", str(tmp_path / "cache"))
    assert main(["add", str(S002)]) == 0
    return a


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


# ---------------------------------------------------------------- not an archive


@pytest.mark.parametrize("command", [["add", str(S002)], ["list"], ["remove", "ddmgpl/2025-01-p064"]])
def test_a_folder_that_is_not_an_archive_is_refused(tmp_path, monkeypatch, capsys, command):
    """`add` in any folder used to start an archive there and say 已添加; now only an archive
    (sources/ and content/) is changed, or listed; nothing is written, not even .cache/."""
    (tmp_path / "notes.txt").write_text("私人笔记\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    assert main(command) == 1
    err = one_line(capsys)
    assert "不是档案目录" in err and "sources/" in err and "content/" in err
    assert ("--init" in err) == (command[0] == "add")
    assert snapshot(tmp_path) == before and not (tmp_path / ".cache").exists()


def test_half_an_archive_is_not_one(tmp_path, monkeypatch, capsys):
    (tmp_path / "sources").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["add", str(S002)]) == 1
    assert "缺少 content/" in one_line(capsys)
    assert snapshot(tmp_path) == {"sources": "dir"}


def test_init_starts_an_archive(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNAL_ARCHIVE_CACHE", str(tmp_path / ".cache" / "convert"))
    assert main(["add", "--init", str(S002)]) == 0
    assert "已添加" in capsys.readouterr().out
    assert (tmp_path / "sources" / "ddmgpl" / "2025-01-p064.txt").read_bytes() == S002.read_bytes()
    assert (tmp_path / "content" / "index.md").exists()
    assert main(["add", str(S003)]) == 0  # an archive now: no --init needed


# ---------------------------------------------------------------- the file system refuses


def _read_only(monkeypatch, folder: Path) -> None:
    """`folder` as the kernel treats a read-only one: nothing can be made, renamed, linked or
    deleted in it or below it (EACCES)."""
    import tempfile as tf

    folder = folder.resolve()

    def inside(path) -> bool:
        p = Path(os.fsdecode(path)).absolute().parent.resolve()
        return p == folder or folder in p.parents

    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def guard(real, *checked):
        def call(*args, **kw):
            for k in checked:
                if k < len(args) and inside(args[k]):
                    refuse(args[k])
            return real(*args, **kw)
        return call

    real_mkstemp = tf.mkstemp

    def mkstemp(*args, dir=None, **kw):
        if dir is not None and inside(Path(dir) / "x"):
            refuse(Path(dir) / ".x.tmp")
        return real_mkstemp(*args, dir=dir, **kw)

    monkeypatch.setattr(tf, "mkstemp", mkstemp)
    for name, checked in (("mkdir", (0,)), ("rename", (0, 1)), ("replace", (0, 1)), ("link", (1,)), ("unlink", (0,)),
                          ("remove", (0,)), ("rmdir", (0,))):
        monkeypatch.setattr(os, name, guard(getattr(os, name), *checked))


@pytest.mark.parametrize("command", [["add", str(S003)], ["add", str(S001)], ["remove", "ddmgpl/2025-01-p064"]])
def test_read_only_content_is_one_line_and_nothing_changes(arch, monkeypatch, capsys, command):
    before = snapshot(arch)
    _read_only(monkeypatch, arch / "content")
    assert main(command) == 1
    err = one_line(capsys)
    assert "没有权限写入 content" in err and "档案没有任何改动" in err, err
    assert snapshot(arch) == before


def test_read_only_content_in_english(arch, monkeypatch, capsys):
    _read_only(monkeypatch, arch / "content")
    assert main(["--lang", "en", "add", str(S003)]) == 1
    assert "no permission to write content" in one_line(capsys)


def _disk_full(*args, **kw):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_on_add_is_one_line_and_nothing_changes(arch, monkeypatch, capsys):
    before = snapshot(arch)
    monkeypatch.setattr(os, "fsync", _disk_full)  # the add's writes are synced: the disk says so there
    assert main(["add", str(S003)]) == 1
    err = one_line(capsys)
    assert "磁盘已满，无法写入" in err and "档案没有任何改动" in err, err
    assert snapshot(arch) == before


def test_full_disk_on_build_is_one_line_and_nothing_changes(arch, monkeypatch, capsys):
    from generator import site

    (arch / "sources" / "gjwtyj").mkdir()
    (arch / "sources" / "gjwtyj" / "2025-06.txt").write_bytes(S003.read_bytes())  # edited in place: build it
    before = snapshot(arch)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(site.os, "fdopen", lambda fd, *a, **kw: Full(real_fdopen(fd, *a, **kw)))
    assert main(["build"]) == 1
    err = capsys.readouterr().err  # the sources' diagnostics, then the one line of the failure
    errors = [ln for ln in err.splitlines() if ln.startswith("错误")]
    assert "Traceback" not in err and errors == err.splitlines()[-1:], err
    # the first write that fails: content/ (a whole tree replaced) or the change's journal
    # (.cache/add-journal.json: a build of only what changed, generator/archive)
    assert "磁盘已满，无法写入 " in err and "档案没有任何改动" in err, err
    assert snapshot(arch) == before


# ---------------------------------------------------------------- Ctrl-C while loading


LOADING = """
import sys

class Interrupt:  # Ctrl-C arrives while Python is still loading the converter
    def find_spec(self, name, path=None, target=None):
        if name == "generator.load":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
"""


@pytest.mark.parametrize("entry", [
    "from generator.cli import main\nsys.exit(main())",  # the journal-archive script
    "import runpy\nrunpy.run_module('generator', run_name='__main__')",  # python -m generator
])
def test_ctrl_c_while_loading_is_one_line(arch, entry):
    before = snapshot(arch)
    proc = subprocess.run([sys.executable, "-c", LOADING + entry, "add", str(S003)], cwd=arch, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 130, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Ctrl-C" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert snapshot(arch) == before


# ---------------------------------------------------------------- what a refusal names


def test_a_refused_add_names_the_file_given(arch, tmp_path, capsys):
    overlap = _mutated(tmp_path, S003, {632: ("0042-23", "0042-26")})  # PAGE_OVERLAP: an error
    before = snapshot(arch)
    assert main(["add", str(overlap)]) == 2
    out, err = capsys.readouterr()
    assert str(overlap) in err and "sources/gjwtyj" not in err, err
    lines = [ln for ln in out.splitlines() if "PAGE_OVERLAP" in ln]
    assert lines and all(ln.strip().startswith(f"{overlap}:") for ln in lines), lines
    assert snapshot(arch) == before
    assert main(["add", str(overlap), "--force"]) == 0  # once stored, the source is named where it now is
    lines = [ln.strip() for ln in capsys.readouterr().out.splitlines() if "PAGE_OVERLAP" in ln]
    assert lines and all(ln.startswith("sources/gjwtyj/2025-06.txt:") for ln in lines), lines


# ---------------------------------------------------------------- a link out of sources/


def test_a_link_out_of_sources_is_refused(arch, tmp_path, capsys):
    outside = tmp_path / "elsewhere" / "issue.txt"
    outside.parent.mkdir()
    outside.write_bytes(S003.read_bytes())
    (arch / "sources" / "linked.txt").symlink_to(outside)
    assert main(["build"]) == 1  # never published: content/ stays as it was
    err = capsys.readouterr().err
    assert "SOURCE_LINK" in err and "linked.txt" in err and str(outside) in err and "Traceback" not in err, err
    assert not any("gjwtyj" in p.parts for p in (arch / "content").rglob("*"))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "SOURCE_LINK" in out and "linked.txt" in out
    assert main(["list"]) == 0
    assert "sources/linked.txt" in capsys.readouterr().out
    assert main(["remove", "sources/linked.txt"]) == 0  # taking the link out is how it is fixed
    assert outside.read_bytes() == S003.read_bytes() and main(["build"]) == 0


def test_a_link_within_sources_is_a_source(arch, capsys):
    stored = arch / "sources" / "ddmgpl" / "2025-01-p064.txt"
    (arch / "sources" / ".store").mkdir()
    stored.rename(arch / "sources" / ".store" / "p064.txt")
    stored.symlink_to(arch / "sources" / ".store" / "p064.txt")
    assert main(["check", "--no-cache"]) == 0
    assert "SOURCE_LINK" not in capsys.readouterr().out


# ---------------------------------------------------------------- remove leaves no empty folders


def _empty_folders(root: Path) -> list[str]:
    return sorted(str(d.relative_to(root)) for d in root.rglob("*") if d.is_dir() and not any(d.iterdir()))


def test_remove_leaves_no_empty_folders(arch, capsys):
    assert main(["add", str(S003)]) == 0
    assert main(["remove", "gjwtyj/2025-06"]) == 0
    assert _empty_folders(arch / "sources") == [] and _empty_folders(arch / "content") == []
    assert not (arch / "content" / "gjwtyj").exists() and not (arch / "sources" / "gjwtyj").exists()
    assert (arch / "sources" / "ddmgpl").is_dir() and (arch / "content").is_dir()


def test_a_build_after_a_source_went_leaves_no_empty_folders(arch, capsys):
    assert main(["add", str(S003)]) == 0
    (arch / "sources" / "gjwtyj" / "2025-06.txt").unlink()  # taken out by hand
    assert main(["build"]) == 0
    assert _empty_folders(arch / "content") == [] and not (arch / "content" / "gjwtyj").exists()


# ---------------------------------------------------------------- a reader that stops reading


@pytest.mark.parametrize("command", [["list"], ["add", str(S003)], ["check"]])
def test_a_closed_pipe_is_no_traceback(arch, command):
    """`journal-archive add … | head`: the reader goes away; the command still does its work
    and exits with its own status, saying nothing of the pipe."""
    proc = subprocess.Popen([sys.executable, "-m", "generator", *command], cwd=arch, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    proc.stdout.close()  # before it writes a line
    err = proc.stderr.read()
    assert proc.wait() == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    if command[0] == "add":
        assert (arch / "sources" / "gjwtyj" / "2025-06.txt").exists()
