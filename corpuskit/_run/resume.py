"""Starting a run afresh or resuming one: the run directory's plan and its fingerprint.

A fresh run resets the run directory, creates the run's key (:mod:`corpuskit._run.sealed`)
and records its plan (the shards), sealed with that key, with a fingerprint of what
decides the output: the resolved config, less how it runs, the input files' sizes and
modification times, and the code of every stage it uses (the plugin's distribution and
version, and a hash of the source file of the stage's class). ``--resume`` trusts the
recorded plan only while that fingerprint still matches; ``--resume --force`` accepts
changed code (not a changed config or input).
"""

from __future__ import annotations

import hashlib
import inspect
import os
import uuid
from collections.abc import Mapping
from importlib import metadata
from typing import Any

import attrs
import orjson
import yaml

from corpuskit._config.pipeline import PipelineConfig
from corpuskit._errors import ResumeError, RunError
from corpuskit._io.remote import is_url, url_fingerprint
from corpuskit._run.rundir import RunDir, write_atomic
from corpuskit._run.sealed import forget_key, key_path, load_key, new_key
from corpuskit._stages.kinds import Shard

__all__ = ["HOW_IT_RUNS", "Started", "fingerprint", "recorded_key", "start_or_resume"]

HOW_IT_RUNS = frozenset({"executor", "workers", "retries", "run_dir", "report_sample", "report_rejects"})
"""Keys of the resolved config that change how a run executes, not what it outputs:
a run may be resumed with other values (more workers, on Ray after a local start)."""

Planned = list[tuple[int, Shard]]


def fingerprint(config: PipelineConfig, shards: Planned) -> dict[str, Any]:
    """What decides the output: hashes of the config (not how it runs) and the input files,
    and per stage its plugin, distribution, version and a hash of its class's source file."""
    decisive = {k: v for k, v in config.resolved().items()
                if k not in HOW_IT_RUNS and k not in config.executor_options}
    # a stage parameter may be a mapping with integer keys (gopher_repetition's n-gram limits)
    config_hash = hashlib.sha256(orjson.dumps(decisive, default=str, option=orjson.OPT_NON_STR_KEYS)).hexdigest()
    sources = sorted({src for _, sh in shards for src in (sh.items or (sh.source,))})
    inputs: list[Any] = []
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
    distributions = metadata.packages_distributions()  # scans every installed package: once per run
    return {"config": config_hash, "inputs": inputs_hash, "code": {spec.label: _stage_code(spec.plugin, spec.stage,
                                                                                           distributions)
                                                                   for spec in config.stages}}


def _stage_code(plugin: str, stage: Any, distributions: Mapping[str, list[str]]) -> dict[str, str]:
    """The plugin, distribution and version a stage comes from, and a hash of its class's source file."""
    cls = type(stage)
    top = cls.__module__.split(".")[0]
    dists = distributions.get(top, [])
    dist = dists[0] if dists else ""
    try:
        version = metadata.version(dist) if dist else ""
    except metadata.PackageNotFoundError:
        version = ""
    try:
        path = inspect.getsourcefile(cls)
        with open(path or "", "rb") as fh:
            source = hashlib.sha256(fh.read()).hexdigest()
    except (TypeError, OSError):
        source = ""
    return {"plugin": plugin, "dist": dist, "version": version, "source": source}


@attrs.frozen
class Started:
    """A run's plan as it starts: its shards, whether it resumes, its id and every attempt's token."""

    shards: Planned
    resumed: bool
    run_id: str
    attempts: tuple[str, ...]


def start_or_resume(config: PipelineConfig, rd: RunDir, shards: Planned, resume: bool, attempt: str,
                    force: bool = False) -> Started:
    """Start afresh (a new run id and key), or resume the run recorded in ``rd`` (``resume``).

    ``attempt`` is this run's token: a completion marker counts only when an attempt of
    this run wrote it (sealed with its key), never a worker of an earlier run. ``force``
    resumes across changes of the stages' code.
    """
    current = fingerprint(config, shards)
    if resume:
        return _resumed_plan(config, rd, current, attempt, force)
    try:
        earlier = _recorded_run_id(rd)
        rd.reset()
        run_id = uuid.uuid4().hex
        rd.key = new_key(run_id)
        if earlier:
            forget_key(earlier)
        write_atomic(rd.config, yaml.safe_dump(config.resolved(), sort_keys=False).encode())
        plan = {"run": run_id, "attempts": [attempt], "fingerprint": current,
                "shards": [[li, _shard_dict(sh)] for li, sh in shards]}
        rd.write_marker(rd.plan, plan)
    except OSError as exc:
        raise RunError(
            f"cannot prepare the run directory {rd.root} or the run's key: {exc.strerror or exc}: "
            f"{exc.filename or ''}",
            hint="choose another with --run-dir or run_dir, or fix its permissions",
        ) from None
    return Started(shards, False, run_id, (attempt,))


