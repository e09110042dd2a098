"""``sample``: a deterministic fraction of the documents, chosen by a hash of the id."""

from __future__ import annotations

import attrs
import xxhash

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage

__all__ = ["Sample"]

_SPACE = 1 << 64


@stage("sample", kind="clean", writes=[])
@attrs.frozen
class Sample(Filter):
    """Keeps about ``fraction`` of the documents, chosen by a hash of each document's id.

    The choice depends only on the id and ``seed`` (xxh64 of the UTF-8 id, kept when
    below ``fraction`` of the hash space): the same documents are kept under every
    executor and worker count, in every run, and a larger fraction keeps a superset of a
    smaller one's documents (same seed). The others are rejected with reason ``not
    sampled``, so the run's rejects hold them (in = out + rejected still holds). See
    docs/filters.md.
    """

    fraction: float = param(doc="share of the documents kept, above 0 and at most 1",
                            validator=[attrs.validators.gt(0.0), attrs.validators.le(1.0)])
    seed: int = param(0, doc="another seed draws another sample", validator=attrs.validators.ge(0))

    def keep(self, doc: Document, ctx: StageContext) -> bool | str:
        digest = xxhash.xxh64_intdigest(doc.id.encode("utf-8", "surrogatepass"), seed=self.seed)
        return True if digest < self.fraction * _SPACE else "not sampled"
