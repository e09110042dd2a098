"""news.entities and news.quotes through the runner: files in, files out, any executor."""

from __future__ import annotations

import json

import pytest

from corpuskit import Pipeline

TEXTS = [
    "Sberbank chief executive German Gref said the bank would invest more. Gref spoke in Moscow.",
    'Sberbank CEO Herman Gref met officials. "We will build our own chips," he said.',
    "The Brics partners met on Monday, and BRICS leaders agreed with Sberbank on payments.",
    "Investors watched BRICS and Sberbank closely on Friday.",
]


def _run(tmp_path, executor: str, workers: int) -> list[dict]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)))
    out = tmp_path / f"out-{executor}.jsonl"
    pipeline = Pipeline.from_dict({
        "name": f"ent-{executor}",
        "stages": [{"read_jsonl": {"paths": [str(source)]}}, "news.entities", "news.quotes",
                   {"write_jsonl": {"path": str(out)}}],
    })
    pipeline.run(executor=executor, workers=workers, run_dir=tmp_path / f"run-{executor}")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    for record in records:
        record["meta"].pop("source")  # the input path differs between the two runs
    return records


@pytest.mark.parametrize(("executor", "workers"), [("serial", 1), ("local", 2)])
def test_corpus_merge_is_the_same_under_every_executor(tmp_path, executor, workers):
    records = _run(tmp_path, executor, workers)
    people = [[e["name"] for e in r["meta"]["entities"] if e["type"] == "person"] for r in records]
    assert people == [["German Gref"], ["German Gref"], [], []]
    orgs = [[e["name"] for e in r["meta"]["entities"] if e["type"] == "organization"] for r in records]
    assert orgs == [["Sberbank"], ["Sberbank"], ["BRICS", "Sberbank"], ["BRICS", "Sberbank"]]
    assert records[1]["meta"]["quotes"][0]["speaker"] == "German Gref"
    if executor == "local":  # byte-identical records whichever executor
        assert _run(tmp_path / "serial", "serial", 1) == records


def test_empty_and_nameless_documents():
    from corpuskit import Document

    docs = [Document("e", ""), Document("n", "nothing here is capitalised, not even a name.")]
    out = list(Pipeline.from_dict({"stages": ["news.entities", "news.quotes"]}).process(docs))
    assert [(d.meta["entities"], d.meta["quotes"]) for d in out] == [([], []), ([], [])]
