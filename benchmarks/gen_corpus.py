"""Generate a labelled news-like corpus for deduplication benchmarks and tests.

    python benchmarks/gen_corpus.py --docs 100000 --seed 1 --out benchmarks/data/c100k
    python benchmarks/gen_corpus.py --docs 20000 --source /path/to/bbc --out DIR

Writes ``DIR/corpus.jsonl`` (records ``{"id", "text", "meta"}``) and
``DIR/labels.jsonl`` (one line per planted document: ``{"id", "original", "kind"}``
with kind ``exact``, ``near`` or ``negative``). Everything is streamed: one document
is built, written and forgotten, so a million documents take a few minutes and
little memory. The same ``--seed`` gives byte-identical files.

The generator itself (what a document looks like, what is planted and how hard it is)
lives in ``evaluation/corpus.py``, where the tests import it from; this script only
writes its output to files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.corpus import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See evaluation/corpus.py for what is planted and how.",
    )
    ap.add_argument("--docs", type=int, required=True, help="number of documents to write")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed, same files)")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument(
        "--dup-rate",
        type=float,
        default=None,
        help="shortcut: exact = dup-rate/4, near = 3*dup-rate/4 (overrides the two below)",
    )
    ap.add_argument("--exact-rate", type=float, default=0.05, help="fraction of exact copies (0.05)")
    ap.add_argument("--near-rate", type=float, default=0.15, help="fraction of near-duplicates (0.15)")
    ap.add_argument("--negative-rate", type=float, default=0.05, help="fraction of hard negatives (0.05)")
    ap.add_argument("--edit-min", type=float, default=0.02, help="least fraction of words edited (0.02)")
    ap.add_argument("--edit-max", type=float, default=0.10, help="most fraction of words edited (0.10)")
    ap.add_argument("--sites", type=int, default=40, help="number of made-up sites (40)")
    ap.add_argument(
        "--source",
        type=Path,
        default=None,
        help="folder of <topic>/*.txt articles to take sentences from (default: grammar)",
    )
    args = ap.parse_args(argv)
    exact, near = args.exact_rate, args.near_rate
    if args.dup_rate is not None:
        exact, near = args.dup_rate / 4, args.dup_rate * 3 / 4
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    n_labels = 0
    with open(args.out / "corpus.jsonl", "wb") as corpus, open(args.out / "labels.jsonl", "wb") as labels:
        for record, label in generate(
            args.docs,
            args.seed,
            exact_rate=exact,
            near_rate=near,
            negative_rate=args.negative_rate,
            edit_min=args.edit_min,
            edit_max=args.edit_max,
            source=args.source,
            n_sites=args.sites,
        ):
            corpus.write(orjson.dumps(record) + b"\n")
            if label is not None:
                labels.write(orjson.dumps(label) + b"\n")
                n_labels += 1
    dt = time.perf_counter() - t0
    print(f"wrote {args.docs} documents ({n_labels} planted) to {args.out} in {dt:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
