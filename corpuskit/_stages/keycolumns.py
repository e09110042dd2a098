"""A global stage's keys as columns: what the map phase stores and the reduce reads.

The map phase of most global stages yields, per document, ``(key, (ref, value))``:
the document's :class:`~corpuskit._stages.kinds.Ref` travels in the value so that the
reduce can address it. Pickling a ``Ref`` per key, and reading it back, cost a Python
call per pair; stored as columns - keys, document indexes, values - a chunk of pairs
pickles as a few lists and one array, and the ``Ref`` is rebuilt from the chunk's shard
and the index only where a reduce asks for the pairs.

:class:`BucketItems` is what ``reduce(bucket, items, ctx)`` receives from a run over
files: an iterator of the same ``(key, value)`` pairs as ever, in input order, which
also offers its :meth:`BucketItems.chunks` to a reduce that reads the columns itself
(``exact_dedup`` does).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from corpuskit._stages.kinds import Ref

__all__ = ["BucketItems", "KeyChunk", "KeyColumns"]

_new_tuple = tuple.__new__


class KeyChunk:
    """Pairs of one shard in one bucket, as columns.

    ``keys[j]``, ``indexes[j]`` (the document's position in ``shard``) and ``values[j]``
    describe pair ``j``. Where ``implied`` is None, every pair's value was
    ``(Ref(shard, indexes[j]), values[j])``; else ``implied[j]`` says so per pair
    (0: ``values[j]`` is the value as the stage yielded it).
    """

    __slots__ = ("implied", "indexes", "keys", "shard", "values")

    def __init__(self, shard: int, keys: list[Any], indexes: array[int], values: list[Any],
                 implied: bytes | None) -> None:
        self.shard, self.keys, self.indexes, self.values, self.implied = shard, keys, indexes, values, implied

    def ref(self, j: int) -> Ref:
        """The Ref of pair ``j``'s document."""
        ref: Ref = _new_tuple(Ref, (self.shard, self.indexes[j]))
        return ref

    def pairs(self) -> Iterator[tuple[Any, Any]]:
        """The ``(key, value)`` pairs, equal to those the stage yielded."""
        shard, implied = self.shard, self.implied
        refs = (_new_tuple(Ref, (shard, index)) for index in self.indexes)
        if implied is None:
            yield from zip(self.keys, zip(refs, self.values, strict=True), strict=True)
            return
        for key, ref, value, flag in zip(self.keys, refs, self.values, implied, strict=True):
            yield key, ((ref, value) if flag else value)


class KeyColumns:
    """Collects one shard's pairs for one bucket as columns (see :class:`KeyChunk`)."""

    __slots__ = ("all_implied", "implied", "indexes", "keys", "values")

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.indexes: array[int] = array("q")
        self.values: list[Any] = []
        self.implied = bytearray()
        self.all_implied = True

    def add(self, key: Any, value: Any, ref: Ref | None) -> None:
        """One pair of the document at ``ref`` (None: the value is kept as it is)."""
        self.keys.append(key)
        self.indexes.append(ref[1] if ref is not None else -1)
        if ref is not None and type(value) is tuple and len(value) == 2 and value[0] is ref:
            self.values.append(value[1])
            self.implied.append(1)
        else:
            self.values.append(value)
            self.implied.append(0)
            self.all_implied = False

    def state(self) -> tuple[list[Any], array[int], list[Any], bytes | None]:
        """What is pickled: keys, indexes, values, and the per-pair flags unless every one is set."""
        return self.keys, self.indexes, self.values, None if self.all_implied else bytes(self.implied)


class BucketItems:
    """The ``(key, value)`` pairs of one bucket, shard by shard, read from column chunks.

    ``chunks`` yields ``(shard, state)`` as :meth:`KeyColumns.state` made them, read
    when reached, so the pairs stream. Read them one way: as pairs, or as chunks.
    """

    def __init__(self, chunks: Iterable[tuple[int, Any]]) -> None:
        self._source = iter(chunks)
        self._pairs = chain.from_iterable(KeyChunk(shard, *state).pairs() for shard, state in self._source)

    def chunks(self) -> Iterator[KeyChunk]:
        """The columns themselves, for a reduce that reads them instead of the pairs."""
        for shard, state in self._source:
            yield KeyChunk(shard, *state)

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return self._pairs

    def __next__(self) -> tuple[Any, Any]:
        return next(self._pairs)
