"""``corpuskit report RUN_DIR``: (re)build a run's report.html and print a short summary."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from corpuskit._report.html import page_data, render_report
from corpuskit._run.rundir import write_atomic

__all__ = ["report"]


def report(run_dir: Path, *, open_browser: bool) -> Path:
    """Write ``run_dir/report.html`` from what the run recorded; print the summary; open it if asked."""
    data = page_data(run_dir)
    path = run_dir / "report.html"
    write_atomic(path, render_report(run_dir))
    _print_summary(data, path)
    if open_browser:
        webbrowser.open(path.resolve().as_uri())
    return path


def _print_summary(data: dict[str, Any], path: Path) -> None:
    run = data["run"]
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    rate = run["docs_in"] / run["seconds"] if run["seconds"] else 0.0
    table = Table(title=f"run {run['name']}: {run['docs_in']:,} in, {run['docs_out']:,} out, "
                        f"{run['rejected']:,} rejected, {run['seconds']:.2f}s, {rate:,.0f} docs/s "
                        f"({run['executor']} x{run['workers']})")
    for column in ("stage", "in", "out", "rejected", "top reason", "seconds"):
        table.add_column(column, justify="left" if column in ("stage", "top reason") else "right")
    for st in data["stages"]:
        reasons = sorted(st["rejected"].items(), key=lambda kv: -kv[1])
        top = f"{reasons[0][0]} ({reasons[0][1]:,})" if reasons else ""
        table.add_row(st["name"], f"{st['in']:,}", f"{st['out']:,}", f"{sum(st['rejected'].values()):,}", top,
                      f"{st['seconds']:.2f}")
    console.print(table)
    for stage, reason, n in data["removed"][:5]:
        console.print(f"removed lines: {stage}: {reason}: {n:,}")
    if data["languages"]:
        console.print("languages: " + ", ".join(f"{lang} {n:,}" for lang, n in data["languages"][:6]))
    console.print(f"documents in the browser: {len(data['documents']):,} sampled, "
                  f"{sum(len(g['documents']) for g in data['rejected']):,} rejected")
    console.print(f"report: {path} ({path.stat().st_size / 1e6:.2f} MB)")


