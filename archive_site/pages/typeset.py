"""Render-time typesetting of page bodies (a Python-Markdown extension, listed in
mkdocs.yml as `archive_site.typeset`), and the same punctuation fix as a Jinja
filter `cjk` for front-matter text the templates print (abstract, affiliations).

- Headings get stable ids from their printed numbering: 一、… -> s1, its (二)… -> s1-2;
  an unnumbered heading takes its place in the outline (the third h2 -> s3). Levels
  never jump (h2 then h4 -> h2, h3) and headings before the first h2 become h2s, so
  the outline reads in order.
- Half-width punctuation between CJK characters (当代美国评论 prints `以来,美国`, `(二)`)
  is shown full-width, as the journal printed it. Only the rendered text changes:
  content/ and sources/ keep what was extracted.
- Notes and paragraphs with no CJK character are marked lang="en" (Latin fonts).
- (Footnote markers are left out of the search index by a selector,
  archive_site/search_index.py EXCLUDE, not by an attribute on each one.)
"""

from __future__ import annotations

import re

from generator import layout
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = _HAN + r"\u3000-\u303f\uff01-\uff60\u2014\u2026\u201c\u201d\u2018\u2019"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# a half-width mark after CJK, before CJK or the end of the text (a space after it, from
# the extraction, goes too)
_PUNCT = re.compile(rf"(?<=[{_CJK}])([,;:?!]) ?(?=[{_CJK}]|$)")
# parentheses around CJK text: (二), (国家安全学院); (NATO) and (iCET) stay half-width
_PARENS = re.compile(rf"\(([^()a-zA-Z]*[{_HAN}][^()a-zA-Z]*)\) ?")

_SKIP = {"code", "pre", "script", "style", "kbd"}


def cjk_punct(text: str) -> str:
    """Half-width , ; : ? ! and ( ) in CJK context -> full-width; everything else unchanged."""
    if not text or not re.search(f"[{_HAN}]", text):
        return text
    text = _PARENS.sub(lambda m: f"（{m.group(1).strip()}）", text)
    return _PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)


def _text(el) -> str:
    return "".join(el.itertext())


def heading_ids(root) -> None:
    """Number the h2/h3/h4 of a page body (see the module docstring); ids already set stay."""
    for h1 in root.iter("h1"):
        if not h1.get("id"):
            h1.set("id", "ja-title")  # the page's title: where the skip link lands (archive_site/nav.py)
            h1.set("tabindex", "-1")
        break
    headings = [el for el in root.iter() if el.tag in ("h2", "h3", "h4", "h5", "h6")]
    last_level = 1
    path: list[int] = []
    used: set[str] = set()
    seen_h2 = False
    for el in headings:
        # no jumps; headings before the first h2 are its siblings (h2), not its children
        printed_level = int(el.tag[1])
        seen_h2 = seen_h2 or printed_level == 2
        level = min(printed_level, last_level + 1, 6 if seen_h2 else 2)
        el.tag = f"h{level}"
        last_level = level
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


def mark_english(elements) -> None:
    """lang="en" on notes and paragraphs without a CJK character: they take the Latin
    font stack (archive.css), so ’ and “ ” get Latin widths, not CJK ones."""
    for el in elements:
        text = _text(el)
        if re.search("[A-Za-z]{3}", text) and not re.search(f"[{_HAN}]", text):
            el.set("lang", "en")


class _Typeset(Treeprocessor):
    def run(self, root):
        punctuate(root)
        heading_ids(root)
        for div in root.iter("div"):
            if div.get("class") == "footnote":
                div.set("id", "ja-notes")  # the article's 目录 links the notes
                mark_english(div.iter("li"))
        mark_english(el for el in root if el.tag == "p")
        return None


class TypesetExtension(Extension):
    def extendMarkdown(self, md):
        # after attr_list (8: explicit {#ids}) and the footnotes (50), before toc (5)
        md.treeprocessors.register(_Typeset(md), "archive_typeset", 7)


def makeExtension(**kwargs):
    return TypesetExtension(**kwargs)



