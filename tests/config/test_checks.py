"""Validation-time pipeline checks: stages see what runs before them and the meta keys it writes."""

from __future__ import annotations

import attrs
import pytest
from click.testing import CliRunner

from corpuskit import (
    ConfigError,
    Finding,
    Mapper,
    ParamError,
    Pipeline,
    PluginError,
    Upstream,
    hookimpl,
    param,
    stage,
)
from corpuskit.cli import main


@stage("t.needs", kind="clean", writes=[])
@attrs.frozen
class Needs(Mapper):
    """Needs meta[key] written upstream (a warning), and refuses to run after 'forbid'."""

    key: str = param("language", doc="the meta key needed")
    forbid: str = param("", doc="a stage that must not run before this one")

    def check_upstream(self, upstream: Upstream):
        if self.forbid and upstream.has(self.forbid):
            yield Finding.error(f"runs after {self.forbid}", hint=f"move it before {self.forbid}")
        if not upstream.may_write(self.key):
            yield Finding.warning(f"no stage before it writes meta.{self.key}", param="key", at=0)

    def map(self, doc, ctx):
        return doc


@stage("t.writes_lang", kind="clean", writes=["language", "language_*"])
@attrs.frozen
class WritesLang(Mapper):
    """Writes meta.language."""

    def map(self, doc, ctx):
        return doc.with_meta(language="en")


@stage("t.undeclared", kind="clean")
@attrs.frozen
class Undeclared(Mapper):
    """Declares nothing: it may write anything."""

    def map(self, doc, ctx):
        return doc


@stage("t.pattern", kind="clean", writes=[])
@attrs.frozen
class Pattern(Mapper):
    """A parameter whose bad character is pointed at."""

    pattern: str = param("x", doc="a pattern; '!' is not allowed")

    @pattern.validator
    def _no_bang(self, attribute, value):
        if "!" in value:
            raise ParamError("'!' is not allowed here", param=attribute.name, at=value.index("!"),
                             hint="remove the '!'")

    def map(self, doc, ctx):
        return doc


@stage("t.broken_check", kind="clean", writes=[])
@attrs.frozen
class BrokenCheck(Mapper):
    """Its check raises."""

    def check_upstream(self, upstream):
        raise KeyError("oops")

    def map(self, doc, ctx):
        return doc


class _Plugin:
    @hookimpl
    def corpuskit_register_stages(self, registry):
        for cls in (Needs, WritesLang, Undeclared, Pattern, BrokenCheck):
            registry.add(cls)


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(named={"checks": _Plugin()})


def build(text, plugins):
    return Pipeline.from_string(text, plugins=plugins)


def test_warning_when_no_upstream_stage_writes_the_key(plugins):
    text = 'stages:\n  - read_text: {paths: ["*.txt"]}\n  - normalize\n  - t.needs: {key: "language"}\n'
    pipeline = build(text, plugins)
    assert [str(w) for w in pipeline.warnings] == [
        "<string>:4:21: t.needs.key: no stage before it writes meta.language\n"
        "    language\n"
        "    ^"
    ]


@pytest.mark.parametrize("before", ["t.writes_lang", "t.undeclared", "read_jsonl: {paths: [x.jsonl]}"])
def test_no_warning_when_an_upstream_stage_may_write_it(plugins, before):
    loader = "" if before.startswith("read_") else '  - read_text: {paths: ["*.txt"]}\n'
    text = f"stages:\n{loader}  - {before}\n  - t.needs: {{key: language_score}}\n"
    if before == "t.writes_lang":
        text = text.replace("language_score", "language")
    assert build(text, plugins).warnings == ()


def test_pattern_declarations_match_keys(plugins):
    text = "stages:\n  - read_text: {paths: [a]}\n  - t.writes_lang\n  - t.needs: {key: language_score}\n"
    assert build(text, plugins).warnings == ()
    text = text.replace("language_score", "langauge")
    assert len(build(text, plugins).warnings) == 1


def test_pipeline_without_loader_is_open(plugins):
    # Pipeline.process hands the caller's documents in: their meta may hold anything.
    assert build("stages:\n  - t.needs: {key: anything}\n", plugins).warnings == ()


def test_error_finding_is_a_config_error_at_the_stage(plugins):
    text = "stages:\n  - read_text: {paths: [a]}\n  - normalize\n  - t.needs: {forbid: normalize}\n"
    with pytest.raises(ConfigError) as err:
        build(text, plugins)
    assert str(err.value) == "<string>:4:5: t.needs: runs after normalize\n  hint: move it before normalize"
    assert err.value.exit_code == 2


def test_no_error_when_the_stage_comes_first(plugins):
    build("stages:\n  - read_text: {paths: [a]}\n  - t.needs: {forbid: normalize}\n  - normalize\n", plugins)


def test_param_error_points_into_the_value(plugins):
    text = "stages:\n  - t.pattern:\n      pattern: 'ab''c!d'\n"
    with pytest.raises(ConfigError) as err:
        build(text, plugins)
    # the value is ab'c!d; '!' is its 5th character, written at column 22 (after the doubled quote)
    assert str(err.value) == (
        "<string>:3:22: t.pattern.pattern: '!' is not allowed here\n"
        "    ab'c!d\n"
        "        ^\n"
        "  hint: remove the '!'"
    )


def test_param_error_in_a_literal_block(plugins):
    text = "stages:\n  - t.pattern:\n      pattern: |\n        first\n        sec!ond\n"
    with pytest.raises(ConfigError) as err:
        build(text, plugins)
    assert str(err.value).startswith("<string>:5:12: t.pattern.pattern: '!' is not allowed here\n"
                                     "    sec!ond\n       ^\n")


def test_param_error_from_a_dict_points_at_the_stage(plugins):
    with pytest.raises(ConfigError) as err:
        Pipeline.from_dict({"stages": [{"t.pattern": {"pattern": "a!"}}]}, plugins=plugins)
    assert str(err.value).startswith("<dict>: t.pattern.pattern: '!' is not allowed here\n    a!\n     ^")


def test_a_check_that_raises_names_the_stage_and_plugin(plugins):
    with pytest.raises(PluginError) as err:
        build("stages:\n  - t.broken_check\n", plugins)
    assert str(err.value).startswith(
        "stage '0:t.broken_check' (plugin 'checks'): check_upstream() failed: KeyError: 'oops'")


def test_writes_must_be_key_names():
    with pytest.raises(PluginError) as err:
        stage("t.bad", kind="clean", writes=[1])
    assert "writes must be a list of meta key names, not [1]" in str(err.value)


def test_cli_validate_prints_warnings(tmp_path, monkeypatch, plugins):
    monkeypatch.setattr("corpuskit.cli.load_plugins", lambda: plugins)
    (tmp_path / "a.txt").write_text("hello\n")
    path = tmp_path / "p.yaml"
    path.write_text("stages:\n  - read_text: {paths: [a.txt]}\n  - t.needs: {key: lang}\n")
    result = CliRunner().invoke(main, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"warning: {path}:3:20: t.needs.key: no stage before it writes meta.lang\n    lang\n    ^\n" in result.output


def test_builtin_declarations(make_plugins):
    stages = make_plugins().stages
    assert stages.get("read_text").info.writes == ("source",)
    assert stages.get("read_jsonl").info.writes == ("*",)
    assert stages.get("minhash").info.writes == ("dedup", "duplicate_of")
    assert stages.get("normalize").info.writes == ()
