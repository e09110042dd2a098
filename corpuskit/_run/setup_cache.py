"""Stage instances that ran ``setup(ctx)``, kept once per worker process and run.

A worker process runs many shards of one run; a stage's ``setup`` (a lexicon, a
model) runs on the first and its state is reused by the rest. The cache is keyed by
the run's token, and :func:`forget_run` drops a finished run's entries.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from corpuskit._config.pipeline import StageSpec
from corpuskit._run.contracts import in_phase
from corpuskit._stages.context import StageContext

__all__ = ["YOUNG_THRESHOLD", "fewer_collections", "forget_run", "prepared"]

YOUNG_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation while documents flow (Python's default: 700).
Per-document garbage is acyclic: reference counting frees it, and a collection every 700
allocations only rescans the documents a part writer or a sample holds."""

# Per worker process: stage instances that ran setup(), and their state, per run.
_SETUP: dict[tuple[str, str], tuple[Any, dict[str, Any]]] = {}


def prepared(run_token: str, spec: StageSpec, ctx: StageContext) -> Any:
    """The stage instance of this worker, ``setup(ctx)`` called once per run."""
    key = (run_token, spec.label)
    entry = _SETUP.get(key)
    if entry is None:
        instance = spec.stage
        state: dict[str, Any] = {}
        ctx.state = state
        setup = getattr(instance, "setup", None)
        if callable(setup):
            with in_phase(ctx, instance, "setup"):
                setup(ctx)
            if multiprocessing.parent_process() is not None:  # a worker process, not the caller's
                gc.freeze()  # what setup loaded (lexicons, models) lives on: the collector stops rescanning it
                gc.set_threshold(YOUNG_THRESHOLD, 10, 10)  # per-document garbage is acyclic: collect less often
        entry = _SETUP[key] = (instance, state)
    ctx.state = entry[1]
    return entry[0]


def forget_run(run_token: str) -> None:
    """Drop this process's cached stage instances of a finished run."""
    for key in [k for k in _SETUP if k[0] == run_token]:
        del _SETUP[key]


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect young objects every :data:`YOUNG_THRESHOLD` allocations while this runs (one shard), then
    restore the thresholds: under the serial executor the process is the caller's. A worker process
    keeps the setting, as :func:`prepared` gives it for the worker's life (its reduce tasks too)."""
    before = gc.get_threshold()
    if before[0] >= YOUNG_THRESHOLD:
        yield
        return
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    if multiprocessing.parent_process() is not None:
        yield
        return
    try:
        yield
    finally:
        gc.set_threshold(*before)
