"""The archive index: every source laid out (generator/plan.py `Laid`) and what `list` and
`add` say of it (`Head`), kept in .cache/archive-index.pickle beside the convert cache.

An entry is keyed by the source's bytes, its base name and the code that converts and
lays it out (generator.cache.converter_key over the closure of this module), so a changed
source or converter is laid out again, and an unchanged one is read back without
unpickling its converted model. With it, `add`, `remove` and `build` plan a change from
the pages it touches (generator/archive/plan.py) instead of rendering the archive.

content/.state.json says what content/ was last written from: the layout code and each
source's key (written with content/, in the same transaction). When it matches the index,
a change needs only the pages it touches; when it does not (no state, another converter,
a hand-made content/), the whole archive is rendered and compared with content/.

The index is a cache: delete it at will (it is rebuilt from the convert cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..cache import ConvertCache, key as source_key
from ..decode import InputError
from ..load import inside, source_files
from ..model import Issue
from ..plan import Laid, lay_out
from ..unchanged import StatMemo, status

INDEX = "archive-index.pickle"
STATE = ".state.json"  # in content/: what it was written from

# In one process (make serve rebuilds after every change): the index as this process last
# read or wrote it, reused while the file is that one; each source's entry key while the
# source is unchanged (generator/unchanged.py), so that a rebuild reads only what changed.
_LOADED: dict[Path, tuple[tuple, dict]] = {}
_KEYS = StatMemo()


@dataclass(frozen=True)
class ArticleHead:
    title: str
    first_page: int | None
    last_page: int | None


@dataclass(frozen=True)
class Head:
    """What naming.py reads of a converted source (an Issue's head: no text)."""

    source: str
    kind: str
    journal: str | None
    year: int | None
    number: int | None
    articles: tuple[ArticleHead, ...]


def head_of(issue: Issue) -> Head:
    return Head(issue.source, issue.kind, issue.journal, issue.year, issue.number,
                tuple(ArticleHead(a.title, a.first_page, a.last_page) for a in issue.articles))


@dataclass
class Entry:
    key: str
    head: Head
    laid: Laid
    diagnostics: tuple = ()  # the converter's (Issue.diagnostics)


@lru_cache(maxsize=1)
def layout_version() -> str:
    """The hash of the code a source's pages come from: the converter's key (generator.cache:
    its modules and the libraries they use) and every file of the generator package (layout,
    writers, network), read as bytes."""
    from ..cache import PACKAGE, code_version

    h = hashlib.sha256(code_version().encode())
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in (".py", ".yml") and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def entry_key(data: bytes, name: str) -> str:
    return hashlib.sha256((layout_version() + source_key(data, name)).encode()).hexdigest()[:32]


class ArchiveIndex:
    """The sources of one archive, laid out: `scan()` -> ({rel: Entry}, {rel: why it does not convert})."""

    def __init__(self, sources: Path, cache: ConvertCache):
        self.sources, self.cache = Path(sources), cache
        self.path = cache.dir.parent / INDEX if cache.enabled and cache.dir else None
        self.entries: dict[str, Entry] = {}  # key -> entry
        self.dirty = False
        self.laid_out = 0  # entries computed (not read back) in this run
        self.issues: dict[str, Issue] = {}  # without a convert cache: the sources converted by scan()
        if self.path is not None:
            try:
                with self.path.open("rb") as fh:
                    st = status(os.fstat(fh.fileno()))
                    memo = _LOADED.get(self.path)
                    if memo is not None and memo[0] == st:
                        self.entries = dict(memo[1])
                        return
                    loaded = pickle.loads(fh.read())
                if isinstance(loaded, dict) and loaded.get("version") == layout_version():
                    self.entries = loaded["entries"]
                    _LOADED[self.path] = (st, dict(self.entries))
            except Exception:  # missing, truncated, another version: rebuilt
                pass

    def entry(self, data: bytes, name: str, rel: str | None = None) -> Entry:
        """The entry of a source's bytes (InputError when it does not convert)."""
        k = entry_key(data, name)
        found = self.entries.get(k)
        if found is None:
            issue = self.cache.convert(data, name)
            if rel is not None and not self.cache.enabled:
                self.issues[rel] = issue
            found = self.entries[k] = Entry(k, head_of(issue), lay_out(issue), issue.diagnostics)
            self.dirty = True
            self.laid_out += 1
        return found

    def add(self, data: bytes, name: str, issue: Issue) -> Entry:
        """The entry of a source converted already (an input of `add`)."""
        k = entry_key(data, name)
        if k not in self.entries:
            self.entries[k] = Entry(k, head_of(issue), lay_out(issue), issue.diagnostics)
            self.dirty = True
        return self.entries[k]

    def scan(self) -> tuple[dict[str, Entry], dict[str, str]]:
        paths = source_files(self.sources) if self.sources.exists() else []
        good, bad = {}, {}
        for p in paths:
            rel = p.relative_to(self.sources).as_posix()
            try:
                inside(p, self.sources)
                st = p.stat()
                known = _KEYS.get(p, st)
                if known in self.entries:
                    good[rel] = self.entries[known]
                    continue
                good[rel] = self.entry(p.read_bytes(), p.name, rel)
                _KEYS.put(p, st, good[rel].key)
            except OSError as exc:
                bad[rel] = exc.strerror or str(exc)
            except InputError as exc:
                bad[rel] = str(exc)
        return good, bad

    def issue(self, rel: str) -> Issue:
        """The converted source (from the convert cache)."""
        return self.issues.get(rel) or self.cache.load(self.sources / rel)

    def save(self, keep: set[str] | None = None) -> None:
        """Write the index (entries not in `keep`, when given, dropped); a failure only costs speed."""
        if keep is not None and not keep.issuperset(self.entries):
            self.entries = {k: e for k, e in self.entries.items() if k in keep}
            self.dirty = True
        if self.path is None or not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"version": layout_version(), "entries": self.entries}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            self.dirty = False
            _LOADED[self.path] = (status(self.path.stat()), dict(self.entries))
        except OSError:
            Path(tmp).unlink(missing_ok=True) if "tmp" in locals() else None


def read_state(content: Path) -> dict | None:
    """What content/ was written from ({"code": ..., "sources": {rel: key}}), or None."""
    try:
        state = json.loads((Path(content) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("code") != layout_version() or not isinstance(state.get("sources"), dict):
        return None
    return state


def state_text(sources: dict[str, str]) -> str:
    """content/.state.json for content/ written from `sources` ({rel: entry key})."""
    return json.dumps({"code": layout_version(), "sources": dict(sorted(sources.items()))}, indent=0) + "\n"
