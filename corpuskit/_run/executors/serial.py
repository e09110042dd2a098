"""``serial``: every work unit in this process, one after another."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["SerialExecutor"]


class SerialExecutor:
    """Runs work units in the calling process: for embedding, tests and debugging."""

    name = "serial"

    def __init__(self, workers: int = 1, options: dict[str, Any] | None = None, retries: int = 0) -> None:
        self.workers = 1

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        on_done: Callable[[Any, Any], None] | None = None,
    ) -> list[Any]:
        results = []
        for task in tasks:
            result = fn(task)
            if on_done is not None:
                on_done(task, result)
            results.append(result)
        return results

    def close(self) -> None:
        pass
