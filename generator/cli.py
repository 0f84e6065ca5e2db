"""Command line: journal-archive convert | build | add | remove | list | check

Exit codes: 0 done; 1 refused or failed (nothing changed); 2 error-level
diagnostics (add without --force, check/convert --strict); 130 interrupted.
Every failure is one line on stderr, never a traceback: a file system that
refuses a write (read-only, full disk) is named as such; Ctrl-C, even while the
converter is still loading, prints one line; a reader that stops reading the
output (`add … | head`) ends nothing early and prints nothing.

Only the messages are imported up front: the converter loads inside `main`,
where an interrupt is caught.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from .messages import set_lang, t


def _report(diags, errors) -> None:
    for path, reason in errors:
        print(t("error_line", message=f"{path}: {reason}"), file=sys.stderr)
    for d in diags:
        print(str(d), file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    from .load import default_jobs, load_all
    from .pipeline import select
    from .together import convert_pages

    if args.out == "-" and args.to != "model":
        print(t("error_line", message=t("stdout_model_only")), file=sys.stderr)
        return 1
    paths = [Path(p) for p in args.inputs]
    jobs = args.jobs or default_jobs(paths)
    if args.to == "model":
        issues, errors = load_all(paths, select(args.until, args.steps), jobs)
        all_diags = [d for i in issues for d in i.diagnostics]
        if not _write_models(issues, args.out):
            return 1
    else:
        _pages, all_diags, errors = convert_pages(paths, select(args.until, args.steps), jobs, out=Path(args.out))
    _report(all_diags, errors)
    if errors:
        return 1
    if args.strict and any(d.severity == "error" for d in all_diags):
        return 2
    return 0


def _write_models(issues, out: str) -> bool:
    """One model dump per converted input: <out>/<name>.model.json, or all to standard output."""
    from .dump import dumps
    from .site import write_pages

    dumped: dict[str, str] = {}
    for issue in issues:
        name = Path(issue.source).stem + ".model.json"
        if name in dumped:
            print(t("error_line", message=t("same_model_name", name=name)), file=sys.stderr)
            return False
        dumped[name] = dumps(issue)
    if out == "-":
        sys.stdout.write("".join(dumped.values()))
    else:
        write_pages(Path(out), dumped)
    return True


def _step_list(value: str) -> list[str]:
    """--steps notes,page_join: known step names, or a usage error naming the unknown one."""
    from .pipeline import step_names

    names = [n.strip() for n in value.split(",") if n.strip()]
    for name in names:
        if name not in step_names():
            raise argparse.ArgumentTypeError(t("unknown_step", name=name, steps=", ".join(step_names())))
    return names


def cmd_build(args: argparse.Namespace) -> int:
    if not args.again:
        return _build(args)
    codes, sys.stdout = sys.stdout, sys.stderr
    try:
        while True:
            try:
                code = _build(args)
            except OSError as exc:  # one line, as main() says it; the next line builds again
                print(os_failure(exc, "build"), file=sys.stderr)
                code = 1
            print(code, file=codes, flush=True)
            if not sys.stdin.readline():
                return 0
    finally:
        sys.stdout = codes


def _build(args: argparse.Namespace) -> int:
    from .archive import archive_lock, rebuild
    from .archive.lock import open_archive
    from .cache import ConvertCache
    from .load import source_files

    sources = source_files(Path(args.sources)) if Path(args.sources).exists() else []
    if not sources:
        print(t("error_line", message=t("no_sources", path=args.sources)), file=sys.stderr)
        return 1
    with archive_lock(Path(args.sources), args.wait):
        for note in open_archive(Path(args.sources), Path(args.content)):
            print(note, file=sys.stderr)
        # what sources/ holds now that no add is running
        plan, built, diags, errors = rebuild(Path(args.sources), Path(args.content), ConvertCache.from_env(), args.journal)
        if args.journal and not built and not errors:
            print(t("error_line", message=t("no_journal_sources", path=args.sources, journal=args.journal)), file=sys.stderr)
            return 1
        _report(diags, errors)
        if errors:
            print(t("content_unchanged"), file=sys.stderr)
            return 1
    n = sum(1 for _ in Path(args.content).rglob("*.md"))
    if plan is None:
        print(t("built_unchanged", pages=n, sources=len(built), content=args.content))
    else:
        print(t("built", pages=n, sources=len(built), content=args.content))
    return 0


def _refused(exc) -> int:
    """A refused command: one line on stderr (after the report of what an add would have done)."""
    report = getattr(exc, "report", None)
    if report:
        print(report)
    print(t("error_line", message=str(exc) + ("" if report else t("unchanged_suffix"))), file=sys.stderr)
    return exc.exit_code


def cmd_add(args: argparse.Namespace) -> int:
    from .archive import AddError, add

    try:
        _plan, text = add([Path(f) for f in args.files], Path(args.sources), Path(args.content), replace=args.replace,
                          dry_run=args.dry_run, force=args.force, wait=args.wait, init=args.init)
    except AddError as exc:
        return _refused(exc)
    print(text)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .archive import AddError, remove

    try:
        _plan, text = remove(args.id, Path(args.sources), Path(args.content), dry_run=args.dry_run, wait=args.wait)
    except AddError as exc:
        return _refused(exc)
    print(text)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from .archive import AddError, list_archive
    from .archive.holdings import as_json, as_table

    try:
        found, notes = list_archive(Path(args.sources), Path(args.content), wait=args.wait)
    except AddError as exc:
        return _refused(exc)
    for note in notes:
        print(note, file=sys.stderr)
    print(as_json(found) if args.json else as_table(found))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import run

    return run(args.files, args.sources, as_json_output=args.json, strict=args.strict, use_cache=not args.no_cache)


def _archive_options(p: argparse.ArgumentParser, wait: bool = True) -> None:
    p.add_argument("--sources", default="sources", metavar="DIR", help=t("help_sources"))
    p.add_argument("--content", default="content", metavar="DIR", help=t("help_content"))
    if wait:
        p.add_argument("--wait", type=float, default=None, metavar="SECONDS", help=t("help_wait"))


def parser() -> argparse.ArgumentParser:
    from .pipeline import step_names  # (inside main: Ctrl-C while the converter loads is caught)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), help=t("help_lang"))
    ap = argparse.ArgumentParser(prog="journal-archive", description=t("help_main"), parents=[common])
    sub = ap.add_subparsers(dest="command", required=True)

    def command(name: str, func, key: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=t(key), description=t(key), parents=[common])
        p.set_defaults(func=func)
        return p

    conv = command("convert", cmd_convert, "help_convert")
    conv.add_argument("inputs", nargs="+", metavar="INPUT", help=t("help_convert_inputs"))
    conv.add_argument("--out", required=True, metavar="DIR", help=t("help_out"))
    conv.add_argument("--strict", action="store_true", help=t("help_strict"))
    conv.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help=t("help_jobs"))
    conv.add_argument("--to", choices=("markdown", "model"), default="markdown", help=t("help_to"))
    only = conv.add_mutually_exclusive_group()
    only.add_argument("--until", choices=step_names(), metavar="STEP", help=t("help_until", steps=", ".join(step_names())))
    only.add_argument("--steps", type=_step_list, metavar="STEP,...", help=t("help_steps"))
    build = command("build", cmd_build, "help_build")
    build.add_argument("--journal", metavar="SLUG", help=t("help_journal"))
    build.add_argument("--again", action="store_true", help=t("help_again"))
    _archive_options(build)
    add = command("add", cmd_add, "help_add")
    add.add_argument("files", nargs="+", metavar="FILE", help=t("help_add_files"))
    add.add_argument("--replace", action="store_true", help=t("help_replace"))
    add.add_argument("--dry-run", action="store_true", help=t("help_dry_run"))
    add.add_argument("--force", action="store_true", help=t("help_force"))
    add.add_argument("--init", action="store_true", help=t("help_init"))
    _archive_options(add)
    rm = command("remove", cmd_remove, "help_remove")
    rm.add_argument("id", metavar="ID", help=t("help_remove_id"))
    rm.add_argument("--dry-run", action="store_true", help=t("help_dry_run"))
    _archive_options(rm)
    ls = command("list", cmd_list, "help_list")
    ls.add_argument("--json", action="store_true", help=t("help_list_json"))
    _archive_options(ls)
    check = command("check", cmd_check, "help_check")
    check.add_argument("files", nargs="*", metavar="FILE", help=t("help_check_files"))
    check.add_argument("--sources", default="sources", metavar="DIR", help=t("help_sources"))
    check.add_argument("--json", action="store_true", help=t("help_check_json"))
    check.add_argument("--strict", action="store_true", help=t("help_check_strict"))
    check.add_argument("--no-cache", action="store_true", help=t("help_no_cache"))
    return ap


def _lang_of(argv: list[str]) -> str | None:
    """--lang is read before the parser is built, so that --help speaks it too."""
    for k, a in enumerate(argv):
        if a == "--lang" and k + 1 < len(argv):
            return argv[k + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


# Commands that change the archive: a failure leaves sources/ and content/ as they were
# (archive/transaction.py, build.replace_tree), and the line says so.
CHANGES_ARCHIVE = {"build", "add", "remove"}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def _where(exc: OSError) -> str:
    """The file or folder an OSError is about; a hidden temporary stands for its folder."""
    name = exc.filename or ""
    path = Path(os.fsdecode(name)) if name else None
    if path is not None and path.name.startswith(".") and path.name.endswith(".tmp"):
        path = path.parent
    if path is None:
        return ""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except (ValueError, OSError):
        return str(path)


def os_failure(exc: OSError, command: str | None = None) -> str:
    """One line naming what the file system refused, and that nothing was changed."""
    where = _where(exc) or "?"
    if exc.errno in _FULL:
        problem = t("disk_full", path=where)
    elif exc.errno in _DENIED:
        problem = t("not_writable", path=where)
    else:
        problem = t("os_error", path=where, reason=exc.strerror or exc.__class__.__name__)
    return t("error_line", message=problem + (t("unchanged_suffix") if command in CHANGES_ARCHIVE else ""))


class _Stdout:
    """stdout that goes quiet when its reader has gone (`add … | head`): the command still
    finishes, and exits with its own status, without a BrokenPipeError."""

    def __init__(self, stream):
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._hang_up()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._hang_up()

    def _hang_up(self) -> None:
        self._gone = True
        try:  # the interpreter flushes stdout once more at exit: into /dev/null
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())
        except (OSError, ValueError):
            pass

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_lang(_lang_of(argv))
    stdout = sys.stdout
    sys.stdout = _Stdout(stdout)
    command = None
    try:
        args = parser().parse_args(argv)
        command = args.command
        return args.func(args)
    except KeyboardInterrupt:
        print(t("interrupted"), file=sys.stderr)
        return 130
    except OSError as exc:  # read-only or full file system, a folder in a file's place, …
        print(os_failure(exc, command), file=sys.stderr)
        return 1
    finally:
        try:
            sys.stdout.flush()
        finally:
            sys.stdout = stdout
            set_lang(None)
