"""YAML front matter, written by PyYAML: stable key order, no folding.

The long lists of records (an article's references, cited_by, related: hundreds
of entries) are written one entry a line, each a JSON object (YAML is a superset
of JSON): as readable in a diff, and written by the json module, which is many
times faster than PyYAML's representer on thousands of small values. The rest is
written as libyaml writes it (`_dump`): plain strings here, the others by libyaml.

Every string is written verbatim (source text is data): YAML and JSON quote it; the site
escapes each value for where it prints it (the templates autoescape)."""

from __future__ import annotations

import io
import json
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# Keys whose value is a list of records, written one JSON object a line.
RECORD_LISTS = frozenset({"references", "cited_by", "related"})
# Characters a YAML reader will not take raw (or reads as a line break) that json.dumps leaves as they are.
NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


# libyaml's emitter (shipped in PyYAML's wheels) is ~5x faster than the pure one.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _style(value: str) -> str | None:
    # a literal block for printed lines; not for text ending in a line break (its keep-chomped
    # block would end the document with '...', which MkDocs takes for the end of the front matter)
    return "|" if "\n" in value and not value.endswith("\n") else None


def _str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=_style(value))


_Dumper.add_representer(str, _str)
_OPTIONS = dict(allow_unicode=True, sort_keys=False, width=1 << 30, default_flow_style=False)
_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A value the direct path does not represent (a float, a date, a container seen twice)."""


def _node(value, seen: set[int]):
    """The node SafeRepresenter (with `_str`, block style, keys unsorted) makes of a value of
    the front matter's usual types."""
    kind = type(value)
    if kind is str:
        return ScalarNode(_STR, value, style=_style(value))
    if kind is dict or kind is list:
        if id(value) in seen:  # the representer would write an alias
            raise _Unusual
        seen.add(id(value))
        if kind is dict:
            return MappingNode(_MAP, [(_node(k, seen), _node(v, seen)) for k, v in value.items()], flow_style=False)
        return SequenceNode(_SEQ, [_node(v, seen) for v in value], flow_style=False)
    if kind is int:
        return ScalarNode(_INT, str(value))
    if kind is bool:
        return ScalarNode(_BOOL, "true" if value else "false")
    if value is None:
        return ScalarNode(_NULL, "null")
    raise _Unusual


def _dump_nodes(part) -> str:
    """yaml.dump(part, Dumper=_Dumper, **_OPTIONS), the nodes made directly (PyYAML's
    representer dispatches on every value in Python)."""
    try:
        node = _node(part, set())
    except _Unusual:
        return yaml.dump(part, Dumper=_Dumper, **_OPTIONS)
    stream = io.StringIO()
    dumper = _Dumper(stream, **_OPTIONS)
    try:
        dumper.open()
        dumper.serialize(node)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


# A string libyaml writes plain (as it is) as a block mapping's key or value or a block sequence's
# item: it opens with a letter, a digit or a printable non-ASCII character (no indicator, no
# space), ends with no space, holds no ':' or '#' (': ' and ' #' are indicators), no line break
# and nothing libyaml takes for unprintable (C0, C1, U+2028/9, BOM, non-characters, beyond the
# BMP); and it does not read as another type (_resolves). (Classes of what it may not hold:
# its own are no CJK classes, which live in generator/cjk.py.)
_UNPRINTABLE = r"\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff"
_PLAIN = re.compile(rf"[^\x00-/:-@\[-`{{-~{_UNPRINTABLE}](?:[^\x00-\x1f#:{_UNPRINTABLE}]*[^\x00-\x20#:{_UNPRINTABLE}])?")
_RESOLVERS = _Dumper.yaml_implicit_resolvers  # first character -> [(tag, pattern)]
_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")
assert None not in _RESOLVERS and not _Dumper.yaml_path_resolvers  # (what _resolves leaves out)


def _resolves(value: str) -> bool:
    """Whether a plain `value` reads as another type than a string (a number, a date, null…)."""
    return value[0] in _RESOLVERS and any(pattern.match(value) for _tag, pattern in _RESOLVERS[value[0]])


_PLAIN_KEYS: set[str] = set()  # keys found plain (the schema's few dozen)


def _plain_key(key) -> bool:
    if type(key) is not str:
        return False
    if key in _PLAIN_KEYS:
        return True
    if len(key) > 32 or not _PLAIN.fullmatch(key) or _resolves(key):  # (over 128 bytes a key is no simple key: '? key')
        return False
    if len(_PLAIN_KEYS) < 1000:
        _PLAIN_KEYS.add(key)
    return True


