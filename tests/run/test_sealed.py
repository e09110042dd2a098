"""What a run wrote is trusted on --resume only when this run sealed it (a marker of this run, an intact pickle)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import orjson
import pytest

from corpuskit import Pipeline, ResumeError, RunError
from corpuskit._run import sealed
from tests import faultstages
from tests.helpers import corpus_records, write_jsonl


class Pwn:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(faultstages)


def pipeline(plugins, tmp_path: Path) -> Pipeline:
    spec = {"name": "t", "retries": 0, "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 1500}}, "exact_dedup",
        {"test.die_once": {"flag": str(tmp_path / "died")}}, {"write_jsonl": {"path": "out.jsonl"}}]}
    return Pipeline.from_dict(spec, plugins=plugins)


@pytest.fixture
def interrupted(tmp_path: Path, plugins) -> Pipeline:
    """A run that died in its second segment: the first segment's keys and decisions are on disk."""
    records = corpus_records(120)
    records[100]["text"] += " DIE"
    write_jsonl(tmp_path / "corpus.jsonl", records)
    reference = pipeline(plugins, tmp_path)
    (tmp_path / "died.1").write_text("no")  # the reference run does not die
    reference.run(executor="serial", run_dir="ref")
    os.replace("out.jsonl", "expected.jsonl")
    (tmp_path / "died.1").unlink()
    with pytest.raises(RunError, match="a worker process died"):
        pipeline(plugins, tmp_path).run(executor="local", workers=2, run_dir="run")
    return pipeline(plugins, tmp_path)


def unfinished_shard(markers: Path) -> int:
    shards = len(list(markers.glob("seg0-shard*.json")))
    return next(s for s in range(shards) if not (markers / f"seg1-shard{s:06d}.json").exists())


def test_a_swapped_pickle_is_refused_before_it_is_unpickled(interrupted, tmp_path):
    shard = unfinished_shard(tmp_path / "run" / "markers")
    planted = tmp_path / "run" / "decisions" / "seg0" / f"shard-{shard:06d}" / "b00000.pkl"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(pickle.dumps([(0, Pwn())]))
    pattern = rf"^run/decisions/seg0/shard-{shard:06d}/b00000\.pkl was not written by this run"
    with pytest.raises(RunError, match=pattern):
        interrupted.run(executor="serial", run_dir="run", resume=True)
    assert not (tmp_path / "pwned").exists()


def test_a_marker_an_earlier_run_wrote_does_not_count(interrupted, tmp_path):
    markers = tmp_path / "run" / "markers"
    shard = unfinished_shard(markers)
    done = sorted(markers.glob("seg1-shard*.json"))
    # a worker of an earlier run (another key) wrote a marker for the shard that died
    stale = sealed.seal(b"an earlier run's key", {**orjson.loads(done[0].read_bytes()), "shard": shard})
    (markers / f"seg1-shard{shard:06d}.json").write_bytes(orjson.dumps(stale))
    result = interrupted.run(executor="serial", run_dir="run", resume=True)
    assert result.skipped_shards == len(list(markers.parent.glob("markers/seg0-shard*"))) + len(done)
    assert Path("out.jsonl").read_bytes() == Path("expected.jsonl").read_bytes()


def test_a_changed_plan_or_a_missing_key_refuses_to_resume(interrupted, tmp_path):
    plan = tmp_path / "run" / "plan.json"
    original = plan.read_bytes()
    changed = orjson.loads(original)
    changed["shards"] = changed["shards"][:1]
    plan.write_bytes(orjson.dumps(changed))
    with pytest.raises(ResumeError, match=r"its plan\.json was changed after the run wrote it"):
        interrupted.run(executor="serial", run_dir="run", resume=True)
    plan.write_bytes(original)
    key = sealed.key_path(changed["run"])
    assert oct(key.stat().st_mode & 0o777) == oct(0o600)
    assert not key.is_relative_to(tmp_path / "run")
    key.unlink()
    with pytest.raises(ResumeError, match=r"its key is not on this machine for this user \(.*\.state/corpuskit/keys/"):
        interrupted.run(executor="serial", run_dir="run", resume=True)


def test_saved_documents_an_older_version_left_as_json_lines_stop_the_resume_with_a_hint(interrupted, tmp_path):
    shard = unfinished_shard(tmp_path / "run" / "markers")
    saved = tmp_path / "run" / "data" / "seg0" / f"shard-{shard:06d}.pkl"
    saved.rename(saved.with_suffix(".jsonl"))  # where corpuskit wrote them before they were sealed pickles
    with pytest.raises(RunError, match=rf"^run/data/seg0/shard-{shard:06d}\.pkl is missing: .*") as caught:
        interrupted.run(executor="serial", run_dir="run", resume=True)
    assert "run again without --resume" in str(caught.value.hint)
