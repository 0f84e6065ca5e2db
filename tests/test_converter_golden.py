"""End-to-end goldens: each house-style sample converted by the real command
line and compared file by file with tests/golden/<sample>/ (regenerate with
`python tests/regen_golden.py`, review the diff)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from regen_golden import GOLDEN, ROOT, SOURCES, convert_cli, tree

SAMPLES = sorted(SOURCES.glob("*.txt"))


def test_every_sample_has_a_golden():
    assert len(SAMPLES) >= 3
    for src in SAMPLES:
        assert (GOLDEN / src.stem).is_dir(), f"no golden tree for {src.name}"


@pytest.mark.parametrize("src", SAMPLES, ids=lambda p: p.stem)
def test_sample_matches_golden(src: Path, tmp_path: Path):
    proc = convert_cli([src], tmp_path)
    assert proc.returncode == 0, proc.stderr
    want = tree(GOLDEN / src.stem)
    stderr = want.pop(".stderr").decode("utf-8")
    got = tree(tmp_path)
    assert sorted(got) == sorted(want), "different set of pages"
    for rel in want:
        assert got[rel].decode("utf-8") == want[rel].decode("utf-8"), f"{rel} differs from tests/golden/{src.stem}/{rel}"
    assert proc.stderr == stderr


def _run(out: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "convert", *map(str, SAMPLES), "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return tree(out), proc.stderr


def test_two_runs_byte_identical(tmp_path: Path):
    """Same inputs, different hash seeds and output folders: the same bytes."""
    a, err_a = _run(tmp_path / "a", "1")
    b, err_b = _run(tmp_path / "b", "2")
    assert a and a == b
    assert err_a == err_b


def test_rerun_into_same_folder_changes_nothing(tmp_path: Path):
    first, _ = _run(tmp_path, "3")
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    again, _ = _run(tmp_path, "4")
    assert first == again
    assert mtimes == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
