"""Small things plugin authors and users noticed: serial's workers, aligned stage lists, plugin names."""

from __future__ import annotations

import attrs
import orjson

from corpuskit import Mapper, Pipeline, hookimpl, load_plugins, stage
from corpuskit._plugins.stagedoc import stage_lines
from tests import stagelib


def test_serial_is_one_worker_whatever_was_asked(make_plugins, corpus):
    result = Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": [str(corpus)]}}, "normalize"]},
                                plugins=make_plugins()).run(executor="serial", workers=2, run_dir="r")
    assert result.workers == 1
    assert orjson.loads((result.run_dir / "stats.json").read_bytes())["run"]["workers"] == 1
    assert ", serial x1)" in (result.run_dir / "report.txt").read_text()


@stage("a_plugin_with_a_long_name.stage_with_a_long_name", kind="clean")
@attrs.frozen
class Long(Mapper):
    """A stage with a name of more than twenty characters."""

    def map(self, doc, ctx):
        return doc


class LongPlugin:
    @hookimpl
    def corpuskit_register_stages(self, registry):
        registry.add(Long)


def test_stage_columns_stay_aligned_for_long_names(make_plugins):
    plugins = make_plugins(named={"long": LongPlugin()})
    lines = stage_lines(list(plugins.stages))
    kinds = {line.index(" clean ") for line in lines if " clean " in line}
    assert len(kinds) == 1
    assert any(line.startswith("a_plugin_with_a_long_name.stage_with_a_long_name  clean") for line in lines)


def test_extra_plugins_are_named_after_their_module():
    plugins = load_plugins(autoload=False, extra=[stagelib, LongPlugin()])
    names = [info.name for info in plugins.infos()]
    assert "tests.stagelib" in names
    assert "tests.cli.test_small_things.LongPlugin" in names
    assert plugins.stages.get("test.fail_on").plugin == "tests.stagelib"
