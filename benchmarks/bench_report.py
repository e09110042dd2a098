"""The run report at scale: report.html's size, and the probe's cost per document.

    python benchmarks/bench_report.py --docs 1000000 --shards 64 --reasons 30

Feeds synthetic documents straight through the probes a run's shards use
(``corpuskit._report.probe.ShardProbe``: loaded, final and rejected streams, as
``tasks.run_shard`` wires them), merges the shards' records as the runner does, writes a
run directory with a stats.json and builds report.html from it. Each document is ~3 kB of
text with 12 removed lines (news.boilerplate's record shape) and 8 entities; 30 % are
rejected, spread over ``--reasons`` (stage, reason) pairs. Prints the page's size, the
parts of report.json, and the probe's microseconds per document (the run's overhead).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import orjson

from corpuskit._document import Document
from corpuskit._io import jsonl
from corpuskit._report.html import render_report
from corpuskit._report.probe import ShardProbe, merge_probes

WORDS = [f"w{i}" for i in range(5000)]


def documents(n: int, shard: int, shards: int, seed: int) -> list[Document]:
    """The shard's documents: 500 distinct pages, repeated under distinct ids."""
    rng = random.Random(seed)
    body = [" ".join(rng.choices(WORDS, k=25)) + "." for _ in range(40)]
    nav = [f"Menu line {k} | Home | News" for k in range(30)]
    pages = []
    for _ in range(500):
        removed = [{"line": rng.choice(nav), "reason": rng.choice(["before article", "after article", "teaser block"]),
                    "lineno": k + 1} for k in range(12)]
        entities = [{"name": f"Person {rng.randrange(20000)}", "type": "person", "count": 2, "forms": ["P"]}
                    for _ in range(8)]
        pages.append(("\n".join(rng.sample(body, 16)), {
            "boilerplate": {"removed": removed}, "entities": entities, "language": rng.choice(["en", "de", "fr"]),
            "story_size": rng.choice([1, 1, 2, 3])}))
    return [Document(f"doc{i:08d}", *pages[(i // shards) % 500]) for i in range(shard, n, shards)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--shards", type=int, default=64)
    parser.add_argument("--reasons", type=int, default=30)
    args = parser.parse_args()
    probe_seconds = 0.0
    records = []
    for s in range(args.shards):
        docs = documents(args.docs, s, args.shards, seed=s)
        probe = ShardProbe(s, sample=200, rejects=20, audit=[("1:news.boilerplate", "boilerplate")])
        t0 = time.process_time()
        list(probe.watch_loaded(iter(docs)))
        kept = []
        for i, doc in enumerate(docs):
            if i % 10 < 3:
                probe.watch_reject({"stage": f"{2 + i % args.reasons}:stage", "reason": f"reason {i % args.reasons}",
                                    "detail": "a detail", "document": doc.to_record()})
            else:
                kept.append(doc)
        list(probe.watch_final(iter(kept)))
        records.append(jsonl.dumps_line(probe.to_dict()))
        probe_seconds += time.process_time() - t0
    t0 = time.process_time()
    merged = merge_probes((jsonl.loads(r) for r in records), sample=200, rejects=20)
    merged["audit"] = [["1:news.boilerplate", "boilerplate"]]
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp)
        rejected = args.docs * 3 // 10
        stages = [{"name": "0:read_jsonl", "kind": "load", "in": args.docs, "out": args.docs, "rejected": {},
                   "seconds": 1.0, "counters": {}}]
        stages += [{"name": f"{2 + k}:stage", "kind": "clean", "in": args.docs, "out": args.docs,
                    "rejected": {f"reason {k}": rejected // args.reasons}, "seconds": 1.0, "counters": {"x": 1}}
                   for k in range(args.reasons)]
        (run / "stats.json").write_bytes(orjson.dumps({"run": {
            "name": "bench", "executor": "local", "workers": 2, "docs_in": args.docs, "docs_out": args.docs - rejected,
            "rejected": rejected, "seconds": 100.0, "shards": args.shards, "skipped_shards": 0, "outputs": []},
            "stages": stages}))
        (run / "config.yaml").write_text("name: bench\n")
        (run / "report.json").write_bytes(jsonl.dumps_line(merged))
        page = render_report(run)
    build = time.process_time() - t0
    parts = {k: len(orjson.dumps(v)) for k, v in merged.items()}
    print(f"docs={args.docs:,} shards={args.shards} reject reasons={args.reasons}")
    per_doc = probe_seconds / args.docs * 1e6
    print(f"probe: {probe_seconds:.1f} s, {per_doc:.1f} us of CPU per document (loaded + final/reject)")
    print(f"probe records: {sum(len(r) for r in records) / 1e6:.1f} MB over {args.shards} shards")
    print(f"merge + page: {build:.1f} s; report.json {len(jsonl.dumps_line(merged)) / 1e6:.2f} MB; "
          f"report.html {len(page) / 1e6:.2f} MB")
    biggest = sorted(parts.items(), key=lambda kv: -kv[1])
    print("report.json parts (bytes): " + ", ".join(f"{k} {v:,}" for k, v in biggest))


if __name__ == "__main__":
    main()
