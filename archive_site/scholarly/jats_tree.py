"""The JATS element tree's small shared pieces: namespaces and the element helper
(archive_site/scholarly/jats.py builds the article with them, jats_refs.py its reference list)."""

from __future__ import annotations

import re

from lxml import etree

XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all (C0 controls but tab and line breaks, U+FFFE/F,
# lone surrogates): lxml refuses them; a source's stray one is shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value) -> str:
    """Text for an XML element or attribute (lxml and ElementTree escape the rest)."""
    return _NOT_XML.sub("\ufffd", str(value))


def sub(parent, tag, text=None, **attrs):
    e = etree.SubElement(parent, tag, {k.replace("_", "-"): xml_text(v) for k, v in attrs.items()})
    if text is not None:
        e.text = xml_text(text)
    return e
