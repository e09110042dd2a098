"""What a run records for its report while it runs, one shard at a time.

A :class:`ShardProbe` watches three streams of one shard: the documents as its
loader read them (first segment), the documents that reach the end of the pipeline
(last segment) and the rejects (every segment). It keeps small things only:

* histograms of text length before and after cleaning (characters, two bins per
  doubling), counts of documented meta values (``language``, ``story_size``,
  ``dedup.size``, ``duplicate_of``), the most frequent removed lines and entities
  (a bounded counter: the rarest entries are pruned when it grows);
* a sample: the documents with the smallest hash of their id (a bottom-k sketch,
  so the sample is the same under every executor and shard count), and per stage
  and reason the rejects with the smallest hashes.

:func:`merge_probes` adds the shards' probes into one and picks the run's sample.
The report reads removed lines from the meta key a stage declares with
``@stage(..., audit_key=KEY)``: ``meta[KEY]["removed"]``, a list of
``{"line", "reason", "lineno"}`` (docs/plugins.md, "Removed lines in the report").
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import xxhash

from corpuskit._document import Document

__all__ = ["TEXT_LIMIT", "AuditKey", "ProbePlan", "ShardProbe", "length_bin", "merge_probes"]

AuditKey = tuple[str, str]
"""``(stage label, meta key)`` of a stage that records its removed lines."""

@attrs.frozen
class ProbePlan:
    """What every shard records for the report: sample sizes and the stages' audit keys."""

    sample: int = 200
    rejects: int = 20
    audit: tuple[AuditKey, ...] = ()

    def probe(self, shard: int) -> ShardProbe:
        return ShardProbe(shard, sample=self.sample, rejects=self.rejects, audit=self.audit)


TEXT_LIMIT = 10_000
"""Characters of a sampled document's text kept for the report."""
MAX_STRATA = 100
"""(stage, reason) pairs whose rejects are sampled separately; the rest share one sample per stage."""
OTHER_REASONS = "(other reasons)"
KEEP_TOP = 2_000
"""Entries a bounded counter keeps when it prunes (it prunes at four times this)."""


def length_bin(n: int) -> int:
    """The histogram bin of a text of ``n`` characters: 0 for empty, then two bins per doubling."""
    return 0 if n <= 0 else int(2 * math.log2(n)) + 1


_BINNED = 1 << 14
_BINS = [length_bin(n) for n in range(_BINNED)]
"""``length_bin`` of the lengths most texts have, looked up instead of computed (every document, twice)."""
_xxh64 = xxhash.xxh64_intdigest


def doc_hash(doc_id: str) -> int:
    return _xxh64(doc_id.encode("utf-8", "surrogatepass"))


def _prune(counter: Counter[Any]) -> None:
    if len(counter) > 4 * KEEP_TOP:
        kept = counter.most_common(KEEP_TOP)
        counter.clear()
        counter.update(dict(kept))


