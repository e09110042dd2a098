"""Inputs and outputs given as fsspec URLs: memory:// (serial executor) and file:// (local)."""

from __future__ import annotations

import gzip
import subprocess
import sys

import orjson
import pytest
import zstandard

from corpuskit import ConfigError, InputError, Pipeline, RunError
from corpuskit._io.remote import url_fingerprint
from corpuskit._stages.readers import ReadJsonl, ReadText
from tests.helpers import REPO, corpus_records, read_all, read_jsonl, write_jsonl
from tests.helpers import loader_ctx as ctx

fsspec = pytest.importorskip("fsspec")


def jsonl_bytes(records):
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


@pytest.fixture
def run(make_plugins):
    """``run(paths, out, ...)``: read, filter, dedup and write, on the builtins only."""

    def run(paths, out, executor="serial", workers=1, **reader):
        spec = {"stages": [{"read_jsonl": {"paths": paths, **reader}}, {"length_filter": {"min_words": 3}},
                           {"exact_dedup": {}}, {"write_jsonl": {"path": out}}]}
        return Pipeline.from_dict(spec, plugins=make_plugins()).run(executor=executor, workers=workers)

    return run


def without_source_path(records):
    return [{**r, "meta": {**r["meta"], "source": {**r["meta"]["source"], "path": None}}} for r in records]


# -- reading ---------------------------------------------------------------------------------------
def test_memory_url_run_matches_the_plain_path_run(tmp_path, mem, run):
    fs, base = mem
    records = corpus_records(80)
    write_jsonl(tmp_path / "corpus.jsonl", records)
    fs.pipe(f"{base}/corpus.jsonl", jsonl_bytes(records))
    run(["corpus.jsonl"], "plain.jsonl", shard_size=500)
    result = run([f"{base}/corpus.jsonl"], "url.jsonl", shard_size=500)
    assert result.shards > 3  # byte ranges through the filesystem's seek and read
    plain, url = read_jsonl(tmp_path / "plain.jsonl"), read_jsonl(tmp_path / "url.jsonl")
    assert without_source_path(url) == without_source_path(plain)
    assert {r["meta"]["source"]["path"] for r in url} == {f"{base}/corpus.jsonl"}  # the URL is kept


def test_byte_range_shards_of_a_url_number_every_line_once(mem):
    fs, base = mem
    fs.pipe(f"{base}/d.jsonl", jsonl_bytes([{"id": i, "text": "w" * (i % 13)} for i in range(50)]))
    loader = ReadJsonl(paths=(f"{base}/d.jsonl",), shard_size=37)
    assert len(loader.plan(ctx())) > 5
    docs = read_all(loader)
    assert [d.id for d in docs] == [str(i) for i in range(50)]
    assert [d.meta["source"]["line"] for d in docs] == list(range(1, 51))


def test_url_globs_directories_and_recursion(mem):
    fs, base = mem
    for name in ("b.jsonl", "a.jsonl", "sub/c.jsonl", "skip.txt"):
        fs.pipe(f"{base}/{name}", jsonl_bytes([{"text": name}]))
    glob_docs = read_all(ReadJsonl(paths=(f"{base}/*.jsonl",)))
    assert [d.text for d in glob_docs] == ["a.jsonl", "b.jsonl"]
    assert glob_docs[0].meta["source"] == {"path": f"{base}/a.jsonl", "line": 1}
    assert glob_docs[0].id == "a:1"
    deep = read_all(ReadJsonl(paths=(f"{base}/**/*.jsonl",)))
    assert [d.text for d in deep] == ["a.jsonl", "b.jsonl", "sub/c.jsonl"]
    assert deep[2].meta["source"]["path"] == f"{base}/sub/c.jsonl"
    texts = read_all(ReadText(paths=(base,)))
    assert [d.id for d in texts] == ["a", "b", "skip", "c"]
    assert texts[2].meta == {"source": {"path": f"{base}/skip.txt"}}


