"""Terminal output of ``corpuskit run``: progress bars and the summary table."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from corpuskit._run.report import format_report
from corpuskit._run.result import RunResult

__all__ = ["RichProgress", "print_summary"]


class RichProgress:
    """One progress bar per phase (segment or reduce), with documents per second."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("units  {task.fields[docs]:,} docs  {task.fields[rate]:,.0f} docs/s"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._progress.start()
        self._task: Any = None
        self._docs = 0

    def phase(self, label: str, total: int, completed: int = 0) -> None:
        self._docs = 0
        self._task = self._progress.add_task(label, total=total, completed=completed, docs=0, rate=0.0)

    def advance(self, result: dict[str, Any]) -> None:
        if self._task is None:
            return
        self._docs += int(result.get("docs_in", 0))
        elapsed = self._progress.tasks[self._task].elapsed or 0.0
        rate = self._docs / elapsed if elapsed > 0 else 0.0
        self._progress.update(self._task, advance=1, docs=self._docs, rate=rate)

    def end_phase(self) -> None:
        self._task = None

    def close(self) -> None:
        self._progress.stop()


def print_summary(result: RunResult) -> None:
    """A table on a terminal; the plain report in a pipe."""
    html = result.run_dir / "report.html"
    if not sys.stdout.isatty():
        print(format_report(result))
        if html.is_file():
            print(f"report: {html}")
        return
    console = Console()
    table = Table(title=f"run {result.name}: {result.docs_in:,} in, {result.docs_out:,} out, "
                        f"{result.rejected:,} rejected, {result.seconds:.2f}s ({result.executor} x{result.workers})")
    for column in ("stage", "kind", "in", "out", "rejected", "seconds", "docs/s"):
        table.add_column(column, justify="left" if column in ("stage", "kind") else "right")
    for label, st in result.stats.items():
        rate = f"{st.docs_in / st.seconds:,.0f}" if st.seconds > 0 else "-"
        table.add_row(label, st.kind, f"{st.docs_in:,}", f"{st.docs_out:,}", f"{st.rejected_total:,}",
                      f"{st.seconds:.2f}", rate)
    console.print(table)
    if result.resume_line:
        console.print(result.resume_line)
    for label, st in result.stats.items():
        for reason, n in st.rejected.most_common():
            console.print(f"  rejected by {label}: {reason}: {n:,}")
    for line in result.output_lines:
        console.print(line, highlight=False)
    console.print(f"rejects: {result.rejects}   run directory: {result.run_dir}")
    if html.is_file():
        console.print(f"report: {html}   ('corpuskit report {result.run_dir} --open' opens it)")
