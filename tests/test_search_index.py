"""Pagefind search index of the sample site (archive_site/search/: pagefind.py, docs.py, browser.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser.sitebuild import ROOT, build_site
from archive_site.search.docs import pagefind_block, record_doc, simplified_runs
from generator.cjk import t2s_pairs, t2s_table


@pytest.fixture(scope="module")
def built():
    return build_site()


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}


def html_of(site: Path, content: Path, md: Path) -> Path:
    rel = md.relative_to(content).as_posix()
    return site / (rel[: -len("index.md")] if md.name == "index.md" else rel[:-3] + "/") / "index.html"


def test_lunr_search_is_off(built):
    """Material's lunr search (which MkDocs adds when `plugins` is absent) is not built: its
    index is nowhere in the site (the Pagefind bundle: test_bundle_written; no page asks for
    the index: tests/browser/test_search.py)."""
    _, site = built
    assert not list(site.rglob("search_index.json")) and not (site / "search").exists()


def test_bundle_written(built):
    _, site = built
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert (site / "pagefind" / "pagefind.js").exists()
    assert (site / "pagefind" / "search.json").exists()
    assert not (site / "search" / "search_index.json").exists()


def test_only_articles_and_documents_indexed(built):
    content, site = built
    expected = 0
    for md in sorted(content.rglob("*.md")):
        kind = front(md).get("kind")
        page = html_of(site, content, md)
        text = page.read_text(encoding="utf-8")
        indexed = "data-pagefind-body" in text
        assert indexed == (kind in ("article", "document")), md
        expected += indexed
    counts = {kind: sum(_entry(site, b)["languages"]["zh"]["page_count"] for b in paths)
              for kind, paths in _manifest(site).items() if kind in ("records", "text")}
    assert counts == {"records": expected, "text": expected}  # each page and its catalogue record


def _manifest(site: Path) -> dict:
    return json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))


def _entry(site: Path, bundle: str) -> dict:
    return json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_index_is_sharded(built):
    """The test site is built with small shards (browser/sitebuild.py SHARDS): the pages
    are in several full-text bundles and the records in several record bundles, none
    larger than its shard size; the primary bundle is the first record shard, the others
    keep only their index (they are searched with the primary's wasm)."""
    from browser.sitebuild import SHARDS

    _, site = built
    bundles = _manifest(site)
    assert bundles["records"][0] == "./" and len(bundles["records"]) >= 2 and len(bundles["text"]) >= 2
    assert bundles["text_after"] == 10  # pagefind.TEXT_AFTER: sitebuild.SHARDS leaves it at its default
    for kind, size in (("records", SHARDS["record_shard"]), ("text", SHARDS["text_shard"])):
        for b in bundles[kind]:
            assert 0 < _entry(site, b)["languages"]["zh"]["page_count"] <= size, (kind, b)
            if b != "./":
                assert not list((site / "pagefind" / b).glob("*.js")) and not list((site / "pagefind" / b).glob("wasm.*"))
    assert (site / "pagefind" / "pagefind.js").exists() and list((site / "pagefind").glob("wasm.*"))


def test_each_article_has_its_catalogue_record(built):
    """Beside its page (scope text), every indexed article is in the bundle as a record
    (scope record, at URL#ja-record) holding its titles, authors, keywords and abstract
    (what search.js lists first), and nothing of the body."""
    content, site = built
    frags = _fragments(site)
    n = 0
    for md in sorted(content.rglob("*.md")):
        m = front(md)
        if m.get("kind") not in ("article", "document"):
            continue
        url = "/" + md.relative_to(content).as_posix()[:-3] + "/"
        page, record = frags[url], frags[url + "#ja-record"]
        assert page["filters"]["scope"] == ["text"] and record["filters"]["scope"] == ["record"], url
        assert record["meta"]["title"] == page["meta"]["title"] == m["title"]
        assert record["filters"].get("author") == page["filters"].get("author")
        text = record["content"].replace("\u200b", "")
        for part in [m["title"], *(a["name"] for a in m.get("authors") or []), *(m.get("keywords") or [])]:
            assert part.replace(" ", "") in text.replace(" ", ""), (url, part)
        if m.get("abstract"):
            assert m["abstract"][:40].replace(" ", "") in text.replace(" ", "")
        assert len(record["content"]) < len(page["content"]) / 3, url  # the record, not the article
        n += 1
    assert n and len(frags) == 2 * n


def test_article_metadata_and_filters(built):
    content, site = built
    md = content / "gjwtyj" / "2025" / "06" / "p022.md"
    m = front(md)
    soup = BeautifulSoup(html_of(site, content, md).read_text(encoding="utf-8"), "html.parser")
    body = soup.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].name == "article"
    # navigation, header, footer and the search box are outside the indexed element
    for chrome in soup.select("header.md-header, nav.md-nav, footer, .md-tabs, [data-ja-search]"):
        assert body[0] not in chrome.parents and chrome not in body[0].descendants
    # the metadata and filters are in the indexed copy (pagefind.with_hidden), not on the page
    assert not body[0].select("[data-pagefind-meta], [data-pagefind-filter]")
    frag = _fragments(site)["/gjwtyj/2025/06/p022/"]
    metas = frag["meta"]
    assert metas["title"] == m["title"]
    assert metas["authors"] == "、".join(a["name"] for a in m["authors"])
    assert metas["journal"] == m["journal"] and metas["year"] == str(m["year"]) and metas["issue"] == str(m["issue"])
    filters = [(k, v) for k, vs in frag["filters"].items() for v in vs]
    assert ("journal", m["journal"]) in filters and ("year", str(m["year"])) in filters
    assert ("section", m["section"]) in filters
    assert {v for k, v in filters if k == "author"} == {a["name"] for a in m["authors"]}
    assert body[0].select_one(".ja-authors")["data-pagefind-weight"]


