"""archive_site/pages/spool.py: pages keep only what other pages need between MkDocs's two
passes, and MkDocs's anchor checks still catch every broken link."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from archive_site.pages.spool import AnchorIds

ROOT = Path(__file__).resolve().parent.parent

A = """# Page A

## Notes here

Text[^1] and [own](#notes-here), [gone](#nowhere), [there](b.md#b-section), [not there](b.md#missing).

[^1]: A note.
"""
B = "# Page B\n\n## B section\n\nBack to [a](a.md#page-a).\n"


def _site(tmp_path: Path, a: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(a, encoding="utf-8")
    (docs / "b.md").write_text(B, encoding="utf-8")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\nplugins: []\n"
                   f"markdown_extensions: [footnotes, toc]\nhooks: [{ROOT / 'hooks' / 'spool.py'}]\n"
                   "validation: {anchors: warn}\n", encoding="utf-8")
    return cfg


def test_broken_anchors_fail_a_strict_build_as_without_the_spool(tmp_path, caplog):
    cfg = _site(tmp_path, A)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build(load_config(str(cfg), strict=True))
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert "contains a link '#nowhere', but there is no such anchor on this page" in text
    assert "the doc 'b.md' does not contain an anchor '#missing'" in text
    assert "#notes-here" not in text and "b-section" not in text and "fn:1" not in text and "page-a" not in text


def test_pages_are_whole_after_the_round_trip(tmp_path):
    cfg = _site(tmp_path, A.replace("[gone](#nowhere), ", "").replace(", [not there](b.md#missing)", ""))
    build(load_config(str(cfg), strict=True))
    html = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'id="fn:1"' in html and "A note." in html
    assert 'href="#notes-here"' in html and html.count("Notes here") >= 2  # the text and the theme's table of contents


def test_anchor_ids_answer_like_a_set():
    ids = AnchorIds({"fn:1", "fnref:1", "一、引言"})
    assert "fn:1" in ids and "一、引言" in ids
    assert "fn" not in ids and "fn:1\nfnref:1" not in ids and None not in ids


def test_front_matter_waits_on_disk_between_the_passes():
    """Between MkDocs's two passes a page keeps only what other pages read of its front
    matter (spool.KEEP); its template sees all of it."""
    from types import SimpleNamespace

    from archive_site.pages import spool

    full = {"title": "题", "kind": "article", "journal": "J", "last_page": 41, "abstract": "摘要" * 500,
            "authors": [{"name": "张宇", "affiliation": "兰州大学"}], "scholarly": {"citations": ["x" * 1000]}}
    page = SimpleNamespace(meta=dict(full), toc=["一、引言"], file=SimpleNamespace(src_uri="j/2025/01/p001.md"),
                           links_to_anchors=None, present_anchor_ids={"fn:1"}, markdown="正文", content=None)
    spool.on_pre_build(None)
    try:
        assert spool.on_page_content("<p>正文</p>", page, None, None) == ""
        assert page.meta == {"title": "题", "kind": "article", "journal": "J", "last_page": 41}
        assert page.toc == [] and "fn:1" in page.present_anchor_ids
        spool.on_page_context({}, page, None, None)
        assert page.meta == full and page.toc == ["一、引言"] and page.content == "<p>正文</p>"
        spool.on_post_page("<html></html>", page, None)
        assert page.meta == {"title": "题", "kind": "article", "journal": "J", "last_page": 41} and page.content is None
    finally:
        spool.on_post_build(None)
