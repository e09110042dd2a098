"""Streaming documents through stages: counting, timing and containing errors.

Every stage boundary is wrapped so that, per stage, documents in = out + rejected
can be checked, the stage's own seconds are measured (time spent upstream is
subtracted), and an exception raised for one document rejects that document and
lets the stage carry on with the next one. With a pipeline ``timeout``, a stage
that spends longer than that on one document is interrupted and the document is
rejected with reason ``timeout`` (see :mod:`corpuskit._run.deadline`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from corpuskit._document import Document
from corpuskit._errors import CorpuskitError, StageError
from corpuskit._run.contracts import Violation, check_document, check_pairs, contract_error
from corpuskit._run.deadline import NO_DEADLINE, Deadline, DocumentTimeout, TimeoutSwallowed
from corpuskit._stages.context import StageContext, describe_exception
from corpuskit._stages.kinds import GlobalStage, Mapper

__all__ = ["ErrorBudget", "Feed", "apply_global", "custom_prepare", "keys_of", "reject_timeout", "run_stream_stage",
           "swallowed_error", "timed_source"]

TIMEOUT = "timeout"
"""The reject reason of a document a stage spent more than ``timeout`` seconds on."""


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
                f"(max_errors={self.max_errors}); the last, on document '{doc_id}': {error}",
                hint="fix the stage or the input, or raise max_errors in the pipeline file",
            )

    def succeeded(self) -> None:
        self.consecutive = 0


class Feed:
    """The input side of a stage: counts documents in and remembers the current one."""

    def __init__(
        self, upstream: Iterator[Document], ctx: StageContext, budget: ErrorBudget, deadline: Deadline = NO_DEADLINE
    ) -> None:
        self._upstream = upstream
        self._ctx = ctx
        self._budget = budget
        self._deadline = deadline
        self.current: Document | None = None
        self.failed_current = False
        self.upstream_seconds = 0.0
        self.upstream_error: BaseException | None = None  # raised by the stages before, not by this one

    def __iter__(self) -> Feed:
        return self

    def __next__(self) -> Document:
        if self.current is not None and not self.failed_current:
            self._budget.succeeded()
        t0 = time.perf_counter()
        self._deadline.leave()  # upstream stages run on their own clocks
        doc_id: str | None = None
        try:
            doc = next(self._upstream)
            doc_id = doc.id
        except StopIteration:
            raise
        except BaseException as exc:
            self.upstream_error = exc
            raise
        finally:
            self.upstream_seconds += time.perf_counter() - t0
            self._deadline.start_document(doc_id)
            self._deadline.enter()
        self.current = doc
        self.failed_current = False
        self._ctx.stats.docs_in += 1
        return doc


def run_stream_stage(
    stage: Any,
    upstream: Iterator[Document],
    ctx: StageContext,
    budget: ErrorBudget,
    deadline: Deadline = NO_DEADLINE,
) -> Iterator[Document]:
    """``stage.process`` over ``upstream`` with counting, timing and error containment."""
    if type(stage).process is Mapper.process:  # Mapper's own loop: call map per document directly
        return _run_mapper(stage, upstream, ctx, budget, deadline)
    return _run_process(stage, upstream, ctx, budget, deadline)


def _run_process(
    stage: Any, upstream: Iterator[Document], ctx: StageContext, budget: ErrorBudget, deadline: Deadline,
) -> Iterator[Document]:
    feed = Feed(upstream, ctx, budget, deadline)
    stats = ctx.stats
    phase = "map" if isinstance(stage, Mapper) else "process"
    elapsed = 0.0
    output: Iterator[Document] | None = None  # (re)started inside the loop, on the stage's clock
    try:
        while True:
            t0 = time.perf_counter()
            if output is None:  # a (re)started stage gets a fresh budget, not the one it spent
                deadline.start_document()
            deadline.enter()
            try:
                if output is None:
                    output = iter(stage.process(feed, ctx))
                doc = next(output)
            except StopIteration:
                elapsed += time.perf_counter() - t0
                if feed.upstream_error is not None:  # the stage swallowed its input's failure
                    raise feed.upstream_error from None
                break
            except DocumentTimeout as timeout:
                elapsed += time.perf_counter() - t0
                if feed.upstream_error is not None:
                    raise feed.upstream_error from None
                current = feed.current
                if isinstance(timeout, TimeoutSwallowed):
                    raise swallowed_error(ctx.stage, current, deadline) from None
                if current is None or feed.failed_current:
                    raise StageError(f"stage '{ctx.stage}' ran past the timeout ({deadline.seconds:g}s) "
                                     "before it read a document") from None
                feed.failed_current = True
                reject_timeout(current, ctx, budget, deadline)
                output = None  # go on with the next document
                continue
            except CorpuskitError:
                raise
            except SystemExit as exc:
                raise _exit_error(ctx.stage, exc) from None
            except Violation as violation:
                raise contract_error(ctx, stage, phase, violation) from None
            except Exception as exc:
                elapsed += time.perf_counter() - t0
                if feed.upstream_error is not None:  # the input failed (a loader, a cut file): not this document
                    raise feed.upstream_error from None
                current = feed.current
                if current is None or feed.failed_current:
                    raise  # failed before reading a document: a bug in the stage
                feed.failed_current = True
                _reject_failed(current, exc, stage, ctx, budget)
                output = None  # go on with the next document
                continue
            finally:
                deadline.leave()
            elapsed += time.perf_counter() - t0
            check_document(doc, ctx, stage, phase)
            stats.docs_out += 1
            yield doc
    finally:
        stats.seconds += max(0.0, elapsed - feed.upstream_seconds)


def _run_mapper(
    stage: Any, upstream: Iterator[Document], ctx: StageContext, budget: ErrorBudget, deadline: Deadline,
) -> Iterator[Document]:
    """What :func:`_run_process` does for a Mapper that keeps ``Mapper.process``, without its
    per-document layers (the Feed, the ``process`` generator): ``map`` is called and timed per
    document, its failures handled as there."""
    stats = ctx.stats
    map_doc = stage.map
    clock = time.perf_counter
    elapsed = 0.0
    try:
        for doc in upstream:  # what upstream raises passes through: not this stage's document
            stats.docs_in += 1
            t0 = clock()
            deadline.start_document(doc.id)
            deadline.enter()
            try:
                out = map_doc(doc, ctx)
            except TimeoutSwallowed:
                raise swallowed_error(ctx.stage, doc, deadline) from None
            except DocumentTimeout:
                elapsed += clock() - t0
                reject_timeout(doc, ctx, budget, deadline)
                continue
            except CorpuskitError:
                raise
            except SystemExit as exc:
                raise _exit_error(ctx.stage, exc) from None
            except Violation as violation:
                raise contract_error(ctx, stage, "map", violation) from None
            except Exception as exc:
                elapsed += clock() - t0
                _reject_failed(doc, exc, stage, ctx, budget)
                continue
            finally:
                deadline.leave()
            elapsed += clock() - t0
            budget.succeeded()
            check_document(out, ctx, stage, "map")
            stats.docs_out += 1
            yield out
    finally:
        stats.seconds += elapsed


def _reject_failed(doc: Document, exc: Exception, stage: Any, ctx: StageContext, budget: ErrorBudget) -> None:
    """A document the stage raised on: into the rejects with the error, counted against the budget."""
    error = describe_exception(exc, stage)
    ctx.reject(doc, f"error: {type(exc).__name__}", error)
    budget.failed(ctx.stage, doc.id, error)


def _exit_error(label: str, exc: SystemExit) -> StageError:
    """A stage that called ``sys.exit``: a run error naming it, not a silent exit of the run."""
    return StageError(f"stage '{label}' called sys.exit({exc.code!r}) while processing documents",
                      hint="a stage must raise an exception or ctx.reject a document, never exit the process")


def swallowed_error(label: str, doc: Document | None, deadline: Any) -> StageError:
    """A stage that went on after its timeout interrupted it, twice: it swallows the interruption."""
    on = f" on document '{doc.id}'" if doc is not None else ""
    return StageError(
        f"stage '{label}' kept running{on} two grace periods past its timeout ({deadline.seconds:g}s): "
        "it catches the DocumentTimeout that interrupts it (a BaseException) and goes on",
        hint="a stage must let BaseException through: catch Exception instead of BaseException "
        "or a bare 'except:', or re-raise what it does not handle",
    )


def reject_timeout(doc: Document, ctx: StageContext, budget: ErrorBudget, deadline: Any) -> None:
    """Reject ``doc`` with reason ``timeout``; counts against ``max_errors`` like an exception."""
    detail = f"stage '{ctx.stage}' spent more than {deadline.seconds:g}s (timeout) on this document"
    ctx.reject(doc, TIMEOUT, detail)
    budget.failed(ctx.stage, doc.id, detail)


def timed_source(
    docs: Iterator[Document], ctx: StageContext, *, count_in: bool = True, loader: Any = None
) -> Iterator[Document]:
    """A loader's or reader's output, counted and timed as that stage's work (``loader``: checked)."""
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
            except SystemExit as exc:
                raise _exit_error(ctx.stage, exc) from None
            elapsed += time.perf_counter() - t0
            if loader is not None:
                check_document(doc, ctx, loader, "read")
            stats.docs_out += 1
            if count_in:
                stats.docs_in += 1
            yield doc
    finally:
        stats.seconds += elapsed
        if count_in:
            stats.docs_in += stats.rejected_total - rejected_before


