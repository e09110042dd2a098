"""``timeout``: a stage that hangs on one document rejects it (reason ``timeout``) and goes on."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import orjson
import pytest

from corpuskit import Document, Mapper, Pipeline, StageContext
from corpuskit._run.deadline import Alarm, Deadline, DocumentTimeout
from corpuskit._run.guards import ErrorBudget, run_stream_stage
from corpuskit._stages.stats import StageStats
from tests import faultstages
from tests.helpers import ARTICLE, read_jsonl, write_jsonl


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(faultstages)


@pytest.fixture
def hang_corpus(tmp_path: Path) -> Path:
    records = [{"id": f"d{i}", "text": f"{ARTICLE} Number {i}."} for i in range(12)]
    records[5]["text"] += " HANG"
    return write_jsonl(tmp_path / "corpus.jsonl", records)


def run(plugins, *stages, executor="serial", timeout=1.0, **top):
    spec = {"name": "t", "timeout": timeout, "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 1000}}, *stages,
        {"write_jsonl": {"path": "out/result.jsonl"}}], **top}
    return Pipeline.from_dict(spec, plugins=plugins).run(executor=executor, workers=2, run_dir="run")


def rejects() -> list[dict]:
    return read_jsonl(Path("run/rejects.jsonl"))


@pytest.mark.parametrize(("executor", "how"), [("serial", "sleep"), ("local", "sleep"), ("local", "spin")])
def test_a_hung_document_is_rejected_with_reason_timeout(hang_corpus, plugins, executor, how):
    result = run(plugins, "normalize", {"test.hang_on": {"how": how}}, "exact_dedup", executor=executor)
    stats = result.stats["2:test.hang_on"]
    assert (stats.docs_in, stats.docs_out, dict(stats.rejected)) == (12, 11, {"timeout": 1})
    [reject] = rejects()
    assert (reject["stage"], reject["reason"], reject["document"]["id"]) == ("2:test.hang_on", "timeout", "d5")
    assert reject["detail"] == "stage '2:test.hang_on' spent more than 1s (timeout) on this document"
    assert [r["id"] for r in read_jsonl(Path("out/result.jsonl"))] == [f"d{i}" for i in range(12) if i != 5]


def test_outside_the_main_thread_a_watchdog_interrupts_python_code(hang_corpus, plugins):
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["result"] = run(plugins, {"test.hang_on": {"how": "spin"}})
        except BaseException as exc:  # reported below
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].stats["1:test.hang_on"].rejected == {"timeout": 1}
    assert [r["document"]["id"] for r in rejects()] == ["d5"]


def test_time_spent_upstream_does_not_count_against_a_stage(hang_corpus, plugins):
    # test.slow takes 0.1s per document, well under the 0.6s timeout; length_filter rejects every
    # document, so it pulls them all through test.slow inside one call: 1.2s of upstream time.
    result = run(plugins, {"test.slow": {"seconds": 0.1}}, {"length_filter": {"min_words": 10_000}},
                 timeout=0.6)
    assert result.stats["1:test.slow"].rejected == {}
    assert result.stats["2:length_filter"].rejected == {"below min_words=10000": 12}
    assert {r["reason"] for r in rejects()} == {"below min_words=10000"}


def test_no_timeout_lets_a_slow_document_finish(hang_corpus, plugins):
    result = run(plugins, {"test.hang_on": {"seconds": 0.4}}, timeout=None)
    assert result.stats["1:test.hang_on"].docs_out == 12
    assert not Path("run/rejects.jsonl").read_bytes()


def test_the_timeout_is_restored_for_the_next_document_after_a_reject(hang_corpus, plugins):
    records = [orjson.loads(line) for line in Path("corpus.jsonl").read_bytes().splitlines()]
    records[6]["text"] += " HANG"
    write_jsonl(Path("corpus.jsonl"), records)
    result = run(plugins, {"test.hang_on": {"how": "spin"}})
    assert result.stats["1:test.hang_on"].rejected == {"timeout": 2}
    assert [r["document"]["id"] for r in rejects()] == ["d5", "d6"]


class RecordingAlarm:
    """An Alarm stand-in without a clock: remembers every arm(), ``expire()`` spends the time."""

    def __init__(self) -> None:
        self.armed: list[float] = []
        self.remaining = 0.0

    def arm(self, seconds: float, grace: float = 0.0, owner: object = None) -> None:
        self.armed.append(seconds)
        self.remaining = seconds

    def disarm(self) -> float:
        return self.remaining

    def expire(self) -> None:
        self.remaining = 0.0
        raise DocumentTimeout()


class ExpireOn(Mapper):
    def __init__(self, alarm: RecordingAlarm) -> None:
        self.alarm = alarm

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if doc.id == "bad":
            self.alarm.expire()
        return doc


def test_after_a_timeout_the_stage_is_rearmed_with_a_full_budget_not_the_spent_one():
    # Regression: the spent budget (0s) used to re-arm the alarm as the stage restarted, so the
    # alarm could fire before the next document was read and fail the whole run.
    alarm = RecordingAlarm()
    ctx = StageContext("1:expire", StageStats("1:expire"), [].append)
    docs = [Document(id=i, text="x") for i in ("a", "bad", "b")]
    out = run_stream_stage(ExpireOn(alarm), iter(docs), ctx, ErrorBudget(10), Deadline(alarm, 2.0))
    assert [d.id for d in out] == ["a", "b"]
    assert ctx.stats.rejected == {"timeout": 1}
    assert min(alarm.armed) == 2.0


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_a_signal_handled_after_disarm_does_not_interrupt():
    # Python runs a signal handler some bytecodes after the signal arrived: it can run after the
    # timer was disarmed. Simulate that by delivering SIGALRM by hand once the alarm is disarmed.
    alarm = Alarm()
    try:
        alarm.arm(30)
        alarm.disarm()
        signal.raise_signal(signal.SIGALRM)
        alarm.arm(30)
        with pytest.raises(DocumentTimeout):
            signal.raise_signal(signal.SIGALRM)
    finally:
        alarm.close()