class _BottomK:
    """The ``k`` items with the smallest keys seen so far (a max-heap on the negated key)."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.heap: list[tuple[int, int, Any]] = []
        self._n = 0
        self.below = 1 << 64 if k > 0 else 0
        """Keys under this are kept (:meth:`wants`): any key while the heap fills, then under its largest."""

    def wants(self, key: int) -> bool:
        """Whether an item with ``key`` would be kept now (build it only then)."""
        return key < self.below

    def put(self, key: int, item: Any) -> None:
        """Keep ``item`` (call only when :meth:`wants` said so)."""
        self._n += 1
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, (-key, self._n, item))
        else:
            heapq.heapreplace(self.heap, (-key, self._n, item))
        if len(self.heap) == self.k:
            self.below = -self.heap[0][0]

    def offer(self, key: int, item: Any) -> None:
        if self.wants(key):
            self.put(key, item)

    def items(self) -> list[Any]:
        return [item for _, _, item in sorted(self.heap, key=lambda e: -e[0])]


class ShardProbe:
    """The report's records of one shard of one segment (see the module docstring)."""

    def __init__(self, shard: int, *, sample: int, rejects: int, audit: Iterable[AuditKey] = ()) -> None:
        self.shard = shard
        self.audit = list(audit)
        self.before: Counter[int] = Counter()
        self.after: Counter[int] = Counter()
        self.languages: Counter[str] = Counter()
        self.story_docs: Counter[int] = Counter()  # story_size -> documents (stories = docs / size)
        self.removed: Counter[tuple[str, str]] = Counter()  # (stage, reason) -> lines
        self.lines: Counter[tuple[str, str, str]] = Counter()  # (stage, reason, line) -> times
        self.entities: Counter[tuple[str, str]] = Counter()  # (name, type) -> documents
        self.mentions: Counter[tuple[str, str]] = Counter()
        self.forms: dict[tuple[str, str], set[str]] = {}
        self.duplicates: Counter[tuple[str, str]] = Counter()  # (stage, duplicate_of) -> copies rejected
        self.loaded = _BottomK(sample)
        self.final = _BottomK(sample)
        self.rejected: dict[tuple[str, str], _BottomK] = {}
        self._rejects_k = rejects
        self.seen_loaded = self.seen_final = False
        self.broken: str | None = None  # why recording stopped (the run goes on)

    # -- the three streams ---------------------------------------------------
    def watch_loaded(self, docs: Iterator[Document]) -> Iterator[Document]:
        """The loader's documents, unchanged: their length and, for the sample, their text."""
        self.seen_loaded = True
        return self._watch(docs, self._loaded)

    def watch_final(self, docs: Iterator[Document]) -> Iterator[Document]:
        """The documents that reach the end of the pipeline, unchanged."""
        self.seen_final = True
        return self._watch(docs, self._final)

    def _watch(self, docs: Iterator[Document], note: Callable[[Document], None]) -> Iterator[Document]:
        """:meth:`_record` of each document, inlined: it runs for every document, twice."""
        for doc in docs:
            if self.broken is None:
                try:
                    note(doc)
                except Exception as exc:
                    self.broken = f"{type(exc).__name__}: {exc}"
            yield doc

    def watch_reject(self, record: dict[str, Any]) -> None:
        """One reject record (``{stage, reason, detail, document}``), as the shard writes it."""
        self._record(self._reject, record)

    def _record(self, note: Callable[[Any], None], item: Any) -> None:
        """``note(item)`` unless recording has stopped; an exception stops it (the report never fails a run)."""
        if self.broken is None:
            try:
                note(item)
            except Exception as exc:
                self.broken = f"{type(exc).__name__}: {exc}"

    def _loaded(self, doc: Document) -> None:
        text = doc.text
        n = len(text)
        self.before[_BINS[n] if n < _BINNED else length_bin(n)] += 1
        h = _xxh64(doc.id.encode("utf-8", "surrogatepass"))
        if h < self.loaded.below:
            markup = doc.meta.get("content_type") == "text/html"  # no use placing removed lines in markup
            self.loaded.put(h, (doc.id, None if markup else text[:TEXT_LIMIT], doc.meta.get("content_type")))

    def _reject(self, record: dict[str, Any]) -> None:
        stage, reason = str(record.get("stage")), str(record.get("reason"))
        document = record.get("document") or {}
        meta = document.get("meta") or {}
        of = meta.get("duplicate_of") if isinstance(meta, dict) else None
        if isinstance(of, str):
            self.duplicates[(stage, of)] += 1
        bucket = _stratum(self.rejected, stage, reason, self._rejects_k)
        h = doc_hash(str(document.get("id")))
        if bucket.wants(h):
            bucket.put(h, _trimmed_reject(record))

    def _final(self, doc: Document) -> None:
        meta = doc.meta
        n = len(doc.text)
        self.after[_BINS[n] if n < _BINNED else length_bin(n)] += 1
        language = meta.get("language")
        self.languages[language if isinstance(language, str) and language else "unknown"] += 1
        size = meta.get("story_size")
        if isinstance(size, int) and size > 0:
            self.story_docs[size] += 1
        for stage, key in self.audit:
            record = meta.get(key)
            removed = record.get("removed") if isinstance(record, dict) else None
            if isinstance(removed, list):
                self._removed(stage, removed)
        entities = meta.get("entities")
        if isinstance(entities, list):
            self._entities(entities)
        h = _xxh64(doc.id.encode("utf-8", "surrogatepass"))
        if h < self.final.below:
            self.final.put(h, _trimmed_doc(doc))

    def _removed(self, stage: str, removed: list[Any]) -> None:
        keys = [(stage, item["reason"], item["line"].strip()[:300]) for item in removed]
        self.lines.update(keys)  # Counter.update over an iterable counts in C
        self.removed.update([key[:2] for key in keys])
        if len(self.lines) > 4 * KEEP_TOP:
            _prune(self.lines)

    def _entities(self, entities: list[Any]) -> None:
        keys = [(e["name"], e["type"]) for e in entities]
        self.entities.update(keys)
        mentions, forms = self.mentions, self.forms
        for entity, key in zip(entities, keys, strict=True):
            mentions[key] += entity.get("count", 1)
            known = forms.get(key)
            if known is None:
                forms[key] = set(entity.get("forms", ())[:12])
            elif len(known) < 12:
                known.update(entity.get("forms", ()))
        if len(self.entities) > 4 * KEEP_TOP:
            _prune(self.entities)
            self.forms = {k: v for k, v in self.forms.items() if k in self.entities}
            self.mentions = Counter({k: v for k, v in self.mentions.items() if k in self.entities})

    # -- to and from the run directory ---------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "seen_loaded": self.seen_loaded,
            "seen_final": self.seen_final,
            "broken": self.broken,
            "before": _pairs(self.before),
            "after": _pairs(self.after),
            "languages": dict(self.languages),
            "story_docs": _pairs(self.story_docs),
            "removed": [[s, r, n] for (s, r), n in self.removed.items()],
            "lines": [[s, r, line, n] for (s, r, line), n in self.lines.most_common(KEEP_TOP)],
            "entities": [[name, tp, n, self.mentions[(name, tp)], sorted(self.forms.get((name, tp), ()))]
                         for (name, tp), n in self.entities.most_common(KEEP_TOP)],
            "duplicates": [[s, of, n] for (s, of), n in self.duplicates.items()],
            "loaded": [[h, *item] for h, item in _keyed(self.loaded)],
            "final": [[h, item] for h, item in _keyed(self.final)],
            "rejected": [[s, r, [[h, item] for h, item in _keyed(b)]] for (s, r), b in self.rejected.items()],
        }


