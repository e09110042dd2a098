"""The work units executors run: one shard of a segment, one reduce bucket, one combine.

Each unit reads and writes only through the run directory, so any executor (this
process, worker processes, Ray tasks) can run it, and a finished unit leaves a
marker that a resumed run trusts.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import orjson
import xxhash

from corpuskit._config.pipeline import StageSpec
from corpuskit._document import Document
from corpuskit._errors import RunError
from corpuskit._run.deadline import NO_DEADLINE, Alarm, Deadline
from corpuskit._run.guards import ErrorBudget, apply_global, keys_of, run_stream_stage, timed_source
from corpuskit._run.plan import Segment
from corpuskit._run.rundir import RunDir, read_pickles, write_pickles
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import GlobalStage, Ref, Shard
from corpuskit._stages.stats import StageStats

__all__ = ["CombineTask", "ReduceTask", "ShardTask", "bucket_of", "run_combine", "run_reduce", "run_shard"]

# Per worker process: stage instances that ran setup(), and their state, per run.
_SETUP: dict[tuple[str, str], tuple[Any, dict[str, Any]]] = {}


@attrs.frozen
class ShardTask:
    """Run one shard through one segment."""

    run_root: str
    run_token: str
    segment: Segment
    shard_index: int
    shard: Shard | None = None
    loader: int = 0
    buckets: int = 16
    max_errors: int = 10
    options: dict[str, Any] = attrs.field(factory=dict)
    timeout: float | None = None  # seconds per document per stage

    @property
    def weight(self) -> int:
        return self.shard.weight if self.shard is not None else 0


@attrs.frozen
class ReduceTask:
    """Reduce one bucket of a segment's global stage."""

    run_root: str
    run_token: str
    segment: int
    spec: StageSpec
    bucket: int
    shards: int
    routed: bool  # True: the reduce yields (ref, decision); no combine step


@attrs.frozen
class CombineTask:
    """Combine every bucket's partial results into per-document decisions."""

    run_root: str
    run_token: str
    segment: int
    spec: StageSpec
    buckets: int


def bucket_of(key: Any, buckets: int) -> int:
    """The bucket of a global-stage key: stable across processes and runs."""
    if isinstance(key, int):
        return key % buckets
    if isinstance(key, str):
        key = key.encode("utf-8")
    elif not isinstance(key, bytes | bytearray):
        key = repr(key).encode("utf-8")
    return xxhash.xxh3_64_intdigest(key) % buckets


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
            setup(ctx)
            if multiprocessing.parent_process() is not None:  # a worker process, not the caller's
                gc.freeze()  # what setup loaded (lexicons, models) lives on: the collector stops rescanning it
                gc.set_threshold(10_000, 10, 10)  # per-document garbage is acyclic: collect young objects less often
        entry = _SETUP[key] = (instance, state)
    ctx.state = entry[1]
    return entry[0]


def forget_run(run_token: str) -> None:
    """Drop this process's cached stage instances of a finished run."""
    for key in [k for k in _SETUP if k[0] == run_token]:
        del _SETUP[key]


