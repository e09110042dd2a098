"""``Pipeline``: the library entry point."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from corpuskit._config.pipeline import PipelineConfig, build_config, parse_pipeline, read_config_text
from corpuskit._config.yamlpos import Positions
from corpuskit._document import Document
from corpuskit._errors import ConfigWarning
from corpuskit._plugins.manager import Plugins, load_plugins
from corpuskit._run.executors.base import available_cores
from corpuskit._run.inmemory import process_documents
from corpuskit._run.plan import plan_segments, plan_shards
from corpuskit._run.progress import Progress
from corpuskit._run.result import RunResult
from corpuskit._run.runner import Runner
from corpuskit._stages.kinds import Shard
from corpuskit._stages.stats import StageStats

__all__ = ["Pipeline"]

Overrides = list[tuple[str, Any]] | dict[str, Any] | None


def _override_list(overrides: Overrides) -> list[tuple[str, Any]]:
    if overrides is None:
        return []
    if isinstance(overrides, dict):
        return list(overrides.items())
    return list(overrides)


class Pipeline:
    """A validated pipeline, ready to run over files or over documents you hold.

    Build one with :meth:`from_yaml`, :meth:`from_string` or :meth:`from_dict`;
    ``plugins`` defaults to every installed plugin (``load_plugins()``).
    """

    def __init__(self, config: PipelineConfig, plugins: Plugins) -> None:
        self.config = config
        self.plugins = plugins

    # -- building ---------------------------------------------------------------
    @classmethod
    def from_yaml(
        cls, path: str | os.PathLike[str], *, overrides: Overrides = None, plugins: Plugins | None = None
    ) -> Pipeline:
        """Load and validate a pipeline file (``overrides``: ``{"workers": 1}``)."""
        plugins = plugins or load_plugins()
        text = read_config_text(path)
        config = parse_pipeline(text, str(path), plugins, _override_list(overrides), Path(path).stem)
        return cls(config, plugins)

    @classmethod
    def from_string(
        cls, text: str, *, name: str = "pipeline", overrides: Overrides = None, plugins: Plugins | None = None
    ) -> Pipeline:
        """Validate a pipeline written as YAML text."""
        plugins = plugins or load_plugins()
        return cls(parse_pipeline(text, "<string>", plugins, _override_list(overrides), name), plugins)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, name: str = "pipeline", plugins: Plugins | None = None) -> Pipeline:
        """Validate a pipeline given as plain data (the YAML file's structure)."""
        plugins = plugins or load_plugins()
        return cls(build_config(data, Positions("<dict>"), plugins, default_name=name), plugins)

    # -- running ----------------------------------------------------------------
    def run(
        self,
        executor: str | None = None,
        workers: int | None = None,
        *,
        run_dir: str | os.PathLike[str] | None = None,
        resume: bool = False,
        progress: Progress | None = None,
        ray_runtime_env: dict[str, Any] | None = None,
        force: bool = False,
    ) -> RunResult:
        """Run over the loaders' input; the executor defaults to the file's, else ``serial``.

        The command line runs pipelines through this same method (its default executor
        is ``local``). ``ray_runtime_env`` is Ray's ``runtime_env`` for every task (it can
        ship and run code, so only the caller gives it, never the pipeline file).
        ``resume`` continues an interrupted run; it is refused when the config, the inputs
        or the stages' code changed, and ``force=True`` accepts changed code
        (docs/user-guide.md).
        """
        runner = Runner(self.config, self.plugins, executor=executor or self.config.executor or "serial",
                        workers=workers, run_dir=run_dir, resume=resume, progress=progress,
                        ray_runtime_env=ray_runtime_env, force=force)
        return runner.run()

    def plan(self, workers: int | None = None) -> list[Shard]:
        """The input shards a run would read, in order; raises InputError for missing inputs."""
        workers = workers or self.config.workers or available_cores()
        return [shard for _, shard in plan_shards(self.config, plan_segments(self.config), workers)]

    def segments(self) -> int:
        """How many segments a run has: one more than the pipeline's global stages."""
        return len(plan_segments(self.config))

    def process(
        self,
        docs: Iterable[Document],
        *,
        rejects: list[dict[str, Any]] | Callable[[dict[str, Any]], None] | None = None,
        stats: dict[str, StageStats] | None = None,
    ) -> Iterator[Document]:
        """Documents through the pipeline in this process (load and export stages skipped).

        ``rejects`` (a list, or a callable) receives each rejected document as the
        record a run writes to rejects.jsonl: ``{"stage", "reason", "detail"?, "source"?,
        "document"}`` (docs/user-guide.md); ``stats`` (a dict) is filled
        with each stage's counters as the documents flow.
        """
        if rejects is None:
            sink: Callable[[dict[str, Any]], None] = _drop
        elif isinstance(rejects, list):
            sink = rejects.append
        else:
            sink = rejects
        return process_documents(self.config, docs, sink, stats if stats is not None else {})

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def warnings(self) -> tuple[ConfigWarning, ...]:
        """What the stages' checks found worth a warning when the pipeline was validated
        (a ``keep_if`` field no stage writes...); the command line prints them."""
        return self.config.warnings

    def __repr__(self) -> str:
        names = ", ".join(s.name for s in self.config.stages)
        return f"Pipeline({self.config.name!r}: {names})"


def _drop(record: dict[str, Any]) -> None:
    pass
