"""A small labelled corpus from evaluation/corpus.py, and scoring against its labels."""

from __future__ import annotations

from typing import Any

from corpuskit._document import Document
from evaluation.corpus import generate


def labelled_corpus(n_docs: int, seed: int) -> tuple[list[Document], list[dict[str, str]]]:
    """Documents and labels (exact copies, near-duplicates, hard negatives) from the generator."""
    docs, labels = [], []
    for record, label in generate(
        n_docs, seed, exact_rate=0.05, near_rate=0.15, negative_rate=0.05, edit_min=0.02, edit_max=0.10
    ):
        docs.append(Document.from_record(record))
        if label is not None:
            labels.append(label)
    return docs, labels


def score(rejects: list[dict[str, Any]], labels: list[dict[str, str]]) -> dict[str, float]:
    """Precision of the rejected documents and recall per planted kind.

    A rejected document is right when it and the document it was judged a copy of
    descend from the same original (exact or near copies of it, or the original).
    """
    origin = {lab["id"]: lab["original"] for lab in labels if lab["kind"] in ("exact", "near")}

    def root(doc_id: str) -> str:
        return origin.get(doc_id, doc_id)

    dup_of = {r["document"]["id"]: r["document"]["meta"]["duplicate_of"] for r in rejects}
    right = sum(1 for doc, kept in dup_of.items() if root(doc) == root(kept))
    out = {"precision": right / len(dup_of) if dup_of else 1.0}
    for kind in ("exact", "near", "negative"):
        ids = [lab["id"] for lab in labels if lab["kind"] == kind]
        found = [i for i in ids if i in dup_of and (kind == "negative" or root(dup_of[i]) == root(i))]
        out[kind] = len(found) / len(ids) if ids else 0.0
    return out