class _RejectFile:
    """Appends rejects to a shard's rejects file, opened on the first reject."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None
        path.unlink(missing_ok=True)

    def __call__(self, record: dict[str, Any]) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "wb")  # noqa: SIM115 - closed by close()
        self._fh.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def read_documents(path: Path, counter: list[int] | None = None) -> Iterator[Document]:
    """Documents saved between segments (``counter[0]`` counts them)."""
    with open(path, "rb") as fh:
        for line in fh:
            record = orjson.loads(line)
            if counter is not None:
                counter[0] += 1
            yield Document(record["id"], record["text"], record["meta"])


def load_decisions(directory: Path) -> dict[int, list[Any]]:
    """Decisions addressed to one shard: document index -> decisions, bucket order."""
    found: dict[int, list[Any]] = {}
    if not directory.exists():
        return found
    for path in sorted(directory.glob("*.pkl")):
        for index, decision in read_pickles(path):
            found.setdefault(index, []).append(decision)
    return found


def run_shard(task: ShardTask) -> dict[str, Any]:
    """Run one shard through a segment; returns (and records in a marker) its stats."""
    started = time.perf_counter()
    rd = RunDir(task.run_root)
    seg = task.segment
    s = task.shard_index
    stats = {spec.label: StageStats(spec.label, spec.kind) for spec in seg.specs()}
    rejects = _RejectFile(rd.shard_rejects(seg.index, s))
    budgets = {label: ErrorBudget(task.max_errors) for label in stats}
    options = {**task.options, "shard": s}
    alarm = Alarm() if task.timeout else None
    deadlines = {label: Deadline(alarm, task.timeout) if alarm and task.timeout else NO_DEADLINE for label in stats}

    def ctx_for(spec: StageSpec) -> StageContext:
        return StageContext(spec.label, stats[spec.label], rejects, shard=s, workdir=rd.root, options=options)

    read = [0]
    try:
        docs = _source(task, rd, ctx_for, budgets, read, deadlines)
        for spec in seg.stages:
            ctx = ctx_for(spec)
            instance = prepared(task.run_token, spec, ctx)
            docs = run_stream_stage(instance, docs, ctx, budgets[spec.label], deadlines[spec.label])
        if seg.tail is not None:
            label = seg.tail.label
            produced = _save_for_global(task, rd, docs, ctx_for(seg.tail), budgets[label], deadlines[label])
        else:
            produced = _export(task, rd, docs, ctx_for)
    except OSError as exc:  # a full disk, an unwritable run directory, an input gone mid-run
        raise RunError(
            f"shard {s} of segment {seg.index} failed: {exc.strerror or exc}: {exc.filename or ''}\n"
            "  hint: check free disk space and permissions of the run directory and outputs; "
            "'corpuskit run --resume' continues once fixed"
        ) from None
    finally:
        rejects.close()
        if alarm is not None:
            alarm.close()
    result = {
        "segment": seg.index,
        "shard": s,
        "docs_out": produced,
        "docs_in": stats[seg.loaders[task.loader].label].docs_in if seg.index == 0 else read[0],
        "seconds": time.perf_counter() - started,
        "stats": {label: st.to_dict() for label, st in stats.items()},
    }
    RunDir.write_marker(rd.shard_marker(seg.index, s), result)
    return result


def _source(
    task: ShardTask,
    rd: RunDir,
    ctx_for: Callable[[StageSpec], StageContext],
    budgets: dict[str, ErrorBudget],
    read: list[int],
    deadlines: dict[str, Any],
) -> Iterator[Document]:
    seg = task.segment
    if seg.index == 0:
        spec = seg.loaders[task.loader]
        ctx = ctx_for(spec)
        loader = prepared(task.run_token, spec, ctx)
        assert task.shard is not None
        return timed_source(iter(loader.read(task.shard, ctx)), ctx)
    docs = read_documents(rd.data(seg.index - 1, task.shard_index), read)
    if seg.head is None:
        return docs
    ctx = ctx_for(seg.head)
    stage = prepared(task.run_token, seg.head, ctx)
    decisions = load_decisions(rd.decisions_dir(seg.index - 1, task.shard_index))
    label = seg.head.label
    return apply_global(stage, docs, lambda i: decisions.get(i, []), ctx, budgets[label], deadlines[label])


class _BucketWriter:
    """Streams a shard's keys into one pickle file per bucket."""

    def __init__(self, rd: RunDir, segment: int, shard: int, buckets: int, chunk: int = 4096) -> None:
        self._rd, self._segment, self._shard = rd, segment, shard
        self._buckets = buckets
        self._chunk = chunk
        self._pending: dict[int, list[Any]] = {}
        self._files: dict[int, IO[bytes]] = {}
        shutil.rmtree(rd.keys(segment, shard, 0).parent, ignore_errors=True)

    def add_all(self, pairs: list[tuple[Any, Any]]) -> None:
        """Route one document's ``(key, value)`` pairs to their buckets."""
        buckets, pending, chunk = self._buckets, self._pending, self._chunk
        for pair in pairs:
            key = pair[0]
            b = key % buckets if type(key) is int else bucket_of(key, buckets)
            batch = pending.get(b)
            if batch is None:
                batch = pending[b] = []
            batch.append(pair)
            if len(batch) >= chunk:
                self._flush(b)

    def _flush(self, b: int) -> None:
        batch = self._pending.get(b)
        if not batch:
            return
        fh = self._files.get(b)
        if fh is None:
            path = self._rd.keys(self._segment, self._shard, b)
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = self._files[b] = open(path, "wb")  # noqa: SIM115 - closed by close()
        pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending[b] = []

    def close(self) -> None:
        for b in list(self._pending):
            self._flush(b)
        for fh in self._files.values():
            fh.close()


