"""Executors run the runner's work units: in this process, in worker processes, on Ray."""

from corpuskit._run.executors.base import Executor, TaskFailed

__all__ = ["Executor", "TaskFailed"]
