"""``stories``: group documents that report the same event, in different words.

News writing puts the event - who, what, where, when - in the title and the first
paragraphs (the lead). Two reports of one event share the lead's rare terms (names,
places, organisations, figures, dates) even when no sentence is shared; two stories
on the same subject share only its common terms. So ``stories`` compares leads by
TF-IDF cosine:

* terms: the lead's words (the first ``lead_words`` words of lines with at least
  ``min_line_words`` words, so navigation, bylines and share prompts do not count;
  ``meta["title"]`` first if present), lowercased, stop words dropped, cut to their
  first ``prefix`` characters (a crude stemmer: cooperate / cooperation) - numbers
  and dates are terms too;
* weights: ``(1 + log tf) * idf``, times ``name_weight`` for names and numbers (a
  token capitalised inside a sentence, or with digits), with the smoothed
  ``idf = log((N + 1) / (df + 1)) + 1`` over the corpus;
* groups: average-linkage agglomeration - two groups merge while the mean cosine of
  all their cross pairs reaches ``threshold`` - so one bridging pair cannot chain
  unrelated stories together as single linkage would.

The defaults keep the seed pages' story together in a corpus of five and stay tight
on a corpus of 2,225 BBC articles (groups are mostly reports and follow-ups of one
event, a few are one running subject); a corpus of
a few documents gives the IDF little to work with, so expect to lower
``threshold`` there, and to raise it for news on one narrow subject.

Global-stage phases: keys = ``(term, (ref, tf))`` per lead term; reduce = per
term, its document frequency, then the pieces of every norm and of every dot
product the term contributes to (written so that ``N``, unknown until all buckets
are done, enters only in combine); combine = cosines, average linkage, story ids;
apply = ``meta["story"]`` (the id of the story's first document in input order)
and ``meta["story_size"]`` on every document. Nothing is removed.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from corpuskit import Document, GlobalStage, Ref, StageContext, param, stage

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

__all__ = ["STOP_WORDS", "Stories", "lead_terms"]

LINK_FLOOR = 0.5
"""Pairs below ``LINK_FLOOR * threshold`` count as unrelated (0) in the average linkage."""

_ID_KEY = "\x00"  # keys starting with it carry a document's id (terms never do)
_TOKEN = re.compile(r"[^\W_][\w'’\-]*")
_SENTENCE_END = ".!?:;\"“”'‘’|-–—•*("
_POSSESSIVE = re.compile(r"['’]s$")
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours out over own same she should so
some such than that the their theirs them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
said says say told one two new like may might must per cent mr mrs ms year years time people week
month day today yesterday according including there's it's
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words too common to say anything about an event (English)."""


def lead_terms(doc: Document, lead_words: int, min_line_words: int, prefix: int) -> dict[str, tuple[int, bool]]:
    """The lead's terms: ``term -> (count, named)`` (see the module docstring).

    ``named`` is true when the term is a number or is capitalised somewhere other
    than at the start of a sentence (a name, a place, an organisation).
    """
    parts: list[str] = []
    title = doc.meta.get("title") if isinstance(doc.meta, dict) else None
    if isinstance(title, str):
        parts.append(title)
    budget = lead_words
    for line in doc.text.split("\n"):
        words = line.split()
        if len(words) < min_line_words:
            continue
        parts.append(" ".join(words[:budget]))
        budget -= len(words)
        if budget <= 0:
            break
    terms: dict[str, tuple[int, bool]] = {}
    for part in parts:
        for match in _TOKEN.finditer(part):
            token = match.group(0)
            low = _POSSESSIVE.sub("", token.lower())
            if len(low) < (2 if low[0].isdigit() else 3) or low in STOP_WORDS:
                continue
            before = part[: match.start()].rstrip()
            named = token[0].isdigit() or (token[0].isupper() and bool(before) and before[-1] not in _SENTENCE_END)
            term = low[:prefix] if prefix else low
            count, was_named = terms.get(term, (0, False))
            terms[term] = (count + 1, was_named or named)
    return terms


