"""Arrow record batches -> documents: the text, the id and JSON-able ``meta`` of each row.

Shared by ``read_parquet`` and ``read_arrow``. Values become what JSON can hold:
timestamps, dates and times as ISO strings, decimals as strings, durations as integers,
binary values as text (bytes that are not UTF-8 escaped as ``\\xNN``), maps as objects
(or ``[key, value]`` pairs when a key is not a string); nested structs and lists are
kept. A row whose text is null is rejected (``missing text``), one over
``max_document_bytes`` too (``too large``); both name the file, the row group (or
record batch) and the row.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import Any

import attrs
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from corpuskit._document import Document
from corpuskit._io import jsonl
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.records import PREVIEW_BYTES, SOURCE, record_meta, reject_too_large

__all__ = ["JSON_COLUMNS_KEY", "Position", "batch_documents", "json_columns", "plain_values"]

MISSING_TEXT = "missing text"
JSON_COLUMNS_KEY = b"corpuskit.json_columns"
"""Schema metadata of a file written by ``write_parquet``: the columns that hold JSON text."""


@attrs.frozen
class Position:
    """Where a batch sits: its file, the file's short name, and its row group or record batch.

    ``unit`` is ``row_group`` or ``batch``; ``first_row`` the batch's first row in the file.
    """

    path: str
    name: str
    unit: str
    index: int
    first_row: int

    def source(self, row: int) -> dict[str, Any]:
        return {"path": self.path, self.unit: self.index, "row": row}

    def where(self, row: int) -> str:
        return f"{self.path}: {self.unit.replace('_', ' ')} {self.index}, row {row}"


def json_columns(schema: pa.Schema) -> frozenset[str]:
    """The columns ``write_parquet`` stored as JSON text (from the schema's metadata)."""
    raw = (schema.metadata or {}).get(JSON_COLUMNS_KEY)
    return frozenset(orjson.loads(raw)) if raw else frozenset()


def batch_documents(batch: pa.RecordBatch, cmap: ColumnMap, meta_field: str, at: Position,
                    max_bytes: int, ctx: StageContext, decode: frozenset[str] = frozenset()) -> Iterator[Document]:
    """The documents of ``batch``; rows without text or over ``max_bytes`` are rejected.

    ``decode`` names columns holding JSON text (written so by ``write_parquet``): their
    values are parsed back. A ``meta_field`` column holding objects is merged into
    ``meta`` as ``read_jsonl`` merges a record's meta object.
    """
    names = batch.schema.names
    text_column = batch.column(cmap.text_field)
    texts = text_column.to_pylist()
    too_large = _over(text_column, max_bytes)
    ids = _ids(batch, cmap.id_field, at)
    meta_names = cmap.meta_names(names)
    values = [_values(batch.column(name), name in decode) for name in meta_names]
    rows = zip(*values, strict=True) if values else repeat(())
    numbers = range(at.first_row, at.first_row + batch.num_rows)
    if not (meta_field in meta_names or SOURCE in meta_names or too_large or text_column.null_count):
        # the common case, kept tight (1M rows go through here): each row's meta made in C, then its source
        path, unit, index = at.path, at.unit, at.index
        metas = map(dict, map(zip, repeat(meta_names), rows))
        for doc_id, text, row, meta in zip(ids, texts, numbers, metas, strict=False):
            meta[SOURCE] = {"path": path, unit: index, "row": row}
            yield Document(doc_id, text, meta)
        return
    for i, (doc_id, text, row, row_values) in enumerate(zip(ids, texts, numbers, rows, strict=False)):
        source = at.source(row)
        meta = record_meta(dict(zip(meta_names, row_values, strict=True)), cmap.id_field, cmap.text_field,
                           meta_field, source)
        if text is None:
            reason = f"{at.where(row)}: null '{cmap.text_field}'"
            ctx.reject(Document(doc_id, "", meta), MISSING_TEXT, reason)
        elif too_large is not None and i in too_large:
            data = text.encode("utf-8")
            reject_too_large(doc_id, source, len(data), data[:PREVIEW_BYTES], at.where(row), max_bytes, ctx)
        else:
            yield Document(doc_id, text, meta)


def _ids(batch: pa.RecordBatch, id_field: str, at: Position) -> list[str]:
    """The id of each row: the id column's value as a string, else ``NAME:ROW``."""
    rows = range(at.first_row, at.first_row + batch.num_rows)
    if id_field not in batch.schema.names:
        return [f"{at.name}:{row}" for row in rows]
    column = batch.column(id_field)
    values = column.to_pylist()
    if column.null_count == 0 and pa.types.is_string(column.type):
        return values  # type: ignore[no-any-return]
    return [f"{at.name}:{row}" if v is None else str(v) for v, row in zip(values, rows, strict=True)]


def _over(texts: pa.Array, limit: int) -> set[int] | None:
    """Rows whose text is over ``limit`` bytes (None when there is none: the common case)."""
    if pa.types.is_dictionary(texts.type):
        texts = texts.dictionary_decode()
    lengths = pc.binary_length(texts)
    longest = pc.max(lengths).as_py()
    if longest is None or longest <= limit:
        return None
    return {int(i) for i in pc.indices_nonzero(pc.greater(lengths, limit)).to_pylist()}


def _values(column: pa.Array, is_json: bool) -> list[Any]:
    values = plain_values(column)
    if is_json:
        return [None if v is None else jsonl.loads(v.encode("utf-8")) for v in values]
    return values


def plain_values(column: pa.Array | pa.ChunkedArray) -> list[Any]:
    """The values of ``column`` as JSON-able Python values (see the module's docstring)."""
    target = _jsonable_type(column.type)
    if not target.equals(column.type):
        column = column.cast(target)
    values: list[Any] = column.to_pylist()
    if _needs_python(target):
        return [_plain(v) for v in values]
    return values


def _jsonable_type(kind: pa.DataType) -> pa.DataType:
    """``kind`` with every type JSON cannot hold replaced by one Arrow can cast it to."""
    t = pa.types
    if t.is_dictionary(kind):
        return _jsonable_type(kind.value_type)
    if t.is_timestamp(kind) or t.is_date(kind) or t.is_time(kind) or t.is_decimal(kind):
        return pa.string()
    if t.is_duration(kind):
        return pa.int64()
    if t.is_float16(kind):
        return pa.float32()
    if t.is_struct(kind):
        return pa.struct([f.with_type(_jsonable_type(f.type)) for f in kind])
    if t.is_list(kind) or t.is_large_list(kind) or t.is_fixed_size_list(kind) or t.is_list_view(kind):
        return pa.list_(kind.value_field.with_type(_jsonable_type(kind.value_type)))
    return kind


def _needs_python(kind: pa.DataType) -> bool:
    """Whether values of ``kind`` need :func:`_plain` after ``to_pylist`` (binary, maps)."""
    t = pa.types
    if t.is_binary(kind) or t.is_large_binary(kind) or t.is_fixed_size_binary(kind) or t.is_binary_view(kind):
        return True
    if t.is_map(kind):
        return True
    if t.is_struct(kind):
        return any(_needs_python(f.type) for f in kind)
    if t.is_list(kind):
        return _needs_python(kind.value_type)
    return False


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(p, tuple) and len(p) == 2 for p in value):  # a map's (key, value) pairs
            if all(isinstance(k, str) for k, _ in value):
                return {k: _plain(v) for k, v in value}
            return [[_plain(k), _plain(v)] for k, v in value]
        return [_plain(v) for v in value]
    return value
