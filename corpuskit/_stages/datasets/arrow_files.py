"""Reading Arrow IPC files and streams, and the data files of a ``datasets.save_to_disk`` folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import pyarrow as pa

from corpuskit._document import Document
from corpuskit._errors import InputError
from corpuskit._io.files import open_binary
from corpuskit._io.remote import is_url
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.datasets.rows import Position, batch_documents
from corpuskit._stages.kinds import Shard
from corpuskit._stages.readers import expand_paths

__all__ = ["ArrowBatches", "arrow_files", "describe", "open_arrow", "read_documents"]

_FILE_MAGIC = b"ARROW1"
_HINT = "the file was cut short or is not an Arrow file: copy it again, or leave it out of the input"


def arrow_files(patterns: tuple[str, ...]) -> list[str]:
    """The Arrow files of ``patterns``: a ``save_to_disk`` folder gives its ``data-*.arrow`` files in order."""
    files: list[str] = []
    for pattern in patterns:
        if not is_url(pattern) and os.path.isdir(pattern):
            files.extend(_saved_dataset(pattern))
        else:
            files.extend(expand_paths((pattern,), "read_arrow"))
    return files


def _saved_dataset(folder: str) -> list[str]:
    """The data files of a folder written by ``Dataset.save_to_disk``, as its state.json lists them."""
    def load(name: str) -> Any:
        with open(os.path.join(folder, name), "rb") as fh:
            return orjson.loads(fh.read())

    if os.path.isfile(os.path.join(folder, "dataset_dict.json")):
        splits = load("dataset_dict.json").get("splits", [])
        raise InputError(f"'{folder}' holds a DatasetDict (splits: {', '.join(splits)}): name one split's folder",
                         key="read_arrow.paths",
                         hint=f"paths: [{os.path.join(folder, splits[0] if splits else 'train')}]")
    if os.path.isfile(os.path.join(folder, "state.json")):
        listed = [entry["filename"] for entry in load("state.json").get("_data_files", [])]
        return [os.path.join(folder, name) for name in listed]
    found = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith((".arrow", ".feather", ".ipc")))
    if not found:
        raise InputError(f"folder '{folder}' holds no .arrow file and no state.json", key="read_arrow.paths",
                         hint="name a folder written by datasets' save_to_disk, or the .arrow files themselves")
    return found


class ArrowBatches:
    """The record batches of an Arrow IPC file (with a footer) or stream (``datasets``' files).

    Local files are memory-mapped, so counting and skipping batches reads no data. A
    file cut short is an :class:`InputError` naming it and the last whole batch.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._source: Any = open_binary(path) if is_url(path) else pa.memory_map(path)
        try:
            self._file = self._source.read(len(_FILE_MAGIC)) == _FILE_MAGIC
            self._source.seek(0)
            if self._file:
                self._reader: Any = pa.ipc.open_file(self._source)
                self.schema = self._reader.schema
            else:
                self._reader = pa.ipc.open_stream(self._source)
                self.schema = self._reader.schema
        except (pa.ArrowException, OSError) as exc:
            self.close()
            raise InputError(f"'{path}' is not a readable Arrow file: {exc}", key="read_arrow.paths",
                             hint=_HINT) from None

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        count = self._reader.num_record_batches if self._file else None
        index = 0
        while count is None or index < count:
            try:
                batch = self._reader.get_batch(index) if self._file else self._reader.read_next_batch()
            except StopIteration:
                return
            except (pa.ArrowException, OSError) as exc:
                raise InputError(f"'{self.path}' is damaged or cut short after record batch {index - 1}: {exc}",
                                 key="read_arrow.paths", hint=_HINT) from None
            yield batch
            index += 1

    def close(self) -> None:
        self._source.close()


@contextmanager
def open_arrow(path: str) -> Iterator[ArrowBatches]:
    batches = ArrowBatches(path)
    try:
        yield batches
    finally:
        batches.close()


def describe(path: str) -> tuple[pa.Schema, list[int]]:
    with open_arrow(path) as batches:
        return batches.schema, [batch.nbytes for batch in batches]


def read_documents(shard: Shard, cmap: ColumnMap, meta_field: str, batch_size: int, max_bytes: int,
                   ctx: StageContext) -> Iterator[Document]:
    """The documents of a shard's record batches, ``batch_size`` rows at a time."""
    name = shard.name or shard.source
    row = 0
    with open_arrow(shard.source) as batches:
        names = cmap.read_names(batches.schema.names)
        for index, batch in enumerate(batches):
            if shard.end is not None and index >= shard.end:
                break
            if index >= shard.start:
                batch = batch.select(names)
                for offset in range(0, batch.num_rows, batch_size):
                    at = Position(shard.source, name, "batch", index, row + offset)
                    part = batch.slice(offset, batch_size)
                    yield from batch_documents(part, cmap, meta_field, at, max_bytes, ctx)
            row += batch.num_rows
