"""The corpuskit command: CliRunner for each command, and a real subprocess end to end."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import orjson
import pytest
from click.testing import CliRunner

from corpuskit.cli import main
from tests.helpers import REPO, read_jsonl, write_jsonl


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", "1")
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def config(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "one two three"}, {"id": "b", "text": "one two three"},
                                       {"id": "c", "text": "short"}])
    path = tmp_path / "p.yaml"
    path.write_text("name: demo\nexecutor: serial\nstages:\n  - read_jsonl: {paths: [in.jsonl]}\n"
                    "  - length_filter: {min_words: 2}\n  - exact_dedup\n  - write_jsonl: {path: out.jsonl}\n")
    return path


def test_run_writes_output_and_prints_summary(cli, config, tmp_path):
    result = cli("run", str(config))
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["a"]
    assert "run demo: 3 documents in, 1 out, 2 rejected" in result.output
    assert "2:exact_dedup: duplicate: 1" in result.output


def test_run_quiet_prints_nothing(cli, config):
    result = cli("run", str(config), "--quiet")
    assert result.exit_code == 0 and result.output == ""


def test_run_with_overrides(cli, config, tmp_path):
    result = cli("run", str(config), "--set", "stages.1.length_filter.min_words=1", "--workers", "1")
    assert result.exit_code == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["a", "c"]


def test_config_errors_exit_2_without_traceback(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages:\n  - read_jsonl: {paths: [in.jsonl]}\n  - lenght_filter\n")
    result = cli("run", str(bad))
    assert result.exit_code == 2
    from corpuskit import load_plugins

    valid = ", ".join(sorted(load_plugins(autoload=False).stages.names()))  # the list grows with the issues
    assert "exact_dedup, " in valid and "length_filter, " in valid
    assert result.output == (
        f"error: {bad}:3:5: stages.1: unknown stage 'lenght_filter'\n"
        f"  hint: did you mean 'length_filter'? valid: {valid} ('corpuskit stages' lists them)\n"
    )
    assert "Traceback" not in result.output


def test_missing_config_and_missing_input(cli, tmp_path):
    result = cli("run", "nope.yaml")
    assert result.exit_code == 2 and "error: nope.yaml: pipeline file not found" in result.output
    (tmp_path / "p.yaml").write_text("stages:\n  - read_text: {paths: ['texts/*.txt']}\n")
    result = cli("validate", "p.yaml")
    assert result.exit_code == 2
    assert result.output.startswith("error: p.yaml:2:24: read_text.paths: no file matches 'texts/*.txt'")


def test_run_failure_exits_1(cli, tmp_path):
    (tmp_path / "in.jsonl").write_text("{broken\n")
    (tmp_path / "p.yaml").write_text("executor: serial\nstages:\n  - read_jsonl: {paths: [in.jsonl], on_error: fail}\n")
    result = cli("run", "p.yaml")
    assert result.exit_code == 1
    assert "error: in.jsonl:1: malformed json" in result.output


def test_validate_prints_kinds_and_resolved_config(cli, config):
    result = cli("validate", str(config))
    assert result.exit_code == 0
    assert "valid. pipeline 'demo': 4 stages, 2 segments, 1 input shards" in result.output
    assert "2:exact_dedup    deduplicate from corpuskit._stages.dedup.exact (global)" in result.output
    assert "- length_filter:\n    min_words: 2\n    max_words: null" in result.output


def test_plugins_and_stages(cli):
    result = cli("plugins")
    assert "corpuskit._stages.text 0.1.0 (builtin)" in result.output
    assert "stages: length_filter, normalize" in result.output
    listing = cli("stages").output
    assert re.search(r"^exact_dedup +deduplicate +corpuskit\._stages\.dedup\.exact +Keeps the first", listing, re.M)
    doc = cli("stages", "length_filter").output
    assert doc.startswith("length_filter (clean) from plugin corpuskit._stages.text")
    assert "  min_words: an integer or null (default: None)\n      fewest words kept" in doc
    unknown = cli("stages", "lenght_filter")
    assert unknown.exit_code == 2 and "did you mean 'length_filter'?" in unknown.output


@pytest.mark.parametrize("command", [[], ["run"], ["validate"], ["plugins"], ["stages"], ["new-plugin"]])
def test_every_help_has_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_end_to_end_subprocess_news_pipeline(tmp_path):
    """The real console script on the bundled news pipeline, as the README runs it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    out = tmp_path / "news.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "corpuskit", "run", "configs/news.yaml", "--set", f"stages.-1.write_jsonl.path={out}",
         "--run-dir", str(tmp_path / "run"), "--workers", "2"],
        cwd=REPO, capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(records) == 5
    assert {r["id"] for r in records} == {p.stem for p in (REPO / "seeds").glob("*.txt")}
    assert "run news-seeds: 5 documents in" in proc.stdout
    assert proc.stderr == ""  # no progress bars in a pipe


def test_subprocess_bad_config_exit_code(tmp_path):
    (tmp_path / "p.yaml").write_text("stages: [nope]\n")
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "validate", "p.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: p.yaml:1:10: stages.0: unknown stage 'nope'")
