"""The entity and quote figures on the evaluation set stay above the issue's targets.

Runs news.entities and news.quotes on the gold article lines of every page in
tests/data/news/ (so these figures do not depend on boilerplate removal; eval_news.py
scores the full pipeline) and checks entity precision and recall >= 0.85 and quote
speaker accuracy >= 0.9.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.news_eval import entities as entity_score  # noqa: E402
from benchmarks.news_eval import quotes as quote_score  # noqa: E402
from benchmarks.news_eval.run import load_gold, predict  # noqa: E402


def test_entity_and_quote_scores_meet_targets():
    pages = load_gold()
    assert len(pages) >= 25
    metas = predict(pages)
    entities = entity_score.summarize(entity_score.score_page(metas[n], g) for n, _, g in pages)
    quotes = quote_score.summarize(quote_score.score_page(metas[n], g) for n, _, g in pages)
    assert entities["precision"] >= 0.85, entities
    assert entities["recall"] >= 0.85, entities
    assert quotes["speaker_accuracy"] >= 0.9, quotes


def test_scoring_forgives_form_differences_but_not_types():
    gold = {"entities": [{"name": "Vladimir Putin", "type": "person", "forms": ["Putin", "Mr. Putin"]},
                         {"name": "United States", "type": "place", "forms": ["U.S."]}]}
    pred = {"entities": [{"name": "Putin", "type": "person", "forms": ["Putin"]},
                         {"name": "US", "type": "organization", "forms": ["US"]}]}
    row = entity_score.score_page(pred, gold)
    assert (row["tp"], row["pred"], row["gold"]) == (1, 2, 2)
