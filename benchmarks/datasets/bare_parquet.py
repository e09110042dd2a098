"""The floor: read_parquet -> normalize -> exact_dedup -> write_parquet as a bare pyarrow loop on one core.

    python benchmarks/datasets/bare_parquet.py 'benchmarks/data/parquet-1000000/data/*.parquet' OUT.parquet

Record batches of each file in order; each text normalized with the function corpuskit's
``normalize`` uses, its comparable form hashed (xxh3-128) as ``exact_dedup`` does; the
first of each set of equal texts kept; the other columns carried through as Arrow
arrays (never turned into Python objects); written with zstd in row groups of 100,000.
"""

from __future__ import annotations

import glob
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import xxhash

from corpuskit._stages.text import comparable_text, normalize_text


def main(pattern: str, dst: str) -> None:
    seen: set[int] = set()
    writer = None
    pending: list[pa.Table] = []
    rows = 0
    for path in sorted(glob.glob(pattern)):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
            texts = [normalize_text(t) for t in batch.column("text").to_pylist()]
            keep = []
            for text in texts:
                key = xxhash.xxh3_128_intdigest(comparable_text(text).encode("utf-8"))
                keep.append(key not in seen)
                seen.add(key)
            table = pa.Table.from_batches([batch]).set_column(1, "text", pa.array(texts, pa.string()))
            pending.append(table.filter(pa.array(keep)))
            rows += pending[-1].num_rows
            if rows >= 100_000:
                writer = writer or pq.ParquetWriter(dst, pending[0].schema, compression="zstd")
                writer.write_table(pa.concat_tables(pending), row_group_size=rows)
                pending, rows = [], 0
    if pending:
        writer = writer or pq.ParquetWriter(dst, pending[0].schema, compression="zstd")
        writer.write_table(pa.concat_tables(pending), row_group_size=rows)
    if writer:
        writer.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
