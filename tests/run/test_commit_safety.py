"""A failed run never replaces a good output: every check passes before anything is committed."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from corpuskit import DataError, Pipeline, RunError, StageError
from tests import stagelib
from tests.helpers import REPO, write_jsonl

GOOD = b"the previous, good output\n"


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(stagelib)


def pipeline(plugins, *stages, paths=("corpus.jsonl",), **top):
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": list(paths)}}, *stages,
                                    {"write_jsonl": {"path": "out.jsonl"}}], **top}
    return Pipeline.from_dict(spec, plugins=plugins)


def cut_gzip(path: Path, records: int, keep: float) -> Path:
    data = b"".join(orjson.dumps({"id": f"d{i}", "text": f"document number {i} " * 20}) + b"\n"
                    for i in range(records))
    packed = gzip.compress(data)
    path.write_bytes(packed[: int(len(packed) * keep)])
    return path


def test_a_gzip_cut_mid_stream_fails_the_shard_and_commits_nothing(tmp_path, plugins):
    cut_gzip(tmp_path / "in.jsonl.gz", 1000, 0.6)
    (tmp_path / "out.jsonl").write_bytes(GOOD)
    with pytest.raises(DataError) as failed:
        pipeline(plugins, "normalize", paths=["in.jsonl.gz"]).run(run_dir="run")
    assert str(failed.value).startswith("in.jsonl.gz: truncated gzip file: it ends at byte ")
    assert (tmp_path / "out.jsonl").read_bytes() == GOOD
    assert not list((tmp_path / "run").glob("rejects/*"))  # no document is blamed for its input's failure


def test_a_cut_gzip_through_the_command_line_exits_1_and_keeps_the_output(tmp_path):
    cut_gzip(tmp_path / "in.jsonl.gz", 300, 0.6)
    (tmp_path / "out.jsonl").write_bytes(GOOD)
    (tmp_path / "p.yaml").write_text("name: cut\nstages:\n  - read_jsonl: {paths: [in.jsonl.gz]}\n"
                                     "  - normalize\n  - write_jsonl: {path: out.jsonl}\n")
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", "p.yaml", "--executor", "serial"],
                          capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(REPO)})
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: in.jsonl.gz: truncated gzip file: it ends at byte "), done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out.jsonl").read_bytes() == GOOD


def test_documents_lost_silently_fail_the_run_before_the_output_is_replaced(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"text": f"t{i}"} for i in range(4)])
    (tmp_path / "out.jsonl").write_bytes(GOOD)
    with pytest.raises(RunError, match=r"documents disappeared silently \(1:test.lose: in=4 out=2 rejected=0\)"):
        pipeline(plugins, "test.lose").run(run_dir="run")
    assert (tmp_path / "out.jsonl").read_bytes() == GOOD


def test_a_stage_that_fails_on_every_document_fails_the_run(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"id": str(i), "text": "BOOM"} for i in range(3)])
    (tmp_path / "out.jsonl").write_bytes(GOOD)
    with pytest.raises(RunError) as failed:  # 3 documents, fewer than max_errors=10 in a row
        pipeline(plugins, "test.fail_on").run(run_dir="run")
    assert str(failed.value).startswith(
        "stage '1:test.fail_on' failed on every document it read (3: error: ValueError); nothing was committed")
    assert (tmp_path / "out.jsonl").read_bytes() == GOOD
    assert len((tmp_path / "run" / "rejects.jsonl").read_bytes().splitlines()) == 3


def test_a_stage_that_rejects_everything_on_purpose_is_not_a_failure(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"text": "short"} for _ in range(3)])
    result = pipeline(plugins, {"length_filter": {"min_words": 50}}).run(run_dir="run")
    assert result.docs_out == 0


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_sys_exit_in_a_stage_is_a_run_error_naming_the_stage(tmp_path, plugins, executor):
    write_jsonl(tmp_path / "corpus.jsonl", [{"text": "a"}, {"text": "b"}])
    (tmp_path / "out.jsonl").write_bytes(GOOD)
    with pytest.raises(StageError) as failed:
        pipeline(plugins, "test.exit").run(executor=executor, workers=1, run_dir="run")
    assert str(failed.value).startswith("stage '1:test.exit' called sys.exit(3) while processing documents")
    assert (tmp_path / "out.jsonl").read_bytes() == GOOD
