"""Committing a split output's many files as one decision, through a journal.

1. Plan every file (:func:`corpuskit._run.split.plan_files`), refuse any that may not be
   written (an input, a symlink, the run directory: :mod:`corpuskit._run.outputs`).
2. Record the plan in the run directory's ``commit.json`` (state ``writing``), then write
   every file under a hidden staging name next to its final name, synced.
3. The commit point: ``commit.json`` says ``renaming`` (written atomically, synced).
4. Rename each staged file over its final name, write the output's manifest (the files
   this commit wrote), remove the files the previous commit of the same template wrote
   and this one did not; delete ``commit.json``.

Killed before 3, the previous files are untouched and the staged ones are removed by the
next run in this run directory; killed during 4, the next run finishes the renames. The
manifest, ``.corpuskit-files-<hash>.json`` in the template's fixed directory, is what
tells corpuskit's files from the user's: nothing it does not list is ever removed.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from corpuskit._config.pipeline import StageSpec
from corpuskit._errors import RunError
from corpuskit._io.files import keep_mode
from corpuskit._run.executors.base import Executor
from corpuskit._run.outputs import OutputGuard
from corpuskit._run.progress import NullProgress, Progress
from corpuskit._run.rundir import RunDir, write_atomic
from corpuskit._run.split import FileTask, SplitOutput, plan_files, staging_name, write_files
from corpuskit._stages.pathtemplate import PathTemplate

__all__ = ["commit_with_split_outputs", "manifest_path", "recover_commit"]

_FILES_PER_TASK = 64


def manifest_path(template: PathTemplate) -> str:
    digest = hashlib.sha256(template.text.encode()).hexdigest()[:12]
    return f"{template.static_dir().rstrip('/')}/.corpuskit-files-{digest}.json"


def commit_with_split_outputs(
    rd: RunDir, token: str, executor: Executor, split: list[tuple[StageSpec, SplitOutput]], shards: int,
    guard: OutputGuard, commit_others: Callable[[], dict[str, list[str]]], progress: Progress | None = None,
) -> dict[str, list[str]]:
    """Write and rename every split output's files, around ``commit_others`` (the plain
    outputs' commits); returns every exporter's final files by label."""
    journal: dict[str, Any] = {"state": "writing", "files": [], "remove": [], "manifests": {}}
    tasks: list[FileTask] = []
    finals: dict[str, list[str]] = {}
    claimed: dict[str, str] = {}
    for spec, out in split:
        files = plan_files(out, [rd.part(spec.label, s) for s in range(shards)])
        for f in files:
            guard.refuse(f.final, spec, out.param)
            _claim(claimed, f.final, spec.label)
        staged = [(staging_name(f.final, token), f) for f in files]
        per_task = max(1, min(_FILES_PER_TASK, len(staged) // (4 * executor.workers)))  # every worker busy
        for first in range(0, len(staged), per_task):
            group = tuple(staged[first:first + per_task])
            tasks.append(FileTask(str(rd.root), token, spec, out.param, group, first))
        journal["files"] += [[os.path.abspath(s), os.path.abspath(f.final)] for s, f in staged]
        finals[spec.label] = [f.final for f in files]
        manifest, removals = _manifest_change(out.template, finals[spec.label], guard)
        journal["manifests"][os.path.abspath(manifest[0])] = manifest[1]
        journal["remove"] += removals
    rd.write_marker(_journal(rd), journal)
    progress = progress or NullProgress()
    try:
        progress.phase(f"commit: {len(journal['files'])} files", len(tasks))
        executor.map(write_files, tasks, on_done=lambda task, result: progress.advance(result))
        progress.end_phase()
        others = commit_others()
    except BaseException:
        _roll_back(journal)
        _journal(rd).unlink(missing_ok=True)
        raise
    journal["state"] = "renaming"
    rd.write_marker(_journal(rd), journal)
    _sync(_journal(rd))
    _apply(journal)
    _journal(rd).unlink()
    return {**finals, **others}


def recover_commit(rd: RunDir, key: bytes | None) -> str | None:
    """Finish (or undo) a commit an earlier run in ``rd`` was killed in; say which, or None."""
    path = _journal(rd)
    if not path.exists():
        return None
    journal = RunDir(rd.root, key).read_marker(path) if key is not None else None
    if journal is None:
        raise RunError(f"{path} was left by a commit that was stopped, and cannot be trusted "
                       "(not sealed by the run that wrote it)",
                       hint="check the outputs it names, then delete it")
    if journal.get("state") == "renaming":
        _apply(journal)
        done = "finished the commit of an earlier run, stopped while it renamed its files into place"
    else:
        _roll_back(journal)
        done = "removed the staged files of an earlier run, stopped before its commit"
    path.unlink()
    return done


def _claim(claimed: dict[str, str], final: str, label: str) -> None:
    """Refuse a file two exporters would both write (the second would silently replace the first)."""
    key = os.path.abspath(final)
    if claimed.setdefault(key, label) != label:
        raise RunError(f"stages '{claimed[key]}' and '{label}' would both write '{final}'; nothing was committed",
                       hint="give the exporters paths that cannot name the same file")


def _journal(rd: RunDir) -> Path:
    return rd.root / "commit.json"


def _manifest_change(template: PathTemplate, finals: list[str], guard: OutputGuard
                     ) -> tuple[tuple[str, str], list[str]]:
    """The new manifest (path, content) and the previous commit's files to remove."""
    path = manifest_path(template)
    base = template.static_dir().rstrip("/")
    new = [os.path.relpath(f, base) for f in finals]
    content = orjson.dumps({"template": template.text, "files": new}, option=orjson.OPT_INDENT_2).decode()
    try:
        old = orjson.loads(Path(path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        old = {}
    previous = old.get("files", []) if isinstance(old, dict) and old.get("template") == template.text else []
    keep = set(new)
    removals = []
    for rel in previous:
        if not isinstance(rel, str) or rel in keep or os.path.isabs(rel) or ".." in Path(rel).parts:
            continue
        target = os.path.join(base, rel)
        try:
            regular = stat.S_ISREG(os.lstat(target).st_mode)
        except OSError:
            continue
        if regular and guard.refusal(target) is None:
            removals.append(os.path.abspath(target))
    return (path, content), removals


def _apply(journal: dict[str, Any]) -> None:
    for staging, final in journal["files"]:
        if os.path.lexists(staging):
            keep_mode(Path(final), Path(staging))
            os.replace(staging, final)
    for path, content in journal["manifests"].items():
        write_atomic(Path(path), content.encode())
    for path in journal["remove"]:
        Path(path).unlink(missing_ok=True)


def _roll_back(journal: dict[str, Any]) -> None:
    """Remove the staged files, and the temporaries an exporter killed while writing one left."""
    for staging, _ in journal["files"]:
        path = Path(staging)
        path.unlink(missing_ok=True)
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.tmp-*"):
            tmp.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
