"""add, remove and build plan a change from the pages it touches (generator/archive/plan.py
Changes, generator/archive/index.py): the same writes, deletions, report and content/ as a
plan that renders the whole archive (the one made when content/.state.json is missing).

The archive goes through adds, a replace that breaks a citation link, removals and a
source edited by hand; the fixtures of tests/fixtures/references/ cite the sample issue
(cites_sample.txt: links, 同上, 繁体), are cited by it (older_issue.txt: the sample's p022
note 33), or cite it wrongly (unresolved.txt, ambiguous.txt), so cited_by, related, the
notes' links and the REF_* warnings change with each step."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


from generator.archive import add, rebuild, remove
from generator.archive.index import STATE, ArchiveIndex
from generator.build import build_pages
from generator.cache import ConvertCache
from generator.load import source_files
from generator.plan import World, corpus_pages, lay_out, render_pages

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "sources").glob("*.txt"))
S003 = REPO / "sources" / "003_9f707cb2b1b9ba7b.txt"
FIX = REPO / "tests" / "fixtures" / "references"
STAMP = re.compile(r"\d{8}T\d+Z")


def _cache(arch: Path) -> ConvertCache:
    return ConvertCache(arch / ".cache" / "convert")


def content_of(arch: Path) -> dict[str, str]:
    return {p.relative_to(arch / "content").as_posix(): p.read_text(encoding="utf-8") for p in (arch / "content").rglob("*.md")}


def full_build(arch: Path) -> dict[str, str]:
    pages, _issues, _diags, errors = build_pages(source_files(arch / "sources"), _cache(arch))
    assert not errors
    return pages


def both_ways(arch: Path, change):
    """Plan `change(dry_run)` as a full render does (without content/.state.json) and from the
    pages it touches: the same pages written and deleted, the same report. Then make it:
    content/ is what a full build of sources/ gives."""
    state = arch / "content" / STATE
    kept = state.read_bytes() if state.exists() else None
    state.unlink(missing_ok=True)
    full, full_text = change(True)
    if kept is not None:
        state.write_bytes(kept)
    touched, text = change(True)
    assert touched.writes == full.writes
    assert touched.deletes == full.deletes and touched.new_pages == full.new_pages
    assert STAMP.sub("T", text) == STAMP.sub("T", full_text)  # .replaced/ names carry the time
    plan, _text = change(False)
    assert plan.writes == touched.writes and plan.deletes == touched.deletes
    assert content_of(arch) == full_build(arch)
    return plan


def test_changes_touch_the_pages_a_full_render_changes(arch, tmp_path):
    cache = _cache(arch)

    def adding(*files, replace=False):
        return lambda dry: add(list(files), arch / "sources", arch / "content", replace=replace, dry_run=dry, cache=cache)

    def removing(key):
        return lambda dry: remove(key, arch / "sources", arch / "content", dry_run=dry, cache=cache)

    both_ways(arch, adding(S003))
    plan = both_ways(arch, adding(FIX / "cites_sample.txt"))  # cites p022 and p001 of 2025-06: their cited_by
    assert "gjwtyj/2025/06/p022.md" in plan.writes and "gjwtyj/2025/06/p001.md" in plan.writes
    plan = both_ways(arch, adding(FIX / "older_issue.txt"))  # cited by p022's note 33: p022 gains a link
    assert "gjwtyj/2025/06/p022.md" in plan.writes
    both_ways(arch, adding(FIX / "unresolved.txt"))
    both_ways(arch, adding(SAMPLES[0], SAMPLES[1]))
    # the cited title changes: the link from cites_sample breaks (REF_UNRESOLVED), cited_by goes
    changed = tmp_path / "changed.txt"
    changed.write_text(S003.read_text(encoding="utf-8").replace("相互成就", "携手共进"),
                       encoding="utf-8")
    plan = both_ways(arch, adding(changed, replace=True))
    assert "gjwtyj/2026/01/p001.md" in plan.writes
    assert any(d.code == "REF_UNRESOLVED" for _r, d in plan.diagnostics)
    both_ways(arch, removing("gjwtyj/2022-03"))
    plan = both_ways(arch, removing("gjwtyj/2025-06"))
    assert "gjwtyj/2026/01/p001.md" in plan.writes and "gjwtyj/2025/06/p022.md" in plan.deletes


def test_build_renders_what_changed_in_sources(arch):
    cache = _cache(arch)
    for f in (S003, FIX / "cites_sample.txt"):
        add([f], arch / "sources", arch / "content", cache=cache)
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert plan is None and not errors  # nothing changed
    # a source put in by hand, and one taken out by hand
    shutil.copy(FIX / "older_issue.txt", arch / "sources" / "older.txt")
    cited = next((arch / "sources").rglob("2026-01.txt"))
    cited.unlink()
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert plan is not None and not errors
    assert "gjwtyj/2025/06/p022.md" in plan.writes and "gjwtyj/2026/01/p001.md" in plan.deletes
    assert content_of(arch) == full_build(arch)
    # content/ from elsewhere (no state): rendered whole, the same
    (arch / "content" / STATE).unlink()
    (arch / "content" / "gjwtyj" / "2025" / "06" / "p022.md").write_text("stale\n", encoding="utf-8")
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert plan is not None and (arch / "content" / STATE).exists()
    assert content_of(arch) == full_build(arch)


def test_an_unchanged_source_is_laid_out_once(arch):
    cache = _cache(arch)
    add([S003], arch / "sources", arch / "content", cache=cache)
    index = ArchiveIndex(arch / "sources", cache)
    index.scan()
    assert index.laid_out == 0  # read back from .cache/archive-index.pickle


def test_the_corpus_pages_read_nothing_the_corpus_metas_leave_out():
    """The corpus pages rendered from every page's whole front matter and from the archive
    index's view of it (plan.CORPUS_SKIPS left out) are the same."""
    from generator.load import convert_bytes

    issues = [convert_bytes(p.read_bytes(), p.name) for p in [*SAMPLES, *sorted(FIX.glob("*.txt"))]]
    _pages, metas, _diags = render_pages(issues)
    world = World([lay_out(i) for i in issues])
    assert corpus_pages(metas) == corpus_pages(world.corpus_metas())


