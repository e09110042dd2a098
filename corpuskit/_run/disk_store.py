"""A global stage's phase data on disk, in the run directory (every executor uses it).

Keys are pickled in chunks of columns (:mod:`corpuskit._stages.keycolumns`: keys,
document indexes, values, with no ``Ref`` per pair) to one file per shard and bucket,
partials to one file per bucket, decisions to one file per shard and producer (a bucket or the combine). Any
process that sees the run directory can run any phase, and a resumed run finds what
finished phases left.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from typing import Any

from corpuskit._run.contracts import Tracked, unpicklable
from corpuskit._run.global_protocol import bucket_of, route_by_shard
from corpuskit._run.rundir import RunDir
from corpuskit._run.sealed import PickleWriter, read_pickles, write_pickles
from corpuskit._stages.keycolumns import BucketItems, KeyChunk, KeyColumns
from corpuskit._stages.kinds import Ref

__all__ = ["DiskStore"]


class DiskStore:
    """The :class:`~corpuskit._run.global_protocol.PhaseStore` of one segment's global stage."""

    def __init__(self, rd: RunDir, segment: int) -> None:
        self.rd = rd
        self.segment = segment

    def key_writer(self, shard: int, buckets: int) -> _BucketFiles:
        return _BucketFiles(self.rd, self.segment, shard, buckets)

    def bucket_items(self, bucket: int, shards: int) -> BucketItems:
        return BucketItems(self._key_chunks(bucket, shards))

    def _key_chunks(self, bucket: int, shards: int) -> Iterator[tuple[int, Any]]:
        for s in range(shards):
            path = self.rd.keys(self.segment, s, bucket)
            if path.exists():
                for state in read_pickles(path, self.rd.key):
                    yield s, state

    def write_partials(self, bucket: int, partials: Iterable[Any]) -> int:
        tracked = Tracked(partials)
        try:
            return write_pickles(self.rd.partials(self.segment, bucket), tracked, self.rd.key)
        except OSError:
            raise
        except Exception as exc:
            if tracked.source_raised:
                raise
            raise unpicklable(list(tracked.recent), "partials", exc) from None

    def partials(self, buckets: int) -> Iterator[Any]:
        for b in range(buckets):
            path = self.rd.partials(self.segment, b)
            if path.exists():
                yield from read_pickles(path, self.rd.key)

    def write_decisions(self, name: str, pairs: Iterable[tuple[Ref, Any]]) -> int:
        by_shard, count = route_by_shard(pairs)
        for shard, items in by_shard.items():
            try:
                write_pickles(self.rd.decisions_dir(self.segment, shard) / f"{name}.pkl", items, self.rd.key)
            except OSError:
                raise
            except Exception as exc:
                raise unpicklable([decision for _, decision in items], "decisions", exc) from None
        return count

    def decisions(self, shard: int) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = {}
        directory = self.rd.decisions_dir(self.segment, shard)
        if not directory.exists():
            return found
        for path in sorted(directory.glob("*.pkl")):
            for index, decision in read_pickles(path, self.rd.key):
                found.setdefault(index, []).append(decision)
        return found

    def clear_reduce(self) -> None:
        """Forget partials and decisions of an earlier, unfinished reduce."""
        for name in ("partials", "decisions"):
            shutil.rmtree(self.rd.root / name / f"seg{self.segment}", ignore_errors=True)


class _BucketFiles:
    """Streams a shard's keys into one pickle file per bucket, in chunks of columns."""

    def __init__(self, rd: RunDir, segment: int, shard: int, buckets: int, chunk: int = 4096) -> None:
        self._rd, self._segment, self._shard = rd, segment, shard
        self._buckets = buckets
        self._chunk = chunk
        self._pending: dict[int, KeyColumns] = {}
        self._files: dict[int, PickleWriter] = {}
        shutil.rmtree(rd.keys(segment, shard, 0).parent, ignore_errors=True)

    def add_all(self, pairs: list[tuple[Any, Any]], ref: Ref | None = None) -> None:
        buckets, pending, chunk = self._buckets, self._pending, self._chunk
        for key, value in pairs:
            b = key % buckets if type(key) is int else bucket_of(key, buckets)
            columns = pending.get(b)
            if columns is None:
                columns = pending[b] = KeyColumns()
            columns.add(key, value, ref)
            if len(columns.keys) >= chunk:
                self._flush(b)

    def _flush(self, b: int) -> None:
        columns = self._pending.pop(b, None)
        if columns is None or not columns.keys:
            return
        writer = self._files.get(b)
        if writer is None:
            writer = self._files[b] = PickleWriter(self._rd.keys(self._segment, self._shard, b), self._rd.key)
        try:
            writer.dump([columns.state()])
        except OSError:
            raise
        except Exception as exc:
            raise unpicklable(list(KeyChunk(self._shard, *columns.state()).pairs()), "keys", exc) from None

    def close(self) -> None:
        for b in list(self._pending):
            self._flush(b)
        for fh in self._files.values():
            fh.close()
