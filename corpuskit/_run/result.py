"""What a finished run returns."""

from __future__ import annotations

from pathlib import Path

import attrs

from corpuskit._stages.stats import StageStats

__all__ = ["RunResult"]

SHOWN_OUTPUTS = 20


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
    def output_lines(self) -> list[str]:
        """``output: PATH`` lines for the report and the CLI summary: the first 20 files (an
        output split by field may have thousands), then how many more."""
        lines = [f"output: {out}" for out in self.outputs[:SHOWN_OUTPUTS]]
        if len(self.outputs) > SHOWN_OUTPUTS:
            lines.append(f"output: ... and {len(self.outputs) - SHOWN_OUTPUTS:,} more files (RunResult.outputs lists "
                         "them; a split output's manifest, .corpuskit-files-*.json, too)")
        return lines

    @property
    def docs_per_second(self) -> float:
        return self.docs_in / self.seconds if self.seconds > 0 else 0.0
