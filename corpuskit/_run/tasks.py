"""The work units executors run: one shard of a segment, one reduce bucket, one combine.

Each unit reads and writes only through the run directory, so any executor (this
process, worker processes, Ray tasks) can run it, and a finished shard leaves a
marker that a resumed run trusts. The global-stage phases themselves are
:mod:`corpuskit._run.global_protocol`, over a :class:`~corpuskit._run.disk_store.DiskStore`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from corpuskit._config.pipeline import StageSpec
from corpuskit._document import Document
from corpuskit._errors import CorpuskitError, RunError
from corpuskit._io import jsonl
from corpuskit._report.probe import ProbePlan, ShardProbe
from corpuskit._run.deadline import NO_DEADLINE, Alarm, Deadline, in_worker_process
from corpuskit._run.disk_store import DiskStore
from corpuskit._run.export import write_parts
from corpuskit._run.global_protocol import apply_decisions, bucket_count, combine_partials, map_keys, reduce_bucket
from corpuskit._run.guards import ErrorBudget, run_stream_stage, timed_source
from corpuskit._run.plan import Segment
from corpuskit._run.rundir import RunDir, write_atomic
from corpuskit._run.saved_docs import SavedDocuments, read_saved
from corpuskit._run.setup_cache import fewer_collections, prepared
from corpuskit._stages.context import RejectSink, StageContext, describe_exception
from corpuskit._stages.kinds import Resources, Shard, resources_of
from corpuskit._stages.stats import StageStats

__all__ = ["CombineTask", "ReduceTask", "ShardTask", "run_combine", "run_reduce", "run_shard"]


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
    run_key: bytes = attrs.field(default=b"", repr=False)  # seals markers and pickles (corpuskit._run.sealed)
    report: ProbePlan | None = None  # what the shard records for report.html (None: nothing)

    @property
    def resources(self) -> Resources:
        """What the worker running this unit needs (an executor may reserve it: ray does)."""
        return self.segment.resources()


@attrs.frozen
class ReduceTask:
    """Reduce one bucket of a segment's global stage."""

    run_root: str
    run_token: str
    segment: int
    spec: StageSpec
    bucket: int
    shards: int
    run_key: bytes = attrs.field(default=b"", repr=False)

    @property
    def resources(self) -> Resources:
        return resources_of(self.spec.stage)


@attrs.frozen
class CombineTask:
    """Combine every bucket's partial results into per-document decisions."""

    run_root: str
    run_token: str
    segment: int
    spec: StageSpec
    buckets: int
    run_key: bytes = attrs.field(default=b"", repr=False)

    @property
    def resources(self) -> Resources:
        return resources_of(self.spec.stage)


class _Guards:
    """Per stage of one shard: its stats, error budget and per-document deadline."""

    def __init__(self, task: ShardTask, rd: RunDir, rejects: RejectSink, alarm: Alarm | None) -> None:
        seg = task.segment
        self.stats = {spec.label: StageStats(spec.label, spec.kind) for spec in seg.specs()}
        self.budgets = {label: ErrorBudget(task.max_errors) for label in self.stats}
        self.deadlines: dict[str, Deadline] = {
            label: Deadline(alarm, task.timeout, label) if alarm and task.timeout else NO_DEADLINE
            for label in self.stats
        }
        self._rd, self._rejects = rd, rejects
        self._options = {**task.options, "shard": task.shard_index}
        self._shard = task.shard_index

    def ctx(self, spec: StageSpec) -> StageContext:
        return StageContext(spec.label, self.stats[spec.label], self._rejects, shard=self._shard,
                            workdir=self._rd.root, options=self._options, plugin=spec.plugin)


def run_shard(task: ShardTask) -> dict[str, Any]:
    """Run one shard through a segment; returns (and records in a marker) its stats."""
    with fewer_collections():
        return _run_shard(task)


def _run_shard(task: ShardTask) -> dict[str, Any]:
    started = time.perf_counter()
    rd = RunDir(task.run_root, task.run_key)
    seg = task.segment
    s = task.shard_index
    rejects = _RejectFile(rd.shard_rejects(seg.index, s))
    probe = task.report.probe(s) if task.report is not None else None
    alarm = Alarm(exit_when_stuck=in_worker_process()) if task.timeout else None
    guards = _Guards(task, rd, _watched(rejects, probe), alarm)
    read = [0]
    try:
        docs = _source(task, rd, guards, read)
        if probe is not None and seg.index == 0:
            docs = probe.watch_loaded(docs)
        for spec in seg.stages:
            ctx = guards.ctx(spec)
            instance = prepared(task.run_token, spec, ctx)
            docs = run_stream_stage(instance, docs, ctx, guards.budgets[spec.label], guards.deadlines[spec.label])
        if seg.tail is not None:
            produced = _save_for_global(task, rd, docs, guards)
        else:
            docs = probe.watch_final(docs) if probe is not None else docs
            produced = write_parts(seg.exporters, docs, rd, s, task.run_token, guards.ctx)
    except OSError as exc:  # a full disk, an unwritable run directory, an input gone mid-run
        raise RunError(
            f"shard {s} of segment {seg.index} failed: {exc.strerror or exc}: {exc.filename or ''}",
            hint="check free disk space and permissions of the run directory and outputs; "
            "'corpuskit run --resume' continues once fixed",
        ) from None
    except CorpuskitError:
        raise
    except Exception as exc:  # the input failed mid-shard (a cut .gz), or a stage before it read a document
        where = f" ({task.shard.source})" if seg.index == 0 and task.shard is not None else ""
        raise RunError(
            f"shard {s} of segment {seg.index}{where} failed: {describe_exception(exc)}",
            hint="nothing was committed; fix the input or the stage, then 'corpuskit run --resume' continues",
        ) from exc
    finally:
        rejects.close()
        if alarm is not None:
            alarm.close()
    stats = guards.stats
    result = {
        "segment": seg.index,
        "shard": s,
        "docs_out": produced,
        "docs_in": stats[seg.loaders[task.loader].label].docs_in if seg.index == 0 else read[0],
        "seconds": time.perf_counter() - started,
        "stats": {label: st.to_dict() for label, st in stats.items()},
        "attempt": task.run_token,
    }
    if probe is not None:
        _write_probe(rd, seg.index, s, probe)
    rd.write_marker(rd.shard_marker(seg.index, s), result)
    return result


