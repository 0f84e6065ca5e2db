"""What a converted source is: its canonical name, its identity, its description."""

from __future__ import annotations

from datetime import datetime, timezone

from ..layout import issue_label, journal_slug, pages_label, slugify, source_name
from ..messages import lang, t
from ..model import Issue


class AddError(Exception):
    """A change to the archive that must not happen; the message is for the archivist. Exit 1."""

    exit_code = 1


class GateError(AddError):
    """An add refused because the input has error-level diagnostics (exit 2); `report` says what it would have done."""

    exit_code = 2

    def __init__(self, message: str, report: str):
        super().__init__(message)
        self.report = report


def canonical_name(issue: Issue) -> str:
    """Path below sources/ where this input belongs, e.g. gjwtyj/2025-06.txt."""
    art = issue.articles[0] if issue.articles else None
    if issue.kind == "issue" and not (issue.journal and issue.year and issue.number):
        raise AddError(t("no_identity"))
    if issue.kind == "article" and art is None:
        raise AddError(t("no_article"))
    return source_name(issue.kind, issue.journal, issue.year, issue.number,
                       art.first_page if art else None, art.title if art else "")


def ident(issue: Issue) -> str:
    """The ID `list` shows and `remove` takes: the canonical name without .txt (gjwtyj/2025-06)."""
    return canonical_name(issue).removesuffix(".txt")


def identity(issue: Issue) -> tuple:
    """What two sources must not both be: the same issue, article or document."""
    if issue.kind == "document":
        return ("document", slugify(issue.articles[0].title if issue.articles else ""))
    slug = journal_slug(issue.journal)
    if issue.kind == "issue":
        return ("issue", slug, issue.year, issue.number)
    art = issue.articles[0] if issue.articles else None
    first = art.first_page if art and art.first_page is not None else slugify(art.title if art else "")
    return ("article", slug, issue.year, issue.number, first)


def describe(issue: Issue) -> str:
    """'国际问题研究 2025 年第 6 期（整期，7 篇文章）' (in English: '国际问题研究 2025 No.6 (issue, 7 articles)')."""
    if issue.kind == "document":
        return t("describe_document", title=issue.articles[0].title if issue.articles else "?")
    journal = issue.journal or t("unknown_journal")
    when = issue_label(issue.year, issue.number) if lang() == "zh" else f"{issue.year or '?'} No.{issue.number or '?'}"
    if issue.kind == "issue":
        return t("describe_issue", journal=journal, when=when, n=len(issue.articles))
    art = issue.articles[0]
    return t("describe_article", journal=journal, when=when, pages=pages_of(art.first_page, art.last_page))


def pages_of(first, last) -> str:
    if lang() == "en":
        if first and last and last != first:
            return f"pp.{first}-{last}"
        return f"p.{first}" if first else "pages unknown"
    return pages_label(first, last) or t("pages_unknown")


def timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
