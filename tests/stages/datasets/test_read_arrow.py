"""read_arrow: IPC files and streams, datasets' save_to_disk folders, record batches as shards, damage."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from corpuskit import InputError, Pipeline
from tests.helpers import read_jsonl
from tests.stages.datasets.tables import run, table


def write_ipc(path, data, stream=False, rows_per_batch=2):
    with (pa.ipc.new_stream if stream else pa.ipc.new_file)(str(path), data.schema) as out:
        for batch in data.to_batches(max_chunksize=rows_per_batch):
            out.write_batch(batch)
    return path


def save_to_disk(folder, data, files=2):
    """A folder laid out as datasets' ``Dataset.save_to_disk`` lays it (stream-format data files)."""
    folder.mkdir()
    per = -(-data.num_rows // files)
    names = [f"data-{i:05d}-of-{files:05d}.arrow" for i in range(files)]
    for i, name in enumerate(names):
        write_ipc(folder / name, data.slice(i * per, per), stream=True)
    (folder / "state.json").write_text(json.dumps({"_data_files": [{"filename": n} for n in names],
                                                   "_split": "train"}))
    (folder / "dataset_info.json").write_text(json.dumps({"features": {}}))
    return folder


def read(make_plugins, tmp_path, paths, workers=1, **params):
    result = run(make_plugins, {"read_arrow": {"paths": paths, **params}}, {"write_jsonl": {"path": "out.jsonl"}},
                 workers=workers, executor="local" if workers > 1 else "serial")
    return read_jsonl(tmp_path / "out.jsonl"), result


@pytest.mark.parametrize("stream", [False, True])
def test_ipc_files_and_streams(make_plugins, tmp_path, stream):
    write_ipc(tmp_path / "in.arrow", table(5), stream=stream)
    records, _ = read(make_plugins, tmp_path, ["in.arrow"])
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "d3", "d4"]
    assert records[3]["meta"] == {"lang": "en", "score": 1.5, "source": {"path": "in.arrow", "batch": 1, "row": 3}}


def test_a_save_to_disk_folder_reads_its_data_files_in_order(make_plugins, tmp_path):
    save_to_disk(tmp_path / "ds", table(7).drop_columns(["id"]))
    records, _ = read(make_plugins, tmp_path, ["ds"])
    assert [r["text"] for r in records] == [f"Text number {i}." for i in range(7)]
    assert records[4]["id"] == "data-00001-of-00002:0"


def test_record_batches_are_the_shards(make_plugins, tmp_path):
    write_ipc(tmp_path / "in.arrow", table(40), rows_per_batch=5)
    pipeline = Pipeline.from_dict({"stages": [{"read_arrow": {"paths": ["in.arrow"], "shard_size": 1}},
                                              {"write_jsonl": {"path": "out.jsonl"}}]}, plugins=make_plugins())
    assert [(s.start, s.end) for s in pipeline.plan()] == [(i, i + 1) for i in range(8)]
    serial, _ = read(make_plugins, tmp_path, ["in.arrow"], shard_size=1)
    local, _ = read(make_plugins, tmp_path, ["in.arrow"], workers=2, shard_size=1)
    assert local == serial and [r["meta"]["source"]["row"] for r in serial] == list(range(40))


def test_a_dataset_dict_folder_asks_for_one_split(make_plugins, tmp_path):
    (tmp_path / "dd").mkdir()
    save_to_disk(tmp_path / "dd" / "train", table(2))
    (tmp_path / "dd" / "dataset_dict.json").write_text(json.dumps({"splits": ["train"]}))
    with pytest.raises(InputError, match=r"'dd' holds a DatasetDict \(splits: train\): name one split's folder"):
        read(make_plugins, tmp_path, ["dd"])


@pytest.mark.parametrize("stream", [False, True])
def test_a_truncated_file_is_an_error_naming_it(make_plugins, tmp_path, stream):
    path = write_ipc(tmp_path / "in.arrow", table(20), stream=stream)
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(InputError, match=r"read_arrow.paths: 'in.arrow' (is not a readable Arrow file|is damaged "
                                         r"or cut short after record batch \d+)"):
        read(make_plugins, tmp_path, ["in.arrow"])


def test_a_text_column_that_is_not_strings_and_a_null_text(make_plugins, tmp_path):
    write_ipc(tmp_path / "num.arrow", pa.table({"text": [1, 2]}))
    with pytest.raises(InputError, match="the text column 'text' holds int64, not strings"):
        read(make_plugins, tmp_path, ["num.arrow"])
    write_ipc(tmp_path / "null.arrow", pa.table({"text": ["a", None, "c"]}))
    records, result = read(make_plugins, tmp_path, ["null.arrow"])
    assert [r["text"] for r in records] == ["a", "c"]
    assert [r["detail"] for r in read_jsonl(result.rejects)] == ["null.arrow: batch 0, row 1: null 'text'"]
