"""A typed name mention and the four entity types it can have."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ORG", "PERSON", "PLACE", "UNKNOWN", "Mention"]

PERSON, ORG, PLACE, UNKNOWN = "person", "organization", "place", "unknown"


class Mention(NamedTuple):
    """One typed name in the text: ``name`` without titles, ``form`` as written."""

    start: int
    end: int
    name: str
    form: str
    type: str
    form_start: int = -1  # where ``form`` starts when a title precedes the name; -1: at ``start``
