"""``read_parquet``: one document per row of Parquet files; row groups are the shards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.lazy import lazy_module
from corpuskit._stages.readers import expand_paths
from corpuskit._stages.records import DEFAULT_MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from corpuskit._stages.datasets import parquet_files, shards
else:  # pyarrow is imported when a pipeline first plans or reads Parquet, not with corpuskit
    parquet_files = lazy_module("corpuskit._stages.datasets.parquet_files")
    shards = lazy_module("corpuskit._stages.datasets.shards")

__all__ = ["COLUMNS", "POSITIVE", "ReadParquet"]

POSITIVE = attrs.validators.ge(1)
COLUMNS = attrs.validators.optional(attrs.validators.deep_iterable(attrs.validators.instance_of(str)))


@stage("read_parquet", kind="load", writes=["*"])
@attrs.frozen
class ReadParquet(Loader):
    """Reads one document per row of Parquet files (the Hugging Face hub's ``data/*.parquet`` layout).

    ``text_field`` is the text; ``id_field`` the id (a file without an ``id`` column gets
    stable ids ``NAME:ROW``, NAME the file's short name, ROW counted from 0 in the file).
    Every other column goes to ``meta`` (only those listed in ``columns``, if given);
    nested and list columns stay JSON-able values, timestamps become ISO strings. A
    ``meta_field`` column of objects is merged into ``meta``, as ``read_jsonl`` does,
    and a file written by ``write_parquet`` reads back into the documents it was given.

    meta: the columns, and ``source`` = ``{"path", "row_group", "row"}``. Row groups are
    the shards (grouped up to ``shard_size`` bytes), so one big file uses every worker;
    each is streamed in record batches of ``batch_size`` rows. A column that a file lacks,
    a text column that is not a string, a damaged footer, or files of one glob whose
    columns differ stop the run before any data is read, naming the file. A null text is
    rejected (reason ``missing text``), a text over ``max_document_bytes`` too (``too
    large``), with file, row group and row. Reader: pyarrow.
    """

    paths: tuple[str, ...] = param(
        doc="files, directories or glob patterns (** recurses); fsspec URLs (s3://...) too",
        validator=attrs.validators.min_len(1),
    )
    text_field: str = param("text", doc="column holding the text")
    id_field: str = param("id", doc="column holding the id (without an 'id' column: NAME:ROW)")
    columns: tuple[str, ...] | None = param(None, doc="columns kept in meta (default: every other)",
                                            validator=COLUMNS)
    meta_field: str = param("meta", doc="a column of objects merged into meta (as read_jsonl's)")
    shard_size: int | None = param(
        None, doc="bytes of row groups per shard (default: the input split 4 ways per worker, 1-64 MiB)",
        validator=attrs.validators.optional(POSITIVE),
    )
    batch_size: int = param(4096, doc="rows decoded at a time (memory)", validator=POSITIVE)
    max_document_bytes: int = param(
        DEFAULT_MAX_DOCUMENT_BYTES, doc="longer texts are rejected (reason 'too large')", validator=POSITIVE,
    )

    def column_map(self) -> ColumnMap:
        return ColumnMap("read_parquet", self.text_field, self.id_field, self.columns)

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = expand_paths(self.paths, "read_parquet")
        return shards.plan_files(files, self.column_map(), parquet_files.describe, self.shard_size, ctx)

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        return parquet_files.read_documents(shard, self.column_map(), self.meta_field, self.batch_size,
                                            self.max_document_bytes, ctx)