def test_a_body_edit_renders_no_corpus_page(arch, monkeypatch):
    """A change that leaves every front matter the corpus pages read as it was (a word of an
    article's body) writes the article's page and renders no corpus page (home, archives,
    indexes: seconds on a large archive); a corpus page missing from content/ is written again."""
    import generator.archive.plan as archive_plan

    cache = _cache(arch)
    add([S003], arch / "sources", arch / "content", cache=cache)
    source = next((arch / "sources").rglob("2025-06.txt"))
    rendered = []
    real = archive_plan.corpus_pages
    monkeypatch.setattr(archive_plan, "corpus_pages", lambda metas: rendered.append(1) or real(metas))

    source.write_text(source.read_text(encoding="utf-8").replace("促进欧亚地区", "推动欧亚地区"), encoding="utf-8")
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert not errors and plan is not None and rendered == []
    assert sorted(p for p in plan.writes if p.endswith(".md")) == ["gjwtyj/2025/06/p022.md"]
    assert content_of(arch) == full_build(arch)

    (arch / "content" / "authors" / "index.md").unlink()
    source.write_text(source.read_text(encoding="utf-8").replace("推动欧亚地区", "促进欧亚地区"), encoding="utf-8")
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert not errors and rendered == [1] and "authors/index.md" in plan.writes
    assert content_of(arch) == full_build(arch)

    # a title changes what the corpus pages show: rendered, and written where they differ
    source.write_text(source.read_text(encoding="utf-8").replace("相互成就", "携手共进"), encoding="utf-8")
    plan, _built, _diags, errors = rebuild(arch / "sources", arch / "content", cache)
    assert not errors and rendered == [1, 1] and "keywords/index.md" in plan.writes
    assert content_of(arch) == full_build(arch)


