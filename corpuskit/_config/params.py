"""Checking YAML values against a stage's attrs fields before it is built."""

from __future__ import annotations

import enum
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import attrs

__all__ = ["CoerceError", "coerce", "describe_type", "field_types"]

_NAMES = {int: "an integer", float: "a number", str: "a string", bool: "true or false"}


_UNSET: Any = object()


class CoerceError(Exception):
    """A value does not fit a type; ``expected`` describes the type.

    ``path`` leads from the checked value to the element that does not fit (keys of a
    mapping, indexes of a list: ``("limits", "a")``), ``found`` is that element.
    """

    def __init__(self, expected: str, found: Any = _UNSET, path: tuple[Any, ...] = ()) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = found
        self.path = path

    def inside(self, step: Any, value: Any) -> CoerceError:
        """The same error seen from the container that holds the element at ``step``."""
        return CoerceError(self.expected, value if self.found is _UNSET else self.found, (step, *self.path))

    def found_in(self, value: Any) -> Any:
        """The offending element (``value`` itself when the error is about it)."""
        return value if self.found is _UNSET else self.found

    def dotted(self) -> str:
        """``.a`` / ``.2`` - the path as it follows a key in an error message."""
        return "".join(f".{step}" for step in self.path)


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
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(repr(member.value) for member in tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if origin in (Union, types.UnionType):
        return " or ".join(describe_type(a) for a in args)
    if origin is tuple and _fixed_length(args):
        noun = "pair" if len(args) == 2 else "list"
        return f"a [{', '.join(describe_type(a) for a in args)}] {noun}"
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
            return {_element(k, args[0], k, k): _element(v, args[1], k, v) for k, v in value.items()}
        return value
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _coerce_enum(value, tp)
    return _coerce_scalar(value, tp)


def _element(value: Any, tp: Any, step: Any, shown: Any) -> Any:
    """``coerce`` of one element of a container; an error names the element's key or index."""
    try:
        return coerce(value, tp)
    except CoerceError as exc:
        raise exc.inside(step, shown) from None


def _coerce_enum(value: Any, tp: type[enum.Enum]) -> Any:
    """An enum member from its value (``"fast"``) or its name."""
    if isinstance(value, tp):
        return value
    for member in tp:
        if value == member.value or value == member.name:
            return member
    raise CoerceError(describe_type(tp))


def _coerce_sequence(value: Any, tp: Any, container: Any, args: tuple[Any, ...]) -> Any:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]  # a single item where a list is expected
    if not isinstance(value, list | tuple):
        raise CoerceError(describe_type(tp))
    if container is tuple and _fixed_length(args):  # tuple[int, float]: one type per position
        if len(value) != len(args):
            raise CoerceError(describe_type(tp))
        return tuple(_element(v, t, i, v) for i, (v, t) in enumerate(zip(value, args, strict=True)))
    inner = args[0] if args else Any
    if container is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = args[0]
    items = [_element(v, inner, i, v) for i, v in enumerate(value)]
    if container in (tuple, typing.Sequence):
        return tuple(items)
    if container in (set, frozenset):
        return frozenset(items)
    return items


def _fixed_length(args: tuple[Any, ...]) -> bool:
    """Whether tuple type arguments name one type per position (not ``tuple[X, ...]``)."""
    return bool(args) and not (len(args) == 2 and args[1] is Ellipsis)


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
