"""Score ``meta["quotes"]`` against the ``quotes`` of ``NAME.entities.json`` gold files.

A predicted quote matches a gold quote when their texts (normalised: case, accents,
punctuation, spacing) are equal, one contains the other, or they share at least 60% of
their words. A gold quote's speaker is right when the matched prediction names the same
entity: the gold speaker's name, or one of the forms the gold gives for that entity;
a gold speaker of null (an unnamed "spokesman", "the bank") is right only when the
prediction is null too. A gold quote the stage did not find counts as a wrong speaker.

``score_page(pred_meta, gold)`` -> counts for one page, ``summarize(rows)`` -> speaker
accuracy and quote detection precision and recall. For ``benchmarks/eval_news.py``:
``COLUMNS``, ``page_scores(case, doc)`` and ``overall(rows)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from evaluation.news.entities import _variants, load_entity_gold, norm

__all__ = ["COLUMNS", "TARGETS", "overall", "page_scores", "score_page", "summarize"]

COLUMNS = ["speaker"]
TARGETS = {"speaker": 0.9}

OVERLAP = 0.6


def _same_quote(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb or na in nb or nb in na:
        return True
    wa, wb = set(na.split()), set(nb.split())
    return len(wa & wb) / max(len(wa), len(wb)) >= OVERLAP


def _speaker_ok(pred: str | None, gold: str | None, entities: list[dict[str, Any]]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    entity = next((e for e in entities if norm(e["name"]) == norm(gold)), {"name": gold, "forms": [gold]})
    return norm(pred) in _variants(entity)


def score_page(pred_meta: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """``{gold, pred, found, speaker_ok, errors}`` for one page's quotes."""
    predicted = list(pred_meta.get("quotes") or [])
    expected = list(gold.get("quotes") or [])
    entities = list(gold.get("entities") or [])
    free = list(range(len(predicted)))
    found = speaker_ok = 0
    errors = []
    for quote in expected:
        hit = next((i for i in free if _same_quote(predicted[i]["text"], quote["text"])), None)
        if hit is None:
            errors.append(f"missed: {quote['text'][:50]}")
            continue
        free.remove(hit)
        found += 1
        if _speaker_ok(predicted[hit].get("speaker"), quote.get("speaker"), entities):
            speaker_ok += 1
        else:
            errors.append(f"speaker {predicted[hit].get('speaker')!r} != {quote.get('speaker')!r}: "
                          f"{quote['text'][:40]}")
    errors += [f"extra: {predicted[i]['text'][:50]}" for i in free]
    return {"gold": len(expected), "pred": len(predicted), "found": found, "speaker_ok": speaker_ok,
            "errors": errors}


def summarize(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Speaker accuracy over gold quotes (``speaker_of_found``: over the gold quotes found);
    detection precision and recall (quotes found: ``recall``)."""
    rows = list(rows)
    gold = sum(r["gold"] for r in rows)
    pred = sum(r["pred"] for r in rows)
    found = sum(r["found"] for r in rows)
    return {
        "speaker_accuracy": sum(r["speaker_ok"] for r in rows) / gold if gold else 1.0,
        "precision": found / pred if pred else 1.0,
        "recall": found / gold if gold else 1.0,
        "speaker_of_found": sum(r["speaker_ok"] for r in rows) / found if found else 1.0,
        "quotes": gold,
    }


def page_scores(case: Any, doc: Any) -> dict[str, Any]:
    """eval_news.py interface: the page's speaker accuracy (None without gold quotes)."""
    gold = load_entity_gold(case.name)
    if gold is None:
        return {}
    row = score_page(doc.meta if doc is not None else {}, gold)
    return {
        "speaker": row["speaker_ok"] / row["gold"] if row["gold"] else None,
        "_quotes": (row["speaker_ok"], row["gold"], row["pred"], row["found"]),
    }


def overall(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """eval_news.py interface: speaker accuracy over all gold quotes."""
    counts = [r["_quotes"] for r in rows if "_quotes" in r]
    if not counts:
        return {}
    summary = summarize({"speaker_ok": ok, "gold": g, "pred": p, "found": f} for ok, g, p, f in counts)
    return {"speaker": summary["speaker_accuracy"]}
