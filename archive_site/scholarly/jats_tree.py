"""The JATS element tree's small shared pieces: namespaces and the element helper
(archive_site/scholarly/jats.py builds the article with them, jats_refs.py its reference list)."""

from __future__ import annotations

from lxml import etree

XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sub(parent, tag, text=None, **attrs):
    e = etree.SubElement(parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        e.text = str(text)
    return e
