"""``local``: work units in worker processes on this machine."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from corpuskit._run.executors.base import MAIN_GUARD_HINT, TaskFailed, available_cores, starting_workers
from corpuskit._run.executors.lifeline import die_with_parent

__all__ = ["LocalExecutor"]


class LocalExecutor:
    """Runs work units in ``workers`` processes (default: all cores).

    At most ``workers`` units are in flight, so when a worker process dies (killed,
    out of memory) the units it may have been running are known: they are retried
    on a fresh pool, each up to ``retries`` times.
    """

    name = "local"

    def __init__(self, workers: int | None = None, options: dict[str, Any] | None = None, retries: int = 2) -> None:
        self.workers = max(1, workers or available_cores())
        self.retries = retries
        self.options = options or {}
        self._pool: ProcessPoolExecutor | None = None
        self._any_done = False  # a unit finished: the workers start fine

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(self.options.get("start_method", "spawn"))
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                             initializer=die_with_parent, initargs=(os.getpid(),))
        return self._pool

    def _reset_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        on_done: Callable[[Any, Any], None] | None = None,
    ) -> list[Any]:
        results: list[Any] = [None] * len(tasks)
        attempts = [0] * len(tasks)
        queue = list(range(len(tasks)))
        queue.reverse()
        running: dict[Future[Any], int] = {}
        try:
            self._run_queue(fn, tasks, on_done, results, attempts, queue, running)
        except BaseException:  # Ctrl-C, SIGTERM, a unit's error: no worker goes on with this run's work
            self._kill_workers()
            raise
        return results

    def _run_queue(
        self, fn: Callable[[Any], Any], tasks: Sequence[Any], on_done: Callable[[Any, Any], None] | None,
        results: list[Any], attempts: list[int], queue: list[int], running: dict[Future[Any], int],
    ) -> None:
        while queue or running:
            while queue and len(running) < self.workers:
                i = queue.pop()
                with starting_workers():  # a submit may start worker processes
                    running[self._get_pool().submit(fn, tasks[i])] = i
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                i = running.pop(future)
                try:
                    results[i] = future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    self._retry(i, attempts, queue, exc)
                    continue
                self._any_done = True
                if on_done is not None:
                    on_done(tasks[i], results[i])
            if broken:
                for future, i in list(running.items()):  # died with the pool too
                    running.pop(future)
                    self._retry(i, attempts, queue, None)
                self._reset_pool()

    def _kill_workers(self) -> None:
        """Stop the pool's processes now, without waiting for the units they run."""
        if self._pool is None:
            return
        for process in list(getattr(self._pool, "_processes", {}).values()):  # the pool has no public handle
            process.kill()
        self._reset_pool()

    def _retry(self, i: int, attempts: list[int], queue: list[int], exc: BaseException | None) -> None:
        attempts[i] += 1
        if attempts[i] > self.retries:
            self._reset_pool()
            message = (f"a worker process died while running work unit {i} "
                       f"({attempts[i]} attempts, retries={self.retries})")
            if not self._any_done:
                message += ("; no worker ever finished a unit, so they may die as they start "
                            f"(see their errors above): {MAIN_GUARD_HINT}")
            raise TaskFailed(message, exc)
        queue.append(i)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
