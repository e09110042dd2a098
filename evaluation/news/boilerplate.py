"""Line-level precision and recall of boilerplate removal.

The positive class is "article line kept". A page's lines and the gold article lines are
compared as multisets of stripped lines: a kept line that is not gold article text is a
false positive, a gold article line missing from the output a false negative.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from evaluation.news.cases import Case

__all__ = ["COLUMNS", "overall", "page_scores"]

COLUMNS = ["bp_P", "bp_R"]


def _lines(text: str) -> Counter[str]:
    return Counter(s for line in text.split("\n") if (s := line.strip()))


def page_scores(case: Case, doc: Any) -> dict[str, Any]:
    gold = Counter(s for line in case.gold["article_lines"] if (s := line.strip()))
    kept = _lines(doc.text) if doc is not None else Counter()
    tp = sum((gold & kept).values())
    fp = sum((kept - gold).values())
    fn = sum((gold - kept).values())
    return {
        "bp_tp": tp,
        "bp_fp": fp,
        "bp_fn": fn,
        "bp_P": tp / (tp + fp) if tp + fp else 1.0,
        "bp_R": tp / (tp + fn) if tp + fn else 1.0,
    }


def overall(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Micro-averaged precision and recall over all lines of all pages."""
    tp = sum(r["bp_tp"] for r in rows)
    fp = sum(r["bp_fp"] for r in rows)
    fn = sum(r["bp_fn"] for r in rows)
    return {"bp_P": tp / (tp + fp) if tp + fp else 1.0, "bp_R": tp / (tp + fn) if tp + fn else 1.0}
