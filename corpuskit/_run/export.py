"""The last segment's end: each shard's documents written to one part per exporter."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from corpuskit._config.pipeline import StageSpec
from corpuskit._document import Document
from corpuskit._run.contracts import in_phase
from corpuskit._run.rundir import RunDir
from corpuskit._run.setup_cache import prepared
from corpuskit._stages.context import StageContext

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
    writers: list[tuple[Any, Any]] = []
    for spec in exporters:
        ctx = ctx_for(spec)
        exporter = prepared(run_token, spec, ctx)
        path = rd.part(spec.label, shard)
        path.parent.mkdir(parents=True, exist_ok=True)
        with in_phase(ctx, exporter, "open_part", io_errors=True):
            writers.append((exporter.open_part(path, ctx), ctx.stats))
    count = 0
    try:
        for doc in docs:
            count += 1
            for writer, stats in writers:
                t0 = time.perf_counter()
                writer.write(doc)
                stats.seconds += time.perf_counter() - t0
                stats.docs_in += 1
                stats.docs_out += 1
    finally:
        for writer, _ in writers:
            writer.close()
    return count
