"""Per-document time limits: the pipeline's ``timeout`` turns a hung document into a reject.

One :class:`Alarm` per shard interrupts the code running in the shard's thread once
the armed time is up, by raising :class:`DocumentTimeout` there. In a process's main
thread it uses ``SIGALRM`` (``signal.setitimer``), which also interrupts ``sleep`` and
blocking reads; elsewhere (another thread, Windows) a watchdog thread raises the
exception asynchronously, which interrupts Python code but not a blocking C call.

Each stage owns a :class:`Deadline`: a budget of ``timeout`` seconds per document,
running only while the stage's own code runs (it pauses while the stage waits for
upstream stages, which run their own deadlines), so nested stages share one alarm.

A stage that catches ``BaseException`` (or uses a bare ``except:``) swallows the
interruption. So once fired, the alarm ticks again every *grace period* (the timeout,
at most :data:`MAX_GRACE` seconds) until the stage gives control back: the second tick
raises :class:`DocumentTimeout` again, later ticks :class:`TimeoutSwallowed`, which the
guards turn into a :class:`~corpuskit.StageError` that fails the shard. In a worker
process (``exit_when_stuck``) a stage that swallows even those is stopped: one tick
later the alarm writes why to stderr and ends the process, whose death the executor
reports.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

__all__ = ["MAX_GRACE", "NO_DEADLINE", "Alarm", "Deadline", "DocumentTimeout", "TimeoutSwallowed", "in_worker_process"]

MAX_GRACE = 30.0
"""The longest grace period (seconds) between the alarm's ticks once it has fired."""

STUCK_EXIT_CODE = 70
"""The exit status of a worker process the alarm stopped (the stage swallowed every tick)."""


class DocumentTimeout(BaseException):
    """Raised inside a stage when it took longer than ``timeout`` on one document.

    A BaseException, like KeyboardInterrupt, so a stage's ``except Exception`` cannot swallow it.
    """


class TimeoutSwallowed(DocumentTimeout):
    """Raised on the alarm's third and later ticks: the stage swallowed the earlier ones."""


def in_worker_process() -> bool:
    """Whether this is a worker process of the ``local`` executor, which the alarm may stop."""
    return multiprocessing.parent_process() is not None


class Alarm:
    """A timer that raises :class:`DocumentTimeout` in the thread that created it.

    Once fired it ticks again every grace period until disarmed (see the module's doc).
    """

    def __init__(self, exit_when_stuck: bool = False) -> None:
        self._thread = threading.current_thread()
        self._use_signal = hasattr(signal, "setitimer") and self._thread is threading.main_thread()
        self._exit_when_stuck = exit_when_stuck
        self._previous: Any = None
        self._deadline: float | None = None
        self._grace = MAX_GRACE
        self._owner: Deadline | None = None
        self._armed = False
        self._strikes = 0  # ticks since armed
        self._fired = False
        self._cond = threading.Condition()
        self._closed = False
        if self._use_signal:
            self._previous = signal.signal(signal.SIGALRM, self._on_signal)
        else:
            threading.Thread(target=self._watch, name="corpuskit-timeout", daemon=True).start()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Python runs a signal's handler a few bytecodes after the signal arrives, so it
        # can run after disarm(): a timer that was stopped must not interrupt anything.
        if self._armed:
            raise self._strike()

    def _strike(self) -> type[DocumentTimeout]:
        """One tick of a fired alarm: the exception to raise (or, stuck in a worker, the end)."""
        self._strikes += 1
        if self._strikes > 3 and self._exit_when_stuck:
            self._stop_process()
        return DocumentTimeout if self._strikes <= 2 else TimeoutSwallowed

    def _stop_process(self) -> None:
        where = self._owner.where() if self._owner is not None else "a stage"
        sys.stderr.write(f"corpuskit: {where} swallowed every interruption of its timeout "
                         "(it catches BaseException or uses a bare 'except:'); stopping this worker process\n")
        sys.stderr.flush()
        os._exit(STUCK_EXIT_CODE)

    def arm(self, seconds: float, grace: float = MAX_GRACE, owner: Deadline | None = None) -> None:
        """Raise :class:`DocumentTimeout` in ``seconds``, then every ``grace``, unless disarmed first."""
        seconds = max(seconds, 1e-4)
        grace = min(max(grace, 1e-3), MAX_GRACE)
        self._owner = owner
        self._armed = True
        if self._use_signal:
            self._strikes = 0
            signal.setitimer(signal.ITIMER_REAL, seconds, grace)
            return
        with self._cond:
            self._strikes = 0
            self._grace = grace
            self._deadline = time.monotonic() + seconds
            self._cond.notify()

    def disarm(self) -> float:
        """Stop the timer; the seconds that were left (0 once it fired)."""
        self._armed = False
        if self._use_signal:
            left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
            return 0.0 if self._strikes else left
        with self._cond:
            fired = self._fired
            left = 0.0 if self._deadline is None or fired else max(0.0, self._deadline - time.monotonic())
            self._deadline = None
            self._fired = False
        if fired:  # the watchdog raised, but the exception may not have reached this thread yet
            self._set_async_exc(None)
        return left

    def close(self) -> None:
        """Disarm and restore the previous ``SIGALRM`` handler."""
        self.disarm()
        if self._use_signal:
            signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _watch(self) -> None:
        with self._cond:
            while not self._closed:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                self._deadline = time.monotonic() + self._grace  # tick again until disarmed
                self._fired = True
                self._set_async_exc(self._strike())

    def _set_async_exc(self, exc: type[BaseException] | None) -> None:
        """Schedule ``exc`` in the alarm's thread; ``None`` cancels one still pending."""
        ident = self._thread.ident
        if ident is not None:
            arg = ctypes.c_void_p() if exc is None else ctypes.py_object(exc)  # NULL clears
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), arg)


class Deadline:
    """One stage's time budget per document, on a shared :class:`Alarm`.

    ``start_document()`` gives the stage a fresh budget; ``enter()`` / ``leave()``
    bracket the stage's own code (calls into upstream stages are left and re-entered),
    so only the innermost running stage's clock ticks.
    """

    def __init__(self, alarm: Alarm, seconds: float, label: str = "") -> None:
        self.alarm = alarm
        self.seconds = seconds
        self.left = seconds
        self.label = label
        self.document: str | None = None  # the id of the document the stage works on, once known

    def start_document(self, document: str | None = None) -> None:
        self.left = self.seconds
        self.document = document

    def where(self) -> str:
        """The stage and document, for a message."""
        on = f" on document '{self.document}'" if self.document is not None else ""
        return f"stage '{self.label}'{on}"

    def enter(self) -> None:
        self.alarm.arm(self.left, self.seconds, self)

    def leave(self) -> None:
        # Nothing left: the alarm fired and the stage swallowed it but gave control back;
        # what it runs until its next document starts on a fresh budget, not an instant alarm.
        self.left = self.alarm.disarm() or self.seconds


class _NoDeadline:
    """The deadline of a pipeline without ``timeout``: does nothing."""

    seconds = None

    def start_document(self, document: str | None = None) -> None:
        pass

    def enter(self) -> None:
        pass

    def leave(self) -> None:
        pass


NO_DEADLINE: Any = _NoDeadline()
