"""The body of an article's JATS file (archive_site/scholarly/jats.py): the rendered page's
HTML -> <body> sections (headings -> nested <sec>, a run-in heading's full stop dropped from
its <title>), inline markup, lists, quotes, tables, and the footnotes as <fn> in <back>.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .jats_tree import XLINK, sub as _sub, xml_text

INLINE = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "code": "monospace", "sup": "sup", "sub": "sub", "u": "underline"}


def _fn_id(href: str) -> str:
    return "fn" + re.sub(r"[^A-Za-z0-9]+", "-", href.split(":", 1)[-1]).strip("-")


def _inline(src, dst) -> None:
    """Copy the text and inline markup of HTML element `src` into JATS element `dst`."""
    _append_text(dst, src.text)
    for child in src:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "sup" and child.find("a") is not None and "footnote-ref" in (child.find("a").get("class") or ""):
            a = child.find("a")
            _sub(dst, "xref", a.text_content(), ref_type="fn", rid=_fn_id(a.get("href", "")))
        elif tag in INLINE:
            _inline(child, _sub(dst, INLINE[tag]))
        elif tag == "a" and child.get("href", "").startswith(("http://", "https://", "mailto:")):
            link = _sub(dst, "ext-link", ext_link_type="uri")
            link.attrib[f"{{{XLINK}}}href"] = child.get("href")
            _inline(child, link)
        elif tag == "br":
            _sub(dst, "break")
        elif tag is not None and not {"footnote-backref", "headerlink"} & set((child.get("class") or "").split()):
            _inline(child, dst)
        _append_text(dst, child.tail)


def _append_text(e, text) -> None:
    if not text:
        return
    text = xml_text(text)
    if len(e):
        e[-1].tail = (e[-1].tail or "") + text
    else:
        e.text = (e.text or "") + text


def _block(src, dst) -> None:
    """An HTML block element -> JATS block(s) appended to `dst`."""
    tag = src.tag
    if tag == "p":
        _inline(src, _sub(dst, "p"))
    elif tag in ("ol", "ul"):
        lst = _sub(dst, "list", list_type="order" if tag == "ol" else "bullet")
        for li in src.findall("li"):
            item = _sub(lst, "list-item")
            blocks = [c for c in li if c.tag in ("p", "ol", "ul")]
            if blocks:
                for b in blocks:
                    _block(b, item)
            else:
                _inline(li, _sub(item, "p"))
    elif tag == "blockquote":
        quote = _sub(dst, "disp-quote")
        for child in src:
            _block(child, quote)
    elif tag == "table":
        wrap = _sub(dst, "table-wrap")
        wrap.append(_table(src))
    elif tag == "div":
        for child in src:
            _block(child, dst)
    elif tag in ("pre",):
        _sub(dst, "preformat", src.text_content())
    elif isinstance(tag, str) and src.text_content().strip():
        _inline(src, _sub(dst, "p"))


def _table(src):
    table = etree.Element("table")
    for part in src:
        if part.tag in ("thead", "tbody", "tfoot"):
            sec = _sub(table, part.tag)
            for tr in part.findall("tr"):
                row = _sub(sec, "tr")
                for cell in tr:
                    if cell.tag in ("td", "th"):
                        _inline(cell, _sub(row, cell.tag))
    return table


def body_into(body, html: str, back) -> None:
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    stack = [(1, body)]  # (heading level, element that takes blocks)
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "div" and "footnote" in (child.get("class") or "").split():
            _footnotes(child, back)
        elif re.fullmatch(r"h[1-6]", child.tag):
            level = int(child.tag[1])
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            sec = _sub(stack[-1][1], "sec")
            title = _sub(sec, "title")
            _inline(child, title)
            _drop_end_stop(title)
            stack.append((level, sec))
        else:
            _block(child, stack[-1][1])
    for sec in body.iter("sec"):
        if len(sec) == 1:  # a heading with no text under it: JATS wants a block or a sub-section
            _sub(sec, "p")


def _drop_end_stop(title) -> None:
    """A run-in heading printed with its full stop (（一）加强合作。正文…): a JATS <title> has none."""
    last = title[-1] if len(title) else None
    if last is not None and last.tail and last.tail.strip():
        last.tail = re.sub(r"[。.]\s*$", "", last.tail)
    elif last is None and title.text:
        title.text = re.sub(r"[。.]\s*$", "", title.text)


def _footnotes(div, back) -> None:
    group = _sub(back, "fn-group")
    _sub(group, "title", "注释")
    for li in div.iter("li"):
        fn = _sub(group, "fn", id=_fn_id(li.get("id", "")))
        _sub(fn, "label", li.get("id", "").split(":", 1)[-1])
        paras = li.findall("p") or [li]
        for p in paras:
            _inline(p, _sub(fn, "p"))
