"""Per-document time limits: the pipeline's ``timeout`` turns a hung document into a reject.

One :class:`Alarm` per shard interrupts the code running in the shard's thread once
the armed time is up, by raising :class:`DocumentTimeout` there. In a process's main
thread it uses ``SIGALRM`` (``signal.setitimer``), which also interrupts ``sleep`` and
blocking reads; elsewhere (another thread, Windows) a watchdog thread raises the
exception asynchronously, which interrupts Python code but not a blocking C call.

Each stage owns a :class:`Deadline`: a budget of ``timeout`` seconds per document,
running only while the stage's own code runs (it pauses while the stage waits for
upstream stages, which run their own deadlines), so nested stages share one alarm.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from types import FrameType
from typing import Any

__all__ = ["NO_DEADLINE", "Alarm", "Deadline", "DocumentTimeout"]


class DocumentTimeout(BaseException):
    """Raised inside a stage when it took longer than ``timeout`` on one document.

    A BaseException, like KeyboardInterrupt, so a stage's ``except Exception`` cannot swallow it.
    """


class Alarm:
    """A one-shot timer that raises :class:`DocumentTimeout` in the thread that created it."""

    def __init__(self) -> None:
        self._thread = threading.current_thread()
        self._use_signal = hasattr(signal, "setitimer") and self._thread is threading.main_thread()
        self._previous: Any = None
        self._deadline: float | None = None
        self._armed = False
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
            self._armed = False
            raise DocumentTimeout()

    def arm(self, seconds: float) -> None:
        """Raise :class:`DocumentTimeout` in ``seconds`` unless disarmed first."""
        seconds = max(seconds, 1e-4)
        self._armed = True
        if self._use_signal:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return
        with self._cond:
            self._deadline = time.monotonic() + seconds
            self._cond.notify()

    def disarm(self) -> float:
        """Stop the timer; the seconds that were left."""
        self._armed = False
        if self._use_signal:
            left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
            return left
        with self._cond:
            fired = self._fired
            left = 0.0 if self._deadline is None else max(0.0, self._deadline - time.monotonic())
            self._deadline = None
            self._fired = False
        if fired:  # the watchdog raised, but the exception has not reached this thread yet
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
                self._deadline = None
                self._fired = True
                self._set_async_exc(DocumentTimeout)

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

    def __init__(self, alarm: Alarm, seconds: float) -> None:
        self.alarm = alarm
        self.seconds = seconds
        self.left = seconds

    def start_document(self) -> None:
        self.left = self.seconds

    def enter(self) -> None:
        self.alarm.arm(self.left)

    def leave(self) -> None:
        self.left = self.alarm.disarm()


class _NoDeadline:
    """The deadline of a pipeline without ``timeout``: does nothing."""

    seconds = None

    def start_document(self) -> None:
        pass

    def enter(self) -> None:
        pass

    def leave(self) -> None:
        pass


NO_DEADLINE: Any = _NoDeadline()
