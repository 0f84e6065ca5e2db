"""Search bundles in shards: memory bounded by the largest shard, not by the archive.

Pagefind's indexing service keeps every page it was given in memory until it writes
its bundle (about 2.7 MB per article page, 0.17 MB per catalogue record). So the
pages go to one service at a time, at most `size` documents each; when a shard is
full its bundle is written and the service stops before the next one starts.

Layout under site/pagefind/ (BUNDLE):
- the first catalogue-record shard is the primary bundle (pagefind.js, its wasm,
  pagefind-highlight.js, search.json) in pagefind/ itself;
- further record shards in pagefind/records-1/, records-2/, ...;
- full-text shards in pagefind/text-0/, text-1/, ...
- bundles.json lists them (paths relative to pagefind/), for search.js, which searches
  the record shards first and merges the text shards (Pagefind's mergeIndex) after.
Shards other than the primary keep only their index (entry, metadata, index, filter and
fragment chunks): a merged index is searched with the primary's wasm.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from pathlib import Path

from .canonical import canonical
from .service import BUNDLE, PagefindService, peak_rss_mb

log = logging.getLogger("mkdocs.hooks.pagefind")

MANIFEST = "bundles.json"
_KEEP = ("pagefind-entry.json", "index", "fragment", "filter")


def prune(bundle: Path) -> None:
    """A merged shard needs only its index: drop the JS, CSS and wasm copies."""
    for p in bundle.iterdir():
        if p.name in _KEEP or p.suffix == ".pf_meta":
            continue
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def shard_name(first_url: str) -> str:
    """A full-text shard's folder, named after its first page: text-<hash>/ (stable when other
    shards come and go, so an incremental build keeps the shards it does not touch)."""
    return "text-" + hashlib.sha1(first_url.encode("utf-8")).hexdigest()[:10]


def cuts(urls: list[str], size: int) -> list[list[str]]:
    """The full-text shards of the indexed pages (URLs, in the order of the pages), defined
    once: a shard ends after a page whose URL hashes to 0 modulo size // 2 (a boundary that
    stays where it is when pages are added or removed elsewhere), or when it holds `size`
    pages (the memory bound). So adding an issue changes the shard it falls into (or splits
    it), not every shard after it."""
    out: list[list[str]] = []
    current: list[str] = []
    for url in urls:
        current.append(url)
        if ends_shard(url, len(current), size):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def ends_shard(url: str, count: int, size: int) -> bool:
    """Whether the page at `url`, the count-th of its shard, is the shard's last (cuts())."""
    return count >= size or int(hashlib.sha1(url.encode("utf-8")).hexdigest()[:8], 16) % max(1, size // 2) == 0


class ShardWriter:
    """Documents into bundles under site/pagefind/ (BUNDLE), one Pagefind service at a time:
    a bundle is written after at most `size` documents (`name`-1/, `name`-2/, ...; with
    primary=True the first one is site/pagefind/ itself), or, with cuts=True, where the
    caller cuts it (`cut(folder)`: the full-text shards, see cuts()). Every bundle is made canonical
    (canonical.py) once written.

    A full shard is written by a thread while the build goes on: the documents that
    arrive meanwhile wait in a list (not in a second service, so one service at a time
    still bounds the memory) and go to the next service once the write is done."""

    def __init__(self, site: Path, name: str, size: int, primary: bool = False, cuts: bool = False):
        self.root, self.name, self.size, self.primary = Path(site) / BUNDLE, name, max(1, int(size)), primary
        self.cuts = cuts  # the caller ends every bundle (cut()); `size` only bounds the documents waiting
        self.svc: PagefindService | None = None
        self.count = 0
        self.docs = 0
        self.bundles: list[str] = []
        self.peak_mb = 0.0
        self.write_s = 0.0
        self._writing: threading.Thread | None = None
        self._waiting: list[tuple[str | None, str]] = []  # (document, URL), or (None, folder): a cut
        self._failed: list[BaseException] = []

    def add(self, html: str, url: str) -> None:
        self.docs += 1
        self._queue(html, url)

    def cut(self, folder: str) -> None:
        """End the current bundle here; it is written into `folder` (below pagefind/)."""
        self._queue(None, folder)

    def _queue(self, html: str | None, url: str) -> None:
        if self._writing is not None and self._writing.is_alive() and len(self._waiting) < self.size:
            self._waiting.append((html, url))
            return
        self._replay()
        if self._writing is not None:  # a cut among the documents that waited: they wait again
            self._waiting.append((html, url))
            return
        self._take(html, url)

    def _take(self, html: str | None, url: str) -> None:
        if html is None:
            if self.svc is not None:
                self._start_write(url + "/")
            return
        if self.svc is None:
            self.svc = PagefindService()
        self.svc.add_html(html, url)
        self.count += 1
        if self.count >= self.size and not self.cuts:
            self._start_write()

    def settle(self) -> None:
        """Wait until every document queued is in the current service: the bundles being
        written meanwhile are written."""
        self._replay()
        while self._writing is not None:
            self._replay()

    def _replay(self) -> None:
        """Wait for a shard being written; the documents that waited go to a new service, up to
        a cut among them, whose bundle is then written while those after it wait in turn (a
        second service beside the one being written would hold as much again)."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None
        if self._failed:
            raise RuntimeError(f"pagefind: writing a {self.name} bundle failed") from self._failed[0]
        waiting, self._waiting = self._waiting, []
        for n, (html, url) in enumerate(waiting):
            if self._writing is not None:
                self._waiting = waiting[n:]
                return
            self._take(html, url)

    def _path(self) -> str:
        n = len(self.bundles)
        return "" if self.primary and n == 0 else f"{self.name}-{n}/"

    def _start_write(self, rel: str | None = None) -> None:
        if self._writing is not None:  # one bundle written at a time (cuts can come close together)
            self._writing.join()
            self._writing = None
        svc, self.svc, count, rel = self.svc, None, self.count, rel or self._path()
        self.count = 0
        self.bundles.append(rel or "./")
        self._writing = threading.Thread(target=self._write, args=(svc, rel, count), daemon=True)
        self._writing.start()

    def _write(self, svc: PagefindService, rel: str, count: int) -> None:
        out = self.root / rel
        t0 = time.perf_counter()
        try:
            peak = peak_rss_mb(svc.pid) or 0.0
            svc.write(out, before_close=lambda: peak_rss_mb(svc.pid))
            canonical(out)
            if rel:
                prune(out)
        except BaseException as exc:  # noqa: BLE001 - raised again in the build's thread (settle)
            self._failed.append(exc)
            return
        self.write_s += time.perf_counter() - t0
        self.peak_mb = max(self.peak_mb, peak, svc.peak_mb or 0.0)
        log.info("pagefind: %s bundle %d written (%d documents, %.1f s, peak %.0f MB)",
                 self.name, self.bundles.index(rel or "./") + 1, count, time.perf_counter() - t0, self.peak_mb)

    def flush(self) -> None:
        """Write what is left (waiting for a shard being written first)."""
        self.settle()
        if self.svc is not None:
            self._start_write()
            self.settle()

    def close(self) -> None:
        if self._writing is not None:
            self._writing.join()
            self._writing = None
        svc, self.svc = self.svc, None
        if svc is not None:
            svc.close()


def write_manifest(site: Path, records: list[str], text: list[str], sites: list[str] | None = None,
                   text_after: int | None = None) -> Path:
    """site/pagefind/bundles.json: {"records": [...], "text": [...]}, paths relative to pagefind/;
    a portal's (archive_site/portal.py) has no bundles of its own but {"sites": [site URLs]}.
    text_after: with separate full-text bundles, a query that has at least this many catalogue
    matches searches the full text only once they are all listed (search.js)."""
    out = Path(site) / BUNDLE / MANIFEST
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"records": records, "text": text, **({"sites": sites} if sites else {}),
            **({"text_after": int(text_after)} if text_after and text else {})}
    out.write_text(json.dumps(data), encoding="utf-8")
    return out
