"""The entity and quote figures on the evaluation set stay above the issue's targets.

Runs news.entities and news.quotes on the gold article lines of every page in
tests/data/news/ (so these figures do not depend on boilerplate removal; evaluation.news.pipeline
scores the full pipeline) and checks entity precision and recall >= 0.85 and quote
speaker accuracy >= 0.9.
"""

from __future__ import annotations

from evaluation.news import entities as entity_score
from evaluation.news import quotes as quote_score
from evaluation.news.gold import load_gold, predict


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
