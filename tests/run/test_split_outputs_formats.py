"""write_parquet and write_csv split by field and into numbered files: the same bytes under every executor."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from tests.run.test_split_outputs import LANGS, corpuskit, records, tree, write_corpus

CONFIG = """\
name: formats
stages:
  - read_jsonl: {{paths: [corpus.jsonl], shard_size: 4000}}
  - write_parquet: {{path: "pq/{{meta.lang}}/part.parquet", max_records_per_file: 20}}
  - write_csv: {{path: "csv/{{meta.lang}}.csv", max_bytes_per_file: 3000}}
  - write_jsonl: {{path: "jsonl/{{meta.lang}}.jsonl"}}
"""


@pytest.fixture
def corpus(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 300)
    (tmp_path / "p.yaml").write_text(CONFIG.format())
    return tmp_path


def test_parquet_and_csv_split_the_same_under_serial_and_local_with_any_workers(corpus):
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    expected = {d: tree(corpus / d) for d in ("pq", "csv", "jsonl")}
    for workers in ("1", "3"):
        corpuskit(corpus, "run", "p.yaml", "--executor", "local", "--workers", workers)
        assert {d: tree(corpus / d) for d in ("pq", "csv", "jsonl")} == expected, workers

    fr = sorted((corpus / "pq/fr").glob("part-*.parquet"))
    assert [f.name for f in fr] == ["part-00000.parquet", "part-00001.parquet"]  # 38 fr documents, 20 a file
    ids = [i for f in fr for i in pq.read_table(f).column("id").to_pylist()]
    assert ids == [r["id"] for r in records(corpus / "jsonl/fr.jsonl")]
    assert ids == [f"d{i:05d}" for i in range(300) if LANGS[i % len(LANGS)] == "fr"]

    en_csv = sorted((corpus / "csv").glob("en-*.csv"))
    assert len(en_csv) > 1
    assert all(f.read_text().startswith("id,text,") for f in en_csv)  # every numbered file has its header
