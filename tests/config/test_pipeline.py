"""The pipeline file: parsing, env expansion, overrides, and the exact errors users see."""

from __future__ import annotations

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._config.overrides import parse_override


@pytest.fixture
def plugins(make_plugins):
    return make_plugins()


def load(text, plugins, overrides=None):
    return Pipeline.from_string(text, overrides=overrides, plugins=plugins).config


GOOD = """\
name: demo
workers: 2
stages:
  - read_text: {paths: ["*.txt"]}
  - normalize
  - length_filter: {min_words: 5}
  - exact_dedup
  - write_jsonl: {path: out/x.jsonl}
"""


def test_good_file_builds_frozen_objects(plugins):
    config = load(GOOD, plugins)
    assert config.name == "demo"
    assert config.workers == 2
    assert [s.name for s in config.stages] == ["read_text", "normalize", "length_filter", "exact_dedup", "write_jsonl"]
    assert [s.kind for s in config.stages] == ["load", "clean", "clean", "deduplicate", "export"]
    assert config.stages[2].stage.min_words == 5
    assert config.stages[0].stage.paths == ("*.txt",)  # a list of strings becomes a tuple
    with pytest.raises(AttributeError):
        config.stages[2].stage.min_words = 7  # frozen


def test_resolved_has_defaults(plugins):
    resolved = load(GOOD, plugins).resolved()
    assert resolved["stages"][2] == {"length_filter": {"min_words": 5, "max_words": None, "min_chars": None,
                                                      "max_chars": None}}
    assert resolved["max_errors"] == 10


def test_unknown_stage_names_position_and_closest(plugins):
    text = "stages:\n  - read_text: {paths: [a]}\n  - normalise\n"
    with pytest.raises(ConfigError) as err:
        load(text, plugins)
    valid = ", ".join(sorted(plugins.stages.names()))  # every builtin stage; the list grows with the issues
    assert "exact_dedup, " in valid and "normalize, " in valid
    assert str(err.value) == (
        "<string>:3:5: stages.1: unknown stage 'normalise'\n"
        f"  hint: did you mean 'normalize'? valid: {valid} ('corpuskit stages' lists them)"
    )
    assert err.value.exit_code == 2


def test_unknown_parameter(plugins):
    text = "stages:\n  - read_text: {paths: [a]}\n  - length_filter: {min_word: 3}\n"
    with pytest.raises(ConfigError) as err:
        load(text, plugins)
    assert str(err.value) == (
        "<string>:3:21: length_filter.min_word: unknown parameter 'min_word'\n"
        "  hint: did you mean 'min_words'? valid: max_chars, max_words, min_chars, min_words "
        "('corpuskit stages length_filter' documents them)"
    )


def test_wrong_type(plugins):
    text = "stages:\n  - length_filter:\n      min_words: many\n"
    with pytest.raises(ConfigError) as err:
        load(text, plugins)
    assert str(err.value) == (
        "<string>:3:18: length_filter.min_words: expected an integer or null, found 'many' (a string)\n"
        "  hint: fewest words kept"
    )


def test_validator_failure_names_parameter(plugins):
    with pytest.raises(ConfigError) as err:
        load("stages:\n  - length_filter: {min_words: -1}\n", plugins)
    assert str(err.value) == (
        "<string>:2:32: length_filter.min_words: invalid value: 'min_words' must be >= 0: -1\n"
        "  hint: fewest words kept"
    )


def test_missing_required_parameter(plugins):
    with pytest.raises(ConfigError) as err:
        load("stages:\n  - read_text\n", plugins)
    assert "<string>:2:5: read_text.paths: missing required parameter 'paths'" in str(err.value)


def test_invalid_yaml(plugins):
    with pytest.raises(ConfigError) as err:
        load("stages:\n  - read_text: {paths: [a]\n  - normalize\n", plugins)
    assert str(err.value).startswith("<string>:3:3: invalid YAML: expected ',' or '}', but got '-'")


def test_unknown_top_level_key(plugins):
    with pytest.raises(ConfigError) as err:
        load("stagse:\n  - normalize\n", plugins)
    assert str(err.value).startswith("<string>:1:1: unknown key 'stagse'\n  hint: did you mean 'stages'?")


def test_duplicate_key(plugins):
    with pytest.raises(ConfigError, match=r"<string>:2:1: key 'workers' appears twice"):
        load("workers: 1\nworkers: 2\nstages: [normalize]\n", plugins)


def test_unknown_executor(plugins):
    expected = r"<string>:1:11: executor: unknown executor 'lokal'\n  hint: did you mean 'local'"
    with pytest.raises(ConfigError, match=expected):
        load("executor: lokal\nstages: [normalize]\n", plugins)


def test_loader_after_other_stage(plugins):
    with pytest.raises(ConfigError, match="loader 'read_text' comes after other stages"):
        load("stages:\n  - normalize\n  - read_text: {paths: [a]}\n", plugins)


def test_env_expansion(plugins, monkeypatch):
    monkeypatch.setenv("MIN", "7")
    monkeypatch.delenv("UNSET_W", raising=False)
    config = load('workers: ${UNSET_W:-3}\nstages:\n  - length_filter: {min_words: "${MIN}"}\n', plugins)
    assert config.workers == 3
    assert config.stages[0].stage.min_words == 7


def test_env_missing(plugins, monkeypatch):
    monkeypatch.delenv("NOPE_X", raising=False)
    with pytest.raises(ConfigError) as err:
        load("name: ${NOPE_X}\nstages: [normalize]\n", plugins)
    assert str(err.value) == (
        "<string>:1:7: environment variable NOPE_X is not set\n  hint: set it, or give a default: ${NOPE_X:-value}"
    )


def test_overrides_dotted_and_indexed(plugins):
    overrides = [parse_override("stages.2.length_filter.min_words=9"), parse_override("workers=1"),
                 parse_override("stages.0.read_text.paths=[b.txt, c.txt]")]
    config = load(GOOD, plugins, overrides)
    assert config.stages[2].stage.min_words == 9
    assert config.workers == 1
    assert config.stages[0].stage.paths == ("b.txt", "c.txt")


def test_override_of_a_bare_stage_item(plugins):
    text = "stages:\n  - length_filter\n"
    config = load(text, plugins, [parse_override("stages.0.length_filter.max_words=4")])
    assert config.stages[0].stage.max_words == 4


def test_override_error_names_the_flag(plugins):
    with pytest.raises(ConfigError) as err:
        load(GOOD, plugins, [parse_override("stages.2.length_filter.min_words=x")])
    assert str(err.value).startswith("--set stages.2.length_filter.min_words: length_filter.min_words: expected")
    with pytest.raises(ConfigError, match=r"index 9 is out of range \(the list has 5 items\)"):
        load(GOOD, plugins, [parse_override("stages.9.normalize.x=1")])
    with pytest.raises(ConfigError, match="--set expects KEY=VALUE"):
        parse_override("workers")


def test_from_dict_errors_name_the_key(plugins):
    with pytest.raises(ConfigError, match=r"stages.0: unknown stage 'nope'"):
        Pipeline.from_dict({"stages": ["nope"]}, plugins=plugins)