def _stratum(strata: dict[tuple[str, str], _BottomK], stage: str, reason: str, k: int) -> _BottomK:
    """The sample of rejects of ``(stage, reason)``; past ``MAX_STRATA``, one shared bucket.

    A plugin whose reasons carry values (``ratio 0.14``) would otherwise make the report
    grow with the corpus.
    """
    key = (stage, reason)
    bucket = strata.get(key)
    if bucket is None:
        if len(strata) >= MAX_STRATA:
            key = (stage, OTHER_REASONS)
            bucket = strata.get(key)
        if bucket is None:
            bucket = strata[key] = _BottomK(k)
    return bucket


def _keyed(bottom: _BottomK) -> list[tuple[int, Any]]:
    return [(-neg, item) for neg, _, item in sorted(bottom.heap, key=lambda e: -e[0])]


def _pairs(counter: Counter[int]) -> list[list[int]]:
    return [[k, n] for k, n in sorted(counter.items())]


def _trimmed_doc(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "text": doc.text[:TEXT_LIMIT], "chars": len(doc.text), "meta": doc.meta}


def _trimmed_reject(record: dict[str, Any]) -> dict[str, Any]:
    document = dict(record.get("document") or {})
    text = str(document.get("text", ""))
    document["chars"] = len(text)
    document["text"] = text[:TEXT_LIMIT]
    return {**record, "document": document}


