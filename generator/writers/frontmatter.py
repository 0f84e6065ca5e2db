"""YAML front matter, written by PyYAML: stable key order, no folding.

The long lists of records (an article's references, cited_by, related: hundreds
of entries) are written one entry a line, each a JSON object (YAML is a superset
of JSON): as readable in a diff, and written by the json module, which is many
times faster than PyYAML's representer on thousands of small values.

Every string is written verbatim (source text is data): YAML and JSON quote it; the site
escapes each value for where it prints it (the templates autoescape)."""

from __future__ import annotations

import json
import re

import yaml

# Keys whose value is a list of records, written one JSON object a line.
RECORD_LISTS = frozenset({"references", "cited_by", "related"})
# Characters a YAML reader will not take raw (or reads as a line break) that json.dumps leaves as they are.
NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


# libyaml's emitter (shipped in PyYAML's wheels) is ~5x faster than the pure one.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # a literal block for printed lines; not for text ending in a line break (its keep-chomped
    # block would end the document with '...', which MkDocs takes for the end of the front matter)
    style = "|" if "\n" in value and not value.endswith("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _yaml(part: dict) -> str:
    return yaml.dump(part, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, default_flow_style=False)


def _records(key: str, items: list) -> str:
    if not items:
        return f"{key}: []\n"
    lines = (NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(item, ensure_ascii=False)) for item in items)
    return f"{key}:\n" + "".join(f"- {line}\n" for line in lines)


def front_matter(meta: dict) -> str:
    out, part = [], {}
    for key, value in meta.items():
        if key in RECORD_LISTS and isinstance(value, list):
            if part:
                out.append(_yaml(part))
                part = {}
            out.append(_records(key, value))
        else:
            part[key] = value
    if part:
        out.append(_yaml(part))
    return "---\n" + "".join(out) + "---\n"
