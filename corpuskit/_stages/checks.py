"""Checks a stage makes on the pipeline around it, when the pipeline is validated.

A stage may define ``check_upstream(self, upstream)``: it runs once when the pipeline
file is validated (``corpuskit validate``, ``corpuskit run``, ``Pipeline.from_yaml``...),
before any data is read. ``upstream`` (:class:`Upstream`) describes the stages before it
and the ``meta`` keys they declared they write (``@stage(..., writes=[...])``); the
method yields :class:`Finding` objects. An error stops the pipeline as a ``ConfigError``,
a warning is kept on ``Pipeline.warnings`` (the command line prints it); both point at
the stage, or at one of its parameters (and a character in it) in the pipeline file.
See docs/plugins.md, "Checks at validation".
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

import attrs

__all__ = ["Finding", "Upstream", "UpstreamStage"]


@attrs.frozen
class Finding:
    """One problem a stage's ``check_upstream`` found in the pipeline.

    ``severity`` is ``"error"`` (the pipeline is refused) or ``"warning"`` (it runs;
    the warning is shown). ``param`` names the stage parameter the problem is about,
    ``at`` a character offset into that parameter's value (a string): the message then
    points at ``file:line:col`` of that character and shows it with a caret.
    """

    message: str
    severity: str = attrs.field(default="error", validator=attrs.validators.in_(("error", "warning")))
    hint: str | None = None
    param: str | None = None
    at: int | None = None

    @classmethod
    def error(cls, message: str, *, hint: str | None = None, param: str | None = None,
              at: int | None = None) -> Finding:
        """A problem that makes the pipeline invalid."""
        return cls(message, "error", hint, param, at)

    @classmethod
    def warning(cls, message: str, *, hint: str | None = None, param: str | None = None,
                at: int | None = None) -> Finding:
        """A problem worth showing that does not stop the pipeline."""
        return cls(message, "warning", hint, param, at)


@attrs.frozen
class UpstreamStage:
    """A stage before the one being checked: its position, name, kind and declared meta keys.

    ``writes`` is None when the stage declared nothing: it may write any key.
    """

    index: int
    name: str
    kind: str
    writes: tuple[str, ...] | None

    def may_write(self, key: str) -> bool:
        """Whether the stage may write the top-level meta key ``key``."""
        if self.writes is None:
            return True
        return any(fnmatch.fnmatchcase(key, pattern) for pattern in self.writes)


@attrs.frozen
class Upstream:
    """The stages before the one being checked, in pipeline order.

    ``open`` is True when documents may come from outside the pipeline's stages: the
    pipeline has no load stage, so ``Pipeline.process`` hands it the caller's documents,
    whose meta may hold anything.
    """

    stages: tuple[UpstreamStage, ...]
    open: bool = False

    def __iter__(self) -> Iterator[UpstreamStage]:
        return iter(self.stages)

    def names(self) -> list[str]:
        """The upstream stages' names, in order."""
        return [s.name for s in self.stages]

    def has(self, *names: str) -> bool:
        """Whether any of ``names`` runs before the checked stage."""
        return any(s.name in names for s in self.stages)

    def last(self, *names: str) -> UpstreamStage | None:
        """The last upstream stage called one of ``names`` (None when none runs)."""
        for s in reversed(self.stages):
            if s.name in names:
                return s
        return None

    def writers(self, key: str) -> list[UpstreamStage]:
        """The upstream stages that may write the top-level meta key ``key``."""
        return [s for s in self.stages if s.may_write(key)]

    def may_write(self, key: str) -> bool:
        """Whether a document may reach the checked stage with ``meta[key]`` set."""
        return self.open or bool(self.writers(key))
