"""The incremental site build (archive_site/incremental.py, `python -m archive_site.build`,
make site): after an add, a replace and a remove, the site it updates is the site a clean
build writes, file for file and byte for byte (search bundles included, built in small
shards so that several text and record bundles exist), and it renders only the pages that
changed or read something that changed."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import yaml

from generator import meta as schema
from generator.archive import add, remove
from generator.cache import ConvertCache

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sources").glob("*.txt"))
S003 = ROOT / "sources" / "003_9f707cb2b1b9ba7b.txt"
FIX = ROOT / "tests" / "fixtures" / "references"
SHARDS = {"text_shard": 4, "record_shard": 8}


def _config(root: Path, site: str) -> Path:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(root / "content")
    cfg["site_dir"] = str(root / site)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg["extra"]["search"].update(SHARDS)
    # the OAI static repositories are written at the end from every article's record: a kept
    # page's comes from the manifest
    cfg["extra"]["scholarly"]["oai"] = {"gateway": "https://gateway.example.org/oai", "admin_email": "oai@example.org"}
    for style in cfg["extra"]["scholarly"]["citation_styles"]:
        if style["csl"].endswith(".csl"):
            style["csl"] = str(ROOT / style["csl"])
    path = root / f"mkdocs-{site}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(root: Path, site: str, clean: bool = False) -> str:
    # the clean build indexes the pages as MkDocs converts them (the early render), the
    # incremental one as written: the same bundles
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNAL_ARCHIVE_SEARCH_OVERLAP": "1" if clean else "0"}
    proc = subprocess.run([sys.executable, "-m", "archive_site.build", "--config-file", str(_config(root, site)),
                           *(["--clean"] if clean else [])], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def same_site(root: Path) -> str:
    """Update site/ incrementally and build clean/ from scratch: the same files."""
    log = build(root, "site")
    shutil.rmtree(root / "clean", ignore_errors=True)
    build(root, "clean", clean=True)
    got, want = files_of(root / "site"), files_of(root / "clean")
    assert sorted(got) == sorted(want), (sorted(set(got) - set(want))[:10], sorted(set(want) - set(got))[:10])
    differ = [name for name in want if got[name] != want[name]]
    assert not differ, differ[:10]
    bundles = json.loads(got["pagefind/bundles.json"])
    for rel in [*bundles["records"], *bundles["text"]]:  # every bundle listed is there
        assert f"pagefind/{rel.removeprefix('./')}pagefind-entry.json" in got, rel
    return log


def rendered(log: str) -> tuple[int, int]:
    m = re.search(r"incremental: (\d+) of (\d+) pages to render", log)
    assert m, log[-2000:]
    return int(m.group(1)), int(m.group(2))


def test_incremental_and_clean_builds_write_the_same_site(arch, tmp_path):
    cache = ConvertCache(arch / ".cache" / "convert")

    def adding(*files, replace=False):
        add(list(files), arch / "sources", arch / "content", replace=replace, cache=cache)

    adding(S003, SAMPLES[0])
    adding(FIX / "cites_sample.txt")
    log = build(arch, "site")
    assert "clean build" in log
    assert rendered(same_site(arch))[0] == 0  # nothing changed: nothing rendered
    adding(FIX / "older_issue.txt")  # cited by the sample's p022: p022 changes, and the indexes
    done, total = rendered(same_site(arch))
    assert 0 < done < total
    changed = tmp_path / "changed.txt"
    changed.write_text(S003.read_text(encoding="utf-8").replace("相互成就", "携手共进"), encoding="utf-8")
    adding(changed, replace=True)  # a title: the pages citing it, the indexes, the neighbours' pagers
    same_site(arch)
    remove("gjwtyj/2022-03", arch / "sources", arch / "content", cache=cache)  # its pages' files go
    done, total = rendered(same_site(arch))
    assert not list((arch / "site" / "gjwtyj" / "2022").rglob("*"))
    adding(SAMPLES[1])  # 当代美国评论: a journal of one article
    same_site(arch)
    assert (arch / "site" / "oai" / "ddmgpl.xml").is_file()
    gone = [p.relative_to(arch / "sources").with_suffix("").as_posix() for p in (arch / "sources" / "ddmgpl").rglob("*.txt")]
    remove(gone[0], arch / "sources", arch / "content", cache=cache)  # the journal's only source: its OAI file goes
    same_site(arch)
    assert not (arch / "site" / "oai" / "ddmgpl.xml").exists()



def _strings(value) -> set[str]:
    """Every string in a structure of dicts, lists and tuples."""
    out, todo = set(), [value]
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            todo += [*v.keys(), *v.values()]
        elif isinstance(v, (list, tuple, set)):
            todo += list(v)
    return out


def test_what_the_build_keeps_of_an_article_to_its_end_is_small(arch):
    """The manifest (every page's record, kept in the build's process to its end and pickled)
    holds an article's library record (OAI, Crossref, DOAJ: harvest.py) packed. As objects
    it held the parsed references of every article to the end of the build: 530 MB at 5,000
    articles (bench/README.md, the clean build's peak memory)."""
    add([S003], arch / "sources", arch / "content", cache=ConvertCache(arch / ".cache" / "convert"))
    build(arch, "site")
    saved = pickle.loads(next((arch / ".cache" / "site-build").glob("*.pickle")).read_bytes())
    checked = 0
    for src, kept in saved["pages"].items():
        refs = schema.parse((arch / "content" / src).read_text(encoding="utf-8")).get("references")
        if (kept.get("keep") or {}).get("kind") != "article" or not refs:
            continue
        held = _strings(kept)
        assert not [r["raw"] for r in refs if r["raw"] in held], src  # not the references as objects
        packed = kept["data"]["harvest"]  # but packed, for the next build's OAI, Crossref and DOAJ files
        assert json.loads(zlib.decompress(packed))["meta"]["references"] == json.loads(json.dumps(refs, default=str))
        checked += 1
    assert checked >= 5

# make serve's loop (archive_site/serve.py): its `generator build --again` process, then a preview
# build in this one; argv: config, sources, content, then steps "old=new" (a word of the sample
# issue) or "-name" (a source removed). Files count as settled at once (unchanged.RACY_NS, here
# and in the converter's process: sitecustomize), so the memos of the index, the sources and the
# pages' hashes serve every step: an edit keeps the size.
SERVE_LOOP = r'''
import sys
from pathlib import Path
import generator.unchanged
from archive_site import build, incremental, preview
from archive_site.serve import Converter
generator.unchanged.RACY_NS = -1
config, sources, content, *steps = sys.argv[1:]
converter = Converter(sources, content)
manifest = None
for step in ["", *steps]:
    if step.startswith("-"):
        (Path(sources) / step[1:]).unlink()
    elif step:
        old, new = step.split("=")
        source = next(Path(sources).rglob("2025-06.txt"))
        source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert converter.build() == 0
    assert build.main(["--config-file", config], preview=True) == 0
    manifest = incremental.hooks.path
    assert not manifest.exists() and preview.deferred.later  # the site-wide work waits
    if step and not step.startswith("-"):
        page = Path(config).parent / "site" / "gjwtyj" / "2025" / "06" / "p022" / "index.html"
        assert new in page.read_text(encoding="utf-8"), step  # shown before it
    assert build.finish() == 0 and manifest.exists()  # over size_limit: said, not failed
converter.close()
print("steps done")
'''


def test_make_serve_previews_then_writes_the_site_a_clean_build_writes(arch):
    cache = ConvertCache(arch / ".cache" / "convert")
    add([S003], arch / "sources", arch / "content", cache=cache)
    add([FIX / "cites_sample.txt"], arch / "sources", arch / "content", cache=cache)
    cites = next(p for p in (arch / "sources").rglob("*.txt") if "2025-06" not in p.name)
    racy = arch / "racy"  # the converter's process too counts files as settled at once
    racy.mkdir()
    (racy / "sitecustomize.py").write_text("import generator.unchanged\ngenerator.unchanged.RACY_NS = -1\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNAL_ARCHIVE_CACHE": str(arch / ".cache" / "convert"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(racy), os.environ.get("PYTHONPATH")]))}
    config = _config(arch, "site")
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg["extra"]["size_limit"] = 1  # MB: the preview's site is over it
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", SERVE_LOOP, str(config), str(arch / "sources"),
                           str(arch / "content"), "促进欧亚地区=推动欧亚地区", "相互成就=携手共进",
                           "-" + cites.relative_to(arch / "sources").as_posix()],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and "steps done" in proc.stdout, proc.stderr[-3000:]
    assert len(re.findall(r"incremental: \d+ of \d+ pages to render", proc.stderr)) == 3  # none clean
    assert proc.stderr.count("over extra.size_limit") == 4 and "make serve only says it" in proc.stderr
    build(arch, "clean", clean=True)
    got, want = files_of(arch / "site"), files_of(arch / "clean")
    assert sorted(got) == sorted(want), (sorted(set(got) - set(want))[:10], sorted(set(want) - set(got))[:10])
    assert [name for name in want if got[name] != want[name]] == []
