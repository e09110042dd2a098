"""Dataset stages on fsspec URLs: Parquet and Arrow read from, and Parquet and CSV written to, memory://."""

from __future__ import annotations

import io

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.stages.datasets.tables import run, table

fsspec = pytest.importorskip("fsspec")


def test_parquet_and_arrow_from_urls_to_parquet_and_csv_urls(make_plugins, mem):
    fs, base = mem
    data = table(6)
    buf = io.BytesIO()
    pq.write_table(data, buf, row_group_size=2)
    fs.pipe_file(f"{base}/in/a.parquet", buf.getvalue())
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as out:
        out.write_table(data)
    fs.pipe_file(f"{base}/in/b.arrow", sink.getvalue().to_pybytes())
    run(make_plugins, {"read_parquet": {"paths": [f"{base}/in/*.parquet"], "shard_size": 1}},
        {"read_arrow": {"paths": [f"{base}/in/b.arrow"]}},
        {"write_parquet": {"path": f"{base}/out/all.parquet"}}, {"write_csv": {"path": f"{base}/out/all.csv"}})
    back = pq.read_table(io.BytesIO(fs.cat_file(f"{base}/out/all.parquet")))
    assert back.column("id").to_pylist() == data.column("id").to_pylist() * 2
    # the two loaders' sources have different keys: the column holds them exactly, as JSON text
    sources = [orjson.loads(s) for s in back.column("source").to_pylist()]
    assert sources[0] == {"path": f"{base}/in/a.parquet", "row_group": 0, "row": 0}
    assert sources[6] == {"path": f"{base}/in/b.arrow", "batch": 0, "row": 0}
    assert fs.cat_file(f"{base}/out/all.csv").decode().startswith("id,text,meta\nd0,Text number 0.,")
