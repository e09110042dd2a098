"""A pipeline file cannot make corpuskit run code through Ray's runtime_env (it is data)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from corpuskit import ConfigError, Pipeline
from tests.helpers import REPO

pytest.importorskip("ray")

EVIL = "from pathlib import Path\nPath('ran').write_text('code from the pipeline file ran')\ndef hook():\n    pass\n"


def test_a_runtime_env_in_the_pipeline_file_is_refused_and_nothing_runs(corpus, tmp_path):
    (tmp_path / "evil.py").write_text(EVIL)
    (tmp_path / "p.yaml").write_text(
        "executor: ray\nray:\n  runtime_env: {py_modules: [.], worker_process_setup_hook: evil.hook}\n"
        "stages:\n  - read_jsonl: {paths: [corpus.jsonl]}\n  - write_jsonl: {path: out.jsonl}\n")
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", "p.yaml", "--workers", "1"], capture_output=True,
                          text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ray.runtime_env: a pipeline file cannot set a Ray runtime_env: it can ship "
                                  "and run code on every node")
    assert "hint: pass it explicitly, as code you chose to run: 'corpuskit run --ray-runtime-env FILE'" in done.stderr
    assert not (tmp_path / "ran").exists()
    assert not (tmp_path / "out.jsonl").exists()


def test_a_runtime_env_for_another_executor_is_refused(corpus, make_plugins):
    spec = {"stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}, {"write_jsonl": {"path": "o.jsonl"}}]}
    with pytest.raises(ConfigError, match="a Ray runtime_env was given, but the executor is 'serial'"):
        Pipeline.from_dict(spec, plugins=make_plugins()).run(ray_runtime_env={"env_vars": {"A": "1"}})
