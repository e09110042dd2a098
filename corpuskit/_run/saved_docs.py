"""The documents a global stage's map phase keeps for its apply phase, between two segments.

Where the process that maps a shard is the one that will apply it (the ``serial``
executor: ``ShardTask.hold``), they wait in memory, while every run of the process
holds under :data:`HOLD_BUDGET` bytes together (estimated), so memory stays flat
however large the corpus; beyond it, and under every other executor, they wait in
the run directory (``data/seg<i>/shard-<s>.pkl``), so that any process can
run the apply and a resumed run finds them: pickled ``(id, text, meta)`` tuples, in
chunks sealed with the run's key (:mod:`corpuskit._run.sealed`); pickle writes and
reads them back in about three quarters of the time of JSON lines (docs/benchmarks.md).
Memory and pickle keep Python types that a JSON line would turn into others (a tuple
into a list, NaN into null); so a document whose meta holds anything but JSON's own
types (dict with str keys, list, str, int, finite float, bool, None) is kept as its
JSON round trip: the apply phase sees exactly the values it saw when the documents
were saved as JSON lines.
"""

from __future__ import annotations

import math
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpuskit._document import Document
from corpuskit._io import jsonl
from corpuskit._run.sealed import PickleWriter, read_pickles

__all__ = ["HOLD_BUDGET", "SavedDocuments", "forget_held", "read_saved", "take_held"]

HOLD_BUDGET = 32 << 20
"""Bytes of documents (estimated) that this process holds in memory between segments, all runs together."""

_CHUNK = 1024
"""Documents pickled together (one sealed chunk)."""

_SCALARS = (str, int, bool, type(None))


class SavedDocuments:
    """Saves one shard's documents for the next segment, in order: held in memory, else on disk.

    ``hold``: ``(run token, segment, shard)`` under which :func:`take_held` finds the
    documents if they fit in memory (None: always on disk).
    """

    def __init__(self, path: Path, key: bytes, hold: tuple[str, int, int] | None = None) -> None:
        self._path, self._key, self._hold = path, key, hold
        self._token = hold[0] if hold is not None else ""
        self._writer: PickleWriter | None = None
        self._batch: list[tuple[str, str, dict[str, Any]]] = []
        self._held: list[Document] = []
        self._held_bytes = 0
        self.count = 0
        self.held = False  # whether finish() left the documents in memory
        if hold is None:
            self._spill()

    def add(self, doc: Document) -> None:
        meta = doc.meta
        if not (type(doc) is Document and type(doc.id) is str and type(doc.text) is str and _plain_dict(meta)):
            record = jsonl.loads(jsonl.dumps_line({"id": doc.id, "text": doc.text, "meta": meta}))
            doc = Document(record["id"], record["text"], record["meta"])
        if self._writer is None:
            self._keep(doc)
            return
        self._batch.append((doc.id, doc.text, doc.meta))
        if len(self._batch) == _CHUNK:
            self._flush()

    def _keep(self, doc: Document) -> None:
        """Hold ``doc`` in memory, or move the shard to disk when the process's budget is spent.

        Memory is reserved a chunk of documents at a time, at the size of the chunk's first."""
        held = self._held
        if len(held) % _CHUNK == 0:
            size = _deep_size(doc) * _CHUNK
            if not _reserve(self._token, size):
                self._spill()
                self._batch.append((doc.id, doc.text, doc.meta))
                return
            self._held_bytes += size
        held.append(doc)

    def _spill(self) -> None:
        """From here on, the shard's documents go to disk: those held so far first."""
        self._writer = PickleWriter(self._path, self._key)
        held, self._held = self._held, []
        for start in range(0, len(held), _CHUNK):
            self._batch = [(doc.id, doc.text, doc.meta) for doc in held[start:start + _CHUNK]]
            self._flush()
        _release(self._token, self._held_bytes)
        self._held_bytes = 0

    def _flush(self) -> None:
        if self._batch:
            assert self._writer is not None
            self._writer.dump(self._batch)
            self.count += len(self._batch)
            self._batch = []

    def finish(self) -> int:
        """Write what is pending (or leave it held); returns how many documents were saved."""
        if self._writer is None:
            assert self._hold is not None
            with _LOCK:
                _HELD[self._hold] = (self._held, self._held_bytes)
            self._path.unlink(missing_ok=True)  # an earlier attempt's file is not this one's
            self.held, count, self._held, self._held_bytes = True, len(self._held), [], 0
            return count
        self._flush()
        self._writer.close()
        return self.count

    def __enter__(self) -> SavedDocuments:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()  # after finish(), or when the shard failed (what is pending is dropped)
        _release(self._token, self._held_bytes)  # a shard that failed while holding
        self._held, self._held_bytes = [], 0


