"""write_jsonl: formats, field names, atomic commit."""

from __future__ import annotations

import gzip

import orjson
import pytest
import zstandard

from corpuskit import Pipeline
from tests.helpers import write_jsonl


@pytest.fixture
def run(make_plugins):
    """``run(tmp_path, **writer)``: two documents through ``write_jsonl(**writer)``."""

    def run(tmp_path, **writer):
        write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}])
        spec = {"stages": [{"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_jsonl": writer}]}
        return Pipeline.from_dict(spec, plugins=make_plugins()).run()

    return run


@pytest.mark.parametrize("name, decode", [
    ("out.jsonl", lambda b: b),
    ("out.jsonl.gz", gzip.decompress),
    ("out.jsonl.zst", lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b)),
])
def test_formats(tmp_path, name, decode, run):
    result = run(tmp_path, path=name)
    lines = decode((tmp_path / name).read_bytes()).splitlines()
    assert [orjson.loads(line)["text"] for line in lines] == ["one", "two"]
    assert result.outputs == [name]


def test_gzip_output_is_deterministic(tmp_path, run):
    run(tmp_path, path="a.jsonl.gz")
    first = (tmp_path / "a.jsonl.gz").read_bytes()
    run(tmp_path, path="a.jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == first


def test_field_names(tmp_path, run):
    run(tmp_path, path="o.jsonl", id_field="doc_id", text_field="content", meta_field="metadata")
    record = orjson.loads((tmp_path / "o.jsonl").read_bytes().splitlines()[0])
    assert set(record) == {"doc_id", "content", "metadata"}


def test_failed_commit_leaves_no_file_under_the_final_name(tmp_path, monkeypatch, run):
    from corpuskit import RunError
    from corpuskit._io import files as fileio

    def broken_write(path, compression):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(fileio, "open_write", broken_write)
    with pytest.raises(RunError, match="could not write its output: No space left on device"):
        run(tmp_path, path="o.jsonl")
    assert not (tmp_path / "o.jsonl").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".o.jsonl")]
