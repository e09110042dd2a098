"""How a run reports progress; the CLI draws bars, the library stays quiet."""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["NullProgress", "Progress"]


class Progress(Protocol):
    """Receives the runner's progress: phases, and finished work units in each."""

    def phase(self, label: str, total: int, completed: int = 0) -> None:
        """A phase with ``total`` work units starts (``completed`` already done)."""

    def advance(self, result: dict[str, Any]) -> None:
        """One work unit finished; ``result`` has ``docs_in`` for shard units."""

    def end_phase(self) -> None:
        """The current phase finished."""


class NullProgress:
    """Reports nothing (the library default)."""

    def phase(self, label: str, total: int, completed: int = 0) -> None:
        pass

    def advance(self, result: dict[str, Any]) -> None:
        pass

    def end_phase(self) -> None:
        pass
