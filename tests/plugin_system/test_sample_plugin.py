"""A real third-party plugin package, installed with pip, driven through the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.helpers import REPO, write_jsonl

SAMPLE = REPO / "tests" / "plugins" / "sample_plugin"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A temporary environment (a --target directory) with the sample plugin installed by pip."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    import shutil

    shutil.copytree(SAMPLE, build / "sample", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(build / "sample")], check=True, capture_output=True, timeout=300)
    assert list(target.glob("corpuskit_sample-1.2.3.dist-info"))
    return target


def corpuskit(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    env.pop("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run([sys.executable, "-m", "corpuskit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_listed_by_plugins(site, tmp_path):
    proc = corpuskit(site, "plugins", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "sample 1.2.3 [corpuskit-sample]\n  module: corpuskit_sample\n  stages: sample.shout" in proc.stdout


def test_documented_by_stages(site, tmp_path):
    proc = corpuskit(site, "stages", "sample.shout", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("sample.shout (clean) from plugin sample")
    assert "min_words: an integer (default: 0)" in proc.stdout
    assert "documents with fewer words are rejected" in proc.stdout


def test_used_in_a_pipeline_with_rejects_recorded(site, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "hello there world"}, {"id": "b", "text": "hi"}])
    (tmp_path / "p.yaml").write_text(
        "name: sample\nstages:\n  - read_jsonl: {paths: [in.jsonl]}\n  - sample.shout: {min_words: 2}\n"
        "  - write_jsonl: {path: out.jsonl}\n")
    proc = corpuskit(site, "run", "p.yaml", "--workers", "2", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = [orjson.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert [(r["id"], r["text"], r["meta"]["shouted"]) for r in out] == [("a", "HELLO THERE WORLD", True)]
    rejects = [orjson.loads(line) for line in (tmp_path / ".corpuskit/runs/sample/rejects.jsonl").read_bytes()
               .splitlines()]
    assert [(r["stage"], r["reason"], r["document"]["id"]) for r in rejects] == [("1:sample.shout", "too short", "b")]


def test_blocked_by_env(site, tmp_path):
    env_proc = subprocess.run(
        [sys.executable, "-m", "corpuskit", "plugins"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)]),
             "CORPUSKIT_DISABLE_PLUGINS": "sample"})
    assert "sample.shout" not in env_proc.stdout
