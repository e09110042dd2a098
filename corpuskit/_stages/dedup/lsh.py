"""MinHash signatures, LSH banding and union-find: the machinery behind ``minhash``.

Signatures come from rensa (a compiled MinHash, see benchmarks/bench_signatures.py
for why): word unigrams go to ``RMinHash.update`` as strings; longer word shingles
and character shingles are built as 64-bit rolling hashes in numpy and handed to
rensa's pre-hashed entry point, which avoids building one Python string per
shingle (twice as fast for word 5-grams, much more for characters).

Banding: a signature of ``num_perm`` values is cut into ``bands`` bands of ``rows``
values; two documents become candidates when one band is equal, which happens
with probability ``1 - (1 - J**rows)**bands`` for Jaccard similarity ``J`` (the
S-curve, :func:`candidate_probability`). :func:`optimal_bands` picks bands and rows
for a threshold: for verified candidates, a high probability at the threshold with
the fewest candidates below it; unverified, the least false-positive plus
false-negative area (datasketch's rule).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Generic, TypeVar

import numpy as np
import rensa
import xxhash

__all__ = [
    "UnionFind",
    "band_keys",
    "candidate_probability",
    "estimate_jaccard",
    "optimal_bands",
    "shingle_hashes",
    "signature",
    "verify_sketch",
]

_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a rolling hash over all 64 bits."""
    h = (h ^ (h >> np.uint64(30))) * _MIX1
    h = (h ^ (h >> np.uint64(27))) * _MIX2
    mixed: np.ndarray = h ^ (h >> np.uint64(31))
    return mixed


def _roll(units: np.ndarray, n: int) -> np.ndarray:
    """Hashes of every window of ``n`` consecutive units (polynomial, then mixed)."""
    if len(units) <= n:
        n = len(units)
    width = len(units) - n + 1
    acc = units[:width].copy()
    with np.errstate(over="ignore"):
        for k in range(1, n):
            acc = acc * _MULT + units[k : k + width]
        return _mix(acc)


def shingle_hashes(text: str, shingles: str, n: int, lowercase: bool = True) -> np.ndarray:
    """64-bit hashes of the text's shingles (``word`` or ``char`` n-grams), may repeat.

    Words are whitespace-separated tokens; a text shorter than ``n`` units is one
    shingle. Returns an empty array for a text with no units.
    """
    if lowercase:
        text = text.lower()
    if shingles == "word":
        words = text.split()
        if not words:
            return np.empty(0, dtype=np.uint64)
        units = np.fromiter((xxhash.xxh3_64_intdigest(w.encode()) for w in words), np.uint64, len(words))
        return units if n == 1 else _roll(units, n)
    chars = " ".join(text.split())  # collapse whitespace runs
    if not chars:
        return np.empty(0, dtype=np.uint64)
    units = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return _roll(units, n)


def signature(
    text: str, shingles: str, n: int, num_perm: int, seed: int = 1, lowercase: bool = True
) -> bytes | None:
    """The MinHash signature as ``num_perm`` little-endian uint32 values, or None for an empty text."""
    if shingles == "word" and n == 1:
        words = (text.lower() if lowercase else text).split()
        if not words:
            return None
        m = rensa.RMinHash(num_perm, seed)
        m.update(words)
        return _pack(m.digest())
    hashes = shingle_hashes(text, shingles, n, lowercase)
    if not len(hashes):
        return None
    offsets = np.array([0, len(hashes)], dtype=np.uint64)
    rows = rensa.RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets, num_perm, seed).to_rows()
    return _pack(rows[0])


def _pack(values: list[int]) -> bytes:
    packed = array("I", values)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def candidate_probability(jaccard: float, bands: int, rows: int) -> float:
    """Probability that two documents of this Jaccard share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


@lru_cache(maxsize=64)
def optimal_bands(threshold: float, num_perm: int, recall: float | None = None) -> tuple[int, int]:
    """(bands, rows) with ``bands * rows <= num_perm`` for a similarity ``threshold``.

    With ``recall`` (used when candidates are verified): the banding that makes a
    pair at exactly ``threshold`` a candidate with at least that probability while
    letting through the least area of the S-curve below ``threshold`` (false
    candidates, which verification removes). Without: the banding minimising the
    false-positive area below plus the false-negative area above ``threshold``
    (datasketch's rule), for unverified use.
    """
    lo = np.linspace(0.0, threshold, 201)
    hi = np.linspace(threshold, 1.0, 201)
    best: tuple[float, int, int] | None = None
    fallback: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = float(np.trapezoid(1 - (1 - lo**rows) ** bands, lo))
            if recall is None:
                err = fp + float(np.trapezoid((1 - hi**rows) ** bands, hi))
            else:
                at = candidate_probability(threshold, bands, rows)
                if fallback is None or at > fallback[0]:
                    fallback = (at, bands, rows)
                if at < recall:
                    continue
                err = fp
            if best is None or err < best[0] - 1e-12:
                best = (err, bands, rows)
    chosen = best or fallback
    assert chosen is not None
    return chosen[1], chosen[2]


def band_keys(sig: bytes, bands: int, rows: int) -> list[int]:
    """One 64-bit key per band; equal keys mean (almost surely) equal bands."""
    width = rows * 4
    return [xxhash.xxh3_64_intdigest(sig[b * width : (b + 1) * width], seed=b) for b in range(bands)]


def verify_sketch(sig: bytes) -> bytes:
    """The low byte of every signature value (b-bit MinHash, b = 8): one byte per permutation."""
    return sig[::4]


def estimate_jaccard(a: bytes, b: bytes) -> float:
    """Jaccard estimated from two :func:`verify_sketch` results.

    Low bytes agree with probability ``J + (1 - J) / 256`` (Li and König's b-bit
    MinHash), so the raw agreement is corrected for chance matches.
    """
    if not a or len(a) != len(b):
        return 0.0
    agree = np.count_nonzero(np.frombuffer(a, np.uint8) == np.frombuffer(b, np.uint8)) / len(a)
    return max(0.0, (agree - 1 / 256) / (1 - 1 / 256))


Item = TypeVar("Item", bound=Hashable)


class UnionFind(Generic[Item]):
    """Disjoint sets over hashable items, with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[Item, Item] = {}
        self.size: dict[Item, int] = {}

    def find(self, x: Item) -> Item:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Item, b: Item) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size.pop(rb)

    def groups(self) -> Iterable[list[Item]]:
        """The sets, each as a list of its items."""
        out: dict[Item, list[Item]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out.values()