_LOCK = threading.Lock()
_HELD: dict[tuple[str, int, int], tuple[list[Document], int]] = {}  # documents, their bytes
_RESERVED: dict[str, int] = {}  # bytes held per run (token)
_TOTAL = [0]  # every run of this process together


def _reserve(token: str, size: int) -> bool:
    with _LOCK:
        if _TOTAL[0] + size > HOLD_BUDGET:
            return False
        _TOTAL[0] += size
        _RESERVED[token] = _RESERVED.get(token, 0) + size
        return True


def _release(token: str, size: int) -> None:
    with _LOCK:
        size = min(size, _RESERVED.get(token, 0))
        _TOTAL[0] -= size
        _RESERVED[token] = _RESERVED.get(token, 0) - size


def take_held(hold: tuple[str, int, int], counter: list[int]) -> Iterator[Document] | None:
    """The documents a shard left in memory (handed over once, released as they are read;
    ``counter[0]`` counts them); None if it left none."""
    with _LOCK:
        entry = _HELD.pop(hold, None)
    if entry is None:
        return None
    return _handed_over(hold[0], *entry, counter)


def _handed_over(token: str, docs: list[Document], size: int, counter: list[int]) -> Iterator[Document]:
    per_chunk = size * _CHUNK // max(len(docs), 1)
    docs.reverse()
    while docs:
        counter[0] += 1
        yield docs.pop()
        if len(docs) % _CHUNK == 0:  # a chunk's bytes given back (all of the run's when it ends)
            _release(token, per_chunk)


def forget_held(run_token: str) -> None:
    """Drop what a run left in memory, and its reservation (it finished, or failed)."""
    with _LOCK:
        for key in [k for k in _HELD if k[0] == run_token]:
            del _HELD[key]
        _TOTAL[0] -= _RESERVED.pop(run_token, 0)


def read_saved(path: Path, key: bytes, counter: list[int] | None = None) -> Iterator[Document]:
    """The documents :class:`SavedDocuments` saved to ``path`` (``counter[0]`` counts them)."""
    for doc_id, text, meta in read_pickles(path, key):
        if counter is not None:
            counter[0] += 1
        yield Document(doc_id, text, meta)


def _plain_dict(value: dict[str, Any]) -> bool:
    """Whether ``value`` holds only what a JSON line gives back unchanged."""
    for key, item in value.items():
        if type(key) is not str:
            return False
        kind = type(item)
        if kind is str:
            continue
        if kind is dict:
            if not _plain_dict(item):
                return False
        elif not _plain(item):
            return False
    return True


def _deep_size(value: Any) -> int:
    """Bytes ``value`` takes in memory (an estimate: what two documents share counts twice)."""
    size = sys.getsizeof(value)
    if type(value) is Document:
        return size + sum(_deep_size(part) for part in (value.id, value.text, value.meta))
    if type(value) is dict:
        return size + sum(_deep_size(key) + _deep_size(item) for key, item in value.items())
    if type(value) is list:
        return size + sum(_deep_size(item) for item in value)
    return size


def _plain(value: Any) -> bool:
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is dict:
        return _plain_dict(value)
    if kind is list:
        return all(_plain(item) for item in value)
    return False
