"""What a rule-based filter decides about one document, and ``action: drop | annotate``.

A rule-based filter (``gopher_quality``, ``c4_quality``...) measures values on a document
and checks them against thresholds, in order. :class:`Rules` collects the values and the
first rule that fails; :meth:`Rules.verdict` turns them into a :class:`Verdict`, which the
:class:`~corpuskit.Filter` loop acts on:

* ``action: drop`` (the default): a document that passes goes on unchanged (or as
  :attr:`Verdict.document`); one that fails goes to the rejects with reason
  ``"<rule> <op> <limit>"`` (a constant label: stats group by it) and detail
  ``"<rule> <value> <op> <limit>"`` (``symbol_word_ratio 0.14 > 0.1``).
* ``action: annotate``: every document goes on, with the measured values and the
  verdict under ``meta[<stage name>]``::

      {"word_count": 412, "symbol_word_ratio": 0.14, ..., "keep": false,
       "reason": "symbol_word_ratio 0.14 > 0.1"}

  ``reason`` is the detail of the first failed rule, None when every rule passed. The
  stage counts each would-be reject as ``annotated: <rule> <op> <limit>``. A filter
  that measures lazily (stops at the first failed rule when dropping) measures every
  value when annotating, so the record is complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from corpuskit._document import Document

__all__ = ["ACTIONS", "Action", "Rules", "Verdict", "action_param", "format_number"]

Action = Literal["drop", "annotate"]
"""The type of a rule-based filter's ``action`` field: ``action: Action = action_param()``."""

ACTIONS: tuple[Action, ...] = ("drop", "annotate")
"""The values of a rule-based filter's ``action`` parameter."""

_ACTION_DOC = ("drop: reject the documents that fail a rule (the reason names the rule and the value); "
               "annotate: keep every document and write the measured values and the verdict under "
               "meta.<stage name> ({..., keep, reason})")


def action_param(default: Action = "drop") -> Any:
    """The ``action`` field of a rule-based filter: ``action: Action = action_param()``.

    ``drop`` or ``annotate`` (see this module); the pipeline file's value is checked
    against :data:`ACTIONS` like any ``Literal`` parameter.
    """
    if default not in ACTIONS:
        raise ValueError(f"action must be one of {ACTIONS}, not {default!r}")
    return attrs.field(default=default, validator=attrs.validators.in_(ACTIONS), metadata={"doc": _ACTION_DOC})


@attrs.frozen
class Verdict:
    """A rule-based filter's decision about one document.

    ``values``: what was measured (JSON-able, by name); ``rule``: the constant label of
    the first failed rule (``symbol_word_ratio > 0.1``), None when kept; ``detail``: the
    same with this document's value (``symbol_word_ratio 0.14 > 0.1``); ``document``: the
    document to pass on when it is not the input unchanged (a filter that also cleans,
    such as ``c4_quality`` removing lines).
    """

    keep: bool
    values: Mapping[str, Any] = attrs.field(factory=dict)
    rule: str | None = None
    detail: str | None = None
    document: Document | None = None

    def annotated(self, doc: Document, key: str) -> Document:
        """``doc`` (or :attr:`document`) with the values and verdict merged into ``meta[key]``."""
        out = self.document if self.document is not None else doc
        previous = out.meta.get(key)
        record: dict[str, Any] = dict(previous) if isinstance(previous, dict) else {}
        record.update(self.values)
        record["keep"] = self.keep
        record["reason"] = self.detail if not self.keep else None
        meta = dict(out.meta)
        meta[key] = record
        return Document(out.id, out.text, meta)


class Rules:
    """Collects measured values and checks rules in order; the first failure decides.

    ``measure_all``: keep measuring after a failure (annotate mode); when False,
    :attr:`done` turns True at the first failure so the filter can stop early.

    Example::

        rules = Rules(measure_all=self.action == "annotate")
        rules.at_least("word_count", words, self.min_doc_words)
        if rules.done:
            return rules.verdict()
        rules.at_most("symbol_word_ratio", symbols / words, self.max_symbol_word_ratio)
        return rules.verdict()
    """

    __slots__ = ("_detail", "_rule", "measure_all", "values")

    def __init__(self, *, measure_all: bool = False) -> None:
        self.measure_all = measure_all
        self.values: dict[str, Any] = {}
        self._rule: str | None = None
        self._detail: str | None = None

    @property
    def failed(self) -> bool:
        """Whether a rule has failed."""
        return self._rule is not None

    @property
    def done(self) -> bool:
        """Whether the filter may stop measuring: a rule failed and not every value is wanted."""
        return self._rule is not None and not self.measure_all

    def record(self, name: str, value: Any) -> None:
        """Record a measured value without a rule (floats rounded to 6 decimals)."""
        self.values[name] = round(value, 6) if isinstance(value, float) else value

    def at_most(self, name: str, value: float, limit: float | None) -> bool:
        """Record ``value``; the rule fails when it is above ``limit`` (None: no rule). True if it passes."""
        self.record(name, value)
        if limit is None or value <= limit:
            return True
        self._failure(name, value, ">", limit)
        return False

    def at_least(self, name: str, value: float, limit: float | None) -> bool:
        """Record ``value``; the rule fails when it is below ``limit`` (None: no rule). True if it passes."""
        self.record(name, value)
        if limit is None or value >= limit:
            return True
        self._failure(name, value, "<", limit)
        return False

    def fail(self, rule: str, detail: str | None = None) -> None:
        """A rule that is not a threshold failed (``lorem_ipsum``); ``detail`` defaults to ``rule``."""
        if self._rule is None:
            self._rule = rule
            self._detail = detail or rule

    def verdict(self, document: Document | None = None) -> Verdict:
        """The decision: kept when no rule failed; ``document`` replaces the input when given."""
        return Verdict(self._rule is None, self.values, self._rule, self._detail, document)

    def _failure(self, name: str, value: float, op: str, limit: float) -> None:
        if self._rule is None:
            shown, bound = format_number(value), format_number(limit)
            if shown == bound:  # 0.10004 > 0.1 must not read "0.1 > 0.1"
                shown = repr(value)
            self._rule = f"{name} {op} {bound}"
            self._detail = f"{name} {shown} {op} {bound}"


def format_number(value: float) -> str:
    """``12``, ``0.14``, ``3.3333``: integers as they are, floats to 4 decimals without trailing zeros."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.3g}"
