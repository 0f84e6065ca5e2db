"""The model as JSON, and back: `convert --to model` writes it, tests read it.

As pandoc's `-t native` / `-f native`: reader fixtures are text -> model dump,
writer fixtures model dump -> Markdown, so a writer change does not churn the
readers' expected outputs and a reader change does not churn the writers'.

The dump is an `Issue` as a JSON object: each dataclass an object with its
fields in declaration order, tuples as arrays, a diagnostic's `detail` as an
object. A field holding its default value is left out (a new field with a
default changes no dump, and a hand-written model states only what matters).
Containers that fit on one line are written on one; everything else is
indented, one item a line, UTF-8 as is: deterministic and readable as a diff.

`model_from_json` reads a dump (or a hand-written model) back, checking each
field against the dataclasses' types: an unknown field or a kind no writer
knows is an error naming where it is (`articles[0].blocks[2].kind`).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from .model import Diagnostic, Issue

WIDTH = 120  # a container whose JSON fits in this many characters (with its indent) goes on one line
INDENT = "  "


def to_data(obj: Any) -> Any:
    """A model object as plain JSON data (dicts, lists, str, int, None)."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if _is_default(f, value):
                continue
            if isinstance(obj, Diagnostic) and f.name == "detail":
                out[f.name] = {k: to_data(v) for k, v in value}
            else:
                out[f.name] = to_data(value)
        return out
    if isinstance(obj, (tuple, list)):
        return [to_data(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    return obj


def _is_default(f: dataclasses.Field, value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return value == f.default
    if f.default_factory is not dataclasses.MISSING:
        return value == f.default_factory()
    return False


def dumps(issue: Issue) -> str:
    """The model dump of one converted file (ends with a newline)."""
    return format_json(to_data(issue)) + "\n"


def format_json(data: Any, indent: int = 0) -> str:
    """JSON with short containers on one line and long ones one item a line."""
    flat = json.dumps(data, ensure_ascii=False)
    if not isinstance(data, (dict, list)) or not data or len(INDENT * indent) + len(flat) <= WIDTH:
        return flat
    pad, inner = INDENT * indent, INDENT * (indent + 1)
    if isinstance(data, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {format_json(v, indent + 1)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    items = [f"{inner}{format_json(v, indent + 1)}" for v in data]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


# ------------------------------------------------------------------ JSON -> model


class ModelError(ValueError):
    """A model dump that does not fit the model: the message names the field."""


def model_from_json(data: str | dict) -> Issue:
    """An `Issue` from its dump (a JSON text or the parsed object)."""
    if isinstance(data, str):
        data = json.loads(data)
    return from_data(Issue, data, "")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(tp: Any, value: Any, where: str) -> Any:
    """`value` (plain JSON data) as the type `tp` of the model; `where` names it in errors."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, where)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise ModelError(f"{where or 'model'}: cannot read a value of type {tp}")
        return from_data(rest[0], value, where)
    if origin is Literal:
        if value not in args:
            raise ModelError(f"{where}: {value!r} is not one of {', '.join(map(repr, args))}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise ModelError(f"{where}: expected an array, found {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], v, f"{where}[{n}]") for n, v in enumerate(value))
        if len(args) != len(value):
            raise ModelError(f"{where}: expected {len(args)} items, found {len(value)}")
        return tuple(from_data(a, v, f"{where}[{n}]") for n, (a, v) in enumerate(zip(args, value)))
    if tp is object or tp is Any:
        return _frozen(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ModelError(f"{where}: expected a boolean, found {value!r}")
        return value
    if tp in (str, int):
        if not isinstance(value, tp) or isinstance(value, bool):
            raise ModelError(f"{where}: expected {tp.__name__}, found {value!r}")
        return value
    raise ModelError(f"{where or 'model'}: cannot read a value of type {tp}")


def _dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise ModelError(f"{where or 'model'}: expected an object ({cls.__name__}), found {value!r}")
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ModelError(f"{where or 'model'}: {cls.__name__} has no field {', '.join(unknown)}")
    kwargs = {}
    for name, v in value.items():
        at = f"{where}.{name}" if where else name
        if cls is Diagnostic and name == "detail":
            if not isinstance(v, dict):
                raise ModelError(f"{at}: expected an object, found {v!r}")
            kwargs[name] = tuple((k, _frozen(x)) for k, x in v.items())
        else:
            kwargs[name] = from_data(hints[name], v, at)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{where or 'model'}: {exc}") from None


def _frozen(value: Any) -> Any:
    """Free JSON data (a diagnostic's detail) with arrays as tuples, as the model holds them."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value
