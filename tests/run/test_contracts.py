"""Contracts are checked at the stage that broke them, in every mode of running (docs/plugins.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpuskit import Document, Pipeline, RunError, StageError
from corpuskit.testing import run_stage
from tests import contractstages
from tests.contractstages import BadMeta, Drops, ForgetsTrue, LocalKeys, ParsesJson, Returns

HERE = "contractstages.py"


def test_a_mapper_that_forgets_return_is_named_with_its_code() -> None:
    with pytest.raises(StageError) as failed:
        run_stage(Returns(), ["a b"])
    text = str(failed.value)
    assert text.startswith("stage '0:test.returns' (plugin 'test'): map() must produce a Document, "
                           "found NoneType None (at contractstages.py:")
    assert "in Returns.map)" in text
    assert "did you forget `return`?" in text


@pytest.mark.parametrize(("what", "found"), [("text", "found str 'a b'"), ("record", "found dict {'id': 'd0'")])
def test_a_mapper_returning_something_else(what: str, found: str) -> None:
    with pytest.raises(StageError, match=found):
        run_stage(Returns(what=what), ["a b"])


@pytest.mark.parametrize(("what", "found"), [("set", "set {'"), ("date", "date datetime.date(2024, 1, 2)")])
def test_meta_that_is_not_json_is_named_with_its_key(what: str, found: str) -> None:
    with pytest.raises(StageError) as failed:
        run_stage(BadMeta(what=what), ["a b"])
    text = str(failed.value)
    assert "map() put a value that is not JSON-able in meta['tags'] of document 'd0'" in text
    assert found in text
    assert "hint: meta holds JSON-able values only" in text


def test_a_keep_that_returns_none_is_a_contract_error_with_a_hint() -> None:
    with pytest.raises(StageError) as failed:
        run_stage(ForgetsTrue(), ["a long text"])
    text = str(failed.value)
    assert "keep() must return True, False, a reason or (reason, detail), found NoneType None" in text
    assert "in ForgetsTrue.keep)" in text
    assert "did you forget `return True`?" in text


def test_a_filter_reject_carries_its_detail() -> None:
    out = run_stage(ForgetsTrue(), ["ab"])
    assert [(r["reason"], r["detail"]) for r in out.rejects] == [("too short", "2 characters")]


def test_run_stage_refuses_silent_drops() -> None:
    with pytest.raises(StageError, match=r"lost documents silently: in=3 out=2 rejected=0"):
        run_stage(Drops(), ["a", "b", "c"])


def test_run_stage_refuses_keys_that_cannot_be_pickled() -> None:
    with pytest.raises(StageError) as failed:
        run_stage(LocalKeys(), ["a", "b"])
    text = str(failed.value)
    assert "stage '0:test.local_keys' (plugin 'test'): keys() produced keys that cannot be pickled" in text
    assert "Can't pickle local object" in text
    assert "found tuple ('a', (Ref(shard=0, index=0), <tests.contractstages._local_key.<locals>.Local" in text


def test_pipeline_process_checks_the_same_contracts(make_plugins) -> None:
    plugins = make_plugins(contractstages)
    pipeline = Pipeline.from_dict({"stages": ["normalize", "test.returns"]}, plugins=plugins)
    with pytest.raises(StageError, match=r"stage '1:test.returns' \(plugin 'tests.contractstages'\): map\(\)"):
        list(pipeline.process([Document("x", "a b", {})]))


def _pipeline(make_plugins, corpus: Path, stage_item: object) -> Pipeline:
    return Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": [str(corpus)]}}, stage_item,
                                          {"write_jsonl": {"path": "out.jsonl"}}]},
                              plugins=make_plugins(contractstages))


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_contract_error_stops_a_run_under_every_executor(make_plugins, corpus: Path, executor: str) -> None:
    with pytest.raises(StageError, match=r"stage '1:test.bad_meta' \(plugin 'tests.contractstages'\): map\(\) put a "
                                         r"value that is not JSON-able in meta\['tags'\]"):
        _pipeline(make_plugins, corpus, {"test.bad_meta": {"what": "set"}}).run(executor=executor, workers=2)
    assert not Path("out.jsonl").exists()


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_unpicklable_keys_are_named_under_every_executor(make_plugins, corpus: Path, executor: str) -> None:
    with pytest.raises(StageError, match=r"test.local_keys' \(plugin 'tests.contractstages'\): keys\(\) produced "
                                         r"keys that cannot be pickled"):
        _pipeline(make_plugins, corpus, "test.local_keys").run(executor=executor, workers=2)


@pytest.mark.parametrize(("phase", "executor"), [("setup", "serial"), ("setup", "local"), ("reduce", "serial")])
def test_a_failure_outside_document_work_is_one_run_error(make_plugins, corpus: Path, phase: str,
                                                          executor: str) -> None:
    with pytest.raises(RunError) as failed:
        _pipeline(make_plugins, corpus, {"test.fails_in": {"phase": phase}}).run(executor=executor, workers=2)
    text = str(failed.value)
    assert text.startswith(f"stage '1:test.fails_in' (plugin 'tests.contractstages') failed in {phase}(): "
                           "FileNotFoundError: [Errno 2] No such file or directory: 'model.bin' "
                           f"(at {HERE}:")
    assert "in _load_model)" in text
    assert "disk space" not in text


def test_the_cli_prints_one_clear_line_for_a_failing_setup(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "p.yaml"
    config.write_text(f"plugins: [tests.contractstages]\nstages:\n  - read_jsonl: {{paths: ['{corpus}']}}\n"
                      "  - test.fails_in\n  - write_jsonl: {path: out.jsonl}\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", str(config), "--executor", "serial", "-q"],
                          capture_output=True, text=True, cwd=root,
                          env={**_env(root), "CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: stage '1:test.fails_in' (plugin 'tests.contractstages') failed in setup(): "
                                  "FileNotFoundError")


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{root}:{root / 'plugins'}"}


def test_a_per_document_error_shows_the_line_in_the_plugin_not_in_the_library() -> None:
    out = run_stage(ParsesJson(), ["not json"])
    [detail] = [r["detail"] for r in out.rejects]
    assert detail.startswith("JSONDecodeError: Expecting value: line 1 column 1 (char 0) (at contractstages.py:")
    assert detail.endswith(" in map)")


def test_a_loader_that_yields_records_is_named(make_plugins) -> None:
    pipeline = Pipeline.from_dict({"stages": ["test.record_loader", {"write_jsonl": {"path": "out.jsonl"}}]},
                                  plugins=make_plugins(contractstages))
    with pytest.raises(StageError, match=r"stage '0:test.record_loader' \(plugin 'tests.contractstages'\): read\(\) "
                                         r"must produce a Document, found dict \{'id': 'a', 'text': 'x'\} "
                                         r"\(at contractstages.py:\d+ in RecordLoader.read\)"):
        pipeline.run(executor="serial")
