"""The global-stage protocol runs the same code in memory and on disk: same decisions, same guards."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from corpuskit import Document, GlobalStage, Pipeline, Ref, StageContext, hookimpl, stage
from corpuskit._run.disk_store import DiskStore
from corpuskit._run.memory_store import MemoryStore
from corpuskit._run.rundir import RunDir
from tests import faultstages, stagelib
from tests.helpers import ARTICLE, corpus_records, read_jsonl, write_jsonl


@stage("test.bucket_trace", kind="extract")
@attrs.frozen
class BucketTrace(GlobalStage):
    """Every word is a key; each bucket addresses its name to the documents it saw, then
    combine adds one more decision: a document's decisions show the order they arrive in."""

    buckets = 4

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Any:
        for word in sorted(set(doc.text.split()))[:6]:
            yield word, tuple(ref)

    def reduce(self, bucket: int, items: Any, ctx: StageContext) -> Any:
        seen = sorted({tuple(ref) for _, ref in items})
        for ref in seen:
            yield ref, f"b{bucket}"

    def combine(self, partials: Any, ctx: StageContext) -> Any:
        partials = list(partials)
        yield from partials
        for ref in sorted({ref for ref, _ in partials}):
            yield ref, "combined"

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        return doc.with_meta(trace=decisions)


APPLIED: list[str] = []


@stage("test.tag_repeats", kind="extract")
@attrs.frozen
class TagRepeats(GlobalStage):
    """Tags a document whose first word an earlier one had; apply leaves the others as they are."""

    apply_undecided = False

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Any:
        yield doc.text.split()[0], (ref, doc.id)

    def reduce(self, bucket: int, items: Any, ctx: StageContext) -> Any:
        first: dict[str, str] = {}
        for word, (ref, doc_id) in items:
            if word in first:
                yield ref, first[word]
            else:
                first[word] = doc_id

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        APPLIED.append(doc.id)
        return doc.with_meta(repeats=decisions[0]) if decisions else doc


@stage("test.tag_repeats_all", kind="extract")
@attrs.frozen
class TagRepeatsAll(TagRepeats):
    """The same, with apply called on every document."""

    apply_undecided = True


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(BucketTrace)
    registry.add(TagRepeats)
    registry.add(TagRepeatsAll)


@pytest.fixture
def plugins(make_plugins):
    import sys

    return make_plugins(sys.modules[__name__], stagelib, faultstages)


def _spec(*stages: Any, **top: Any) -> dict[str, Any]:
    return {"name": "t", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 1500}}, *stages,
                                    {"write_jsonl": {"path": "out/result.jsonl"}}], **top}


@pytest.mark.parametrize("stages", [
    ["test.bucket_trace"],  # a combine step
    ["test.word_rank"],  # a reduce that routes its decisions itself
    ["normalize", "exact_dedup", "test.bucket_trace", {"minhash": {"threshold": 0.7}}],
])
def test_process_in_memory_and_runs_on_disk_give_the_same_documents(tmp_path, monkeypatch, plugins, stages):
    monkeypatch.chdir(tmp_path)
    records = corpus_records(40)
    write_jsonl(tmp_path / "corpus.jsonl", records)
    pipeline = Pipeline.from_dict(_spec(*stages), plugins=plugins)
    pipeline.run(executor="serial", run_dir=tmp_path / "run")
    on_disk = read_jsonl(tmp_path / "out/result.jsonl")
    docs = [Document(r["id"], r["text"], r["meta"]) for r in records]
    in_memory = [d.to_record() for d in pipeline.process(docs)]
    assert len(on_disk) > 1  # several shards fed the global stages
    for record in on_disk:
        del record["meta"]["source"]  # where the loader read it; the caller's documents have none
    assert in_memory == on_disk


def test_decisions_arrive_bucket_by_bucket_then_combine(tmp_path, plugins):
    docs = [Document(f"d{i}", f"alpha beta gamma delta epsilon zeta {i}") for i in range(3)]
    pipeline = Pipeline.from_dict({"stages": ["test.bucket_trace"]}, plugins=plugins)
    [first, *_] = list(pipeline.process(docs))
    trace = first.meta["trace"]
    assert trace[-1] == "combined"
    assert trace[:-1] == sorted(trace[:-1]) and len(trace) > 2


