"""Score ``meta["entities"]`` against ``tests/data/news/gold/NAME.entities.json``.

A predicted entity matches a gold entity of the same type when their names are equal
after normalisation, or when one's name equals one of the other's forms (so a page that
only ever says "Putin" matches gold "Vladimir Putin" whose forms include "Putin").
Normalisation forgives differences that do not change which entity is meant: case,
accents, punctuation ("U.S." = "US"), a leading "the", a possessive "'s", and leading
titles in forms ("President Vladimir Putin" = "Vladimir Putin"). Matching is one to one,
so a page that splits one person in two gets a false positive for the second.

``score_page(pred_meta, gold)`` -> counts for one page, ``summarize(rows)`` -> micro
precision, recall and F1 over pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["norm", "score_page", "summarize"]

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
