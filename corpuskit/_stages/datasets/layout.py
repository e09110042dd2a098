"""How documents become columns: ``meta`` keys as typed columns, or ``meta`` as one JSON column.

``meta_layout`` of ``write_parquet``:

* ``columns`` - each top-level meta key is a column, typed by Arrow (nested objects
  become structs, lists lists); a document without a key gets null there.
* ``json`` - one string column (``meta_field``) holding each document's meta as JSON.
* ``auto`` (default) - ``columns`` when every document has the same meta keys, else
  ``json``.

Within ``columns``, a key whose values Arrow cannot type exactly (mixed types, integers
beyond 64 bits, objects whose keys vary, numbers that are ints in one document and
floats in another) is stored as JSON text in its column, and named in the file's
schema metadata so ``read_parquet`` parses it back. Either way a file reads back into
the documents that were written.

Parts are typed batch by batch (:func:`documents_batch`, in the workers); the commit
settles the output's schema from every batch's (:func:`settle_schema`) and converts each
batch to it (:func:`conform`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import orjson
import pyarrow as pa

from corpuskit._io import jsonl
from corpuskit._stages.datasets.rows import JSON_COLUMNS_KEY, json_columns, plain_values

__all__ = ["Fields", "conform", "documents_batch", "settle_schema"]

LAYOUT_KEY = b"corpuskit.meta_layout"
_NESTED_VALUES = (dict, list, tuple)


@attrs.frozen
class Fields:
    """The names of the id, text and meta-JSON columns, and the chosen ``meta_layout``."""

    id: str
    text: str
    meta: str
    layout: str

    def json_schema(self) -> pa.Schema:
        return pa.schema([(self.id, pa.string()), (self.text, pa.string()), (self.meta, pa.string())],
                         metadata={LAYOUT_KEY: b"json", JSON_COLUMNS_KEY: orjson.dumps([self.meta])})


def documents_batch(ids: list[str], texts: list[str], metas: list[dict[str, Any]], fields: Fields) -> pa.RecordBatch:
    """One record batch of documents, ``meta`` typed as the layout says (see the module)."""
    head = [pa.array(ids, pa.string()), pa.array(texts, pa.string())]
    keys = _keys(metas, fields)
    if keys is None:
        return pa.RecordBatch.from_arrays([*head, _json_array(metas)], schema=fields.json_schema())
    arrays, names, as_json = [], [fields.id, fields.text], []
    for key in keys:
        values = [m.get(key) for m in metas]
        array = _typed(values)
        if array is None:
            array = _json_array(values)
            as_json.append(key)
        arrays.append(array)
        names.append(key)
    metadata = {LAYOUT_KEY: b"columns", JSON_COLUMNS_KEY: orjson.dumps(as_json)}
    schema = pa.schema([pa.field(n, a.type) for n, a in zip(names, head + arrays, strict=True)], metadata=metadata)
    return pa.RecordBatch.from_arrays(head + arrays, schema=schema)


def _keys(metas: list[dict[str, Any]], fields: Fields) -> list[str] | None:
    """The meta keys that become columns, in first-seen order; None for one JSON column."""
    if fields.layout == "json" or not metas:
        return None
    first = metas[0].keys()
    if all(m.keys() == first for m in metas):
        keys = list(first)
    elif fields.layout == "auto":
        return None
    else:
        keys = list(dict.fromkeys(k for m in metas for k in m))
    if {fields.id, fields.text, fields.meta} & set(keys):
        return None  # a key named like the id, text or meta column: only JSON keeps them apart
    return keys


def _typed(values: list[Any]) -> pa.Array | None:
    """``values`` as an Arrow array that gives them back exactly, or None."""
    try:
        array = _flat_struct(values)
        if array is not None:
            return array
        array = pa.array(values)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    kind = array.type
    if pa.types.is_floating(kind) and any(type(v) is int for v in values):
        return None  # 1 would come back as 1.0
    if _nested(kind) and _has_empty_struct(kind):
        return None
    if _nested(kind) and not _flat_objects_alike(values) and array.to_pylist() != values:
        return None  # keys that vary between objects would come back as nulls
    return array


def _flat_struct(values: list[Any]) -> pa.StructArray | None:
    """Objects with the keys of the first (strings, in any order) whose values are not nested:
    the struct ``pa.array`` would infer, built field by field (twice as fast: ``source`` is
    such an object in every document a loader reads); None for any other ``values``."""
    first = values[0] if values else None
    if type(first) is not dict or not first or not all(type(k) is str for k in first):
        return None
    keys = first.keys()
    if not all(type(v) is dict and v.keys() == keys for v in values):
        return None
    children = [pa.array([v[k] for v in values]) for k in keys]
    if any(_nested(child.type) for child in children):
        return None
    return pa.StructArray.from_arrays(children, names=list(keys))


def _flat_objects_alike(values: list[Any]) -> bool:
    """Whether ``values`` are objects (or nulls) with the same keys and no nested values: then
    Arrow's struct gives them back as they are, and the costly check is not needed."""
    keys = None
    for value in values:
        if value is None:
            continue
        if type(value) is not dict:
            return False
        if keys is None:
            keys = value.keys()
            if any(type(v) in _NESTED_VALUES for v in value.values()):
                return False
        elif value.keys() != keys:
            return False
    return True


