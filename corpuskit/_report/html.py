"""report.html: one self-contained page built from a run directory.

It reads what every run leaves (stats.json, config.yaml) and what the run's shards
recorded for the report (report.json, :mod:`corpuskit._report.probe`), and inlines
everything the page needs: the data as JSON, the styles, Chart.js (vendored in
``assets/``, MIT) and the page's own script. The page fetches nothing, so it opens from
``file://`` without a network (a Content-Security-Policy forbids any request).
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from corpuskit._errors import CorpuskitError
from corpuskit._report.view import annotate

__all__ = ["ReportError", "page_data", "render_report"]


class ReportError(CorpuskitError):
    """A run directory has no report to build (not a finished run)."""

    exit_code = 2


def _asset(name: str) -> str:
    return resources.files("corpuskit._report").joinpath("assets", name).read_text(encoding="utf-8")


def _read_json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def page_data(run_dir: Path) -> dict[str, Any]:
    """Everything the page shows, as one JSON-able dict."""
    stats_path = run_dir / "stats.json"
    if not stats_path.is_file():
        raise ReportError(f"{run_dir} has no stats.json: it is not the directory of a finished run",
                          hint="give the run directory of a run that finished (default .corpuskit/runs/NAME)")
    stats = _read_json(stats_path)
    config = run_dir / "config.yaml"
    recorded_path = run_dir / "report.json"
    recorded: dict[str, Any] = _read_json(recorded_path) if recorded_path.is_file() else {}
    audit = recorded.get("audit", [])
    documents = []
    for doc in recorded.get("documents", []):
        segments, labels = annotate(doc, audit)
        documents.append({"id": doc["id"], "text": doc["text"], "chars": doc.get("chars", len(doc["text"])),
                          "meta": doc.get("meta", {}), "segments": segments, "labels": labels})
    rejected = recorded.get("rejected", [])
    return {
        "run": stats["run"],
        "stages": stats["stages"],
        "config": config.read_text(encoding="utf-8") if config.is_file() else "(config.yaml is missing)",
        "generated": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "lengths": _lengths(recorded.get("lengths", {})),
        "languages": recorded.get("languages", []),
        "clusters": recorded.get("clusters", {}),
        "stories": recorded.get("stories", []),
        "removed": recorded.get("removed", []),
        "lines": recorded.get("lines", []),
        "entities": recorded.get("entities", []),
        "sampled_at_load": recorded.get("sampled_at_load", 0),
        "documents": documents,
        "rejected": [{"stage": g["stage"], "reason": g["reason"],
                      "documents": [{**r, "document": _reject_document(r)} for r in g["documents"]]}
                     for g in rejected],
        "rejected_counts": _rejected_counts(stats["stages"], rejected),
        "settings": {"report_rejects": _setting(config, "report_rejects", 20)},
    }


def _reject_document(record: dict[str, Any]) -> dict[str, Any]:
    doc = record.get("document") or {}
    text = str(doc.get("text", ""))
    return {"id": str(doc.get("id", "")), "text": text, "chars": doc.get("chars", len(text)),
            "meta": doc.get("meta", {})}


def _rejected_counts(stages: list[dict[str, Any]], rejected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sampled = {(g["stage"], g["reason"]): len(g["documents"]) for g in rejected}
    return [{"stage": st["name"], "reason": reason, "count": n, "sampled": sampled.get((st["name"], reason), 0)}
            for st in stages for reason, n in sorted(st.get("rejected", {}).items(), key=lambda kv: -kv[1])]


def _lengths(lengths: dict[str, Any]) -> dict[str, Any]:
    before = dict(map(tuple, lengths.get("before", [])))
    after = dict(map(tuple, lengths.get("after", [])))
    bins = sorted(set(before) | set(after))
    if not bins:
        return {"labels": [], "before": [], "after": []}
    span = range(bins[0], bins[-1] + 1)
    return {"labels": [_bin_label(b) for b in span], "before": [before.get(b, 0) for b in span],
            "after": [after.get(b, 0) for b in span]}


def _bin_label(b: int) -> str:
    """The smallest length in bin ``b`` (``corpuskit._report.probe.length_bin``)."""
    if b == 0:
        return "0"
    low = 2 ** ((b - 1) / 2)
    n = int(-(-low // 1))  # ceil
    return f"{n / 1000:.1f}k" if n >= 1000 else str(n)


def _setting(config: Path, key: str, default: int) -> int:
    try:
        import yaml

        value = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get(key, default)
    except (OSError, ValueError, AttributeError):
        return default
    return value if isinstance(value, int) else default


def render_report(run_dir: Path) -> bytes:
    """The bytes of report.html for the run in ``run_dir``."""
    data = orjson.dumps(page_data(Path(run_dir))).replace(b"<", b"\\u003c")
    page = _asset("report.html")
    for marker, content in (("/*STYLE*/", _asset("report.css")), ("/*CHARTJS*/", _asset("chart.umd.min.js")),
                            ("/*APP*/", _asset("report.js"))):
        page = page.replace(marker, content.replace("</script", "<\\/script"), 1)
    head, tail = page.encode("utf-8").split(b"/*DATA*/", 1)
    return head + data + tail
