"""Run the news stages on the evaluation set and score every page (what ``benchmarks/eval_news.py`` prints)."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from corpuskit import Document, Pipeline, load_plugins
from evaluation.news.cases import Case, load_cases

__all__ = ["SCORERS", "STAGES", "TARGETS", "evaluate", "run_pipeline", "scorers"]

SCORERS = ("boilerplate", "metadata", "entities", "quotes")
"""Scoring modules under evaluation/news/, used when importable."""

STAGES = ("news.boilerplate", "news.metadata", "news.entities", "news.quotes")
TARGETS = {"bp_P": 0.95, "bp_R": 0.95, "title": 0.9, "publisher": 0.9, "published": 0.9}
"""The issue's targets for boilerplate and metadata; a scoring module may add its own ``TARGETS``."""


def scorers() -> list[ModuleType]:
    """The scoring modules that exist (entities/quotes are optional)."""
    found = []
    for name in SCORERS:
        try:
            found.append(importlib.import_module(f"evaluation.news.{name}"))
        except ImportError:
            continue
    return found


def run_pipeline(cases: list[Case], stage_params: dict[str, dict[str, Any]] | None = None) -> dict[str, Document]:
    """The documents the installed news stages produce for ``cases``, by case name."""
    plugins = load_plugins()
    params = stage_params or {}
    stages = [{name: params.get(name, {})} for name in STAGES if name in plugins.stages]
    pipeline = Pipeline.from_dict({"name": "eval-news", "stages": stages}, plugins=plugins)
    docs = [Document(c.name, c.text, {}) for c in cases]
    return {d.id: d for d in pipeline.process(docs)}


def evaluate(cases: list[Case] | None = None) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Per-page rows (with ``page``) and the overall figures."""
    cases = cases if cases is not None else load_cases()
    out = run_pipeline(cases)
    modules = scorers()
    rows: list[dict[str, Any]] = []
    for case in cases:
        row: dict[str, Any] = {"page": case.name}
        for module in modules:
            row.update(module.page_scores(case, out.get(case.name)))
        rows.append(row)
    totals: dict[str, float] = {}
    for module in modules:
        totals.update(module.overall(rows))
    return rows, totals
