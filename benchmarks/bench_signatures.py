"""Which MinHash signature backend for ``minhash``: rensa or numpy over xxhash'd shingles.

    python benchmarks/bench_signatures.py benchmarks/data/c20k/corpus.jsonl --docs 5000

Times, per document and on one core, three ways of turning a text into a
``num_perm`` signature of the same whitespace word shingles:

* ``rensa``: ``RMinHash(num_perm, seed).update(shingle strings).digest()`` (Rust).
* ``rensa-hashed``: shingles hashed with xxh3 in Python, signatures from the hash
  sets with ``RMinHash.digest_matrix_from_token_hash_sets`` (one document per call).
* ``corpuskit lsh.signature``: what the stage uses - rensa on the words for
  n = 1; for n > 1 word hashes rolled into n-gram hashes in numpy, then rensa's
  pre-hashed entry point (no Python string per shingle).
* ``numpy``: xxh3 hashes of the shingles, then ``num_perm`` multiply-shift hash
  functions applied as one (perms x shingles) uint64 matrix and a min over rows.

Prints docs/s for each backend and n.
"""

from __future__ import annotations

import argparse
import time
from itertools import islice
from pathlib import Path

import numpy as np
import orjson
import rensa
import xxhash


def word_shingles(text: str, n: int) -> list[str]:
    words = text.split()
    if n == 1 or len(words) <= n:
        return words if n == 1 else [" ".join(words)]
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]


def sig_rensa(texts: list[str], n: int, num_perm: int) -> None:
    for t in texts:
        m = rensa.RMinHash(num_perm, 1)
        m.update(word_shingles(t, n))
        m.digest()


def sig_rensa_hashed(texts: list[str], n: int, num_perm: int) -> None:
    h = xxhash.xxh3_64_intdigest
    for t in texts:
        hashes = {h(s.encode()) for s in word_shingles(t, n)}
        rensa.RMinHash.digest_matrix_from_token_hash_sets([list(hashes)], num_perm, 1)


def sig_numpy(texts: list[str], n: int, num_perm: int) -> None:
    rng = np.random.default_rng(1)
    a = (rng.integers(1, 2**63, num_perm, dtype=np.uint64) | np.uint64(1))[:, None]
    b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)[:, None]
    h = xxhash.xxh3_64_intdigest
    for t in texts:
        hashes = np.fromiter({h(s.encode()) for s in word_shingles(t, n)}, dtype=np.uint64)
        ((a * hashes[None, :] + b) >> np.uint64(32)).min(axis=1)


def sig_corpuskit(texts: list[str], n: int, num_perm: int) -> None:
    from corpuskit._stages.dedup.lsh import signature

    for t in texts:
        signature(t, "word", n, num_perm)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a corpus.jsonl from gen_corpus.py")
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--num-perm", type=int, default=128)
    args = ap.parse_args()
    with open(args.corpus, "rb") as f:
        texts = [orjson.loads(line)["text"] for line in islice(f, args.docs)]
    print(f"{len(texts)} docs, num_perm={args.num_perm}, one core")
    print("| backend | n | docs/s |\n|---|---|---|")
    for n in (1, 5):
        for name, fn in (
            ("rensa", sig_rensa),
            ("rensa-hashed", sig_rensa_hashed),
            ("numpy", sig_numpy),
            ("corpuskit lsh.signature", sig_corpuskit),
        ):
            t0 = time.perf_counter()
            fn(texts, n, args.num_perm)
            dt = time.perf_counter() - t0
            print(f"| {name} | {n} | {len(texts) / dt:,.0f} |")


if __name__ == "__main__":
    main()
