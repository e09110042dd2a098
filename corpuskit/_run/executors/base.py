"""What an executor is.

An executor runs picklable work units (``fn(task) -> result``) that read and write
only through the run directory. The runner hands it one batch at a time (the shards
of a segment, the buckets of a reduce) and waits for the whole batch.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

__all__ = ["MAIN_GUARD_HINT", "Executor", "TaskFailed", "available_cores"]

MAIN_GUARD_HINT = ("a script that runs a pipeline with the local executor must guard it with "
                   "`if __name__ == \"__main__\":` (worker processes start by importing the script)")


class TaskFailed(Exception):
    """A work unit failed for good (after retries); ``cause`` is the last error."""

    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class Executor(Protocol):
    """Runs batches of work units.

    ``workers`` is the parallelism the executor uses. ``map`` runs ``fn`` over every
    task and returns the results in task order; ``on_done(task, result)`` is called
    in the driving process as each task finishes (for progress). A task whose worker
    dies is retried up to ``retries`` times; an exception raised by ``fn`` itself is
    not retried and propagates. ``close`` releases workers.
    """

    name: str
    workers: int

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        on_done: Callable[[Any, Any], None] | None = None,
    ) -> list[Any]: ...

    def close(self) -> None: ...


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Deferred:
    """Interruptions that arrive while worker processes start, raised once they have started."""

    depth = 0
    pending: BaseException | None = None


def interrupt(exc: BaseException) -> None:
    """Raise ``exc`` now (from a signal handler), or as soon as no worker process is starting.

    A worker whose start is cut short (the parent interrupted while it hands the worker its
    start-up data) prints a traceback of its own; waiting for the start to finish avoids it.
    """
    if _Deferred.depth:
        _Deferred.pending = exc
        return
    raise exc


@contextlib.contextmanager
def starting_workers() -> Iterator[None]:
    """Defer :func:`interrupt` while worker processes start; raise what arrived meanwhile after."""
    _Deferred.depth += 1
    try:
        yield
    finally:
        _Deferred.depth -= 1
        pending, _Deferred.pending = _Deferred.pending, None
        if pending is not None and not _Deferred.depth:
            raise pending
