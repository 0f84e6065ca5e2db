"""Command line: journal-archive convert INPUT... --out DIR"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .decode import InputError, decode
from .model import Issue
from .pipeline import convert_text
from .plan import render
from .site import write_pages


def load(path: Path) -> Issue:
    """One input file -> converted model, or InputError with a one-line reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    text = decode(data)
    try:
        return convert_text(text, path.name)
    except InputError:
        raise
    except RecursionError:
        raise InputError("structure too deeply nested") from None
    except Exception as exc:  # a converter bug must still be a one-line error
        raise InputError(f"internal error: {type(exc).__name__}: {exc}") from None


def cmd_convert(args: argparse.Namespace) -> int:
    issues: list[Issue] = []
    failed = 0
    for name in args.inputs:
        path = Path(name)
        try:
            issues.append(load(path))
        except InputError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            failed += 1
    pages, diags = render(issues)
    write_pages(Path(args.out), pages)
    all_diags = [d for i in issues for d in i.diagnostics] + diags
    for d in all_diags:
        print(str(d), file=sys.stderr)
    if failed:
        return 1
    if args.strict and any(d.severity == "error" for d in all_diags):
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="journal-archive", description="Chinese journal archive generator")
    sub = ap.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="convert source texts into Markdown pages")
    conv.add_argument("inputs", nargs="+", metavar="INPUT")
    conv.add_argument("--out", required=True, metavar="DIR")
    conv.add_argument("--strict", action="store_true", help="exit non-zero on error-level diagnostics")
    conv.set_defaults(func=cmd_convert)
    args = ap.parse_args(argv)
    return args.func(args)
