"""`journal-archive add FILE...`: put new source texts into the archive.

Each file is converted first (that tells what it is: an issue, a single
article or a document, of which journal, year and issue), then copied into
sources/ under a canonical name, and only the pages it changes are
rewritten in content/ (its own pages, the corpus indexes, and any page of
another issue that links to it).

Nothing is written until every input has converted. The writes then happen
as one transaction (`Transaction`): new files are staged beside their
targets, a journal records what is about to change, and any failure, an
interrupt or a crash (recovered on the next run) puts sources/ and content/
back exactly as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .build import meta_of
from .cache import ConvertCache, default_dir, load_all_cached
from .decode import InputError, decode
from .load import source_files
from .model import Diagnostic, Issue
from .plan import render
from .transforms.validate import locate
from .writers.indexes import index_pages
from .layout import REPLACED_DIR, journal_slug, pages_label, slugify, source_name


class AddError(Exception):
    """An add that must not happen; the message is for the archivist."""


# ---------------------------------------------------------------- naming


def canonical_name(issue: Issue) -> str:
    """Path below sources/ where this input belongs, e.g. gjwtyj/2025-06.txt."""
    art = issue.articles[0] if issue.articles else None
    if issue.kind == "issue" and not (issue.journal and issue.year and issue.number):
        raise AddError("cannot tell which issue this is: journal, year or issue number not found in the masthead")
    if issue.kind == "article" and art is None:
        raise AddError("no article found in the file")
    return source_name(issue.kind, issue.journal, issue.year, issue.number,
                       art.first_page if art else None, art.title if art else "")


def identity(issue: Issue) -> tuple:
    """What two sources must not both be: the same issue, article or document."""
    if issue.kind == "document":
        return ("document", slugify(issue.articles[0].title if issue.articles else ""))
    slug = journal_slug(issue.journal)
    if issue.kind == "issue":
        return ("issue", slug, issue.year, issue.number)
    art = issue.articles[0] if issue.articles else None
    return ("article", slug, issue.year, issue.number, (art.first_page if art and art.first_page is not None else slugify(art.title if art else "")))


def describe(issue: Issue) -> str:
    if issue.kind == "document":
        return f"document «{issue.articles[0].title if issue.articles else '?'}»"
    journal = issue.journal or "unknown journal"
    when = f"{issue.year or '?'} No.{issue.number or '?'}"
    if issue.kind == "issue":
        return f"{journal} {when} (issue, {len(issue.articles)} articles)"
    art = issue.articles[0]
    return f"{journal} {when} (single article, {_pages(art.first_page, art.last_page)})"


def _pages(first, last) -> str:
    return pages_label(first, last) or "pages unknown"


def timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


# ---------------------------------------------------------------- planning


@dataclass
class Added:
    input: Path
    data: bytes
    name: str  # canonical, relative to sources/
    issue: Issue


@dataclass
class AddPlan:
    sources: Path
    content: Path
    added: list[Added] = field(default_factory=list)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old rel path, kept-as rel path) below sources/
    writes: dict[str, str] = field(default_factory=dict)  # content rel path -> text
    deletes: list[str] = field(default_factory=list)  # content rel paths
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (sources rel path, diagnostic)


def _all_pages(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    pages, diags = render(issues)
    pages.update(index_pages({p: meta_of(t) for p, t in pages.items()}))
    return pages, diags


def plan_add(files: list[Path], sources: Path, content: Path, replace: bool = False, cache: ConvertCache | None = None) -> AddPlan:
    """Everything `add` would do, computed without writing a byte (except the convert cache)."""
    sources, content = Path(sources), Path(content)
    cache = cache or ConvertCache(default_dir(sources))
    plan = AddPlan(sources, content)
    # 1. every input converts, or nothing happens
    for f in files:
        f = Path(f)
        try:
            data = f.read_bytes()
        except OSError as exc:
            raise AddError(f"{f}: {exc.strerror or exc}") from None
        try:
            probe = cache.convert(data, f.name)
            name = canonical_name(probe)
            issue = cache.convert(data, Path(name).name)  # `source:` in the pages is the canonical base name
        except InputError as exc:
            raise AddError(f"{f}: {exc}") from None
        except AddError as exc:
            raise AddError(f"{f}: {exc}") from None
        plan.added.append(Added(f, data, name, issue))
    seen: dict = {}
    for a in plan.added:
        for k in (a.name, identity(a.issue)):
            if k in seen:
                raise AddError(f"{a.input} and {seen[k].input} are the same {describe(a.issue)}; add one of them")
            seen[k] = a
    # 2. what the archive holds now
    existing_paths = source_files(sources) if sources.exists() else []
    existing: dict[str, Issue] = {}
    for p, issue in zip(existing_paths, _load_each(existing_paths, cache)):
        if issue is not None:
            existing[p.relative_to(sources).as_posix()] = issue
    # 3. conflicts: the same canonical name or the same issue/article/document
    by_identity: dict[tuple, list[str]] = {}
    for rel, issue in existing.items():
        by_identity.setdefault(identity(issue), []).append(rel)
    for a in plan.added:
        clash = sorted(set(by_identity.get(identity(a.issue), [])) | ({a.name} if (sources / a.name).exists() else set()))
        if not clash:
            continue
        if a.input.resolve() in {(sources / c).resolve() for c in clash}:
            raise AddError(f"{a.input} is already in the archive")
        if not replace:
            same = any((sources / c).read_bytes() == a.data for c in clash if (sources / c).exists())
            raise AddError(
                f"{a.input}: {describe(a.issue)} is already in the archive as "
                + ", ".join(f"sources/{c}" for c in clash)
                + (" (identical text)" if same else "")
                + "; use --replace to replace it (the old source is kept under sources/.replaced/)"
            )
        stamp = timestamp()
        for c in clash:
            if all(c != old for old, _ in plan.replaced):
                plan.replaced.append((c, f"{REPLACED_DIR}/{c[:-4]}.{stamp}.txt"))
    gone = {old for old, _ in plan.replaced}
    keep = {rel: i for rel, i in existing.items() if rel not in gone}
    # 4. pages that belong to another (kept) source are not ours to take
    owned: dict[str, str] = {}
    for rel, issue in keep.items():
        for page in render([issue])[0]:
            owned[page] = rel
    for a in plan.added:
        for page in render([a.issue])[0]:
            if page in owned:
                raise AddError(f"{a.input}: its page content/{page} already comes from sources/{owned[page]} ({describe(keep[owned[page]])}); remove or replace that source first")
    # 5. the pages that change
    before, _ = _all_pages(list(existing.values()))
    after, render_diags = _all_pages(list(keep.values()) + [a.issue for a in plan.added])
    for page, text in sorted(after.items()):
        if before.get(page) != text or not _same_on_disk(content / page, text):
            plan.writes[page] = text
    plan.deletes = sorted(p for p in before if p not in after and (content / p).exists())
    names = {Path(a.name).name: a.name for a in plan.added}
    for a in plan.added:
        plan.diagnostics += [(a.name, d) for d in locate(a.issue.diagnostics, decode(a.data))]
    plan.diagnostics += [(names[d.span.source], d) for d in render_diags if d.span.source in names]
    return plan


def _load_each(paths: list[Path], cache: ConvertCache) -> list[Issue | None]:
    issues, errors = load_all_cached(paths, cache)
    bad = {p for p, _ in errors}
    it = iter(issues)
    return [None if p in bad else next(it) for p in paths]


def _same_on_disk(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


# ---------------------------------------------------------------- writing


class Transaction:
    """All-or-nothing file changes, journalled so that a crash can be undone.

    put/delete/move are only recorded; `commit` stages every new file as a
    temporary beside its target, writes the journal, then swaps files in
    (old versions kept as hidden backups). On any exception the swaps are
    undone from the journal; after a hard crash `recover` does the same.
    """

    def __init__(self, journal: Path):
        self.journal = Path(journal)
        self.ops: list[dict] = []

    def put(self, target: Path, data: bytes) -> None:
        self.ops.append({"op": "put", "target": str(Path(target).absolute()), "data": data})

    def delete(self, target: Path) -> None:
        self.ops.append({"op": "delete", "target": str(Path(target).absolute())})

    def move(self, src: Path, dst: Path) -> None:
        self.ops.append({"op": "move", "target": str(Path(src).absolute()), "dst": str(Path(dst).absolute())})

    def commit(self) -> None:
        recover(self.journal)
        token = uuid.uuid4().hex[:8]
        created: list[str] = []
        entries: list[dict] = []
        exists: dict[str, bool] = {}  # what earlier ops of this transaction make of a path
        try:
            for op in self.ops:
                target = Path(op["target"])
                e = {k: v for k, v in op.items() if k != "data"}
                for d in (target.parent, Path(op["dst"]).parent if "dst" in op else None):
                    if d is not None:
                        created += _mkdirs(d)
                e["backup"] = str(target.with_name(f".{target.name}.bak-{token}"))
                e["existed"] = exists.get(op["target"], target.exists())
                exists[op["target"]] = op["op"] == "put"
                if "dst" in op:
                    exists[op["dst"]] = True
                if op["op"] == "put":
                    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
                    e["temp"] = tmp
                    entries.append(e)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(op["data"])
                        fh.flush()
                        os.fsync(fh.fileno())
                else:
                    entries.append(e)
            _write_json(self.journal, {"state": "applying", "entries": entries, "created": created})
        except BaseException:
            _undo(entries, created)
            self.journal.unlink(missing_ok=True)
            raise
        try:
            for e in entries:
                target = Path(e["target"])
                if e["op"] == "put":
                    if e["existed"]:
                        _backup(target, Path(e["backup"]))
                    os.replace(e["temp"], target)
                elif e["op"] == "delete":
                    if e["existed"]:
                        os.rename(target, e["backup"])
                else:  # move: never over an existing file
                    if Path(e["dst"]).exists():
                        raise FileExistsError(e["dst"])
                    os.rename(target, e["dst"])
            _write_json(self.journal, {"state": "committed", "entries": entries, "created": created})
        except BaseException:
            _undo(entries, created)
            self.journal.unlink(missing_ok=True)
            raise
        _finish(entries)
        self.journal.unlink(missing_ok=True)


def _mkdirs(d: Path) -> list[str]:
    made = []
    missing = []
    while not d.exists():
        missing.append(d)
        d = d.parent
    for m in reversed(missing):
        m.mkdir()
        made.append(str(m))
    return made


def _backup(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _write_json(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(obj, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _undo(entries: list[dict], created: list[str]) -> None:
    """Put every target back as it was before the transaction (uses rename/unlink only)."""
    for e in reversed(entries):
        target, backup = Path(e["target"]), Path(e.get("backup", ""))
        if e["op"] == "put":
            temp = Path(e["temp"])
            if e.get("existed"):
                if e.get("backup") and backup.exists():
                    os.rename(backup, target)
                    backup.unlink(missing_ok=True)  # rename between two links of one file is a no-op
            elif not temp.exists() and target.exists():
                target.unlink()  # it was swapped in: it did not exist before
            temp.unlink(missing_ok=True)
        elif e["op"] == "delete":
            if e.get("backup") and backup.exists():
                os.rename(backup, target)
        else:
            dst = Path(e["dst"])
            if dst.exists() and not target.exists():
                os.rename(dst, target)
    for d in sorted(created, key=len, reverse=True):
        try:
            os.rmdir(d)
        except OSError:
            pass


def _finish(entries: list[dict]) -> None:
    for e in entries:
        if e.get("backup"):
            Path(e["backup"]).unlink(missing_ok=True)
        if e.get("temp"):
            Path(e["temp"]).unlink(missing_ok=True)


def recover(journal: Path) -> str | None:
    """Finish or undo a transaction a crash left behind; returns what was done."""
    journal = Path(journal)
    if not journal.exists():
        return None
    try:
        state = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)  # written atomically: a broken one never started applying
        return None
    if state.get("state") == "committed":
        _finish(state["entries"])
        done = "completed an interrupted add"
    else:
        _undo(state["entries"], state.get("created", []))
        done = "undid an interrupted add"
    journal.unlink(missing_ok=True)
    return done


def journal_path(sources: Path) -> Path:
    return Path(sources).resolve().parent / ".cache" / "add-journal.json"


def apply(plan: AddPlan) -> None:
    tx = Transaction(journal_path(plan.sources))
    for old, kept in plan.replaced:
        tx.move(plan.sources / old, plan.sources / kept)
    for a in plan.added:
        tx.put(plan.sources / a.name, a.data)
    for page, text in plan.writes.items():
        tx.put(plan.content / page, text.encode("utf-8"))
    for page in plan.deletes:
        tx.delete(plan.content / page)
    tx.commit()


# ---------------------------------------------------------------- report


def report(plan: AddPlan, dry_run: bool = False) -> str:
    would = "would " if dry_run else ""
    out = []
    for old, kept in plan.replaced:
        out.append(f"{would}replace sources/{old} (kept as sources/{kept})" if dry_run else f"replaced sources/{old} (kept as sources/{kept})")
    for a in plan.added:
        verb = "would add" if dry_run else "added"
        out.append(f"{verb} {describe(a.issue)} from {a.input} as sources/{a.name}")
        if a.issue.kind != "document":
            for art in a.issue.articles:
                names = " ".join(x.name for x in art.authors) or "no authors"
                out.append(f"  {_pages(art.first_page, art.last_page):<12} {art.title} ({names})")
    out.append(f"content/: {would}write {len(plan.writes)} page(s), {would}remove {len(plan.deletes)}")
    if dry_run:
        out += [f"  write  content/{p}" for p in plan.writes] + [f"  remove content/{p}" for p in plan.deletes]
    if plan.diagnostics:
        out.append(f"diagnostics ({len(plan.diagnostics)}):")
        for rel, d in plan.diagnostics:
            out.append(f"  sources/{rel}:{d.span.line}: {d.severity} {d.code}: {d.message}")
    else:
        out.append("diagnostics: none")
    if dry_run:
        out.append("dry run: nothing written")
    return "\n".join(out)


def add(files: list[Path], sources: Path = Path("sources"), content: Path = Path("content"), replace: bool = False, dry_run: bool = False, cache: ConvertCache | None = None) -> tuple[AddPlan, str]:
    note = None if dry_run else recover(journal_path(sources))
    plan = plan_add(files, sources, content, replace=replace, cache=cache)
    if not dry_run:
        apply(plan)
    text = report(plan, dry_run)
    return plan, (f"note: {note}\n" if note else "") + text
