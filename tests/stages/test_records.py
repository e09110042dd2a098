"""What read_jsonl and read_text keep of a record: every field, unique ids, exact integers, a size limit."""

from __future__ import annotations

import gzip

import orjson
import pytest

from corpuskit import DataError, Pipeline
from corpuskit._io.jsonl import dumps_line, loads
from corpuskit._stages.readers import ReadJsonl, ReadText
from corpuskit._stages.records import short_names
from tests.helpers import read_all, read_jsonl


def test_top_level_fields_are_kept_in_meta_and_collisions_under_record(tmp_path):
    (tmp_path / "d.jsonl").write_text(
        '{"source": "cc", "url": "u", "meta": {"url": "inner", "k": 1, "source": "m"}, "text": "x"}\n'
        '{"text": "y", "record": 5, "meta": {"source": 2}}\n')
    first, second = read_all(ReadJsonl(paths=(str(tmp_path / "d.jsonl"),)))
    where = {"path": str(tmp_path / "d.jsonl"), "line": 1}
    assert first.meta == {"url": "inner", "k": 1, "source": where,
                          "record": {"source": "cc", "url": "u", "meta.source": "m"}}
    assert second.meta == {"record": 5, "source": {"path": str(tmp_path / "d.jsonl"), "line": 2},
                           "record_1": {"meta.source": 2}}


def test_a_top_level_source_is_not_overwritten(tmp_path):
    (tmp_path / "d.jsonl").write_text('{"text": "x", "source": "commoncrawl", "url": "u"}\n')
    (doc,) = read_all(ReadJsonl(paths=(str(tmp_path / "d.jsonl"),)))
    assert doc.meta == {"url": "u", "source": {"path": str(tmp_path / "d.jsonl"), "line": 1},
                        "record": {"source": "commoncrawl"}}


def test_default_ids_are_unique_across_folders(tmp_path):
    for folder in ("a", "b/c"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "m.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n')
    (tmp_path / "only.jsonl").write_text('{"text": "z"}\n')
    docs = read_all(ReadJsonl(paths=(str(tmp_path / "**" / "*.jsonl"),)))
    assert sorted(d.id for d in docs) == ["a/m:1", "a/m:2", "b/c/m:1", "b/c/m:2", "only:1"]


def test_short_names():
    assert short_names(["x/m.jsonl", "y/n.jsonl.gz"]) == {"x/m.jsonl": "m", "y/n.jsonl.gz": "n"}
    assert short_names(["d/m.jsonl", "d/m.jsonl.gz", "d/e/m.jsonl"]) == {
        "d/m.jsonl": "m.jsonl", "d/m.jsonl.gz": "m.jsonl.gz", "d/e/m.jsonl": "e/m"}
    assert short_names(["s3://b/x/m.jsonl", "s3://b/y/m.jsonl"]) == {"s3://b/x/m.jsonl": "x/m",
                                                                    "s3://b/y/m.jsonl": "y/m"}


def test_integers_beyond_64_bits_are_read_and_written_exactly():
    big, small = 2**70 + 1, -(2**64) - 3
    line = f'{{"id": "a", "text": "t", "meta": {{"n": {big}, "m": [{small}, 1.5, 12345678901234567890]}}}}\n'
    assert loads(line.encode())["meta"]["n"] == big
    assert dumps_line({"n": big, "m": [small, 1.5, "s"]}) == f'{{"n":{big},"m":[{small},1.5,"s"]}}\n'.encode()
    assert dumps_line({"a": 1.5, "b": "é"}) == orjson.dumps({"a": 1.5, "b": "é"}) + b"\n"


def test_integers_beyond_64_bits_through_the_cli(tmp_path, monkeypatch):
    big = 2**70 + 1
    (tmp_path / "in.jsonl").write_text(f'{{"id": "a", "text": "t", "meta": {{"n": {big}}}}}\n')
    (tmp_path / "p.yaml").write_text("executor: serial\nstages:\n  - read_jsonl: {paths: [in.jsonl]}\n"
                                     "  - normalize\n  - write_jsonl: {path: out.jsonl}\n")
    monkeypatch.chdir(tmp_path)
    Pipeline.from_yaml(tmp_path / "p.yaml").run()
    assert f'"n":{big}'.encode() in (tmp_path / "out.jsonl").read_bytes()


@pytest.mark.parametrize("suffix, opener", [("jsonl", open), ("jsonl.gz", gzip.open)])
def test_a_line_over_max_document_bytes_is_rejected_by_size(tmp_path, suffix, opener):
    path = tmp_path / f"big.{suffix}"
    huge = '{"id": "h", "text": "' + "x" * 5000 + '"}\n'
    with opener(path, "wt") as fh:
        fh.write('{"id": "a", "text": "small"}\n' + huge + '{"id": "b", "text": "after"}\n')
    rejects = []
    docs = read_all(ReadJsonl(paths=(str(path),), max_document_bytes=1000), rejects)
    assert [d.id for d in docs] == ["a", "b"]
    (reject,) = rejects
    assert reject["reason"] == "too large"
    assert reject["detail"] == (f"{path}:2: {len(huge)} bytes at byte offset 29, over max_document_bytes "
                                "(1000); the text kept here is its first 1024 bytes")
    assert reject["document"]["id"] == "big:2"
    assert reject["document"]["text"] == huge[:1024]
    assert len(huge) > 2000
    assert reject["document"]["meta"]["source"] == {"path": str(path), "line": 2, "offset": 29, "bytes": len(huge)}
    with pytest.raises(DataError, match=r"big.jsonl(.gz)?:2: a line of \d+ bytes at byte offset 29 is over"):
        read_all(ReadJsonl(paths=(str(path),), max_document_bytes=1000, on_error="fail"))
    assert len(read_all(ReadJsonl(paths=(str(path),), max_document_bytes=len(huge) - 1))) == 3


def test_a_text_file_over_max_document_bytes_is_rejected_unread(tmp_path):
    (tmp_path / "big.txt").write_text("y" * 3000)
    (tmp_path / "ok.txt").write_text("fine")
    rejects = []
    docs = read_all(ReadText(paths=(str(tmp_path),), max_document_bytes=2000), rejects)
    assert [d.id for d in docs] == ["ok"]
    assert [(r["reason"], r["document"]["meta"]["source"]["bytes"], len(r["document"]["text"])) for r in rejects] == [
        ("too large", 3000, 1024)]


def test_the_rejects_file_names_the_size(tmp_path, monkeypatch):
    (tmp_path / "in.jsonl").write_text('{"text": "' + "x" * 3000 + '"}\n')
    (tmp_path / "p.yaml").write_text("executor: serial\nstages:\n  - read_jsonl: {paths: [in.jsonl], "
                                     "max_document_bytes: 100}\n  - write_jsonl: {path: out.jsonl}\n")
    monkeypatch.chdir(tmp_path)
    result = Pipeline.from_yaml(tmp_path / "p.yaml").run()
    (reject,) = read_jsonl(result.run_dir / "rejects.jsonl")
    assert reject["reason"] == "too large" and reject["document"]["meta"]["source"]["bytes"] == 3013