def test_compressed_url_inputs(mem):
    fs, base = mem
    data = b'{"text": "zipped"}\n{"text": "more"}\n'
    fs.pipe(f"{base}/a.jsonl.gz", gzip.compress(data))
    fs.pipe(f"{base}/b.jsonl.zst", zstandard.ZstdCompressor().compress(data))
    docs = read_all(ReadJsonl(paths=(f"{base}/*.jsonl.*",)))
    assert [d.text for d in docs] == ["zipped", "more", "zipped", "more"]
    assert [d.id for d in docs] == ["a:1", "a:2", "b:1", "b:2"]


def test_read_text_url_rejects_non_utf8_with_the_url(mem):
    fs, base = mem
    fs.pipe(f"{base}/bad.txt", b"caf\xe9")
    rejects = []
    assert read_all(ReadText(paths=(f"{base}/bad.txt",)), rejects) == []
    assert rejects[0]["detail"] == f"{base}/bad.txt: invalid byte 0xe9 at byte offset 3"


def test_missing_url_inputs_are_input_errors(mem):
    _, base = mem
    with pytest.raises(InputError, match=rf"read_jsonl.paths: input '{base}/none.jsonl' does not exist"):
        ReadJsonl(paths=(f"{base}/none.jsonl",)).plan(ctx())
    with pytest.raises(InputError, match=rf"read_text.paths: no file matches '{base}/\*.txt'"):
        ReadText(paths=(f"{base}/*.txt",)).plan(ctx())
    with pytest.raises(InputError, match=r"cannot open 'nosuchscheme://x/y\.jsonl'"):
        ReadJsonl(paths=("nosuchscheme://x/y.jsonl",)).plan(ctx())


def test_missing_url_input_error_points_at_the_pipeline_file(tmp_path, mem, make_plugins):
    _, base = mem
    (tmp_path / "p.yaml").write_text(f"stages:\n  - read_jsonl: {{paths: ['{base}/x.jsonl']}}\n")
    with pytest.raises(InputError) as err:
        Pipeline.from_yaml(tmp_path / "p.yaml", plugins=make_plugins()).run()
    assert str(err.value).startswith(f"{tmp_path / 'p.yaml'}:2:25: read_jsonl.paths: input '{base}/x.jsonl'")
    assert err.value.exit_code == 2


def test_without_fsspec_a_url_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(InputError) as err:
        ReadJsonl(paths=("s3://bucket/x.jsonl",)).plan(ctx())
    assert str(err.value) == ("read_jsonl.paths: 's3://bucket/x.jsonl' is a URL, which needs the fsspec package: "
                              "pip install 'corpuskit[ray]' (or: pip install fsspec)")
    assert err.value.exit_code == 2


