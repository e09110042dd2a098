"""Running a pipeline's middle stages over documents held by the caller (``Pipeline.process``).

The same guards and the same global-stage protocol as a run over files: streaming
stages stream; a global stage holds the documents that reach it (the caller holds
them anyway) and runs its phases over a :class:`~corpuskit._run.memory_store.MemoryStore`.
The pipeline's ``max_errors`` and ``timeout`` apply as in every executor.

The caller's iterable is the caller's: an item that is not a
:class:`~corpuskit.Document` is a DataError naming its position, and an exception
raised by the iterable itself reaches the caller unchanged, never a stage's reject
(it crosses the stages' guards inside :class:`_CallerFailed`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from corpuskit._config.pipeline import PipelineConfig
from corpuskit._document import Document
from corpuskit._errors import DataError, StageError
from corpuskit._run.deadline import NO_DEADLINE, Alarm, Deadline
from corpuskit._run.global_protocol import (
    apply_decisions,
    bucket_count,
    combine_partials,
    has_combine,
    map_keys,
    reduce_bucket,
)
from corpuskit._run.guards import ErrorBudget, run_stream_stage
from corpuskit._run.memory_store import MemoryStore
from corpuskit._run.setup_cache import forget_run, prepared
from corpuskit._stages.context import StageContext
from corpuskit._stages.stats import StageStats

__all__ = ["process_documents"]

_SHARD = 0  # the caller's documents are one shard


def process_documents(
    config: PipelineConfig,
    docs: Iterable[Document],
    on_reject: Callable[[dict[str, Any]], None],
    stats: dict[str, StageStats],
) -> Iterator[Document]:
    """Documents through every stage but loaders and exporters, in this process."""
    token = uuid.uuid4().hex
    alarm = Alarm() if config.timeout else None
    caller_error: Exception | None = None
    plugins: dict[str, str] = {}
    try:
        stream: Iterator[Document] = _checked(docs)
        for spec in config.stages:
            if spec.kind in ("load", "export"):
                continue
            stats[spec.label] = StageStats(spec.label, spec.kind)
            plugins[spec.label] = spec.plugin
            ctx = StageContext(spec.label, stats[spec.label], on_reject, shard=_SHARD, options={"workers": 1},
                               plugin=spec.plugin)
            instance = prepared(token, spec, ctx)
            budget = ErrorBudget(config.max_errors)
            deadline = NO_DEADLINE
            if alarm is not None and config.timeout:
                deadline = Deadline(alarm, config.timeout, spec.label)
            if spec.is_global:
                stream = _global(instance, stream, ctx, budget, deadline, config.buckets)
            else:
                stream = run_stream_stage(instance, stream, ctx, budget, deadline)
        yield from stream
        _check_balanced(stats, plugins)
    except _CallerFailed as failed:
        caller_error = failed.error
    finally:
        if alarm is not None:
            alarm.close()
        forget_run(token)
    if caller_error is not None:
        raise caller_error  # outside the handler: unchanged, no chained _CallerFailed


class _CallerFailed(BaseException):
    """An exception of the caller's iterable (or a bad item), carried past the stages' guards.

    A BaseException, like :class:`~corpuskit._run.deadline.DocumentTimeout`, so a stage's
    ``except Exception`` and the guards' error containment let it through.
    """

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _checked(docs: Iterable[Document]) -> Iterator[Document]:
    """The caller's documents, each checked to be a Document; their failures marked as theirs."""
    try:
        items = iter(docs)
    except Exception as exc:
        raise _CallerFailed(exc) from None
    position = 0
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:
            raise _CallerFailed(exc) from None
        if not isinstance(item, Document) or not isinstance(item.text, str) or not isinstance(item.id, str):
            raise _CallerFailed(DataError(
                f"item {position} of the documents given to Pipeline.process is {_describe(item)}, "
                "not a Document(id: str, text: str, meta: dict)",
                hint="build each with corpuskit.Document(id, text, meta); corpuskit.testing.as_documents "
                "makes Documents of strings and {'id', 'text', 'meta'} dicts",
            ))
        yield item
        position += 1


def _describe(item: Any) -> str:
    if isinstance(item, Document):
        return f"a Document whose id is {type(item.id).__name__} and text {type(item.text).__name__}"
    return "None" if item is None else f"a {type(item).__name__}"


def _check_balanced(stats: dict[str, StageStats], plugins: dict[str, str]) -> None:
    """Every document a stage read came out or was rejected (checked once the input is used up)."""
    for label, st in stats.items():
        if label in plugins and not st.balanced:
            raise StageError(
                f"stage '{label}' (plugin '{plugins[label]}') lost documents silently: "
                f"in={st.docs_in} out={st.docs_out} rejected={st.rejected_total}",
                hint="a stage must yield or ctx.reject every document it reads",
            )


def _global(
    stage: Any, docs: Iterator[Document], ctx: StageContext, budget: ErrorBudget, deadline: Deadline, buckets: int
) -> Iterator[Document]:
    """All phases of one global stage over the documents that reach it."""
    buckets = bucket_count(stage, buckets)
    store = MemoryStore()
    held = list(map_keys(stage, docs, _SHARD, store.key_writer(_SHARD, buckets), ctx, budget, deadline))
    for b in range(buckets):
        reduce_bucket(stage, b, store, 1, ctx)
    if has_combine(stage):
        combine_partials(stage, store, buckets, ctx)
    yield from apply_decisions(stage, held, store, _SHARD, ctx, budget, deadline)
