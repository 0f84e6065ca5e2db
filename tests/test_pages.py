"""Printed page anchors where the notes prove the page breaks (and nowhere else)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.load import load
from generator.pipeline import convert_text
from generator.plan import render

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
ROOT = Path(__file__).resolve().parent.parent


def _page(name: str) -> str:
    pages, _ = render([load(FIXTURES / name)])
    return pages["gjwtyj/2025/06/p022.md"]


def test_note_blocks_that_account_for_every_page_give_anchors_in_order():
    text = _page("proved.txt")
    anchors = re.findall(r'id="p(\d+)" role="doc-pagebreak"', text)
    assert anchors == ["22", "23", "24"]
    # p23 begins where the page break cut the sentence, not at a paragraph
    assert "作为金砖合作的重要平" + '<span class="ja-page" id="p23"' in text
    assert re.search(r'id="p24"[^>]*></span>第三页没有注释', text)
    assert "pages:\n- 22\n- 23\n- 24\n" in text


def test_a_page_the_notes_do_not_account_for_leaves_every_page_unnumbered():
    """One page more than the note blocks and the closing text account for: which page printed
    no note is unknown, so no number is shown at all."""
    text = _page("unproved.txt")
    assert "ja-page" not in text and "\npages:" not in text


def test_samples_prove_no_page_they_do_not_show():
    """In every sample article the note blocks account for fewer pages than the article number
    gives (a page printed no note): no anchors there."""
    for src in sorted((ROOT / "sources").glob("*.txt")):
        issue = convert_text(src.read_text(encoding="utf-8"), src.name)
        assert all(a.pages == () for a in issue.articles), src.name


def test_a_page_that_begins_with_a_heading_has_its_anchor_before_the_heading():
    text = _page("heading_after_notes.txt")
    assert re.search(r'id="p24"[^>]*></span>\n\n## 二、结语', text)
