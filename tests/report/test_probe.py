"""What shards record for the report, and how their records merge."""

from __future__ import annotations

import logging

import orjson

from corpuskit._document import Document
from corpuskit._report.probe import ShardProbe, length_bin, merge_probes
from corpuskit._run.pipeline import Pipeline
from tests.helpers import corpus_records, write_jsonl


def _probe_of(docs: list[Document], shard: int, sample: int = 3) -> dict:
    probe = ShardProbe(shard, sample=sample, rejects=2, audit=[("1:x", "x")])
    list(probe.watch_loaded(iter(docs)))
    list(probe.watch_final(iter(docs)))
    return probe.to_dict()


def test_the_sample_is_the_same_however_the_documents_are_split_into_shards():
    docs = [Document(f"d{i}", f"text {i}", {"language": "en"}) for i in range(40)]
    one = merge_probes([_probe_of(docs, 0)], sample=3, rejects=2)
    four = merge_probes([_probe_of(docs[i::4], i) for i in range(4)], sample=3, rejects=2)
    assert [d["id"] for d in one["documents"]] == [d["id"] for d in four["documents"]]
    assert len(one["documents"]) == 3
    assert one["languages"] == four["languages"] == [("en", 40)]
    assert one["lengths"] == four["lengths"]


def test_removed_lines_entities_stories_and_clusters_are_counted():
    meta = {"x": {"removed": [{"line": "Menu", "reason": "nav", "lineno": 1}]}, "story_size": 2,
            "entities": [{"name": "Ada Lovelace", "type": "person", "count": 3, "forms": ["Ada", "Ada Lovelace"]}]}
    docs = [Document("a", "body", meta), Document("b", "body", meta)]
    probe = ShardProbe(0, sample=5, rejects=1, audit=[("1:x", "x")])
    list(probe.watch_final(iter(docs)))
    for copy in ("c", "d"):
        probe.watch_reject({"stage": "2:minhash", "reason": "duplicate",
                            "document": {"id": copy, "text": "body", "meta": {"duplicate_of": "a"}}})
    merged = merge_probes([orjson.loads(orjson.dumps(probe.to_dict()))], sample=5, rejects=1)
    assert merged["removed"] == [["1:x", "nav", 2]]
    assert merged["lines"] == [["1:x", "nav", "Menu", 2]]
    assert merged["entities"] == [["Ada Lovelace", "person", 2, 6, ["Ada", "Ada Lovelace"]]]
    assert merged["stories"] == [(2, 1)]
    assert merged["clusters"] == {"2:minhash": [(3, 1)]}
    assert [len(g["documents"]) for g in merged["rejected"]] == [1]  # one per stage and reason, as asked


def test_length_bins_double_every_two_bins():
    assert [length_bin(n) for n in (0, 1, 2, 3, 4, 1000)] == [0, 1, 3, 4, 5, 20]


def test_a_probe_that_breaks_stops_recording_and_the_documents_still_flow():
    probe = ShardProbe(0, sample=2, rejects=1, audit=[("1:x", "x")])
    docs = [Document("a", "t", {"x": {"removed": [{"line": object()}]}}), Document("b", "t", {})]
    probe.audit = [("1:x", "x")]
    out = list(probe.watch_final(iter([Document("a", "t", {"language": 3}), *docs])))
    assert [d.id for d in out] == ["a", "a", "b"]


def test_a_report_that_cannot_be_written_never_fails_the_run(tmp_path, make_plugins, caplog, monkeypatch):
    write_jsonl(tmp_path / "in.jsonl", corpus_records(30))

    def broken(run_dir):
        raise RuntimeError("the page could not be rendered")

    monkeypatch.setattr("corpuskit._run.report.render_report", broken)
    stages = [{"read_jsonl": {"paths": [str(tmp_path / "in.jsonl")]}}, "exact_dedup",
              {"write_jsonl": {"path": str(tmp_path / "o.jsonl")}}]
    pipeline = Pipeline.from_dict({"name": "t", "stages": stages}, plugins=make_plugins())
    with caplog.at_level(logging.WARNING, logger="corpuskit.report"):
        result = pipeline.run(executor="serial", run_dir=tmp_path / "run")
    assert result.docs_out == 26 and (tmp_path / "o.jsonl").is_file()
    assert "report.html was not written: RuntimeError: the page could not be rendered" in caplog.text
    assert not (tmp_path / "run" / "report.html").exists()
    assert (tmp_path / "run" / "report.json").is_file()


def test_any_stage_that_declares_its_audit_key_has_its_removed_lines_counted(tmp_path, make_plugins):
    """c4_quality, written without the report in mind, shows up through @stage(audit_key=...)."""
    prose = " ".join(f"This is sentence number {i} of a page about the weather in town." for i in range(6))
    records = [{"id": f"p{i}", "text": f"Home\nAccept cookies: see our privacy policy.\n{prose}"} for i in range(3)]
    write_jsonl(tmp_path / "in.jsonl", records)
    stages = [{"read_jsonl": {"paths": [str(tmp_path / "in.jsonl")]}}, "c4_quality",
              {"write_jsonl": {"path": str(tmp_path / "o.jsonl")}}]
    Pipeline.from_dict({"name": "c4", "stages": stages}, plugins=make_plugins()).run(
        executor="serial", run_dir=tmp_path / "run")
    recorded = orjson.loads((tmp_path / "run" / "report.json").read_bytes())
    assert recorded["audit"] == [["1:c4_quality", "c4_quality"]]
    assert sorted(recorded["removed"]) == [["1:c4_quality", "no terminal punctuation", 3],
                                           ["1:c4_quality", "policy", 3]]


def test_reasons_that_carry_values_cannot_make_the_sample_grow_without_bound():
    probe = ShardProbe(0, sample=1, rejects=2)
    for i in range(500):
        probe.watch_reject({"stage": "1:f", "reason": f"ratio {i / 1000}", "document": {"id": f"d{i}", "text": "x"}})
    merged = merge_probes([probe.to_dict(), probe.to_dict()], sample=1, rejects=2)
    assert len(merged["rejected"]) == 101
    other = next(g for g in merged["rejected"] if g["reason"] == "(other reasons)")
    assert len(other["documents"]) == 2


def test_a_shard_whose_records_cannot_be_written_costs_the_report_that_shard_never_the_run(
        tmp_path, make_plugins, caplog, monkeypatch):
    write_jsonl(tmp_path / "in.jsonl", corpus_records(30))

    def broken(self):
        raise TypeError("cannot be serialised")

    monkeypatch.setattr(ShardProbe, "to_dict", broken)
    stages = [{"read_jsonl": {"paths": [str(tmp_path / "in.jsonl")]}},
              {"write_jsonl": {"path": str(tmp_path / "o.jsonl")}}]
    with caplog.at_level(logging.WARNING, logger="corpuskit.report"):
        result = Pipeline.from_dict({"name": "t", "stages": stages}, plugins=make_plugins()).run(
            executor="serial", run_dir=tmp_path / "run")
    assert result.docs_out == 30 and (tmp_path / "o.jsonl").is_file()
    assert "its records for report.html were not written: TypeError: cannot be serialised" in caplog.text
    assert (tmp_path / "run" / "report.html").is_file()
