"""``regex``: keep, drop or rewrite documents by regular expressions, within a time budget.

Patterns are compiled by the ``regex`` package (the syntax of Python's ``re``, plus
its extensions), whose searches take a timeout: a pattern that backtracks
catastrophically on some document costs at most ``timeout`` seconds there, and that
document is rejected (reason ``regex timeout``) instead of hanging the run.
"""

from __future__ import annotations

import functools
import re
import time
from typing import Any

import attrs

from corpuskit._document import Document
from corpuskit._errors import ParamError
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["RegexFilter"]

_GROUP_REF = re.compile(r"\\(\d+)|\\g<([^>]*)>")
_SHOWN = 40


@functools.cache
def compiled(pattern: str) -> Any:
    """The ``regex`` package's compiled pattern (cached per process)."""
    import regex

    return regex.compile(pattern)


def _check_pattern(name: str, within: tuple[str | int, ...], pattern: str) -> Any:
    import regex

    try:
        return compiled(pattern)
    except regex.error as exc:
        raise ParamError(f"invalid regular expression: {exc.msg}", param=name, within=within,
                         at=exc.pos, hint="the syntax is Python's re (docs/filters.md, 'regex')") from None


def _check_patterns(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, pattern in enumerate(value):
        _check_pattern(attribute.name, (i,), pattern)


def _check_replacements(instance: Any, attribute: attrs.Attribute[Any], value: tuple[dict[str, str], ...]) -> None:
    for i, item in enumerate(value):
        unknown = sorted(set(item) - {"pattern", "with"})
        if unknown or "pattern" not in item or "with" not in item:
            raise ParamError(f"expected {{pattern: REGEX, with: TEXT}}, found keys {sorted(item)}",
                             param=attribute.name, within=(i,), hint="e.g. replace: [{pattern: '\\s+$', with: ''}]")
        found = _check_pattern(attribute.name, (i, "pattern"), item["pattern"])
        for m in _GROUP_REF.finditer(item["with"]):
            group = m.group(1) or m.group(2)
            known = group in found.groupindex or (group.isdigit() and int(group) <= found.groups)
            if not known:
                raise ParamError(f"the replacement refers to group {group}, which the pattern does not have",
                                 param=attribute.name, within=(i, "with"), at=m.start(),
                                 hint=f"the pattern has {found.groups} group(s)")


@stage("regex", kind="clean", writes=["regex"])
@attrs.frozen
class RegexFilter(Filter):
    """Drops documents a ``drop_matching`` pattern matches, keeps only those a
    ``keep_matching`` pattern matches, and rewrites the kept ones with ``replace``.

    Patterns use Python's ``re`` syntax (inline flags such as ``(?i)`` work), compiled
    by the ``regex`` package when the pipeline is validated: an invalid pattern is an
    error pointing at the character where it breaks. Every search and replacement of a
    document shares a budget of ``timeout`` seconds; a document that exhausts it is
    rejected (reason ``regex timeout``), so a pattern that backtracks catastrophically
    never hangs a run. Rejects: ``drop pattern 0 matched`` (detail: the pattern and the
    matched text), ``no keep pattern matched``, ``empty`` (the replacements left no
    text). ``action: annotate`` keeps every document unchanged and writes
    ``meta.regex = {keep, reason}``. See docs/filters.md.
    """

    drop_matching: tuple[str, ...] = param((), doc="a document that any of these patterns matches is rejected",
                                           validator=_check_patterns)
    keep_matching: tuple[str, ...] = param((), doc="if given, a document none of these patterns matches is rejected",
                                           validator=_check_patterns)
    replace: tuple[dict[str, str], ...] = param(
        (), doc="rewrites of kept documents, in order: [{pattern: REGEX, with: TEXT}] (\\1, \\g<name> refer to groups)",
        validator=_check_replacements)
    timeout: float = param(1.0, doc="seconds all the searches of one document may take",
                           validator=attrs.validators.gt(0))
    action: Action = action_param()

    def _decide(self, doc: Document, rules: Rules, deadline: float) -> None:
        """The drop and keep rules, in that order."""
        for i, pattern in enumerate(self.drop_matching):
            found = compiled(pattern).search(doc.text, timeout=_left(deadline))
            if found is not None:
                rules.fail(f"drop pattern {i} matched", f"{_show(pattern)} matched {_show(found.group())} "
                                                          f"at character {found.start()}")
                return
        if self.keep_matching and not any(compiled(p).search(doc.text, timeout=_left(deadline))
                                          for p in self.keep_matching):
            rules.fail("no keep pattern matched")

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        rules = Rules(measure_all=self.action == "annotate")
        deadline = time.monotonic() + self.timeout
        try:
            self._decide(doc, rules, deadline)
            if rules.failed or not self.replace or self.action == "annotate":
                return rules.verdict()
            text = doc.text
            for item in self.replace:
                text = compiled(item["pattern"]).sub(item["with"], text, timeout=_left(deadline))
        except TimeoutError:
            rules.fail("regex timeout", f"the patterns took more than {self.timeout:g} s on this document")
            return rules.verdict()
        if text == doc.text:
            return rules.verdict()
        if not text.strip():
            rules.fail("empty", "the replacements left no text")
            return rules.verdict()
        ctx.count("changed")
        return rules.verdict(Document(doc.id, text, doc.meta))


def _left(deadline: float) -> float:
    """Seconds left of a document's budget (never 0: the regex package would read it as 'no limit')."""
    return max(deadline - time.monotonic(), 1e-6)


def _show(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "...")
