"""Running a pipeline's middle stages over documents held by the caller."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from corpuskit._config.pipeline import PipelineConfig, StageSpec
from corpuskit._document import Document
from corpuskit._run.guards import ErrorBudget, apply_global, keys_of, run_stream_stage
from corpuskit._run.worker import _has_combine, bucket_of, forget_run, prepared
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Ref
from corpuskit._stages.stats import StageStats

__all__ = ["process_documents"]


def process_documents(
    config: PipelineConfig,
    docs: Iterable[Document],
    on_reject: Callable[[dict[str, Any]], None],
    stats: dict[str, StageStats],
) -> Iterator[Document]:
    """Documents through every stage but loaders and exporters, in this process.

    Streaming stages stream; a global stage holds the documents that reach it (the
    caller holds them anyway) and runs its three phases in memory.
    """
    token = uuid.uuid4().hex
    try:
        stream: Iterator[Document] = iter(docs)
        for spec in config.stages:
            if spec.kind in ("load", "export"):
                continue
            stats[spec.label] = StageStats(spec.label, spec.kind)
            ctx = StageContext(spec.label, stats[spec.label], on_reject, shard=0, options={"workers": 1})
            instance = prepared(token, spec, ctx)
            budget = ErrorBudget(config.max_errors)
            if spec.is_global:
                stream = _global(instance, spec, stream, ctx, budget, config.buckets)
            else:
                stream = run_stream_stage(instance, stream, ctx, budget)
        yield from stream
    finally:
        forget_run(token)


def _global(
    stage: Any, spec: StageSpec, docs: Iterator[Document], ctx: StageContext, budget: ErrorBudget, buckets: int
) -> Iterator[Document]:
    buckets = getattr(stage, "buckets", None) or buckets
    held: list[Document] = []
    by_bucket: dict[int, list[tuple[Any, Any]]] = {}
    for doc in docs:
        found = keys_of(stage, doc, Ref(0, len(held)), ctx, budget)
        if found is None:
            continue
        doc, pairs = found
        for key, value in pairs:
            by_bucket.setdefault(bucket_of(key, buckets), []).append((key, value))
        held.append(doc)
    partials: list[Any] = []
    for b in range(buckets):
        partials.extend(stage.reduce(b, iter(by_bucket.get(b, [])), ctx))
    pairs = stage.combine(iter(partials), ctx) if _has_combine(stage) else partials
    decisions: dict[int, list[Any]] = {}
    for ref, decision in pairs:
        decisions.setdefault(ref[1], []).append(decision)
    yield from apply_global(stage, iter(held), lambda i: decisions.get(i, []), ctx, budget)
