"""content/ is committed so reviewers see diffs; it must match sources/."""

from pathlib import Path

from generator.build import build_pages
from generator.load import source_files

ROOT = Path(__file__).resolve().parent.parent


def test_content_matches_sources():
    pages, _issues, _diags, errors = build_pages(source_files(ROOT / "sources"))
    assert not errors
    content = ROOT / "content"
    on_disk = {str(p.relative_to(content)) for p in content.rglob("*.md")}
    assert on_disk == set(pages), "content/ is stale: run `make content`"
    stale = [rel for rel, text in pages.items() if (content / rel).read_text(encoding="utf-8") != text]
    assert not stale, f"content/ is stale for {stale[:5]}: run `make content`"
