"""Score the news stages on the project's evaluation set (tests/data/news/ + seeds/).

    python benchmarks/eval_news.py            # per-page and overall tables
    python benchmarks/eval_news.py --json     # the same figures as JSON
    python benchmarks/eval_news.py --root benchmarks/data/holdout   # another set, same layout
                                              # (the held-out real pages: benchmarks/holdout/build.py)

Runs the news stages that are installed (news.boilerplate, news.metadata, and
news.entities / news.quotes when registered) in process with
``Pipeline.from_dict(...).process(docs)``, then scores each page with the modules of
evaluation/news/ (boilerplate: line-level precision/recall, positive class = article
line kept; metadata: per-field accuracy; entities and quotes when those modules exist).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.news.cases import load_cases
from evaluation.news.pipeline import TARGETS, evaluate, scorers


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ok" if value else "--"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def print_tables(rows: list[dict[str, Any]], totals: dict[str, float]) -> None:
    columns = [c for m in scorers() for c in m.COLUMNS]
    width = max(len(r["page"]) for r in rows)
    print(f"{'page':{width}}  " + "  ".join(f"{c:>9}" for c in columns))
    for row in rows:
        print(f"{row['page']:{width}}  " + "  ".join(f"{_cell(row.get(c)):>9}" for c in columns))
    print()
    print(f"{'overall':{width}}  " + "  ".join(f"{_cell(totals.get(c)):>9}" for c in columns))
    targets = dict(TARGETS)
    for module in scorers():
        targets.update(getattr(module, "TARGETS", {}))
    misses = [f"{k} {totals[k]:.2f} < {t}" for k, t in targets.items() if k in totals and totals[k] < t]
    print("targets: " + ("all met" if not misses else "MISSED " + "; ".join(misses)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--root", type=Path, default=None, help="an evaluation set with pages/ and gold/ (default tests/data/news)"
    )
    args = parser.parse_args(argv)
    rows, totals = evaluate(load_cases(args.root) if args.root else None)
    if args.json:
        print(json.dumps({"pages": rows, "overall": totals}, indent=2))
    else:
        print_tables(rows, totals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
