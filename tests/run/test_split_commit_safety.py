"""A split output's files are committed as one set: a killed commit leaves the previous set intact."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from corpuskit import Pipeline, RunError, hookimpl
from corpuskit._run import commit_set
from tests.run.test_split_outputs import CLI, REPO, corpuskit, tree, write_corpus

# An exporter that is write_jsonl, except that with STUCK_MARK set, its commit of the
# file for 'fr' stops (after writing it under its staging name) until it is killed.
STUCK = '''
import os
import threading
from collections.abc import Callable
from pathlib import Path

import attrs

from corpuskit import hookimpl, stage
from corpuskit._stages.writers import WriteJsonl


@stage("test.stuck_jsonl", kind="export")
@attrs.frozen
class StuckJsonl(WriteJsonl):
    """write_jsonl whose commit of the 'fr' file never returns when STUCK_MARK is set."""

    def commit(self, parts, ctx):
        done = WriteJsonl.commit(self, parts, ctx)
        mark = os.environ.get("STUCK_MARK")
        if mark and "/fr/" in self.path:
            Path(mark).write_text(self.path)
            threading.Event().wait()
        return done


@hookimpl
def corpuskit_register_stages(registry):
    registry.add(StuckJsonl)
'''

CONFIG = """\
name: safe
plugins: [stuck.py]
stages:
  - read_jsonl: {paths: [corpus.jsonl], shard_size: 3000}
  - test.stuck_jsonl: {path: "out/{meta.lang}/part.jsonl", max_records_per_file: 10}
"""


def visible(root: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree(root).items() if not Path(name).name.startswith(".")}


def kill_when(cwd: Path, args: list[str], ready: Callable[[], bool], **env: str) -> None:
    """Start ``corpuskit ARGS``, SIGKILL it (and its workers) as soon as ``ready()``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "plugins")]), **env}
    proc = subprocess.Popen([*CLI, *args, "-q"], cwd=cwd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while not ready():
            assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "not ready to be killed in 120s"
            time.sleep(0.002)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()


def kill_during_commit(cwd: Path, executor: str) -> str:
    """Kill a run once its commit has staged the 'fr' file; the staged file's name."""
    mark = cwd / "stuck.mark"
    kill_when(cwd, ["run", "p.yaml", "--executor", executor, "--workers", "2"], mark.exists, STUCK_MARK=str(mark))
    return mark.read_text()


@pytest.mark.parametrize(("executor", "then"), [("serial", "run"), ("local", "resume")])
def test_a_commit_killed_while_writing_its_files_leaves_the_previous_files_intact(tmp_path, executor, then):
    (tmp_path / "stuck.py").write_text(STUCK)
    (tmp_path / "p.yaml").write_text(CONFIG)
    write_corpus(tmp_path / "corpus.jsonl", 120)
    corpuskit(tmp_path, "run", "p.yaml", "--executor", "serial")
    good = visible(tmp_path / "out")
    assert "fr/part-00000.jsonl" in good and "en/part-00001.jsonl" in good

    write_corpus(tmp_path / "corpus.jsonl", 300)  # more documents: more files, and every file different
    staged = kill_during_commit(tmp_path, executor)
    assert Path(tmp_path / staged).exists()  # the killed commit had written files under staging names
    assert visible(tmp_path / "out") == good  # ... and renamed none: the previous set is intact
    assert (tmp_path / ".corpuskit/runs/safe/commit.json").exists()

    done = corpuskit(tmp_path, "run", "p.yaml", "--executor", "serial", *(["--resume"] if then == "resume" else []))
    assert "removed the staged files of an earlier run, stopped before its commit" in done.stderr
    after = tree(tmp_path / "out")
    assert not [n for n in after if Path(n).name.startswith(".corpuskit-") and not n.startswith(".corpuskit-files")]
    assert len(visible(tmp_path / "out")) > len(good)
    assert not (tmp_path / ".corpuskit/runs/safe/commit.json").exists()
    corpuskit(tmp_path, "run", "p.yaml", "--executor", "local", "--run-dir", "again")
    assert tree(tmp_path / "out") == after  # what the resumed or rerun commit wrote is what a clean run writes


def test_a_commit_stopped_while_renaming_is_finished_by_the_next_run(tmp_path, monkeypatch, make_plugins):
    write_corpus(tmp_path / "corpus.jsonl", 200)
    monkeypatch.chdir(tmp_path)
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 3000}},
                                    {"write_jsonl": {"path": "out/{meta.lang}/part.jsonl", "max_records_per_file": 9}}]}
    Pipeline.from_dict(spec, plugins=make_plugins()).run(executor="serial", run_dir="run")
    expected = tree(tmp_path / "out")
    for f in (tmp_path / "out").rglob("part-*.jsonl"):
        f.write_bytes(b"old\n")
    renamed = []

    def stop_after_three(final, staging):  # called just before each rename of the commit
        if len(renamed) == 3:
            raise KeyboardInterrupt  # as a kill would: nothing after it runs
        renamed.append(final)

    with monkeypatch.context() as m:
        m.setattr(commit_set, "keep_mode", stop_after_three)
        with pytest.raises(KeyboardInterrupt):
            Pipeline.from_dict(spec, plugins=make_plugins()).run(executor="serial", run_dir="run")
    assert sum(f.read_bytes() == b"old\n" for f in (tmp_path / "out").rglob("part-*.jsonl")) > 3  # a half set
    with open(tmp_path / "corpus.jsonl", "ab") as fh:  # the next run may even be of another input
        fh.write(orjson.dumps({"id": "new", "text": "x", "lang": "zz"}) + b"\n")
    assert commit_set.recover_commit(*_run_dir(tmp_path / "run")) == (
        "finished the commit of an earlier run, stopped while it renamed its files into place")
    assert tree(tmp_path / "out") == expected


