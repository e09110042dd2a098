"""What a finished run leaves in its run directory for people and tools: stats.json, report.txt,
report.json and report.html (docs/report.md)."""

from __future__ import annotations

import logging

import orjson

from corpuskit._config.pipeline import PipelineConfig
from corpuskit._io import jsonl
from corpuskit._report.html import render_report
from corpuskit._report.probe import ProbePlan, merge_probes
from corpuskit._run.result import RunResult
from corpuskit._run.rundir import RunDir, write_atomic
from corpuskit._stages.context import describe_exception
from corpuskit._stages.kinds import audit_key_of

__all__ = ["format_report", "probe_plan", "write_html_report", "write_reports"]

log = logging.getLogger("corpuskit.report")


def probe_plan(config: PipelineConfig) -> ProbePlan:
    """What every shard of a run of ``config`` records for its report."""
    audit = tuple((spec.label, key) for spec in config.stages if (key := audit_key_of(spec.stage)))
    return ProbePlan(sample=config.report_sample, rejects=config.report_rejects, audit=audit)


def write_html_report(rd: RunDir, config: PipelineConfig) -> None:
    """report.json (the shards' probes, merged) and report.html; a failure is logged, never raised.

    The run's outputs are committed before this runs: a report that cannot be built
    must not fail a good run.
    """
    try:
        plan = probe_plan(config)
        probes = (jsonl.loads(path.read_bytes()) for path in sorted((rd.root / "probes").glob("*.json")))
        data = merge_probes(probes, sample=plan.sample, rejects=plan.rejects)
        data["audit"] = [list(pair) for pair in plan.audit]
        write_atomic(rd.report_data, jsonl.dumps_line(data))
        write_atomic(rd.report_html, render_report(rd.root))
    except Exception as exc:  # the report is a by-product; the run stays good
        log.warning("report.html was not written: %s; 'corpuskit report %s' tries again",
                    describe_exception(exc), rd.root)


def write_reports(rd: RunDir, result: RunResult, config: PipelineConfig | None = None) -> None:
    """stats.json (per stage: in, out, rejected by reason, seconds, counters), report.txt and,
    with the run's ``config``, report.json and report.html."""
    write_atomic(rd.stats, orjson.dumps(
        {"run": {"name": result.name, "executor": result.executor, "workers": result.workers,
                 "docs_in": result.docs_in, "docs_out": result.docs_out, "rejected": result.rejected,
                 "seconds": round(result.seconds, 3), "shards": result.shards,
                 "skipped_shards": result.skipped_shards, "outputs": result.outputs},
         "stages": [st.to_dict() for st in result.stats.values()]}, option=orjson.OPT_INDENT_2))
    write_atomic(rd.report, (format_report(result) + "\n").encode())
    if config is not None:
        write_html_report(rd, config)


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