def merge_probes(probes: Iterable[dict[str, Any]], *, sample: int, rejects: int) -> dict[str, Any]:
    """The run's report records from its shards' probes (``ShardProbe.to_dict``), in any order.

    Memory stays bounded by the sample sizes and the counters' caps, however many shards.
    The sampled documents are those with the ``sample`` smallest id hashes among every
    loaded document; each one that reached the output is shown with its text as loaded.
    """
    merged = _Merged(sample, rejects)
    for p in probes:
        merged.add(p)
    return merged.result()


class _Merged:
    def __init__(self, sample: int, rejects: int) -> None:
        self.sample, self.rejects_k = sample, rejects
        self.counts: dict[str, Counter[Any]] = {
            name: Counter() for name in ("before", "after", "languages", "story_docs", "removed", "lines",
                                         "entities", "mentions", "duplicates")}
        self.forms: dict[tuple[str, str], set[str]] = {}
        self.loaded = _BottomK(sample)
        self.final = _BottomK(sample)
        self.rejected: dict[tuple[str, str], _BottomK] = {}

    def add(self, p: dict[str, Any]) -> None:
        c = self.counts
        c["before"].update({k: n for k, n in p["before"]})
        c["after"].update({k: n for k, n in p["after"]})
        c["languages"].update(p["languages"])
        c["story_docs"].update({k: n for k, n in p["story_docs"]})
        c["removed"].update({(s, r): n for s, r, n in p["removed"]})
        c["lines"].update({(s, r, line): n for s, r, line, n in p["lines"]})
        for name, tp, n, m, fs in p["entities"]:
            c["entities"][(name, tp)] += n
            c["mentions"][(name, tp)] += m
            self.forms.setdefault((name, tp), set()).update(fs)
        c["duplicates"].update({(s, of): n for s, of, n in p["duplicates"]})
        shard = p["shard"]
        for h, doc_id, text, content_type in p["loaded"]:
            self.loaded.offer(h, (shard, doc_id, text, content_type))
        for h, item in p["final"]:
            self.final.offer(h, (shard, item))
        for s, r, items in p["rejected"]:
            bucket = _stratum(self.rejected, s, r, self.rejects_k)
            for h, item in items:
                bucket.offer(h, item)
        _prune(c["lines"])
        if len(c["entities"]) > 4 * KEEP_TOP:
            _prune(c["entities"])
            self.forms = {k: v for k, v in self.forms.items() if k in c["entities"]}

    def result(self) -> dict[str, Any]:
        c = self.counts
        final = {(shard, item["id"]): item for shard, item in self.final.items()}
        documents = []
        for shard, doc_id, text, content_type in self.loaded.items():
            doc = final.get((shard, doc_id))
            if doc is not None:
                documents.append({**doc, "before": text, "before_type": content_type})
        clusters: dict[str, Counter[int]] = {}
        for (stage, _), n in c["duplicates"].items():
            clusters.setdefault(stage, Counter())[n + 1] += 1
        return {
            "lengths": {"before": sorted(c["before"].items()), "after": sorted(c["after"].items())},
            "languages": c["languages"].most_common(),
            "stories": sorted((size, n // size) for size, n in c["story_docs"].items()),
            "clusters": {stage: sorted(sizes.items()) for stage, sizes in clusters.items()},
            "removed": [[s, r, n] for (s, r), n in c["removed"].most_common()],
            "lines": [[s, r, line, n] for (s, r, line), n in c["lines"].most_common(100)],
            "entities": [[name, tp, n, c["mentions"][(name, tp)], sorted(self.forms.get((name, tp), ()))[:12]]
                         for (name, tp), n in c["entities"].most_common(100)],
            "sampled_at_load": len(self.loaded.heap),
            "documents": documents,
            "rejected": [{"stage": s, "reason": r, "documents": bucket.items()}
                         for (s, r), bucket in sorted(self.rejected.items())],
        }
