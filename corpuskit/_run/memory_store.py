"""A global stage's phase data in memory, for documents the caller holds (``Pipeline.process``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from corpuskit._run.contracts import dumps_checked
from corpuskit._run.global_protocol import bucket_of, route_by_shard
from corpuskit._stages.kinds import Ref

__all__ = ["MemoryStore"]


class MemoryStore:
    """The :class:`~corpuskit._run.global_protocol.PhaseStore` kept in this process."""

    def __init__(self) -> None:
        self._keys: dict[tuple[int, int], list[tuple[Any, Any]]] = {}
        self._partials: dict[int, list[Any]] = {}
        self._decisions: dict[int, dict[str, list[tuple[int, Any]]]] = {}

    def key_writer(self, shard: int, buckets: int) -> _BucketLists:
        for key in [k for k in self._keys if k[0] == shard]:
            del self._keys[key]
        return _BucketLists(self._keys, shard, buckets)

    def bucket_items(self, bucket: int, shards: int) -> Iterator[tuple[Any, Any]]:
        for s in range(shards):
            yield from self._keys.get((s, bucket), ())

    def write_partials(self, bucket: int, partials: Iterable[Any]) -> int:
        kept = self._partials[bucket] = list(partials)
        dumps_checked(kept, "partials")  # they would cross processes in a run over files
        return len(kept)

    def partials(self, buckets: int) -> Iterator[Any]:
        for b in range(buckets):
            yield from self._partials.get(b, ())

    def write_decisions(self, name: str, pairs: Iterable[tuple[Ref, Any]]) -> int:
        by_shard, count = route_by_shard(pairs)
        for shard, items in by_shard.items():
            dumps_checked(items, "decisions")
            self._decisions.setdefault(shard, {})[name] = items
        return count

    def decisions(self, shard: int) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = {}
        named = self._decisions.get(shard, {})
        for name in sorted(named):
            for index, decision in named[name]:
                found.setdefault(index, []).append(decision)
        return found


class _BucketLists:
    """Routes a shard's keys into per-bucket lists."""

    def __init__(self, keys: dict[tuple[int, int], list[tuple[Any, Any]]], shard: int, buckets: int) -> None:
        self._keys = keys
        self._shard = shard
        self._buckets = buckets

    def add_all(self, pairs: list[tuple[Any, Any]], ref: Ref | None = None) -> None:
        dumps_checked(pairs, "keys")  # they would cross processes in a run over files
        for pair in pairs:
            self._keys.setdefault((self._shard, bucket_of(pair[0], self._buckets)), []).append(pair)

    def close(self) -> None:
        """Nothing is pending: every pair went to its list."""
