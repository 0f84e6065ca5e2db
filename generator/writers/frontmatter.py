"""YAML front matter, written by PyYAML: stable key order, no folding."""

from __future__ import annotations

import yaml

from .inline import UNSAFE_LINK


# libyaml's emitter (shipped in PyYAML's wheels) is ~5x faster than the pure one.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # no raw HTML from a source reaches the theme via front matter, nor a script link (a note's text, printed)
    value = UNSAFE_LINK.sub("](#", value.replace("<", "&lt;"))
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def front_matter(meta: dict) -> str:
    text = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, default_flow_style=False)
    return f"---\n{text}---\n"
