"""The library API: building pipelines, run(), process() on documents in memory."""

from __future__ import annotations

import logging

from corpuskit import Document, Pipeline
from tests import stagelib


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


def test_library_prints_nothing_and_respects_logging(corpus, capsys, caplog, tmp_path, make_plugins):
    plugins = make_plugins(stagelib)
    caplog.set_level(logging.DEBUG)
    Pipeline.from_dict({"stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}, "normalize"]}, plugins=plugins).run()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
