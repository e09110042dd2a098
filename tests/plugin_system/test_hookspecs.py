"""Every hook is documented and exercised; lifecycle hooks fire in order."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from corpuskit import Pipeline, hookimpl
from corpuskit._plugins import hookspecs as specs
from corpuskit._run.executors.serial import SerialExecutor
from tests.helpers import write_jsonl

HOOKS = [name for name, fn in inspect.getmembers(specs, inspect.isfunction) if name.startswith("corpuskit_")]


def test_hooks_exist():
    assert set(HOOKS) == {
        "corpuskit_register_stages", "corpuskit_register_executors", "corpuskit_run_started",
        "corpuskit_stage_finished", "corpuskit_run_finished", "corpuskit_run_failed",
    }


@pytest.mark.parametrize("name", HOOKS)
def test_each_hook_is_documented_and_tested(name):
    doc = inspect.getdoc(getattr(specs, name))
    assert doc and len(doc) > 40, f"{name} needs a docstring that states its contract"
    tests = "\n".join(p.read_text() for p in Path(__file__).parents[1].rglob("test_*.py"))
    assert f"def {name}(" in tests, f"{name} has no test implementing it"


class Recorder:
    def __init__(self):
        self.calls = []

    @hookimpl
    def corpuskit_run_started(self, run):
        self.calls.append(("started", run.name, run.executor))

    @hookimpl
    def corpuskit_stage_finished(self, run, stage, stats):
        self.calls.append(("stage", stage, stats.docs_in, stats.docs_out))

    @hookimpl
    def corpuskit_run_finished(self, run, result):
        self.calls.append(("finished", result.docs_out))

    @hookimpl
    def corpuskit_run_failed(self, run, error):
        self.calls.append(("failed", type(error).__name__))


PIPELINE = {
    "name": "hooks",
    "stages": [
        {"read_jsonl": {"paths": ["in.jsonl"]}},
        {"length_filter": {"min_words": 2}},
        "exact_dedup",
        {"write_jsonl": {"path": "out.jsonl"}},
    ],
}


def test_lifecycle_hooks_fire_in_order(tmp_path, make_plugins):
    write_jsonl(tmp_path / "in.jsonl", [{"text": "a b c"}, {"text": "a b c"}, {"text": "x"}])
    recorder = Recorder()
    plugins = make_plugins(recorder)
    Pipeline.from_dict(PIPELINE, plugins=plugins).run()
    assert recorder.calls == [
        ("started", "hooks", "serial"),
        ("stage", "0:read_jsonl", 3, 3),
        ("stage", "1:length_filter", 3, 2),
        ("stage", "2:exact_dedup", 2, 1),
        ("stage", "3:write_jsonl", 1, 1),
        ("finished", 1),
    ]


def test_run_failed_hook(tmp_path, make_plugins):
    recorder = Recorder()
    plugins = make_plugins(recorder)
    write_jsonl(tmp_path / "in.jsonl", [{"text": "a b"}])
    pipeline = Pipeline.from_dict({**PIPELINE, "stages": [{"read_jsonl": {"paths": ["in.jsonl"], "on_error": "fail"}},
                                                         {"write_jsonl": {"path": "out.jsonl"}}]}, plugins=plugins)
    (tmp_path / "in.jsonl").write_text("{broken\n")
    with pytest.raises(Exception, match=r"in.jsonl:1: malformed json"):
        pipeline.run()
    assert recorder.calls[0][0] == "started"
    assert recorder.calls[-1] == ("failed", "DataError")


class InlineExecutorPlugin:
    """Registers an executor under a new name through the executor hook."""

    used = 0

    @hookimpl
    def corpuskit_register_executors(self, registry):
        plugin = self

        class Inline(SerialExecutor):
            name = "inline"

            def map(self, fn, tasks, on_done=None):
                plugin.used += len(tasks)
                return super().map(fn, tasks, on_done)

        registry.add("inline", Inline)


def test_executor_from_a_plugin(tmp_path, make_plugins):
    write_jsonl(tmp_path / "in.jsonl", [{"text": "a b c"}, {"text": "d e f"}])
    plugin = InlineExecutorPlugin()
    plugins = make_plugins(plugin)
    result = Pipeline.from_dict({**PIPELINE, "executor": "inline"}, plugins=plugins).run()
    assert result.executor == "inline"
    assert plugin.used > 0
    assert result.docs_out == 2


class StagePlugin:
    @hookimpl
    def corpuskit_register_stages(self, registry):
        from tests.stagelib import FailOn

        registry.add(FailOn)


def test_register_stages_hook_adds_stages(make_plugins):
    plugins = make_plugins(StagePlugin())
    assert plugins.stages.get("test.fail_on").kind == "clean"
