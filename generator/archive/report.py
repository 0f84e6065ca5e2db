"""The report of an add or a remove: what enters and leaves sources/, every page added,
changed or removed with the address the site shows it at, and every diagnostic."""

from __future__ import annotations

from ..layout import url_of
from ..messages import t
from .naming import describe, pages_of
from .plan import Plan


def site_path(page: str) -> str:
    """A content page's address below the site's root (site_url in mkdocs.yml): /gjwtyj/2025/06/p022/."""
    return "/" + url_of(page)


def report(plan: Plan, dry_run: bool = False, stored: bool | None = None) -> str:
    """`stored`: whether the added files are in sources/ once this is read (not in a dry run,
    nor when the add is refused): diagnostics name the file where the archivist fixes it."""
    v = "dry_" if dry_run else ""
    stored = not dry_run if stored is None else stored
    out = list(plan.notes)
    for old, kept in plan.replaced:
        if old not in [rel for rel, _ in plan.removed]:
            out.append(t(v + "replaced", old=old, kept=kept))
    for rel, what in plan.removed:
        out.append(t(v + "removed_source", what=what, old=rel, kept=dict(plan.replaced)[rel]))
    for a in plan.added:
        out.append(t(v + "added", what=describe(a.issue), input=a.input, name=a.name))
        if a.stored != a.data:
            out.append("  " + t("stored_utf8", original=f"sources/.originals/{a.name}"))
        if a.issue.kind != "document":
            for art in a.issue.articles:
                names = " ".join(x.name for x in art.authors) or t("no_authors")
                out.append(f"  {pages_of(art.first_page, art.last_page):<12} {art.title} ({names})")
    for kept in plan.prune:
        out.append(t(v + "pruned", kept=kept))
    out += pages_section(plan, dry_run)
    out += diagnostics_section(plan, stored)
    if dry_run:
        out.append(t("dry_run_done"))
    return "\n".join(out)


def pages_section(plan: Plan, dry_run: bool) -> list[str]:
    v = "dry_" if dry_run else ""
    changed = [p for p in plan.writes if p not in plan.new_pages]
    new = [p for p in plan.writes if p in plan.new_pages]
    out = [t(v + "pages_head", new=len(new), changed=len(changed), deleted=len(plan.deletes))]
    width = max((len(p) for p in [*plan.writes, *plan.deletes]), default=0) + len("content/")
    for label, pages in (("page_new", new), ("page_changed", changed), ("page_deleted", plan.deletes)):
        for p in pages:
            out.append(f"  {t(label)}  {'content/' + p:<{width}}  {site_path(p)}")
    if plan.deletes and plan.added:
        out.append(t("published_pages_go", n=len(plan.deletes)))
    return out


def _source_file(plan: Plan, rel: str, stored: bool) -> str:
    """Where a diagnostic's source is: the file given to add while it is not stored (dry run,
    refused add), else its place below sources/."""
    given = {a.name: str(a.input) for a in plan.added}
    return given[rel] if rel in given and not stored else f"sources/{rel}"


def diagnostics_section(plan: Plan, stored: bool = True) -> list[str]:
    if not plan.diagnostics:
        return [t("diagnostics_none")]
    out = [t("diagnostics_head", n=len(plan.diagnostics), errors=len(plan.errors()))]
    for rel, d in plan.diagnostics:
        out.append(f"  {_source_file(plan, rel, stored)}:{d.span.line}: {d.severity} {d.code}: {d.text()}")
    return out


def refusal(plan: Plan) -> str:
    """The one line of an add the gate refuses: it names the files given."""
    files = sorted({_source_file(plan, rel, False) for rel, _ in plan.errors()})
    return t("gate_refused", n=len(plan.errors()), files=", ".join(files))
