"""``timeout`` against a stage that catches BaseException: the run never hangs.

test.swallow hangs on document d5 and swallows ``times`` interruptions; the alarm ticks
again every grace period (here the 0.3 s timeout) until the stage gives control back.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from corpuskit import Document, Pipeline, RunError, StageError
from corpuskit._run.deadline import Alarm, DocumentTimeout, TimeoutSwallowed
from tests import faultstages
from tests.helpers import ARTICLE, read_jsonl, write_jsonl

TIMEOUT = 0.3
SWALLOWED = ("stage '{label}' kept running on document 'd5' two grace periods past its timeout (0.3s): "
             "it catches the DocumentTimeout that interrupts it (a BaseException) and goes on\n"
             "  hint: a stage must let BaseException through: catch Exception instead of BaseException "
             "or a bare 'except:', or re-raise what it does not handle")


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(faultstages)


def corpus() -> list[dict]:
    records = [{"id": f"d{i}", "text": f"{ARTICLE} Number {i}."} for i in range(8)]
    records[5]["text"] += " HANG"
    return records


def run(plugins, tmp_path: Path, times: int, executor: str, **top):
    write_jsonl(tmp_path / "corpus.jsonl", corpus())
    spec = {"name": "t", "timeout": TIMEOUT, "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 1000}}, {"test.swallow": {"times": times}},
        {"write_jsonl": {"path": "out/result.jsonl"}}], **top}
    return Pipeline.from_dict(spec, plugins=plugins).run(executor=executor, workers=1, run_dir="run")


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_swallowed_timeout_is_raised_again_and_the_document_rejected(tmp_path, plugins, executor):
    result = run(plugins, tmp_path, 1, executor)
    assert result.stats["1:test.swallow"].rejected == {"timeout": 1}
    [reject] = read_jsonl(Path("run/rejects.jsonl"))
    assert (reject["reason"], reject["document"]["id"]) == ("timeout", "d5")
    assert [r["id"] for r in read_jsonl(Path("out/result.jsonl"))] == [f"d{i}" for i in range(8) if i != 5]


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_stage_that_keeps_swallowing_fails_the_shard_naming_stage_and_document(tmp_path, plugins, executor):
    with pytest.raises(StageError) as caught:
        run(plugins, tmp_path, 2, executor)
    assert str(caught.value) == SWALLOWED.format(label="1:test.swallow")
    assert not Path("out/result.jsonl").exists()


def test_a_worker_that_swallows_every_interruption_is_stopped(tmp_path, plugins, capfd):
    with pytest.raises(RunError) as caught:
        run(plugins, tmp_path, -1, "local", retries=0)
    assert re.search(r"a worker process died while running work unit \d+ \(1 attempts, retries=0\)", str(caught.value))
    stderr = capfd.readouterr().err
    assert ("corpuskit: stage '1:test.swallow' on document 'd5' swallowed every interruption of its timeout "
            "(it catches BaseException or uses a bare 'except:'); stopping this worker process") in stderr


def process(plugins, times: int, rejects: list) -> list[str]:
    spec = {"name": "t", "timeout": TIMEOUT, "stages": [{"test.swallow": {"times": times}}]}
    docs = [Document(id=r["id"], text=r["text"]) for r in corpus()]
    return [d.id for d in Pipeline.from_dict(spec, plugins=plugins).process(docs, rejects=rejects)]


def test_pipeline_process_rejects_the_document_after_a_swallowed_timeout(plugins):
    rejects: list = []
    assert process(plugins, 1, rejects) == [f"d{i}" for i in range(8) if i != 5]
    assert [(r["reason"], r["document"]["id"]) for r in rejects] == [("timeout", "d5")]


def test_pipeline_process_fails_with_the_error_when_the_stage_keeps_swallowing(plugins):
    with pytest.raises(StageError) as caught:
        process(plugins, 2, [])
    assert str(caught.value) == SWALLOWED.format(label="0:test.swallow")


def swallow_ticks(outcome: dict) -> None:
    """Spins in Python under a fired alarm, swallowing DocumentTimeout until TimeoutSwallowed comes."""
    alarm = Alarm()
    swallowed = 0
    end = time.monotonic() + 10
    try:
        alarm.arm(0.05, 0.05)
        while time.monotonic() < end:
            try:
                while time.monotonic() < end:
                    pass
            except TimeoutSwallowed:
                outcome["escalated_after"] = swallowed
                break
            except DocumentTimeout:
                swallowed += 1
    finally:
        alarm.close()


@pytest.mark.parametrize("where", ["main thread (SIGALRM)", "other thread (watchdog)"])
def test_a_fired_alarm_ticks_twice_then_raises_timeout_swallowed(where):
    outcome: dict = {}
    if where.startswith("main"):
        swallow_ticks(outcome)
    else:
        thread = threading.Thread(target=swallow_ticks, args=(outcome,))
        thread.start()
        thread.join(20)
    assert outcome == {"escalated_after": 2}
