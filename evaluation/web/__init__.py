"""Scoring of web-page extraction (issue 11): article text by word shingles, metadata fields."""