def _nested(kind: pa.DataType) -> bool:
    return bool(pa.types.is_nested(kind))


def _has_empty_struct(kind: pa.DataType) -> bool:
    """Parquet cannot store a struct without fields (an empty object)."""
    if pa.types.is_struct(kind):
        return kind.num_fields == 0 or any(_has_empty_struct(f.type) for f in kind)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _has_empty_struct(kind.value_type)
    return False


def _json_array(values: Sequence[Any]) -> pa.Array:
    return pa.array([None if v is None else jsonl.dumps_line(v)[:-1].decode("utf-8") for v in values],
                    pa.string())


def settle_schema(schemas: list[pa.Schema], fields: Fields) -> pa.Schema:
    """The output's schema, from the schemas of all its batches (see the module)."""
    typed = [s for s in schemas if s.metadata and s.metadata.get(LAYOUT_KEY) == b"columns"]
    if fields.layout == "json" or len(typed) < len(schemas) or not schemas:
        return fields.json_schema()
    keysets = {tuple(s.names[2:]) for s in typed}
    if fields.layout == "auto" and len({frozenset(k) for k in keysets}) > 1:
        return fields.json_schema()
    order: dict[str, list[tuple[pa.DataType, bool]]] = {}
    for schema in typed:
        as_json = json_columns(schema)
        for f in list(schema)[2:]:
            order.setdefault(f.name, []).append((f.type, f.name in as_json))
    out = [pa.field(fields.id, pa.string()), pa.field(fields.text, pa.string())]
    json_names = []
    for name, kinds in order.items():
        kind = _unify([k for k, is_json in kinds]) if not any(is_json for _, is_json in kinds) else None
        if kind is None:
            json_names.append(name)
        out.append(pa.field(name, pa.string() if kind is None else kind))
    return pa.schema(out, metadata={LAYOUT_KEY: b"columns", JSON_COLUMNS_KEY: orjson.dumps(json_names)})


def _unify(kinds: list[pa.DataType]) -> pa.DataType | None:
    """The one type all ``kinds`` cast to without loss (nulls promote), or None."""
    try:
        unified = pa.unify_schemas([pa.schema([("x", k)]) for k in kinds], promote_options="permissive")
    except (pa.ArrowException, TypeError):
        return None
    kind = unified.field("x").type
    return kind if all(_fits(k, kind) for k in kinds) else None


def _fits(kind: pa.DataType, unified: pa.DataType) -> bool:
    """Whether values of ``kind`` come back the same from ``unified``: only nulls may have been promoted.

    Objects with other keys (struct fields a batch lacks would read back as nulls) and
    integers promoted to floats do not.
    """
    t = pa.types
    if t.is_null(kind):
        return True
    if t.is_struct(unified):
        return bool(t.is_struct(kind)) and sorted(f.name for f in kind) == sorted(f.name for f in unified) and all(
            _fits(f.type, unified.field(f.name).type) for f in kind)
    if t.is_list(unified) or t.is_large_list(unified):
        return bool(t.is_list(kind) or t.is_large_list(kind)) and _fits(kind.value_type, unified.value_type)
    if t.is_floating(unified):
        return bool(t.is_floating(kind))
    return True


def conform(batch: pa.RecordBatch, schema: pa.Schema, fields: Fields) -> pa.RecordBatch:
    """``batch`` in the output's ``schema``: columns cast, JSON-encoded or null-filled."""
    if batch.schema.equals(schema, check_metadata=True):
        return batch
    head = [batch.column(0), batch.column(1)]
    if schema.metadata.get(LAYOUT_KEY) == b"json":
        if batch.schema.metadata.get(LAYOUT_KEY) == b"json":
            return pa.RecordBatch.from_arrays([*head, batch.column(2)], schema=schema)
        return pa.RecordBatch.from_arrays([*head, _json_array(_metas(batch))], schema=schema)
    was_json, now_json = json_columns(batch.schema), json_columns(schema)
    arrays = head
    for f in list(schema)[2:]:
        if batch.schema.get_field_index(f.name) < 0:
            arrays.append(pa.nulls(batch.num_rows, f.type))
        elif f.name in now_json and f.name not in was_json:
            arrays.append(_json_array(plain_values(batch.column(f.name))))
        else:
            arrays.append(batch.column(f.name).cast(f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _metas(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The meta dicts of a batch typed as columns (JSON-text columns parsed back)."""
    as_json = json_columns(batch.schema)
    names = batch.schema.names[2:]
    columns = []
    for name in names:
        values = plain_values(batch.column(name))
        columns.append([None if v is None else jsonl.loads(v.encode()) for v in values] if name in as_json
                       else values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] if columns \
        else [{} for _ in range(batch.num_rows)]
