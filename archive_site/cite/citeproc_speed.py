"""citeproc-py looks up a style's macros with an XPath query every time one is used, and
re-walks a macro's whole tree each time it asks whether the macro prints a variable:
about half of rendering a GB/T 7714 or APA entry (bench/README.md, issue 13). A style
never changes once parsed, so both answers are kept per (style, macro name) here.

Installed by archive_site/cite/csl.py when a style is parsed; the rendered text is the same
(tests/test_citations.py compares it with citeproc-js character for character).
"""

from __future__ import annotations

from citeproc import model

_macros: dict = {}
_calls: dict = {}


def _get_macro(self, name):
    root = self.get_root()
    key = (root, name)
    found = _macros.get(key)
    if found is None:
        found = _macros[key] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
    return found


_text_calls_variable = model.Text.calls_variable


def _text_calls(self):
    if "variable" in self.attrib or "macro" not in self.attrib:
        return _text_calls_variable(self)
    key = (self.get_root(), self.get("macro"))
    if key not in _calls:
        _calls[key] = self.get_macro(self.get("macro")).calls_variable()
    return _calls[key]


def install() -> None:
    if model.CitationStylesElement.get_macro is not _get_macro:
        model.CitationStylesElement.get_macro = _get_macro
        model.Text.calls_variable = _text_calls
