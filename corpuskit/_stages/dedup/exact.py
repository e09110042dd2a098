"""``exact_dedup``: drop documents whose normalized text equals an earlier one's."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import attrs
import xxhash

from corpuskit._document import Document
from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.context import StageContext
from corpuskit._stages.keycolumns import BucketItems, KeyChunk
from corpuskit._stages.kinds import GlobalStage, Ref, param, stage
from corpuskit._stages.text import comparable_text

__all__ = ["ExactDedup"]


@stage("exact_dedup", kind="deduplicate", writes=["duplicate_of"])
@attrs.frozen
class ExactDedup(GlobalStage):
    """Keeps the first document, in input order, of each set of equal texts.

    Texts are compared by a 128-bit xxHash of their comparable form (NFC, control
    characters removed, every whitespace run one space; case folded with
    ``ignore_case``), so texts that differ only in spacing or line breaks are equal.
    A global stage: map = one hash per document, reduce = first reference per hash
    (partitioned by hash), apply = drop the later copies. Rejects have reason ``duplicate`` and ``meta["duplicate_of"]``
    (the id of the kept document). Use ``minhash`` for near-duplicates.
    """

    ignore_case: bool = param(False, doc="compare texts case-insensitively")

    apply_undecided: ClassVar[bool] = False  # apply() keeps a document without decisions as it is

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        text = comparable_text(doc.text)
        if self.ignore_case:
            text = text.casefold()
        yield xxhash.xxh3_128_intdigest(text.encode("utf-8")), (ref, doc.id)

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        if isinstance(items, BucketItems):  # a run over files: read the key columns, no Ref per key
            return _first_of_columns(items.chunks())
        return _first_of_pairs(items)

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        if not decisions:
            return doc
        original = decisions[0]
        ctx.reject(doc.with_meta(duplicate_of=original), "duplicate", f"same text as '{original}'")
        return None


def _first_of_pairs(items: Iterable[tuple[Any, Any]], first: dict[int, str] | None = None
                    ) -> Iterator[tuple[Ref, str]]:
    """``(ref, id of the first document with the same key)`` for every later one (items in input order).

    ``first``: the first id of each key seen so far (kept across calls)."""
    first = {} if first is None else first
    for key, (ref, doc_id) in items:
        if key in first:
            yield ref, first[key]
        else:
            first[key] = doc_id


def _first_of_columns(chunks: Iterable[KeyChunk]) -> Iterator[tuple[Ref, str]]:
    """What :func:`_first_of_pairs` yields, read from key columns (a Ref built only for a duplicate)."""
    first: dict[int, str] = {}
    for chunk in chunks:
        if chunk.implied is not None:  # some value is not (ref, id): not written by keys() above
            yield from _first_of_pairs(chunk.pairs(), first)
            continue
        for j, (key, doc_id) in enumerate(zip(chunk.keys, chunk.values, strict=True)):
            if key in first:
                yield chunk.ref(j), first[key]
            else:
                first[key] = doc_id


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(ExactDedup)
