"""Datasets in and out: Parquet, CSV/TSV and Arrow (``datasets.save_to_disk``) files (one builtin plugin)."""

from __future__ import annotations

from typing import Any

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.datasets.arrow_reader import ReadArrow
from corpuskit._stages.datasets.csv_reader import ReadCsv
from corpuskit._stages.datasets.csv_writer import WriteCsv
from corpuskit._stages.datasets.parquet_reader import ReadParquet
from corpuskit._stages.datasets.parquet_writer import WriteParquet

__all__ = ["ReadArrow", "ReadCsv", "ReadParquet", "WriteCsv", "WriteParquet"]


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(ReadParquet)
    registry.add(WriteParquet)
    registry.add(ReadCsv)
    registry.add(WriteCsv)
    registry.add(ReadArrow)
