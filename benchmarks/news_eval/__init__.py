"""Scoring helpers for the news evaluation set (tests/data/news/): one module per field group."""
