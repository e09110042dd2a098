"""Scoring of the news stages on the project's evaluation set (tests/data/news/).

``cases.load_cases()`` reads the pages and their gold; each scoring module (``boilerplate``,
``metadata``, and ``entities`` / ``quotes`` where present) exposes:

* ``COLUMNS`` - the per-page figures it reports, in print order;
* ``page_scores(case, doc) -> dict`` - those figures for one page (``doc`` is the document
  the pipeline produced for the page, or None when the pipeline dropped it);
* ``overall(rows) -> dict`` - the figures over the whole set (``rows`` are the
  ``page_scores`` dicts).

``pipeline.evaluate()`` runs the news stages on the set and scores it with those modules;
``gold.load_gold()`` / ``gold.predict()`` score entities and quotes on the gold article text.
``benchmarks/eval_news.py`` and ``benchmarks/news_eval/run.py`` print the tables; the news
plugin's tests assert the overall figures stay above the issue's targets.
"""
