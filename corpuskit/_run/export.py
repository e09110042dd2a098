"""The last segment's end: each shard's documents written to one part per exporter.

A split output (a path template, numbered files) keeps the shard's documents with the
file each goes to instead (:mod:`corpuskit._run.split`); its files are written at commit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from corpuskit._config.pipeline import StageSpec
from corpuskit._document import Document
from corpuskit._run.contracts import in_phase
from corpuskit._run.rundir import RunDir
from corpuskit._run.setup_cache import prepared
from corpuskit._run.split import KeyedPart, split_of
from corpuskit._stages.context import StageContext
from corpuskit._stages.stats import StageStats

__all__ = ["write_parts"]


def write_parts(
    exporters: tuple[StageSpec, ...],
    docs: Iterator[Document],
    rd: RunDir,
    shard: int,
    run_token: str,
    ctx_for: Callable[[StageSpec], StageContext],
) -> int:
    """Write ``docs`` through every exporter's part writer for ``shard``; returns how many."""
    writers: list[tuple[Any, Any, bool]] = []
    for spec in exporters:
        ctx = ctx_for(spec)
        exporter = prepared(run_token, spec, ctx)
        path = rd.part(spec.label, shard)
        path.parent.mkdir(parents=True, exist_ok=True)
        split = split_of(exporter)
        if split is not None:  # documents kept by the file they go to; files written at commit
            writers.append((KeyedPart(path, split, ctx), ctx.stats, True))
            continue
        with in_phase(ctx, exporter, "open_part", io_errors=True):
            writers.append((exporter.open_part(path, ctx), ctx.stats, False))
    if len(writers) == 1 and not writers[0][2]:
        return _write_one(writers[0][0], writers[0][1], docs)
    count = 0
    try:
        for doc in docs:
            count += 1
            for writer, stats, keyed in writers:
                t0 = time.perf_counter()
                written = writer.write(doc)
                stats.seconds += time.perf_counter() - t0
                stats.docs_in += 1
                stats.docs_out += 1 if not keyed or written else 0
    finally:
        for writer, _, _ in writers:
            writer.close()
    return count


def _write_one(writer: Any, stats: StageStats, docs: Iterator[Document]) -> int:
    """The common case of :func:`write_parts`, one exporter writing one part: its loop kept tight."""
    write = writer.write
    clock = time.perf_counter
    count, elapsed = 0, 0.0
    try:
        for doc in docs:
            t0 = clock()
            write(doc)
            elapsed += clock() - t0
            count += 1
    finally:
        writer.close()
        stats.seconds += elapsed
        stats.docs_in += count
        stats.docs_out += count
    return count
