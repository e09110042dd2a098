"""What a stage must return, checked at the stage that broke it.

Every way of running a pipeline (each executor, ``Pipeline.process``, ``run_stage``)
goes through the guards and the global-stage protocol, which call the checks here, so
a contract is checked once, in one place:

* a streaming stage yields :class:`~corpuskit.Document` objects, a Mapper's ``map``
  returns one, a global stage's ``prepare`` returns one and ``apply`` one or None;
* a document's ``meta`` is JSON-able (what the writers and the run directory store);
* a global stage's keys are ``(key, value)`` pairs, a reduce without ``combine``
  yields ``(ref, decision)`` pairs, and keys, values, partials and decisions pickle
  (they cross process boundaries under every executor, so they are pickled in memory
  too);
* an exception outside per-document work (``setup``, ``reduce``, ``combine``,
  ``open_part``, ``commit``) stops the run with one :class:`~corpuskit.StageError`.

The error names the stage, its plugin, the phase and the offending value (its type and
a short repr), and points at the plugin's code: the stage method that returned the
value, or the last frame of a traceback that lies in the plugin's package.
"""

from __future__ import annotations

import inspect
import pickle
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from corpuskit._document import Document
from corpuskit._errors import CorpuskitError, StageError
from corpuskit._io.jsonl import with_big_ints
from corpuskit._stages.context import StageContext, plugin_frame
from corpuskit._stages.kinds import Violation

__all__ = [
    "Tracked",
    "Violation",
    "check_document",
    "check_pairs",
    "contract_error",
    "dumps_checked",
    "in_phase",
    "short_repr",
    "unpicklable",
]

_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
"""orjson would write dates and dataclasses, but they would come back as strings and dicts
between segments: refused, so every mode of running sees the same values."""


def short_repr(value: Any, limit: int = 80) -> str:
    """``set {'a', 'b'}`` - the type of a value and its repr, cut to ``limit`` characters."""
    try:
        shown = repr(value)
    except Exception:  # a repr that raises still gets named
        shown = "<unprintable>"
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    return f"{type(value).__name__} {shown}"


def _method_location(stage: Any, phase: str) -> str:
    """`` (at my_plugin.py:12 in Shout.map)`` - where the stage defines the phase's method."""
    method = getattr(type(stage), phase, None)
    try:
        func = inspect.unwrap(method)  # type: ignore[arg-type]
        path = inspect.getsourcefile(func)
        line = inspect.getsourcelines(func)[1]
    except (TypeError, OSError):
        return ""
    return f" (at {Path(path or '?').name}:{line} in {getattr(func, '__qualname__', phase)})"


def _who(ctx: StageContext) -> str:
    plugin = getattr(ctx, "plugin", None)
    return f"stage '{ctx.stage}'" + (f" (plugin '{plugin}')" if plugin else "")


def contract_error(ctx: StageContext, stage: Any, phase: str, violation: Violation) -> StageError:
    """The error a user sees for a value that breaks the contract of ``phase``."""
    return StageError(
        f"{_who(ctx)}: {violation.phase or phase}() {violation.message}, found {short_repr(violation.value)}"
        f"{_method_location(stage, violation.phase or phase)}",
        hint=violation.hint,
    )


def phase_failure(ctx: StageContext, stage: Any, phase: str, exc: BaseException) -> StageError:
    """The error a user sees for an exception raised in ``phase`` outside per-document work."""
    message = str(exc) or "(no message)"
    return StageError(
        f"{_who(ctx)} failed in {phase}(): {type(exc).__name__}: {message}{plugin_frame(exc, stage)}",
        hint=f"fix {type(stage).__name__}.{phase}() and run again ('--resume' keeps the finished shards)",
    )


@contextmanager
def in_phase(ctx: StageContext, stage: Any, phase: str, *, io_errors: bool = False) -> Iterator[None]:
    """Turn what a stage raises or breaks in ``phase`` into one error naming it.

    Used around the calls that are not per-document work, where one document cannot
    be rejected instead: ``setup``, ``reduce``, ``combine``, ``open_part``, ``commit``,
    and the stores that receive keys and decisions. With ``io_errors``, an ``OSError``
    passes through to the caller's handler (writing outputs: a full disk).
    """
    try:
        yield
    except Exception as exc:
        error = phase_error(ctx, stage, phase, exc, io_errors=io_errors)
        if error is None:
            raise
        raise error from None


