"""Small Parquet, Arrow and CSV inputs for the dataset stage tests, built with pyarrow (no download)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpuskit import Pipeline


def table(n: int = 6, **extra: list) -> pa.Table:
    """``n`` rows: id, text, lang and score columns (plus ``extra`` columns)."""
    columns = {"id": [f"d{i}" for i in range(n)], "text": [f"Text number {i}." for i in range(n)],
               "lang": ["en" if i % 2 else "fr" for i in range(n)], "score": [i / 2 for i in range(n)], **extra}
    return pa.table(columns)


def write_parquet(path: Path, data: pa.Table, row_group_size: int = 2) -> Path:
    pq.write_table(data, path, row_group_size=row_group_size)
    return path


def run(make_plugins, *stages, workers: int = 1, executor: str = "serial"):
    """A pipeline of ``stages`` (NAME or {NAME: params}) run in the working directory."""
    return Pipeline.from_dict({"stages": list(stages)}, plugins=make_plugins()).run(executor=executor,
                                                                                     workers=workers)


def without_source(meta: dict) -> dict:
    """``meta`` without what a loader sets (``source``) and keeps of an earlier one (``record``)."""
    return {k: v for k, v in meta.items() if k not in ("source", "record")}
