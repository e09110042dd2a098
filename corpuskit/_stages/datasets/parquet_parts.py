"""The parts of ``write_parquet`` (documents as record batches) and the commit that joins them into one file."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from corpuskit._document import Document
from corpuskit._io.files import atomic_write
from corpuskit._stages.datasets.frames import read_frames, read_schemas, write_frame
from corpuskit._stages.datasets.layout import Fields, conform, documents_batch, settle_schema

__all__ = ["ParquetOptions", "ParquetPartWriter", "combine_parquet"]

_ROW_GROUP_BYTES = 128 << 20  # a row group holds at most about this much, whatever row_group_size says


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
        if len(self._ids) >= self._rows or self._bytes >= _ROW_GROUP_BYTES:
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

    The schema is settled from every batch's first (:func:`settle_schema`); row groups
    gather batches up to ``row_group_size`` rows. Written under a temporary name and moved
    into place (:func:`corpuskit._io.files.atomic_write`).
    """
    schema = settle_schema([s for part in parts for s in read_schemas(part)], options.fields)

    def write(raw: IO[bytes]) -> None:
        level = options.compression_level
        with pq.ParquetWriter(raw, schema, compression=options.compression, compression_level=level) as out:
            pending: list[pa.RecordBatch] = []
            rows = size = 0
            for part in parts:
                for batch in read_frames(part):
                    pending.append(conform(batch, schema, options.fields))
                    rows, size = rows + batch.num_rows, size + batch.nbytes
                    if rows >= options.row_group_size or size >= _ROW_GROUP_BYTES:
                        out.write_table(pa.Table.from_batches(pending, schema), row_group_size=rows)
                        pending, rows, size = [], 0, 0
            if pending:
                out.write_table(pa.Table.from_batches(pending, schema), row_group_size=rows)

    atomic_write(final, write)
