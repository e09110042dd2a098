"""news.entities run on one invented text: what the failure-class tests look at."""

from __future__ import annotations

from corpuskit import Document, Pipeline


def found(text: str) -> list[dict]:
    (doc,) = Pipeline.from_dict({"stages": ["news.entities"]}).process([Document("d", text)])
    return doc.meta["entities"]


def types(text: str) -> dict[str, str]:
    return {e["name"]: e["type"] for e in found(text)}


def forms(text: str) -> dict[str, set[str]]:
    return {e["name"]: set(e["forms"]) for e in found(text)}
