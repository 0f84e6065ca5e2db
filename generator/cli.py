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
    pages, issues, diags, errors = build_pages(sources, journal=args.journal)
    if args.journal and not issues and not errors:
        print(f"error: {args.sources}: no source of journal {args.journal!r}", file=sys.stderr)
        return 1
    _report([d for i in issues for d in i.diagnostics] + diags, errors)
    if errors:
        print("error: content/ left unchanged", file=sys.stderr)
        return 1
    replace_tree(Path(args.content), pages)
    print(f"built {len(pages)} pages from {len(sources)} sources into {args.content}/")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from .archive import AddError, add

    try:
        _plan, text = add([Path(f) for f in args.files], Path(args.sources), Path(args.content), replace=args.replace, dry_run=args.dry_run)
    except AddError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("error: nothing was changed", file=sys.stderr)
        return 1
    print(text)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import run

    return run(args.files, args.sources, as_json_output=args.json, strict=args.strict, use_cache=not args.no_cache)


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
    build.add_argument("--journal", metavar="SLUG", help="only this journal's issues (one site per journal)")
    build.set_defaults(func=cmd_build)
    add = sub.add_parser("add", help="add source texts to the archive and update only the pages they change")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--replace", action="store_true", help="replace an issue already archived (old source kept under sources/.replaced/)")
    add.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    add.add_argument("--sources", default="sources")
    add.add_argument("--content", default="content")
    add.set_defaults(func=cmd_add)
    check = sub.add_parser("check", help="run every validation over sources/ (or FILEs) and list the diagnostics")
    check.add_argument("files", nargs="*", metavar="FILE")
    check.add_argument("--sources", default="sources")
    check.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    check.add_argument("--strict", action="store_true", help="exit 2 when any error-level diagnostic exists")
    check.add_argument("--no-cache", action="store_true", help="convert every file afresh")
    check.set_defaults(func=cmd_check)
    args = ap.parse_args(argv)
    return args.func(args)
