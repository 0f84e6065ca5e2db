"""End-to-end goldens, with the model as the boundary and each expected output stored once:

- text -> model: each sample converted by the real command line with `--to model`
  equals tests/golden/<sample>.model.json;
- model -> pages: the writers, given the samples' models, write exactly each
  sample's pages in content/;
- text -> pages: the real command line's pages equal content/ (which
  test_content_fresh keeps equal to a build of sources/), its messages are the
  golden models' diagnostics.

The samples are rendered together, as content/ is: a page also shows what the
other pages say of it (the articles that cite it, those that share its
references: generator/network.py).

Regenerate with `python tests/regen_golden.py` and review the diff.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import meta
from generator.dump import dumps, model_from_json
from generator.plan import render
from regen_golden import CONTENT, GOLDEN, MODEL, ROOT, SOURCES, convert_cli, golden_path, tree

SAMPLES = sorted(SOURCES.glob("*.txt"))


def test_every_sample_has_a_golden_model_and_nothing_else():
    """One golden model per sample and no other file: the expected pages live in content/ only."""
    assert len(SAMPLES) >= 3
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(src.stem + MODEL for src in SAMPLES)


def _golden(src: Path):
    return model_from_json(golden_path(src).read_text(encoding="utf-8"))


def _content_of(source: str) -> dict[str, str]:
    """The pages of content/ whose front matter names `source` (the corpus pages name none;
    the page of an issue held only in part, `complete: false`, is a corpus page too: it names
    the sources of the articles it lists)."""
    out = {}
    for path in sorted(CONTENT.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = meta.parse(text)
        if front.get("source") == source and front.get("complete") is not False:
            out[path.relative_to(CONTENT).as_posix()] = text
    return out


@pytest.mark.parametrize("src", SAMPLES, ids=lambda p: p.stem)
def test_sample_model_matches_golden(src: Path, tmp_path: Path):
    proc = convert_cli([src], tmp_path, "--to", "model")
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == [src.stem + MODEL]
    got = (tmp_path / (src.stem + MODEL)).read_text(encoding="utf-8")
    assert got == golden_path(src).read_text(encoding="utf-8"), f"the model differs from {golden_path(src).relative_to(ROOT)}"


@pytest.fixture(scope="module")
def golden_pages() -> dict[str, str]:
    pages, diags = render([_golden(src) for src in SAMPLES])
    assert not diags
    return pages


@pytest.mark.parametrize("src", SAMPLES, ids=lambda p: p.stem)
def test_golden_model_writes_the_samples_pages(src: Path, golden_pages):
    issue = _golden(src)
    assert dumps(issue) == golden_path(src).read_text(encoding="utf-8"), "the dump does not read back as itself"
    pages = {rel: text for rel, text in golden_pages.items() if meta.parse(text).get("source") == src.name}
    want = _content_of(src.name)
    assert sorted(pages) == sorted(want), "different set of pages"
    for rel, text in want.items():
        assert pages[rel] == text, f"{rel} differs from content/{rel}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[dict[str, str], str]:
    out = tmp_path_factory.mktemp("samples")
    proc = convert_cli(SAMPLES, out)
    assert proc.returncode == 0, proc.stderr
    return {rel: data.decode("utf-8") for rel, data in tree(out).items()}, proc.stderr


@pytest.mark.parametrize("src", SAMPLES, ids=lambda p: p.stem)
def test_sample_pages_match_content(src: Path, converted):
    pages, _stderr = converted
    got = {rel: text for rel, text in pages.items() if meta.parse(text).get("source") == src.name}
    want = _content_of(src.name)
    assert want and sorted(got) == sorted(want), "different set of pages"
    for rel, text in want.items():
        assert got[rel] == text, f"{rel} differs from content/{rel}"


def test_sample_messages_are_the_golden_diagnostics(converted):
    _pages, stderr = converted
    assert stderr == "".join(f"{d}\n" for src in SAMPLES for d in _golden(src).diagnostics)


def _run(out: Path, seed: str, *options: str) -> tuple[dict[str, bytes], bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "convert", *map(str, SAMPLES), "--out", str(out), *options],
        cwd=ROOT, env=env, capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return tree(out), proc.stderr


@pytest.mark.parametrize("options", [(), ("--to", "model")], ids=["markdown", "model"])
def test_two_runs_byte_identical(tmp_path: Path, options):
    """Same inputs, different hash seeds and output folders: the same bytes."""
    a, err_a = _run(tmp_path / "a", "1", *options)
    b, err_b = _run(tmp_path / "b", "2", *options)
    assert a and a == b
    assert err_a == err_b


def test_rerun_into_same_folder_changes_nothing(tmp_path: Path):
    first, _ = _run(tmp_path, "3")
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    again, _ = _run(tmp_path, "4")
    assert first == again
    assert mtimes == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
