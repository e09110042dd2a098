"""``corpuskit run --resume`` after ``corpuskit run`` was killed with SIGKILL in the middle."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from corpuskit import Pipeline, ResumeError

CLI = [sys.executable, "-m", "corpuskit"]
WORDS = [
    "the", "council", "budget", "school", "teacher", "city", "plan", "river", "bridge", "road", "market", "price",
    "energy", "report", "court", "judge", "team", "match", "season", "player", "coach", "storm", "harbour", "museum",
]

CONFIG = """\
name: resumable
executor: local
workers: 2
stages:
  - read_jsonl: {paths: [corpus.jsonl], shard_size: 40000}
  - normalize
  - length_filter: {min_words: 10}
  - exact_dedup
  - write_jsonl: {path: out/result.jsonl}
"""


def write_corpus(path: Path, n: int, seed: int = 5) -> Path:
    """``n`` short documents; every 9th repeats an earlier one, a fifth are too short."""
    rng = random.Random(seed)
    texts: list[str] = []
    with open(path, "wb") as fh:
        for i in range(n):
            if i and i % 9 == 0:
                text = texts[rng.randrange(len(texts))]
            else:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 60))) + f" {i}."
            texts.append(text)
            fh.write(orjson.dumps({"id": f"d{i:05d}", "text": text}) + b"\n")
    return path


def corpuskit(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=240)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def kill_in_the_middle(config: str, run_dir: Path) -> int:
    """Start ``corpuskit run``, SIGKILL it (and its workers) once the first shard is done."""
    proc = subprocess.Popen([*CLI, "run", config, "--run-dir", str(run_dir), "-q"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    markers = run_dir / "markers"
    deadline = time.monotonic() + 120
    try:
        while not any(markers.glob("seg0-shard*.json")):
            assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "no shard finished in 120s"
            time.sleep(0.002)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    return len(list(markers.glob("seg*-shard*.json")))


@pytest.fixture
def resumable(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus.jsonl", 20_000)
    (tmp_path / "run.yaml").write_text(CONFIG)
    return tmp_path


def test_resume_after_sigkill_finishes_with_identical_output_and_skips_done_shards(resumable: Path) -> None:
    corpuskit("run", "run.yaml", "--run-dir", "reference", "-q")
    expected = Path("out/result.jsonl").read_bytes()
    expected_rejects = Path("reference/rejects.jsonl").read_bytes()
    expected_stats = orjson.loads(Path("reference/stats.json").read_bytes())
    shutil.rmtree("out")
    shard_count = len(orjson.loads(Path("reference/plan.json").read_bytes())["shards"])
    assert shard_count >= 10

    done = kill_in_the_middle("run.yaml", Path("killed"))
    assert 1 <= done < 2 * shard_count  # killed in the middle: some shard tasks done, not all
    assert not Path("out/result.jsonl").exists()  # nothing half-written under the final name

    # how a run executes is not part of what it computes: resume it serially in this process
    resumed = corpuskit("run", "run.yaml", "--run-dir", "killed", "--resume", "--executor", "serial")
    assert f"resumed: skipped {done} of {2 * shard_count} shard tasks" in resumed.stdout
    assert Path("out/result.jsonl").read_bytes() == expected
    assert Path("killed/rejects.jsonl").read_bytes() == expected_rejects  # skipped shards' rejects too
    stats = orjson.loads(Path("killed/stats.json").read_bytes())
    assert stats["run"]["skipped_shards"] == done
    assert [(s["name"], s["in"], s["out"], s["rejected"]) for s in stats["stages"]] == [
        (s["name"], s["in"], s["out"], s["rejected"]) for s in expected_stats["stages"]]
    # what the killed attempt's shards recorded for report.html is kept and merged with the rest
    assert Path("killed/report.json").read_bytes() == Path("reference/report.json").read_bytes()


def test_resume_refuses_when_the_config_changed(resumable: Path) -> None:
    kill_in_the_middle("run.yaml", Path("killed"))
    refused = corpuskit("run", "run.yaml", "--run-dir", "killed", "--resume",
                        "--set", "stages.2.length_filter.min_words=12", check=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "error: cannot resume the run in killed: the pipeline config changed since it started\n"
        "  hint: restore them, or run without --resume to start over")


def test_resume_refuses_when_an_input_file_changed(resumable: Path) -> None:
    kill_in_the_middle("run.yaml", Path("killed"))
    with open("corpus.jsonl", "ab") as fh:
        fh.write(orjson.dumps({"id": "late", "text": "a document added after the run started"}) + b"\n")
    refused = corpuskit("run", "run.yaml", "--run-dir", "killed", "--resume", check=False)
    assert refused.returncode == 2
    assert "cannot resume the run in killed: the input files changed since it started" in refused.stderr


def test_resume_of_a_finished_run_is_refused_and_a_missing_one_explained(tmp_path: Path, make_plugins) -> None:
    write_corpus(tmp_path / "corpus.jsonl", 300)
    pipeline = Pipeline.from_string(CONFIG.replace("shard_size: 40000", "shard_size: 4000"),
                                    plugins=make_plugins())
    with pytest.raises(ResumeError, match="nothing to resume in runs/a: no earlier run"):
        pipeline.run(run_dir="runs/a", resume=True)
    pipeline.run(run_dir="runs/a")
    with pytest.raises(ResumeError, match="the run in runs/a already finished"):
        pipeline.run(run_dir="runs/a", resume=True)


FLAKY = '''
import attrs
from corpuskit import Mapper, hookimpl, stage

@stage("flaky", kind="clean")
@attrs.frozen
class Flaky(Mapper):
    """Raises on documents that say BAD (version {version})."""

    def map(self, doc, ctx):
        if {fail} and "BAD" in doc.text:
            raise ValueError("bad document")
        return doc

@hookimpl
def corpuskit_register_stages(registry):
    registry.add(Flaky)
'''


def test_resume_refuses_when_a_stage_s_code_changed_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "flaky.py").write_text(FLAKY.format(version=1, fail=True))
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": "BAD"}\n')
    (tmp_path / "p.yaml").write_text("plugins: [flaky.py]\nmax_errors: 1\nstages:\n"
                                     "  - read_jsonl: {paths: [in.jsonl]}\n  - flaky\n"
                                     "  - write_jsonl: {path: out.jsonl}\n")
    failed = corpuskit("run", "p.yaml", "--executor", "serial", "--run-dir", "r", check=False)
    assert failed.returncode == 1, failed.stderr
    (tmp_path / "flaky.py").write_text(FLAKY.format(version=2, fail=False))
    refused = corpuskit("run", "p.yaml", "--executor", "serial", "--run-dir", "r", "--resume", check=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "error: cannot resume the run in r: the code of its stages changed since it started ('1:flaky': its source "
        "changed (plugin 'flaky')); the output would mix results of the old and the new code\n"
        "  hint: run without --resume to start over, or resume anyway with --resume --force "
        "(Pipeline.run(resume=True, force=True))")
    forced = corpuskit("run", "p.yaml", "--executor", "serial", "--run-dir", "r", "--resume", "--force", "-q",
                       check=False)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 2


def test_the_fingerprint_records_each_stage_s_distribution_and_version(make_plugins) -> None:
    from corpuskit._run.resume import fingerprint

    pipeline = Pipeline.from_dict({"stages": ["normalize", "news.boilerplate"]}, plugins=make_plugins(news=True))
    code = fingerprint(pipeline.config, [])["code"]
    assert code["0:normalize"]["plugin"] == "corpuskit._stages.text"
    assert code["1:news.boilerplate"]["plugin"] == "news"
    assert code["1:news.boilerplate"]["dist"] == "corpuskit"
    assert code["1:news.boilerplate"]["version"]
    assert len(code["0:normalize"]["source"]) == 64
