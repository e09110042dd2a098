"""What a finished run leaves in its run directory for people and tools: stats.json, report.txt."""

from __future__ import annotations

import orjson

from corpuskit._run.result import RunResult
from corpuskit._run.rundir import RunDir, write_atomic

__all__ = ["format_report", "write_reports"]


def write_reports(rd: RunDir, result: RunResult) -> None:
    """stats.json (per stage: in, out, rejected by reason, seconds, counters) and report.txt."""
    write_atomic(rd.stats, orjson.dumps(
        {"run": {"name": result.name, "executor": result.executor, "workers": result.workers,
                 "docs_in": result.docs_in, "docs_out": result.docs_out, "rejected": result.rejected,
                 "seconds": round(result.seconds, 3), "shards": result.shards,
                 "skipped_shards": result.skipped_shards, "outputs": result.outputs},
         "stages": [st.to_dict() for st in result.stats.values()]}, option=orjson.OPT_INDENT_2))
    write_atomic(rd.report, (format_report(result) + "\n").encode())


def format_report(result: RunResult) -> str:
    """A plain-text summary: one row per stage, then reject reasons and outputs."""
    rows = [("stage", "kind", "in", "out", "rejected", "seconds", "docs/s")]
    for label, st in result.stats.items():
        rate = f"{st.docs_in / st.seconds:,.0f}" if st.seconds > 0 else "-"
        rows.append((label, st.kind, f"{st.docs_in:,}", f"{st.docs_out:,}", f"{st.rejected_total:,}",
                     f"{st.seconds:.2f}", rate))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"run {result.name}: {result.docs_in:,} documents in, {result.docs_out:,} out, "
             f"{result.rejected:,} rejected in {result.seconds:.2f}s "
             f"({result.docs_per_second:,.0f} docs/s, {result.executor} x{result.workers})"]
    if result.resume_line:
        lines.append(result.resume_line)
    for row in rows:
        cells = (cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        lines.append("  ".join(cells))
    reasons = [(label, reason, n) for label, st in result.stats.items() for reason, n in st.rejected.most_common()]
    if reasons:
        lines.append("rejected by reason:")
        lines.extend(f"  {label}: {reason}: {n:,}" for label, reason, n in reasons)
    lines.extend(result.output_lines)
    lines.append(f"rejects: {result.rejects}")
    lines.append(f"run directory: {result.run_dir}")
    return "\n".join(lines)
