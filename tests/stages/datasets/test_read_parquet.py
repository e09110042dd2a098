"""read_parquet: column mapping, ids, row groups as shards, and bad input named by file and row group."""

from __future__ import annotations

import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpuskit import DataError, InputError, Pipeline
from tests.helpers import read_jsonl
from tests.stages.datasets.tables import run, table, write_parquet


def read(make_plugins, tmp_path, workers=1, **params):
    params.setdefault("paths", ["in.parquet"])
    result = run(make_plugins, {"read_parquet": params}, {"write_jsonl": {"path": "out.jsonl"}}, workers=workers)
    return read_jsonl(tmp_path / "out.jsonl"), result


def test_columns_map_to_id_text_and_meta(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(3))
    records, _ = read(make_plugins, tmp_path)
    assert records[1] == {"id": "d1", "text": "Text number 1.", "meta": {
        "lang": "en", "score": 0.5, "source": {"path": "in.parquet", "row_group": 0, "row": 1}}}


def test_listed_columns_only_and_other_field_names(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(2).rename_columns(["key", "body", "lang", "score"]))
    records, _ = read(make_plugins, tmp_path, text_field="body", id_field="key", columns=["lang"])
    assert [(r["id"], r["text"], sorted(r["meta"])) for r in records] == [
        ("d0", "Text number 0.", ["lang", "source"]), ("d1", "Text number 1.", ["lang", "source"])]


def test_without_an_id_column_ids_are_file_and_row(make_plugins, tmp_path):
    write_parquet(tmp_path / "train-0.parquet", table(3).drop_columns(["id"]))
    records, _ = read(make_plugins, tmp_path, paths=["train-0.parquet"])
    assert [r["id"] for r in records] == ["train-0:0", "train-0:1", "train-0:2"]


def test_nested_list_and_temporal_columns_become_json_values(make_plugins, tmp_path):
    data = table(2, tags=[["a", "b"], []], info=[{"k": 1, "v": "x"}, {"k": 2, "v": None}],
                 seen=pa.array([datetime.datetime(2024, 5, 1, 12, 0)] * 2),
                 blob=pa.array([b"raw", b"\xff"], pa.binary()),
                 attrs=pa.array([[("a", 1)], []], pa.map_(pa.string(), pa.int64())))
    write_parquet(tmp_path / "in.parquet", data)
    meta = read(make_plugins, tmp_path)[0][0]["meta"]
    assert meta["tags"] == ["a", "b"] and meta["info"] == {"k": 1, "v": "x"}
    assert meta["seen"] == "2024-05-01 12:00:00.000000"
    assert meta["blob"] == "raw" and meta["attrs"] == {"a": 1}


def test_row_groups_are_the_shards_and_every_executor_reads_the_same(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(40), row_group_size=5)
    pipeline = Pipeline.from_dict({"stages": [{"read_parquet": {"paths": ["in.parquet"], "shard_size": 1}},
                                              {"write_jsonl": {"path": "out.jsonl"}}]}, plugins=make_plugins())
    shards = pipeline.plan()
    assert [(s.start, s.end) for s in shards] == [(i, i + 1) for i in range(8)]
    serial = read(make_plugins, tmp_path, shard_size=1)[0]
    local = read(make_plugins, tmp_path, workers=2, shard_size=1)
    assert local[0] == serial and [r["meta"]["source"]["row"] for r in serial] == list(range(40))
    assert serial[7]["meta"]["source"]["row_group"] == 1


def test_a_missing_column_is_an_error_at_planning_with_a_suggestion(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(2).rename_columns(["id", "content", "lang", "score"]))
    with pytest.raises(InputError) as info:
        Pipeline.from_dict({"stages": [{"read_parquet": {"paths": ["in.parquet"], "text_field": "contents"}}]},
                           plugins=make_plugins()).plan()
    assert str(info.value) == ("<dict>: read_parquet.text_field: 'in.parquet' has no column 'contents' "
                               "(its columns: id, content, lang, score)\n"
                               "  hint: did you mean 'content'? set text_field to one of the file's columns")