def _save_for_global(
    task: ShardTask, rd: RunDir, docs: Iterator[Document], ctx: StageContext, budget: ErrorBudget,
    deadline: Any = NO_DEADLINE,
) -> int:
    """Map phase of the segment's tail stage, fused with saving the documents."""
    seg = task.segment
    assert seg.tail is not None
    stage = prepared(task.run_token, seg.tail, ctx)
    buckets = getattr(stage, "buckets", None) or task.buckets
    writer = _BucketWriter(rd, seg.index, task.shard_index, buckets)
    path = rd.data(seg.index, task.shard_index)
    path.parent.mkdir(parents=True, exist_ok=True)
    index = 0
    with open(path, "wb") as out:
        for doc in docs:
            found = keys_of(stage, doc, Ref(task.shard_index, index), ctx, budget, deadline)
            if found is None:
                continue
            doc, pairs = found
            writer.add_all(pairs)
            out.write(orjson.dumps(doc.to_record(), option=orjson.OPT_APPEND_NEWLINE))
            index += 1
    writer.close()
    return index


def _export(
    task: ShardTask, rd: RunDir, docs: Iterator[Document], ctx_for: Callable[[StageSpec], StageContext]
) -> int:
    seg = task.segment
    writers = []
    for spec in seg.exporters:
        ctx = ctx_for(spec)
        exporter = prepared(task.run_token, spec, ctx)
        path = rd.part(spec.label, task.shard_index)
        path.parent.mkdir(parents=True, exist_ok=True)
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


def _has_combine(stage: Any) -> bool:
    combine = getattr(type(stage), "combine", None)
    return combine is not None and combine is not GlobalStage.combine


def run_reduce(task: ReduceTask) -> dict[str, Any]:
    """Reduce one bucket: read its keys from every shard, in input order."""
    rd = RunDir(task.run_root)
    stats = StageStats(task.spec.label, task.spec.kind)
    ctx = StageContext(task.spec.label, stats, _no_rejects(task.spec.label), workdir=rd.root)
    stage = prepared(task.run_token, task.spec, ctx)
    items = _bucket_items(rd, task.segment, task.bucket, task.shards)
    t0 = time.perf_counter()
    partials = stage.reduce(task.bucket, items, ctx)
    if task.routed:
        count = _route(rd, task.segment, f"b{task.bucket:05d}", partials)
    else:
        count = write_pickles(rd.partials(task.segment, task.bucket), partials)
    stats.seconds += time.perf_counter() - t0
    return {"bucket": task.bucket, "count": count, "stats": stats.to_dict()}


def run_combine(task: CombineTask) -> dict[str, Any]:
    """Combine every bucket's partials into decisions routed to their shards."""
    rd = RunDir(task.run_root)
    stats = StageStats(task.spec.label, task.spec.kind)
    ctx = StageContext(task.spec.label, stats, _no_rejects(task.spec.label), workdir=rd.root)
    stage = prepared(task.run_token, task.spec, ctx)

    def partials() -> Iterator[Any]:
        for b in range(task.buckets):
            path = rd.partials(task.segment, b)
            if path.exists():
                yield from read_pickles(path)

    t0 = time.perf_counter()
    count = _route(rd, task.segment, "combine", stage.combine(partials(), ctx))
    stats.seconds += time.perf_counter() - t0
    return {"count": count, "stats": stats.to_dict()}


def _bucket_items(rd: RunDir, segment: int, bucket: int, shards: int) -> Iterator[tuple[Any, Any]]:
    for s in range(shards):
        path = rd.keys(segment, s, bucket)
        if path.exists():
            yield from read_pickles(path)


def _route(rd: RunDir, segment: int, name: str, pairs: Any) -> int:
    """Write ``(ref, decision)`` pairs into per-shard decision files."""
    by_shard: dict[int, list[tuple[int, Any]]] = {}
    count = 0
    for ref, decision in pairs:
        by_shard.setdefault(ref[0], []).append((ref[1], decision))
        count += 1
    for shard, items in by_shard.items():
        items.sort(key=lambda item: item[0])
        write_pickles(rd.decisions_dir(segment, shard) / f"{name}.pkl", items)
    return count


def _no_rejects(label: str) -> Callable[[dict[str, Any]], None]:
    def refuse(record: dict[str, Any]) -> None:
        raise RuntimeError(f"stage '{label}': reduce and combine cannot reject documents; reject in apply()")

    return refuse
