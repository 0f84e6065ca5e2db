"""The fidelity scorer (a copy in tests/truth/, see its README) on a fresh
conversion of sources/: score 100.0% and every source line kept."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from regen_golden import ROOT, SOURCES, convert_cli

TRUTH = ROOT / "tests" / "truth"


def _scorer():
    spec = importlib.util.spec_from_file_location("truth_score", TRUTH / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_truth_covers_every_source():
    truths = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in TRUTH.glob("*.json")}
    assert truths == {p.name for p in SOURCES.glob("*.txt")}


def test_score_and_conservation(tmp_path: Path):
    proc = convert_cli(sorted(SOURCES.glob("*.txt")), tmp_path)
    assert proc.returncode == 0, proc.stderr
    truths = sorted(TRUTH.glob("*.json"))
    run = subprocess.run(
        [sys.executable, str(TRUTH / "score.py"), "--truth", *map(str, truths), "--content", str(tmp_path),
         "--sources", str(SOURCES), "--json", "--verbose"],
        capture_output=True, text=True, timeout=120,
    )
    report = json.loads(next(ln for ln in run.stdout.splitlines() if ln.startswith("{")))
    assert report["total"] > 300, "the scorer checked almost nothing"
    assert report["score"] == 100.0, run.stdout
    assert report["groups"]["conservation"] == [len(truths), len(truths)]

    # Stricter than the scorer's 99.5% bar: every 20-character chunk of every
    # source line is found in the pages of its source, exactly as the scorer reads them.
    score = _scorer()
    pages = score.load_pages(tmp_path)
    rep = score.Report()
    for t in truths:
        src = json.loads(t.read_text(encoding="utf-8"))["source"]
        score.conservation(rep, src, SOURCES / src, [p for p in pages if p["meta"].get("source") == src])
    ratios = dict(rep.conservation)
    assert set(ratios) == {json.loads(t.read_text(encoding="utf-8"))["source"] for t in truths}
    assert all(r == 1.0 for r in ratios.values()), ratios
