"""Hostile or mistaken pipeline files end in file:line:col errors, never tracebacks or runaway memory."""

from __future__ import annotations

import subprocess
import sys

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._config.yamlpos import MAX_BYTES

READ = "  - read_jsonl: {paths: [in.jsonl]}\n"


@pytest.fixture
def plugins(make_plugins):
    return make_plugins()


def error_of(text, plugins):
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text, plugins=plugins)
    return str(err.value)


@pytest.mark.parametrize("text, expected", [
    ("stages:\n  - read_jsonl: {paths: [!!python/name:os.system in.jsonl]}\n",
     "<string>:2:26: unsupported YAML tag '!!python/name:os.system'"),
    ("stages:\n  - read_jsonl: {paths: [!custom in.jsonl]}\n", "<string>:2:26: unsupported YAML tag '!custom'"),
    ("stages: !!python/tuple [normalize]\n", "<string>:1:9: unsupported YAML tag '!!python/tuple'"),
    ("workers: !!int abc\nstages:\n" + READ,
     "<string>:1:10: cannot read 'abc' as !!int: invalid literal for int() with base 10: 'abc'"),
    ("x: &a [*a]\nstages:\n" + READ,
     "<string>:1:4: an alias refers to the value that contains it (a value cannot contain itself)"),
    ("stages: " + "[" * 100_000 + "]" * 100_000 + "\n", "<string>:1:108: values nested more than 100 levels deep"),
    ("timeout: 0\nstages:\n" + READ, "<string>:1:10: timeout: expected a number above 0 or null, found 0"),
    ("timeout: .nan\nstages:\n" + READ, "<string>:1:10: timeout: expected a number above 0 or null, found nan"),
    ("timeout: .inf\nstages:\n" + READ, "<string>:1:10: timeout: expected a number above 0 or null, found inf"),
    ("buckets: 1.0e+8\nstages:\n" + READ, "<string>:1:10: buckets: expected at most 65536, found 100000000"),
    ("stages:\n  - read_text: {paths: [a], files_per_shard: 0}\n",
     "<string>:2:46: read_text.files_per_shard: invalid value: 'files_per_shard' must be >= 1: 0"),
    ("stages:\n  - read_jsonl: {paths: []}\n",
     "<string>:2:25: read_jsonl.paths: invalid value: Length of 'paths' must be >= 1: 0"),
    ("stages:\n  - read_text: {paths: [a], encoding: bogus}\n",
     "<string>:2:39: read_text.encoding: invalid value: 'encoding' must name a text encoding Python knows"),
    ("stages:\n  - read_jsonl: {paths: [a], shard_size: -5}\n",
     "<string>:2:42: read_jsonl.shard_size: invalid value: 'shard_size' must be >= 1: -5"),
    ("stages:\n  - read_jsonl: {paths: [a], max_document_bytes: 0}\n",
     "<string>:2:50: read_jsonl.max_document_bytes: invalid value: 'max_document_bytes' must be >= 1: 0"),
    ('stages:\n  - write_jsonl: {path: ""}\n',
     "<string>:2:25: write_jsonl.path: invalid value: 'path' must name a file, like out/docs.jsonl: ''"),
    ("stages:\n  - write_jsonl: {path: .}\n",
     "<string>:2:25: write_jsonl.path: invalid value: 'path' must name a file, like out/docs.jsonl: '.'"),
    ("stages:\n  - write_jsonl: {path: out/}\n",
     "<string>:2:25: write_jsonl.path: invalid value: 'path' must name a file, like out/docs.jsonl: 'out/'"),
])
def test_errors_at_file_line_col(text, expected, plugins):
    assert error_of(text, plugins).startswith(expected)


def test_billion_laughs_stops_at_the_value_limit(plugins):
    lines = ['  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "x:\n" + "\n".join(lines) + "\nstages:\n" + READ
    assert error_of(text, plugins).startswith("<string>:2:12: more than 100000 values once aliases are expanded")


def test_a_pipeline_file_over_the_size_limit_is_refused_unread(tmp_path, plugins):
    path = tmp_path / "big.yaml"
    path.write_text("stages:\n  - read_jsonl: {paths: [" + ",".join(["in.jsonl"] * (MAX_BYTES // 9 + 1)) + "]}\n")
    with pytest.raises(ConfigError) as err:
        Pipeline.from_yaml(path, plugins=plugins)
    assert str(err.value).startswith(f"{path}: the pipeline file holds {path.stat().st_size} bytes, more than "
                                     f"the limit of {MAX_BYTES}")


def test_merge_keys_merge_and_written_keys_win(plugins):
    config = Pipeline.from_string(
        "stages:\n  - read_jsonl: &r {paths: [in.jsonl], on_error: fail}\n"
        "  - write_jsonl:\n      <<: [{path: o.jsonl, id_field: x}, {text_field: body}]\n      id_field: y\n",
        plugins=plugins).config
    writer = config.stages[1].stage
    assert (writer.path, writer.id_field, writer.text_field) == ("o.jsonl", "y", "body")


def test_the_cli_shows_no_traceback(tmp_path):
    (tmp_path / "p.yaml").write_text("stages:\n  - read_jsonl: {paths: [!custom in.jsonl]}\n")
    done = subprocess.run([sys.executable, "-m", "corpuskit", "validate", "p.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: p.yaml:2:26: unsupported YAML tag '!custom'")
