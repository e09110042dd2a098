"""Score ``meta["entities"]`` against ``tests/data/news/gold/NAME.entities.json``.

A predicted entity matches a gold entity of the same type when their names are equal
after normalisation, or when one's name equals one of the other's forms (so a page that
only ever says "Putin" matches gold "Vladimir Putin" whose forms include "Putin").
Normalisation forgives differences that do not change which entity is meant: case,
accents, punctuation ("U.S." = "US"), a leading "the", a possessive "'s", and leading
titles in forms ("President Vladimir Putin" = "Vladimir Putin"). Matching is one to one,
so a page that splits one person in two gets a false positive for the second.

Alias merge ("every form of an entity in one entity"): a gold entity whose ``forms``
hold at least two spellings that differ after normalisation ("Robert Gates", "Gates",
"Mr. Gates") is an alias group; it is merged when one predicted entity, of any type,
holds all of them. A form is held by the predicted entities that spell it (name or
form) exactly after normalisation, else by those with a spelling it ends with, word for
word (gold "Defense Secretary Robert Gates", predicted "Robert Gates": leading words the
stage leaves out of the name), the longest such spelling winning; a gold form no
predicted entity holds ("Finance Committee" when only "Senate Finance Committee" was
found) leaves its group unmerged. Figures per type count a predicted entity under its
own type and a gold entity under its gold type.

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

__all__ = [
    "COLUMNS", "TARGETS", "alias_groups", "load_entity_gold", "norm", "overall", "page_scores", "score_page",
    "summarize", "summarize_details",
]

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


def _spellings(entity: dict[str, Any]) -> set[str]:
    out = {norm(s) for s in [entity.get("name", ""), *entity.get("forms", [])]}
    out.discard("")
    return out


def _overlap(form: str, spelling: str) -> int:
    """The words of ``spelling`` when ``form`` ends with it, word for word, else 0."""
    return len(spelling.split()) if form == spelling or form.endswith(" " + spelling) else 0


def _holders(form: str, predicted: list[set[str]]) -> set[int]:
    exact = {i for i, spellings in enumerate(predicted) if form in spellings}
    if exact:
        return exact
    best = {i: max((_overlap(form, s) for s in spellings), default=0) for i, spellings in enumerate(predicted)}
    top = max(best.values(), default=0)
    return {i for i, n in best.items() if n == top} if top else set()


def alias_groups(pred_meta: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, list[str]]:
    """``(groups, merged, split)``: gold entities with 2+ distinct forms, those whose forms all
    land in one predicted entity, and a description of each group that did not."""
    predicted = [_spellings(e) for e in pred_meta.get("entities") or []]
    groups = merged = 0
    split = []
    for entity in gold.get("entities") or []:
        forms = sorted({norm(f) for f in entity.get("forms", [])} - {""})
        if len(forms) < 2:
            continue
        groups += 1
        holders = [_holders(f, predicted) for f in forms]
        if set.intersection(*holders):
            merged += 1
        else:
            split.append(f"{entity['name']} ({entity['type']}): " + ", ".join(
                f"{f}->{sorted(h) or '-'}" for f, h in zip(forms, holders, strict=True)))
    return groups, merged, split


def _by_type(predicted: list[dict[str, Any]], expected: list[dict[str, Any]],
             hits: list[tuple[int, int]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for entity in predicted:
        out.setdefault(str(entity.get("type")), {"tp_pred": 0, "pred": 0, "tp_gold": 0, "gold": 0})["pred"] += 1
    for entity in expected:
        out.setdefault(str(entity.get("type")), {"tp_pred": 0, "pred": 0, "tp_gold": 0, "gold": 0})["gold"] += 1
    for p, g in hits:
        out[str(predicted[p].get("type"))]["tp_pred"] += 1
        out[str(expected[g].get("type"))]["tp_gold"] += 1
    return out


def score_page(pred_meta: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """``{tp, pred, gold, false_positives, missed, by_type, alias_groups, alias_merged,
    alias_split}`` for one page's entities."""
    predicted = list(pred_meta.get("entities") or [])
    expected = list(gold.get("entities") or [])
    unmatched = list(range(len(expected)))
    false_positives = []
    hits = []
    for p, entity in enumerate(predicted):
        hit = next((i for i in unmatched if _matches(entity, expected[i])), None)
        if hit is None:
            false_positives.append(f"{entity.get('name')} ({entity.get('type')})")
        else:
            unmatched.remove(hit)
            hits.append((p, hit))
    missed = [f"{expected[i]['name']} ({expected[i]['type']})" for i in unmatched]
    groups, merged, split = alias_groups(pred_meta, gold)
    return {"tp": len(hits), "pred": len(predicted), "gold": len(expected),
            "false_positives": false_positives, "missed": missed,
            "by_type": _by_type(predicted, expected, hits),
            "alias_groups": groups, "alias_merged": merged, "alias_split": split}


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


def summarize_details(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall per type (``{type: (P, R, pred, gold)}``) and the alias merge
    share (``alias_merge``, over ``alias_groups`` gold groups) over :func:`score_page` rows."""
    rows = list(rows)
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        for kind, counts in row.get("by_type", {}).items():
            total = totals.setdefault(kind, {"tp_pred": 0, "pred": 0, "tp_gold": 0, "gold": 0})
            for key, value in counts.items():
                total[key] += value
    groups = sum(r.get("alias_groups", 0) for r in rows)
    return {
        "by_type": {kind: (_ratio(t["tp_pred"], t["pred"]), _ratio(t["tp_gold"], t["gold"]), t["pred"], t["gold"])
                    for kind, t in sorted(totals.items())},
        "alias_merge": _ratio(sum(r.get("alias_merged", 0) for r in rows), groups),
        "alias_groups": groups,
    }


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
