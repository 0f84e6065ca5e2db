"""Command line: journal-archive convert | build"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import load_all, source_files
from .plan import render
from .site import write_pages


def _report(diags, errors) -> None:
    for path, reason in errors:
        print(f"error: {path}: {reason}", file=sys.stderr)
    for d in diags:
        print(str(d), file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    issues, errors = load_all([Path(p) for p in args.inputs])
    pages, diags = render(issues)
    write_pages(Path(args.out), pages)
    all_diags = [d for i in issues for d in i.diagnostics] + diags
    _report(all_diags, errors)
    if errors:
        return 1
    if args.strict and any(d.severity == "error" for d in all_diags):
        return 2
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_pages, replace_tree

    sources = source_files(Path(args.sources))
    if not sources:
        print(f"error: {args.sources}: no source texts (*.txt)", file=sys.stderr)
        return 1
    pages, issues, diags, errors = build_pages(sources)
    _report([d for i in issues for d in i.diagnostics] + diags, errors)
    if errors:
        print("error: content/ left unchanged", file=sys.stderr)
        return 1
    replace_tree(Path(args.content), pages)
    print(f"built {len(pages)} pages from {len(sources)} sources into {args.content}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="journal-archive", description="Chinese journal archive generator")
    sub = ap.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="convert source texts into Markdown pages")
    conv.add_argument("inputs", nargs="+", metavar="INPUT")
    conv.add_argument("--out", required=True, metavar="DIR")
    conv.add_argument("--strict", action="store_true", help="exit non-zero on error-level diagnostics")
    conv.set_defaults(func=cmd_convert)
    build = sub.add_parser("build", help="convert all of sources/ into content/ (with indexes)")
    build.add_argument("--sources", default="sources")
    build.add_argument("--content", default="content")
    build.set_defaults(func=cmd_build)
    args = ap.parse_args(argv)
    return args.func(args)
