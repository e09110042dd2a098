"""The runner end to end in the library: outputs, rejects, stats, executors, errors."""

from __future__ import annotations

import orjson
import pytest

from corpuskit import Document, Pipeline, RunError, StageError
from tests import stagelib
from tests.helpers import corpus_records, read_jsonl, write_jsonl


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(stagelib)


def pipeline(plugins, *stages, **top):
    spec = {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 2000}}, *stages,
                                    {"write_jsonl": {"path": "out/result.jsonl"}}], **top}
    return Pipeline.from_dict(spec, plugins=plugins)


DEDUP = ["normalize", {"length_filter": {"min_words": 5}}, "exact_dedup"]


def test_serial_and_local_write_identical_records(corpus, plugins, tmp_path):
    p = pipeline(plugins, *DEDUP)
    serial = p.run(executor="serial", run_dir=tmp_path / "r1")
    first = (tmp_path / "out/result.jsonl").read_bytes()
    local = p.run(executor="local", workers=2, run_dir=tmp_path / "r2")
    assert (tmp_path / "out/result.jsonl").read_bytes() == first
    assert serial.shards > 2  # the single input file was split into byte ranges
    assert serial.docs_out == local.docs_out
    assert {label: st.to_dict()["out"] for label, st in serial.stats.items()} == {
        label: st.to_dict()["out"] for label, st in local.stats.items()}


def test_dedup_keeps_the_first_copy_in_input_order(corpus, plugins, tmp_path):
    result = pipeline(plugins, *DEDUP).run()
    kept = read_jsonl(tmp_path / "out/result.jsonl")
    records = corpus_records()
    seen, copies = set(), []
    for r in records:
        if len(r["text"].split()) >= 5:
            if r["text"] in seen:
                copies.append(r["id"])
            seen.add(r["text"])
    assert len(copies) == 7
    kept_ids = [r["id"] for r in kept]
    assert not set(copies) & set(kept_ids)
    assert kept_ids == sorted(kept_ids)  # input order is kept across shards
    rejects = read_jsonl(result.rejects)
    dups = [r for r in rejects if r["reason"] == "duplicate"]
    assert sorted(r["document"]["id"] for r in dups) == sorted(copies)
    original = {r["id"]: r for r in records}
    for r in dups:
        assert original[r["document"]["meta"]["duplicate_of"]]["text"] == original[r["document"]["id"]]["text"]
        assert r["stage"] == "3:exact_dedup"


def test_stats_balance_and_run_directory(corpus, plugins, tmp_path):
    result = pipeline(plugins, *DEDUP).run(run_dir=tmp_path / "run")
    stats = orjson.loads((tmp_path / "run/stats.json").read_bytes())
    for st in stats["stages"]:
        assert st["in"] == st["out"] + sum(st["rejected"].values()), st
    by_name = {st["name"]: st for st in stats["stages"]}
    assert by_name["2:length_filter"]["rejected"] == {"below min_words=5": 7}
    assert by_name["0:read_jsonl"]["in"] == 60
    assert (tmp_path / "run/config.yaml").exists()
    assert (tmp_path / "run/report.txt").read_text().startswith("run t: 60 documents in")
    assert sorted(p.name for p in (tmp_path / "run/markers").iterdir())[0] == "seg0-reduce.json"
    assert not (tmp_path / "run/data").exists()  # scratch removed after success
    assert result.rejected == len(read_jsonl(tmp_path / "run/rejects.jsonl"))


def test_stage_exception_rejects_the_document_with_its_last_frame(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"id": "a", "text": "fine"}, {"id": "b", "text": "BOOM here"},
                                          {"id": "c", "text": "fine too"}])
    result = pipeline(plugins, "test.fail_on").run()
    assert [r["id"] for r in read_jsonl(tmp_path / "out/result.jsonl")] == ["a", "c"]
    (reject,) = read_jsonl(result.rejects)
    assert reject["stage"] == "1:test.fail_on"
    assert reject["reason"] == "error: ValueError"
    assert reject["detail"].startswith("ValueError: cannot handle b (at stagelib.py:")
    assert "in map)" in reject["detail"]


def test_too_many_consecutive_errors_stop_the_run(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"id": str(i), "text": "BOOM"} for i in range(5)])
    with pytest.raises(StageError) as err:
        pipeline(plugins, "test.fail_on", max_errors=3).run()
    assert str(err.value).startswith("stage '1:test.fail_on' raised on 3 documents in a row (max_errors=3)")
    assert err.value.exit_code == 1


def test_errors_that_are_not_consecutive_do_not_stop_the_run(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"id": str(i), "text": "BOOM" if i % 2 else "ok"} for i in range(10)])
    result = pipeline(plugins, "test.fail_on", max_errors=2).run()
    assert result.docs_out == 5


def test_silently_lost_documents_fail_the_run(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"text": f"t{i}"} for i in range(4)])
    with pytest.raises(RunError, match=r"documents disappeared silently \(1:test.lose: in=4 out=2 rejected=0\)"):
        pipeline(plugins, "test.lose").run()


def test_setup_runs_once_per_worker(tmp_path, plugins):
    write_jsonl(tmp_path / "corpus.jsonl", [{"text": f"text number {i} " * 30} for i in range(200)])
    pipeline(plugins, "test.setup_counter").run(executor="local", workers=2)
    assert {r["meta"]["setups"] for r in read_jsonl(tmp_path / "out/result.jsonl")} == {1}


def test_empty_input(tmp_path, plugins):
    (tmp_path / "corpus.jsonl").write_bytes(b"")
    result = pipeline(plugins, *DEDUP).run()
    assert result.docs_out == 0
    assert (tmp_path / "out/result.jsonl").read_bytes() == b""


def test_two_global_stages_in_a_row(corpus, plugins, tmp_path):
    result = pipeline(plugins, "exact_dedup", {"exact_dedup": {"ignore_case": True}}).run(executor="local",
                                                                                         workers=2)
    assert result.stats["1:exact_dedup"].rejected["duplicate"] > 0
    assert result.stats["2:exact_dedup"].docs_in == result.stats["1:exact_dedup"].docs_out


def test_unwritable_run_directory_is_a_clear_error(corpus, plugins, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(RunError, match=r"cannot prepare the run directory .*file/run: Not a directory"):
        pipeline(plugins, "normalize").run(run_dir=blocker / "run")


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_prepare_hands_per_document_work_from_map_to_apply(tmp_path, plugins, executor):
    write_jsonl(tmp_path / "corpus.jsonl", [{"id": f"d{i}", "text": "w " * (i % 7 + 1)} for i in range(40)])
    result = pipeline(plugins, "test.word_rank").run(executor=executor, workers=2)
    out = read_jsonl(tmp_path / "out/result.jsonl")
    assert all("_words" not in r["meta"] for r in out)
    assert [r["meta"]["words"] for r in out] == [i % 7 + 1 for i in range(40)]
    assert sorted(r["meta"]["rank"] for r in out) == list(range(1, 41))
    assert result.stats["1:test.word_rank"].counters["prepared"] == 40  # once per document


def test_prepare_in_memory(plugins):
    texts = ["a b c", "a", "a b"]
    pipeline = Pipeline.from_dict({"stages": ["test.word_rank"]}, plugins=plugins)
    docs = pipeline.process(Document(str(i), t) for i, t in enumerate(texts))
    assert [(d.meta["words"], d.meta["rank"]) for d in docs] == [(3, 1), (1, 3), (2, 2)]
