"""The documents a global stage's map phase keeps for its apply phase, between two segments.

They wait in the run directory (``data/seg<i>/shard-<s>.pkl``), never in memory, so that
any process can run the apply and a resumed run finds them: pickled ``(id, text, meta)``
tuples, in chunks sealed with the run's key (:mod:`corpuskit._run.sealed`); pickle writes
and reads them back in about three quarters of the time of JSON lines (docs/benchmarks.md).
Pickle keeps Python types that a JSON line would turn into others (a tuple into a list,
NaN into null); so a document whose meta holds anything but JSON's own types (dict with
str keys, list, str, int, finite float, bool, None) is saved as its JSON round trip: the
apply phase sees exactly the values it saw when the documents were saved as JSON lines.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpuskit._document import Document
from corpuskit._io import jsonl
from corpuskit._run.sealed import PickleWriter, read_pickles

__all__ = ["SavedDocuments", "read_saved"]

_CHUNK = 1024
"""Documents pickled together (one sealed chunk)."""

_SCALARS = (str, int, bool, type(None))


class SavedDocuments:
    """Saves one shard's documents for the next segment, in order."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._writer = PickleWriter(path, key)
        self._batch: list[tuple[str, str, dict[str, Any]]] = []
        self.count = 0

    def add(self, doc: Document) -> None:
        """Save ``doc`` (its JSON round trip where a JSON line would change a value); a chunk is written
        every :data:`_CHUNK` documents."""
        meta = doc.meta
        if type(doc) is Document and type(doc.id) is str and type(doc.text) is str and _plain_dict(meta):
            self._batch.append((doc.id, doc.text, meta))
        else:
            record = jsonl.loads(jsonl.dumps_line({"id": doc.id, "text": doc.text, "meta": meta}))
            self._batch.append((record["id"], record["text"], record["meta"]))
        if len(self._batch) == _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self._writer.dump(self._batch)
            self.count += len(self._batch)
            self._batch = []

    def finish(self) -> int:
        """Write what is pending; returns how many documents were saved."""
        self._flush()
        self._writer.close()
        return self.count

    def __enter__(self) -> SavedDocuments:
        return self

    def __exit__(self, *exc: object) -> None:
        self._writer.close()  # after finish(), or when the shard failed (what is pending is dropped)


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
