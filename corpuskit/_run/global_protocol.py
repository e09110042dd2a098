"""The global-stage protocol, implemented once: keys -> buckets -> reduce -> combine -> apply.

A global stage (:class:`corpuskit.GlobalStage`) needs the whole corpus before it can
decide. Every way of running a pipeline drives it through the functions here:

1. :func:`map_keys` - per shard: ``prepare`` then ``keys`` for each document, under the
   stage's guards (error budget, per-document timeout); each ``(key, value)`` pair goes
   to the bucket of its key; the prepared documents come out numbered in input order.
2. :func:`reduce_bucket` - per bucket: ``reduce`` over the bucket's pairs, in input
   order; its output is kept as partials (a stage with ``combine``) or routed straight
   to the documents it addresses.
3. :func:`combine_partials` - once: ``combine`` over every bucket's partials, routed.
4. :func:`apply_decisions` - per shard: ``apply`` with the decisions addressed to each
   document, under the stage's guards.

Where keys, partials and decisions wait between phases is a :class:`PhaseStore`: on
disk in the run directory (:mod:`corpuskit._run.disk_store`, for every executor) or in
memory (:mod:`corpuskit._run.memory_store`, for ``Pipeline.process`` and ``run_stage``).
Both give a document its decisions in the same order: bucket by bucket, then combine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

import xxhash

from corpuskit._document import Document
from corpuskit._run.contracts import Violation, in_phase, phase_error
from corpuskit._run.deadline import NO_DEADLINE, Deadline
from corpuskit._run.guards import ErrorBudget, apply_global, custom_prepare, keys_of
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import GlobalStage, Ref

__all__ = [
    "KeyWriter",
    "PhaseStore",
    "apply_decisions",
    "bucket_count",
    "bucket_of",
    "combine_partials",
    "has_combine",
    "map_keys",
    "reduce_bucket",
]

_new_tuple = tuple.__new__

COMBINE = "combine"
"""The name under which the combine step's decisions are stored (after every bucket's)."""


def bucket_name(bucket: int) -> str:
    """The name under which a routed reduce stores one bucket's decisions (sorts before combine)."""
    return f"b{bucket:05d}"


class KeyWriter(Protocol):
    """Receives one shard's ``(key, value)`` pairs during the map phase."""

    def add_all(self, pairs: list[tuple[Any, Any]], ref: Ref | None = None) -> None:
        """Route one document's pairs to the buckets of their keys (``ref``: the document's)."""

    def close(self) -> None:
        """Flush what is pending; called once the shard's documents are done."""


class PhaseStore(Protocol):
    """Where one global stage's keys, partials and decisions wait between phases."""

    def key_writer(self, shard: int, buckets: int) -> KeyWriter:
        """A writer for the keys of ``shard`` (replaces what an earlier attempt left)."""

    def bucket_items(self, bucket: int, shards: int) -> Iterator[tuple[Any, Any]]:
        """Every pair routed to ``bucket``, shard by shard, in input order."""

    def write_partials(self, bucket: int, partials: Iterable[Any]) -> int:
        """Keep one bucket's reduce output for combine; returns how many."""

    def partials(self, buckets: int) -> Iterator[Any]:
        """Every bucket's partials, bucket by bucket."""

    def write_decisions(self, name: str, pairs: Iterable[tuple[Ref, Any]]) -> int:
        """Address ``(ref, decision)`` pairs to their shards under ``name``; returns how many."""

    def decisions(self, shard: int) -> dict[int, list[Any]]:
        """Decisions addressed to ``shard``: document index -> decisions, in name order."""


def bucket_of(key: Any, buckets: int) -> int:
    """The bucket of a key: stable across processes and runs (equal keys meet in one bucket)."""
    if isinstance(key, int):
        return key % buckets
    if isinstance(key, str):
        key = key.encode("utf-8")
    elif not isinstance(key, bytes | bytearray):
        key = repr(key).encode("utf-8")
    return xxhash.xxh3_64_intdigest(key) % buckets


def bucket_count(stage: Any, default: int) -> int:
    """The stage's own ``buckets`` if it sets one, else the pipeline's."""
    return getattr(stage, "buckets", None) or default


def has_combine(stage: Any) -> bool:
    """Whether the stage overrides ``combine`` (else its reduce yields ``(ref, decision)``)."""
    combine = getattr(type(stage), "combine", None)
    return combine is not None and combine is not GlobalStage.combine


