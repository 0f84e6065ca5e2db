"""Regenerate the expected outputs the converter tests compare against.

    python tests/regen_golden.py               # all of them (then review: git diff)
    python tests/regen_golden.py --only notes  # only the fixtures whose path holds 'notes'

The model is the test boundary, as pandoc's native dump is (generator/dump.py):

- tests/golden/<sample>.model.json: each sample of sources/ read and transformed
  (`convert --to model`): text -> model.
- tests/fixtures/<rule>/<case>.txt -> <case>.model.json: one reader or transform
  rule on a small text: text -> model.
- tests/fixtures/writers/<case>.model.json -> <case>.md: the writers on a small
  hand-written model (a JSON array is a corpus: its home and index pages).
- The expected pages of the samples are content/ itself, written by
  `generator build` (also run here); tests/test_converter_golden.py compares the
  converter's pages with it. No expected output is stored twice.

Review every change with `git diff tests/golden tests/fixtures content` before
committing: a regenerated golden is only as good as the eye that checked it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
CONTENT = ROOT / "content"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
WRITERS = FIXTURES / "writers"
MODEL = ".model.json"


def convert_cli(inputs: list[Path], out: Path | str, *options: str) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "convert", *map(str, inputs), "--out", str(out), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file below `root`: {posix relative path: bytes}."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def golden_path(src: Path) -> Path:
    return GOLDEN / (src.stem + MODEL)


def reader_cases() -> list[Path]:
    """The reader and transform fixtures' inputs: tests/fixtures/<rule>/<case>.txt."""
    return sorted(FIXTURES.glob("*/*.txt"))


def writer_cases() -> list[Path]:
    """The writer fixtures' inputs: tests/fixtures/writers/<case>.model.json."""
    return sorted(WRITERS.glob("*" + MODEL))


def expected_model(src: Path) -> Path:
    return src.with_name(src.stem + MODEL)


def expected_pages(model: Path) -> Path:
    return model.with_name(model.name[: -len(MODEL)] + ".md")


def read_fixture(src: Path) -> str:
    """A reader fixture's input -> its model dump (what <case>.model.json holds)."""
    from generator.dump import dumps
    from generator.load import load

    return dumps(load(src))


def pages_text(pages: dict[str, str], diags) -> str:
    """Pages and diagnostics as one readable text: `==> path <==` before each page."""
    parts = [f"==> {path} <==\n{pages[path]}" for path in sorted(pages)]
    parts.append("==> diagnostics <==\n" + "".join(f"{d}\n" for d in diags))
    return "\n".join(parts)


def write_fixture(model: Path) -> str:
    """A writer fixture's model -> every page the writers make of it (what <case>.md holds).
    A JSON array is a corpus: only the pages made from all of it (home, archives, indexes)."""
    from generator.dump import model_from_json
    from generator.plan import render, render_all

    data = json.loads(model.read_text(encoding="utf-8"))
    if isinstance(data, list):
        issues = [model_from_json(d) for d in data]
        own, _ = render(issues)
        pages, diags = render_all(issues)
        return pages_text({p: text for p, text in pages.items() if p not in own}, diags)
    issue = model_from_json(data)
    pages, diags = render([issue])
    return pages_text(pages, [*issue.diagnostics, *diags])


def render_fixture(src: Path) -> str:
    """A reader fixture's input converted all the way to pages (for checks of the pages, e.g. their schema)."""
    from generator.load import load
    from generator.plan import render

    issue = load(src)
    pages, diags = render([issue])
    return pages_text(pages, [*issue.diagnostics, *diags])


def regen_golden() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for src in sorted(SOURCES.glob("*.txt")):
        with tempfile.TemporaryDirectory() as tmp:
            proc = convert_cli([src], tmp, "--to", "model")
            if proc.returncode:
                sys.exit(f"{src.name}: convert failed: {proc.stderr}")
            dump = (Path(tmp) / (src.stem + MODEL)).read_text(encoding="utf-8")
        golden_path(src).write_text(dump, encoding="utf-8")
        print(f"golden: {golden_path(src).relative_to(ROOT)}")


def regen_content() -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", "sources", "--content", "content"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        sys.exit(f"generator build failed: {proc.stderr}")
    print("content: content/ (generator build)")


def regen_fixtures(only: str | None = None) -> None:
    for src in reader_cases():
        if not only or only in str(src):
            expected_model(src).write_text(read_fixture(src), encoding="utf-8")
            print(f"fixture: {expected_model(src).relative_to(ROOT)}")
    for model in writer_cases():
        if not only or only in str(model):
            expected_pages(model).write_text(write_fixture(model), encoding="utf-8")
            print(f"fixture: {expected_pages(model).relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="only the fixtures whose path contains this (no goldens, no content/)")
    ap.add_argument("--fixtures", action="store_true", help="only the fixtures (no goldens, no content/)")
    a = ap.parse_args()
    regen_fixtures(a.only)
    if not a.only and not a.fixtures:
        regen_golden()
        regen_content()


if __name__ == "__main__":
    main()
