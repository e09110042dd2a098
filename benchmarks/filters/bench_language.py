"""Documents per second of ``language_filter``, beside py3langid alone, in the same run.

    python benchmarks/filters/bench_language.py --docs 4000

On ``--docs`` web-like pages (benchmarks/filters/web_pages.py ``many``: articles with their
menus, mostly English, some German, French and Spanish; ~1.4 kB each), measured in one run:

- ``py3langid`` alone: ``classify`` on each text (the model's own cost, one core);
- ``language_filter`` in this process (``Pipeline.process``, one core): the stage with its
  verdicts, meta and contract checks, without reading or writing files;
- ``corpuskit run`` of read_jsonl -> language_filter -> write_jsonl, serial executor (one
  core) and local executor with 2 workers: wall time of the whole command (start-up, model
  loading in each worker, reading and writing included), and the stage's own seconds from
  stats.json (summed over workers).

Each figure is the best of ``--repeat`` runs; beside wall time, documents per CPU second
(user + system time of this process and the commands it ran), which a machine shared with
other jobs disturbs less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_pages import many  # noqa: E402


def best(repeat: int, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(best wall seconds, best CPU seconds of this process and its finished children) over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from corpuskit import Document, Pipeline
    from corpuskit._stages.filters.languages import identifier

    pages = many(args.docs)
    chars = sum(len(p["text"]) for p in pages)
    print(f"{len(pages)} pages, {chars / len(pages):.0f} characters on average; "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    model = identifier()
    texts = [p["text"] for p in pages]
    raw, raw_cpu = best(args.repeat, lambda: [model.classify(t[:10_000]) for t in texts])
    docs = [Document(p["id"], p["text"], p["meta"]) for p in pages]
    pipeline = Pipeline.from_string("stages:\n  - language_filter: {languages: [en]}\n")
    kept: list[int] = []
    inproc, inproc_cpu = best(args.repeat, lambda: kept.append(sum(1 for _ in pipeline.process(docs))))
    print(f"py3langid.classify alone          {len(pages) / raw:8.0f} docs/s wall, "
          f"{len(pages) / raw_cpu:.0f} per CPU second (one core)")
    print(f"language_filter, Pipeline.process {len(pages) / inproc:8.0f} docs/s wall, "
          f"{len(pages) / inproc_cpu:.0f} per CPU second (one core; kept {kept[-1]})")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pages.jsonl"
        src.write_text("".join(json.dumps(p) + "\n" for p in pages))
        config = Path(tmp) / "lang.yaml"
        config.write_text(f"name: lang\nstages:\n  - read_jsonl: {{paths: [{src}]}}\n"
                          f"  - language_filter: {{languages: [en]}}\n  - write_jsonl: {{path: {tmp}/out.jsonl}}\n")
        env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{REPO / 'plugins'}")
        for executor, workers in (("serial", 1), ("local", 2)):
            run_dir = Path(tmp) / f"run-{executor}"

            def command(executor: str = executor, workers: int = workers, run_dir: Path = run_dir) -> None:
                subprocess.run([sys.executable, "-m", "corpuskit", "run", str(config), "-q", "--executor", executor,
                                "--workers", str(workers), "--run-dir", str(run_dir)],
                               check=True, env=env, cwd=tmp)

            wall, cpu = best(args.repeat, command)
            stats = json.loads((run_dir / "stats.json").read_text())
            stage = next(s for s in stats["stages"] if s["name"].endswith("language_filter"))
            print(f"corpuskit run, {executor:<6} {workers} worker(s) {len(pages) / wall:8.0f} docs/s wall "
                  f"({wall:.2f} s, start-up included), {len(pages) / cpu:.0f} per CPU second; stage alone "
                  f"{len(pages) / stage['seconds']:.0f} docs/s per worker ({stage['seconds']:.2f} s summed)")


if __name__ == "__main__":
    main()
