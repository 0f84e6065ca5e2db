"""Issue 11, how it is judged: two `add`s started together, and `add` + a site build
(`python -m generator build` then `mkdocs build`, what `make site` runs) under kill -9
at random moments, end in a consistent archive.

Consistent: no journal or temporary left after the next run, content/ exactly what a full
build of sources/ gives (so every issue is on the home, journal, year and index pages),
and sources/ holds only whole sources that were given."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from generator.archive import journal_path
from test_archive import REPO, tree
from test_archive_gate import S001, S002, S003, _add, _mutated, arch, consistent  # noqa: F401  (arch: a fixture)


# The command line with every rename slowed down by 20 ms: the moments a kill can hurt (the
# transaction's swaps, the build's tree swap) then fill much of a run instead of a few ms.
SLOW = """
import os, sys, time
def slow(f):
    return lambda *a, **k: (time.sleep(0.02), f(*a, **k))[1]
os.replace, os.rename = slow(os.replace), slow(os.rename)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""
ENV = {"PYTHONPATH": str(REPO), "JOURNAL_ARCHIVE_SEARCH": "0", "JOURNAL_ARCHIVE_LOCK_WAIT": "120", "NO_MKDOCS_2_WARNING": "1"}


def cli(arch: Path, *args: str, slow: bool = False) -> subprocess.Popen:
    cmd = [sys.executable, "-c", SLOW] if slow else [sys.executable, "-m", "generator"]
    return subprocess.Popen([*cmd, *args], cwd=arch, env={**os.environ, **ENV},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


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
        line = proc.stderr.readline()  # it says it waits, and waits
        assert "另一个 journal-archive 命令正在修改档案" in line
        time.sleep(0.5)
        assert proc.poll() is None
    code, out, err = finish(proc)
    assert code == 0 and "已添加" in out


def test_ctrl_c_while_waiting_prints_one_line(arch):
    from generator.archive import archive_lock

    with archive_lock(arch / "sources"):
        proc = cli(arch, "add", str(S002))
        assert "等待" in proc.stderr.readline()
        proc.send_signal(signal.SIGINT)
        code, out, err = finish(proc)
    assert code == 130 and len(err.splitlines()) == 1 and "Ctrl-C" in err, err
    assert not list((arch / "sources").rglob("*.txt"))


def _mkdocs_config(arch: Path) -> Path:
    cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(arch / "content")
    cfg["site_dir"] = str(arch / "site")
    cfg["theme"]["custom_dir"] = str(REPO / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(REPO / h) for h in cfg.get("hooks", [])]
    path = arch / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def make_site(arch: Path) -> subprocess.Popen:
    """What `make site` runs: content from sources (slowed down), then mkdocs; its own process group, to kill it whole."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    script = f"{sys.executable} -c '{SLOW}' build && {mkdocs} build --strict -q -f {_mkdocs_config(arch)}"
    return subprocess.Popen(["sh", "-c", script], cwd=arch, env={**os.environ, **ENV}, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_recovered(arch: Path, allowed: set[bytes]) -> None:
    code, out, err = finish(cli(arch, "list"))  # the next run puts the archive in order
    assert code == 0, err
    assert not journal_path(arch / "sources").exists()
    assert not (arch / "content.old").exists() and not list(arch.glob(".content-*"))
    for top in ("sources", "content"):
        assert not [p for pat in (".*.tmp", ".*.bak-*") for p in (arch / top).rglob(pat)], top
    for p in (arch / "sources").rglob("*.txt"):
        if ".replaced" not in p.parts:
            assert p.read_bytes() in allowed, p  # whole sources only
    consistent(arch)


def writing(arch: Path, proc) -> bool:
    """Is `proc` (the adder or the site build) in the middle of changing the archive?"""
    if proc.args[0] == "sh":
        return bool(list(arch.glob(".content-*"))) or (arch / "content.old").exists()
    return journal_path(arch / "sources").exists()


def race_and_kill(arch: Path, rng: random.Random, version: Path, span: float) -> list[str]:
    """An add and a site build started together; kill -9 each at a random moment:
    anywhere in the run, or a little after it starts writing. -> what was killed and when."""
    adder = cli(arch, "add", "--replace", str(version), slow=True)
    site = make_site(arch)
    plan = {}  # proc -> (seconds to wait after the trigger, wait for the writes?)
    for p in (adder, site):  # each at its own moment (a kill after a process ended is no kill)
        soon = 0.1 if p is site else 0.4  # a build swaps its tree in fast
        plan[p] = (rng.uniform(0, soon), True) if rng.random() < 0.6 else (rng.uniform(0.05, span), False)
    start, triggered, done = time.monotonic(), {}, []
    while plan and time.monotonic() - start < 120:
        now = time.monotonic()
        for p, (delay, on_write) in list(plan.items()):
            if p.poll() is not None:
                del plan[p]
                continue
            if p not in triggered and (not on_write or writing(arch, p)):
                triggered[p] = now if on_write else start
            if p in triggered and now >= triggered[p] + delay:
                os.killpg(p.pid, signal.SIGKILL) if p is site else p.kill()
                done.append(f"{'site' if p is site else 'add'}@{now - start:.2f}s{' writing' if on_write else ''}")
                del plan[p]
        time.sleep(0.005)
    for p in (adder, site):
        p.communicate(timeout=300)
    return done


def test_add_and_site_build_under_kill_9(arch, tmp_path):
    rng = random.Random(20251)
    _add(arch, S001)
    _add(arch, S002)
    typo = _mutated(tmp_path, S003, {316: ("0022-20", "0023-19")}, name="typo.txt")  # another version of the issue
    versions = [S003, typo]
    for v in versions:
        _add(arch, v, replace=True, dry_run=True)  # warm the convert cache
    allowed = {S001.read_bytes(), S002.read_bytes()} | {v.read_bytes() for v in versions}
    start = time.monotonic()
    finish(cli(arch, "add", "--replace", str(S003), slow=True))
    finish(cli(arch, "build", slow=True))
    span = time.monotonic() - start  # an add and a content build one after the other: the archive's writers
    for i in range(3):
        race_and_kill(arch, rng, versions[i % 2], span)
        assert_recovered(arch, allowed)
    code, out, err = finish(make_site(arch))  # and the archive still builds into a site
    assert code == 0, err[-2000:]
    assert (arch / "site" / "gjwtyj" / "2025" / "06" / "index.html").exists()