def map_keys(
    stage: Any,
    docs: Iterable[Document],
    shard: int,
    writer: KeyWriter,
    ctx: StageContext,
    budget: ErrorBudget,
    deadline: Deadline = NO_DEADLINE,
) -> Iterator[Document]:
    """The map phase over one shard: keys to ``writer``; yields the documents apply will get.

    A document whose ``prepare`` or ``keys`` raised or timed out is rejected and not
    numbered, so the ``Ref`` of every yielded document is its position in the output.
    """
    index = 0
    prepare = custom_prepare(stage)
    add_all = writer.add_all
    for doc in docs:
        ref = _new_tuple(Ref, (shard, index))  # Ref(shard, index), without its Python-level __new__
        found = keys_of(stage, doc, ref, ctx, budget, deadline, prepare)
        if found is None:
            continue
        prepared_doc, pairs = found
        try:  # in_phase(ctx, stage, "keys"), without a context manager per document
            add_all(pairs, ref)
        except Exception as exc:
            error = phase_error(ctx, stage, "keys", exc)
            if error is None:
                raise
            raise error from None
        yield prepared_doc
        index += 1
    with in_phase(ctx, stage, "keys"):
        writer.close()


def reduce_bucket(stage: Any, bucket: int, store: PhaseStore, shards: int, ctx: StageContext) -> int:
    """Reduce one bucket; keep its partials for combine, or route its decisions. Returns how many."""
    with in_phase(ctx, stage, "reduce"):
        output = stage.reduce(bucket, store.bucket_items(bucket, shards), ctx)
        if has_combine(stage):
            return store.write_partials(bucket, output)
        return store.write_decisions(bucket_name(bucket), output)


def combine_partials(stage: Any, store: PhaseStore, buckets: int, ctx: StageContext) -> int:
    """Combine every bucket's partials into decisions routed to their documents."""
    with in_phase(ctx, stage, "combine"):
        return store.write_decisions(COMBINE, stage.combine(store.partials(buckets), ctx))


def apply_decisions(
    stage: Any,
    docs: Iterable[Document],
    store: PhaseStore,
    shard: int,
    ctx: StageContext,
    budget: ErrorBudget,
    deadline: Deadline = NO_DEADLINE,
) -> Iterator[Document]:
    """The apply phase over one shard's documents, each with the decisions addressed to it.

    A stage whose ``apply_undecided`` is False gets only the documents with decisions;
    the others pass on unchanged, counted out (they were counted in by the map phase)."""
    decisions = store.decisions(shard)
    if getattr(stage, "apply_undecided", True) is not False:
        return apply_global(stage, iter(docs), lambda i: decisions.get(i, []), ctx, budget, deadline)
    return _apply_decided(stage, docs, decisions, ctx, budget, deadline)


def _apply_decided(
    stage: Any, docs: Iterable[Document], decisions: dict[int, list[Any]], ctx: StageContext,
    budget: ErrorBudget, deadline: Deadline,
) -> Iterator[Document]:
    stats = ctx.stats
    for index, doc in enumerate(docs):
        found = decisions.get(index)
        if found is None:
            if budget.consecutive:
                budget.succeeded()  # as apply would have: it keeps the document
            stats.docs_out += 1
            yield doc
        else:
            yield from apply_global(stage, iter((doc,)), _always(found), ctx, budget, deadline)


def _always(decisions: list[Any]) -> Callable[[int], list[Any]]:
    return lambda _index: decisions


def route_by_shard(pairs: Iterable[tuple[Ref, Any]]) -> tuple[dict[int, list[tuple[int, Any]]], int]:
    """``(ref, decision)`` pairs grouped by shard, each group sorted by document index (stable)."""
    by_shard: dict[int, list[tuple[int, Any]]] = {}
    count = 0
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], tuple) and len(pair[0]) == 2):
            raise Violation("must yield (ref, decision) pairs whose ref is the document's Ref", pair,
                            "put the Ref that keys() received in the value and yield (ref, decision); "
                            "or define combine() to turn partial results into such pairs")
        ref, decision = pair
        by_shard.setdefault(ref[0], []).append((ref[1], decision))
        count += 1
    for items in by_shard.values():
        items.sort(key=lambda item: item[0])
    return by_shard, count
