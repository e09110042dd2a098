"""The library API: building pipelines, run(), process() on documents in memory."""

from __future__ import annotations

import gc
import logging
import multiprocessing

import pytest

from corpuskit import Document, Pipeline, StageError
from corpuskit._run.setup_cache import fewer_collections
from tests import stagelib
from tests.helpers import read_jsonl


def test_from_yaml_string_and_dict_agree(make_plugins):
    plugins = make_plugins()
    text = "name: x\nstages:\n  - normalize\n  - length_filter: {min_words: 2}\n"
    a = Pipeline.from_string(text, plugins=plugins).config.resolved()
    b = Pipeline.from_dict({"name": "x", "stages": ["normalize", {"length_filter": {"min_words": 2}}]},
                           plugins=plugins).config.resolved()
    assert a == b


def test_process_streams_documents_and_skips_load_and_export(make_plugins):
    pipeline = Pipeline.from_dict({"stages": [
        {"read_text": {"paths": ["does-not-matter/*.txt"]}},
        "normalize", {"length_filter": {"min_words": 2}}, "exact_dedup",
        {"write_jsonl": {"path": "never-written.jsonl"}},
    ]}, plugins=make_plugins())
    docs = [Document("a", "hello   world"), Document("b", "hi"), Document("c", "hello world")]
    rejects, stats = [], {}
    out = list(pipeline.process(docs, rejects=rejects, stats=stats))
    assert [(d.id, d.text) for d in out] == [("a", "hello world")]
    assert [(r["document"]["id"], r["reason"]) for r in rejects] == [("b", "below min_words=2"), ("c", "duplicate")]
    assert stats["3:exact_dedup"].docs_in == 2
    assert "4:write_jsonl" not in stats


def test_process_is_lazy_for_streaming_stages(make_plugins):
    pipeline = Pipeline.from_dict({"stages": ["normalize"]}, plugins=make_plugins())

    def endless():
        i = 0
        while True:
            yield Document(str(i), f" doc {i} ")
            i += 1

    stream = pipeline.process(endless())
    assert [next(stream).text for _ in range(3)] == ["doc 0", "doc 1", "doc 2"]


def test_library_prints_nothing_and_respects_logging(corpus, capsys, caplog, make_plugins):
    """No printing; stages log through ``corpuskit.stage.<label, dots as _>``; the caller's configuration decides."""
    plugins = make_plugins(stagelib)
    caplog.set_level(logging.DEBUG)
    root, ours = logging.getLogger(), logging.getLogger("corpuskit")

    def configuration():
        return [(lg.level, list(lg.handlers), lg.propagate, lg.disabled) for lg in (root, ours)]

    before = configuration()
    Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}, "normalize", "test.log"]},
                       plugins=plugins).run()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert configuration() == before  # no handler added, no level or propagation changed
    ids = [record["id"] for record in read_jsonl(corpus)]
    assert all(r.name.split(".")[0] == "corpuskit" for r in caplog.records)  # its own logger hierarchy
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("corpuskit.stage.")] == [
        ("corpuskit.stage.2:test_log", "INFO", f"saw {doc_id}") for doc_id in ids]

    caplog.clear()
    caplog.set_level(logging.WARNING, logger="corpuskit")  # the caller turns corpuskit's INFO off
    out = list(Pipeline.from_dict({"stages": ["test.log"]}, plugins=plugins).process([Document("a", "x")]))
    assert [d.id for d in out] == ["a"]
    assert [r for r in caplog.records if r.levelno < logging.WARNING] == []
    assert capsys.readouterr().out == ""


def test_a_serial_run_collects_less_often_while_shards_run_and_restores_the_callers_thresholds(make_plugins,
                                                                                               corpus):
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": [str(corpus)]}}, "test.gc_threshold",
                                       {"write_jsonl": {"path": "out.jsonl"}}]},
                           plugins=make_plugins(stagelib)).run(executor="serial")
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
    assert {r["meta"]["gc_threshold"] for r in read_jsonl("out.jsonl")} == {10_000}


def test_a_serial_run_that_fails_in_a_shard_restores_the_callers_thresholds(make_plugins, corpus):
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        with pytest.raises(StageError, match=r"sys\.exit"):
            Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": [str(corpus)]}}, "test.exit",
                                           {"write_jsonl": {"path": "out.jsonl"}}]},
                               plugins=make_plugins(stagelib)).run(executor="serial")
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def _threshold_after_a_shard(queue) -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        pass
    queue.put(gc.get_threshold()[0])


def test_a_worker_process_keeps_collecting_less_after_its_first_shard():
    # a worker's later tasks (a reduce) run with the setting prepared() gives the worker for its life
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_threshold_after_a_shard, args=(queue,))
    worker.start()
    worker.join(60)
    assert queue.get(timeout=10) == 10_000