def test_pagefind_block_escapes():
    block = pagefind_block({"title": 'A <b> & "q"', "authors": [{"name": "甲"}, {"name": None}]}, "")
    assert "&lt;b&gt; &amp; &quot;q&quot;" in block
    assert block.count('data-pagefind-filter="author"') == 1
    record = record_doc({"title": "T<", "authors": [{"name": "甲", "name_en": "JIA"}], "keywords": ["k&"],
                         "abstract": "摘<要>", "abstract_en": "The English abstract"}, "")
    assert "T&lt;" in record and "甲 JIA" in record and "k&amp;" in record and "摘&lt;要&gt;" in record
    assert "English abstract" not in record  # searched in the page's full text (record_doc)
    assert '<span data-pagefind-filter="scope">record</span>' in record and "<script" not in record


def test_t2s_table(built):
    _, site = built
    pairs = dict(t2s_pairs())
    assert pairs["國"] == "国" and pairs["際"] == "际" and pairs["關"] == "关"
    data = json.loads((site / "pagefind" / "search.json").read_text(encoding="utf-8"))
    table = data["t2s"]
    mapping = dict(zip(table[0::2], table[1::2]))
    assert mapping["國"] == "国" and mapping["際"] == "际"
    # only characters the indexed text uses: far smaller than OpenCC's full table
    assert len(mapping) < len(pairs) and len(mapping) == len(t2s_table({s for s in mapping.values()}))


