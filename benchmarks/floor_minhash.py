"""The floor for ``minhash``: a bare script with the same signatures, LSH and verification.

    python benchmarks/floor_minhash.py --out survivors.jsonl --workers 2 parts/*.jsonl

Reads JSONL files (one process per file, ``--workers`` at a time), computes the
same rensa signatures as the ``minhash`` stage (corpuskit._stages.dedup.lsh, same
shingles, permutations, banding and b-bit verification), groups band keys in one
dict in the parent, unions verified candidates, keeps the first document of each
cluster and writes the survivors by re-reading the files. No framework: no stage
objects, no spill files, no rejects, no stats - the lower bound of what the stage
costs.
"""

from __future__ import annotations

import argparse
from multiprocessing import Pool
from pathlib import Path

import orjson

from corpuskit._stages.dedup import lsh

P: dict = {}


def sign_file(path: str) -> list[tuple[list[int], bytes]]:
    """(band keys, verify sketch) per document of one file, in order (empty text: no keys)."""
    out = []
    bands, rows = P["bands"], P["rows"]
    with open(path, "rb") as fh:
        for line in fh:
            text = orjson.loads(line)["text"]
            sig = lsh.signature(text, "word", P["n"], P["num_perm"], 1)
            if sig is None:
                out.append(([], b""))
            else:
                out.append((lsh.band_keys(sig, bands, rows), lsh.verify_sketch(sig)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--n", type=int, default=1)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.8)
    args = ap.parse_args()
    bands, rows = lsh.optimal_bands(args.threshold, args.num_perm, 0.95)
    P.update(bands=bands, rows=rows, n=args.n, num_perm=args.num_perm)
    with Pool(args.workers) as pool:
        per_file = pool.map(sign_file, args.files, chunksize=1)
    buckets: dict[int, int] = {}  # band key -> first doc (global index) with it
    sketches: list[bytes] = []
    uf = lsh.UnionFind()
    for sigs in per_file:
        for keys, sketch in sigs:
            doc = len(sketches)
            sketches.append(sketch)
            for key in keys:
                other = buckets.setdefault(key, doc)
                if other != doc and lsh.estimate_jaccard(sketch, sketches[other]) >= args.threshold:
                    uf.union(other, doc)
    drop = {x for group in uf.groups() for x in sorted(group)[1:]}
    i = 0
    with open(args.out, "wb") as out:
        for path in args.files:
            with open(path, "rb") as fh:
                for line in fh:
                    if i not in drop:
                        out.write(line)
                    i += 1


if __name__ == "__main__":
    main()
