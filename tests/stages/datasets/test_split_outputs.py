"""write_parquet and write_csv through the generic split of outputs: a path template and numbered files."""

from __future__ import annotations

import pyarrow.parquet as pq

from tests.helpers import write_jsonl
from tests.stages.datasets.tables import run

RECORDS = [{"id": f"d{i}", "text": f"Text {i}.", "meta": {"language": "en" if i % 3 else "fr", "n": i}}
           for i in range(10)]


def test_write_parquet_splits_by_a_meta_field_and_each_file_reads_back(make_plugins, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", RECORDS)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"], "shard_size": 1}},
        {"write_parquet": {"path": "out/{meta.language}/part.parquet"}}, workers=2, executor="local")
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "out").rglob("*.parquet"))
    assert files == ["out/en/part.parquet", "out/fr/part.parquet"]
    fr = pq.read_table(tmp_path / "out/fr/part.parquet")
    assert fr.column("id").to_pylist() == ["d0", "d3", "d6", "d9"]
    assert fr.schema.names == ["id", "text", "language", "n", "source"]


def test_write_csv_splits_into_numbered_files_each_with_its_header(make_plugins, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", RECORDS)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}},
        {"write_csv": {"path": "out/{meta.language}.csv", "max_records_per_file": 3, "meta_json": False}})
    files = sorted(p.name for p in (tmp_path / "out").glob("*.csv"))
    assert files == ["en-00000.csv", "en-00001.csv", "fr-00000.csv", "fr-00001.csv"]
    assert (tmp_path / "out" / "fr-00001.csv").read_text() == "id,text\nd9,Text 9.\n"
