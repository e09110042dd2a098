"""Where an exporter may write: checked before any data is read.

An output never replaces an input, never lands where an input pattern would read it
back next time, never lies in the run directory (whose scratch folders are deleted),
and never replaces a symlink, a FIFO, a device or a directory.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from pathlib import Path

import attrs

from corpuskit._config.pipeline import PipelineConfig, StageSpec
from corpuskit._errors import ConfigError, RunError
from corpuskit._io.remote import is_url
from corpuskit._run.split import split_of
from corpuskit._stages.kinds import Shard
from corpuskit._stages.pathtemplate import TemplateError

__all__ = ["OutputGuard", "check_output_targets"]

_KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFDIR: "a directory", stat.S_IFSOCK: "a socket"}


@attrs.frozen
class OutputGuard:
    """What an output must not be in this run: an input, under an input pattern, in the run directory."""

    inputs: frozenset[str]
    patterns: tuple[tuple[StageSpec, str], ...]
    run_root: Path

    def refusal(self, path: str) -> str | None:
        """Why ``path`` may not be written (or removed) by an output; None when it may."""
        return _refusal(path, set(self.inputs), list(self.patterns), self.run_root)

    def refuse(self, path: str, spec: StageSpec, param: str) -> None:
        """Raise RunError for a file of a split output that may not be written (found at commit)."""
        reason = self.refusal(path)
        if reason:
            raise RunError(f"stage '{spec.label}' refuses to write '{path}' ({spec.name}.{param}): {reason}; "
                           "nothing was committed",
                           hint="change the path template so no file lands on an input or in the run directory")


def check_output_targets(config: PipelineConfig, exporters: tuple[StageSpec, ...], shards: list[tuple[int, Shard]],
                         run_root: Path) -> OutputGuard:
    """Raise ConfigError (exit 2) for the first output that would destroy or re-read something.

    A split output (a path template, or numbered files: :mod:`corpuskit._run.split`) is
    checked here for its template and, file by file, when it is committed.
    """
    inputs = {os.path.abspath(src) for _, sh in shards for src in (sh.items or (sh.source,)) if not is_url(src)}
    patterns = [(spec, str(p)) for spec in config.stages if spec.kind == "load"
                for p in getattr(spec.stage, "paths", ()) if not is_url(str(p))]
    guard = OutputGuard(frozenset(inputs), tuple(patterns), run_root.resolve())
    for spec in exporters:
        outputs = spec.stage.outputs() if callable(getattr(spec.stage, "outputs", None)) else {}
        try:
            split = split_of(spec.stage)
        except TemplateError as exc:
            param = next(iter(outputs), "")
            raise ConfigError(str(exc), where=spec.param_where.get(param, spec.where), key=f"{spec.name}.{param}",
                              hint="see docs/user-guide.md, 'Outputs split by field'") from None
        for param, path in outputs.items():
            if is_url(path):
                continue
            probe = path if split is None else split.template.static_dir()
            reason = guard.refusal(probe) if split is None else _inside_run_dir(probe, guard.run_root)
            if reason:
                raise ConfigError(
                    f"refusing to write '{path}': {reason}",
                    where=spec.param_where.get(param, spec.where),
                    key=f"{spec.name}.{param}",
                    hint="write the output to a new path outside the inputs and the run directory",
                )
    return guard


def _inside_run_dir(directory: str, run_root: Path) -> str | None:
    if Path(os.path.realpath(directory)).is_relative_to(run_root):
        return f"it is inside the run directory {run_root}, whose folders corpuskit empties"
    return None


def _refusal(path: str, inputs: set[str], patterns: list[tuple[StageSpec, str]], run_root: Path) -> str | None:
    target = os.path.abspath(path)
    try:
        mode = os.lstat(target).st_mode
    except OSError:  # absent, or under no directory: prepare_output reports what is wrong
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        return f"it is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, which an output never replaces"
    real = os.path.realpath(target)
    if target in inputs or real in {os.path.realpath(i) for i in inputs}:
        return "it is an input of this pipeline"
    for spec, pattern in patterns:
        if _glob_matches(os.path.abspath(pattern), target):
            return f"it matches the input pattern '{pattern}' of stage '{spec.label}', so the next run would read it"
    if Path(real).is_relative_to(run_root):
        return f"it is inside the run directory {run_root}, whose folders corpuskit empties"
    return None


def _glob_matches(pattern: str, path: str) -> bool:
    """Whether the loaders' expansion of ``pattern`` would list ``path``.

    As ``glob.glob(pattern, recursive=True)``: ``**`` spans any depth, a wildcard never
    matches a leading dot; a directory stands for every file under it.
    """
    if os.path.isdir(pattern) and not glob.has_magic(pattern):
        return Path(path).is_relative_to(pattern)
    return _match(pattern.split(os.sep), path.split(os.sep))


def _match(parts: list[str], names: list[str]) -> bool:
    if not parts:
        return not names
    if parts[0] == "**":
        visible = len(names) if not any(n.startswith(".") for n in names[:-1]) else \
            next(i for i, n in enumerate(names) if n.startswith("."))
        return any(_match(parts[1:], names[i:]) for i in range(visible + 1))
    if not names:
        return False
    hidden = names[0].startswith(".") and not parts[0].startswith(".")
    if parts[0] == names[0] or (not hidden and fnmatch.fnmatchcase(names[0], parts[0])):
        return _match(parts[1:], names[1:])
    return False