@stage("stories", kind="extract")
@attrs.frozen
class Stories(GlobalStage):
    """Group documents that report the same event; writes ``meta["story"]`` and ``meta["story_size"]``.

    ``story`` is the id of the first document (input order) of the group, so it is
    stable across executors; a document alone is its own story (size 1). Counters:
    ``stories`` (groups of two or more), ``grouped`` (documents in them),
    ``linked_pairs``, ``no_lead``.
    """

    threshold: float = param(0.25, doc="TF-IDF cosine of two leads from which they tell the same story")
    lead_words: int = param(150, doc="how many words of the document's start make its lead")
    min_line_words: int = param(6, doc="lines with fewer words (menus, bylines, captions) are skipped")
    prefix: int = param(5, doc="terms are cut to this many characters (0 keeps whole words)")
    name_weight: float = param(
        2.0, doc="weight of names and numbers (capitalised inside a sentence, or digits) against other words"
    )
    max_df: int = param(200, doc="terms in more documents than this link no pairs (they still weigh in the norms)")

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterator[tuple[str, tuple]]:
        terms = lead_terms(doc, self.lead_words, self.min_line_words, self.prefix)
        if not terms:
            ctx.count("no_lead")
            return
        yield _ID_KEY + doc.id, (tuple(ref), doc.id)
        for term, (tf, named) in terms.items():
            yield term, (tuple(ref), (1.0 + math.log(tf)) * (self.name_weight if named else 1.0))

    def reduce(self, bucket: int, items: Iterator[tuple[str, tuple]], ctx: StageContext) -> Iterator[tuple]:
        postings: dict[str, list[tuple]] = {}
        for term, posting in items:
            if term.startswith(_ID_KEY):
                yield "id", posting[0], posting[1]
            else:
                postings.setdefault(term, []).append(posting)
        norms: dict[tuple, list[float]] = {}
        for plist in postings.values():
            g = math.log(len(plist) + 1)  # idf = L - g, L = log(N + 1) + 1 known in combine
            for ref, w in plist:
                acc = norms.setdefault(ref, [0.0, 0.0, 0.0])
                acc[0] += w * w
                acc[1] += w * w * g
                acc[2] += w * w * g * g
            if 2 <= len(plist) <= self.max_df:
                for i, (ref_a, w_a) in enumerate(plist):
                    for ref_b, w_b in plist[i + 1 :]:
                        ww = w_a * w_b
                        yield "dot", ref_a, ref_b, ww, ww * g, ww * g * g
        for ref, (a, b, c) in norms.items():
            yield "norm", ref, a, b, c

    def combine(self, partials: Iterator[tuple], ctx: StageContext) -> Iterator[tuple[Ref, Any]]:
        norms: dict[tuple, list[float]] = {}
        dots: dict[tuple[tuple[Any, ...], tuple[Any, ...]], list[float]] = {}
        ids: dict[tuple, str] = {}
        for kind, ref_a, *rest in partials:
            if kind == "id":
                ids[ref_a] = rest[0]
                continue
            if kind == "norm":
                acc = norms.setdefault(ref_a, [0.0, 0.0, 0.0])
            else:
                ref_b, *rest = rest
                acc = dots.setdefault((ref_a, ref_b), [0.0, 0.0, 0.0])
            acc[0] += rest[0]
            acc[1] += rest[1]
            acc[2] += rest[2]
        big_l = math.log(len(norms) + 1) + 1

        def expand(s: list[float]) -> float:  # sum of w_a w_b (L - g)^2 from its three pieces
            return big_l * big_l * s[0] - 2 * big_l * s[1] + s[2]

        sims: dict[tuple[tuple[Any, ...], tuple[Any, ...]], float] = {}
        for pair, acc in dots.items():
            denom = math.sqrt(expand(norms[pair[0]]) * expand(norms[pair[1]]))
            sim = expand(acc) / denom if denom > 0 else 0.0
            if sim >= self.threshold * LINK_FLOOR:
                sims[pair] = sim
        for group in average_linkage(sims, self.threshold):
            story = ids[min(group)]
            ctx.count("stories")
            ctx.count("grouped", len(group))
            for ref in group:
                yield Ref(*ref), (story, len(group))

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        story, size = decisions[0] if decisions else (doc.id, 1)
        return doc.with_meta(story=story, story_size=size)


K = TypeVar("K", bound="SupportsRichComparison")
"""An item ``average_linkage`` groups: hashable and ordered (a document reference)."""


def average_linkage(sims: dict[tuple[K, K], float], threshold: float) -> list[list[K]]:
    """Groups of two or more items by average-linkage agglomeration over a sparse graph.

    ``sims`` holds the similarity of the pairs that have one (others are 0). Two
    groups merge, best first, while the mean similarity over all their cross pairs
    reaches ``threshold`` - so one bridging pair cannot chain unrelated groups
    together, as it would with single linkage.
    """
    members: dict[K, list[K]] = {}
    links: dict[K, dict[K, float]] = {}
    for (a, b), sim in sims.items():
        for x in (a, b):
            members.setdefault(x, [x])
            links.setdefault(x, {})
        links[a][b] = links[a].get(b, 0.0) + sim
        links[b][a] = links[b].get(a, 0.0) + sim
    heap = [(-s / 1.0, a, b) for (a, b), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # merged away since
        current = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        members[a].extend(members.pop(b))
        for c, total in links.pop(b).items():
            links[c].pop(b, None)
            if c == a:
                continue
            links[a][c] = links[a].get(c, 0.0) + total
            links[c][a] = links[a][c]
        links[a].pop(b, None)
        for c, total in links[a].items():
            avg = total / (len(members[a]) * len(members[c]))
            if avg >= threshold:
                lo, hi = sorted((a, c))
                heapq.heappush(heap, (-avg, lo, hi))
    return [sorted(group) for group in members.values() if len(group) > 1]
