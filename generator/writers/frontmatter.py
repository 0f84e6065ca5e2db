"""YAML front matter, written by PyYAML: stable key order, no folding."""

from __future__ import annotations

import yaml


# libyaml's emitter (shipped in PyYAML's wheels) is ~5x faster than the pure one.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # verbatim: YAML is PyYAML's to quote; the site escapes each value for where it prints it
    # a literal block for printed lines; not for text ending in a line break (its keep-chomped
    # block would end the document with '...', which MkDocs takes for the end of the front matter)
    style = "|" if "\n" in value and not value.endswith("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def front_matter(meta: dict) -> str:
    text = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, default_flow_style=False)
    return f"---\n{text}---\n"
