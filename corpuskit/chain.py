"""Streaming documents through stages: counting, timing and containing errors.

Every stage boundary is wrapped so that, per stage, documents in = out + rejected
can be checked, the stage's own seconds are measured (time spent upstream is
subtracted), and an exception raised for one document rejects that document and
lets the stage carry on with the next one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from corpuskit.context import StageContext, describe_exception
from corpuskit.document import Document
from corpuskit.errors import CorpuskitError, StageError

__all__ = ["ErrorBudget", "Feed", "apply_global", "keys_of", "run_stream_stage", "timed_source"]


class ErrorBudget:
    """Counts consecutive stage exceptions; too many stops the run."""

    def __init__(self, max_errors: int) -> None:
        self.max_errors = max_errors
        self.consecutive = 0

    def failed(self, label: str, doc_id: str, error: str) -> None:
        self.consecutive += 1
        if self.consecutive >= self.max_errors:
            raise StageError(
                f"stage '{label}' raised on {self.consecutive} documents in a row "
                f"(max_errors={self.max_errors}); the last, on document '{doc_id}': {error}\n"
                "  hint: fix the stage or the input, or raise max_errors in the pipeline file"
            )

    def succeeded(self) -> None:
        self.consecutive = 0


class Feed:
    """The input side of a stage: counts documents in and remembers the current one."""

    def __init__(self, upstream: Iterator[Document], ctx: StageContext, budget: ErrorBudget) -> None:
        self._upstream = upstream
        self._ctx = ctx
        self._budget = budget
        self.current: Document | None = None
        self.failed_current = False
        self.upstream_seconds = 0.0

    def __iter__(self) -> Feed:
        return self

    def __next__(self) -> Document:
        if self.current is not None and not self.failed_current:
            self._budget.succeeded()
        t0 = time.perf_counter()
        try:
            doc = next(self._upstream)
        finally:
            self.upstream_seconds += time.perf_counter() - t0
        self.current = doc
        self.failed_current = False
        self._ctx.stats.docs_in += 1
        return doc


def run_stream_stage(
    stage: Any,
    upstream: Iterator[Document],
    ctx: StageContext,
    budget: ErrorBudget,
) -> Iterator[Document]:
    """``stage.process`` over ``upstream`` with counting, timing and error containment."""
    feed = Feed(upstream, ctx, budget)
    stats = ctx.stats
    elapsed = 0.0
    output = iter(stage.process(feed, ctx))
    try:
        while True:
            t0 = time.perf_counter()
            try:
                doc = next(output)
            except StopIteration:
                elapsed += time.perf_counter() - t0
                break
            except CorpuskitError:
                raise
            except Exception as exc:
                elapsed += time.perf_counter() - t0
                current = feed.current
                if current is None or feed.failed_current:
                    raise  # failed before reading a document: a bug in the stage
                feed.failed_current = True
                error = describe_exception(exc)
                ctx.reject(current, f"error: {type(exc).__name__}", error)
                budget.failed(ctx.stage, current.id, error)
                output = iter(stage.process(feed, ctx))  # go on with the next document
                continue
            elapsed += time.perf_counter() - t0
            stats.docs_out += 1
            yield doc
    finally:
        stats.seconds += max(0.0, elapsed - feed.upstream_seconds)


def timed_source(
    docs: Iterator[Document], ctx: StageContext, *, count_in: bool = True
) -> Iterator[Document]:
    """A loader's or reader's output, counted and timed as that stage's work."""
    stats = ctx.stats
    elapsed = 0.0
    rejected_before = stats.rejected_total
    try:
        while True:
            t0 = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                elapsed += time.perf_counter() - t0
                break
            elapsed += time.perf_counter() - t0
            stats.docs_out += 1
            if count_in:
                stats.docs_in += 1
            yield doc
    finally:
        stats.seconds += elapsed
        if count_in:
            stats.docs_in += stats.rejected_total - rejected_before


def apply_global(
    stage: Any,
    docs: Iterator[Document],
    decisions_for: Callable[[int], list[Any]],
    ctx: StageContext,
    budget: ErrorBudget,
) -> Iterator[Document]:
    """A global stage's apply phase over one shard's documents, in order.

    Documents in were counted when their keys were computed; apply counts out.
    """
    stats = ctx.stats
    for index, doc in enumerate(docs):
        t0 = time.perf_counter()
        try:
            result = stage.apply(doc, decisions_for(index), ctx)
        except CorpuskitError:
            raise
        except Exception as exc:
            error = describe_exception(exc)
            ctx.reject(doc, f"error: {type(exc).__name__}", error)
            stats.seconds += time.perf_counter() - t0
            budget.failed(ctx.stage, doc.id, error)
            continue
        stats.seconds += time.perf_counter() - t0
        budget.succeeded()
        if result is not None:
            stats.docs_out += 1
            yield result


def keys_of(stage: Any, doc: Document, ref: Any, ctx: StageContext, budget: ErrorBudget) -> list[Any] | None:
    """A global stage's keys for one document (counted in); None if it raised (rejected)."""
    stats = ctx.stats
    stats.docs_in += 1
    t0 = time.perf_counter()
    try:
        pairs = list(stage.keys(doc, ref, ctx))
    except CorpuskitError:
        raise
    except Exception as exc:
        error = describe_exception(exc)
        ctx.reject(doc, f"error: {type(exc).__name__}", error)
        stats.seconds += time.perf_counter() - t0
        budget.failed(ctx.stage, doc.id, error)
        return None
    stats.seconds += time.perf_counter() - t0
    budget.succeeded()
    return pairs
