"""What a finished run returns, and its human report."""

from __future__ import annotations

from pathlib import Path

import attrs

from corpuskit._stages.stats import StageStats

__all__ = ["RunResult", "format_report"]


@attrs.frozen
class RunResult:
    """The outcome of :meth:`corpuskit.Pipeline.run`.

    ``stats`` maps each stage's label (``2:minhash``) to its merged counters;
    ``outputs`` are the files the exporters committed; ``rejects`` the JSONL file of
    rejected documents (each with its stage and reason).
    """

    name: str
    run_dir: Path
    executor: str
    workers: int
    stats: dict[str, StageStats]
    outputs: list[str]
    rejects: Path
    docs_in: int
    docs_out: int
    rejected: int
    seconds: float
    shards: int
    skipped_shards: int = 0  # shard tasks (one shard through one segment) a resumed run found done
    segments: int = 1

    @property
    def resume_line(self) -> str | None:
        """What a resumed run skipped, for the report and the CLI summary."""
        if not self.skipped_shards:
            return None
        if self.segments == 1:
            return f"resumed: skipped {self.skipped_shards} of {self.shards} shards, already done"
        return (f"resumed: skipped {self.skipped_shards} of {self.shards * self.segments} shard tasks, already done "
                f"({self.shards} shards x {self.segments} segments)")

    @property
    def docs_per_second(self) -> float:
        return self.docs_in / self.seconds if self.seconds > 0 else 0.0


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
    for out in result.outputs:
        lines.append(f"output: {out}")
    lines.append(f"rejects: {result.rejects}")
    lines.append(f"run directory: {result.run_dir}")
    return "\n".join(lines)
