"""Search shards (archive_site/search/shards.py, canonical.py): the full-text shards are cut
where a page's URL says (stable when pages come and go elsewhere), each written into the
folder the caller names, and a bundle written twice from the same pages is the same bytes."""

from __future__ import annotations

import threading
from pathlib import Path

from archive_site.search.shards import ShardWriter, cuts


def _doc(n: int, author: str) -> str:
    return (f'<html lang="zh"><head><title></title></head><body><article data-pagefind-body>'
            f'<span data-pagefind-filter="author">{author}</span><span data-pagefind-filter="year">20{n:02d}</span>'
            f'<h1>第{n}篇文章</h1><p>国际问题研究文本{n}</p></article></body></html>')


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_shard_cut_at_its_full_size_goes_into_the_folder_named(tmp_path):
    """A shard of exactly `size` pages (where the size bound and the caller's cut meet) is
    written where the caller says, as any other."""
    writer = ShardWriter(tmp_path, "text", 2, cuts=True)
    try:
        writer.add(_doc(1, "曾向红"), "/a/")
        writer.add(_doc(2, "张宇"), "/b/")
        writer.cut("text-x")
        writer.add(_doc(3, "杨娜"), "/c/")
        writer.cut("text-y")
        writer.flush()
    finally:
        writer.close()
    assert writer.bundles == ["text-x/", "text-y/"]
    assert sorted(p.name for p in (tmp_path / "pagefind").iterdir()) == ["text-x", "text-y"]
    assert all((tmp_path / "pagefind" / name / "pagefind-entry.json").exists() for name in ("text-x", "text-y"))


def test_the_same_pages_give_the_same_bundle(tmp_path):
    """Pagefind lists filters and their values in hash-map order: canonical() makes them one order."""
    names = ["曾向红", "张宇", "杨娜", "查雯", "崔磊", "王雪莹", "翟东升", "沈予加"]
    for run in ("one", "two"):
        writer = ShardWriter(tmp_path / run, "text", 100, cuts=True)
        try:
            for n, name in enumerate(names):
                writer.add(_doc(n, name), f"/p{n}/")
            writer.cut("text-a")
            writer.flush()
        finally:
            writer.close()
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_page_added_changes_one_shard():
    urls = [f"/gjwtyj/{2000 + i // 8}/06/p{i % 8:03d}/" for i in range(400)]
    before = cuts(urls, 40)
    after = cuts(urls[:200] + ["/gjwtyj/1990/06/p001/"] + urls[200:], 40)
    assert all(len(c) <= 40 for c in before + after)
    assert len([c for c in after if c not in before]) <= 2  # the shard it falls into (split in two at most)
    assert len(before) > 5


def test_one_service_at_a_time_when_a_cut_waited_behind_a_write(tmp_path, monkeypatch):
    """The pages that come while a shard is written wait in a list; when a cut is among them,
    its shard is written in turn and the pages after it wait again: never a second Pagefind
    service beside the one being written (each holds up to a shard's pages in memory; two at
    once were seen on the 5,000-article build, bench/README.md). Each fake write waits for
    the test's go, so what runs at once does not depend on timing."""
    from archive_site.search import shards

    gates: list[threading.Event] = []
    live, most, written, go = [0], [0], [], [False]

    class Service:
        def __init__(self):
            self.pid, self.peak_mb, self.urls, self.gate = -1, None, [], threading.Event()
            gates.append(self.gate)
            if go[0]:
                self.gate.set()
            live[0] += 1
            most[0] = max(most[0], live[0])

        def add_html(self, html, url):
            self.urls.append(url)

        def write(self, output, before_close=None):
            self.gate.wait(30)
            written.append((Path(output).name, self.urls))
            self.close()

        def close(self):
            live[0] -= self.gate is not None
            self.gate = None

    monkeypatch.setattr(shards, "PagefindService", Service)
    monkeypatch.setattr(shards, "canonical", lambda out: None)
    monkeypatch.setattr(shards, "prune", lambda out: None)
    writer = ShardWriter(tmp_path, "text", 3, cuts=True)  # 3: at most 3 documents or cuts wait
    try:
        writer.add("a", "/a/")
        writer.add("b", "/b/")
        writer.cut("text-1")  # written by a thread, which waits for gates[0]
        writer.add("c", "/c/")
        writer.cut("text-2")
        writer.add("d", "/d/")  # three waiting: the next one waits for the write
        gates[0].set()
        writer.add("e", "/e/")  # c goes to a new service, text-2 is written (waits for gates[1]) ...
        go[0] = True
        for gate in gates:
            gate.set()
        writer.cut("text-3")
        writer.flush()
    finally:
        go[0] = True
        for gate in gates:
            gate.set()
        writer.close()
    assert written == [("text-1", ["/a/", "/b/"]), ("text-2", ["/c/"]), ("text-3", ["/d/", "/e/"])]
    assert writer.bundles == ["text-1/", "text-2/", "text-3/"]
    assert most[0] == 1  # ... and d waits for it, not in a second service
