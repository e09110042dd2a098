"""A 1 GB WARC through ``read_warc -> extract_html -> write_jsonl`` with 2 local workers: both get shards.

    python benchmarks/web/bench_big_warc.py                 # 1 GB plain WARC, 2 workers
    python benchmarks/web/bench_big_warc.py --gzip --gb 0.5

The 82 real pages of /work/shared/devdata/html are written again and again (each copy
under its own URL; warcio gives every record its own WARC-Record-ID) into one WARC in a
temporary directory until it reaches ``--gb`` (plain by default: a gzipped WARC of the
same size holds ~5x the pages and takes ~5x longer). ``corpuskit run`` with the local
executor then reads it, with a one-off stage after ``extract_html`` that writes the
worker's process id into ``meta.worker``. Printed: the shards ``read_warc`` planned for
the one file (byte ranges, each checked to start on a record: ``WARC/1.`` or a gzip
member), the documents each worker process wrote, pages per second (wall) and per CPU
second, and the peak RSS of the biggest process. Everything is deleted at the end.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.web.bench_web import dev_pages, time_run

WORKER_STAGE = '''
import os
import attrs
from corpuskit import Mapper, hookimpl, stage

@stage("bench.worker", kind="clean", writes=["worker"])
@attrs.frozen
class Worker(Mapper):
    """Writes the worker's process id into meta.worker."""

    def map(self, doc, ctx):
        return doc.with_meta(worker=os.getpid())

@hookimpl
def corpuskit_register_stages(registry):
    registry.add(Worker)
'''


def write_big_warc(path: Path, pages: list[bytes], size: int, gzip: bool) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        while out.tell() < size:
            for i, body in enumerate(pages):
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                url = f"https://site{i}.example/page/{i}?copy={records}"
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
                records += 1
    return records


def check_shards(run_dir: Path, warc: Path, gzip: bool) -> list[tuple[int, int | None]]:
    plan = orjson.loads((run_dir / "plan.json").read_bytes())
    shards = [(s["start"], s["end"]) for s in _shards(plan) if s.get("source") == str(warc)]
    magic = b"\x1f\x8b\x08" if gzip else b"WARC/1."
    with warc.open("rb") as fh:
        for start, _ in shards:
            fh.seek(start)
            if fh.read(len(magic)) != magic:
                raise SystemExit(f"shard at byte {start} does not start on a record")
    return shards


def _shards(plan: object) -> list[dict]:
    """The shard entries of plan.json, wherever the plan nests them."""
    if isinstance(plan, dict):
        if "source" in plan and "start" in plan:
            return [plan]
        return [s for v in plan.values() for s in _shards(v)]
    if isinstance(plan, list):
        return [s for v in plan for s in _shards(v)]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gb", type=float, default=1.0, help="size of the WARC in GB (10^9 bytes)")
    parser.add_argument("--gzip", action="store_true", help="a gzipped WARC (one member per record)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corpuskit-bigwarc-") as tmp:
        work = Path(tmp)
        warc = work / ("big.warc.gz" if args.gzip else "big.warc")
        records = write_big_warc(warc, dev_pages(), int(args.gb * 1e9), args.gzip)
        print(f"WARC: {records} records, {warc.stat().st_size / 1e9:.2f} GB ({'gzip' if args.gzip else 'plain'})")
        plugin = work / "bench_worker.py"
        plugin.write_text(WORKER_STAGE)
        wall, rss, cpu = time_run(warc, work, "local", args.workers, extra_stages="  - bench.worker\n",
                                  plugin=plugin)
        shards = check_shards(work / "run-local", warc, args.gzip)
        print(f"read_warc planned {len(shards)} shards of the file, each starting on a record: "
              + ", ".join(f"{s / 1e6:.0f}-{'end' if e is None else f'{e / 1e6:.0f}'} MB" for s, e in shards))
        per_worker: Counter[int] = Counter()
        with (work / "out-local.jsonl").open("rb") as fh:
            for line in fh:
                per_worker[orjson.loads(line)["meta"]["worker"]] += 1
        print(f"documents written per worker process: {dict(per_worker)} ({sum(per_worker.values())} in all)")
        print(f"corpuskit run local workers={args.workers}: {records / wall:.1f} pages/s wall ({wall:.0f} s), "
              f"{records / cpu:.1f} pages per CPU second ({cpu:.0f} s CPU), peak RSS {rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
