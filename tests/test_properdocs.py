"""An exit path from MkDocs 1.x (README: The platform): ProperDocs, the maintained fork of
MkDocs 1.x, builds the sample site from the same content/, mkdocs.yml, theme/ and hooks
(mkdocs-material and the hooks import `mkdocs.*`, which ProperDocs serves from its own
modules), with --strict, into the same site: every file MkDocs writes, byte for byte, but
the generator <meta> of each page; the same pages in the search index."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def pagefind_pages(site: Path) -> dict[str, int]:
    """Each search bundle and the number of pages it indexes (its file names are content hashes)."""
    bundles = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    out = {}
    for kind in ("records", "text"):
        for b in bundles.get(kind) or []:
            entry = json.loads((site / "pagefind" / b / "pagefind-entry.json").read_text(encoding="utf-8"))
            out[f"{kind}:{b}"] = entry["languages"]["zh"]["page_count"]
    return out


def test_properdocs_builds_the_same_site(built):
    content, site = built
    cfg = yaml.safe_load((content.parent / "mkdocs.yml").read_text(encoding="utf-8"))  # the session build's config
    out = content.parent / "site-properdocs"
    cfg["site_dir"] = str(out)
    config = content.parent / "properdocs.yml"
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    properdocs = Path(sys.executable).with_name("properdocs")
    proc = subprocess.run([str(properdocs), "build", "--strict", "--config-file", str(config)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    ours, theirs = files(site), files(out)
    assert sorted(theirs) == sorted(ours)
    assert len([f for f in ours if f.endswith(".html")]) >= 20
    differ = []
    for name, data in ours.items():
        other = theirs[name]
        if name.endswith(".html"):
            assert b"ProperDocs" in other or b'name="generator"' not in data, name
            data, other = GENERATOR.sub(b"", data), GENERATOR.sub(b"", other)
        if data != other:
            differ.append(name)
    assert not differ, differ
    assert len(pagefind_pages(site)) > 2 and pagefind_pages(out) == pagefind_pages(site)
