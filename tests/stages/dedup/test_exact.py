"""exact_dedup through the global-stage protocol."""

from __future__ import annotations

from corpuskit._stages.dedup.exact import ExactDedup


def test_keeps_first_of_equal_normalized_texts(run_stage):
    out = run_stage(ExactDedup(), ["a  b", "c", "a b", "C", "a\u00a0b"])
    assert [d.id for d in out.docs] == ["d0", "d1", "d3"]
    assert [r["document"]["meta"]["duplicate_of"] for r in out.rejects] == ["d0", "d0"]
    assert out.stats.docs_in == 5 and out.stats.docs_out == 3


def test_ignore_case(run_stage):
    out = run_stage(ExactDedup(ignore_case=True), ["Hello", "hello", "HELLO there"])
    assert [d.text for d in out.docs] == ["Hello", "HELLO there"]


def test_empty_and_single(run_stage):
    assert run_stage(ExactDedup(), []).docs == []
    assert run_stage(ExactDedup(), ["only"]).texts == ["only"]


def test_reduce_over_key_columns_decides_as_over_pairs(tmp_path):
    from corpuskit import Document, Ref
    from corpuskit._run.disk_store import DiskStore
    from corpuskit._run.rundir import RunDir
    from corpuskit._stages.context import StageContext
    from corpuskit._stages.stats import StageStats

    stage = ExactDedup()
    ctx = StageContext("exact_dedup", StageStats("exact_dedup"), lambda record: None)
    store = DiskStore(RunDir(tmp_path / "run"), 0)
    pairs = []
    for shard in range(3):
        writer = store.key_writer(shard, 1)
        for index in range(3000):  # several chunks; texts repeat within and across shards
            ref = Ref(shard, index)
            found = list(stage.keys(Document(f"s{shard}-{index}", f"text {index % 1700}"), ref, ctx))
            if index % 500 == 0:  # a value that is not (ref, id): that chunk is read as pairs
                found = [(key, (Ref(shard, index), doc_id)) for key, (_, doc_id) in found]
            writer.add_all(found, ref)
            pairs.extend(found)
        writer.close()
    from_columns = list(stage.reduce(0, store.bucket_items(0, 3), ctx))
    assert from_columns == list(stage.reduce(0, iter(pairs), ctx))
    assert len(from_columns) == 9000 - 1700
    assert all(type(ref) is Ref for ref, _ in from_columns)