@pytest.mark.parametrize("make_store", [MemoryStore, lambda: DiskStore(RunDir("run"), 0)])
def test_both_stores_keep_keys_partials_and_decisions_alike(tmp_path, monkeypatch, make_store):
    monkeypatch.chdir(tmp_path)
    store = make_store()
    for shard in (0, 1):
        writer = store.key_writer(shard, 2)
        writer.add_all([(2, ("even", shard)), (3, ("odd", shard))])
        writer.close()
    assert list(store.bucket_items(0, 2)) == [(2, ("even", 0)), (2, ("even", 1))]
    assert list(store.bucket_items(1, 2)) == [(3, ("odd", 0)), (3, ("odd", 1))]
    assert store.write_partials(1, ["p1"]) == 1 and store.write_partials(0, ["p0"]) == 1
    assert list(store.partials(2)) == ["p0", "p1"]
    store.write_decisions("combine", [(Ref(1, 0), "c"), (Ref(0, 3), "c")])
    store.write_decisions("b00001", [(Ref(0, 3), "late"), (Ref(0, 3), "b1"), (Ref(0, 0), "b1")])
    assert store.decisions(0) == {0: ["b1"], 3: ["late", "b1", "c"]}
    assert store.decisions(1) == {0: ["c"]}
    assert store.decisions(2) == {}


@pytest.mark.parametrize("make_store", [MemoryStore, lambda: DiskStore(RunDir("run"), 0)])
def test_both_stores_give_back_the_pairs_keys_yielded_refs_included(tmp_path, monkeypatch, make_store):
    monkeypatch.chdir(tmp_path)
    store = make_store()
    added: list[Any] = []
    for shard in (0, 1):
        writer = store.key_writer(shard, 1)
        for index in range(5000):  # more than one chunk of columns
            ref = Ref(shard, index)
            pairs = [(index, (ref, f"d{index}"))]  # the usual value: the document's own Ref first
            if index % 7 == 0:
                pairs.append((-index, (Ref(shard, index), "a Ref equal to ref, not ref itself")))
            if index % 11 == 0:
                pairs.append(("word", [ref, "a list, not a tuple"]))
                pairs.append((b"bytes", (ref, "three", "items")))
            writer.add_all(pairs, ref)
            added.extend((shard, pair) for pair in pairs)
        writer.close()
    back = list(store.bucket_items(0, 2))
    assert back == [pair for _, pair in added]
    assert [type(value) for _, value in back] == [type(value) for _, (_, value) in added]
    assert all(type(value[0]) is Ref for _, value in back if isinstance(value, tuple) and len(value) == 2)


@pytest.mark.parametrize("executor", ["serial", "local", None])  # None: Pipeline.process
def test_apply_is_called_only_with_decisions_where_the_stage_says_so(tmp_path, monkeypatch, plugins, executor):
    monkeypatch.chdir(tmp_path)
    records = corpus_records(60)
    write_jsonl(tmp_path / "corpus.jsonl", records)
    outputs = {}
    for name in ("test.tag_repeats_all", "test.tag_repeats"):
        APPLIED.clear()
        pipeline = Pipeline.from_dict(_spec(name), plugins=plugins)
        if executor is None:
            outputs[name] = [d.to_record() for d in pipeline.process([Document(r["id"], r["text"]) for r in records])]
        else:
            result = pipeline.run(executor=executor, run_dir=tmp_path / name, workers=2)
            outputs[name] = read_jsonl(tmp_path / "out/result.jsonl")
            [stats] = [st for label, st in result.stats.items() if label.endswith(name)]
            assert stats.docs_in == stats.docs_out == len(records)
        tagged = [r["id"] for r in outputs[name] if "repeats" in r["meta"]]
        if executor != "local":  # the workers' calls are not seen here
            assert sorted(APPLIED) == sorted(r["id"] for r in records if name.endswith("_all") or r["id"] in tagged)
        assert 0 < len(tagged) < len(records)
    assert outputs["test.tag_repeats"] == outputs["test.tag_repeats_all"]


def test_process_applies_the_pipeline_timeout(plugins):
    docs = [Document(f"d{i}", f"{ARTICLE} {i}" + (" HANG" if i == 2 else "")) for i in range(5)]
    pipeline = Pipeline.from_dict({"timeout": 0.5, "stages": [{"test.hang_on": {"how": "spin"}}, "exact_dedup"]},
                                  plugins=plugins)
    rejects: list[dict[str, Any]] = []
    out = list(pipeline.process(docs, rejects=rejects))
    assert [d.id for d in out] == ["d0", "d1", "d3", "d4"]
    assert [(r["stage"], r["reason"], r["document"]["id"]) for r in rejects] == [("0:test.hang_on", "timeout", "d2")]
