"""What the site-wide files take of every page, in the order of the pages: archive.jsonl.gz
(one line per article) and the feed's entries; a page the incremental build kept
(archive_site/incremental.py) gives its line of the last build's dump and its entry of
the build's manifest, so the files are those a clean build writes."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from generator import layout

from .. import incremental

DUMP = "archive.jsonl.gz"  # a bulk dump, compressed as such dumps are


class Dump:
    """The dump's lines of the articles read in this build, in a temporary file until the end."""

    def __init__(self):
        self.file = None
        self.at: dict[str, tuple[int, int]] = {}  # article id -> (offset, length)

    def add(self, ident: str, line: str) -> None:
        if self.file is None:
            self.file = tempfile.TemporaryFile("w+b")
        data = (line + "\n").encode("utf-8")
        self.at[ident] = (self.file.tell(), len(data))
        self.file.write(data)

    def write(self, path: Path, files) -> None:
        """archive.jsonl.gz: one line per article, in the order of the pages."""
        old: dict[str, bytes] = {}
        if incremental.hooks.incremental and path.exists():
            for line in gzip.decompress(path.read_bytes()).splitlines(keepends=True):
                old[line[8:line.index(b'"', 8)].decode("utf-8")] = line  # {"id": "<id>", ...
        with gzip.GzipFile(path, "wb", compresslevel=6, mtime=0) as out:  # the same bytes for the same archive
            for f in files.documentation_pages():
                ident = layout.ident_of(f.src_uri)
                if ident in self.at:
                    at, n = self.at[ident]
                    self.file.seek(at)
                    out.write(self.file.read(n))
                elif ident in old and incremental.hooks.skipped(f.src_uri):
                    out.write(old[ident])
        self.close()

    def close(self) -> None:
        file, self.file, self.at = self.file, None, {}
        if file is not None:
            file.close()


def in_page_order(files, articles: dict) -> dict:
    """The feed's entries in the order of the pages, those of kept pages from the manifest."""
    cache = incremental.hooks
    out = {}
    for f in files.documentation_pages():
        src = f.src_uri
        if src in articles:
            out[src] = articles[src]
        elif cache.skipped(src) and cache.get(src, "feed") is not None:
            out[src] = cache.get(src, "feed")
    return out