class _Block:
    """The text libyaml writes for a mapping (block style, indent 2, a mapping's sequences not
    indented), written here: libyaml's emitter costs ~2 us a value in calls back into Python.
    A string not plain but on one line (quoted) is written by libyaml, all of a part's in one
    list, each its own line of it; a top-level entry holding a string with a line break
    (a literal block or quoted lines, indented by where they are) is written by libyaml."""

    def __init__(self):
        self.seen: set[int] = set()
        self.out: list[str] = []
        self.quoted: list[tuple[int, str]] = []  # (index in out, string) to quote
        self.lines = False

    def text(self, part: dict) -> str:
        self.seen.add(id(part))
        entries = []  # (key, value, where its text starts, whether it holds a line break)
        for key, value in part.items():
            start, self.lines = len(self.out), False
            self.entry(key, value, 0)
            entries.append((key, value, start, self.lines))
        if self.quoted:
            items = _dump_nodes([q for _at, q in self.quoted]).split("\n")
            if len(items) != len(self.quoted) + 1 or not all(item.startswith("- ") for item in items[:-1]):
                raise _Unusual
            for (at, _q), item in zip(self.quoted, items):
                self.out[at] = item[2:]
        end = len(self.out)
        for key, value, start, lines in reversed(entries):
            if lines:
                self.out[start:end] = [_dump_nodes({key: value})]
            end = start
        return "".join(self.out)

    def scalar(self, value) -> None:
        kind = type(value)
        if kind is str:
            if _PLAIN.fullmatch(value) and not _resolves(value):
                self.out.append(value)
            elif _BREAKS.search(value):
                self.lines = True
            else:
                self.quoted.append((len(self.out), value))
                self.out.append("")
        elif kind is int:
            self.out.append(str(value))
        elif kind is bool:
            self.out.append("true" if value else "false")
        elif value is None:
            self.out.append("null")
        else:
            raise _Unusual

    def container(self, value) -> bool:
        """Whether `value` is a list or a dict (seen once: the representer would write an alias)."""
        kind = type(value)
        if kind is not list and kind is not dict:
            return False
        if id(value) in self.seen:
            raise _Unusual
        self.seen.add(id(value))
        return True

    def entry(self, key, value, indent: int, first: bool = False) -> None:
        """`key: value` of a mapping whose keys stand at `indent` (`first`: after a '- ' written)."""
        if not _plain_key(key):
            raise _Unusual
        self.out += (key + ":",) if first else (" " * indent, key, ":")
        if not self.container(value):
            self.out.append(" ")
            self.scalar(value)
            self.out.append("\n")
        elif not value:
            self.out.append(" []\n" if type(value) is list else " {}\n")
        elif type(value) is list:
            self.out.append("\n")
            self.items(value, indent)
        else:
            self.out.append("\n")
            self.mapping(value, indent + 2)

    def mapping(self, value: dict, indent: int, first: bool = False) -> None:
        for key, item in value.items():
            self.entry(key, item, indent, first)
            first = False

    def items(self, value: list, indent: int, first: bool = False) -> None:
        """A block sequence's items at `indent` (`first`: the first one after a '- ' written)."""
        for item in value:
            self.out.append("- " if first else " " * indent + "- ")
            first = False
            if not self.container(item):
                self.scalar(item)
                self.out.append("\n")
            elif not item:
                self.out.append("[]\n" if type(item) is list else "{}\n")
            elif type(item) is list:
                self.items(item, indent + 2, first=True)
            else:
                self.mapping(item, indent + 2, first=True)


def _dump(part: dict) -> str:
    """yaml.dump(part, Dumper=_Dumper, **_OPTIONS)."""
    try:
        if part:  # ({} is written '{}')
            return _Block().text(part)
    except _Unusual:
        pass
    return _dump_nodes(part)


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(x, ensure_ascii=False), made once


def _json_lines(items: list) -> str:
    """"- {json of the item}\n" for each item. The list is encoded in one call when its items are
    objects: the encoder joins them with "}, {", which then needs to occur nowhere inside an
    item (the text grows by one character per "}, {" replaced: one per join means none inside)."""
    if all(type(item) is dict for item in items):
        text = _JSON.encode(items)[1:-1]
        lines = text.replace("}, {", "}\n- {")
        if len(lines) - len(text) == len(items) - 1:
            return f"- {lines}\n"
    return "".join(f"- {_JSON.encode(item)}\n" for item in items)


def _records(key: str, items: list) -> str:
    if not items:
        return f"{key}: []\n"
    lines = _json_lines(items)
    if NOT_YAML.search(lines):
        lines = NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", lines)
    return f"{key}:\n" + lines


def front_matter(meta: dict) -> str:
    out, part = [], {}
    for key, value in meta.items():
        if key in RECORD_LISTS and isinstance(value, list):
            if part:
                out.append(_dump(part))
                part = {}
            out.append(_records(key, value))
        else:
            part[key] = value
    if part:
        out.append(_dump(part))
    return "---\n" + "".join(out) + "---\n"
