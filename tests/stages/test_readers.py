"""read_text and read_jsonl: sources, sharding, bad input kept as rejects."""

from __future__ import annotations

import gzip
import itertools

import pytest
import zstandard

from corpuskit import InputError, Pipeline
from corpuskit._stages.readers import ReadJsonl, ReadText, split_lines
from tests.helpers import loader_ctx as ctx
from tests.helpers import read_all, read_jsonl, write_jsonl


def test_read_text_ids_sources_and_order(tmp_path):
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "a.txt").write_text("first")
    docs = read_all(ReadText(paths=(str(tmp_path / "*.txt"),)))
    assert [(d.id, d.text) for d in docs] == [("a", "first"), ("b", "second")]
    assert docs[0].meta == {"source": {"path": str(tmp_path / "a.txt")}}


def test_read_text_rejects_non_utf8_with_offset(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "good.txt").write_text("fine")
    rejects = []
    docs = read_all(ReadText(paths=(str(tmp_path),)), rejects)
    assert [d.id for d in docs] == ["good"]
    (reject,) = rejects
    assert reject["reason"] == "not utf-8"
    assert reject["detail"] == f"{tmp_path / 'bad.txt'}: invalid byte 0xe9 at byte offset 3"
    assert reject["document"]["text"] == "caf\\xe9 au lait"  # nothing lost


def test_missing_inputs_are_input_errors(tmp_path):
    with pytest.raises(InputError, match=r"read_text.paths: no file matches 'nothing/\*.txt'"):
        ReadText(paths=("nothing/*.txt",)).plan(ctx())
    with pytest.raises(InputError, match=r"read_jsonl.paths: input 'missing.jsonl' does not exist"):
        ReadJsonl(paths=("missing.jsonl",)).plan(ctx())


def test_missing_input_error_points_at_the_pipeline_file(tmp_path, make_plugins):
    (tmp_path / "p.yaml").write_text("stages:\n  - read_text: {paths: [nothing.txt]}\n")
    pipeline = Pipeline.from_yaml(tmp_path / "p.yaml", plugins=make_plugins())
    with pytest.raises(InputError) as err:
        pipeline.run()
    assert str(err.value).startswith(f"{tmp_path / 'p.yaml'}:2:24: read_text.paths: input 'nothing.txt' does not exist")
    assert err.value.exit_code == 2


def test_jsonl_fields_meta_and_sources(tmp_path):
    write_jsonl(tmp_path / "d.jsonl", [{"id": 7, "text": "x", "meta": {"a": 1}, "url": "u"},
                                       {"content": "y"}])
    docs = read_all(ReadJsonl(paths=(str(tmp_path / "d.jsonl"),)))
    assert docs[0].id == "7"
    assert docs[0].meta == {"a": 1, "url": "u", "source": {"path": str(tmp_path / "d.jsonl"), "line": 1}}
    other = read_all(ReadJsonl(paths=(str(tmp_path / "d.jsonl"),), text_field="content"), [])
    assert [(d.id, d.text) for d in other] == [("d:2", "y")]


def test_malformed_lines_are_rejected_as_file_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{oops\n[1, 2]\n{"text": 5}\n\n{"text": "last"}\n')
    rejects = []
    docs = read_all(ReadJsonl(paths=(str(path),)), rejects)
    assert [d.text for d in docs] == ["ok", "last"]
    assert docs[1].meta["source"]["line"] == 6
    assert [(r["reason"], r["detail"].split(": ")[0]) for r in rejects] == [
        ("malformed json", f"{path}:2"), ("malformed json", f"{path}:3"), ("missing text", f"{path}:4")]
    assert rejects[0]["document"]["text"] == "{oops"


def test_on_error_fail_stops(tmp_path):
    from corpuskit._errors import DataError

    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{oops\n')
    with pytest.raises(DataError, match=r"d.jsonl:2: malformed json: .*\n  hint: fix the line, or set on_error: skip"):
        read_all(ReadJsonl(paths=(str(path),), on_error="fail"))


@pytest.mark.parametrize("size", [1, 10, 37, 100, 10_000])
def test_byte_range_shards_cover_every_line_once(tmp_path, size):
    records = [{"id": i, "text": "w" * (i % 13)} for i in range(50)]
    path = write_jsonl(tmp_path / "d.jsonl", records)
    shards = split_lines(str(path), size)
    assert shards[0].start == 0 and shards[-1].end is None
    for a, b in itertools.pairwise(shards):
        assert a.end == b.start
    docs = read_all(ReadJsonl(paths=(str(path),), shard_size=size))
    assert [d.id for d in docs] == [str(i) for i in range(50)]
    assert [d.meta["source"]["line"] for d in docs] == list(range(1, 51))


def test_compressed_inputs(tmp_path):
    data = b'{"text": "zipped"}\n{"text": "more"}\n'
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    docs = read_all(ReadJsonl(paths=(str(tmp_path / "*.jsonl.*"),)))
    assert [d.text for d in docs] == ["zipped", "more", "zipped", "more"]
    assert docs[2].id == "b:1"


def test_one_big_file_uses_every_worker(tmp_path, make_plugins):
    write_jsonl(tmp_path / "big.jsonl", [{"text": "x" * 1000} for _ in range(5000)])
    shards = ReadJsonl(paths=(str(tmp_path / "big.jsonl"),)).plan(ctx(workers=2))
    assert len(shards) >= 2
    out = tmp_path / "o.jsonl"
    Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": ["big.jsonl"]}}, {"write_jsonl": {"path": str(out)}}]},
                       plugins=make_plugins()).run()
    assert len(read_jsonl(out)) == 5000
