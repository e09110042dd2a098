from __future__ import annotations

import re

import orjson
import pytest

from corpuskit._document import Document
from corpuskit._errors import ConfigError
from corpuskit._run.pipeline import Pipeline
from corpuskit._stages.dedup import lsh
from corpuskit._stages.dedup.minhash import CANDIDATE_RECALL, MinHashDedup

from .dedup_corpus import labelled_corpus, score

BODY = (
    "The city council approved a new budget on Tuesday after a long debate about road repairs, "
    "school funding and the future of the central library, which has been closed since the spring "
    "floods damaged its basement archive and reading rooms."
)


@pytest.fixture
def run(make_plugins):
    """``run(stages, docs)``: what ``stages`` keep and reject of ``docs``, and their stats."""

    def run(stages: list, docs: list[Document]) -> tuple[list[Document], list[dict], dict]:
        rejects: list[dict] = []
        stats: dict = {}
        kept = list(Pipeline.from_dict({"stages": stages}, plugins=make_plugins())
                    .process(docs, rejects=rejects, stats=stats))
        return kept, rejects, stats

    return run


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Document], list[dict[str, str]]]:
    return labelled_corpus(1500, seed=11)


def test_planted_near_duplicates_found_at_threshold_08(corpus, run):
    docs, labels = corpus
    _kept, rejects, _stats = run([{"line_dedup": {}}, {"minhash": {"threshold": 0.8}}], docs)
    s = score([r for r in rejects if r["reason"] == "duplicate"], labels)
    assert s["precision"] >= 0.97
    assert s["near"] >= 0.9
    assert s["exact"] == 1.0
    assert s["negative"] == 0.0


def test_minhash_alone_is_precise_and_finds_every_exact_copy(corpus, run):
    docs, labels = corpus
    _kept, rejects, stats = run([{"minhash": {"threshold": 0.8}}], docs)
    s = score(rejects, labels)
    assert s["precision"] >= 0.97
    assert s["exact"] == 1.0
    assert s["negative"] == 0.0
    counters = next(iter(stats.values())).counters
    assert counters["duplicates"] == len(rejects)
    assert counters["signed"] == len(docs)


def test_empty_corpus(run):
    kept, rejects, _ = run([{"minhash": {}}], [])
    assert kept == [] and rejects == []


def test_single_document_passes_unchanged(run):
    doc = Document("a", BODY, {"x": 1})
    kept, rejects, _ = run([{"minhash": {}}], [doc])
    assert kept == [doc] and rejects == []


def test_no_duplicates_keeps_everything(corpus, run):
    docs, labels = corpus
    planted = {lab["id"] for lab in labels}
    originals = [d for d in docs if d.id not in planted][:300]
    kept, rejects, _ = run([{"minhash": {}}], originals)
    assert [d.id for d in kept] == [d.id for d in originals]
    assert rejects == []
    assert all("dedup" not in d.meta for d in kept)


def test_empty_text_is_kept_and_counted(run):
    kept, rejects, stats = run([{"minhash": {}}], [Document("e", "  \n"), Document("f", BODY)])
    assert [d.id for d in kept] == ["e", "f"] and not rejects
    assert next(iter(stats.values())).counters["empty"] == 1


def cluster_docs() -> list[Document]:
    return [
        Document("a", BODY, {"published": "2024-03-05"}),
        Document("b", BODY + " Officials said more details would follow.", {"published": "2024-03-02"}),
        Document("c", BODY.replace("Tuesday", "Wednesday"), {}),
        Document("z", "An entirely different text about football results and the weather at sea."),
    ]


@pytest.mark.parametrize(("keep", "survivor"), [("first", "a"), ("longest", "b"), ("earliest", "b")])
def test_keep_rules(keep, survivor, run):
    kept, rejects, _ = run([{"minhash": {"keep": keep, "threshold": 0.7}}], cluster_docs())
    assert sorted(d.id for d in kept) == sorted([survivor, "z"])
    winner = next(d for d in kept if d.id == survivor)
    assert winner.meta["dedup"] == {"cluster": survivor, "size": 3}
    assert "dedup" not in next(d for d in kept if d.id == "z").meta
    assert {r["document"]["id"] for r in rejects} == {"a", "b", "c"} - {survivor}
    for r in rejects:
        assert r["reason"] == "duplicate"
        assert r["document"]["meta"]["duplicate_of"] == survivor
        assert survivor in r["detail"]


