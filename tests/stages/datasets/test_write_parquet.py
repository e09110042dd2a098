"""write_parquet: typed meta columns or one JSON column, read back into the same documents; atomic commit."""

from __future__ import annotations

import orjson
import pyarrow.parquet as pq
import pytest

from corpuskit import RunError
from corpuskit._io.jsonl import dumps_line
from tests.helpers import read_jsonl
from tests.stages.datasets.tables import run, without_source


def write_jsonl(path, records):
    path.write_bytes(b"".join(dumps_line(r) for r in records))  # integers beyond 64 bits too


CONSISTENT = [
    {"id": "a", "text": "Alpha text.", "meta": {"lang": "en", "n": 1, "tags": ["x"], "info": {"k": 1, "v": None}}},
    {"id": "b", "text": "Beta\ntext.", "meta": {"lang": "fr", "n": 2, "tags": [], "info": {"k": 2, "v": "w"}}},
    {"id": "c", "text": "", "meta": {"lang": None, "n": 3, "tags": ["y", "z"], "info": {"k": 3, "v": None}}},
]
VARYING = [
    {"id": "a", "text": "Alpha.", "meta": {"lang": "en", "title": "T"}},
    {"id": "b", "text": "Beta.", "meta": {"lang": "fr", "nested": {"deep": [1, {"x": 2}]}}},
    {"id": "c", "text": "Gamma.", "meta": {"big": 2**70, "f": 1.5}},
]


def round_trip(make_plugins, tmp_path, records, workers=1, **writer):
    """``records`` -> write_parquet(**writer) -> read_parquet: (records read back, the file's schema)."""
    write_jsonl(tmp_path / "in.jsonl", records)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"], "shard_size": 1}},
        {"write_parquet": {"path": "out.parquet", **writer}}, workers=workers, executor="local" if workers > 1
        else "serial")
    run(make_plugins, {"read_parquet": {"paths": ["out.parquet"]}}, {"write_jsonl": {"path": "back.jsonl"}})
    return read_jsonl(tmp_path / "back.jsonl"), pq.read_schema(tmp_path / "out.parquet")


def same_documents(back, records):
    assert [(r["id"], r["text"], without_source(r["meta"])) for r in back] == \
           [(r["id"], r["text"], r["meta"]) for r in records]


def test_consistent_meta_is_written_as_typed_columns_and_reads_back_the_same(make_plugins, tmp_path):
    back, schema = round_trip(make_plugins, tmp_path, CONSISTENT)
    same_documents(back, CONSISTENT)
    assert schema.names == ["id", "text", "lang", "n", "tags", "info", "source"]
    assert [str(schema.field(n).type) for n in ("lang", "n", "tags")] == ["string", "int64", "list<element: string>"]
    assert str(schema.field("info").type) == "struct<k: int64, v: string>"
    assert back[0]["meta"]["record"]["source"] == {"path": "in.jsonl", "line": 1}  # the written source, kept


def test_meta_whose_keys_vary_is_one_json_column_and_reads_back_the_same(make_plugins, tmp_path):
    back, schema = round_trip(make_plugins, tmp_path, VARYING)
    same_documents(back, VARYING)
    assert schema.names == ["id", "text", "meta"]
    assert back[2]["meta"]["big"] == 2**70
    raw = pq.read_table(tmp_path / "out.parquet").column("meta").to_pylist()
    assert orjson.loads(raw[0])["title"] == "T"


def test_json_layout_can_be_forced(make_plugins, tmp_path):
    back, schema = round_trip(make_plugins, tmp_path, CONSISTENT, meta_layout="json")
    same_documents(back, CONSISTENT)
    assert schema.names == ["id", "text", "meta"]


def test_columns_layout_can_be_forced_a_missing_key_reads_back_as_null(make_plugins, tmp_path):
    records = [{"id": "a", "text": "A.", "meta": {"lang": "en"}}, {"id": "b", "text": "B.", "meta": {"n": 2}}]
    back, schema = round_trip(make_plugins, tmp_path, records, meta_layout="columns")
    assert schema.names == ["id", "text", "lang", "source", "n"]
    assert [without_source(r["meta"]) for r in back] == [{"lang": "en", "n": None}, {"lang": None, "n": 2}]


