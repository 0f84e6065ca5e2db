"""Input files -> converted models, each failure a one-line reason.

A source below the sources folder that is a symbolic link leading out of it is
refused (SOURCE_LINK): the archive publishes only what it holds."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from .cjk import load_tables
from .decode import InputError, decode
from .diagnostics import Span, report
from .messages import t
from .model import Issue


def convert_bytes(data: bytes, name: str, steps: Collection[str] | None = None) -> Issue:
    """Decode and convert one source (only `steps`, if given: see pipeline.select); any
    failure is an InputError with a one-line reason."""
    from .pipeline import convert_text  # the converter loads when a text is converted

    text = decode(data)
    try:
        return convert_text(text, name, steps)
    except InputError:
        raise
    except RecursionError:
        raise InputError(t("too_nested")) from None
    except Exception as exc:  # a converter bug must still be a one-line error
        raise InputError(t("internal_error", error=f"{type(exc).__name__}: {exc}")) from None


def load(path: Path, steps: Collection[str] | None = None) -> Issue:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return convert_bytes(data, path.name, steps)


class LinkOutside(InputError):
    """A source that is a symbolic link to a file outside the sources folder."""

    code = "SOURCE_LINK"


def inside(path: Path, root: Path | None) -> None:
    """LinkOutside when `path`, found below the sources folder `root`, resolves outside it."""
    if root is None:
        return
    target, top = Path(path).resolve(), Path(root).resolve()
    if target != top and top not in target.parents:
        d = report("SOURCE_LINK", Span(Path(path).name, 0), path=str(path), target=str(target), root=str(root))
        raise LinkOutside(f"{d.code}: {d.text()}")


def load_all(paths: list[Path], steps: Collection[str] | None = None, jobs: int = 1,
             root: Path | None = None) -> tuple[list[Issue], list[tuple[Path, str]]]:
    """Every input converted, in order, and the refused ones with their reason; with `jobs`
    above 1, by that many processes (see `loaded`). `root`: the sources folder the paths were
    found in (a link out of it is refused)."""
    issues, errors = [], []
    for path, issue, error in loaded(paths, steps, jobs, root):
        if issue is not None:
            issues.append(issue)
        else:
            errors.append((path, error))
    return issues, errors


def loaded(paths: list[Path], steps: Collection[str] | None = None, jobs: int = 1,
           root: Path | None = None) -> Iterator[tuple[Path, Issue | None, str | None]]:
    """(path, model, None) or (path, None, reason) for each input, in order. With `jobs` above
    1 the inputs are converted by that many worker processes, each file alone as in one
    process (a file's model is a function of its bytes); the models come back in order, as
    each is done, so the caller can lay out pages while the rest convert."""
    jobs = min(jobs, len(paths))
    if jobs <= 1:
        yield from map(_load_or_reason, paths, repeat(steps), repeat(root))
        return
    # fork (Linux): the workers start with the converter imported; elsewhere the platform's default
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    if context.get_start_method() == "fork":
        load_tables()  # and with the tables loaded once, not once per worker
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        yield from pool.map(_load_or_reason, paths, repeat(steps), repeat(root))
    finally:  # (a caller that stops early does not wait for the files it will not read)
        pool.shutdown(wait=True, cancel_futures=True)


def _load_or_reason(path: Path, steps: Collection[str] | None, root: Path | None = None) -> tuple[Path, Issue | None, str | None]:
    try:
        inside(path, root)
        return path, load(path, steps), None
    except InputError as exc:
        return path, None, str(exc)


def default_jobs(paths: list[Path]) -> int:
    """How many processes convert `paths` when the caller does not say: one per core this
    process may run on, when there is enough to convert to pay for starting them (~1 MB)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        size = sum(p.stat().st_size for p in paths)
    except OSError:
        return 1
    return max(1, min(cores, len(paths))) if size >= 1 << 20 else 1


def source_files(root: Path) -> list[Path]:
    """Every source text below `root` (hidden folders such as .replaced/ skipped)."""
    return sorted(p for p in root.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(root).parts))
