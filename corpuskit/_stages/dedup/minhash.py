"""``minhash``: near-duplicate documents by MinHash LSH, one survivor per cluster.

Phases (see :class:`corpuskit._stages.kinds.GlobalStage`):

* keys - per document, a MinHash signature of its shingles, cut into bands; one
  ``(band key, value)`` per band. The value is small: the document's ref, its id,
  its rank under the ``keep`` rule and, with ``verify``, a one-byte-per-permutation
  sketch of the full signature. Texts never leave this phase.
* reduce - per band bucket: documents with equal band keys are candidates. With
  ``verify`` a candidate joins a group only if its sketch estimates a Jaccard of at
  least ``threshold`` with the group's leader; yields edges between documents.
* combine - union-find over all edges into clusters; the survivor of each cluster
  is the best by ``keep`` (ties: first in input order).
* apply - non-survivors are rejected (reason ``duplicate``), their meta gets
  ``duplicate_of`` (the survivor's id); survivors get ``meta["dedup"] = {"cluster":
  survivor id, "size": documents in the cluster}``. Documents without a duplicate
  pass unchanged.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import GlobalStage, Ref, param, stage
from corpuskit._stages.lazy import lazy_module

if TYPE_CHECKING:
    from corpuskit._stages.dedup import lsh
else:  # numpy and rensa are imported when a pipeline first computes a signature, not with corpuskit
    lsh = lazy_module("corpuskit._stages.dedup.lsh")

__all__ = ["MinHashDedup"]

CANDIDATE_RECALL = 0.95
"""With ``verify``, derived banding makes a pair at the threshold a candidate this often."""

_HEAD = struct.Struct("<IIH")  # a key's value: shard, index, rank length; then rank, sketch, id
_LONGEST = 1 << 62

MAX_LEADERS = 32
"""With ``verify``, how many group leaders a candidate is compared against in one bucket."""

_RefKey = tuple[int, int]
"""A document's ref as a plain (shard, index) tuple."""
_Member = tuple[_RefKey, str, bytes, bytes]
"""A band-key value unpacked: (ref, id, rank, sketch)."""
_Node = tuple[_RefKey, str, bytes]
"""One end of an edge: (ref, id, rank)."""
_Edge = tuple[_Node, _Node]


