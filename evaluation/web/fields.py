"""Right or wrong for a page's metadata fields, as scored by benchmarks/web/eval_web.py.

Title and date: :func:`evaluation.news.metadata.matches` (case, spacing and surrounding
punctuation normalised; a list of gold values means any of them). Authors: the same, but
compared as a set of names, so ``X & Y``, ``X and Y``, ``X, Y`` and ``Y, X`` all name the
same two people; the joiner an outlet or an extractor chose is not a mistake.
"""

from __future__ import annotations

import re
from typing import Any

from evaluation.news.metadata import matches, normalise

__all__ = ["author_names", "field_matches"]

_JOINERS = re.compile(r"\s*(?:[,;/&]|\band\b)\s*")


def author_names(value: Any) -> frozenset[str] | None:
    """The set of normalised names in an author string (None for no author)."""
    text = normalise("author", value)
    if text is None:
        return None
    return frozenset(n for part in _JOINERS.split(text) if (n := normalise("author", part)))


def field_matches(field: str, value: Any, gold: Any) -> bool:
    if field != "author":
        return matches(field, value, gold)
    accepted = gold if isinstance(gold, list) else [gold]
    return author_names(value) in {author_names(g) for g in accepted}
