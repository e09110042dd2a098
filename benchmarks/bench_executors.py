"""Executors benchmark: ``local`` against ``ray`` (a local cluster) on the same pipelines.

    python benchmarks/bench_executors.py --docs 100000 --workers 2

For N documents (a news-like corpus from benchmarks/gen_corpus.py when it exists, else
a built-in generator; cached in benchmarks/data/) it runs, each as a fresh
``corpuskit run`` process timed by benchmarks/measure.py:

* ``news``: read_jsonl -> normalize -> length_filter -> exact_dedup -> write_jsonl
* ``minhash``: read_jsonl -> normalize -> minhash -> write_jsonl (when a ``minhash`` stage
  is installed)

under ``local`` and under ``ray`` (no address: a private cluster of ``--workers`` CPUs
started and stopped by the run), and prints docs/s and the ray/local ratio. A 5-document
run under both gives Ray's fixed start-up overhead. It checks that both executors wrote
byte-identical files.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import random
import subprocess
import sys
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

PIPELINES = {
    "news": ["normalize", "length_filter: {min_words: 30}", "exact_dedup"],
    "minhash": ["normalize", "minhash"],
}
TEMPLATE = """\
name: bench-{tag}
stages:
  - read_jsonl: {{paths: ["{corpus}"]}}
{middle}
  - write_jsonl: {{path: "{out}"}}
"""

TOPICS = {
    "politics": "minister parliament vote coalition budget election reform opposition senator policy",
    "sport": "match league striker coach season goal title injury transfer stadium",
    "business": "shares market profit bank inflation investors merger quarter revenue exports",
    "science": "researchers study climate species telescope vaccine data experiment ocean energy",
}
FILLER = ["the", "a", "of", "to", "in", "and", "said", "that", "for", "on", "with", "was", "as", "by", "after",
          "from", "its", "has", "would"]


def _sentence(rng: random.Random, words: list[str]) -> str:
    body = [rng.choice(words if rng.random() < 0.4 else FILLER) for _ in range(rng.randrange(8, 22))]
    return " ".join(body).capitalize() + f" {rng.randrange(2, 2000)}."


def generate(path: Path, n: int, seed: int = 1) -> None:
    """News-like documents of 1-3 KB; 5 % exact copies, 5 % lightly edited copies of earlier ones."""
    rng = random.Random(seed)
    kept: list[str] = []
    with open(path, "wb") as fh:
        for i in range(n):
            roll = rng.random()
            if kept and roll < 0.05:
                text = rng.choice(kept)
            elif kept and roll < 0.10:
                words = rng.choice(kept).split()
                for _ in range(max(1, len(words) // 30)):
                    words[rng.randrange(len(words))] = rng.choice(FILLER)
                text = " ".join(words)
            else:
                topic = rng.choice(list(TOPICS))
                words = TOPICS[topic].split()
                text = "\n\n".join(" ".join(_sentence(rng, words) for _ in range(rng.randrange(2, 5)))
                                   for _ in range(rng.randrange(3, 8)))
            if len(kept) < 5000:
                kept.append(text)
            elif rng.random() < 0.05:
                kept[rng.randrange(len(kept))] = text
            fh.write(orjson.dumps({"id": f"b{i:07d}", "text": text}) + b"\n")


def corpus_for(n: int) -> Path:
    gen = HERE / "gen_corpus.py"
    out = DATA / (f"gen-{n}" if gen.exists() else f"exec-{n}")
    corpus = out / "corpus.jsonl"
    if not corpus.exists():
        out.mkdir(parents=True, exist_ok=True)
        if gen.exists():
            subprocess.run([sys.executable, str(gen), "--docs", str(n), "--seed", "1", "--out", str(out)], check=True)
        else:
            generate(corpus, n)
    return corpus


def has_stage(name: str) -> bool:
    from corpuskit._plugins.manager import load_plugins

    return load_plugins().stages.get(name) is not None


def run(pipeline: str, corpus: Path, n: int, executor: str, workers: int) -> dict[str, float]:
    tag = f"{pipeline}-{n}-{executor}"
    work = DATA / f"run-{tag}"
    work.mkdir(parents=True, exist_ok=True)
    out = work / "out.jsonl"
    middle = "\n".join(f"  - {stage}" for stage in PIPELINES[pipeline])
    config = work / "pipeline.yaml"
    config.write_text(TEMPLATE.format(tag=tag, corpus=corpus, out=out, middle=middle))
    cmd = [sys.executable, "-m", "corpuskit", "run", str(config), "--quiet", "--executor", executor,
           "--workers", str(workers), "--run-dir", str(work / "run")]
    proc = subprocess.run([sys.executable, str(HERE / "measure.py"), "--", *cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["docs_per_s"] = n / result["wall_s"]
    result["out"] = str(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pipelines = [p for p in PIPELINES if p != "minhash" or has_stage("minhash")]
    rows = []
    for n in (5, args.docs):
        corpus = corpus_for(n)
        for pipeline in pipelines if n > 5 else ["news"]:
            local = run(pipeline, corpus, n, "local", args.workers)
            on_ray = run(pipeline, corpus, n, "ray", args.workers)
            same = filecmp.cmp(local["out"], on_ray["out"], shallow=False)
            rows.append((pipeline, n, local, on_ray, same))
    print(f"{'pipeline':<9} {'docs':>8} {'local s':>8} {'ray s':>7} {'local docs/s':>13} {'ray docs/s':>11} "
          f"{'ray/local':>9}  identical")
    for pipeline, n, local, on_ray, same in rows:
        print(f"{pipeline:<9} {n:>8,} {local['wall_s']:>8.2f} {on_ray['wall_s']:>7.2f} {local['docs_per_s']:>13,.0f} "
              f"{on_ray['docs_per_s']:>11,.0f} {on_ray['docs_per_s'] / local['docs_per_s']:>9.2f}  {same}")
    tiny = next(r for r in rows if r[1] == 5)
    print(f"ray fixed start-up overhead (5 documents): {tiny[3]['wall_s'] - tiny[2]['wall_s']:.2f}s "
          f"(ray {tiny[3]['wall_s']:.2f}s, local {tiny[2]['wall_s']:.2f}s)")
    if not all(r[4] for r in rows):
        raise SystemExit("local and ray outputs differ")


if __name__ == "__main__":
    main()
