"""Stages that misbehave on purpose (hang, kill their worker) or record where they ran.

Importable by worker processes and Ray workers (the repository root on their path),
registered as a plugin with ``make_plugins(faultstages)`` (tests/conftest.py).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import attrs

from corpuskit import Document, Mapper, StageContext, hookimpl, param, stage


@stage("test.hang_on", kind="clean")
@attrs.frozen
class HangOn(Mapper):
    """Hangs on documents whose text contains ``marker``: sleeps, or spins in Python."""

    marker: str = param("HANG", doc="text that makes the stage hang")
    how: str = param("sleep", doc="sleep (a blocking call) or spin (a Python loop)")
    seconds: float = param(30.0, doc="how long it hangs")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if self.marker in doc.text:
            end = time.monotonic() + self.seconds
            if self.how == "sleep":
                time.sleep(self.seconds)
            while time.monotonic() < end:
                pass
        return doc


@stage("test.swallow", kind="clean")
@attrs.frozen
class Swallow(Mapper):
    """Hangs on documents containing ``marker`` and swallows ``times`` interruptions (BaseException).

    ``times: -1`` swallows every one, forever: only stopping its process ends it.
    """

    marker: str = param("HANG", doc="text that makes the stage hang")
    times: int = param(1, doc="how many interruptions it swallows (-1: all)")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if self.marker in doc.text:
            swallowed = 0
            while self.times < 0 or swallowed < self.times:
                try:
                    time.sleep(30)
                except BaseException:  # the fault under test
                    swallowed += 1
            time.sleep(30)
        return doc


@stage("test.die_once", kind="clean")
@attrs.frozen
class DieOnce(Mapper):
    """Kills its own worker process (SIGKILL) on the first document containing ``marker``.

    ``flag`` is a file created just before dying, so the retried shard goes through:
    with ``times: N`` it dies N times (flag files ``flag.1`` .. ``flag.N``).
    """

    flag: str = param(doc="file that records a death")
    marker: str = param("DIE", doc="text that makes the stage die")
    times: int = param(1, doc="how many times it dies in all")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if self.marker in doc.text:
            for n in range(1, self.times + 1):
                flag = Path(f"{self.flag}.{n}")
                if not flag.exists():
                    flag.write_text(str(os.getpid()))
                    os.kill(os.getpid(), signal.SIGKILL)
        return doc


@stage("test.slow", kind="clean")
@attrs.frozen
class Slow(Mapper):
    """Sleeps ``seconds`` per document (so a run can be interrupted in the middle)."""

    seconds: float = param(0.01, doc="sleep per document")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        time.sleep(self.seconds)
        return doc


@stage("test.node_probe", kind="extract")
@attrs.frozen
class NodeProbe(Mapper):
    """Counts documents per Ray node (counter ``node:<id>``; ``node:local`` outside Ray)."""

    def setup(self, ctx: StageContext) -> None:
        node = "local"
        try:
            import ray

            if ray.is_initialized():
                node = ray.get_runtime_context().get_node_id()
        except ImportError:
            pass
        ctx.state["node"] = f"node:{node}"

    def map(self, doc: Document, ctx: StageContext) -> Document:
        ctx.count(ctx.state["node"])
        return doc


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    for cls in (HangOn, Swallow, DieOnce, Slow, NodeProbe):
        registry.add(cls)