def _write_probe(rd: RunDir, segment: int, shard: int, probe: ShardProbe) -> None:
    """What the shard recorded for report.html; a failure costs the report that shard, never the run."""
    try:
        write_atomic(rd.probe(segment, shard), jsonl.dumps_line(probe.to_dict()))
    except Exception as exc:  # the report is a by-product of a good run
        logging.getLogger("corpuskit.report").warning(
            "shard %d of segment %d: its records for report.html were not written: %s", shard, segment,
            describe_exception(exc))


def _watched(rejects: RejectSink, probe: ShardProbe | None) -> RejectSink:
    """The shard's reject sink; with a probe, each reject is shown to it too."""
    if probe is None:
        return rejects

    def sink(record: dict[str, Any]) -> None:
        probe.watch_reject(record)
        rejects(record)

    return sink


def _source(task: ShardTask, rd: RunDir, guards: _Guards, read: list[int]) -> Iterator[Document]:
    """The shard's documents: its loader's (first segment), or the previous segment's, applied."""
    seg = task.segment
    if seg.index == 0:
        spec = seg.loaders[task.loader]
        ctx = guards.ctx(spec)
        loader = prepared(task.run_token, spec, ctx)
        assert task.shard is not None
        return timed_source(iter(loader.read(task.shard, ctx)), ctx, loader=loader)
    docs = read_saved(rd.data(seg.index - 1, task.shard_index), rd.key, read)
    if seg.head is None:
        return docs
    ctx = guards.ctx(seg.head)
    stage = prepared(task.run_token, seg.head, ctx)
    label = seg.head.label
    store = DiskStore(rd, seg.index - 1)
    return apply_decisions(stage, docs, store, task.shard_index, ctx, guards.budgets[label], guards.deadlines[label])


def _save_for_global(task: ShardTask, rd: RunDir, docs: Iterator[Document], guards: _Guards) -> int:
    """Map phase of the segment's tail stage, fused with saving the documents for apply."""
    seg = task.segment
    assert seg.tail is not None
    label = seg.tail.label
    ctx = guards.ctx(seg.tail)
    stage = prepared(task.run_token, seg.tail, ctx)
    writer = DiskStore(rd, seg.index).key_writer(task.shard_index, bucket_count(stage, task.buckets))
    with SavedDocuments(rd.data(seg.index, task.shard_index), rd.key) as saved:
        for doc in map_keys(stage, docs, task.shard_index, writer, ctx, guards.budgets[label],
                            guards.deadlines[label]):
            saved.add(doc)
        return saved.finish()


def run_reduce(task: ReduceTask) -> dict[str, Any]:
    """Reduce one bucket: read its keys from every shard, in input order."""
    def step(stage: Any, store: DiskStore, ctx: StageContext) -> int:
        return reduce_bucket(stage, task.bucket, store, task.shards, ctx)

    rd = RunDir(task.run_root, task.run_key)
    return {"bucket": task.bucket, **_global_step(rd, task.run_token, task.spec, task.segment, step)}


def run_combine(task: CombineTask) -> dict[str, Any]:
    """Combine every bucket's partials into decisions routed to their shards."""
    def step(stage: Any, store: DiskStore, ctx: StageContext) -> int:
        return combine_partials(stage, store, task.buckets, ctx)

    return _global_step(RunDir(task.run_root, task.run_key), task.run_token, task.spec, task.segment, step)


def _global_step(
    rd: RunDir, run_token: str, spec: StageSpec, segment: int,
    step: Callable[[Any, DiskStore, StageContext], int],
) -> dict[str, Any]:
    """One whole-corpus step of a global stage (a reduce bucket, the combine), timed."""
    stats = StageStats(spec.label, spec.kind)
    ctx = StageContext(spec.label, stats, _no_rejects(spec.label), workdir=rd.root, plugin=spec.plugin)
    stage = prepared(run_token, spec, ctx)
    t0 = time.perf_counter()
    count = step(stage, DiskStore(rd, segment), ctx)
    stats.seconds += time.perf_counter() - t0
    return {"count": count, "stats": stats.to_dict()}


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
        self._fh.write(jsonl.dumps_line(record))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def _no_rejects(label: str) -> Callable[[dict[str, Any]], None]:
    def refuse(record: dict[str, Any]) -> None:
        raise RuntimeError(f"stage '{label}': reduce and combine cannot reject documents; reject in apply()")

    return refuse
