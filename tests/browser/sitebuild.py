"""Build the site once per test session from the sample sources:
sources/ -> <tmp>/content (generator build) -> <tmp>/site (mkdocs build --strict),
with a copy of mkdocs.yml whose paths point into the repository and the tmp dir, and
small search shards (SHARDS: several full-text and record bundles), so that every search
test runs over merged bundles, as on a large archive."""

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


@lru_cache(maxsize=1)
def build_site() -> tuple[Path, Path]:
    """-> (content dir, site dir). Raises CalledProcessError (with output) on failure."""
    tmp = Path(tempfile.mkdtemp(prefix="ja-site-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    content, site = tmp / "content", tmp / "site"
    subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(ROOT / "sources"), "--content", str(content)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(content)
    cfg["site_dir"] = str(site)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg.setdefault("extra", {})["search"] = dict(SHARDS)
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cmd = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    proc = subprocess.run([*cmd, "build", "--strict", "--config-file", str(tmp / "mkdocs.yml")], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return content, site