def test_a_listed_column_that_is_missing_is_an_error(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(2))
    with pytest.raises(InputError, match=r"(?s)read_parquet.columns: 'in.parquet' has no column 'langs'.*"
                                         r"did you mean 'lang'"):
        read(make_plugins, tmp_path, columns=["langs"])


def test_a_text_column_that_is_not_strings_is_an_error(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(2).rename_columns(["id", "body", "lang", "text"]))
    with pytest.raises(InputError) as info:
        read(make_plugins, tmp_path)
    assert str(info.value) == ("<dict>: read_parquet.text_field: 'in.parquet': the text column 'text' holds "
                               "double, not strings\n  hint: name a string column with text_field "
                               "(string columns: id, body, lang)")


def test_a_null_text_is_rejected_with_file_row_group_and_row(make_plugins, tmp_path):
    data = table(3).set_column(1, "text", pa.array(["a", None, "c"]))
    write_parquet(tmp_path / "in.parquet", data, row_group_size=1)
    records, result = read(make_plugins, tmp_path)
    assert [r["id"] for r in records] == ["d0", "d2"]
    (reject,) = read_jsonl(result.rejects)
    assert (reject["reason"], reject["detail"]) == ("missing text", "in.parquet: row group 1, row 1: null 'text'")
    assert reject["document"]["id"] == "d1" and reject["document"]["meta"]["lang"] == "en"


def test_a_text_over_max_document_bytes_is_rejected(make_plugins, tmp_path):
    write_parquet(tmp_path / "in.parquet", table(2).set_column(1, "text", pa.array(["short", "x" * 5000])))
    records, result = read(make_plugins, tmp_path, max_document_bytes=100)
    assert [r["id"] for r in records] == ["d0"]
    (reject,) = read_jsonl(result.rejects)
    assert reject["reason"] == "too large" and reject["detail"].startswith("in.parquet: row group 0, row 1: 5000 bytes")


def test_a_damaged_footer_is_an_error_naming_the_file(make_plugins, tmp_path):
    path = write_parquet(tmp_path / "in.parquet", table(4))
    path.write_bytes(path.read_bytes()[:-20])  # the footer cut short, as by an interrupted copy
    with pytest.raises(InputError, match=r"<dict>: read_parquet.paths: 'in.parquet' is not a readable Parquet "
                                         r"file: .*\n  hint: a damaged footer"):
        read(make_plugins, tmp_path)


def test_a_damaged_row_group_stops_the_run_naming_it(make_plugins, tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(table(4), path, row_group_size=2, compression="zstd")
    data = bytearray(path.read_bytes())
    second = pq.ParquetFile(path).metadata.row_group(1).column(1)
    start = second.data_page_offset
    data[start + 20: start + 60] = b"\x00" * 40  # the text column's page of row group 1 overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"in.parquet: row group 1 cannot be read"):
        read(make_plugins, tmp_path)


def test_files_of_one_glob_must_share_their_columns(make_plugins, tmp_path):
    write_parquet(tmp_path / "a.parquet", table(2))
    write_parquet(tmp_path / "b.parquet", table(2).drop_columns(["score"]))
    with pytest.raises(InputError) as info:
        read(make_plugins, tmp_path, paths=["*.parquet"])
    assert str(info.value).startswith(
        "<dict>: read_parquet.paths: 'b.parquet' has no column 'score', which 'a.parquet' has")
    records, _ = read(make_plugins, tmp_path, paths=["*.parquet"], columns=["lang"])
    assert len(records) == 4


def test_a_column_typed_differently_in_another_file_is_an_error(make_plugins, tmp_path):
    write_parquet(tmp_path / "a.parquet", table(2))
    write_parquet(tmp_path / "b.parquet", table(2).set_column(3, "score", pa.array(["x", "y"])))
    with pytest.raises(InputError, match=r"column 'score' is string in 'b.parquet' but double in 'a.parquet'"):
        read(make_plugins, tmp_path, paths=["*.parquet"])
