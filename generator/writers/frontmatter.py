"""YAML front matter, written by PyYAML: stable key order, no folding."""

from __future__ import annotations

import io

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


# libyaml's emitter (shipped in PyYAML's wheels) is ~5x faster than the pure one.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    value = value.replace("<", "&lt;")  # no raw HTML from a source reaches the theme via front matter
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


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
        value = value.replace("<", "&lt;")
        return ScalarNode(_STR, value, style="|" if "\n" in value else None)
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


def _dump(meta: dict) -> str:
    """yaml.dump(meta, Dumper=_Dumper, **_OPTIONS), the nodes made directly (PyYAML's
    representer dispatches on every value in Python: ~half of writing the pages)."""
    try:
        node = _node(meta, set())
    except _Unusual:
        return yaml.dump(meta, Dumper=_Dumper, **_OPTIONS)
    stream = io.StringIO()
    dumper = _Dumper(stream, **_OPTIONS)
    try:
        dumper.open()
        dumper.serialize(node)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


def front_matter(meta: dict) -> str:
    return f"---\n{_dump(meta)}---\n"
