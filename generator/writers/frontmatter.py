"""YAML front matter, written by PyYAML: stable key order, no folding.

The long lists of records (an article's references, cited_by, related: hundreds
of entries) are written one entry a line, each a JSON object (YAML is a superset
of JSON): as readable in a diff, and written by the json module, which is many
times faster than PyYAML's representer on thousands of small values. The rest is
made into YAML nodes here and written by libyaml (`_dump`).

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


def _dump(part: dict) -> str:
    """yaml.dump(part, Dumper=_Dumper, **_OPTIONS), the nodes made directly (PyYAML's
    representer dispatches on every value in Python: ~half of writing the pages)."""
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
