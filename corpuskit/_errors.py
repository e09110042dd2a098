"""Exceptions a user of corpuskit can see.

Every error a user triggers is one of these classes, and its message says where
(file:line:col of a pipeline file, or file and record of an input), what was
expected, what was found, and a hint. A traceback is a bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ConfigError",
    "ConfigWarning",
    "CorpuskitError",
    "DataError",
    "InputError",
    "ParamError",
    "PluginError",
    "ResumeError",
    "RunDirError",
    "RunError",
    "StageError",
    "closest",
]


class CorpuskitError(Exception):
    """Base class of every error corpuskit reports to a user.

    ``message`` says what was expected and what was found; ``hint``, if given, what
    to do about it. The text a user sees is ``message``, then ``hint`` on its own
    indented line::

        plugin 'x' registers Foo, which is not marked with @stage
          hint: decorate it with @corpuskit.stage('name', kind='clean')
    """

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.detail = message
        self.hint = hint
        text = self._prefix() + message
        super().__init__(f"{text}\n  hint: {hint}" if hint else text)

    def _prefix(self) -> str:
        """What goes before the message (a subclass's location of the error)."""
        return ""


class ConfigError(CorpuskitError):
    """A pipeline file (or an override) is wrong; raised before any data is touched.

    ``where`` is ``file:line:col`` (or ``--set KEY``), ``key`` the dotted path of the
    offending value; the message starts with both.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.where = where
        self.key = key
        super().__init__(message, hint=hint)

    def _prefix(self) -> str:
        return "".join(f"{part}: " for part in (self.where, self.key) if part)


class ParamError(ConfigError, ValueError):
    """A stage parameter's value is invalid, at a known character of it.

    Raised by a stage's validator (or ``__attrs_post_init__``) while the pipeline is
    built: ``param`` is the parameter, ``within`` the keys or indexes that lead inside it
    to the offending element (``("replace", 2)``... for a list: ``(2,)``), ``at`` the
    offset of the offending character in that string (a regular expression, an
    expression). The pipeline file's error then points at that character's
    ``file:line:col`` and shows it with a caret.
    """

    def __init__(self, message: str, *, param: str, within: tuple[str | int, ...] = (), at: int | None = None,
                 hint: str | None = None) -> None:
        self.param = param
        self.within = within
        self.at = at
        super().__init__(message, key=".".join(str(k) for k in (param, *within)), hint=hint)


class ConfigWarning(UserWarning):
    """Something in a pipeline file is probably wrong, but the pipeline can run.

    Found when the pipeline is validated (a stage's ``check_upstream``); kept on
    ``Pipeline.warnings`` and printed by the command line. ``where`` and ``key`` say
    where, like :class:`ConfigError`'s.
    """

    def __init__(self, message: str, *, where: str | None = None, key: str | None = None,
                 hint: str | None = None) -> None:
        self.detail = message
        self.where = where
        self.key = key
        self.hint = hint
        text = "".join(f"{part}: " for part in (where, key) if part) + message
        super().__init__(f"{text}\n  hint: {hint}" if hint else text)


class InputError(ConfigError):
    """An input named by the pipeline is missing or unreadable (exit code 2)."""


class PluginError(CorpuskitError):
    """A plugin breaks the contract: duplicate stage name, bad hook, bad stage class."""

    exit_code = 2


class DataError(CorpuskitError):
    """Input data is malformed and the pipeline asked to stop on it (``on_error: fail``)."""


class RunError(CorpuskitError):
    """The run failed (a worker died for good, an output could not be written)."""


class RunDirError(RunError):
    """The run directory cannot be used: corpuskit did not create it, or another run holds it (exit code 2)."""

    exit_code = 2


class StageError(RunError):
    """A stage failed in a way that stops the run: it broke its contract (returned no
    document, put a set in ``meta``), raised outside per-document work (``setup``,
    ``reduce``, ``commit``...), or raised on too many documents in a row."""


class ResumeError(CorpuskitError):
    """``--resume`` cannot continue the interrupted run (config or inputs changed)."""

    exit_code = 2


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, or None when nothing is close."""
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint sentence: the closest candidate, then every valid name."""
    names = sorted(candidates)
    best = closest(word, names)
    listing = ", ".join(names) if names else "(none)"
    if best:
        return f"did you mean '{best}'? valid: {listing}"
    return f"valid: {listing}"
