"""The Gopher -> C4 -> FineWeb chain, corpuskit beside datatrove, both with 2 workers, same run.

    python benchmarks/filters/bench_chain.py                      # 100,000 documents
    python benchmarks/filters/bench_chain.py --docs 20000 --keep  # fewer; keep the files
    python benchmarks/filters/bench_chain.py --subset 1           # datatrove on 1 of the 8 files

``--subset K`` runs datatrove on the first K of the 8 files only (on a shared 2-core
machine its 100,000 documents take over an hour) and corpuskit on both those K files (the
ratio, same documents) and all 8 (the full 100,000).

Writes ``--docs`` web-like documents (benchmarks/filters/texts.py: slices of the rendered
dev pages, BBC articles and noisy texts, some with menus) as 8 JSONL files, then runs

* corpuskit: read_jsonl -> gopher_quality -> gopher_repetition -> c4_quality ->
  fineweb_quality -> write_jsonl, executor ``local``, 2 workers;
* datatrove (``--venv``): JsonlReader -> GopherQualityFilter -> GopherRepetitionFilter ->
  C4QualityFilter -> FineWebQualityFilter -> JsonlWriter, LocalPipelineExecutor with 8
  tasks on 2 workers;

both with default parameters, one after the other, and prints wall times, documents per
second, kept counts (they should agree) and the load average before and after each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from texts import web_like  # noqa: E402

from corpuskit import Pipeline  # noqa: E402

FILES = 8

DATATROVE = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                        GopherRepetitionFilter)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
source, target, logs = sys.argv[1:4]
LocalPipelineExecutor(
    pipeline=[JsonlReader(source), GopherQualityFilter(), GopherRepetitionFilter(), C4QualityFilter(),
              FineWebQualityFilter(), JsonlWriter(target, output_filename="${rank}.jsonl", compression=None)],
    tasks=8, workers=2, logging_dir=logs,
).run()
"""


def write_inputs(folder: Path, docs: int) -> None:
    texts = web_like(docs)
    per_file = -(-docs // FILES)
    for k in range(FILES):
        with (folder / f"part-{k}.jsonl").open("w", encoding="utf-8") as f:
            for i in range(k * per_file, min(docs, (k + 1) * per_file)):
                f.write(json.dumps({"id": f"doc{i}", "text": texts[i]}, ensure_ascii=False) + "\n")


def count_lines(folder: Path) -> int:
    return sum(sum(1 for _ in p.open(encoding="utf-8")) for p in folder.glob("*.jsonl"))


def run_corpuskit(source: Path, out: Path, workdir: Path) -> tuple[float, int]:
    pipeline = Pipeline.from_dict({"name": "bench-chain", "stages": [
        {"read_jsonl": {"paths": sorted(str(p) for p in source.glob("*.jsonl"))}},
        "gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality",
        {"write_jsonl": {"path": str(out / "kept.jsonl")}},
    ]})
    start = time.perf_counter()
    pipeline.run(executor="local", workers=2, run_dir=workdir / "run")
    return time.perf_counter() - start, count_lines(out)


def run_datatrove(source: Path, out: Path, workdir: Path, venv: str) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run([f"{venv}/bin/python", "-c", DATATROVE, str(source), str(out), str(workdir / "dt-logs")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, count_lines(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--venv", default="/work/venvs/datatrove")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--subset", type=int, default=FILES, help="files (of 8) datatrove runs on")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench_chain_"))
    try:
        source = workdir / "in"
        source.mkdir()
        write_inputs(source, args.docs)
        size = sum(p.stat().st_size for p in source.glob("*.jsonl"))
        print(f"{args.docs} documents, {size / 2**20:.1f} MiB in {FILES} files; {os.cpu_count()} CPUs")
        subset = workdir / "subset"
        subset.mkdir()
        for path in sorted(source.glob("*.jsonl"))[:args.subset]:
            (subset / path.name).symlink_to(path)
        subset_docs = count_lines(subset)
        runs = [("corpuskit", subset, subset_docs), ("datatrove", subset, subset_docs)]
        if args.subset < FILES:
            runs.append(("corpuskit", source, args.docs))
        results = {}
        for n, (name, folder, docs) in enumerate(runs):
            out = workdir / f"out-{n}"
            out.mkdir()
            load = os.getloadavg()[0]
            if name == "corpuskit":
                seconds, kept = run_corpuskit(folder, out, workdir / f"ck-{n}")
            else:
                seconds, kept = run_datatrove(folder, out, workdir / f"dt-{n}", args.venv)
            results.setdefault(name, seconds)
            print(f"{name:10s} {docs:7d} docs {seconds:8.1f} s  {docs / seconds:8.0f} docs/s  kept {kept}  "
                  f"load {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
        ratio = results["datatrove"] / results["corpuskit"]
        print(f"same {subset_docs} documents: corpuskit is {ratio:.1f}x datatrove")
    finally:
        if args.keep:
            print(f"files in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
