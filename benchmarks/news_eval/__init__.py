"""Command-line report of the entity and quote scores (``run.py``); the scoring lives in ``evaluation.news``."""