def _fragments(site: Path) -> dict:
    import gzip

    out = {}
    manifest = _manifest(site)
    bundles = [b for key in ("records", "text") for b in manifest[key]]
    for f in (p for b in bundles for p in (site / "pagefind" / b / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(f.read_bytes())
        frag = json.loads(raw[raw.index(b"{"):])
        out[frag["url"]] = frag
    return out


def test_indexing_beside_the_build_matches_indexing_after_it(built, tmp_path):
    """JOURNAL_ARCHIVE_SEARCH_OVERLAP=1 (Pagefind's service fed from on_page_content with
    the article block rendered early) indexes exactly what the CLI finds in the written pages."""
    import os
    import subprocess
    import sys

    content, _ = built
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(content)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg.setdefault("extra", {}).setdefault("scholarly", {})["cache"] = False
    frags = {}
    for mode in ("0", "1"):
        cfg["site_dir"] = str(tmp_path / f"site{mode}")
        cfg_file = tmp_path / f"mkdocs{mode}.yml"
        cfg_file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
        env = {**os.environ, "JOURNAL_ARCHIVE_SEARCH_OVERLAP": mode, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(cfg_file)],
                       cwd=ROOT, check=True, capture_output=True, env=env)
        frags[mode] = _fragments(tmp_path / f"site{mode}")
    assert frags["0"] and frags["0"] == frags["1"]


def test_overlap_follows_the_idle_cores_not_the_load_average(monkeypatch):
    """auto: index beside the build only when about two cores are idle right now
    (sampled from /proc/stat); JOURNAL_ARCHIVE_SEARCH_OVERLAP=0/1 overrides."""
    from archive_site.search import service

    monkeypatch.delenv("JOURNAL_ARCHIVE_SEARCH_OVERLAP", raising=False)
    monkeypatch.setattr(service, "idle_cpus", lambda: 2.0)
    assert service.overlap() is True
    monkeypatch.setattr(service, "idle_cpus", lambda: 1.0)  # one core busy: MkDocs and Pagefind would take turns
    assert service.overlap() is False
    monkeypatch.setenv("JOURNAL_ARCHIVE_SEARCH_OVERLAP", "1")
    assert service.overlap() is True
    monkeypatch.setenv("JOURNAL_ARCHIVE_SEARCH_OVERLAP", "0")
    monkeypatch.setattr(service, "idle_cpus", lambda: 2.0)
    assert service.overlap() is False


def test_idle_cpus_reads_two_samples_of_proc_stat(monkeypatch):
    """The idle share between two readings of /proc/stat's first line (idle + iowait over
    the total without guest time), in CPUs: fed two readings written here, on any machine."""
    import types

    from archive_site.search.service import idle_cpus

    readings = iter([
        "cpu  1000 0 500 8000 500 0 0 0 0 0\ncpu0 ...\n",
        # 400 ticks later: user +150, system +50, idle +180, iowait +20: 200 of 400 idle
        "cpu  1150 0 550 8180 520 0 0 0 77 0\ncpu0 ...\n",
    ])
    read = []

    def fake_path(name):
        read.append(name)
        return types.SimpleNamespace(read_text=lambda: next(readings))

    g = idle_cpus.__globals__
    monkeypatch.setitem(g, "Path", fake_path)
    monkeypatch.setattr(g["time"], "sleep", lambda s: None)
    monkeypatch.setattr(g["os"], "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(g["os"], "cpu_count", lambda: 4)
    assert idle_cpus(0.3) == 2.0  # 4 CPUs x 200/400
    assert read == ["/proc/stat", "/proc/stat"]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/stat is Linux's")
def test_idle_cpus_sees_a_busy_core():
    """The sample reflects the machine now: with this process spinning on one core,
    at most (cores - 1) plus noise can be idle."""
    import os
    import threading
    import time

    from archive_site.search.service import idle_cpus

    assert os.path.exists("/proc/stat")
    cpus = len(os.sched_getaffinity(0))
    stop = time.monotonic() + 1.0
    result, spinning = {}, threading.Event()

    def spin():
        spinning.set()
        while time.monotonic() < stop:
            pass

    t = threading.Thread(target=spin)
    t.start()
    assert spinning.wait(5)
    result["idle"] = idle_cpus(0.3)
    t.join()
    assert result["idle"] is not None and 0 <= result["idle"] <= cpus - 0.6


def test_simplified_runs():
    assert simplified_runs("见《國際關係》第3期，国际组织；一任未滿便") == ["国际关系", "一任未满便"]
    assert simplified_runs("全是简体的国际组织") == [] and simplified_runs("") == []
    assert simplified_runs("國際 國際 国际") == ["国际"]  # each run once


def test_traditional_passages_indexed_in_simplified(built):
    """p134's indexed text holds the simplified form of its traditional passages (its hidden
    terms section), which the written page goes without."""
    _, site = built
    page = (site / "gjwtyj/2025/06/p134/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in page and "ja-pagefind-grams" not in page and "ja-pagefind-meta" not in page
    indexed = _fragments(site)["/gjwtyj/2025/06/p134/"]["content"].replace("\u200b", "")  # Pagefind's word breaks
    assert "一任未满便遭政党轮替" in indexed and "对中" in indexed


def test_early_render_lists_the_documentation_pages_once(monkeypatch):
    """The early render for Pagefind passes MkDocs's get_context the documentation pages as
    a list made once per build: given the Files, get_context lists them again for every page
    (10 ms a page on a 10,000-article archive: the build was quadratic in the archive)."""
    from mkdocs.structure.files import File, Files

    from archive_site.search.pagefind import PagefindIndex

    files = Files([File(f"j/{i}.md", "/docs", "/site", True) for i in range(3)] + [File("j/a.css", "/docs", "/site", True)])
    calls = []
    real = Files.documentation_pages
    monkeypatch.setattr(Files, "documentation_pages", lambda self, **kw: calls.append(1) or real(self, **kw))
    index = PagefindIndex()
    index.on_nav("nav", {}, files)
    listed = index.pages
    assert isinstance(listed, list) and [f.src_uri for f in listed] == ["j/0.md", "j/1.md", "j/2.md"]
    assert len(calls) == 1