def test_a_local_run_never_imports_fsspec(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", corpus_records(20))
    code = (
        "import sys\n"
        "from corpuskit import Pipeline\n"
        "from corpuskit._plugins.manager import load_plugins\n"
        "spec = {'stages': [{'read_jsonl': {'paths': ['in.jsonl']}}, {'read_text': {'paths': ['in.jsonl']}},"
        " {'write_jsonl': {'path': 'o.jsonl'}}]}\n"
        "Pipeline.from_dict(spec, plugins=load_plugins(autoload=False)).run()\n"
        "assert 'fsspec' not in sys.modules, 'fsspec was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o.jsonl").exists()


def test_url_fingerprint_changes_with_the_content(mem):
    fs, base = mem
    fs.pipe(f"{base}/d.jsonl", b'{"text": "a"}\n')
    first = url_fingerprint(f"{base}/d.jsonl")
    assert url_fingerprint(f"{base}/d.jsonl") == first
    fs.pipe(f"{base}/d.jsonl", b'{"text": "ab"}\n')
    assert url_fingerprint(f"{base}/d.jsonl") != first
    assert url_fingerprint(f"{base}/gone.jsonl")[1:] == [-1, -1]


# -- file:// with worker processes ----------------------------------------------------------------
def test_file_urls_with_the_local_executor(tmp_path, run):
    records = corpus_records(120)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", records[:70])
    (tmp_path / "in" / "b.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes(records[70:])))
    run(["in/*"], "plain.jsonl", executor="local", workers=2, shard_size=700)
    url = f"file://{tmp_path}/out/url.jsonl.zst"
    result = run([f"file://{tmp_path}/in/*"], url, executor="local", workers=2, shard_size=700)
    assert result.outputs == [url]
    written = zstandard.ZstdDecompressor().decompressobj().decompress((tmp_path / "out" / "url.jsonl.zst").read_bytes())
    url_records = [orjson.loads(line) for line in written.splitlines()]
    assert without_source_path(url_records) == without_source_path(read_jsonl(tmp_path / "plain.jsonl"))
    assert url_records[0]["meta"]["source"]["path"] == f"file://{tmp_path}/in/a.jsonl"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["url.jsonl.zst"]  # no temporaries left


# -- writing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, decode", [
    ("out.jsonl", lambda b: b),
    ("out.jsonl.gz", gzip.decompress),
    ("out.jsonl.zst", lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b)),
])
def test_write_jsonl_to_memory(tmp_path, mem, name, decode, run):
    fs, base = mem
    write_jsonl(tmp_path / "in.jsonl", corpus_records(30))
    result = run(["in.jsonl"], f"{base}/deep/{name}")
    run(["in.jsonl"], "local.jsonl")
    assert result.outputs == [f"{base}/deep/{name}"]
    assert decode(fs.cat(f"{base}/deep/{name}")) == (tmp_path / "local.jsonl").read_bytes()
    assert fs.ls(f"{base}/deep", detail=False) == [f"{base.removeprefix('memory:/')}/deep/{name}"]


def test_failed_url_commit_leaves_nothing_under_the_final_name(tmp_path, mem, monkeypatch, run):
    from corpuskit._io import files as fileio

    fs, base = mem
    fs.pipe(f"{base}/out.jsonl", b"the previous output\n")
    write_jsonl(tmp_path / "in.jsonl", corpus_records(10))

    def broken(parts, out):
        out.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio, "_copy_parts", broken)
    with pytest.raises(RunError, match="could not write its output: No space left on device"):
        run(["in.jsonl"], f"{base}/out.jsonl")
    assert fs.cat(f"{base}/out.jsonl") == b"the previous output\n"  # untouched
    assert fs.ls(base, detail=False) == [f"{base.removeprefix('memory:/')}/out.jsonl"]  # no temporary left


def test_run_directory_url_is_refused(tmp_path, make_plugins):
    write_jsonl(tmp_path / "in.jsonl", corpus_records(5))
    spec = {"stages": [{"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_jsonl": {"path": "o.jsonl"}}]}
    with pytest.raises(ConfigError, match=r"run_dir: the run directory must be a path every node shares") as err:
        Pipeline.from_dict(spec, plugins=make_plugins()).run(run_dir="s3://bucket/runs/x")
    assert err.value.exit_code == 2


def test_resume_notices_a_changed_url_input(tmp_path, mem, make_plugins):
    from corpuskit import ResumeError

    fs, base = mem
    fs.pipe(f"{base}/in.jsonl", jsonl_bytes(corpus_records(40)))
    spec = {"stages": [{"read_jsonl": {"paths": [f"{base}/in.jsonl"], "shard_size": 800}},
                       {"write_jsonl": {"path": "o.jsonl"}}]}
    pipeline = Pipeline.from_dict(spec, plugins=make_plugins())
    pipeline.run(run_dir="r")
    (tmp_path / "r" / "stats.json").unlink()  # as if the run had been interrupted before its end
    fs.pipe(f"{base}/in.jsonl", jsonl_bytes(corpus_records(41)))
    with pytest.raises(ResumeError, match="the input files changed since it started"):
        pipeline.run(run_dir="r", resume=True)