def test_one_process_reads_the_index_and_each_unchanged_source_once(arch, monkeypatch):
    """make serve rebuilds in one process: the index is unpickled only when the file is not the
    one this process last read or wrote, and a source is read only when its status changed
    (generator/unchanged.py); an edit that keeps the file's size is still seen."""
    import pickle

    import generator.archive.index as archive_index
    import generator.unchanged as unchanged

    monkeypatch.setattr(unchanged, "RACY_NS", -1)  # the files here were all written just now
    cache = _cache(arch)
    add([S003], arch / "sources", arch / "content", cache=cache)
    add([FIX / "cites_sample.txt"], arch / "sources", arch / "content", cache=cache)
    loads, read = [], []
    real_loads = pickle.loads

    def counted(data):
        out = real_loads(data)
        if isinstance(out, dict) and "entries" in out:  # the index (the convert cache is unpickled too)
            loads.append(1)
        return out

    monkeypatch.setattr(archive_index.pickle, "loads", counted)
    real_entry = ArchiveIndex.entry
    monkeypatch.setattr(ArchiveIndex, "entry", lambda self, data, name, rel=None: read.append(rel) or real_entry(self, data, name, rel))

    assert rebuild(arch / "sources", arch / "content", cache)[0] is None
    read.clear()
    assert rebuild(arch / "sources", arch / "content", cache)[0] is None
    assert loads == [] and read == []  # the adds wrote the index; the sources were read before

    source = next((arch / "sources").rglob("2025-06.txt"))
    text = source.read_text(encoding="utf-8")
    assert len("推动".encode()) == len("促进".encode())
    source.write_text(text.replace("促进欧亚地区", "推动欧亚地区"), encoding="utf-8")
    read.clear()
    plan = rebuild(arch / "sources", arch / "content", cache)[0]
    assert read == ["gjwtyj/2025-06.txt"] and "gjwtyj/2025/06/p022.md" in plan.writes
    assert content_of(arch) == full_build(arch)

    index = arch / ".cache" / "archive-index.pickle"  # another process wrote the index: read again
    index.write_bytes(index.read_bytes())
    assert rebuild(arch / "sources", arch / "content", cache)[0] is None and loads == [1]


def test_build_again_builds_once_per_line_and_says_each_exit_code(arch):
    """`generator build --again` (make serve's converter): a build at once, then one per line read;
    each build's exit code is one line on stdout, everything else on stderr; a source made
    unreadable fails that build, not the process, and the next build sees it mended."""
    import os
    import subprocess
    import sys

    cache = _cache(arch)
    add([S003], arch / "sources", arch / "content", cache=cache)
    source = next((arch / "sources").rglob("2025-06.txt"))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--sources", str(arch / "sources"),
                             "--content", str(arch / "content"), "--again"], cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "JOURNAL_ARCHIVE_CACHE": str(arch / ".cache" / "convert")})
    codes = [proc.stdout.readline()]
    good = source.read_bytes()
    source.write_bytes(b"\x00\x01binary\xff" * 10)
    proc.stdin.write("\n")
    proc.stdin.flush()
    codes.append(proc.stdout.readline())
    source.write_bytes(good.replace("促进欧亚地区".encode(), "推动欧亚地区".encode()))
    proc.stdin.write("\n")
    proc.stdin.flush()
    codes.append(proc.stdout.readline())
    out, err = proc.communicate("", timeout=120)
    assert codes == ["0\n", "1\n", "0\n"] and out == "" and proc.returncode == 0, err
    assert "2025-06.txt" in err and "推动欧亚地区" in (arch / "content" / "gjwtyj" / "2025" / "06" / "p022.md").read_text(encoding="utf-8")
