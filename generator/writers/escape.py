"""Source text -> the language it is written into, escaped once, here.

A source's text is data: whatever it holds (`<script>`, `*`, `[^1]:`, `---`,
`{: .x}`, `{{ }}`) must reach the reader as the same text. The writers put
every piece of source text through one of these, for the language it lands in:

- `md_text(s)`: printed text in Markdown, anywhere inline (titles, names,
  keywords, section names, table cells, list items, headings, link labels:
  `md_link_text`). Renders as exactly `s` (a line break as a space).
- `md_inline(s)`: body and note text. The house style's inline markup (emphasis
  `*…*` / `**…**`, links `[text](https://…)`, autolinks `<https://…>`, backslash
  escapes `\\*`) stays markup; every other character is text. In notes, bare URLs
  become autolinks.
- `md_line(s)`: a line kept as printed (a list or table paragraph, a back-matter
  page): its list marker, table pipes or heading marks stay, the rest is `md_inline`.
- `html_text(s)`, `html_attr(s)`: inside raw HTML the writers emit, which Markdown
  does not process.

YAML is PyYAML's (frontmatter.py: strings verbatim, never pre-escaped). The site
side escapes for its own languages: the templates autoescape (theme/), JSON in
<script> (archive_site/scholarly.py), XML (lxml, ElementTree), RIS and BibTeX
(archive_site/exports.py).

What Python-Markdown (with the extensions in mkdocs.yml) reads as markup, and how
it is neutralised, with as few changed bytes as possible:
- anywhere: `\\ ` `` ` `` `* _ [ ] { |` -> backslash escape; `<` -> `&lt;`; `&` that
  would start an entity (`&amp;`) -> `&amp;`;
- at the start of a line: `#` (heading), `>` (quote), `-` `+` (list, rule, setext
  underline), `1.` (ordered list), a line of `=` (setext underline), indentation
  (code block) is dropped (HTML shows none);
- at the end of a line: a closing `#` (a heading would drop it).
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (with `tables`) takes back from a backslash escape.
MD_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
_ASCII_PUNCT = r"!-/:-@\[-`{-~"

_ANYWHERE = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "{": "\\{", "|": "\\|", "<": "&lt;"}
_ANYWHERE_RE = re.compile(r"[\\`*_\[\]{|<]|&(?=#|[0-9A-Za-z]+;)")
_ENTITY_AMP = "&amp;"

# A line's opening that Markdown would read as block structure (after indentation).
_OPENING = re.compile(r"(?:#|>|[-+]|\d+(?=\.)|=+[ \t]*$)")

# Inline markup of the house style, kept in body and note text.
_AUTOLINK = r"<(?:https?://|mailto:)[^\s<>]+>"
_LINK = r"\[(?P<label>(?:\\.|[^\[\]\\\n])*)\]\((?P<url>(?:https?://|mailto:)[^\s()<>\"]+(?: [^\s()<>\"]+)*)\)"
_ESCAPE = rf"\\(?P<ch>[{_ASCII_PUNCT}])"
_EMPHASIS = r"(?P<stars>\*\*?)(?=[^\s*])(?P<body>(?:\\.|[^*\\\n])+?)(?<!\s)(?P=stars)(?!\*)"
# A bare URL (notes): not already inside <…>, (…) or […]; trailing punctuation is not part of it.
BARE_URL = re.compile(r"(?<![<(\[/\w])(https?://[^\s<>\"\\，。；、）」】》\]]+)")
_TOKEN = re.compile(rf"(?P<auto>{_AUTOLINK})|(?P<link>{_LINK})|(?P<esc>{_ESCAPE})|(?P<em>{_EMPHASIS})")
_TOKEN_URL = re.compile(rf"{_TOKEN.pattern}|(?P<bare>{BARE_URL.pattern})")
# Where a token may start: what each alternative opens with (a bare URL: "http").
_TOKEN_START = re.compile(r"[<\[\\*]")
_TOKEN_URL_START = re.compile(r"<|\[|\\|\*|http")  # (literal alternatives: the engine skips to them)


def _tokens(line: str, bare_urls: bool):
    """_TOKEN(_URL).finditer(line), the pattern tried only where a token may start (its
    alternatives cannot be skipped to by the regex engine: it tries each at every character)."""
    pattern, start = (_TOKEN_URL, _TOKEN_URL_START) if bare_urls else (_TOKEN, _TOKEN_START)
    pos = 0
    while (c := start.search(line, pos)) is not None:
        m = pattern.match(line, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def _chars(text: str) -> str:
    """Escape what Markdown reads as markup anywhere in a line (']:' too: after a '[' the
    writer puts at a line's start, Python-Markdown would read a reference definition)."""
    return _ANYWHERE_RE.sub(lambda m: _ANYWHERE.get(m.group(0), _ENTITY_AMP), text).replace("\\]:", "\\]&#58;")


def _opening(text: str) -> str:
    """`text` opens a line: indentation dropped, a block-structure opening escaped."""
    text = text.lstrip(" \t")
    m = _OPENING.match(text)
    if not m:
        return _chars(text)
    head = m.group(0)
    if head[0].isdigit():  # '1. ' -> '1\. '
        return head + "\\" + _chars(text[len(head):])
    if head[0] == "=":  # a setext underline: '=' is no backslash escape
        return "&#61;" + _chars(text[1:])
    return "\\" + head[0] + _chars(text[1:])


def _closing(out: str) -> str:
    """A line's closing '#' would be dropped from a heading (unless a backslash escapes it:
    an odd run of them before it; '\\\\#' is an escaped backslash, then a bare '#')."""
    if not out.endswith("#"):
        return out
    slashes = len(out[:-1]) - len(out[:-1].rstrip("\\"))
    return out if slashes % 2 else out[:-1] + "\\#"


def md_text(text) -> str:
    """Printed text -> Markdown that renders as exactly that text, in any inline place."""
    text = " ".join(str(text if text is not None else "").split("\n")).strip()
    return _closing(_opening(text)) if text else ""


md_link_text = md_text  # a link's label is inline text like any other


def md_link(title: str, url: str, refs: dict[str, str] | None = None) -> str:
    """A link labelled with printed text. With `refs`, a plain-text label becomes a shortcut
    reference (`[title]`, its definition `[title]: url` collected in `refs`: the title stays
    contiguous in the text); a label that needs escaping is an inline link."""
    if refs is not None and md_text(title) == title and not any(c in title for c in "[]") and not title.startswith("^"):
        refs[title] = url
        return f"[{title}]"
    return f"[{md_link_text(title)}]({url})"


def _autolink(url: str) -> tuple[str, str]:
    trail = ""
    while url and url[-1] in ".,;:!?)'’”":
        trail = url[-1] + trail
        url = url[:-1]
    return f"<{url}>", trail


def _segments(line: str, bare_urls: bool) -> list[tuple[bool, str]]:
    """(is_text, piece) in order: the house markup as Markdown, the rest as raw text
    (a backslash escape of a character Markdown does not unescape is that character)."""
    out: list[tuple[bool, str]] = []
    pos = 0

    def text(piece: str) -> None:
        if out and out[-1][0]:
            out[-1] = (True, out[-1][1] + piece)
        elif piece:
            out.append((True, piece))

    for m in _tokens(line, bare_urls):
        text(line[pos : m.start()])
        if m.group("auto"):
            out.append((False, m.group("auto")))
        elif m.group("link"):
            out.append((False, f"[{_nested(m.group('label'))}]({m.group('url')})"))
        elif m.group("esc"):
            ch = m.group("ch")
            if ch in MD_ESCAPABLE:
                out.append((False, "\\" + ch))
            else:
                text(ch)
        elif m.group("em"):
            stars = m.group("stars")
            out.append((False, stars + _nested(m.group("body")) + stars))
        else:
            link, trail = _autolink(m.group("bare"))
            out.append((False, link))
            text(trail)
        pos = m.end()
    text(line[pos:])
    return out


def _nested(text: str) -> str:
    """Inside emphasis or a link's label: house markup kept, the rest escaped (no line opening)."""
    return "".join(_chars(piece) if is_text else piece for is_text, piece in _segments(text, False))


# What any step of _marked_line acts on: a token's start (a bare URL's 'http' even where
# bare URLs are not read), a character escaped anywhere, an entity's '&'. A line without
# them, with no block opening and no closing '#', is its own Markdown (a test compares).
# Autolinks are kept as they are: a line is also its own Markdown when the rest has none
# of them (the token scan finds each autolink where it starts: no token starts before it).
_ACTED_ON_CHAR = re.compile(r"[\\`*_\[\]{|<&]")  # (with 'http' in the text: a plain search is faster than an alternation)
_AUTOLINK_RE = re.compile(_AUTOLINK)


def _is_own_markdown(text: str) -> bool:
    if "<" in text:  # the pieces between autolinks, a space for each (which no 'http' spans)
        text = _AUTOLINK_RE.sub(" ", text)
    return "http" not in text and not _ACTED_ON_CHAR.search(text)


def _inline_line(line: str, bare_urls: bool, opening: bool = True) -> str:
    """One line of body text: house markup kept, the rest escaped, the opening neutralised."""
    text = line.strip(" \t")
    if text and not text.endswith("#") and not (opening and _OPENING.match(text)) and _is_own_markdown(text):
        return text  # (most lines: nothing in them is markup or needs escaping)
    return _marked_line(text, bare_urls, opening)


def _marked_line(line: str, bare_urls: bool, opening: bool = True) -> str:
    """_inline_line by its definition."""
    segments = _segments(line.strip(" \t"), bare_urls)
    first = _opening if opening else _chars
    out = [(first(piece) if k == 0 else _chars(piece)) if is_text else piece for k, (is_text, piece) in enumerate(segments)]
    return _closing("".join(out))


def md_inline(text: str, bare_urls: bool = False, opening: bool = True) -> str:
    """Body or note text -> Markdown: the house style's inline markup kept, every other
    character text; each line's opening escaped (a line never starts a block). Without
    `opening`, the text follows a heading's marks: its first line opens no block."""
    text = str(text)
    if "\n" not in text:  # (most paragraphs and notes: one line)
        return _inline_line(text, bare_urls, opening)
    lines = (_inline_line(line, bare_urls, opening or k > 0) for k, line in enumerate(text.split("\n")))
    return "\n".join(line for line in lines if line)  # a blank line would end the paragraph or the note


_HEADING_LINE = re.compile(r"^(#{1,6})[ \t]+(?=\S)")
_LIST_LINE = re.compile(r"^([ \t]*)([-+*]|\d{1,3}\.)([ \t]+)(?=\S)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def md_line(line: str, headings: bool = False) -> str:
    """A line kept as printed: a list marker, table pipes (or, with `headings`, heading
    marks) stay structure; everything else in it is `md_inline` text."""
    if headings and (m := _HEADING_LINE.match(line)):
        return m.group(1) + " " + md_inline(line[m.end():], opening=False)
    if m := _LIST_LINE.match(line):
        return m.group(1) + m.group(2) + " " + md_inline(line[m.end():])
    row = line.strip()
    if row.startswith("|") and row.endswith("|") and len(_CELL_SPLIT.split(row)) > 2:  # a table row
        if _TABLE_RULE.match(row) and "-" in row:
            return row
        return "| " + " | ".join(md_inline(c.strip()) for c in _CELL_SPLIT.split(row)[1:-1]) + " |"
    return md_inline(line)


def html_text(text) -> str:
    """Text inside raw HTML that Markdown leaves alone."""
    return html.escape(str(text if text is not None else ""), quote=False)


def html_attr(text) -> str:
    """A value inside a quoted HTML attribute."""
    return html.escape(str(text if text is not None else ""), quote=True)
