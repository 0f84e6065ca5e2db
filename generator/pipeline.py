"""Source text -> finished model: read, then the transforms in order, then the
conservation check (every source line is held by the model, or shown on a
page of its own with an error), and every diagnostic pointed at its exact line."""

from __future__ import annotations

from .diagnostics import group_repeats
from .model import Issue
from .readers import read
from .transforms.conserve import conserve
from .transforms.english import match_english
from .transforms.headings import level_headings
from .transforms.issue_facts import spread_facts
from .transforms.notes import resolve_notes
from .transforms.outline import check_outline
from .transforms.page_join import join_pages
from .transforms.placement import check_placement
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
    ("validate", validate),
)


def convert_text(text: str, source: str) -> Issue:
    issue = read(text, source)
    for _name, step in STEPS:
        issue = step(issue)
    issue = conserve(issue, text)
    issue = issue.with_(diagnostics=group_repeats(issue.diagnostics, by_line=True))
    issue = pinpoint(issue, text)
    return issue.with_(diagnostics=group_repeats(issue.diagnostics))
