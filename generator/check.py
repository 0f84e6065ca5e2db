"""`journal-archive check [FILE...]`: every validation, nothing written.

Converts each source (through the convert cache) and collects the
diagnostics of every pipeline step, plus the corpus-wide ones (two sources
writing the same page, the same issue archived twice) and files that do not
convert at all (LOAD_ERROR) or that link out of sources/ (SOURCE_LINK).
Output: a table, or JSON with --json.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .cache import ConvertCache, default_dir, progress
from .decode import InputError
from .load import LinkOutside, inside, source_files
from .messages import display_width, pad, t
from .model import Issue
from .plan import render

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    file: str  # path as given / relative to the working directory
    line: int
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "file": self.file, "line": self.line, "message": self.message}


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def check(paths: list[Path], cache: ConvertCache | None = None, root: Path | None = None) -> list[Finding]:
    """`root`: the sources folder the paths were found in (a link out of it is refused: SOURCE_LINK)."""
    paths = [Path(p) for p in paths]
    cache = cache or ConvertCache(None, enabled=False)
    findings: list[Finding] = []
    issues: list[tuple[Path, Issue]] = []
    for p in progress(paths, t("progress_checking")):
        try:
            inside(p, root)
            issue = cache.load(p)
        except LinkOutside as exc:
            findings.append(Finding(exc.code, "error", _display(p), 0, str(exc).split(": ", 1)[-1]))
            continue
        except InputError as exc:
            findings.append(Finding("LOAD_ERROR", "error", _display(p), 0, t("cannot_convert", reason=exc)))
            continue
        issues.append((p, issue))
        # located by the pipeline's last step (transforms/validate.py pinpoint): no second read of the file
        findings += [Finding(d.code, d.severity, _display(p), d.span.line, d.text()) for d in issue.diagnostics]
    by_name: dict[str, list[Path]] = {}
    for p, _ in issues:
        by_name.setdefault(p.name, []).append(p)
    for name, ps in by_name.items():
        if len(ps) > 1:
            for p in ps[1:]:
                findings.append(Finding("DUPLICATE_SOURCE_NAME", "error", _display(p), 1, t("duplicate_name", name=name, other=_display(ps[0]))))
    from .archive.naming import describe, identity

    seen: dict[tuple, Path] = {}
    for p, issue in issues:
        k = identity(issue)
        if k in seen:
            findings.append(Finding("DUPLICATE_ISSUE", "error", _display(p), 1, t("duplicate_issue", what=describe(issue), other=_display(seen[k]))))
        else:
            seen[k] = p
    _, diags = render([i for _, i in issues])
    where = {i.source: p for p, i in issues}
    for d in diags:
        p = where.get(d.span.source)
        findings.append(Finding(d.code, d.severity, _display(p) if p else d.span.source, d.span.line, d.text()))
    findings.sort(key=lambda f: (f.file, f.line, SEVERITY_ORDER.get(f.severity, 3), f.code))
    return findings


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def as_table(findings: list[Finding], width: int = 100) -> str:
    """Plain aligned columns: code, severity, file, line, message (message wraps)."""
    if not findings:
        return t("no_diagnostics")
    import textwrap

    head = tuple(t(k) for k in ("col_code", "col_severity", "col_file", "col_line", "col_message"))
    rows = [(f.code, f.severity, f.file, str(f.line), f.message) for f in findings]
    w = [max(display_width(r[k]) for r in rows + [head]) for k in range(4)]
    indent = sum(w) + 8
    msg_width = max(40, width - indent)
    lines = []
    for r in [head, *rows]:
        wrapped = textwrap.wrap(r[4], msg_width) or [""]
        cells = [pad(r[0], w[0]), pad(r[1], w[1]), pad(r[2], w[2]), " " * (w[3] - display_width(r[3])) + r[3]]
        lines.append("  ".join(cells) + "  " + wrapped[0])
        lines += [" " * indent + more for more in wrapped[1:]]
        if r is head:
            lines.append("-" * min(width, indent + msg_width))
    return "\n".join(lines)


def summary(findings: list[Finding], files: int) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return t("check_summary", files=files, errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def print_table(findings: list[Finding], files: int) -> None:
    """A rich table on a terminal, plain columns otherwise (pipes, files, tests)."""
    if sys.stdout.isatty():
        try:
            from rich.console import Console
            from rich.table import Table
        except ImportError:
            Console = None
        if Console is not None:
            table = Table(*(t(k) for k in ("col_code", "col_severity", "col_file", "col_line", "col_message")))
            style = {"error": "red", "warning": "yellow", "info": "dim"}
            for f in findings:
                table.add_row(f.code, f"[{style.get(f.severity, '')}]{f.severity}[/]", f.file, str(f.line), f.message)
            console = Console(highlight=False)
            console.print(table if findings else t("no_diagnostics"))
            console.print(summary(findings, files))
            return
    print(as_table(findings))
    print(summary(findings, files))


def run(files: list[str], sources: str = "sources", as_json_output: bool = False, strict: bool = False, use_cache: bool = True) -> int:
    if files:
        paths = [Path(f) for f in files]
        missing = [p for p in paths if not p.exists()]
        if missing:
            for p in missing:
                print(t("error_line", message=t("no_such_file", path=p)), file=sys.stderr)
            return 1
    else:
        paths = source_files(Path(sources)) if Path(sources).exists() else []
        if not paths:
            print(t("error_line", message=t("no_sources", path=sources)), file=sys.stderr)
            return 1
    cache = ConvertCache(default_dir(Path(sources)), enabled=use_cache)
    findings = check(paths, cache, None if files else Path(sources))
    if as_json_output:
        print(as_json(findings))
    else:
        print_table(findings, len(paths))
    if any(f.code in ("LOAD_ERROR", "SOURCE_LINK") for f in findings):  # a source that cannot be built
        return 1
    if strict and any(f.severity == "error" for f in findings):
        return 2
    return 0
