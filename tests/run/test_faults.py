"""Faults during a run: a worker killed mid-shard, an unwritable output, a full disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from corpuskit import Pipeline, RunError
from corpuskit._io import files as fileio
from corpuskit._stages import writers
from tests import faultstages
from tests.helpers import corpus_records, write_jsonl


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(faultstages)


def pipeline(plugins, *stages, out: str = "out/result.jsonl", **top):
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 1500}},
                                    "normalize", *stages, "exact_dedup", {"write_jsonl": {"path": out}}], **top}
    return Pipeline.from_dict(spec, plugins=plugins)


@pytest.fixture
def marked_corpus(tmp_path: Path) -> Path:
    """The shared corpus with one document, in a middle shard, carrying the DIE marker."""
    records = corpus_records(120)
    records[70]["text"] += " DIE"
    return write_jsonl(tmp_path / "corpus.jsonl", records)


def test_a_worker_killed_mid_shard_is_retried_and_the_output_is_identical(marked_corpus, plugins, tmp_path):
    expected_run = pipeline(plugins, {"test.die_once": {"flag": str(tmp_path / "never"), "marker": "NOPE"}})
    expected_run.run(executor="serial", run_dir="ref")
    expected = Path("out/result.jsonl").read_bytes()
    Path("out/result.jsonl").unlink()

    flag = tmp_path / "died"
    result = pipeline(plugins, {"test.die_once": {"flag": str(flag), "times": 2}}, retries=2).run(
        executor="local", workers=2, run_dir="faulty")
    assert Path(f"{flag}.1").exists() and Path(f"{flag}.2").exists()  # it really died, twice
    assert Path(f"{flag}.1").read_text() != str(os.getpid())  # in a worker, not here
    assert Path("out/result.jsonl").read_bytes() == expected
    assert result.stats["2:test.die_once"].docs_in == 120


def test_a_worker_that_keeps_dying_fails_the_run_after_retries(marked_corpus, plugins, tmp_path):
    flag = tmp_path / "died"
    with pytest.raises(RunError) as failed:
        pipeline(plugins, {"test.die_once": {"flag": str(flag), "times": 5}}, retries=1).run(
            executor="local", workers=2, run_dir="faulty")
    assert "a worker process died while running work unit" in str(failed.value)
    assert "(2 attempts, retries=1)" in str(failed.value)
    assert "hint: 'corpuskit run --resume' (Pipeline.run(resume=True)) continues it" in str(failed.value)
    assert not Path("out/result.jsonl").exists()


def test_an_unwritable_output_directory_fails_before_any_work(marked_corpus, plugins, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # root ignores permissions
        locked.chmod(0o700)
        locked = tmp_path / "a-file"
        locked.write_text("not a directory")
    try:
        with pytest.raises(RunError) as failed:
            pipeline(plugins, out=str(locked / "result.jsonl")).run(run_dir="run")
    finally:
        if locked.is_dir():
            locked.chmod(0o700)
    message = str(failed.value)
    assert message.startswith("stage '3:write_jsonl' cannot write its output: ")
    assert str(locked) in message
    assert "hint: check the output path and its permissions" in message
    assert not list(Path("run").glob("markers/*"))  # nothing ran
    assert not (locked / "result.jsonl").exists()


class _FullDisk:
    """A file object whose writes fail with ENOSPC once ``limit`` bytes were written."""

    def __init__(self, real, limit: int) -> None:
        self._real, self._left = real, limit

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), getattr(self._real, "name", None))
        self._left -= len(data)
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._real.close()


def test_a_full_disk_while_committing_leaves_nothing_under_the_final_name(corpus, plugins, monkeypatch):
    real_open_write = fileio.open_write
    monkeypatch.setattr(fileio, "open_write",
                        lambda path, compression: _FullDisk(real_open_write(path, compression), 2000))
    with pytest.raises(RunError) as failed:
        pipeline(plugins).run(executor="serial", run_dir="run")
    assert str(failed.value).startswith("stage '3:write_jsonl' could not write its output: No space left on device")
    assert os.listdir("out") == []  # neither the final name nor a temporary


def test_a_full_disk_while_writing_a_part_is_a_clear_error(corpus, plugins, monkeypatch):
    real_init = writers.JsonlPartWriter.__init__

    def init(self, path, fields):
        real_init(self, path, fields)
        self._fh = _FullDisk(self._fh, 1000)

    monkeypatch.setattr(writers.JsonlPartWriter, "__init__", init)
    with pytest.raises(RunError) as failed:
        pipeline(plugins).run(executor="serial", run_dir="run")
    message = str(failed.value)
    assert message.startswith("shard 0 of segment 1 failed: No space left on device: ")
    assert "hint: check free disk space" in message
    assert not Path("out/result.jsonl").exists()
