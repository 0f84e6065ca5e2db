"""What the build gathers, article by article, for the files written at its end per journal
or per issue: the OAI-PMH Static Repository (oai.py), the Crossref deposit (crossref.py), the
DOAJ article XML (doaj.py). Each article's record (`record()`: its front matter's fields for
libraries, URL, DOI, the date it last changed) is appended to a spool file per journal as
the page is read, so a large archive is not held in memory; `journals()` reads them back,
one journal at a time, in printed order.

The incremental build (archive_site/incremental.py) keeps each record in its manifest for the
pages a later build does not read again: packed (`add()` returns the spooled line
zlib-compressed), because as Python objects a record holds the article's parsed references,
~100 KB an article (530 MB at 5,000 articles, in the build's process to its end), packed ~10 KB.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from generator import layout

# the front matter a library record uses (and the parsed references, when the converter gives them)
FIELDS = ("kind", "title", "subtitle", "title_en", "authors", "journal", "issn", "year", "issue", "volume", "total_issue",
          "section", "first_page", "last_page", "article_no", "abstract", "abstract_en", "keywords", "keywords_en",
          "published", "funding", "references")


def record(meta: dict, src: str, url: str | None, doi: str | None, changed: date) -> dict:
    m = {k: meta.get(k) for k in FIELDS if meta.get(k) not in (None, [], "")}
    if "published" in m:
        m["published"] = str(m["published"])
    return {"ident": layout.ident_of(src), "folder": layout.folder_of(src), "journal": layout.journal_of(src), "url": url,
            "doi": doi, "changed": changed.isoformat(), "meta": m}


def order(rec: dict) -> tuple:
    m = rec["meta"]
    return (int(m.get("year") or 0), int(m.get("issue") or 0), int(m.get("first_page") or 0), rec["ident"])


class Harvest:
    """Records spooled per journal between the page events and the end of the build."""

    def __init__(self):
        self.dir: Path | None = None
        self.files: dict[str, object] = {}

    def add(self, rec: dict) -> bytes:
        """Spool `rec`; -> it packed, for the manifest (add_packed() spools it again)."""
        line = json.dumps(rec, ensure_ascii=False)
        self._write(rec["journal"], line)
        return zlib.compress(line.encode("utf-8"), 1)

    def add_packed(self, journal: str, packed: bytes) -> None:
        """A record add() packed (of a page of `journal` this build did not read)."""
        self._write(journal, zlib.decompress(packed).decode("utf-8"))

    def _write(self, journal: str, line: str) -> None:
        if self.dir is None:
            self.dir = Path(tempfile.mkdtemp(prefix="ja-harvest-"))
        f = self.files.get(journal)
        if f is None:
            f = self.files[journal] = open(self.dir / f"{journal}.jsonl", "a", encoding="utf-8")
        f.write(line + "\n")

    def journals(self) -> Iterator[tuple[str, list[dict]]]:
        """(journal slug, its records in printed order), one journal at a time."""
        for f in self.files.values():
            f.flush()
        for slug in sorted(self.files):
            with open(self.dir / f"{slug}.jsonl", encoding="utf-8") as f:
                recs = [json.loads(line) for line in f]
            yield slug, sorted(recs, key=order)

    def close(self) -> None:
        for f in self.files.values():
            f.close()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir, self.files = None, {}


def issues(recs: list[dict]) -> Iterator[tuple[str, list[dict]]]:
    """A journal's records grouped by issue folder (gjwtyj/2025/06), in order."""
    groups: dict[str, list[dict]] = {}
    for r in recs:
        if r["meta"].get("issue") is not None:
            groups.setdefault(r["folder"], []).append(r)
    yield from groups.items()
