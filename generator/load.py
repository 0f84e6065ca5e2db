"""Input files -> converted models, each failure a one-line reason."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from .decode import InputError, decode
from .messages import t
from .model import Issue
from .pipeline import convert_text


def convert_bytes(data: bytes, name: str, steps: Collection[str] | None = None) -> Issue:
    """Decode and convert one source (only `steps`, if given: see pipeline.select); any
    failure is an InputError with a one-line reason."""
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


def load_all(paths: list[Path], steps: Collection[str] | None = None) -> tuple[list[Issue], list[tuple[Path, str]]]:
    issues, errors = [], []
    for path in paths:
        try:
            issues.append(load(path, steps))
        except InputError as exc:
            errors.append((path, str(exc)))
    return issues, errors


def source_files(root: Path) -> list[Path]:
    """Every source text below `root` (hidden folders such as .replaced/ skipped)."""
    return sorted(p for p in root.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(root).parts))
