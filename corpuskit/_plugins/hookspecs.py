"""Every corpuskit hook. A hook's docstring is its contract.

Hooks are called with keyword arguments only, so a spec can grow new arguments that
an implementation opts into by naming them. Builtin stages and executors register
through these same hooks as third-party plugins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit._plugins.hookmarkers import hookspec

if TYPE_CHECKING:
    from corpuskit._plugins.registry import ExecutorRegistry, StageRegistry
    from corpuskit._run.result import RunResult
    from corpuskit._run.runinfo import RunInfo
    from corpuskit._stages.stats import StageStats

# ---------------------------------------------------------------------------
# Registration: called once when a plugin manager is built.
# ---------------------------------------------------------------------------


@hookspec
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Register the stages a plugin provides.

    Call ``registry.add(StageClass)`` for each class marked with ``@stage``. A name
    already registered by another plugin raises :class:`corpuskit.PluginError` naming
    both plugins. Called once per plugin manager; return nothing.
    """


@hookspec
def corpuskit_register_executors(registry: ExecutorRegistry) -> None:
    """Register executors: ``registry.add(name, factory)``.

    ``factory(workers: int, options: dict) -> Executor`` builds an executor; see
    :class:`corpuskit.Executor` for what it must do. ``options`` is
    the pipeline file's section named after the executor (``ray: {...}``).
    """


# ---------------------------------------------------------------------------
# Run lifecycle: called in the driving process, in this order.
# ---------------------------------------------------------------------------


@hookspec
def corpuskit_run_started(run: RunInfo) -> None:
    """A run is about to process data.

    ``run`` has the pipeline name, run directory, executor name, workers and the
    resolved config. Exceptions raised here abort the run.
    """


@hookspec
def corpuskit_stage_finished(run: RunInfo, stage: str, stats: StageStats) -> None:
    """A stage finished over the whole corpus; ``stats`` are its merged counters.

    ``stage`` is the stage's label in the pipeline (``2:minhash``). Called after
    every shard of the stage's segment is done (for a global stage, after apply).
    """


@hookspec
def corpuskit_run_finished(run: RunInfo, result: RunResult) -> None:
    """A run finished; ``result`` is the :class:`corpuskit.RunResult`."""


@hookspec
def corpuskit_run_failed(run: RunInfo, error: BaseException) -> None:
    """A run failed with ``error``; the run directory keeps what was done."""
