"""JSON lines with orjson's speed and without its limit on integers.

orjson reads an integer beyond 64 bits as a float (``2**70`` comes back as
``1.1805916207174113e+21``) and refuses to write one. :func:`loads` re-reads a line
that may hold such an integer (a run of 19 or more digits) with the standard
library's parser, which keeps it exact; :func:`dumps_line` writes such integers
through ``orjson.Fragment``, so every other byte is what orjson writes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["dumps_line", "loads"]

_LONG_DIGITS = re.compile(rb"\d{19,}")  # 2**63 has 19 digits; shorter integers fit orjson
_TWO_63 = float(2**63)
_NESTED_OR_FLOAT = (float, dict, list)
_INT64 = range(-(2**63), 2**64)  # what orjson reads and writes exactly


def loads(raw: bytes) -> Any:
    """``raw`` parsed as JSON; integers of any size kept exact. Raises orjson.JSONDecodeError.

    orjson reads an integer beyond 64 bits as a float; only a line where such a float
    appears (rare) is parsed again, by the standard library, which keeps integers exact.
    """
    value = orjson.loads(raw)  # validates (stricter than the standard library: no NaN)
    if _has_huge_float(value) and _LONG_DIGITS.search(raw) is not None:
        return json.loads(raw)
    return value


def _has_huge_float(value: Any) -> bool:
    """Whether a float at least 2**63 in size (what orjson makes of a huge integer) is in ``value``."""
    kind = type(value)
    if kind is float:
        return bool(abs(value) >= _TWO_63)
    if kind is dict or kind is list:
        for item in value.values() if kind is dict else value:
            if type(item) in _NESTED_OR_FLOAT and _has_huge_float(item):
                return True
    return False


def dumps_line(value: Any) -> bytes:
    """``value`` as one JSON line (orjson's bytes), integers of any size included."""
    try:
        return orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return orjson.dumps(_fragments(value), option=orjson.OPT_APPEND_NEWLINE)


def with_big_ints(value: Any) -> Any:
    """``value`` ready for orjson: integers beyond 64 bits as raw JSON fragments (else unchanged)."""
    return _fragments(value)


def _fragments(value: Any) -> Any:
    """``value`` with each integer orjson cannot write turned into a raw JSON fragment."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return orjson.Fragment(str(value).encode())
    if isinstance(value, dict):
        return {k: _fragments(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_fragments(v) for v in value]
    return value
