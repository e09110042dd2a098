"""Serial runs keep a global stage's documents in memory between its phases, within a budget.

Beyond the budget they go to the run directory; either way the outputs are those of a run
that saved every document to disk (the local executor), and a resumed run redoes the
shards whose documents were only in the memory of a process that is gone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

from corpuskit import Document, Mapper, Pipeline, RunError, StageContext, hookimpl, stage
from corpuskit._run import saved_docs
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
    return Pipeline.from_dict({"name": "held", "max_errors": 1, "stages": [
        {"read_jsonl": {"paths": [str(tmp_path / "corpus.jsonl")], "shard_size": 4000}},
        "normalize", "exact_dedup", "test.fail_on_bad",
        {"write_jsonl": {"path": str(tmp_path / "out/result.jsonl")}}]}, plugins=plugins)


def _run(pipeline: Pipeline, tmp_path: Path, name: str, **kwargs: Any) -> tuple[bytes, bytes, list[Any]]:
    result = pipeline.run(run_dir=tmp_path / name, **kwargs)
    assert result.shards >= 6
    return _run_outputs(tmp_path, tmp_path / name)


def _held_shards(run_dir: Path) -> int:
    markers = (orjson.loads(p.read_bytes()) for p in (run_dir / "markers").glob("seg0-shard*.json"))
    return sum(1 for marker in markers if marker.get("held"))


@pytest.mark.parametrize("budget", [0, 6_000_000, 1 << 30])  # nothing held, some shards (one cut), every shard
def test_serial_runs_give_the_outputs_of_runs_that_save_every_document(tmp_path, plugins, monkeypatch, budget):
    pipeline = _pipeline(tmp_path, plugins)
    expected = _run(pipeline, tmp_path, "local", executor="local", workers=2)
    assert _held_shards(tmp_path / "local") == 0
    monkeypatch.setattr(saved_docs, "HOLD_BUDGET", budget)
    assert _run(pipeline, tmp_path, "serial", executor="serial") == expected
    held, shards = _held_shards(tmp_path / "serial"), len(list((tmp_path / "serial/markers").glob("seg0-shard*")))
    assert held == {0: 0, 6_000_000: held, 1 << 30: shards}[budget]
    if budget == 6_000_000:
        assert 0 < held < shards
    assert saved_docs._TOTAL == [0] and not saved_docs._HELD  # nothing stays reserved once the run ends


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_resumed_run_redoes_the_shards_whose_documents_were_held(tmp_path, plugins, executor):
    pipeline = _pipeline(tmp_path, plugins)
    expected = _run(pipeline, tmp_path, "reference", executor="local", workers=2)
    FAIL["on"] = True
    try:
        with pytest.raises(RunError, match="bad document"):
            pipeline.run(run_dir=tmp_path / "run", executor="serial")
    finally:
        FAIL["on"] = False
    run_dir = tmp_path / "run"
    shards = len(list((run_dir / "markers").glob("seg0-shard*")))
    applied = len(list((run_dir / "markers").glob("seg1-shard*")))
    assert _held_shards(run_dir) == shards and 0 < applied < shards  # failed in the apply segment
    assert not (run_dir / "data").exists()  # the documents were never on disk
    assert saved_docs._TOTAL == [0] and not saved_docs._HELD  # the failed run left nothing in memory
    result = pipeline.run(run_dir=run_dir, executor=executor, resume=True, workers=2)
    assert result.skipped_shards == applied  # the held shards were done again, the applied ones kept
    assert _run_outputs(tmp_path, run_dir) == expected


def _run_outputs(tmp_path: Path, run_dir: Path) -> tuple[bytes, bytes, list[Any]]:
    stats = orjson.loads((run_dir / "stats.json").read_bytes())["stages"]
    rows = [(s["name"], s["in"], s["out"], s["rejected"]) for s in stats]
    return (tmp_path / "out/result.jsonl").read_bytes(), (run_dir / "rejects.jsonl").read_bytes(), rows
