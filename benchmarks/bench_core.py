"""Core benchmark: corpuskit's runner against a bare loop, and memory against N.

    python benchmarks/bench_core.py --docs 10000 100000

For each N it generates (once, cached in benchmarks/data/) a news-like corpus with
benchmarks/gen_corpus.py, then times, each in a fresh process:

* ``bare``: benchmarks/bare_loop.py (orjson read, normalize, xxh3 dedup, write; one core)
* ``serial``: corpuskit run read_jsonl -> normalize -> exact_dedup -> write_jsonl, executor serial
* ``local``: the same with executor local, 2 workers
* ``stream``: read_jsonl -> normalize -> length_filter -> write_jsonl (no global stage), serial,
  for peak RSS against N (streaming stages must not grow with N)

and prints a table (docs/s, wall, peak RSS of the largest process) plus the ratios
the core issue targets: serial within 2x of bare, local(2) >= 1.7x serial. It also
checks that serial and local wrote byte-identical files.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

DEDUP = """\
name: bench-{tag}
stages:
  - read_jsonl: {{paths: ["{corpus}"]}}
  - normalize
  - exact_dedup
  - write_jsonl: {{path: "{out}"}}
"""
STREAM = """\
name: bench-{tag}
stages:
  - read_jsonl: {{paths: ["{corpus}"]}}
  - normalize
  - length_filter: {{min_words: 20}}
  - write_jsonl: {{path: "{out}"}}
"""


def corpus_for(n: int) -> Path:
    out = DATA / f"core-{n}"
    corpus = out / "corpus.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--docs", str(n), "--seed", "1",
                        "--out", str(out)], check=True)
    return corpus


def measure(cmd: list[str]) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(HERE / "measure.py"), "--", *cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def corpuskit_run(template: str, n: int, corpus: Path, tag: str, executor: str, workers: int) -> dict[str, float]:
    work = DATA / f"run-{n}-{tag}"
    work.mkdir(parents=True, exist_ok=True)
    out = work / "out.jsonl"
    config = work / "pipeline.yaml"
    config.write_text(template.format(tag=tag, corpus=corpus, out=out))
    result = measure([sys.executable, "-m", "corpuskit", "run", str(config), "--quiet", "--executor", executor,
                      "--workers", str(workers), "--run-dir", str(work / "run")])
    result["out"] = str(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    rows = []
    for n in args.docs:
        corpus = corpus_for(n)
        bare_out = DATA / f"run-{n}-bare.jsonl"
        bare = measure([sys.executable, str(HERE / "bare_loop.py"), str(corpus), str(bare_out)])
        serial = corpuskit_run(DEDUP, n, corpus, "serial", "serial", 1)
        local = corpuskit_run(DEDUP, n, corpus, "local", "local", 2)
        stream = corpuskit_run(STREAM, n, corpus, "stream", "serial", 1)
        identical = filecmp.cmp(serial["out"], local["out"], shallow=False)
        for name, r in (("bare loop", bare), ("corpuskit serial", serial), ("corpuskit local x2", local),
                        ("streaming only, serial", stream)):
            rows.append((n, name, n / r["wall_s"], r["wall_s"], r["peak_rss_mb"]))
        print(f"N={n}: serial/bare time ratio {serial['wall_s'] / bare['wall_s']:.2f} (target <= 2), "
              f"local x2 speed-up over serial {serial['wall_s'] / local['wall_s']:.2f} (target >= 1.7), "
              f"serial and local outputs identical: {identical}", flush=True)
    print(f"\n{'docs':>8}  {'pipeline':<24} {'docs/s':>9} {'wall s':>8} {'peak RSS MB':>12}")
    for n, name, rate, wall, rss in rows:
        print(f"{n:>8}  {name:<24} {rate:>9,.0f} {wall:>8.2f} {rss:>12.1f}")


if __name__ == "__main__":
    main()