def test_earliest_without_dates_falls_back_to_input_order(run):
    docs = [Document("a", BODY), Document("b", BODY, {"published": "2020-01-01"}), Document("c", BODY)]
    kept, _, _ = run([{"minhash": {"keep": "earliest"}}], docs)
    assert [d.id for d in kept] == ["b"]


@pytest.mark.parametrize("verify", [True, False])
@pytest.mark.parametrize(("shingles", "n"), [("word", 1), ("word", 5), ("char", 5)])
def test_shingle_settings_find_a_copy_with_one_word_changed(shingles, n, verify, run):
    long_body = " ".join([BODY] * 3).replace("budget", "plan", 1)
    docs = [Document("a", " ".join([BODY] * 3)), Document("b", long_body)]
    kept, rejects, _ = run([{"minhash": {"shingles": shingles, "n": n, "threshold": 0.7, "verify": verify}}], docs)
    assert [d.id for d in kept] == ["a"] and [r["document"]["id"] for r in rejects] == ["b"]


def test_derived_banding_puts_the_threshold_high_on_the_s_curve():
    stage = MinHashDedup(threshold=0.8, num_perm=128)
    bands, rows = stage.banding
    assert bands * rows <= 128
    assert lsh.candidate_probability(0.8, bands, rows) >= CANDIDATE_RECALL
    assert lsh.candidate_probability(0.5, bands, rows) < 0.1
    unverified = MinHashDedup(threshold=0.8, verify=False).banding
    assert lsh.candidate_probability(0.8, *unverified) < lsh.candidate_probability(0.8, bands, rows)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"threshold": 1.5}, "minhash.threshold: invalid value: 'threshold' must be <= 1.0: 1.5"),
        ({"threshold": 0}, "minhash.threshold: invalid value: 'threshold' must be > 0.0: 0.0"),
        ({"n": 2, "num_perm": 0}, "minhash.num_perm: invalid value: 'num_perm' must be >= 1: 0"),
        ({"bands": 4}, "set both bands and rows"),
        ({"bands": 20, "rows": 10}, "exceeds num_perm"),
        ({"shingles": "sentence"}, "shingles"),
        ({"keep": "newest"}, "keep"),
    ],
)
def test_bad_parameters_are_config_errors(params, message, make_plugins):
    with pytest.raises(ConfigError, match=re.escape(message)):
        Pipeline.from_dict({"stages": [{"minhash": params}]}, plugins=make_plugins())


def test_estimate_from_sketch_tracks_jaccard():
    words = [f"w{i}" for i in range(400)]
    a = lsh.signature(" ".join(words), "word", 1, 256)
    b = lsh.signature(" ".join(words[:300] + [f"x{i}" for i in range(100)]), "word", 1, 256)
    true = 300 / 500
    assert a is not None and b is not None
    assert abs(lsh.estimate_jaccard(lsh.verify_sketch(a), lsh.verify_sketch(b)) - true) < 0.1


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_same_kept_set_with_serial_and_local(tmp_path, corpus, executor, run, make_plugins):
    docs, _labels = corpus
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(orjson.dumps(d.to_record()) + b"\n" for d in docs[:600]))
    out = tmp_path / f"out-{executor}.jsonl"
    pipeline = Pipeline.from_dict(
        {
            "stages": [
                {"read_jsonl": {"paths": [str(src)], "shard_size": 200000}},
                {"minhash": {"threshold": 0.8}},
                {"write_jsonl": {"path": str(out)}},
            ]
        },
        plugins=make_plugins(),
    )
    pipeline.run(executor=executor, workers=2, run_dir=tmp_path / f"run-{executor}")
    kept_ids = [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()]
    expected, _, _ = run([{"minhash": {"threshold": 0.8}}], docs[:600])
    assert kept_ids == [d.id for d in expected]
    assert len(kept_ids) < 600
