"""Score ``meta["entities"]`` against ``tests/data/news/gold/NAME.entities.json``.

A predicted entity matches a gold entity of the same type when their names are equal
after normalisation, or when one's name equals one of the other's forms (so a page that
only ever says "Putin" matches gold "Vladimir Putin" whose forms include "Putin").
Normalisation forgives differences that do not change which entity is meant: case,
accents, punctuation ("U.S." = "US"), a leading "the", a possessive "'s", and leading
titles in forms ("President Vladimir Putin" = "Vladimir Putin"). Matching is one to one,
so a page that splits one person in two gets a false positive for the second.

``score_page(pred_meta, gold)`` -> counts for one page, ``summarize(rows)`` -> micro
precision, recall and F1 over pages. For ``benchmarks/eval_news.py``: ``COLUMNS``,
``page_scores(case, doc)`` (reads ``gold/NAME.entities.json`` beside the case's gold) and
``overall(rows)``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "TARGETS", "load_entity_gold", "norm", "overall", "page_scores", "score_page", "summarize"]

COLUMNS = ["ent_P", "ent_R"]
TARGETS = {"ent_P": 0.85, "ent_R": 0.85}
GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "news" / "gold"

_TITLES = frozenset(
    """
    mr mrs ms dr prof president prime minister ceo vice chief executive rep sen gov mayor landrat
    wethouder voorzitter finance energy foreign russian sir
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def norm(name: str) -> str:
    """Case-, accent- and punctuation-blind form of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘]s\b", "", text)
    text = re.sub(r"[^\w\s]", "", text)
    words = text.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _variants(entity: dict[str, Any]) -> set[str]:
    out = set()
    for spelling in [entity.get("name", ""), *entity.get("forms", [])]:
        words = norm(spelling).split()
        out.add(" ".join(words))
        while len(words) > 1 and words[0] in _TITLES:
            words = words[1:]
            out.add(" ".join(words))
    out.discard("")
    return out


def _matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred.get("type") != gold.get("type"):
        return False
    pred_name, gold_name = norm(pred.get("name", "")), norm(gold.get("name", ""))
    return pred_name == gold_name or pred_name in _variants(gold) or gold_name in _variants(pred)


def score_page(pred_meta: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """``{tp, pred, gold, false_positives, missed}`` for one page's entities."""
    predicted = list(pred_meta.get("entities") or [])
    expected = list(gold.get("entities") or [])
    unmatched = list(range(len(expected)))
    false_positives = []
    tp = 0
    for entity in predicted:
        hit = next((i for i in unmatched if _matches(entity, expected[i])), None)
        if hit is None:
            false_positives.append(f"{entity.get('name')} ({entity.get('type')})")
        else:
            unmatched.remove(hit)
            tp += 1
    missed = [f"{expected[i]['name']} ({expected[i]['type']})" for i in unmatched]
    return {"tp": tp, "pred": len(predicted), "gold": len(expected),
            "false_positives": false_positives, "missed": missed}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def summarize(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Micro precision, recall and F1 over the pages' :func:`score_page` rows."""
    rows = list(rows)
    tp = sum(r["tp"] for r in rows)
    precision = _ratio(tp, sum(r["pred"] for r in rows))
    recall = _ratio(tp, sum(r["gold"] for r in rows))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(rows)}


def load_entity_gold(name: str, gold_dir: Path | None = None) -> dict[str, Any] | None:
    """``gold/NAME.entities.json`` (entities and quotes of one page), or None."""
    path = (gold_dir or GOLD_DIR) / f"{name}.entities.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def page_scores(case: Any, doc: Any) -> dict[str, Any]:
    """eval_news.py interface: ``ent_P``/``ent_R`` for one page plus the counts behind them."""
    gold = load_entity_gold(case.name)
    if gold is None:
        return {}
    row = score_page(doc.meta if doc is not None else {}, gold)
    return {
        "ent_P": _ratio(row["tp"], row["pred"]),
        "ent_R": _ratio(row["tp"], row["gold"]),
        "_ent": (row["tp"], row["pred"], row["gold"]),
    }


def overall(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """eval_news.py interface: micro precision and recall over the pages."""
    counts = [r["_ent"] for r in rows if "_ent" in r]
    if not counts:
        return {}
    summary = summarize({"tp": t, "pred": p, "gold": g} for t, p, g in counts)
    return {"ent_P": summary["precision"], "ent_R": summary["recall"]}
