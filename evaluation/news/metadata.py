"""Per-field accuracy of news.metadata: title, author, publisher, published, language.

A field is right when both gold and output are null, or both are set and equal after a
light normalisation (case, spacing, surrounding punctuation; for publishers also a
leading "The" and legal forms such as "Ltd" or "GmbH"). Null against a value, either way,
is wrong: a guess where the page says nothing costs as much as a miss. A gold value may be
a list of acceptable values (the held-out set uses it where a real page names its outlet
two ways); the output is right when it matches any of them.
"""

from __future__ import annotations

import re
from typing import Any

from evaluation.news.cases import Case

__all__ = ["COLUMNS", "FIELDS", "matches", "normalise", "overall", "page_scores"]

FIELDS = ("title", "author", "publisher", "published", "language")
COLUMNS = list(FIELDS)

_LEGAL = {"ltd", "limited", "llc", "inc", "gmbh", "pvt", "private", "sl", "srl", "sa", "as", "ag", "plc", "bv"}


def normalise(field: str, value: Any) -> str | None:
    """The comparison form of a field value."""
    if value is None:
        return None
    text = " ".join(str(value).split()).casefold().strip(" \"'“”‘’.,:;|-")
    if field == "publisher":
        words = re.findall(r"[\w&-]+", text)
        while len(words) > 1 and words[-1] in _LEGAL:
            words.pop()
        if len(words) > 1 and words[0] == "the":
            words.pop(0)
        text = " ".join(words)
    return text or None


def matches(field: str, value: Any, gold: Any) -> bool:
    """Whether an output value is right against a gold value (or a list of acceptable ones)."""
    accepted = gold if isinstance(gold, list) else [gold]
    return normalise(field, value) in {normalise(field, g) for g in accepted}


def page_scores(case: Case, doc: Any) -> dict[str, Any]:
    meta = doc.meta if doc is not None else {}
    return {f: matches(f, meta.get(f), case.gold.get(f)) for f in FIELDS}


def overall(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Share of pages with each field right."""
    return {f: sum(1 for r in rows if r[f]) / len(rows) for f in FIELDS} if rows else {}
