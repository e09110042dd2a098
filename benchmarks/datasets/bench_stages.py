"""What the dataset stages themselves cost, in one process, beside pyarrow doing the least it can.

    python benchmarks/datasets/bench_stages.py 'benchmarks/data/parquet-1000000/data/*.parquet'

CPU seconds (process time, so other load on the machine does not count) for:

* ``read_parquet``: every shard read into Documents (ids, text, meta with ``source``)
* ``pyarrow read``: the same batches, text and columns turned into Python lists
* ``write_parquet``: those Documents through the part writer and the commit (zstd)
* ``pyarrow write``: the same columns from Python lists into a table, written (zstd)
* ``read_jsonl`` / ``write_jsonl``: the same documents as JSON lines, for scale
"""

from __future__ import annotations

import glob
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.parquet_reader import ReadParquet
from corpuskit._stages.datasets.parquet_writer import WriteParquet
from corpuskit._stages.readers import ReadJsonl
from corpuskit._stages.stats import StageStats
from corpuskit._stages.writers import WriteJsonl


def timed(label: str, n: int, fn):
    t0 = time.process_time()
    result = fn()
    took = time.process_time() - t0
    print(f"{label:<16} {took:7.2f} s CPU {n / took:>12,.0f} docs/s", flush=True)
    return result


def main(pattern: str) -> None:
    ctx = StageContext("bench", StageStats("bench"), lambda record: None, options={"workers": 1})
    reader = ReadParquet(paths=(pattern,))
    shards = reader.plan(ctx)
    n = sum(pq.ParquetFile(p).metadata.num_rows for p in glob.glob(pattern))
    docs = timed("read_parquet", n, lambda: [d for s in shards for d in reader.read(s, ctx)])

    def bare_read() -> int:
        rows = 0
        for path in sorted(glob.glob(pattern)):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
                columns = [c.to_pylist() for c in batch.columns]
                rows += len(columns[0])
        return rows

    timed("pyarrow read", n, bare_read)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def write_through(exporter: Any, part: Path) -> None:
            w = exporter.open_part(part, ctx)
            for doc in docs:
                w.write(doc)
            w.close()
            exporter.commit([part], ctx)

        writer = WriteParquet(path=str(work / "out.parquet"))
        timed("write_parquet", n, lambda: write_through(writer, work / "part-0"))

        def bare_write() -> None:
            table = pa.table({"id": [d.id for d in docs], "text": [d.text for d in docs],
                              "url": [d.meta["url"] for d in docs], "lang": [d.meta["lang"] for d in docs]})
            pq.write_table(table, work / "bare.parquet", compression="zstd", row_group_size=100_000)

        timed("pyarrow write", n, bare_write)
        jsonl = WriteJsonl(path=str(work / "out.jsonl"))
        timed("write_jsonl", n, lambda: write_through(jsonl, work / "part-j"))
        reader_j = ReadJsonl(paths=(str(work / "out.jsonl"),))
        timed("read_jsonl", n, lambda: [d for s in reader_j.plan(ctx) for d in reader_j.read(s, ctx)])


if __name__ == "__main__":
    main(sys.argv[1])
