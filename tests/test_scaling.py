"""Inputs shaped to make joins or note binding quadratic must stay linear.
Generous limits (a subprocess timeout), not timed assertions: before the fix
the first case took hours."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = {
    # 50,000 one-line pages, each cut mid-sentence, each with a note block
    "many_cut_pages": "# t\n\n" + "^[1]a\n\n[1] x\n\n" * 50_000,
    # one paragraph of 200,000 wrapped lines
    "many_wrapped_lines": "# t\n\n" + "中文\n" * 200_000,
    # an English abstract in 50,000 pieces
    "long_english_abstract": "# t\n\n正文。\n\nSome Title\n\nZHANG San\n\n" + "word\n\n" * 50_000,
}


def test_pathological_shapes_convert_in_linear_time(tmp_path):
    for name, text in CASES.items():
        src = tmp_path / f"{name}.txt"
        src.write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "convert", str(src), "--out", str(tmp_path / name)],
            cwd=ROOT, capture_output=True, text=True, timeout=90,
        )
        assert proc.returncode == 0, (name, proc.stderr[-500:])
        assert any((tmp_path / name).rglob("*.md")), name