def phase_error(ctx: StageContext, stage: Any, phase: str, exc: Exception, *, io_errors: bool = False
                ) -> StageError | None:
    """What :func:`in_phase` raises for ``exc``; None where ``exc`` itself goes on.

    For a loop that cannot afford a context manager per document (the map phase's key
    writer): ``except Exception as exc`` then raise this ``from None``, or re-raise.
    """
    if isinstance(exc, CorpuskitError):
        return None
    if isinstance(exc, Violation):
        return contract_error(ctx, stage, phase, exc)
    if io_errors and isinstance(exc, OSError):
        return None
    return phase_failure(ctx, stage, phase, exc)


_NOT_A_DOCUMENT_HINT = {
    "map": "map() must return the document, e.g. `return doc.with_meta(...)`; did you forget `return`?",
    "process": "process() must yield Document objects (and ctx.reject the ones it drops)",
    "prepare": "prepare() must return the document (changed or not)",
    "apply": "apply() returns the document, or calls ctx.reject(doc, reason) and returns None",
}


def check_document(doc: Any, ctx: StageContext, stage: Any, phase: str) -> None:
    """Raise unless ``doc`` is a :class:`Document` whose ``meta`` is a JSON-able dict.

    JSON-ability is checked with ``orjson.dumps`` of ``meta`` (what the writers do
    anyway); its cost is measured in docs/benchmarks.md.
    """
    if not isinstance(doc, Document):
        raise contract_error(ctx, stage, phase, Violation("must produce a Document", doc,
                                                          _NOT_A_DOCUMENT_HINT.get(phase)))
    meta = doc.meta
    if type(meta) is not dict:
        raise contract_error(ctx, stage, phase, Violation(f"produced document '{doc.id}' whose meta is not a dict",
                                                          meta, "meta is a dict of JSON-able values"))
    try:
        orjson.dumps(meta, option=_STRICT)  # the common case, without _jsonable's call
        return
    except TypeError:
        pass
    if not _jsonable(meta):
        key, value = _first_unjsonable(meta)
        raise contract_error(ctx, stage, phase, Violation(
            f"put a value that is not JSON-able in meta['{key}'] of document '{doc.id}'", value,
            "meta holds JSON-able values only (str, int, float, bool, None, lists and dicts of them): "
            "convert sets to sorted lists, dates to ISO strings, bytes to str")) from None


def _jsonable(value: Any) -> bool:
    """Whether the writers can write ``value`` and read it back the same (big integers included)."""
    try:
        orjson.dumps(value, option=_STRICT)
    except TypeError:
        try:
            orjson.dumps(with_big_ints(value), option=_STRICT)
        except TypeError:
            return False
    return True


def _first_unjsonable(meta: dict[str, Any], prefix: str = "") -> tuple[str, Any]:
    """The dotted key of the first value in ``meta`` that orjson refuses, and the value."""
    for key, value in meta.items():
        path = f"{prefix}{key}"
        if not isinstance(key, str):
            return path, key
        if not _jsonable(value):
            if isinstance(value, dict):
                return _first_unjsonable(value, path + ".")
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if not _jsonable(item):
                        return f"{path}[{i}]", item
            return path, value
    return prefix.rstrip("."), meta


def check_pairs(pairs: list[Any], what: str) -> None:
    """Raise :class:`Violation` unless every item is a 2-tuple (``(key, value)``, ``(ref, decision)``)."""
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise Violation(f"must yield {what} pairs", pair, f"yield {what} tuples")


class Tracked:
    """Iterates ``items`` (a stage's output), remembering the last ``size`` and whether the stage raised.

    A store that pickles a stage's output in chunks wraps it in this, so a failure to
    pickle can name the item, and an exception of the stage itself is told apart.
    """

    def __init__(self, items: Any, size: int = 4096) -> None:
        self._items = iter(items)
        self.recent: deque[Any] = deque(maxlen=size)
        self.source_raised = False

    def __iter__(self) -> Tracked:
        return self

    def __next__(self) -> Any:
        try:
            item = next(self._items)
        except StopIteration:
            raise
        except BaseException:
            self.source_raised = True
            raise
        self.recent.append(item)
        return item


def dumps_checked(items: Any, what: str) -> bytes:
    """``pickle.dumps(items)``, or a :class:`Violation` naming the first item that does not pickle."""
    try:
        return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        raise unpicklable(items, what, exc) from None


def unpicklable(items: Any, what: str, exc: BaseException) -> Violation:
    """A :class:`Violation` for ``items`` that failed to pickle with ``exc``: finds the item."""
    culprit = items
    if isinstance(items, list | tuple):
        for item in items:
            try:
                pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                culprit = item
                break
    return Violation(
        f"produced {what} that cannot be pickled ({type(exc).__name__}: {exc})", culprit,
        "keys, values, partials and decisions travel between processes under every executor: use plain "
        "data (str, int, tuples, lists, dicts, module-level classes), not lambdas, local classes or open files",
    )
