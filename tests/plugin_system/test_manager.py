"""The plugin manager: builtins through the public hook, entry points, switches, errors."""

from __future__ import annotations

from importlib import metadata

import attrs
import pytest

from corpuskit import Mapper, Pipeline, PluginError, hookimpl, stage
from corpuskit._plugins.manager import BUILTIN_PLUGINS, get_plugin_manager


def fake_entry_points(monkeypatch, *specs):
    eps = [metadata.EntryPoint(name=name, value=value, group="corpuskit") for name, value in specs]

    def entry_points(group=None, **kwargs):
        return [ep for ep in eps if group in (None, ep.group)]

    monkeypatch.setattr("corpuskit._plugins.manager.metadata.entry_points", entry_points)


def test_builtins_register_through_the_public_hook(make_plugins):
    plugins = make_plugins()
    for name in BUILTIN_PLUGINS:
        assert plugins.pm.has_plugin(name)
    assert plugins.stages.get("normalize").plugin == "corpuskit._stages.text"
    assert plugins.executors.names() == ["local", "ray", "serial"]


def test_each_call_builds_a_fresh_manager():
    assert get_plugin_manager(autoload=False) is not get_plugin_manager(autoload=False)


def test_entry_point_plugins_load(monkeypatch, make_plugins):
    fake_entry_points(monkeypatch, ("testlib", "tests.stagelib"))
    plugins = make_plugins(autoload=True, disabled=set())
    assert plugins.stages.get("test.fail_on").plugin == "testlib"
    assert "testlib" in [p.name for p in plugins.infos()]


def test_a_plugin_that_fails_to_import_is_named_and_the_rest_load(monkeypatch, make_plugins, caplog):
    fake_entry_points(monkeypatch, ("broken", "corpuskit_no_such_module_xyz"), ("testlib", "tests.stagelib"))
    plugins = make_plugins(autoload=True, disabled=set())
    assert ("corpuskit: plugin 'broken' failed to import (corpuskit_no_such_module_xyz): ModuleNotFoundError"
            in caplog.text)
    assert "test.fail_on" in plugins.stages
    assert "ModuleNotFoundError" in plugins.failed["broken"]


def test_disable_env_blocks_named_plugins(monkeypatch, make_plugins):
    fake_entry_points(monkeypatch, ("testlib", "tests.stagelib"))
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGINS", "other, testlib")
    plugins = make_plugins(autoload=True)  # disabled: from the environment
    assert "test.fail_on" not in plugins.stages


def test_autoload_switch(monkeypatch, make_plugins):
    fake_entry_points(monkeypatch, ("testlib", "tests.stagelib"))
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert "test.fail_on" not in make_plugins(autoload=None).stages  # autoload: as the environment says
    assert "test.fail_on" in make_plugins(autoload=True, disabled=set()).stages


@stage("normalize", kind="clean")
@attrs.frozen
class OtherNormalize(Mapper):
    """Clashes with the builtin."""

    def map(self, doc, ctx):
        return doc


class Clashing:
    @hookimpl
    def corpuskit_register_stages(self, registry):
        registry.add(OtherNormalize)


def test_duplicate_stage_name_names_both_plugins_and_disables_the_second(make_plugins):
    plugins = make_plugins(named={"clashing-plugin": Clashing()})
    assert plugins.broken["clashing-plugin"].startswith(
        "stage 'normalize' is registered twice: by plugin 'corpuskit._stages.text' "
        "(corpuskit._stages.text.Normalize) and by plugin 'clashing-plugin' "
        "(tests.plugin_system.test_manager.OtherNormalize)"
    )
    assert plugins.stages.get("normalize").plugin == "corpuskit._stages.text"
    assert not plugins.pm.has_plugin("clashing-plugin")


class Unmarked:
    @hookimpl
    def corpuskit_register_stages(self, registry):
        registry.add(dict)


def test_registering_an_unmarked_class_breaks_that_plugin(make_plugins):
    plugins = make_plugins(named={"unmarked": Unmarked()})
    assert plugins.broken["unmarked"].startswith("plugin 'unmarked' registers dict, which is not marked with @stage")


class Misspelled:
    @hookimpl
    def corpuskit_register_stage(self, registry):  # missing the final 's'
        pass


def test_a_misspelt_hook_is_reported_with_did_you_mean_and_the_rest_works(make_plugins, caplog):
    plugins = make_plugins(named={"misspelt": Misspelled()})
    assert plugins.broken["misspelt"] == (
        "plugin 'misspelt' implements an unknown hook 'corpuskit_register_stage'; "
        "did you mean 'corpuskit_register_stages'? (hooks: docs/hooks.md)")
    assert "plugin 'misspelt' is disabled, the other plugins work: plugin 'misspelt' implements" in caplog.text
    pipeline = Pipeline.from_dict({"stages": ["normalize"]}, plugins=plugins)
    assert pipeline.name == "pipeline"


def test_a_stage_without_docstring_is_a_registration_warning(make_plugins, monkeypatch):
    monkeypatch.setattr("corpuskit._stages.text.Normalize.__doc__", None)
    plugins = make_plugins()
    assert "plugin 'corpuskit._stages.text': stage 'normalize' (Normalize) has no docstring; " \
           "'corpuskit stages' shows it as the stage's reference" in plugins.warnings


def test_a_builtin_that_breaks_is_a_plugin_error():
    from corpuskit._plugins.manager import Plugins

    pm = get_plugin_manager(autoload=False)
    pm.unregister(name="corpuskit._stages.readers")
    pm.register(Clashing(), name="corpuskit._stages.readers")  # pretends to be a builtin
    with pytest.raises(PluginError, match=r"builtin plugin 'corpuskit._stages.readers' is broken: stage 'normalize'"):
        Plugins(pm)


def test_bundled_news_plugin_registers_through_its_entry_point(make_plugins):
    eps = [ep for ep in metadata.entry_points(group="corpuskit") if ep.name == "news"]
    assert eps and eps[0].value == "corpuskit_news.plugin"
    plugins = make_plugins(autoload=True, disabled=set())
    assert not plugins.pm.has_plugin("news")  # it declares its stages: imported on first use
    assert plugins.stages.get("news.boilerplate").plugin == "news"
    assert plugins.pm.has_plugin("news")


def test_version_is_exported():
    import corpuskit

    assert corpuskit.__version__ == metadata.version("corpuskit")


def test_trace_hooks_logs_each_call_with_its_plugins(tmp_path):
    import os
    import subprocess
    import sys

    from tests.helpers import REPO

    code = ("import corpuskit, pathlib\n"
            "pathlib.Path('in.jsonl').write_text('{\"id\": \"a\", \"text\": \"x\"}\\n')\n"
            "corpuskit.Pipeline.from_dict({'stages': [{'read_jsonl': {'paths': ['in.jsonl']}}, 'normalize',"
            " {'write_jsonl': {'path': 'out.jsonl'}}]}).run()\n")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'plugins'}", "CORPUSKIT_TRACE_HOOKS": "1",
           "CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "corpuskit: hook corpuskit_register_stages(registry) -> corpuskit._stages.readers\n" in done.stderr
    assert "corpuskit: hook corpuskit_run_started(run) -> no plugin\n" in done.stderr
    assert "corpuskit: hook corpuskit_run_finished(run, result) -> no plugin\n" in done.stderr