def test_a_key_arrow_cannot_type_exactly_is_json_text_in_its_column(make_plugins, tmp_path):
    records = [{"id": str(i), "text": "t", "meta": {"mixed": value, "obj": obj}}
               for i, (value, obj) in enumerate([(1, {"a": 1}), ("two", {"b": 2}), (2**70, {"a": 3})])]
    back, schema = round_trip(make_plugins, tmp_path, records, meta_layout="columns")
    same_documents(back, records)
    assert str(schema.field("mixed").type) == "string" and str(schema.field("obj").type) == "string"


def test_shards_typed_apart_are_settled_into_one_schema(make_plugins, tmp_path):
    # one shard sees only nulls in 'lang' and ints in 'n', the other strings and floats: lang is
    # promoted to string, and n (ints and floats) is kept exactly as JSON text
    records = [{"id": str(i), "text": f"doc {i}", "meta": {"lang": None if i < 40 else "en",
                                                           "n": i if i < 40 else i + 0.5}} for i in range(80)]
    back, schema = round_trip(make_plugins, tmp_path, records, workers=2)
    same_documents(back, records)
    assert str(schema.field("lang").type) == "string" and str(schema.field("n").type) == "string"


def test_compression_row_groups_and_field_names(make_plugins, tmp_path):
    records = [{"id": str(i), "text": f"doc {i}", "meta": {"n": i}} for i in range(10)]
    write_jsonl(tmp_path / "in.jsonl", records)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}},
        {"write_parquet": {"path": "out.parquet", "row_group_size": 4, "id_field": "doc_id", "text_field": "body"}})
    meta = pq.ParquetFile(tmp_path / "out.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 2]
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert meta.schema.names[:2] == ["doc_id", "body"]
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}},
        {"write_parquet": {"path": "snappy.parquet", "compression": "snappy"}})
    assert pq.ParquetFile(tmp_path / "snappy.parquet").metadata.row_group(0).column(0).compression == "SNAPPY"


def test_no_documents_still_writes_a_file_with_the_id_and_text_columns(make_plugins, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}])
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}}, {"length_filter": {"min_words": 5}},
        {"write_parquet": {"path": "out.parquet"}})
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 0
    assert pq.read_schema(tmp_path / "out.parquet").names == ["id", "text", "meta"]


def test_a_failed_commit_leaves_the_previous_file(make_plugins, tmp_path, monkeypatch):
    from corpuskit._stages.datasets import parquet_parts

    write_jsonl(tmp_path / "in.jsonl", CONSISTENT)
    (tmp_path / "out.parquet").write_bytes(b"previous")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "out.parquet")

    monkeypatch.setattr(parquet_parts, "conform", broken)
    with pytest.raises(RunError, match="could not write its output: No space left on device"):
        run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_parquet": {"path": "out.parquet"}})
    assert (tmp_path / "out.parquet").read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.parquet")] == []


@pytest.mark.parametrize("text_bytes", [None, 50])
def test_row_groups_are_the_same_whatever_the_sharding(make_plugins, tmp_path, monkeypatch, text_bytes):
    from corpuskit._stages.datasets import parquet_parts

    if text_bytes:  # cut by the texts' size: 20-byte texts, a group ends at the row that reaches 50 bytes
        monkeypatch.setattr(parquet_parts, "ROW_GROUP_BYTES", text_bytes)
    write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": f"document number {i:03d}"} for i in range(30)])
    files = []
    for shard_size in (1, 100, 10_000):
        run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"], "shard_size": shard_size}},
            {"write_parquet": {"path": f"out-{shard_size}.parquet", "row_group_size": 7}})
        files.append((tmp_path / f"out-{shard_size}.parquet").read_bytes())
    assert files[0] == files[1] == files[2]
    meta = pq.ParquetFile(tmp_path / "out-1.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sizes == ([3] * 10 if text_bytes else [7, 7, 7, 7, 2])
