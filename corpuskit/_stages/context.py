"""The object a stage receives as ``ctx``: rejects, counters, where it runs."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpuskit._document import Document
from corpuskit._stages.stats import StageStats

__all__ = ["RejectSink", "StageContext", "logger_name"]

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


def describe_exception(exc: BaseException) -> str:
    """``TypeError: message (at file.py:12 in func)`` - the exception and its last frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    return f"{type(exc).__name__}: {exc}{where}"
