"""``write_parquet``: the surviving documents as one Parquet file, committed atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.parquet_reader import POSITIVE
from corpuskit._stages.kinds import Exporter, param, stage
from corpuskit._stages.lazy import lazy_module
from corpuskit._stages.writers import (
    check_fields_differ,
    max_bytes_per_file_param,
    max_records_per_file_param,
    names_a_file,
    prepare_file_output,
)

if TYPE_CHECKING:
    from corpuskit._stages.datasets import layout, parquet_parts
else:  # pyarrow is imported when a pipeline first writes Parquet, not with corpuskit
    layout = lazy_module("corpuskit._stages.datasets.layout")
    parquet_parts = lazy_module("corpuskit._stages.datasets.parquet_parts")

__all__ = ["LAYOUTS", "WriteParquet"]

LAYOUTS = ("auto", "columns", "json")


@stage("write_parquet", kind="export", writes=[])
@attrs.frozen
class WriteParquet(Exporter):
    """Writes the surviving documents to one Parquet file (zstd by default).

    Columns: ``id``, ``text``, then ``meta`` as ``meta_layout`` says: ``auto`` (default)
    writes each meta key as its own typed column when every document has the same keys,
    else one JSON column ``meta``; ``columns`` and ``json`` force one or the other (a
    key Arrow cannot type exactly is kept as JSON text in its column). A file written
    here reads back with ``read_parquet`` into the same documents (docs/datasets.md).

    Each worker turns its shard into Arrow record batches (a part in the run directory);
    at the end the parts are written, in input order, to a temporary name next to
    ``path`` and renamed to it, so a crashed run never leaves a half file there.
    ``path`` may name document fields (``out/{meta.language}.parquet``), and
    ``max_records_per_file`` / ``max_bytes_per_file`` split the output into numbered
    files, as for every writer (docs/user-guide.md, "Outputs split by field"); the
    byte limit counts the documents as JSON lines, not the compressed Parquet bytes.
    ``path`` may be an fsspec URL. Writer: pyarrow.
    """

    path: str = param(doc="output file or fsspec URL (relative to the working directory); {meta.KEY} or {id} in "
                      "it splits the output by that field", validator=names_a_file)
    meta_layout: Literal["auto", "columns", "json"] = param(
        "auto", doc="auto: a typed column per meta key when every document has the same keys, else one JSON column",
        validator=attrs.validators.in_(LAYOUTS),
    )
    row_group_size: int = param(100_000, doc="rows per row group (at most ~128 MiB of data each)",
                                validator=POSITIVE)
    compression: Literal["zstd", "snappy", "gzip", "brotli", "lz4", "none"] = param(
        "zstd", doc="column compression codec"
    )
    compression_level: int | None = param(None, doc="codec level (default: the codec's own)")
    id_field: str = param("id", doc="column for the id")
    text_field: str = param("text", doc="column for the text")
    meta_field: str = param("meta", doc="column for the meta JSON (json layout)")
    max_records_per_file: int | None = max_records_per_file_param()
    max_bytes_per_file: int | None = max_bytes_per_file_param()

    def __attrs_post_init__(self) -> None:
        check_fields_differ([("id_field", self.id_field), ("text_field", self.text_field),
                             ("meta_field", self.meta_field)])

    def options(self) -> parquet_parts.ParquetOptions:
        fields = layout.Fields(self.id_field, self.text_field, self.meta_field, self.meta_layout)
        return parquet_parts.ParquetOptions(fields, self.row_group_size, self.compression, self.compression_level)

    def outputs(self) -> dict[str, str]:
        return {"path": self.path}

    def prepare_output(self, ctx: StageContext) -> None:
        """Before the run: create the output's directory and check it is writable (OSError if not)."""
        prepare_file_output(self.path, "write_parquet.path")

    def open_part(self, path: Path, ctx: StageContext) -> parquet_parts.ParquetPartWriter:
        return parquet_parts.ParquetPartWriter(path, self.options().fields, self.row_group_size)

    def commit(self, parts: list[Path], ctx: StageContext) -> list[str]:
        parquet_parts.combine_parquet(parts, self.path, self.options())
        return [self.path]
