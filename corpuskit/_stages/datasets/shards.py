"""Planning the dataset loaders: every file's columns checked, its units grouped into shards.

A unit is what a file can be read by independently - a Parquet row group, an Arrow
record batch. Consecutive units of one file are grouped into shards of about
``shard_size`` bytes (the input split 4 ways per worker, 1-64 MiB, as ``read_jsonl``
splits lines), so one big file uses every worker and many tiny units do not make many
tiny tasks.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pyarrow as pa

from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap, check_same_columns
from corpuskit._stages.kinds import Shard
from corpuskit._stages.records import short_names

__all__ = ["plan_files"]

MiB = 1 << 20

Describe = Callable[[str], tuple[pa.Schema, list[int]]]
"""``path -> (schema, size in bytes of each unit)``; raises InputError for a file it cannot read."""


def plan_files(files: list[str], cmap: ColumnMap, describe: Describe, shard_size: int | None,
               ctx: StageContext) -> list[Shard]:
    """The shards of ``files``, each checked against ``cmap`` and against the first file's columns.

    A shard's ``start``/``end`` are unit indices of its file (``end`` exclusive).
    """
    names = short_names(files)
    first: tuple[str, pa.Schema] | None = None
    units: list[tuple[str, list[int]]] = []
    for path in files:
        schema, sizes = describe(path)
        cmap.check(schema.names, path)
        cmap.check_text_type(schema, path)
        if first is None:
            first = (path, schema)
        else:
            check_same_columns(cmap.stage, first, (path, schema), cmap.columns, (cmap.text_field, cmap.id_field))
        units.append((path, sizes))
    total = sum(sum(sizes) for _, sizes in units)
    size = shard_size or min(64 * MiB, max(MiB, total // max(1, 4 * int(ctx.options.get("workers", 1)))))
    return [attrs.evolve(shard, name=names[path]) for path, sizes in units for shard in _grouped(path, sizes, size)]


def _grouped(path: str, sizes: list[int], size: int) -> list[Shard]:
    """Consecutive units of ``path`` grouped into shards of about ``size`` bytes (at least one unit each)."""
    shards: list[Shard] = []
    start, weight = 0, 0
    for i, unit_size in enumerate(sizes):
        if i > start and weight + unit_size > size:
            shards.append(Shard(source=path, start=start, end=i, weight=weight))
            start, weight = i, 0
        weight += unit_size
    if sizes:
        shards.append(Shard(source=path, start=start, end=len(sizes), weight=weight))
    return shards
