"""What the dataset stages themselves cost, in one process, beside pyarrow doing the least it can.

    python benchmarks/datasets/bench_stages.py 'benchmarks/data/parquet-1000000/data/*.parquet'

CPU seconds (process time, so other load on the machine does not count) for:

* ``read_parquet``: every shard read into Documents (ids, text, meta with ``source``)
* ``pyarrow read``: the same batches, text and columns turned into Python lists
* ``write_parquet``: those Documents through the part writer and the commit (zstd)
* ``pyarrow write``: the same columns from Python lists into a table, written (zstd)
* ``read_jsonl`` / ``write_jsonl``: the same documents as JSON lines, for scale

    python benchmarks/datasets/bench_stages.py --layers 'benchmarks/data/parquet-200000/data/*.parquet' [--reps 3]

``--layers``: what a document pays on the streaming path (read_parquet -> normalize ->
write_parquet, as ``run_shard`` stacks it), one layer added at a time, beside the bare
loop (bare_parquet.py, in this process), best of ``--reps`` runs each:
``arrow read`` (batches to Python lists), ``arrow read + normalize_text``, ``read_parquet``
(Documents), ``+ timed_source`` (the loader's guard and contract check), ``+ probe loaded``
(report), ``+ normalize`` (the stage under its guard), ``+ probe final``, ``+ part writer``
(write_parts into write_parquet's part), ``+ commit`` (the Parquet file).
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


def layers(pattern: str, reps: int) -> None:
    """The streaming path layer by layer (see the module docstring), best of ``reps`` runs."""
    import statistics

    from corpuskit._report.probe import ProbePlan
    from corpuskit._run.export import _write_one
    from corpuskit._run.guards import ErrorBudget, run_stream_stage, timed_source
    from corpuskit._run.setup_cache import fewer_collections
    from corpuskit._stages.text import Normalize, normalize_text

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bare_parquet

    def ctx(label: str = "bench") -> StageContext:
        return StageContext(label, StageStats(label), lambda record: None, options={"workers": 1})

    reader = ReadParquet(paths=(pattern,))
    shards = reader.plan(ctx())
    work = Path(tempfile.mkdtemp())
    files = sorted(glob.glob(pattern))

    def arrow_read(normalize: bool) -> None:
        for path in files:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
                columns = [c.to_pylist() for c in batch.columns]
                if normalize:
                    [normalize_text(t) for t in columns[1]]

    def loaded(timed: bool, probe: bool) -> Any:
        for shard in shards:
            c = ctx()
            docs: Any = iter(reader.read(shard, c))
            if timed:
                docs = timed_source(docs, c, loader=reader)
            if probe:
                docs = ProbePlan().probe(0).watch_loaded(docs)
            yield from docs

    def stream(upto: str) -> None:
        docs = run_stream_stage(Normalize(), loaded(True, True), ctx("normalize"), ErrorBudget(10))
        if upto != "normalize":
            docs = ProbePlan().probe(0).watch_final(docs)
        if upto in ("normalize", "final"):
            for _ in docs:
                pass
            return
        writer = WriteParquet(path=str(work / "out.parquet"))
        _write_one(writer.open_part(work / "part", ctx()), StageStats("w"), docs)
        if upto == "commit":
            writer.commit([work / "part"], ctx())

    def drain(docs: Any) -> None:
        for _ in docs:
            pass

    cases = {
        "bare loop": lambda: bare_parquet.main(pattern, str(work / "bare.parquet")),
        "arrow read": lambda: arrow_read(False),
        "arrow read + normalize_text": lambda: arrow_read(True),
        "read_parquet": lambda: drain(loaded(False, False)),
        "+ timed_source": lambda: drain(loaded(True, False)),
        "+ probe loaded": lambda: drain(loaded(True, True)),
        "+ normalize": lambda: stream("normalize"),
        "+ probe final": lambda: stream("final"),
        "+ part writer": lambda: stream("part"),
        "+ commit": lambda: stream("commit"),
    }
    n = sum(pq.ParquetFile(p).metadata.num_rows for p in files)
    took: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(reps):
        for name, fn in cases.items():
            with fewer_collections():  # as run_shard runs them
                t0 = time.process_time()
                fn()
                took[name].append(time.process_time() - t0)
    for name, times in took.items():
        best = min(times)
        print(f"{name:<28} {best:6.2f} s CPU (median {statistics.median(times):.2f}) {best / n * 1e6:6.2f} us/doc",
              flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--layers":
        layers(sys.argv[2], int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--reps" else 3)
    else:
        main(sys.argv[1])
