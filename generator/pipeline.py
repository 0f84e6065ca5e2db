"""Source text -> finished model: read, then the transforms in order, then the
conservation check (every source line is held by the model, or shown on a
page of its own with an error), and every diagnostic pointed at its exact line.

The pipeline is data, as markdown-it-py's ruler is: `STEPS` names each
model -> model transform in order, `CLOSING` the two steps that also read the
source text. `convert_text(..., steps=...)` runs only the named ones (the
reader always runs first): `select(until="notes")` or `select(only=...)` give
such a set, for debugging (`convert --to model --until notes`) and for tests
of one rule alone.

A step that raises does not lose the file (bibtexparser keeps what failed in
its model): the exception becomes a STEP_FAILED error naming the step and the
source, the model stays as the steps before it left it, and the remaining
steps still run on it. They are pure functions that must take any model a
reader can make, so they can; and the later ones are what report the rest of
the file's defects and keep every printed line on a page (`conserve`), which
matter most when a step has failed. The publishing gate refuses the file on
the error (`add` without --force, `check --strict`, `convert --strict`).
RecursionError and MemoryError are not caught: they are limits of the run,
not of one step, and `load` turns them into a one-line refusal of the file.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Collection
from pathlib import Path

from .diagnostics import Span, group_repeats, report
from .model import Issue
from .readers import read
from .transforms.conserve import conserve
from .transforms.english import match_english
from .transforms.headings import level_headings
from .transforms.issue_facts import spread_facts
from .transforms.notes import resolve_notes
from .transforms.outline import check_outline
from .transforms.page_join import join_pages
from .transforms.pages import number_pages
from .transforms.placement import check_placement
from .transforms.references import parse_references
from .transforms.sibling_headings import promote_siblings
from .transforms.validate import pinpoint, validate

# Order matters: notes bind to pages before page breaks are joined away.
STEPS = (
    ("notes", resolve_notes),
    ("page_join", join_pages),
    ("sibling_headings", promote_siblings),
    ("headings", level_headings),
    ("outline", check_outline),
    ("issue_facts", spread_facts),
    ("english", match_english),
    ("placement", check_placement),
    ("pages", number_pages),
    ("validate", validate),
    ("references", parse_references),
)

def group(issue: Issue, _text: str) -> Issue:
    """Repeats of one diagnostic at one line as one, with a count (a damaged line that holds the
    same fault thousands of times), before pinpoint looks for each one's line."""
    return issue.with_(diagnostics=group_repeats(issue.diagnostics, by_line=True))


# The closing steps, after every transform: (model, source text) -> model. Pinpoint groups
# what repeats across lines once every diagnostic is at its line.
CLOSING = (
    ("conserve", conserve),
    ("group", group),
    ("pinpoint", pinpoint),
)

READ = "read"  # the reader: always runs, the first name of the pipeline


def step_names() -> tuple[str, ...]:
    """Every step's name in the order the pipeline runs them."""
    return (READ, *(name for name, _ in STEPS), *(name for name, _ in CLOSING))


def select(until: str | None = None, only: Collection[str] | None = None) -> frozenset[str] | None:
    """The steps to run: every step up to and including `until`, or only those named
    in `only` (run in pipeline order), or all (None). An unknown name is a ValueError."""
    names = step_names()
    for name in ([until] if until else []) + list(only or ()):
        if name not in names:
            raise ValueError(f"unknown step {name!r} (steps: {', '.join(names)})")
    if until:
        return frozenset(names[: names.index(until) + 1])
    if only is not None:
        return frozenset({READ, *only})
    return None


def _where(exc: BaseException) -> str:
    """Where the exception was raised: 'generator/transforms/notes.py:57' (a file outside the package by its name)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    path, root = Path(frames[-1].filename).resolve(), Path(__file__).resolve().parent.parent
    shown = path.relative_to(root).as_posix() if root in path.parents else path.name
    return f"{shown}:{frames[-1].lineno}"


def run_step(name: str, step: Callable[[Issue], Issue], issue: Issue) -> Issue:
    """`step(issue)`, or, when it raises, `issue` as it was plus a STEP_FAILED error."""
    try:
        return step(issue)
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:200]
        diag = report("STEP_FAILED", Span(issue.source, 1), step=name, error=error, where=_where(exc))
        return issue.with_(diagnostics=issue.diagnostics + (diag,))


def convert_text(text: str, source: str, steps: Collection[str] | None = None) -> Issue:
    """The finished model of one source text; with `steps` (see `select`), only those steps run."""
    issue = read(text, source)
    for name, step in STEPS:
        if steps is None or name in steps:
            issue = run_step(name, step, issue)
    for name, closing in CLOSING:
        if steps is None or name in steps:
            issue = run_step(name, lambda model, closing=closing: closing(model, text), issue)
    return issue
