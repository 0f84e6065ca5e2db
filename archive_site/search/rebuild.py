"""How a build's search index is finished: a clean build's last shards and the records
(finish_clean), and the index of an incremental build (archive_site/incremental.py): which full-text
shards to index again and how.

The shards are shards.cuts() of the indexed pages in page order, as in a clean build. A
shard is indexed again when its pages are not those of the shard of that name the last
build wrote, or when it holds a page this build renders; the others keep their bundles.
A shard is indexed from its pages as written (a kept page's file in site/, with the hidden
search blocks made from what the manifest kept of its front matter), in page order: the
bundle a clean build writes from the same pages (canonical.py makes both byte for byte the
same). The record bundles are written again when a record changed or the pages did; a
small archive's one bundle of pages and records whenever one of its pages did."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from .. import incremental
from .docs import INDEXED_KINDS, Shown, chars_of, with_hidden
from .service import BUNDLE
from .shards import ShardWriter, cuts, shard_name

log = logging.getLogger("mkdocs.hooks.pagefind")


class Plan:
    def __init__(self, index, files):
        self.index, self._shown, self._chars = index, Shown, chars_of
        cache = incremental.hooks
        settings = index.settings
        self.pages = [(f.src_uri, "/" + f.url, f) for f in files.documentation_pages() if cache.kinds.get(f.src_uri) in INDEXED_KINDS]
        srcs = [src for src, _url, _f in self.pages]
        self.combined = len(self.pages) < settings.text_shard and len(self.pages) <= settings.record_shard
        by_url = {url: src for src, url, _f in self.pages}
        self.chunks = [] if self.combined else [(shard_name(c[0]), [by_url[u] for u in c])
                                                 for c in cuts([u for _s, u, _f in self.pages], settings.text_shard)]
        old = cache.site_files.get("search")
        self.fresh = old is None or old.get("combined") != self.combined or "pages" not in old
        self.old = old or {}
        old_chunks = {} if self.fresh else {name: list(s) for name, s in old["chunks"]}
        touched = cache.dirty
        self.redo = {name for name, s in self.chunks if self.fresh or old_chunks.get(name) != s or any(x in touched for x in s)}
        self.stale = set(old_chunks) - {name for name, _ in self.chunks}
        self.pages_changed = self.fresh or old["pages"] != srcs or (self.combined and any(x in touched for x in srcs))
        self.docs: dict[str, Path] = {}  # src -> the page as indexed (pages rendered in this build)

    def rendered(self, src: str, path: Path) -> None:
        self.docs[src] = path

    def _doc(self, site: Path, src: str, f) -> str:
        if src in self.docs:
            return self.docs[src].read_text(encoding="utf-8")
        kept = incremental.hooks.get(src, "search")
        html = (site / f.dest_uri).read_text(encoding="utf-8")
        return with_hidden(html, self._shown(kept["meta"], kept["title"]))

    def _records_changed(self) -> bool:
        cache = incremental.hooks
        for src, _url, _f in self.pages:
            if src in cache.dirty:
                old = ((cache.old.get(src) or {}).get("data") or {}).get("search")
                if old is None or old["record"] != cache.get(src, "search")["record"]:
                    return True
        return False

    def finish(self, site: Path):
        """Index what changed; -> ((record bundles, text bundles), peak MB)."""
        index, root = self.index, Path(site) / BUNDLE
        index._stop()
        if self.fresh and root.exists():
            shutil.rmtree(root)
        for name in self.stale:
            shutil.rmtree(root / name, ignore_errors=True)
        index.chunks = self.chunks
        old_chars = self.old.get("chars", {})
        kept = [""] if self.combined else [name for name, _ in self.chunks if name not in self.redo]
        index.chars = {name: set(old_chars.get(name, "")) for name in kept}
        urls = {src: url for src, url, _f in self.pages}
        files = {src: f for src, _url, f in self.pages}
        peak = 0.0
        if self.combined:
            if not self.pages_changed:
                return (self.old["records"], []), peak
            self._clear(root, keep=())
            return one_bundle(index, site, ((self._doc(site, src, f), url) for src, url, f in self.pages), len(self.pages))
        text = ShardWriter(site, "text", index.settings.text_shard, cuts=True)
        try:
            for name, srcs in self.chunks:
                if name not in self.redo:
                    continue
                shutil.rmtree(root / name, ignore_errors=True)
                chars = index.chars.setdefault(name, set())
                for src in srcs:
                    doc = self._doc(site, src, files[src])
                    chars |= self._chars(doc)
                    text.add(doc, urls[src])
                text.cut(name)
            text.settle()
        finally:
            text.close()
        peak = text.peak_mb
        if self.pages_changed or self._records_changed() or not self.old.get("records"):
            self._clear(root, keep={name for name, _ in self.chunks})
            records = ShardWriter(site, "records", index.settings.record_shard, primary=True)
            try:
                index._index_records(records)
            finally:
                records.close()
            record_bundles, peak = records.bundles, max(peak, records.peak_mb)
        else:
            record_bundles = self.old["records"]
        return (record_bundles, [name + "/" for name, _ in self.chunks]), peak

    @staticmethod
    def _clear(root: Path, keep) -> None:
        """The primary bundle and the record shards go (the full-text shards in `keep` stay)."""
        if not root.exists():
            return
        for p in root.iterdir():
            if p.name in keep:
                continue
            shutil.rmtree(p) if p.is_dir() else p.unlink()


def one_bundle(index, site: Path, docs, count: int):
    """Everything in one bundle (a small archive): the pages (`docs`: (text, URL), `count` of
    them) and the records go into one service, written as the primary bundle."""
    writer = ShardWriter(site, "pages + records", count + index.settings.record_shard + 1, primary=True)
    chars = set()
    try:
        for doc, url in docs:
            chars |= chars_of(doc)
            writer.add(doc, url)
        index._index_records(writer)
    finally:
        writer.close()
    index.chars = {"": chars}
    return (writer.bundles, []), writer.peak_mb


def finish_clean(self, site: Path):
    """A clean build's last shards and the records."""
    text = self.text
    records_size = self.settings.record_shard
    if not self.separate and len(self.pending) > records_size:
        self._separate()
    if not self.separate:
        # everything fits one bundle (a small archive): the pages and the records go into
        # one service, written as the primary bundle
        return one_bundle(self, site, ((path.read_text(encoding="utf-8"), url) for _src, url, path in self.pending),
                          len(self.pending))
    if self.chunk:
        text.cut(self.chunks[-1][0])
        self.chunk = []
    text.flush()
    records = ShardWriter(site, "records", records_size, primary=True)
    try:
        self._index_records(records)
    finally:
        records.close()
    return (records.bundles, [name + "/" for name, _ in self.chunks]), max(text.peak_mb, records.peak_mb)


def report(self, site: Path, waited: float, bundles, peak: float, t2s_entries: int) -> None:
    size = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
    n = self.indexed
    if self.overlap:
        log.info("pagefind: early render + hand-over %.2f s", self.early_s)
    log.info("pagefind: %d pages in %d full-text bundles, %d records in %d record bundles, indexed %s, "
             "%.2f s after the last page (%.1f s since build start), peak RSS %.0f MB, bundles %.0f KB, t2s %d entries",
             n, len(bundles[1]) or 1, n, len(bundles[0]),
             "beside the build" if self.overlap else "after the build", waited,
             time.perf_counter() - self.started, peak, size / 1024, t2s_entries)
    stats = os.environ.get("JOURNAL_ARCHIVE_SEARCH_STATS")
    if stats:
        Path(stats).write_text(json.dumps({"pages": 2 * n, "tail_s": waited, "peak_mb": peak,
                                           "bundle_bytes": size, "t2s_entries": t2s_entries, "overlap": self.overlap,
                                           "text_bundles": bundles[1], "record_bundles": bundles[0]}),
                               encoding="utf-8")
