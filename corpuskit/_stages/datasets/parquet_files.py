"""Reading Parquet files: the footer (schema, row groups), and row groups as documents."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpuskit._document import Document
from corpuskit._errors import DataError, InputError
from corpuskit._io.files import open_binary
from corpuskit._io.remote import is_url
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.datasets.rows import Position, batch_documents, json_columns
from corpuskit._stages.kinds import Shard

__all__ = ["describe", "open_parquet", "read_documents"]


@contextmanager
def open_parquet(path: str, stage_name: str) -> Iterator[pq.ParquetFile]:
    """The Parquet file at ``path`` (local or URL), its footer read; InputError if it is not one."""
    raw = open_binary(path) if is_url(path) else None
    try:
        try:
            pf = pq.ParquetFile(raw if raw is not None else path)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"'{path}' is not a readable Parquet file: {exc}", key=f"{stage_name}.paths",
                             hint="a damaged footer means the file was cut short or is not Parquet; "
                                  "copy it again, or leave it out of the glob") from None
        try:
            yield pf
        finally:
            pf.close()
    finally:
        if raw is not None:
            raw.close()


def read_documents(shard: Shard, cmap: ColumnMap, meta_field: str, batch_size: int, max_bytes: int,
                   ctx: StageContext) -> Iterator[Document]:
    """The documents of a shard's row groups, streamed ``batch_size`` rows at a time."""
    name = shard.name or shard.source
    with open_parquet(shard.source, "read_parquet") as pf:
        meta = pf.metadata
        starts = [0, *accumulate(meta.row_group(i).num_rows for i in range(meta.num_row_groups))]
        decode = json_columns(pf.schema_arrow)
        columns = cmap.read_names(pf.schema_arrow.names)
        for group in range(shard.start, meta.num_row_groups if shard.end is None else shard.end):
            row = starts[group]
            for batch in _batches(pf, group, columns, batch_size, shard.source):
                at = Position(shard.source, name, "row_group", group, row)
                yield from batch_documents(batch, cmap, meta_field, at, max_bytes, ctx, decode)
                row += batch.num_rows


def describe(path: str) -> tuple[pa.Schema, list[int]]:
    with open_parquet(path, "read_parquet") as pf:
        meta = pf.metadata
        return pf.schema_arrow, [meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)]


def _batches(pf: pq.ParquetFile, group: int, columns: list[str], batch_size: int, path: str) -> Iterator[Any]:
    """The record batches of one row group; a damaged one is a DataError naming file and row group."""
    batches = pf.iter_batches(batch_size=batch_size, row_groups=[group], columns=columns, use_threads=False)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as exc:
            raise DataError(f"{path}: row group {group} cannot be read: {exc}",
                            hint="the file is damaged: copy it again, or leave it out of the input") from None
        yield batch
