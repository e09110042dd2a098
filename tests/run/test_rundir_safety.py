"""The run directory deletes only what it created, refuses names that escape, and holds one run at a time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._errors import RunDirError
from corpuskit._run.rundir import RunDir
from tests.helpers import REPO

CLI = [sys.executable, "-m", "corpuskit"]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
CONFIG = "name: t\nstages:\n  - read_jsonl: {paths: [corpus.jsonl]}\n  - write_jsonl: {path: out.jsonl}\n"


@pytest.fixture
def config(corpus: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(CONFIG)
    return path


def corpuskit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=ENV, timeout=120)


def test_a_run_dir_that_is_a_users_folder_is_refused_and_left_alone(config, tmp_path):
    folder = tmp_path / "project"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "precious.txt").write_text("mine")
    (folder / "config.yaml").write_text("mine too")
    done = corpuskit("run", str(config), "--run-dir", str(folder), "--executor", "serial")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {folder} is not a corpuskit run directory (it has no .corpuskit-run) "
                                  "and is not empty (config.yaml, data); corpuskit resets only directories it created")
    assert (folder / "data" / "precious.txt").read_text() == "mine"
    assert (folder / "config.yaml").read_text() == "mine too"


def test_a_run_dir_corpuskit_created_is_reset_for_the_next_run(config, tmp_path):
    assert corpuskit("run", str(config), "--run-dir", "run", "--executor", "serial").returncode == 0
    assert (tmp_path / "run" / ".corpuskit-run").is_file()
    (tmp_path / "run" / "notes.txt").write_text("the user's")
    again = corpuskit("run", str(config), "--run-dir", "run", "--executor", "serial")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "run" / "notes.txt").read_text() == "the user's"  # not ours: never deleted


@pytest.mark.parametrize("name", ["../escaped", "/tmp/elsewhere", "a/b", ".."])
def test_a_name_that_leads_elsewhere_is_a_config_error_at_the_name(tmp_path, corpus, name):
    (tmp_path / "p.yaml").write_text(f"name: {name!r}\n" + CONFIG.split("\n", 1)[1])
    with pytest.raises(ConfigError) as failed:
        Pipeline.from_yaml(tmp_path / "p.yaml")
    assert str(failed.value).startswith(f"{tmp_path / 'p.yaml'}:1:7: name: expected a name without path separators")
    assert not (tmp_path / "escaped").exists()


def write_holder_script(tmp_path: Path) -> Path:
    script = tmp_path / "holder.py"
    script.write_text(
        "from corpuskit import Pipeline\n"
        "from corpuskit._plugins.manager import Plugins, get_plugin_manager\n"
        "from tests import faultstages\n"
        "pm = get_plugin_manager(autoload=False, extra=[faultstages]); pm.check_pending()\n"
        "spec = {'name': 't', 'stages': [{'read_jsonl': {'paths': ['corpus.jsonl']}},\n"
        "        {'test.slow': {'seconds': 1.0}}, {'write_jsonl': {'path': 'slow.jsonl'}}]}\n"
        "if __name__ == '__main__':\n"
        "    Pipeline.from_dict(spec, plugins=Plugins(pm)).run(executor='serial', run_dir='run')\n")
    return script


def test_a_second_run_on_a_held_run_dir_exits_2_naming_the_first(config, tmp_path):
    first = subprocess.Popen([sys.executable, str(write_holder_script(tmp_path))], env=ENV, cwd=tmp_path,
                             stderr=subprocess.PIPE)
    lock = tmp_path / "run" / ".lock"
    deadline = time.monotonic() + 60
    try:
        while not (lock.exists() and lock.read_bytes()):
            assert first.poll() is None, first.stderr.read()
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.01)
        holder = orjson.loads(lock.read_bytes())
        second = corpuskit("run", str(config), "--run-dir", "run", "--executor", "serial")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
        first.stderr.close()
    assert holder["pid"] == first.pid
    assert second.returncode == 2
    assert second.stderr.startswith(f"error: the run directory run is in use by another run "
                                    f"(pid {first.pid}, started {holder['started']})")
    assert not (tmp_path / "out.jsonl").exists()
    # the lock died with its holder: the directory is free again
    assert corpuskit("run", str(config), "--run-dir", "run", "--executor", "serial").returncode == 0


def test_the_lock_is_released_when_the_run_ends(corpus, make_plugins, tmp_path):
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}, {"write_jsonl": {"path": "o"}}]}
    pipeline = Pipeline.from_dict(spec, plugins=make_plugins())
    pipeline.run(run_dir="run")
    pipeline.run(run_dir="run")  # one after the other in one process: no refusal
    with RunDir(tmp_path / "run").locked(), pytest.raises(RunDirError, match="is in use by another run"):
        pipeline.run(run_dir="run")