@stage("minhash", kind="deduplicate", writes=["dedup", "duplicate_of"])
@attrs.frozen
class MinHashDedup(GlobalStage):
    """Remove near-duplicate documents (MinHash LSH), keeping one per cluster.

    Writes ``meta["dedup"] = {"cluster", "size"}`` on the survivor of every cluster
    of two or more documents and ``meta["duplicate_of"]`` on each rejected copy
    (reject reason ``duplicate``). Counters: ``signed``, ``empty``,
    ``candidate_pairs``, ``verified_pairs``, ``clusters``, ``duplicates``.
    """

    shingles: Literal["word", "char"] = param(
        "word", doc="shingle unit: 'word' (whitespace tokens) or 'char' (characters)"
    )
    n: int = param(
        1,
        doc="shingle length in units; 1 = the set of words, robust to scattered edits (docs/dedup.md compares n)",
        validator=attrs.validators.ge(1),
    )
    num_perm: int = param(
        128, doc="number of MinHash permutations (signature length)", validator=attrs.validators.ge(1)
    )
    threshold: float = param(
        0.8,
        doc="Jaccard similarity from which two documents are duplicates",
        validator=attrs.validators.and_(attrs.validators.gt(0.0), attrs.validators.le(1.0)),
    )
    bands: int = param(0, doc="LSH bands; 0 derives bands and rows from threshold and num_perm")
    rows: int = param(0, doc="LSH rows per band; 0 derives them (set with bands)")
    verify: bool = param(
        True,
        doc="keep a candidate pair only if its Jaccard, estimated from the whole signature "
        "(one byte per permutation), reaches threshold; false trusts the band collision",
    )
    keep: Literal["first", "longest", "earliest"] = param(
        "first",
        doc="which document of a cluster survives: first in input order, longest text, or "
        "earliest meta.published (ties and missing dates: input order)",
    )
    lowercase: bool = param(True, doc="lowercase the text before shingling")
    seed: int = param(1, doc="seed of the MinHash permutations")

    def __attrs_post_init__(self) -> None:
        if (self.bands > 0) != (self.rows > 0):
            raise ValueError("set both bands and rows, or neither")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows ({self.bands} x {self.rows}) exceeds num_perm ({self.num_perm})")

    @property
    def banding(self) -> tuple[int, int]:
        """(bands, rows): as given, else derived from threshold and num_perm."""
        if self.bands:
            return self.bands, self.rows
        return lsh.optimal_bands(self.threshold, self.num_perm, CANDIDATE_RECALL if self.verify else None)

    def _rank(self, doc: Document) -> bytes:
        """The ``keep`` rule as bytes that sort best first (ties: input order, in combine)."""
        if self.keep == "longest":
            return (_LONGEST - len(doc.text)).to_bytes(8, "big")
        if self.keep == "earliest":
            published = doc.meta.get("published")
            return b"\x00" + str(published).encode() if published else b"\x01"
        return b""

    @property
    def _sketch_size(self) -> int:
        return self.num_perm if self.verify else 0

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> list[tuple[int, bytes]]:
        sig = lsh.signature(doc.text, self.shingles, self.n, self.num_perm, self.seed, self.lowercase)
        if sig is None:
            ctx.count("empty")
            return []
        ctx.count("signed")
        bands, rows = self.banding
        rank = self._rank(doc)
        sketch = lsh.verify_sketch(sig) if self.verify else b""
        value = _HEAD.pack(ref[0], ref[1], len(rank)) + rank + sketch + doc.id.encode()
        return list(zip(lsh.band_keys(sig, bands, rows), repeat(value, bands), strict=True))

    def reduce(self, bucket: int, items: Iterator[tuple[int, bytes]], ctx: StageContext) -> Iterator[_Edge]:
        first: dict[int, bytes] = {}
        shared: dict[int, list[bytes]] = {}  # only band keys seen more than once
        for key, value in items:
            seen = first.setdefault(key, value)
            if seen is not value:
                shared.setdefault(key, [seen]).append(value)
        del first
        for members in shared.values():
            yield from self._edges([self._unpack(v) for v in members], ctx)

    def _unpack(self, value: bytes) -> _Member:
        """(ref, id, rank, sketch) from a value made in :meth:`keys`."""
        shard, index, rank_len = _HEAD.unpack_from(value)
        at = _HEAD.size + rank_len
        end = at + self._sketch_size
        return (shard, index), value[end:].decode(), value[_HEAD.size : at], value[at:end]

    def _edges(self, members: list[_Member], ctx: StageContext) -> Iterator[_Edge]:
        """Edges ``(a, b)``, each ``(ref, id, rank)``, linking a band group's duplicates."""
        ctx.count("candidate_pairs", len(members) - 1)
        if not self.verify:
            first = members[0][:3]
            for other in members[1:]:
                yield first, other[:3]
            return
        leaders: list[_Member] = []
        for member in members:
            for leader in leaders[:MAX_LEADERS]:
                if lsh.estimate_jaccard(member[3], leader[3]) >= self.threshold:
                    ctx.count("verified_pairs")
                    yield leader[:3], member[:3]
                    break
            else:
                leaders.append(member)

    def combine(self, partials: Iterator[_Edge], ctx: StageContext) -> Iterator[tuple[Ref, Any]]:
        uf: lsh.UnionFind[_RefKey] = lsh.UnionFind()
        info: dict[_RefKey, tuple[str, bytes]] = {}
        for (ref_a, id_a, rank_a), (ref_b, id_b, rank_b) in partials:
            info[ref_a] = (id_a, rank_a)
            info[ref_b] = (id_b, rank_b)
            uf.union(ref_a, ref_b)
        for group in uf.groups():
            survivor = min(group, key=lambda r: (info[r][1], r))
            sid = info[survivor][0]
            ctx.count("clusters")
            ctx.count("duplicates", len(group) - 1)
            for ref in group:
                decision = ("keep", sid, len(group)) if ref == survivor else ("dup", sid, len(group))
                yield Ref(*ref), decision

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        if not decisions:
            return doc
        action, sid, size = decisions[0]
        if action == "dup":
            ctx.reject(doc.with_meta(duplicate_of=sid), "duplicate", detail=f"near-duplicate of {sid}")
            return None
        return doc.with_meta(dedup={"cluster": sid, "size": size})
