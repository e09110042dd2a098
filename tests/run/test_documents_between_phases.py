"""A global stage's documents wait in the run directory between its phases, under every executor.

The design never holds them in memory between phases: a serial run gives the outputs of a
run over worker processes, and a run that failed in an apply phase resumes with every
mapped shard's documents still in ``data/``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

from corpuskit import Document, Mapper, Pipeline, RunError, StageContext, hookimpl, stage
from tests.helpers import corpus_records, write_jsonl

FAIL = {"on": False}


@stage("test.fail_on_bad", kind="clean")
@attrs.frozen
class FailOnBad(Mapper):
    """Raises on a document that says BAD while FAIL['on'] is set."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if FAIL["on"] and "BAD" in doc.text:
            raise ValueError("bad document")
        return doc


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(FailOnBad)


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(sys.modules[__name__])


def _pipeline(tmp_path: Path, plugins: Any) -> Pipeline:
    records = corpus_records(300)
    records[250]["text"] += " BAD"
    write_jsonl(tmp_path / "corpus.jsonl", records)
    return Pipeline.from_dict({"name": "between", "max_errors": 1, "stages": [
        {"read_jsonl": {"paths": [str(tmp_path / "corpus.jsonl")], "shard_size": 4000}},
        "normalize", "exact_dedup", "test.fail_on_bad",
        {"write_jsonl": {"path": str(tmp_path / "out/result.jsonl")}}]}, plugins=plugins)


def _run(pipeline: Pipeline, tmp_path: Path, name: str, **kwargs: Any) -> tuple[bytes, bytes, list[Any]]:
    result = pipeline.run(run_dir=tmp_path / name, **kwargs)
    assert result.shards >= 6
    return _run_outputs(tmp_path, tmp_path / name)


def _shards(run_dir: Path, segment: int) -> int:
    return len(list((run_dir / "markers").glob(f"seg{segment}-shard*")))


def _failed_in_apply(pipeline: Any, tmp_path: Path) -> Path:
    """A serial run that fails in the apply segment; its run directory."""
    FAIL["on"] = True
    try:
        with pytest.raises(RunError, match="bad document"):
            pipeline.run(run_dir=tmp_path / "run", executor="serial")
    finally:
        FAIL["on"] = False
    return tmp_path / "run"


def test_serial_runs_give_the_outputs_of_local_runs(tmp_path, plugins):
    pipeline = _pipeline(tmp_path, plugins)
    expected = _run(pipeline, tmp_path, "local", executor="local", workers=2)
    assert _run(pipeline, tmp_path, "serial", executor="serial") == expected


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_run_that_failed_in_an_apply_phase_resumes_with_the_saved_documents(tmp_path, plugins, executor):
    pipeline = _pipeline(tmp_path, plugins)
    expected = _run(pipeline, tmp_path, "reference", executor="local", workers=2)
    run_dir = _failed_in_apply(pipeline, tmp_path)
    shards, applied = _shards(run_dir, 0), _shards(run_dir, 1)
    assert 0 < applied < shards  # failed in the apply segment
    assert len(list((run_dir / "data").glob("seg0/shard-*"))) == shards  # every mapped shard's documents on disk
    result = pipeline.run(run_dir=run_dir, executor=executor, resume=True, workers=2)
    assert result.skipped_shards == shards + applied  # the map segment and the applied shards kept
    assert _run_outputs(tmp_path, run_dir) == expected


def _run_outputs(tmp_path: Path, run_dir: Path) -> tuple[bytes, bytes, list[Any]]:
    stats = orjson.loads((run_dir / "stats.json").read_bytes())["stages"]
    rows = [(s["name"], s["in"], s["out"], s["rejected"]) for s in stats]
    return (tmp_path / "out/result.jsonl").read_bytes(), (run_dir / "rejects.jsonl").read_bytes(), rows


@pytest.mark.parametrize("cut", ["to_nothing", "mid_chunk"])
def test_a_saved_documents_file_cut_after_the_map_phase_fails_the_resumed_run_and_keeps_the_output(
        tmp_path, plugins, cut):
    """Cut to nothing, the file ends at a chunk boundary and reads back as no document: the global
    stage's in = out + rejected check must catch the loss; cut inside a chunk, the seal must."""
    pipeline = _pipeline(tmp_path, plugins)
    _run(pipeline, tmp_path, "reference", executor="serial")
    good = (tmp_path / "out/result.jsonl").read_bytes()
    run_dir = _failed_in_apply(pipeline, tmp_path)
    applied = {p.name.split("-shard")[1] for p in (run_dir / "markers").glob("seg1-shard*")}
    waiting = sorted(p for p in (run_dir / "data").glob("seg0/shard-*")
                     if p.stem.split("-")[1] not in {a.split(".")[0] for a in applied})
    assert waiting  # a mapped shard whose apply has not run yet
    data = waiting[-1].read_bytes()
    waiting[-1].write_bytes(b"" if cut == "to_nothing" else data[: len(data) // 2])
    with pytest.raises(RunError, match="disappeared silently" if cut == "to_nothing" else "not written by this run"):
        pipeline.run(run_dir=run_dir, executor="serial", resume=True)
    assert (tmp_path / "out/result.jsonl").read_bytes() == good
