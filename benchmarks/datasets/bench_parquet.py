"""Parquet in and out: corpuskit beside a bare pyarrow loop and datatrove, in the same run.

    python benchmarks/datasets/bench_parquet.py --docs 100000 1000000 [--skip-datatrove]

For each N it generates (once, cached in benchmarks/data/parquet-N/) N short documents in
4 Parquet files (gen_parquet.py), then times, each in a fresh process, the same work -
read, normalize, drop exact duplicates, write Parquet (zstd):

* ``bare``: bare_parquet.py, a pyarrow loop on one core (the floor)
* ``serial``: corpuskit run read_parquet -> normalize -> exact_dedup -> write_parquet, serial
* ``local``: the same, executor local, 2 workers
* ``stream``: read_parquet -> normalize -> write_parquet, serial (no global stage: its
  peak RSS must not grow with N; exact_dedup's reduce holds one key per document)
* ``datatrove``: dt_parquet.py in /work/venvs/datatrove (ParquetReader -> normalize ->
  ExactDedupSignature / ExactFindDedups / ExactDedupFilter -> ParquetWriter), 2 workers

It prints docs/s, wall and CPU seconds (user + system, every process of the run, watched
through /proc by treewatch.py, so pool workers count too) and the
peak RSS of the largest process, the ratios
(serial / bare, datatrove / local), the load average before and after, and checks that
every run kept the same texts and that serial and local wrote byte-identical files.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DATA = REPO / "benchmarks" / "data"
DATATROVE = Path("/work/venvs/datatrove/bin/python")

PIPELINE = """\
name: bench-parquet-{tag}
stages:
  - read_parquet: {{paths: ["{data}/*.parquet"]}}
  - normalize
{dedup}  - write_parquet: {{path: "{out}"}}
"""


def corpus_for(n: int) -> Path:
    out = DATA / f"parquet-{n}"
    if not (out / "data").exists():
        subprocess.run([sys.executable, str(HERE / "gen_parquet.py"), "--docs", str(n), "--out", str(out)], check=True)
    return out / "data"


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(HERE / "treewatch.py"), "--", *cmd],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def corpuskit(n: int, data: Path, tag: str, executor: str, workers: int, dedup: bool = True
              ) -> tuple[dict[str, float], Path]:
    work = DATA / f"parquet-run-{n}-{tag}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = work / "out.parquet"
    config = work / "pipeline.yaml"
    config.write_text(PIPELINE.format(tag=tag, data=data, out=out, dedup="  - exact_dedup\n" if dedup else ""))
    result = measure([sys.executable, "-m", "corpuskit", "run", str(config), "--quiet", "--executor", executor,
                      "--workers", str(workers), "--run-dir", str(work / "run")])
    return result, out


def texts(paths: list[Path]) -> list[str]:
    return sorted(t for p in paths for t in pq.read_table(p, columns=["text"]).column("text").to_pylist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--skip-datatrove", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}")
    for n in args.docs:
        data = corpus_for(n)
        bare_out = DATA / f"parquet-run-{n}-bare.parquet"
        bare = measure([sys.executable, str(HERE / "bare_parquet.py"), f"{data}/*.parquet", str(bare_out)])
        serial, serial_out = corpuskit(n, data, "serial", "serial", 1)
        local, local_out = corpuskit(n, data, "local", "local", 2)
        stream, _ = corpuskit(n, data, "stream", "serial", 1, dedup=False)
        runs = {"bare": bare, "serial": serial, "local": local, "stream": stream}
        kept = {"bare": texts([bare_out]), "serial": texts([serial_out]), "local": texts([local_out])}
        if not args.skip_datatrove and DATATROVE.exists():
            work = DATA / f"parquet-run-{n}-datatrove"
            shutil.rmtree(work, ignore_errors=True)
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            runs["datatrove"] = measure([str(DATATROVE), str(HERE / "dt_parquet.py"), str(data), str(work),
                                         "--workers", "2"], env=env)
            kept["datatrove"] = texts([Path(p) for p in glob.glob(f"{work}/out/*.parquet")])
        same = all(k == kept["bare"] for k in kept.values())
        identical = serial_out.read_bytes() == local_out.read_bytes()
        for name, r in runs.items():
            print(f"N={n:>9,} {name:<10} {n / r['wall_s']:>10,.0f} docs/s {r['wall_s']:>8.1f} s wall "
                  f"{r['cpu_s']:>8.1f} s CPU {r['peak_rss_mb']:>8.1f} MB peak RSS", flush=True)
        print(f"N={n:>9,} kept {len(kept['bare']):,} texts; same texts kept by every run: {same}; "
              f"serial and local files byte-identical: {identical}")
        print(f"N={n:>9,} serial / bare: {serial['wall_s'] / bare['wall_s']:.2f}x the wall time, "
              f"{serial['cpu_s'] / bare['cpu_s']:.2f}x the CPU time; "
              + (f"datatrove / local(2): {runs['datatrove']['wall_s'] / local['wall_s']:.2f}x the wall time "
                 f"and {runs['datatrove']['cpu_s'] / local['cpu_s']:.2f}x the CPU time"
                 if "datatrove" in runs else "datatrove not run"), flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
