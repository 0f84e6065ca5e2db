"""`journal-archive add`: canonical names, refusal/replace, dry run, and
all-or-nothing writes (failed input, simulated crash, interrupt, hard kill)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import archive
from generator.archive import AddError, add, journal_path, recover
from generator.build import build_pages
from generator.meta import parse as meta_of
from generator.cache import ConvertCache
from generator.cli import main
from generator.load import source_files

REPO = Path(__file__).resolve().parent.parent
SAMPLES = {
    "001": (REPO / "sources" / "001_f4a2fdcc306d3886.txt", "documents/bei-yue-2022-zhan-lve-gai-nian.txt"),
    "002": (REPO / "sources" / "002_f37504ff9d225e68.txt", "ddmgpl/2025-01-p064.txt"),
    "003": (REPO / "sources" / "003_9f707cb2b1b9ba7b.txt", "gjwtyj/2025-06.txt"),
}


def _add(arch: Path, *files, **kw):
    return add([Path(f) for f in files], arch / "sources", arch / "content", cache=ConvertCache(arch / ".cache" / "convert"), **kw)


def tree(arch: Path) -> dict[str, str]:
    """sha256 of every file (hidden ones included) and every directory below sources/ and content/."""
    out = {}
    for top in ("sources", "content"):
        for p in sorted((arch / top).rglob("*")):
            out[str(p.relative_to(arch))] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_add_refuse_replace(arch, key):
    src, name = SAMPLES[key]
    plan, text = _add(arch, src)
    target = arch / "sources" / name
    assert target.read_bytes() == src.read_bytes()
    assert "已添加" in text and name in text
    pages = [p for p in (arch / "content").rglob("*.md")]
    own = [p for p in pages if meta_of(p.read_text(encoding="utf-8")).get("source") == Path(name).name]
    assert own, "the pages record the canonical base name as source:"
    assert (arch / "content" / "index.md").exists()
    if key == "003":
        assert "7 篇文章" in text and "第 22–41 页" in text and "第 134–155 页" in text

    before = tree(arch)
    with pytest.raises(AddError, match="已经在档案中"):
        _add(arch, src)
    assert tree(arch) == before

    plan, text = _add(arch, src, replace=True)
    assert len(plan.replaced) == 1
    old, kept = plan.replaced[0]
    assert old == name and kept.startswith(".replaced/") and kept.endswith(".txt")
    assert (arch / "sources" / kept).read_bytes() == src.read_bytes()
    assert target.read_bytes() == src.read_bytes()
    # .replaced/ is not part of the archive: a build still sees one source
    assert [p.relative_to(arch / "sources").as_posix() for p in source_files(arch / "sources")] == [name]


def test_add_all_equals_full_build(arch):
    for src, _ in SAMPLES.values():
        _add(arch, src)
    pages, _issues, _diags, errors = build_pages(source_files(arch / "sources"))
    assert not errors
    on_disk = {p.relative_to(arch / "content").as_posix(): p.read_text(encoding="utf-8") for p in (arch / "content").rglob("*.md")}
    assert on_disk == pages


def test_same_issue_under_another_name_is_refused(arch):
    shutil.copy(SAMPLES["003"][0], arch / "sources" / "003_9f707cb2b1b9ba7b.txt")
    with pytest.raises(AddError, match=r"国际问题研究 2025 年第 6 期.*003_9f707cb2b1b9ba7b\.txt.*内容完全相同"):
        _add(arch, SAMPLES["003"][0])
    plan, _ = _add(arch, SAMPLES["003"][0], replace=True, dry_run=True)
    assert plan.replaced[0][0] == "003_9f707cb2b1b9ba7b.txt"


def test_dry_run_writes_nothing(arch):
    _add(arch, SAMPLES["001"][0])
    before = tree(arch)
    plan, text = _add(arch, SAMPLES["003"][0], SAMPLES["002"][0], dry_run=True)
    assert tree(arch) == before
    assert "将添加" in text and "试运行：没有写入任何文件" in text and "content/gjwtyj/2025/06/p022.md" in text
    assert plan.writes and not plan.deletes


def test_same_file_twice_in_one_call(arch):
    with pytest.raises(AddError, match="同一个"):
        _add(arch, SAMPLES["002"][0], SAMPLES["002"][0])


def test_failed_add_leaves_tree_identical(arch, tmp_path):
    _add(arch, SAMPLES["001"][0])
    before = tree(arch)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(AddError, match="scan.txt: 二进制数据"):
        _add(arch, SAMPLES["003"][0], binary)  # the good file first: still nothing written
    assert tree(arch) == before
    with pytest.raises(AddError, match="no-such"):
        _add(arch, tmp_path / "no-such.txt")
    assert tree(arch) == before


def _count_replace_calls(arch_dir: Path, src: Path, monkeypatch) -> int:
    calls = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda *a, **k: (calls.append(a), real(*a, **k))[1])
    _add(arch_dir, src, replace=True)
    monkeypatch.setattr(os, "replace", real)
    return len(calls)


def test_crash_at_every_rename_leaves_no_partial_state(arch, tmp_path, monkeypatch):
    _add(arch, SAMPLES["001"][0])
    _add(arch, SAMPLES["003"][0])
    # a changed copy of the issue, so that --replace rewrites pages too
    changed = tmp_path / "changed.txt"
    changed.write_text(SAMPLES["003"][0].read_text(encoding="utf-8").replace("两极政治与韩国外交路线之争", "两极政治与韩国外交路线之辩"), encoding="utf-8")
    _add(arch, changed, replace=True, dry_run=True)  # warm the convert cache: only archive writes remain
    probe = tmp_path / "probe"
    shutil.copytree(arch, probe)
    n = _count_replace_calls(probe, changed, monkeypatch)
    assert n >= 5
    before = tree(arch)
    real = os.replace
    for k in range(1, n + 1):
        calls = [0]

        def flaky(a, b, *, _k=k, **kw):
            calls[0] += 1
            if calls[0] == _k:
                raise OSError(28, "No space left on device (simulated)")
            return real(a, b, **kw)

        monkeypatch.setattr(os, "replace", flaky)
        with pytest.raises(OSError, match="simulated"):
            _add(arch, changed, replace=True)
        monkeypatch.setattr(os, "replace", real)
        assert tree(arch) == before, f"partial state after failing rename {k}/{n}"
        assert not journal_path(arch / "sources").exists()
    plan, _ = _add(arch, changed, replace=True)  # and then it works
    assert tree(arch) != before and plan.replaced


def test_keyboard_interrupt_mid_way(arch, monkeypatch):
    _add(arch, SAMPLES["002"][0])
    before = tree(arch)
    real = os.replace
    calls = [0]

    def interrupted(a, b, **kw):
        calls[0] += 1
        if calls[0] == 4:
            raise KeyboardInterrupt
        return real(a, b, **kw)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _add(arch, SAMPLES["003"][0])
    monkeypatch.setattr(os, "replace", real)
    assert tree(arch) == before


HARD_KILL = """
import os, sys
from pathlib import Path
from generator.archive import add
from generator.cache import ConvertCache
real, calls = os.replace, [0]
def dying(a, b, **kw):
    calls[0] += 1
    if calls[0] == {k}:
        os._exit(9)  # no rollback, no finally: like a power cut
    return real(a, b, **kw)
