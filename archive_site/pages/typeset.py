"""Render-time typesetting of page bodies (a Python-Markdown extension, listed in
mkdocs.yml as `archive_site.typeset`), and the same punctuation fix as a Jinja
filter `cjk` for front-matter text the templates print (abstract, affiliations).

- Headings get stable ids from their printed numbering: 一、… -> s1, its (二)… -> s1-2;
  an unnumbered heading takes its place in the outline (the third h2 -> s3). Their
  levels follow the outline rule (generator/layout.py heading_levels), which the
  converter already applied: only a page converted before it did changes.
- Half-width punctuation between CJK characters (当代美国评论 prints `以来,美国`, `(二)`)
  is shown full-width, as the journal printed it. Only the rendered text changes:
  content/ and sources/ keep what was extracted.
- Notes and paragraphs with no CJK character are marked lang="en" (Latin fonts).
- Notes for assistive technology (DPUB-ARIA): a note reference is a `doc-noteref` named
  注释 N (not "1"), the notes a `doc-endnotes` section (under the heading 注释), each back-link a
  `doc-backlink` named 返回正文; a heading's ¶ permalink is kept out of the heading's
  accessible name (aria-hidden, out of the tab order: the TOC links each heading).
- (Footnote markers are left out of the search index by a selector,
  archive_site/search/service.py EXCLUDE, not by an attribute on each one.)
"""

from __future__ import annotations

import re

from generator import layout
from generator.cjk import HAN, PUNCT_CONTEXT, has_han
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# a half-width mark after CJK, before CJK or the end of the text (a space after it, from
# the extraction, goes too)
_PUNCT = re.compile(rf"(?<=[{PUNCT_CONTEXT}])([,;:?!]) ?(?=[{PUNCT_CONTEXT}]|$)")
# parentheses around CJK text: (二), (国家安全学院); (NATO) and (iCET) stay half-width
_PARENS = re.compile(rf"\(([^()a-zA-Z]*[{HAN}][^()a-zA-Z]*)\) ?")

_SKIP = {"code", "pre", "script", "style", "kbd"}


def cjk_punct(text: str) -> str:
    """Half-width , ; : ? ! and ( ) in CJK context -> full-width; everything else unchanged."""
    if not has_han(text):
        return text
    text = _PARENS.sub(lambda m: f"（{m.group(1).strip()}）", text)
    return _PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)


def _text(el) -> str:
    return "".join(el.itertext())


def heading_ids(root) -> None:
    """Number the h2/h3/h4 of a page body (see the module docstring); ids already set stay."""
    for h1 in root.iter("h1"):
        if not h1.get("id"):
            h1.set("id", "ja-title")  # the page's title: where the skip link lands (archive_site/pages/nav.py)
            h1.set("tabindex", "-1")
        break
    headings = [el for el in root.iter() if el.tag in ("h2", "h3", "h4", "h5", "h6")]
    # the converter wrote the levels by the outline rule; a page converted before it did gets it here
    levels = layout.heading_levels([int(el.tag[1]) for el in headings])
    path: list[int] = []
    used: set[str] = set()
    for el, level in zip(headings, levels):
        el.tag = f"h{level}"
        depth = level - 1  # h2 -> 1
        path = path[:depth] + [0] * max(0, depth - len(path))
        printed = layout.heading_number(_text(el))
        path[depth - 1] = printed if printed is not None and printed > path[depth - 1] else path[depth - 1] + 1
        if el.get("id"):
            used.add(el.get("id"))
            continue
        ident = layout.heading_anchor(path)
        while ident in used:
            ident += "a"
        used.add(ident)
        el.set("id", ident)


def punctuate(el) -> None:
    if el.tag in _SKIP:
        if el.tail:
            el.tail = cjk_punct(el.tail)
        return
    if el.text:
        el.text = cjk_punct(el.text)
    for child in el:
        punctuate(child)
    if el.tail:
        el.tail = cjk_punct(el.tail)


_STASHED = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's placeholder of raw HTML (a page anchor)


def mark_english(elements) -> None:
    """lang="en" on notes and paragraphs without a CJK character: they take the Latin
    font stack (archive.css), so ’ and “ ” get Latin widths, not CJK ones."""
    for el in elements:
        text = _STASHED.sub("", _text(el))
        if re.search("[A-Za-z]{3}", text) and not has_han(text):
            el.set("lang", "en")


def note_roles(root) -> None:
    """DPUB-ARIA roles and accessible names of the notes (see the module docstring)."""
    for a in root.iter("a"):
        cls = a.get("class")
        if cls == "footnote-ref":
            a.set("role", "doc-noteref")
            a.set("aria-label", f"注释 {_text(a).strip()}")
        elif cls == "footnote-backref":
            a.set("role", "doc-backlink")
            a.set("aria-label", "返回正文")
    for div in root.iter("div"):
        if div.get("class") == "footnote":
            div.set("id", "ja-notes")  # the article's 目录 links the notes
            div.set("role", "doc-endnotes")  # named by the 注释 heading before it (archive_site/scholarly/hook.py)
            mark_english(div.iter("li"))


class _Typeset(Treeprocessor):
    def run(self, root):
        punctuate(root)
        heading_ids(root)
        note_roles(root)
        mark_english(el for el in root if el.tag == "p")
        return None


class _Permalinks(Treeprocessor):
    """The toc extension's ¶ links: out of the headings' accessible names and the tab order."""

    def run(self, root):
        for a in root.iter("a"):
            if a.get("class") == "headerlink":
                a.set("aria-hidden", "true")
                a.set("tabindex", "-1")
        return None


class TypesetExtension(Extension):
    def extendMarkdown(self, md):
        # after attr_list (8: explicit {#ids}) and the footnotes (50), before toc (5)
        md.treeprocessors.register(_Typeset(md), "archive_typeset", 7)
        md.treeprocessors.register(_Permalinks(md), "archive_permalinks", 4)  # after toc (5) adds them


def makeExtension(**kwargs):
    return TypesetExtension(**kwargs)



