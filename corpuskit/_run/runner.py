"""The runner: plans shards and segments, drives an executor, collects stats.

A pipeline is split at its global stages into segments (see :mod:`corpuskit._run.plan`).
Each segment runs over every shard in parallel; a global stage between two segments
is reduced bucket by bucket (then combined) in between. Every finished unit leaves a
marker in the run directory, which is what ``resume`` trusts.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
import uuid
from pathlib import Path
from typing import Any

import attrs

from corpuskit._config.pipeline import PipelineConfig
from corpuskit._errors import ConfigError, RunError, did_you_mean
from corpuskit._io.remote import is_url
from corpuskit._plugins.manager import Plugins
from corpuskit._run.commit_set import commit_with_split_outputs, recover_commit
from corpuskit._run.contracts import in_phase
from corpuskit._run.disk_store import DiskStore
from corpuskit._run.executors.base import MAIN_GUARD_HINT, Executor, TaskFailed, available_cores
from corpuskit._run.global_protocol import bucket_count, has_combine
from corpuskit._run.guards import TIMEOUT
from corpuskit._run.outputs import check_output_targets
from corpuskit._run.plan import Segment, plan_segments, plan_shards, refuse_rejects
from corpuskit._run.progress import NullProgress, Progress
from corpuskit._run.report import probe_plan, write_reports
from corpuskit._run.result import RunResult
from corpuskit._run.resume import recorded_key, start_or_resume
from corpuskit._run.rundir import RunDir
from corpuskit._run.runinfo import RunInfo
from corpuskit._run.setup_cache import forget_run
from corpuskit._run.split import split_of
from corpuskit._run.tasks import CombineTask, ReduceTask, ShardTask, run_combine, run_reduce, run_shard
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Shard
from corpuskit._stages.stats import StageStats, merge_stats

__all__ = ["Runner"]


def _refuse_in_a_starting_worker() -> None:
    """Stop a worker process that runs a pipeline while it imports the user's script.

    The ``local`` executor starts workers with ``spawn``, which imports the main
    script again; without a ``__main__`` guard that import would start the whole
    run again inside the worker. Exits the worker with one clear line instead.
    """
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise SystemExit(f"corpuskit: a worker process was asked to run a pipeline while it started: {MAIN_GUARD_HINT}")


class Runner:
    """Runs a validated pipeline over its loaders' input with one executor."""

    def __init__(
        self,
        config: PipelineConfig,
        plugins: Plugins,
        *,
        executor: str,
        workers: int | None = None,
        run_dir: str | os.PathLike[str] | None = None,
        resume: bool = False,
        progress: Progress | None = None,
        ray_runtime_env: dict[str, Any] | None = None,
        force: bool = False,
    ) -> None:
        _refuse_in_a_starting_worker()
        if ray_runtime_env is not None and executor != "ray":
            raise ConfigError(f"a Ray runtime_env was given, but the executor is '{executor}'",
                              key="executor", hint="run with the executor 'ray', or drop the runtime_env")
        self.ray_runtime_env = ray_runtime_env
        self.config = config
        self.plugins = plugins
        self.executor_name = executor
        self.workers = workers or config.workers or available_cores()
        root = run_dir or config.run_dir or Path(".corpuskit") / "runs" / config.name
        if is_url(str(root)):
            raise ConfigError(
                f"the run directory must be a path every node shares (NFS, a mounted bucket), not a URL: '{root}'",
                key="run_dir",
                hint="input paths and write_jsonl's path may be URLs; see docs/cluster.md, 'Shared storage'",
            )
        self.rd = RunDir(root)
        self.resume = resume
        self.force = force  # resume across changed stage code
        self.progress = progress or NullProgress()
        self.token = uuid.uuid4().hex  # this attempt's: markers name it, setup caches are keyed by it
        self.attempts: set[str] = {self.token}
        self.segments = plan_segments(config)
        self.probe_plan = probe_plan(config)

    def _executor(self) -> Executor:
        """A fresh executor of the chosen name, from the registry plugins fill."""
        factory = self.plugins.executors.get(self.executor_name)
        if factory is None:
            raise ConfigError(
                f"unknown executor '{self.executor_name}'",
                key="executor",
                hint=did_you_mean(self.executor_name, self.plugins.executors.names()),
            )
        options = self.config.executor_options.get(self.executor_name, {})
        explicit = {"runtime_env": self.ray_runtime_env} if self.ray_runtime_env is not None else {}
        executor: Executor = factory(workers=self.workers, options=options, retries=self.config.retries, **explicit)
        return executor

    # -- running --------------------------------------------------------------
    def run(self) -> RunResult:
        """Run in the run directory, which this run holds (a lock) until it ends."""
        started = time.perf_counter()
        planned = plan_shards(self.config, self.segments, self.workers)
        self.guard = check_output_targets(self.config, self.segments[-1].exporters, planned, self.rd.root)
        self.rd.claim()
        with self.rd.locked():
            return self._run(planned, started)

    def _run(self, planned: list[tuple[int, Shard]], started: float) -> RunResult:
        recovered = recover_commit(self.rd, recorded_key(self.rd))
        if recovered:
            logging.getLogger("corpuskit").warning("%s: %s", self.rd.root, recovered)
        started_as = start_or_resume(self.config, self.rd, planned, self.resume, self.token, self.force)
        shards, resumed, self.attempts = started_as.shards, started_as.resumed, set(started_as.attempts)
        self._check_outputs()
        info = RunInfo(self.config.name, self.rd.root, self.executor_name, self.workers,
                       self.config.resolved(), resumed)
        hook = self.plugins.pm.hook
        executor = None
        try:
            executor = self._executor()
            if executor.workers != self.workers:  # serial runs one unit at a time, whatever was asked
                self.workers = executor.workers
                info = attrs.evolve(info, workers=executor.workers)
            hook.corpuskit_run_started(run=info)
            stats: dict[str, StageStats] = {}
            skipped = 0
            for seg in self.segments:
                results, seg_skipped = self._run_segment(executor, seg, shards)
                skipped += seg_skipped
                for shard_result in results:
                    merge_stats(stats, _stats_of(shard_result))
                if seg.tail is not None:
                    merge_stats(stats, self._run_reduce(executor, seg, len(shards)))
                for spec in seg.finished_stages():
                    hook.corpuskit_stage_finished(run=info, stage=spec.label, stats=stats[spec.label])
            stats = self._ordered(stats)
            rejected = self._merge_rejects(shards)
            check_stats(stats)  # every check passes before anything is committed
            outputs = self._commit(shards, executor)
            result = self._finish(stats, outputs, shards, skipped, rejected, started)
        except TaskFailed as exc:
            hint = ("add the guard to the script, then run it again" if MAIN_GUARD_HINT in str(exc)
                    else "'corpuskit run --resume' (Pipeline.run(resume=True)) continues it")
            error = RunError(f"run '{self.config.name}' failed: {exc}; finished shards are kept in {self.rd.root}",
                             hint=hint)
            hook.corpuskit_run_failed(run=info, error=error)
            raise error from exc
        except BaseException as exc:
            hook.corpuskit_run_failed(run=info, error=exc)
            raise
        finally:
            if executor is not None:
                executor.close()
            forget_run(self.token)
        hook.corpuskit_run_finished(run=info, result=result)
        return result

    def _run_segment(
        self, executor: Executor, seg: Segment, shards: list[tuple[int, Shard]]
    ) -> tuple[list[dict[str, Any]], int]:
        options = {"workers": self.workers}
        tasks = [
            ShardTask(str(self.rd.root), self.token, seg, s, shard if seg.index == 0 else None, li,
                      self.config.buckets, self.config.max_errors, options, self.config.timeout, self.rd.key,
                      self.probe_plan)
            for s, (li, shard) in enumerate(shards)
        ]
        done: dict[int, dict[str, Any]] = {}
        if self.resume:
            for task in tasks:
                marker = self._marker(self.rd.shard_marker(seg.index, task.shard_index))
                if marker is not None:
                    done[task.shard_index] = marker
        pending = [t for t in tasks if t.shard_index not in done]
        names = ", ".join(spec.name for spec in seg.specs()) or "pass-through"
        self.progress.phase(f"segment {seg.index + 1}/{len(self.segments)}: {names}", len(tasks), len(done))
        for task, result in zip(pending, executor.map(run_shard, pending, on_done=self._advance), strict=True):
            done[task.shard_index] = result
        self.progress.end_phase()
        skipped = len(tasks) - len(pending)
        return [done[s] for s in range(len(tasks))], skipped

    def _advance(self, task: Any, result: dict[str, Any]) -> None:
        self.progress.advance(result)

    def _run_reduce(self, executor: Executor, seg: Segment, shard_count: int) -> dict[str, StageStats]:
        spec = seg.tail
        assert spec is not None
        marker_path = self.rd.reduce_marker(seg.index)
        marker = self._marker(marker_path) if self.resume else None
        if marker is None:
            DiskStore(self.rd, seg.index).clear_reduce()
            buckets = bucket_count(spec.stage, self.config.buckets)
            combined = has_combine(spec.stage)
            tasks = [ReduceTask(str(self.rd.root), self.token, seg.index, spec, b, shard_count, self.rd.key)
                     for b in range(buckets)]
            self.progress.phase(f"reduce {spec.label} ({buckets} buckets)", len(tasks) + (1 if combined else 0))
            results = executor.map(run_reduce, tasks, on_done=self._advance)
            if combined:
                combine = CombineTask(str(self.rd.root), self.token, seg.index, spec, buckets, self.rd.key)
                results += executor.map(run_combine, [combine], on_done=self._advance)
            self.progress.end_phase()
            merged = StageStats(spec.label, spec.kind)
            for r in results:
                merged = merged + StageStats.from_dict(r["stats"])
            merged.docs_in = merged.docs_out = 0  # reduce counts no documents
            marker = {"stats": merged.to_dict(), "attempt": self.token}
            self.rd.write_marker(marker_path, marker)
        return {spec.label: StageStats.from_dict(marker["stats"])}

    def _marker(self, path: Path) -> dict[str, Any] | None:
        """A completion marker an attempt of this run wrote (sealed with its key); None for any other."""
        marker = self.rd.read_marker(path)
        return marker if marker is not None and marker.get("attempt") in self.attempts else None

    def _check_outputs(self) -> None:
        """Fail before any work when an exporter cannot write where it must (``prepare_output``)."""
        for spec in self.segments[-1].exporters:
            prepare = getattr(spec.stage, "prepare_output", None)
            if not callable(prepare):
                continue
            ctx = StageContext(spec.label, StageStats(spec.label), refuse_rejects, plugin=spec.plugin)
            split = split_of(spec.stage)
            if split is not None:  # checked where the files go: the template's fixed directory
                probe = f"{split.template.static_dir().rstrip('/')}/probe{Path(split.template.text).suffix}"
                prepare = attrs.evolve(spec.stage, **{split.param: probe}).prepare_output
            try:
                prepare(ctx)
            except OSError as exc:
                raise RunError(
                    f"stage '{spec.label}' cannot write its output: {exc.strerror or exc}: {exc.filename or ''}",
                    hint="check the output path and its permissions",
                ) from None

    def _commit(self, shards: list[tuple[int, Shard]], executor: Executor) -> list[str]:
        """Commit every exporter's output; split outputs (many files) as one set (commit_set)."""
        exporters = self.segments[-1].exporters
        split = [(spec, out) for spec in exporters if (out := split_of(spec.stage)) is not None]
        if split:
            finals = commit_with_split_outputs(self.rd, self.token, executor, split, len(shards), self.guard,
                                               lambda: self._commit_plain(shards), self.progress)
        else:
            finals = self._commit_plain(shards)
        return [path for spec in exporters for path in finals[spec.label]]

    def _commit_plain(self, shards: list[tuple[int, Shard]]) -> dict[str, list[str]]:
        outputs: dict[str, list[str]] = {}
        for spec in self.segments[-1].exporters:
            if split_of(spec.stage) is not None:
                continue
            parts = [self.rd.part(spec.label, s) for s in range(len(shards))]
            ctx = StageContext(spec.label, StageStats(spec.label), refuse_rejects, plugin=spec.plugin)
            try:
                with in_phase(ctx, spec.stage, "commit", io_errors=True):
                    outputs[spec.label] = list(spec.stage.commit(parts, ctx))
            except OSError as exc:
                raise RunError(
                    f"stage '{spec.label}' could not write its output: {exc.strerror or exc}: {exc.filename or ''}",
                    hint="check the output path and free disk space; nothing was left under the final name",
                ) from None
        return outputs

    def _ordered(self, stats: dict[str, StageStats]) -> dict[str, StageStats]:
        order = {spec.label: spec.index for spec in self.config.stages}
        return dict(sorted(stats.items(), key=lambda kv: order.get(kv[0], 1 << 30)))

    def _merge_rejects(self, shards: list[tuple[int, Shard]]) -> int:
        reject_files = [self.rd.shard_rejects(seg.index, s) for seg in self.segments for s in range(len(shards))]
        return self.rd.merge_rejects(reject_files)

    def _finish(
        self, stats: dict[str, StageStats], outputs: list[str], shards: list[tuple[int, Shard]], skipped: int,
        rejected: int, started: float,
    ) -> RunResult:
        first = next(iter(stats.values()), None)
        result = RunResult(
            name=self.config.name, run_dir=self.rd.root, executor=self.executor_name, workers=self.workers,
            stats=stats, outputs=outputs, rejects=self.rd.rejects, docs_in=first.docs_in if first else 0,
            docs_out=self._docs_out(stats), rejected=rejected, seconds=time.perf_counter() - started,
            shards=len(shards), skipped_shards=skipped, segments=len(self.segments),
        )
        write_reports(self.rd, result, self.config)
        self.rd.clean_scratch()
        return result

    def _docs_out(self, stats: dict[str, StageStats]) -> int:
        specs = [s for s in self.config.stages if s.kind != "export"]
        return stats[specs[-1].label].docs_out if specs and specs[-1].label in stats else 0


def check_stats(stats: dict[str, StageStats]) -> None:
    """Fail the run when a stage lost documents silently or failed on every document it saw."""
    unbalanced = [st for st in stats.values() if not st.balanced]
    if unbalanced:
        detail = "; ".join(f"{st.name}: in={st.docs_in} out={st.docs_out} rejected={st.rejected_total}"
                           for st in unbalanced)
        raise RunError(f"documents disappeared silently ({detail}); nothing was committed",
                       hint="a stage must yield or ctx.reject every document it reads")
    for st in stats.values():
        failures = sum(n for reason, n in st.rejected.items() if reason.startswith("error: ") or reason == TIMEOUT)
        if st.docs_in > 0 and failures == st.docs_in:
            reasons = ", ".join(sorted(r for r in st.rejected if r.startswith("error: ") or r == TIMEOUT))
            raise RunError(
                f"stage '{st.name}' failed on every document it read ({st.docs_in}: {reasons}); nothing was committed",
                hint="the errors are in the run directory's rejects.jsonl; fix the stage or its parameters",
            )


def _stats_of(result: dict[str, Any]) -> dict[str, StageStats]:
    return {label: StageStats.from_dict(d) for label, d in result["stats"].items()}
