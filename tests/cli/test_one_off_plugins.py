"""One-off plugins: a pipeline file's `plugins:` list and `--plugin` (docs/plugins.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from corpuskit import Pipeline, load_plugins
from tests.helpers import upper_plugin_source

ROOT = Path(__file__).resolve().parents[2]

SHOUT = upper_plugin_source("shout")


def _corpuskit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins")]),
           "CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run([sys.executable, "-m", "corpuskit", *args], capture_output=True, text=True, env=env, cwd=cwd)


def _project(tmp_path: Path, plugins_line: str) -> Path:
    project = tmp_path / "project"
    (project / "stages").mkdir(parents=True)
    (project / "stages" / "shout_stage.py").write_text(SHOUT)
    (project / "in.jsonl").write_text("".join(f'{{"id": "d{i}", "text": "doc {i}"}}\n' for i in range(6)))
    (project / "p.yaml").write_text(f"{plugins_line}stages:\n  - read_jsonl: {{paths: [in.jsonl]}}\n  - shout\n"
                                    "  - write_jsonl: {path: out.jsonl}\n")
    return project


def test_a_plugin_file_named_by_the_pipeline_file_runs_in_worker_processes(tmp_path: Path) -> None:
    project = _project(tmp_path, "plugins: [stages/shout_stage.py]\n")
    done = _corpuskit("run", "p.yaml", "--executor", "local", "--workers", "2", "-q", cwd=project)
    assert done.returncode == 0, done.stderr
    assert '"text":"DOC 0"' in (project / "out.jsonl").read_text()


def test_plugin_option_on_the_command_line(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    done = _corpuskit("run", "p.yaml", "--executor", "serial", "-q", "--plugin", "stages/shout_stage.py", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "DOC 5" in (project / "out.jsonl").read_text()
    described = _corpuskit("stages", "shout", "--plugin", "stages/shout_stage.py", cwd=project)
    assert described.stdout.startswith("shout (clean) from plugin shout_stage")


def test_a_missing_plugin_file_is_a_config_error(tmp_path: Path) -> None:
    project = _project(tmp_path, "plugins: [stages/nope.py]\n")
    done = _corpuskit("validate", "p.yaml", cwd=project)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: p.yaml:1:11: plugin file 'stages/nope.py' not found (looked at "
                                  f"{project / 'stages' / 'nope.py'})")


def test_plugins_in_a_pipeline_given_through_the_api(tmp_path: Path) -> None:
    project = _project(tmp_path, "plugins: [stages/shout_stage.py]\n")
    pipeline = Pipeline.from_yaml(project / "p.yaml", plugins=load_plugins(autoload=False))
    assert [s.name for s in pipeline.config.stages] == ["read_jsonl", "shout", "write_jsonl"]
    assert pipeline.config.resolved()["plugins"] == ["stages/shout_stage.py"]
