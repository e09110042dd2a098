"""The runner: plans shards and segments, drives an executor, collects stats.

A pipeline is split at its global stages into segments (see :mod:`corpuskit._run.plan`).
Each segment runs over every shard in parallel; a global stage between two segments
is reduced bucket by bucket (then combined) in between. Every finished unit leaves a
marker in the run directory, which is what ``resume`` trusts.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
import yaml

from corpuskit._config.pipeline import PipelineConfig
from corpuskit._errors import ConfigError, CorpuskitError, InputError, ResumeError, RunError, did_you_mean
from corpuskit._io.remote import is_url, url_fingerprint
from corpuskit._plugins.manager import Plugins
from corpuskit._run.executors.base import MAIN_GUARD_HINT, TaskFailed, available_cores
from corpuskit._run.plan import Segment, plan_segments
from corpuskit._run.progress import NullProgress, Progress
from corpuskit._run.result import RunResult, format_report
from corpuskit._run.rundir import RunDir, write_atomic
from corpuskit._run.runinfo import RunInfo
from corpuskit._run.worker import (
    CombineTask,
    ReduceTask,
    ShardTask,
    _has_combine,
    forget_run,
    run_combine,
    run_reduce,
    run_shard,
)
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
        executor: str | None = None,
        workers: int | None = None,
        run_dir: str | os.PathLike[str] | None = None,
        resume: bool = False,
        progress: Progress | None = None,
        default_executor: str = "serial",
    ) -> None:
        _refuse_in_a_starting_worker()
        self.config = config
        self.plugins = plugins
        self.executor_name = executor or config.executor or default_executor
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
        self.progress = progress or NullProgress()
        self.token = uuid.uuid4().hex
        self.segments = plan_segments(config)

    # -- planning -------------------------------------------------------------
    def _executor(self) -> Any:
        factory = self.plugins.executors.get(self.executor_name)
        if factory is None:
            raise ConfigError(
                f"unknown executor '{self.executor_name}'",
                key="executor",
                hint=did_you_mean(self.executor_name, self.plugins.executors.names()),
            )
        options = self.config.executor_options.get(self.executor_name, {})
        return factory(workers=self.workers, options=options, retries=self.config.retries)

    def _plan_shards(self) -> list[tuple[int, Shard]]:
        loaders = self.segments[0].loaders
        if not loaders:
            raise ConfigError(
                "the pipeline has no load stage, so 'run' has nothing to read",
                where=self.config.source,
                hint="start 'stages' with read_text or read_jsonl, or call pipeline.process(docs)",
            )
        shards: list[tuple[int, Shard]] = []
        for li, spec in enumerate(loaders):
            ctx = StageContext(spec.label, StageStats(spec.label), _plan_reject, options={"workers": self.workers})
            try:
                planned = spec.stage.plan(ctx)
            except InputError as exc:
                if exc.where:
                    raise
                param = (exc.key or "").rsplit(".", 1)[-1]
                where = spec.param_where.get(param, spec.where)
                raise InputError(exc.detail, where=where, key=exc.key, hint=exc.hint) from None
            shards.extend((li, shard) for shard in planned)
        return shards

    def _fingerprint(self, shards: list[tuple[int, Shard]]) -> dict[str, str]:
        """Hashes of what decides the output: the config (not how it runs) and the input files."""
        decisive = {k: v for k, v in self.config.resolved().items() if k not in _HOW_IT_RUNS
                    and k not in self.config.executor_options}
        config_hash = hashlib.sha256(orjson.dumps(decisive, default=str)).hexdigest()
        sources = sorted({src for _, sh in shards for src in (sh.items or (sh.source,))})
        inputs = []
        for path in sources:
            if is_url(path):
                inputs.append(url_fingerprint(path))
                continue
            try:
                st = os.stat(path)
                inputs.append([path, st.st_size, st.st_mtime_ns])
            except OSError:
                inputs.append([path, -1, -1])
        inputs_hash = hashlib.sha256(orjson.dumps(inputs)).hexdigest()
        return {"config": config_hash, "inputs": inputs_hash}

    def _prepare(self) -> tuple[list[tuple[int, Shard]], bool]:
        """Shards to run, and whether this run resumes an earlier one."""
        shards = self._plan_shards()
        fingerprint = self._fingerprint(shards)
        if self.resume:
            old = RunDir.read_marker(self.rd.plan)
            if old is None:
                raise ResumeError(
                    f"nothing to resume in {self.rd.root}: no earlier run of '{self.config.name}' left a plan there\n"
                    "  hint: run without --resume"
                )
            if self.rd.stats.exists():
                raise ResumeError(
                    f"the run in {self.rd.root} already finished (see its report.txt); there is nothing to resume\n"
                    "  hint: run without --resume to run it again"
                )
            changed = [k for k in ("config", "inputs") if old["fingerprint"].get(k) != fingerprint[k]]
            if changed:
                what = " and ".join("the pipeline config" if c == "config" else "the input files" for c in changed)
                raise ResumeError(
                    f"cannot resume the run in {self.rd.root}: {what} changed since it started\n"
                    "  hint: restore them, or run without --resume to start over"
                )
            return [(li, Shard(**{**sh, "items": tuple(sh["items"])})) for li, sh in old["shards"]], True
        try:
            self.rd.reset()
            write_atomic(self.rd.config, yaml.safe_dump(self.config.resolved(), sort_keys=False).encode())
            plan = {"fingerprint": fingerprint, "shards": [[li, _shard_dict(sh)] for li, sh in shards]}
            RunDir.write_marker(self.rd.plan, plan)
        except OSError as exc:
            raise RunError(
                f"cannot prepare the run directory {self.rd.root}: {exc.strerror or exc}\n"
                "  hint: choose another with --run-dir or run_dir, or fix its permissions"
            ) from None
        return shards, False

    # -- running --------------------------------------------------------------
    def run(self) -> RunResult:
        started = time.perf_counter()
        shards, resumed = self._prepare()
        self._check_outputs()
        info = RunInfo(self.config.name, self.rd.root, self.executor_name, self.workers,
                       self.config.resolved(), resumed)
        hook = self.plugins.pm.hook
        executor = None
        try:
            hook.corpuskit_run_started(run=info)
            executor = self._executor()
            stats: dict[str, StageStats] = {}
            skipped = 0
            for seg in self.segments:
                results, seg_skipped = self._run_segment(executor, seg, shards)
                skipped += seg_skipped
                for result in results:
                    merge_stats(stats, _stats_of(result))
                if seg.tail is not None:
                    merge_stats(stats, self._run_reduce(executor, seg, len(shards)))
                for spec in seg.finished_stages():
                    hook.corpuskit_stage_finished(run=info, stage=spec.label, stats=stats[spec.label])
            outputs = self._commit(shards)
            result = self._finish(stats, outputs, shards, skipped, started)
        except TaskFailed as exc:
            error = RunError(f"run '{self.config.name}' failed: {exc}; finished shards are kept in {self.rd.root}"
                             "\n  hint: corpuskit run --resume continues it")
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
        self, executor: Any, seg: Segment, shards: list[tuple[int, Shard]]
    ) -> tuple[list[dict[str, Any]], int]:
        options = {"workers": self.workers}
        tasks = [
            ShardTask(str(self.rd.root), self.token, seg, s, shard if seg.index == 0 else None, li,
                      self.config.buckets, self.config.max_errors, options, self.config.timeout)
            for s, (li, shard) in enumerate(shards)
        ]
        done: dict[int, dict[str, Any]] = {}
        if self.resume:
            for task in tasks:
                marker = RunDir.read_marker(self.rd.shard_marker(seg.index, task.shard_index))
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

    def _run_reduce(self, executor: Any, seg: Segment, shard_count: int) -> dict[str, StageStats]:
        spec = seg.tail
        assert spec is not None
        marker_path = self.rd.reduce_marker(seg.index)
        marker = RunDir.read_marker(marker_path) if self.resume else None
        if marker is None:
            for name in ("partials", "decisions"):
                _rmtree(self.rd.root / name / f"seg{seg.index}")
            buckets = getattr(spec.stage, "buckets", None) or self.config.buckets
            routed = not _has_combine(spec.stage)
            tasks = [ReduceTask(str(self.rd.root), self.token, seg.index, spec, b, shard_count, routed)
                     for b in range(buckets)]
            self.progress.phase(f"reduce {spec.label} ({buckets} buckets)", len(tasks) + (0 if routed else 1))
            results = executor.map(run_reduce, tasks, on_done=self._advance)
            if not routed:
                combine = CombineTask(str(self.rd.root), self.token, seg.index, spec, buckets)
                results += executor.map(run_combine, [combine], on_done=self._advance)
            self.progress.end_phase()
            merged = StageStats(spec.label, spec.kind)
            for r in results:
                merged = merged + StageStats.from_dict(r["stats"])
            merged.docs_in = merged.docs_out = 0  # reduce counts no documents
            marker = {"stats": merged.to_dict()}
            RunDir.write_marker(marker_path, marker)
        return {spec.label: StageStats.from_dict(marker["stats"])}

    def _check_outputs(self) -> None:
        """Fail before any work when an exporter cannot write where it must (``prepare_output``)."""
        for spec in self.segments[-1].exporters:
            prepare = getattr(spec.stage, "prepare_output", None)
            if not callable(prepare):
                continue
            ctx = StageContext(spec.label, StageStats(spec.label), _plan_reject)
            try:
                prepare(ctx)
            except OSError as exc:
                raise RunError(
                    f"stage '{spec.label}' cannot write its output: {exc.strerror or exc}: {exc.filename or ''}"
                    "\n  hint: check the output path and its permissions"
                ) from None

    def _commit(self, shards: list[tuple[int, Shard]]) -> list[str]:
        outputs: list[str] = []
        for spec in self.segments[-1].exporters:
            parts = [self.rd.part(spec.label, s) for s in range(len(shards))]
            ctx = StageContext(spec.label, StageStats(spec.label), _plan_reject)
            try:
                outputs.extend(spec.stage.commit(parts, ctx))
            except OSError as exc:
                raise RunError(
                    f"stage '{spec.label}' could not write its output: {exc.strerror or exc}: "
                    f"{exc.filename or ''}\n  hint: check the output path and free disk space; "
                    "nothing was left under the final name"
                ) from None
        return outputs

    def _finish(
        self, stats: dict[str, StageStats], outputs: list[str], shards: list[tuple[int, Shard]], skipped: int,
        started: float,
    ) -> RunResult:
        order = {spec.label: spec.index for spec in self.config.stages}
        stats = dict(sorted(stats.items(), key=lambda kv: order.get(kv[0], 1 << 30)))
        unbalanced = [st for st in stats.values() if not st.balanced]
        reject_files = [self.rd.shard_rejects(seg.index, s) for seg in self.segments for s in range(len(shards))]
        rejected = self.rd.merge_rejects(reject_files)
        first = next(iter(stats.values()), None)
        last_out = self._docs_out(stats)
        result = RunResult(
            name=self.config.name, run_dir=self.rd.root, executor=self.executor_name, workers=self.workers,
            stats=stats, outputs=outputs, rejects=self.rd.rejects, docs_in=first.docs_in if first else 0,
            docs_out=last_out, rejected=rejected, seconds=time.perf_counter() - started, shards=len(shards),
            skipped_shards=skipped, segments=len(self.segments),
        )
        write_atomic(self.rd.stats, orjson.dumps(
            {"run": {"name": result.name, "executor": result.executor, "workers": result.workers,
                     "docs_in": result.docs_in, "docs_out": result.docs_out, "rejected": rejected,
                     "seconds": round(result.seconds, 3), "shards": len(shards), "skipped_shards": skipped,
                     "outputs": outputs},
             "stages": [st.to_dict() for st in stats.values()]}, option=orjson.OPT_INDENT_2))
        write_atomic(self.rd.report, (format_report(result) + "\n").encode())
        if unbalanced:
            detail = "; ".join(f"{st.name}: in={st.docs_in} out={st.docs_out} rejected={st.rejected_total}"
                               for st in unbalanced)
            raise RunError(f"documents disappeared silently ({detail})\n  hint: a stage must yield or "
                           "ctx.reject every document it reads")
        self.rd.clean_scratch()
        return result

    def _docs_out(self, stats: dict[str, StageStats]) -> int:
        specs = [s for s in self.config.stages if s.kind != "export"]
        return stats[specs[-1].label].docs_out if specs and specs[-1].label in stats else 0


# Keys of the resolved config that change how a run executes, not what it outputs:
# a run may be resumed with other values (more workers, on Ray after a local start).
_HOW_IT_RUNS = frozenset({"executor", "workers", "retries", "run_dir"})


def _stats_of(result: dict[str, Any]) -> dict[str, StageStats]:
    return {label: StageStats.from_dict(d) for label, d in result["stats"].items()}


def _shard_dict(shard: Shard) -> dict[str, Any]:
    return {"source": shard.source, "start": shard.start, "end": shard.end, "line": shard.line,
            "weight": shard.weight, "items": list(shard.items)}


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _plan_reject(record: dict[str, Any]) -> None:
    raise CorpuskitError(f"stage '{record.get('stage')}' cannot reject documents outside a shard")
