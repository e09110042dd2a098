"""One bad plugin breaks nothing else: it is named with the reason and disabled (docs/plugins.md)."""

from __future__ import annotations

import types

import attrs
import pytest

from corpuskit import ConfigError, Mapper, Pipeline, PluginError, hookimpl, param, stage
from corpuskit._stages.kinds import StageInfo


def _plugin(*classes, hook=True):
    module = types.ModuleType("bad_plugin")

    def corpuskit_register_stages(registry):
        for cls in classes:
            registry.add(cls)

    module.corpuskit_register_stages = hookimpl(corpuskit_register_stages) if hook else corpuskit_register_stages
    return module


@stage("bad.untyped", kind="clean")
@attrs.frozen
class Untyped(Mapper):
    """A parameter without a type."""

    limit = attrs.field(default=10)

    def map(self, doc, ctx):
        return doc


@attrs.frozen
class BadName(Mapper):
    """A name with spaces and capitals."""

    def map(self, doc, ctx):
        return doc


BadName.__corpuskit_stage__ = StageInfo(name="Bad Name!", kind="clean", cls=BadName)


@stage("bad.fine", kind="clean")
@attrs.frozen
class Fine(Mapper):
    """Registered by the same plugin as a broken stage: withdrawn with it."""

    n: int = param(1, doc="n")

    def map(self, doc, ctx):
        return doc


def test_a_parameter_without_a_type_is_a_registration_error(make_plugins):
    plugins = make_plugins(named={"bad": _plugin(Fine, Untyped)})
    assert plugins.broken["bad"].startswith(
        "plugin 'bad': stage 'bad.untyped' (Untyped): parameter 'limit' has no type annotation\n"
        "  hint: annotate it, e.g. `limit: int = param(..., doc=...)`")
    assert "bad.fine" not in plugins.stages  # withdrawn with its plugin


def test_an_invalid_stage_name_is_a_registration_error(make_plugins):
    plugins = make_plugins(named={"bad": _plugin(BadName)})
    assert plugins.broken["bad"].startswith("plugin 'bad': stage name 'Bad Name!' (BadName) is not a valid name")


def test_a_bad_kind_names_the_stage_and_the_closest_kind():
    with pytest.raises(PluginError) as err:
        stage("x.y", kind="filter")
    assert str(err.value) == ("stage 'x.y': kind must be one of load, clean, deduplicate, extract, export, not 'filter'"
                              "\n  hint: valid: clean, deduplicate, export, extract, load")


def test_functions_without_hookimpl_are_reported(make_plugins, caplog):
    plugins = make_plugins(named={"forgot": _plugin(Fine, hook=False)})
    assert plugins.warnings == ["plugin 'forgot' defines corpuskit_register_stages without @hookimpl, so corpuskit "
                                "never calls them; decorate them with @corpuskit.hookimpl"]
    assert "without @hookimpl" in caplog.text


def test_a_pipeline_using_a_broken_plugin_says_it_failed_to_load(make_plugins):
    plugins = make_plugins(named={"bad": _plugin(Fine, Untyped)})
    assert Pipeline.from_dict({"stages": ["normalize"]}, plugins=plugins).name == "pipeline"
    with pytest.raises(ConfigError) as err:
        Pipeline.from_dict({"stages": ["bad.fine"]}, plugins=plugins)
    assert str(err.value).startswith(
        "<dict>: stages.0: stage 'bad.fine' comes from plugin 'bad', which failed to load: plugin 'bad': "
        "stage 'bad.untyped' (Untyped): parameter 'limit' has no type annotation\n"
        "  hint: fix or reinstall the plugin ('corpuskit plugins' lists broken plugins)")
