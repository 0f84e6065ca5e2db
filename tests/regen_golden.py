"""Regenerate the expected outputs the converter tests compare against.

    python tests/regen_golden.py            # whole-sample trees: tests/golden/<sample>/
    python tests/regen_golden.py --fixtures # per-rule fixtures: tests/fixtures/<rule>/<case>.md

Review every change with `git diff tests/golden tests/fixtures` before
committing: a regenerated golden is only as good as the eye that checked it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"


def convert_cli(inputs: list[Path], out: Path) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "convert", *map(str, inputs), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file below `root`: {posix relative path: bytes}."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def render_fixture(src: Path) -> str:
    """One fixture input -> every page it yields plus its diagnostics, as one readable text."""
    from generator.decode import InputError
    from generator.load import load
    from generator.plan import render

    try:
        issue = load(src)
    except InputError as exc:
        return f"==> error <==\n{exc}\n"
    pages, diags = render([issue])
    parts = [f"==> {path} <==\n{pages[path]}" for path in sorted(pages)]
    lines = [str(d) for d in (*issue.diagnostics, *diags)]
    parts.append("==> diagnostics <==\n" + "".join(line + "\n" for line in lines))
    return "\n".join(parts)


def regen_golden() -> None:
    for src in sorted(SOURCES.glob("*.txt")):
        dest = GOLDEN / src.stem
        with tempfile.TemporaryDirectory() as tmp:
            proc = convert_cli([src], Path(tmp))
            if proc.returncode:
                sys.exit(f"{src.name}: convert failed: {proc.stderr}")
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(tmp, dest)
            (dest / ".stderr").write_text(proc.stderr, encoding="utf-8")
        print(f"golden: {dest.relative_to(ROOT)}")


def regen_fixtures(only: str | None = None) -> None:
    for src in sorted(FIXTURES.glob("*/*.txt")):
        if only and only not in str(src):
            continue
        src.with_suffix(".md").write_text(render_fixture(src), encoding="utf-8")
        print(f"fixture: {src.with_suffix('.md').relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fixtures", action="store_true", help="regenerate tests/fixtures/*/*.md instead of the golden trees")
    ap.add_argument("--only", help="with --fixtures: only inputs whose path contains this")
    a = ap.parse_args()
    if a.fixtures:
        regen_fixtures(a.only)
    else:
        regen_golden()


if __name__ == "__main__":
    main()
