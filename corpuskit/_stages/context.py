"""The object a stage receives as ``ctx``: rejects, counters, where it runs."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpuskit._document import Document
from corpuskit._stages.stats import StageStats

__all__ = ["RejectSink", "StageContext", "describe_exception", "logger_name", "plugin_frame"]

RejectSink = Callable[[dict[str, Any]], None]


class StageContext:
    """Handed to every stage method as ``ctx``.

    ``reject(doc, reason, detail=None)`` sends a document to the run's rejects;
    ``reason`` is a short constant label (stats group by it), ``detail`` the
    document-specific explanation. ``count(label, n)`` adds to the stage's counters.
    ``shard`` is the index of the shard being processed (None outside one),
    ``workdir`` a directory the stage may use for scratch files, ``plugin`` the name of
    the plugin that registered the stage (None outside a pipeline), ``logger`` a logger
    named after the stage (``corpuskit.stage.2:news_boilerplate``: the label, dots as
    ``_``); ``state`` a dict that lives as long as the worker's run, for what
    ``setup(ctx)`` loads once (lexicons, models).
    """

    def __init__(
        self,
        stage_label: str,
        stats: StageStats,
        reject_sink: RejectSink,
        *,
        shard: int | None = None,
        workdir: Path | None = None,
        options: dict[str, Any] | None = None,
        plugin: str | None = None,
    ) -> None:
        self.stage = stage_label
        self.plugin = plugin
        self.stats = stats
        self.shard = shard
        self.workdir = workdir
        self.options = options or {}
        self.logger = logging.getLogger(logger_name(stage_label))
        self.state: dict[str, Any] = {}
        self._sink = reject_sink

    def reject(self, doc: Document, reason: str, detail: str | None = None) -> None:
        """Send ``doc`` to the rejects with this stage and ``reason``."""
        self.stats.rejected[reason] += 1
        record: dict[str, Any] = {"stage": self.stage, "reason": reason}
        if detail:
            record["detail"] = detail
        source = doc.meta.get("source") if isinstance(doc.meta, dict) else None
        if source is not None:
            record["source"] = source
        record["document"] = doc.to_record()
        self._sink(record)

    def count(self, label: str, n: int = 1) -> None:
        """Add ``n`` to the stage's counter ``label`` (reported in stats.json)."""
        self.stats.counters[label] += n


def logger_name(stage_label: str) -> str:
    """``corpuskit.stage.2:news_boilerplate``: one logger per stage, its label's dots made ``_``.

    A dot would make ``2:news`` the parent of ``2:news.boilerplate`` in logging's tree.
    """
    return "corpuskit.stage." + stage_label.replace(".", "_")


def describe_exception(exc: BaseException, stage: object | None = None) -> str:
    """``TypeError: message (at file.py:12 in func)`` - the exception and where it was raised.

    With ``stage``, the frame shown is the last one in the stage's own package (the
    plugin's code, not a library it called or corpuskit's loop), when there is one.
    """
    return f"{type(exc).__name__}: {exc}{plugin_frame(exc, stage)}"


def plugin_frame(exc: BaseException, stage: object | None = None) -> str:
    """`` (at model.py:8 in load)`` - the last frame of ``exc`` in ``stage``'s package.

    Falls back to the last frame outside corpuskit's run machinery, then the last frame.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    chosen = frames[-1]
    if stage is not None:
        roots = _package_roots(type(stage).__module__.split(".")[0])
        run_dir = str(Path(__file__).resolve().parent.parent / "_run")
        inside = [f for f in frames if _under(f.filename, roots)]
        outside_run = [f for f in frames if not _under(f.filename, [run_dir])]
        chosen = (inside or outside_run or frames)[-1]
    return f" (at {Path(chosen.filename).name}:{chosen.lineno} in {chosen.name})"


def _package_roots(package: str) -> list[str]:
    module = sys.modules.get(package)
    paths = list(getattr(module, "__path__", []) or [])
    file = getattr(module, "__file__", None)
    if not paths and file:
        paths = [str(file)]
    return [str(Path(p).resolve()) for p in paths]


def _under(filename: str, roots: list[str]) -> bool:
    resolved = str(Path(filename).resolve())
    return any(resolved.startswith(root) for root in roots)