_FAILED: Any = object()
_LOOK_UP: Any = object()


def _guarded(call: Callable[..., Any], args: tuple[Any, ...], doc: Document, ctx: StageContext,
             budget: ErrorBudget, deadline: Any, stage: Any = None) -> Any:
    """``call(*args)`` for one document under its deadline, timed as the stage's work.

    An exception or a timeout rejects ``doc`` (counted against ``max_errors``) and
    returns ``_FAILED``; corpuskit's own errors propagate.
    """
    stats = ctx.stats
    t0 = time.perf_counter()
    deadline.start_document(doc.id)
    deadline.enter()
    try:
        result = call(*args)
    except TimeoutSwallowed:
        raise swallowed_error(ctx.stage, doc, deadline) from None
    except DocumentTimeout:
        stats.seconds += time.perf_counter() - t0
        reject_timeout(doc, ctx, budget, deadline)
        return _FAILED
    except CorpuskitError:
        raise
    except SystemExit as exc:
        raise _exit_error(ctx.stage, exc) from None
    except Exception as exc:
        error = describe_exception(exc, stage)
        ctx.reject(doc, f"error: {type(exc).__name__}", error)
        stats.seconds += time.perf_counter() - t0
        budget.failed(ctx.stage, doc.id, error)
        return _FAILED
    finally:
        deadline.leave()
    stats.seconds += time.perf_counter() - t0
    budget.succeeded()
    return result


