"""The part files of the dataset writers: Arrow record batches, each with its own schema.

A worker turns its shard's documents into record batches (the costly part, done in
parallel); the commit then reads every part's batches, settles one schema for the
output and writes the final file once. Each frame is ``<schema bytes> <batch bytes>``
behind two little-endian 64-bit lengths, so batches of one part may differ in schema
(a meta key typed in one batch and JSON text in the next) and the commit can read the
schemas alone, seeking past the data.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyarrow as pa

__all__ = ["read_frames", "read_schemas", "write_frame"]

_HEADER = struct.Struct("<QQ")


def write_frame(fh: IO[bytes], batch: pa.RecordBatch) -> None:
    """Append ``batch`` (with its schema) to the part file ``fh``."""
    schema = batch.schema.serialize()
    body = batch.serialize()
    fh.write(_HEADER.pack(schema.size, body.size))
    fh.write(memoryview(schema))
    fh.write(memoryview(body))


def read_schemas(path: Path) -> Iterator[pa.Schema]:
    """The schema of each frame of the part at ``path``, its data skipped."""
    with open(path, "rb") as fh:
        while header := fh.read(_HEADER.size):
            schema_size, body_size = _HEADER.unpack(header)
            yield pa.ipc.read_schema(pa.py_buffer(fh.read(schema_size)))
            fh.seek(body_size, 1)


def read_frames(path: Path) -> Iterator[pa.RecordBatch]:
    """The record batches of the part at ``path``, in the order they were written."""
    with open(path, "rb") as fh:
        while header := fh.read(_HEADER.size):
            schema_size, body_size = _HEADER.unpack(header)
            schema = pa.ipc.read_schema(pa.py_buffer(fh.read(schema_size)))
            yield pa.ipc.read_record_batch(pa.py_buffer(fh.read(body_size)), schema)
