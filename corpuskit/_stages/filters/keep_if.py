"""``keep_if``: keep the documents for which a safe expression over meta and text statistics holds."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import attrs
import orjson

from corpuskit._document import Document
from corpuskit._errors import ParamError, closest
from corpuskit._stages.checks import Finding, Upstream
from corpuskit._stages.context import StageContext
from corpuskit._stages.filters.expr import Compiled, Env, ExprError, compile_expr
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["KeepIf"]

_SHOWN = 60


@functools.cache
def compiled(expr: str) -> Compiled:
    """The expression compiled once per process."""
    return compile_expr(expr)


def _check_expr(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    try:
        compiled(value)
    except ExprError as exc:
        raise ParamError(f"invalid expression: {exc.message}", param=attribute.name, at=exc.at,
                         hint=exc.hint or "docs/filters.md, 'keep_if', has the grammar") from None


@stage("keep_if", kind="clean", writes=["keep_if"])
@attrs.frozen
class KeepIf(Filter):
    """Keeps the documents for which ``expr`` is true; rejects the others.

    ``expr`` is a small, safe expression language (never Python's ``eval``) over
    ``meta`` (``meta.language``, ``meta.dedup.size``, ``meta["odd key"]``), the document's
    ``id`` and ``text``, and text statistics (``text.words``, ``text.chars``,
    ``text.lines``, ``text.paragraphs``, ``text.mean_word_length``,
    ``text.unique_word_ratio``, ``text.alpha_ratio``, ``text.digit_ratio``,
    ``text.upper_ratio``), with ``and or not``, ``== != < <= > >=``, ``in`` / ``not in``,
    ``+ - * / %``, lists, ``len()`` and ``lower()``::

        meta.language == "en" and text.words >= 100 and not ("lorem ipsum" in lower(text))

    It is parsed when the pipeline is validated: a syntax error is an error at the
    pipeline file's line and column with a caret under the spot, and a ``meta`` field
    that no stage before it declares it writes is a warning. A missing field reads as
    ``null``; evaluation never fails. Rejects: reason ``expression is false``, detail the
    values the expression read (``meta.language = "de", text.words = 80``). ``action:
    annotate`` keeps every document and writes ``meta.keep_if = {keep, reason}``. See
    docs/filters.md for the grammar.
    """

    expr: str = param(doc='the expression, e.g. meta.language == "en" and text.words >= 100',
                      validator=_check_expr)
    action: Action = action_param()

    def check_upstream(self, upstream: Upstream) -> Iterator[Finding]:
        seen: set[str] = set()
        for key, at in compiled(self.expr).meta_keys:
            if key in seen or upstream.may_write(key):
                continue
            seen.add(key)
            yield Finding.warning(f"no stage before keep_if writes meta.{key}", param="expr", at=at,
                                  hint=_written_hint(key, upstream))

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        expression = compiled(self.expr)
        env = Env(doc.id, doc.text, doc.meta)
        rules = Rules()
        if not expression.run(env):
            rules.fail("expression is false", _values(expression, env))
        return rules.verdict()


def _written_hint(key: str, upstream: Upstream) -> str:
    declared = sorted({k for s in upstream for k in (s.writes or ()) if not any(c in k for c in "*?[")})
    best = closest(key, declared)
    listing = ", ".join(declared) if declared else "none"
    guess = f"did you mean meta.{best}? " if best else ""
    return (f"{guess}meta keys the stages before it write: {listing} (a stage declares them with "
            "@stage(writes=[...]); documents without the key read it as null)")


def _values(expression: Compiled, env: Env) -> str:
    """``meta.language = "de", text.words = 80`` - what the expression read, for the reject's detail."""
    shown = []
    for name, read in expression.paths:
        if name in ("text", "meta"):
            continue
        value = orjson.dumps(read(env), default=str, option=orjson.OPT_NON_STR_KEYS).decode()
        shown.append(f"{name} = {value if len(value) <= _SHOWN else value[:_SHOWN] + '...'}")
    return ", ".join(shown) or "the expression is false"