def recorded_key(rd: RunDir) -> bytes | None:
    """The key of the run ``rd`` records (to trust what it left), or None."""
    run_id = _recorded_run_id(rd)
    return load_key(run_id) if run_id else None


def _recorded_run_id(rd: RunDir) -> str | None:
    """The run id plan.json names (unverified: used only to find a key to verify with, or forget)."""
    try:
        raw = orjson.loads(rd.plan.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    run_id = raw.get("run") if isinstance(raw, dict) else None
    return run_id if isinstance(run_id, str) else None


def _resumed_plan(
    config: PipelineConfig, rd: RunDir, current: dict[str, Any], attempt: str, force: bool
) -> Started:
    run_id = _recorded_run_id(rd)
    if run_id is None:
        raise ResumeError(
            f"nothing to resume in {rd.root}: no earlier run of '{config.name}' left a plan there",
            hint="run without --resume",
        )
    if rd.stats.exists():
        raise ResumeError(
            f"the run in {rd.root} already finished (see its report.txt); there is nothing to resume",
            hint="run without --resume to run it again",
        )
    key = load_key(run_id)
    if key is None:
        raise ResumeError(
            f"cannot resume the run in {rd.root}: its key is not on this machine for this user "
            f"({key_path(run_id)}), so nothing it wrote can be trusted",
            hint="resume as the user, on the machine, that started it; or run without --resume",
        )
    rd.key = key
    old = rd.read_marker(rd.plan)
    if old is None:
        raise ResumeError(
            f"cannot resume the run in {rd.root}: its plan.json was changed after the run wrote it",
            hint="run without --resume to start over",
        )
    changed = [k for k in ("config", "inputs") if old["fingerprint"].get(k) != current[k]]
    if changed:
        what = " and ".join("the pipeline config" if c == "config" else "the input files" for c in changed)
        raise ResumeError(
            f"cannot resume the run in {rd.root}: {what} changed since it started",
            hint="restore them, or run without --resume to start over",
        )
    changed_code = _code_changes(old["fingerprint"].get("code"), current["code"])
    if changed_code and not force:
        raise ResumeError(
            f"cannot resume the run in {rd.root}: the code of its stages changed since it started "
            f"({'; '.join(changed_code)}); the output would mix results of the old and the new code",
            hint="run without --resume to start over, or resume anyway with --resume --force "
            "(Pipeline.run(resume=True, force=True))",
        )
    attempts = (*old["attempts"], attempt)
    rd.write_marker(rd.plan, {**old, "attempts": list(attempts)})
    shards = [(li, Shard(**{**sh, "items": tuple(sh["items"])})) for li, sh in old["shards"]]
    return Started(shards, True, run_id, attempts)


def _code_changes(old: dict[str, dict[str, str]] | None, new: dict[str, dict[str, str]]) -> list[str]:
    """What changed in the stages' code between two fingerprints, stage by stage."""
    if old is None:
        return ["the run was started by a corpuskit that did not record it"]
    changes = []
    for label, now in new.items():
        before = old.get(label, {})
        if before.get("version") != now["version"]:
            changes.append(f"'{label}': plugin '{now['plugin']}' {now['dist'] or '?'} "
                           f"{before.get('version') or '?'} -> {now['version'] or '?'}")
        elif before.get("source") != now["source"]:
            changes.append(f"'{label}': its source changed (plugin '{now['plugin']}')")
    return changes


def _shard_dict(shard: Shard) -> dict[str, Any]:
    return {"source": shard.source, "start": shard.start, "end": shard.end, "line": shard.line,
            "weight": shard.weight, "items": list(shard.items)}