os.replace = dying
add([Path({src!r})], Path({arch!r}) / "sources", Path({arch!r}) / "content", replace=True, cache=ConvertCache(Path({arch!r}) / ".cache" / "convert"))
"""


@pytest.mark.parametrize("k", [2, 4, 6])
def test_hard_kill_is_recovered(arch, tmp_path, k):
    _add(arch, SAMPLES["001"][0])
    _add(arch, SAMPLES["003"][0])
    changed = tmp_path / "changed.txt"
    changed.write_text(SAMPLES["003"][0].read_text(encoding="utf-8").replace("两极政治与韩国外交路线之争", "两极政治与韩国外交路线之辩"), encoding="utf-8")
    _add(arch, changed, replace=True, dry_run=True)  # warm the convert cache
    before = tree(arch)
    code = HARD_KILL.format(k=k, src=str(changed), arch=str(arch))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 9, proc.stderr
    assert journal_path(arch / "sources").exists()
    # what the next command does first (recover the journal, sweep the temporaries): every k, tests/test_archive_kill.py
    assert recover(journal_path(arch / "sources")) == "undone"
    archive.lock.open_archive(arch / "sources", arch / "content")
    assert tree(arch) == before


def test_cli_add_and_check(arch, capsys, monkeypatch):
    monkeypatch.chdir(arch)
    assert main(["add", str(SAMPLES["002"][0])]) == 0
    out = capsys.readouterr().out
    assert "当代美国评论 2025 年第 1 期" in out and "第 64–81 页" in out and "EN_ABSTRACT_UNMATCHED" in out
    assert main(["add", str(SAMPLES["002"][0])]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "sources/ddmgpl/2025-01-p064.txt" in out and "243" in out


def test_replace_keeps_all_versions(arch, monkeypatch):
    _add(arch, SAMPLES["002"][0])
    stamps = iter(["20250101T000000000000Z", "20250102T000000000000Z"])
    monkeypatch.setattr(archive.plan, "timestamp", lambda: next(stamps))
    _add(arch, SAMPLES["002"][0], replace=True)
    _add(arch, SAMPLES["002"][0], replace=True)
    kept = sorted(p.name for p in (arch / "sources" / ".replaced").rglob("*.txt"))
    assert kept == ["2025-01-p064.20250101T000000000000Z.txt", "2025-01-p064.20250102T000000000000Z.txt"]
