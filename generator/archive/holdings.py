"""What the archive holds (`list`) and taking one source out of it (`remove`)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from ..cache import ConvertCache
from ..messages import t
from .naming import AddError, describe, ident, timestamp
from .index import ArchiveIndex
from .plan import Plan, page_changes, retire


@dataclass
class Holding:
    id: str  # what `remove` takes: gjwtyj/2025-06 (or the source path when the file does not convert)
    kind: str  # issue | article | document | "" (does not convert)
    journal: str
    year: int | None
    issue: int | None
    articles: int
    source: str  # sources/<rel>
    error: str = ""


def holdings(sources: Path, cache: ConvertCache) -> list[Holding]:
    index = ArchiveIndex(Path(sources), cache)
    good, bad = index.scan()
    index.save()
    return holdings_of({rel: e.head for rel, e in good.items()}, bad)


def holdings_of(good: dict, bad: dict[str, str]) -> list[Holding]:
    out = []
    for rel, issue in good.items():
        try:
            key = ident(issue)
        except AddError:
            key = f"sources/{rel}"
        out.append(Holding(key, issue.kind, issue.journal or "", issue.year, issue.number, len(issue.articles), f"sources/{rel}"))
    out += [Holding(f"sources/{rel}", "", "", None, None, 0, f"sources/{rel}", reason) for rel, reason in bad.items()]
    return sorted(out, key=lambda h: (h.id, h.source))


def as_json(hs: list[Holding]) -> str:
    return json.dumps([asdict(h) for h in hs], ensure_ascii=False, indent=2)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def as_table(hs: list[Holding]) -> str:
    if not hs:
        return t("list_empty")
    head = tuple(t(k) for k in ("col_id", "col_kind", "col_journal", "col_year", "col_issue", "col_articles", "col_source"))
    rows = [(h.id, t(f"kind_{h.kind or 'bad'}"), h.journal, str(h.year or ""), str(h.issue or ""), str(h.articles),
             h.source + (f"  ({h.error})" if h.error else "")) for h in hs]
    widths = [max(_width(r[k]) for r in [head, *rows]) for k in range(len(head))]
    lines = []
    for r in [head, *rows]:
        lines.append("  ".join(c + " " * (widths[k] - _width(c)) for k, c in enumerate(r)).rstrip())
        if r is head:
            lines.append("-" * _width(lines[0]))
    return "\n".join(lines) + "\n" + t("list_summary", n=len(hs), articles=sum(h.articles for h in hs))


def find_source(key: str, sources: Path, hs: list[Holding]) -> str:
    """The source (rel below sources/) that ID or path `key` names; AddError when none or several."""
    sources = Path(sources)
    key = key.strip()
    by_id = [h for h in hs if h.id in (key, key.removesuffix(".txt"))]
    if not by_id:
        for candidate in (Path(key), sources / key, sources.parent / key):
            try:
                rel = candidate.resolve().relative_to(sources.resolve()).as_posix()
            except ValueError:
                continue
            by_id = [h for h in hs if h.source == f"sources/{rel}"]
            if by_id:
                break
    if not by_id:
        raise AddError(t("not_in_archive", id=key))
    if len(by_id) > 1:
        raise AddError(t("ambiguous_id", id=key, sources=", ".join(h.source for h in by_id)))
    return by_id[0].source.removeprefix("sources/")


def plan_remove(key: str, sources: Path, content: Path, cache: ConvertCache) -> Plan:
    sources, content = Path(sources), Path(content)
    index = ArchiveIndex(sources, cache)
    existing, bad = index.scan()
    rel = find_source(key, sources, holdings_of({r: e.head for r, e in existing.items()}, bad))
    plan = Plan(sources, content, removed=[(rel, describe(existing[rel].head) if rel in existing else f"sources/{rel}")])
    retire(plan, rel, timestamp())
    page_changes(plan, index, existing, [(r, e) for r, e in existing.items() if r != rel])
    return plan
