"""Outputs never overwrite what they should not; refused before any data is read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from corpuskit import ConfigError, Pipeline
from tests.helpers import REPO, read_jsonl


def pipeline(make_plugins, out: str, paths=("corpus.jsonl",), **writer):
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": list(paths)}}, "normalize",
                                    {"write_jsonl": {"path": out, **writer}}]}
    return Pipeline.from_dict(spec, plugins=make_plugins())


def refused(make_plugins, out: str, paths=("corpus.jsonl",)) -> str:
    with pytest.raises(ConfigError) as failed:
        pipeline(make_plugins, out, paths).run(run_dir="run")
    assert not Path("run").exists()  # refused before the run directory was touched
    return str(failed.value)


def test_an_output_that_is_an_input_is_refused(corpus, make_plugins):
    before = corpus.read_bytes()
    message = refused(make_plugins, str(corpus))
    assert message.startswith(f"<dict>: write_jsonl.path: refusing to write '{corpus}': "
                              "it is an input of this pipeline")
    assert corpus.read_bytes() == before


def test_an_output_the_input_glob_would_read_back_is_refused(corpus, make_plugins):
    message = refused(make_plugins, "out/result.jsonl", paths=["**/*.jsonl"])
    assert "refusing to write 'out/result.jsonl': it matches the input pattern '**/*.jsonl' of stage " \
           "'0:read_jsonl', so the next run would read it" in message


def test_an_output_beside_the_input_glob_is_written(corpus, make_plugins):
    pipeline(make_plugins, "out/result.jsonl", paths=["*.jsonl"]).run(run_dir="run")
    assert len(read_jsonl(Path("out/result.jsonl"))) == 60


def test_an_output_in_the_run_directory_is_refused(corpus, make_plugins, tmp_path):
    with pytest.raises(ConfigError, match=r"it is inside the run directory .*/run, whose folders corpuskit empties"):
        pipeline(make_plugins, "run/data/out.jsonl").run(run_dir="run")


@pytest.mark.parametrize("kind", ["symlink", "fifo", "directory"])
def test_an_output_that_is_not_a_regular_file_is_left_alone(corpus, make_plugins, tmp_path, kind):
    target = tmp_path / "out.jsonl"
    if kind == "symlink":
        (tmp_path / "elsewhere").write_text("kept")
        target.symlink_to(tmp_path / "elsewhere")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    message = refused(make_plugins, "out.jsonl")
    article = {"symlink": "a symbolic link", "fifo": "a FIFO", "directory": "a directory"}[kind]
    assert f"refusing to write 'out.jsonl': it is {article}, which an output never replaces" in message
    assert target.is_symlink() if kind == "symlink" else True
    if kind == "fifo":
        assert target.is_fifo()


def test_a_device_output_is_refused_through_the_command_line(corpus, tmp_path):
    # a null device of the test's own (never /dev/null itself: a regression would replace it)
    try:
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    (tmp_path / "p.yaml").write_text("stages:\n  - read_jsonl: {paths: [corpus.jsonl]}\n"
                                     "  - write_jsonl: {path: null}\n".replace("null}", f"'{tmp_path}/null'}}"))
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", "p.yaml", "--executor", "serial"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: p.yaml:3:25: write_jsonl.path: refusing to write '{tmp_path}/null': "
                                  "it is a character device, which an output never replaces")
    assert (tmp_path / "null").is_char_device()


@pytest.mark.parametrize(("param", "other"), [("meta_field", "text_field"), ("text_field", "id_field")])
def test_write_jsonl_fields_that_collide_are_a_config_error(make_plugins, param, other):
    value = {"text_field": "text", "id_field": "id"}[other]
    with pytest.raises(ConfigError) as failed:
        pipeline(make_plugins, "o.jsonl", **{param: value})
    assert f"write_jsonl.{param}: invalid value: '{param}' must differ from {other} (both are '{value}')" \
        in str(failed.value)


def test_a_replaced_output_keeps_its_mode(corpus, make_plugins, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    pipeline(make_plugins, "out.jsonl").run(run_dir="run")
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)
    assert len(read_jsonl(out)) == 60
