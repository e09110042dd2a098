"""``read_arrow``: Arrow IPC files and ``datasets.save_to_disk`` folders; record batches are the shards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.datasets.parquet_reader import COLUMNS, POSITIVE
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.lazy import lazy_module
from corpuskit._stages.records import DEFAULT_MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from corpuskit._stages.datasets import arrow_files, shards
else:  # pyarrow is imported when a pipeline first plans or reads Arrow files, not with corpuskit
    arrow_files = lazy_module("corpuskit._stages.datasets.arrow_files")
    shards = lazy_module("corpuskit._stages.datasets.shards")

__all__ = ["ReadArrow"]


@stage("read_arrow", kind="load", writes=["*"])
@attrs.frozen
class ReadArrow(Loader):
    """Reads one document per row of Arrow IPC files and of folders written by ``datasets``' ``save_to_disk``.

    A folder with ``state.json`` is read as its ``data-*.arrow`` files, in order (a
    ``DatasetDict`` folder: name one split's folder); both the IPC file format (with a
    footer) and the stream format ``datasets`` writes are read, with pyarrow alone.
    Columns map as in ``read_parquet``: ``text_field``, ``id_field`` (without an ``id``
    column: ``NAME:ROW``), every other column (or the listed ``columns``) to ``meta``.

    meta: the columns, and ``source`` = ``{"path", "batch", "row"}``. Record batches are
    the shards (grouped up to ``shard_size`` bytes). A file cut short or damaged, a
    column it lacks, a text column that is not a string, files whose columns differ:
    an error before any data is read, naming the file (and the last whole batch). A
    null text is rejected (``missing text``), a text over ``max_document_bytes`` too.
    """

    paths: tuple[str, ...] = param(
        doc="Arrow files, save_to_disk folders or glob patterns; fsspec URLs too (read whole while planning)",
        validator=attrs.validators.min_len(1),
    )
    text_field: str = param("text", doc="column holding the text")
    id_field: str = param("id", doc="column holding the id (without an 'id' column: NAME:ROW)")
    columns: tuple[str, ...] | None = param(None, doc="columns kept in meta (default: every other)",
                                            validator=COLUMNS)
    meta_field: str = param("meta", doc="a column of objects merged into meta (as read_jsonl's)")
    shard_size: int | None = param(
        None, doc="bytes of record batches per shard (default: the input split 4 ways per worker, 1-64 MiB)",
        validator=attrs.validators.optional(POSITIVE),
    )
    batch_size: int = param(4096, doc="rows turned into documents at a time (memory)", validator=POSITIVE)
    max_document_bytes: int = param(
        DEFAULT_MAX_DOCUMENT_BYTES, doc="longer texts are rejected (reason 'too large')", validator=POSITIVE,
    )

    def column_map(self) -> ColumnMap:
        return ColumnMap("read_arrow", self.text_field, self.id_field, self.columns)

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = arrow_files.arrow_files(self.paths)
        return shards.plan_files(files, self.column_map(), arrow_files.describe, self.shard_size, ctx)

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        return arrow_files.read_documents(shard, self.column_map(), self.meta_field, self.batch_size,
                                          self.max_document_bytes, ctx)
