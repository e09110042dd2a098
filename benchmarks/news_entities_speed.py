"""Throughput of news.entities + news.quotes on one core, on 3-5 KB article texts.

    python benchmarks/news_entities_speed.py [--docs 2000] [--corpus DIR]

Builds documents of 3-5 KB by joining consecutive plain-text articles from ``--corpus``
(default: the BBC articles in ../shared/devdata/bbc), then times, in this process:
the map phase (keys), reduce, the apply phase, and news.quotes, and prints docs/s.
Everything runs in one process on one core (the runner's serial path); the number is
per worker.
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from pathlib import Path

from corpuskit_news.entities.stage import NewsEntities
from corpuskit_news.quotes.stage import NewsQuotes

from corpuskit import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Ref
from corpuskit._stages.stats import StageStats

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "devdata" / "bbc"


def build_docs(corpus: Path, count: int) -> list[Document]:
    texts = [p.read_text(encoding="latin-1") for p in sorted(corpus.rglob("*.txt")) if p.name != "README.TXT"]
    docs, buffer, i = [], "", 0
    while len(docs) < count:
        buffer = (buffer + "\n\n" + texts[i % len(texts)]).strip()
        i += 1
        if len(buffer.encode()) >= 3000:
            docs.append(Document(f"d{len(docs)}", buffer[:5000]))
            buffer = ""
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--buckets", type=int, default=16)
    parser.add_argument("--save", type=Path, help="write the built documents to this JSONL file and stop")
    parser.add_argument("--jsonl", type=Path, help="read the documents from this JSONL file instead")
    args = parser.parse_args()
    if args.jsonl:
        lines = args.jsonl.read_text(encoding="utf-8").splitlines()[: args.docs]
        docs = [Document.from_record(json.loads(line)) for line in lines]
    else:
        docs = build_docs(args.corpus, args.docs)
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text("".join(json.dumps(d.to_record()) + "\n" for d in docs), encoding="utf-8")
        return
    size = sum(len(d.text.encode()) for d in docs) / len(docs)
    ctx = StageContext("bench", StageStats("bench"), [].append)
    stage, quotes = NewsEntities(), NewsQuotes()
    t0 = time.process_time()
    stage.setup(ctx)
    t_setup = time.process_time() - t0
    t0 = time.process_time()
    parts: list[list] = [[] for _ in range(args.buckets)]
    for i, doc in enumerate(docs):
        for key, value in stage.keys(doc, Ref(0, i), ctx):
            parts[zlib.crc32(key.encode()) % args.buckets].append((key, value))
    t_map = time.process_time() - t0
    t0 = time.process_time()
    decisions: dict = {}
    for b, items in enumerate(parts):
        for ref, decision in stage.reduce(b, iter(items), ctx):
            decisions.setdefault(ref, []).append(decision)
    t_reduce = time.process_time() - t0
    t0 = time.process_time()
    out = [stage.apply(doc, decisions.get(Ref(0, i), []), ctx) for i, doc in enumerate(docs)]
    t_apply = time.process_time() - t0
    t0 = time.process_time()
    out = [quotes.map(doc, ctx) for doc in out]
    t_quotes = time.process_time() - t0
    total = t_map + t_reduce + t_apply + t_quotes
    n = len(docs)
    print(f"{n} docs, mean {size:.0f} bytes; setup (gazetteers) {t_setup:.2f} s once per worker")
    for label, t in [("entities map (keys)", t_map), ("entities reduce", t_reduce),
                     ("entities apply", t_apply), ("quotes", t_quotes), ("total", total)]:
        print(f"  {label:22} {t:7.2f} s  {n / t:8.0f} docs/s")
    entities = sum(len(d.meta["entities"]) for d in out) / n
    quoted = sum(len(d.meta["quotes"]) for d in out) / n
    print(f"entities: {entities:.1f} per doc, quotes: {quoted:.1f} per doc, renames: {ctx.stats.counters['renames']}")


if __name__ == "__main__":
    main()
