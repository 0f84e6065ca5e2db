"""Build the site once per test session from the sample sources and a test-only issue:
sources/ + tests/browser/sources/ -> <tmp>/content (generator build) -> <tmp>/site (mkdocs build --strict),
with a copy of mkdocs.yml whose paths point into the repository and the tmp dir, and
small search shards (SHARDS: several full-text and record bundles), so that every search
test runs over merged bundles, as on a large archive.

tests/browser/sources/ (EXTRA) holds a synthetic whole issue the samples lack, for what a
reader must see on it: 国际问题研究 2025 年第 5 期, whose notes prove every printed page
(page anchors, the page list, citing a page, search results saying the page), whose table
of contents spells an author otherwise than the byline (林向扬 / 林向阳), and which comes
before the sample's 2025 年第 6 期 (prev/next across issues)."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARDS = {"text_shard": 4, "record_shard": 8}
EXTRA = ROOT / "tests" / "browser" / "sources"


@lru_cache(maxsize=1)
def build_site() -> tuple[Path, Path]:
    """-> (content dir, site dir). Raises CalledProcessError (with output) on failure."""
    return _build(extra=True)


@lru_cache(maxsize=4)
def build_journal_site(journal: str, sharded: bool = False) -> tuple[Path, Path]:
    """One journal's own site, as `make site JOURNAL=<slug>` builds it: `generator build
    --journal` into its own content folder, which the hooks take as docs_dir from
    JOURNAL_ARCHIVE_CONTENT (the config file still says content/). Default shard sizes
    (the pages and records fit one bundle, as on a small site) unless `sharded` (SHARDS)."""
    return _build(journal, sharded=sharded)


@lru_cache(maxsize=1)
def build_portal(sites: tuple[tuple[str, str], ...]) -> tuple[Path, Path]:
    """The portal over per-journal sites ((slug, URL), ...), as `make portal` builds it."""
    return _build(portal=sites)


def _build(journal: str | None = None, portal: tuple = (), sharded: bool = True, extra: bool = False) -> tuple[Path, Path]:
    import os

    tmp = Path(tempfile.mkdtemp(prefix="ja-site-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    content, site = tmp / "content", tmp / "site"
    sources = ROOT / "sources"
    if extra:  # the samples and the test-only issue, side by side
        sources = tmp / "sources"
        shutil.copytree(ROOT / "sources", sources)
        for f in sorted(EXTRA.glob("*.txt")):
            shutil.copyfile(f, sources / f.name)
    if portal:
        subprocess.run([sys.executable, "-m", "archive_site.portal", "--content", str(content), *(f"{s}={u}" for s, u in portal)],
                       cwd=ROOT, check=True, capture_output=True, text=True)
        journal = "portal"
    else:
        subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources), "--content", str(content),
                        *(["--journal", journal] if journal else [])], cwd=ROOT, check=True, capture_output=True, text=True)
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(ROOT / "content") if journal else str(content)
    cfg["site_dir"] = str(site)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    if sharded:
        cfg.setdefault("extra", {})["search"] = dict(SHARDS)
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cmd = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    env = {**os.environ, **({"JOURNAL_ARCHIVE_CONTENT": str(content)} if journal else {})}
    proc = subprocess.run([*cmd, "build", "--strict", "--config-file", str(tmp / "mkdocs.yml")], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    if proc.returncode:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return content, site
