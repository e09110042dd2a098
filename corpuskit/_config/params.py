"""Checking YAML values against a stage's attrs fields before it is built."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import attrs

__all__ = ["CoerceError", "coerce", "describe_type", "field_types"]

_NAMES = {int: "an integer", float: "a number", str: "a string", bool: "true or false"}


class CoerceError(Exception):
    """A value does not fit a type; ``expected`` describes the type."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def field_types(cls: type) -> dict[str, Any]:
    """Field name -> resolved type (annotations written as strings are evaluated)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # unresolvable annotation: check nothing for this class
        hints = {}
    return {f.name: hints.get(f.name, f.type if not isinstance(f.type, str) else Any) for f in attrs.fields(cls)}


def describe_type(tp: Any) -> str:
    """A reader's description of a type: 'a list of strings', "one of 'a', 'b'"."""
    if tp is Any or tp is object:
        return "any value"
    if tp in _NAMES:
        return _NAMES[tp]
    if tp is Path:
        return "a path"
    if tp is type(None):
        return "null"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if origin in (Union, types.UnionType):
        return " or ".join(describe_type(a) for a in args)
    if origin in (list, tuple, typing.Sequence, set, frozenset) or tp in (list, tuple):
        inner = describe_type(args[0]) if args else "values"
        return f"a list of {_plural(inner)}"
    if origin is dict or tp is dict:
        return "a mapping"
    return getattr(tp, "__name__", str(tp))


def _plural(phrase: str) -> str:
    for article in ("an ", "a "):
        if phrase.startswith(article):
            word = phrase[len(article):]
            return word if word.endswith("s") else word + "s"
    return phrase


def coerce(value: Any, tp: Any) -> Any:
    """``value`` converted to ``tp`` where that is lossless, else :class:`CoerceError`."""
    if tp is Any or tp is object:
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        for option in sorted(args, key=lambda a: a is str):  # try str last
            try:
                return coerce(value, option)
            except CoerceError:
                continue
        raise CoerceError(describe_type(tp))
    if origin is Literal:
        if value in args:
            return value
        raise CoerceError(describe_type(tp))
    if tp is type(None):
        if value is None:
            return None
        raise CoerceError("null")
    if origin in (list, tuple, typing.Sequence, set, frozenset) or tp in (list, tuple):
        return _coerce_sequence(value, tp, origin or tp, args)
    if origin is dict or tp is dict:
        if not isinstance(value, dict):
            raise CoerceError(describe_type(tp))
        if len(args) == 2:
            return {coerce(k, args[0]): coerce(v, args[1]) for k, v in value.items()}
        return value
    return _coerce_scalar(value, tp)


def _coerce_sequence(value: Any, tp: Any, container: Any, args: tuple[Any, ...]) -> Any:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]  # a single item where a list is expected
    if not isinstance(value, list | tuple):
        raise CoerceError(describe_type(tp))
    inner = args[0] if args else Any
    if container is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = args[0]
    items = [coerce(v, inner) for v in value]
    if container in (tuple, typing.Sequence):
        return tuple(items)
    if container in (set, frozenset):
        return frozenset(items)
    return items


def _coerce_scalar(value: Any, tp: Any) -> Any:
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise CoerceError("true or false")
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise CoerceError("an integer")
    if tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise CoerceError("a number")
    if tp is str:
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise CoerceError("a string")
    if tp is Path:
        if isinstance(value, str | Path):
            return Path(value)
        raise CoerceError("a path")
    if isinstance(tp, type) and not isinstance(value, tp):
        raise CoerceError(describe_type(tp))
    return value


def describe_value(value: Any) -> str:
    """How a found value reads in an error: ``'abc' (a string)``."""
    if value is None:
        return "null"
    kind = {bool: "true/false", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({kind})"
