"""``ray``: work units as Ray tasks, on an existing cluster or a local one started for the run.

Every unit (a shard of a segment, a reduce bucket, the combine) runs as one Ray task
that reads and writes only through the run directory, so the driver holds nothing
but each unit's small stats. Every node must therefore see the run directory and
the input at the same paths (a shared filesystem); see docs/cluster.md.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Sequence
from typing import Any

from corpuskit._errors import ConfigError, RunError
from corpuskit._run.executors.base import TaskFailed

__all__ = ["RayExecutor", "task_options"]

logger = logging.getLogger("corpuskit._run.executors.ray")

OPTIONS = {
    "address": "cluster to join: 'auto', 'HOST:PORT' or 'ray://HOST:PORT' (default: start a local one)",
    "num_cpus_per_task": "CPUs Ray reserves for each work unit (default 1)",
    "namespace": "Ray namespace of the run (default: Ray's anonymous one)",
    "log_to_driver": "forward worker stdout/stderr to the driver (default false)",
    "scheduling": "default (Ray packs tasks near the driver first) or spread (round-robin over the nodes)",
}


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "executor 'ray' needs the ray package, which is not installed: pip install 'corpuskit[ray]'"
        ) from None
    return ray


RUNTIME_ENV_HINT = ("pass it explicitly, as code you chose to run: 'corpuskit run --ray-runtime-env FILE' "
                    "(YAML or JSON), or Pipeline.run(..., ray_runtime_env={...}); see docs/reliability.md, 'Trust'")


def _check_options(options: dict[str, Any]) -> None:
    from corpuskit._errors import did_you_mean

    if "runtime_env" in options:  # py_modules, working_dir, pip, a setup hook, env_vars: all can run code
        raise ConfigError(
            "a pipeline file cannot set a Ray runtime_env: it can ship and run code on every node "
            "(py_modules, working_dir, worker_process_setup_hook, pip, env_vars), and pipeline files are data",
            key="ray.runtime_env",
            hint=RUNTIME_ENV_HINT,
        )
    for key in options:
        if key not in OPTIONS:
            raise ConfigError(f"unknown ray option '{key}'", key=f"ray.{key}", hint=did_you_mean(key, OPTIONS))


def run_unit(fn: Callable[[Any], Any], task: Any, cwd: str) -> tuple[Any, str]:
    """Runs on a Ray worker: ``fn(task)`` in the driver's working directory.

    Relative paths in the pipeline resolve against the driver's working directory,
    so a worker moves there first; on a cluster that directory must exist on every
    node (shared storage). Returns the result and the node that ran it.
    """
    import ray

    if os.getcwd() != cwd:
        try:
            os.chdir(cwd)
        except OSError as exc:
            raise RunError(
                f"the driver's working directory {cwd} does not exist on node {socket.gethostname()}: "
                f"{exc.strerror}",
                hint="every Ray node must see the input, the outputs and the run directory at the same paths "
                "(a shared filesystem); see docs/cluster.md",
            ) from None
    return fn(task), ray.get_runtime_context().get_node_id()


class RayExecutor:
    """Runs work units as Ray tasks.

    With ``ray: {address: ...}`` it joins an existing cluster (``auto`` finds the
    one started on this machine by ``ray start``); without an address it starts a
    local cluster of ``workers`` CPUs for the run and stops it in :meth:`close`. A
    task whose worker process or node dies is retried by Ray up to ``retries``
    times; an exception raised by the work unit itself is not retried and is
    re-raised here. ``nodes`` counts the units each node ran. ``runtime_env`` (Ray's,
    for every task) comes only from the caller (``--ray-runtime-env``,
    ``Pipeline.run(ray_runtime_env=...)``), never from the pipeline file.
    """

    name = "ray"

    def __init__(
        self, workers: int | None = None, options: dict[str, Any] | None = None, retries: int = 2,
        runtime_env: dict[str, Any] | None = None,
    ) -> None:
        self.options = dict(options or {})
        _check_options(self.options)
        self.runtime_env = runtime_env  # given explicitly by the caller, never by the pipeline file
        self._ray = _import_ray()
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.retries = retries
        self.nodes: dict[str, int] = {}
        self._cwd = os.getcwd()
        self._owns_connection = False
        self._remote: Any = None
        self._base_options: dict[str, Any] = {}

    def _connect(self) -> Any:
        ray = self._ray
        if self._remote is not None:
            return self._remote
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {
                "namespace": self.options.get("namespace"),
                "runtime_env": self.runtime_env,
                "log_to_driver": bool(self.options.get("log_to_driver", False)),
                "configure_logging": False,
            }
            address = self.options.get("address")
            if address:
                ray.init(address=str(address), **kwargs)
            else:  # a private cluster for this run, reachable only from this machine
                ray.init(address="local", num_cpus=self.workers, include_dashboard=False,
                         _node_ip_address="127.0.0.1", **kwargs)
            self._owns_connection = True
        scheduling = str(self.options.get("scheduling", "default")).upper()
        if scheduling not in ("DEFAULT", "SPREAD"):
            raise ConfigError(f"ray.scheduling must be 'default' or 'spread', not {scheduling.lower()!r}",
                              key="ray.scheduling")
        self._base_options = {"max_retries": self.retries, "retry_exceptions": False,
                              "scheduling_strategy": scheduling}
        self._remote = ray.remote(run_unit)
        return self._remote

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        on_done: Callable[[Any, Any], None] | None = None,
    ) -> list[Any]:
        if not tasks:
            return []
        ray = self._ray
        remote = self._connect()
        base_cpus = float(self.options.get("num_cpus_per_task", 1))
        refs = [remote.options(**self._base_options, **task_options(task, base_cpus)).remote(fn, task, self._cwd)
                for task in tasks]
        index = {ref: i for i, ref in enumerate(refs)}
        results: list[Any] = [None] * len(tasks)
        pending = list(refs)
        try:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                if pending:  # collect whatever else finished meanwhile
                    more, pending = ray.wait(pending, num_returns=len(pending), timeout=0)
                    done += more
                for ref in done:
                    i = index[ref]
                    results[i] = self._get(ref, i)
                    if on_done is not None:
                        on_done(tasks[i], results[i])
        except BaseException:
            for ref in pending:
                ray.cancel(ref, force=True)
            raise
        return results

    def _get(self, ref: Any, i: int) -> Any:
        ray = self._ray
        try:
            result, node = ray.get(ref)
        except ray.exceptions.RayTaskError as exc:  # the unit itself raised: re-raise its error
            cause = getattr(exc, "cause", None)
            if isinstance(cause, BaseException):
                raise cause from None
            raise
        except ray.exceptions.RayError as exc:  # worker or node died, retries used up
            raise TaskFailed(
                f"work unit {i} failed on the Ray cluster after {self.retries + 1} attempts "
                f"(retries={self.retries}): {type(exc).__name__}: {_first_line(exc)}",
                exc,
            ) from None
        self.nodes[node] = self.nodes.get(node, 0) + 1
        return result

    def close(self) -> None:
        if self.nodes:
            logger.info("ray: %d work units ran on %d nodes", sum(self.nodes.values()), len(self.nodes))
        self._remote = None
        if self._owns_connection and self._ray.is_initialized():
            self._ray.shutdown()  # stops the local cluster, or disconnects from a joined one
        self._owns_connection = False


def task_options(task: Any, base_cpus: float) -> dict[str, Any]:
    """Ray's resource options for one work unit: what its stages declared (``@stage(resources=...)``).

    CPUs are at least ``num_cpus_per_task``; GPUs and memory are asked for only when declared.
    """
    needs = getattr(task, "resources", None)
    if needs is None:
        return {"num_cpus": base_cpus}
    options: dict[str, Any] = {"num_cpus": max(base_cpus, needs.cpus)}
    if needs.gpus:
        options["num_gpus"] = needs.gpus
    if needs.memory:
        options["memory"] = needs.memory
    return options


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