def apply_global(
    stage: Any,
    docs: Iterator[Document],
    decisions_for: Callable[[int], list[Any]],
    ctx: StageContext,
    budget: ErrorBudget,
    deadline: Deadline = NO_DEADLINE,
) -> Iterator[Document]:
    """A global stage's apply phase over one shard's documents, in order.

    Documents in were counted when their keys were computed; apply counts out.
    """
    stats = ctx.stats
    for index, doc in enumerate(docs):
        result = _guarded(stage.apply, (doc, decisions_for(index), ctx), doc, ctx, budget, deadline, stage)
        if result is not _FAILED and result is not None:
            check_document(result, ctx, stage, "apply")
            stats.docs_out += 1
            yield result


def custom_prepare(stage: Any) -> Callable[[Document, StageContext], Document] | None:
    """The stage's ``prepare``, or None where it is absent or :class:`GlobalStage`'s (returns the document)."""
    prepare = getattr(stage, "prepare", None)
    if getattr(prepare, "__func__", None) is GlobalStage.prepare:
        return None
    return prepare


def keys_of(
    stage: Any, doc: Document, ref: Any, ctx: StageContext, budget: ErrorBudget, deadline: Any = NO_DEADLINE,
    prepare: Callable[[Document, StageContext], Document] | None = _LOOK_UP,
) -> tuple[Document, list[Any]] | None:
    """A global stage's prepared document and keys (counted in); None if it raised or timed out (rejected).

    ``prepare``: the stage's, looked up once per shard by :func:`custom_prepare` (default: here).
    """
    if prepare is _LOOK_UP:
        prepare = custom_prepare(stage)
    ctx.stats.docs_in += 1
    found: tuple[Document, list[Any]] = _guarded(_prepare_and_keys, (stage, prepare, doc, ref, ctx), doc, ctx,
                                                 budget, deadline, stage)
    if found is _FAILED:
        return None
    if found[0] is not doc:
        check_document(found[0], ctx, stage, "prepare")
    try:
        check_pairs(found[1], "(key, value)")
    except Violation as violation:
        raise contract_error(ctx, stage, "keys", violation) from None
    return found


def _prepare_and_keys(stage: Any, prepare: Callable[[Document, StageContext], Document] | None, doc: Document,
                      ref: Any, ctx: StageContext) -> tuple[Document, list[Any]]:
    prepared_doc = prepare(doc, ctx) if prepare is not None else doc
    return prepared_doc, list(stage.keys(prepared_doc, ref, ctx))