def test_two_exporters_that_would_write_one_file_fail_the_run(tmp_path, monkeypatch, make_plugins):
    write_corpus(tmp_path / "corpus.jsonl", 20)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out/en.jsonl").write_bytes(b"good\n")
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}},
                                    {"write_jsonl": {"path": "out/{meta.lang}.jsonl"}},
                                    {"write_jsonl": {"path": "out/{meta.lang}.jsonl", "compression": "gzip"}}]}
    with pytest.raises(RunError) as failed:
        Pipeline.from_dict(spec, plugins=make_plugins()).run(executor="serial", run_dir="run")
    assert str(failed.value).startswith(
        "stages '1:write_jsonl' and '2:write_jsonl' would both write 'out/___up.jsonl'; nothing was committed")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["en.jsonl"]
    assert (tmp_path / "out/en.jsonl").read_bytes() == b"good\n"


def _run_dir(root: Path):
    from corpuskit._run.resume import recorded_key
    from corpuskit._run.rundir import RunDir
    rd = RunDir(root)
    return rd, recorded_key(rd)


def test_resume_after_a_kill_mid_run_writes_the_same_files(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 3000)
    (tmp_path / "p.yaml").write_text(CONFIG.replace("plugins: [stuck.py]\n", "").replace(
        "test.stuck_jsonl", "write_jsonl").replace("shard_size: 3000", "shard_size: 20000"))
    corpuskit(tmp_path, "run", "p.yaml", "--executor", "serial", "--run-dir", "whole")
    expected = tree(tmp_path / "out")
    markers = tmp_path / "killed/markers"
    kill_when(tmp_path, ["run", "p.yaml", "--workers", "2", "--run-dir", "killed"],
              lambda: any(markers.glob("seg0-shard*.json")))
    corpuskit(tmp_path, "run", "p.yaml", "--run-dir", "killed", "--resume", "--executor", "serial")
    assert tree(tmp_path / "out") == expected


class _IdLines:
    def __init__(self, path):
        self._fh = open(path, "w")  # noqa: SIM115 - closed by close()

    def write(self, doc):
        self._fh.write(doc.id + "\n")

    def close(self):
        self._fh.close()


class _Elsewhere:
    """A plugin with an exporter whose commit ignores its path (writes 'elsewhere.txt')."""

    @staticmethod
    def stage_class():
        import attrs

        from corpuskit import Exporter, param, stage

        @stage("test.elsewhere", kind="export")
        @attrs.frozen
        class Elsewhere(Exporter):
            """Writes every part to elsewhere.txt, whatever its path says."""

            path: str = param(doc="ignored by commit")

            def outputs(self):
                return {"path": self.path}

            def open_part(self, path, ctx):
                return _IdLines(path)

            def commit(self, parts, ctx):
                Path("elsewhere.txt").write_text("x")
                return ["elsewhere.txt"]

        return Elsewhere

    @hookimpl
    def corpuskit_register_stages(self, registry):
        registry.add(self.stage_class())


def test_an_exporter_whose_commit_ignores_its_path_fails_the_run_naming_it(tmp_path, monkeypatch, make_plugins):
    write_corpus(tmp_path / "corpus.jsonl", 8)
    monkeypatch.chdir(tmp_path)
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}},
                                    {"test.elsewhere": {"path": "out/{meta.lang}.txt"}}]}
    with pytest.raises(RunError) as failed:
        Pipeline.from_dict(spec, plugins=make_plugins(_Elsewhere())).run(executor="serial", run_dir="run")
    assert str(failed.value).startswith("stage '1:test.elsewhere': commit() did not write the file its 'path' names "
                                        "(out/.corpuskit-")
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").iterdir() if p.suffix == ".txt"]
