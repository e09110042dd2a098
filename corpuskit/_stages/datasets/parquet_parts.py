"""The parts of ``write_parquet`` (documents as record batches) and the commit that joins them into one file."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from pathlib import Path
from typing import IO, Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpuskit._document import Document
from corpuskit._io.files import atomic_write
from corpuskit._stages.datasets.frames import read_frames, read_schemas, write_frame
from corpuskit._stages.datasets.layout import Fields, conform, documents_batch, settle_schema

__all__ = ["ROW_GROUP_BYTES", "ParquetOptions", "ParquetPartWriter", "RowGroups", "combine_parquet"]

ROW_GROUP_BYTES = 128 << 20
"""A row group holds texts of at most about this many bytes, whatever ``row_group_size`` says."""


@attrs.frozen
class ParquetOptions:
    """How the final file is written: columns, row groups and compression."""

    fields: Fields
    row_group_size: int
    compression: str
    compression_level: int | None


class ParquetPartWriter:
    """Turns one shard's documents into record batches of at most ``rows`` rows (a frames part)."""

    def __init__(self, path: Path, fields: Fields, rows: int) -> None:
        self._fh: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._fields, self._rows = fields, rows
        self._ids: list[str] = []
        self._texts: list[str] = []
        self._metas: list[dict[str, Any]] = []
        self._bytes = 0

    def write(self, doc: Document) -> None:
        self._ids.append(doc.id)
        self._texts.append(doc.text)
        self._metas.append(doc.meta)
        self._bytes += len(doc.text)
        if len(self._ids) >= self._rows or self._bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._ids:
            write_frame(self._fh, documents_batch(self._ids, self._texts, self._metas, self._fields))
        self._ids, self._texts, self._metas, self._bytes = [], [], [], 0

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._fh.close()


def combine_parquet(parts: list[Path], final: Path | str, options: ParquetOptions) -> None:
    """Write the documents of ``parts`` (frames files), in order, as one Parquet file at ``final``.

    The schema is settled from every batch's (:func:`settle_schema`); row groups are cut
    by :class:`RowGroups`. Written under a temporary name and moved into place
    (:func:`corpuskit._io.files.atomic_write`).
    """
    schema = settle_schema([s for part in parts for s in read_schemas(part)], options.fields)

    def write(raw: IO[bytes]) -> None:
        level = options.compression_level
        with pq.ParquetWriter(raw, schema, compression=options.compression, compression_level=level) as out:
            groups = RowGroups(out, schema, options.row_group_size)
            for part in parts:
                for batch in read_frames(part):
                    groups.add(conform(batch, schema, options.fields))
            groups.flush()

    atomic_write(final, write)


class RowGroups:
    """Cuts documents, in order, into row groups of ``rows`` rows - fewer where their texts
    reach :data:`ROW_GROUP_BYTES` - and writes each: the cuts depend on the documents alone,
    never on how the input was sharded, so every executor and worker count writes the same bytes.
    """

    def __init__(self, out: pq.ParquetWriter, schema: pa.Schema, rows: int) -> None:
        self._out, self._schema, self._limit = out, schema, rows
        self._pending: list[pa.RecordBatch] = []
        self._rows = self._bytes = 0

    def add(self, batch: pa.RecordBatch) -> None:
        sizes = [0, *accumulate(pc.binary_length(batch.column(1)).fill_null(0).to_pylist())]
        start = 0
        while start < batch.num_rows:
            end = min(batch.num_rows, start + self._limit - self._rows)
            if self._bytes + sizes[end] - sizes[start] >= ROW_GROUP_BYTES:  # cut at the row that reaches it
                end = bisect_left(sizes, ROW_GROUP_BYTES - self._bytes + sizes[start], start + 1, end + 1)
            self._pending.append(batch.slice(start, end - start))
            self._rows += end - start
            self._bytes += sizes[end] - sizes[start]
            start = end
            if self._rows >= self._limit or self._bytes >= ROW_GROUP_BYTES:
                self.flush()

    def flush(self) -> None:
        if self._rows:
            self._out.write_table(pa.Table.from_batches(self._pending, self._schema), row_group_size=self._rows)
        self._pending, self._rows, self._bytes = [], 0, 0
