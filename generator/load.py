"""Input files -> converted models, each failure a one-line reason.

A source below the sources folder that is a symbolic link leading out of it is
refused (SOURCE_LINK): the archive publishes only what it holds."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

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


def load_all(paths: list[Path], steps: Collection[str] | None = None,
             root: Path | None = None) -> tuple[list[Issue], list[tuple[Path, str]]]:
    """`root`: the sources folder the paths were found in (a link out of it is refused)."""
    issues, errors = [], []
    for path in paths:
        try:
            inside(path, root)
            issues.append(load(path, steps))
        except InputError as exc:
            errors.append((path, str(exc)))
    return issues, errors


def source_files(root: Path) -> list[Path]:
    """Every source text below `root` (hidden folders such as .replaced/ skipped)."""
    return sorted(p for p in root.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(root).parts))
