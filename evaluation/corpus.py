"""A labelled news-like corpus for deduplication benchmarks and tests, generated.

:func:`generate` yields ``(record, label or None)``: records ``{"id", "text", "meta"}``,
and for each planted document a label ``{"id", "original", "kind"}`` with kind
``exact``, ``near`` or ``negative``. Everything is streamed: one document is built,
yielded and forgotten, so a million documents take a few minutes and little memory. The
same seed gives the same documents. ``benchmarks/gen_corpus.py`` writes them to
``corpus.jsonl`` and ``labels.jsonl``; the tests build small corpora in memory.

What a document looks like: a page of a (made-up) news site, 3-5 KB: a navigation
line, the title, a dateline, 5-12 paragraphs of body, then the site's boilerplate
(share prompts, newsletter teaser, footer lines). Every site repeats its own
boilerplate on all its pages, so ``line_dedup`` has something to find.

Where the body comes from: by default a built-in sentence grammar (topic
vocabularies, people, organisations, places, numbers), so the generator needs no
data. ``source=DIR`` (``--source``) instead takes sentences from plain-text articles laid out as
``DIR/<topic>/*.txt`` (first line = title), e.g. the BBC News dataset; numbers in
those sentences are re-drawn per document so the pool does not repeat verbatim.

What is planted (rates are fractions of all documents, chosen per document):

* ``exact`` (``--exact-rate``): the original's text unchanged under a new id
  (a re-crawl or a mirror).
* ``near`` (``--near-rate``): the original's body with ``--edit-min`` to
  ``--edit-max`` of its words edited (substituted, deleted or inserted; edits come in
  short runs of 1-3 words, like a corrected figure or a reworded phrase), one
  sentence added or removed (or neither), and in most cases re-published on another
  site, so the boilerplate around the same body differs.
* ``negative`` (``--negative-rate``): a hard negative - same site, same topic and
  title, and a quarter to a third of the original's sentences (the background
  paragraph a follow-up story reuses), the rest new text. It must *not* be
  clustered with its original.

How hard that is (true Jaccard of planted pairs, ``--source`` = BBC News, 20k docs): with
whitespace word unigrams near-duplicates score 0.75-0.97 (median 0.85, 91 % >= 0.8) and
hard negatives 0.23-0.39; with word 5-grams near-duplicates drop to 0.46-0.90 (median
0.63) - a 10 % word edit breaks up to half of all 5-grams - so a threshold of 0.8 finds
these near-duplicates only with short shingles (see docs/dedup.md).

Originals are always earlier in the file than their copies. A planted document is
rebuilt from its original's seed, never from memory. ``meta`` holds ``site``,
``url``, ``topic`` and ``published`` (ISO date; copies are published 0-3 days
after their original); it never holds the labels.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

_WORDS = json.loads((Path(__file__).with_name("corpus_words.json")).read_text(encoding="utf-8"))
TOPICS = tuple(_WORDS["topics"])
_FIRST, _LAST, _PLACES = _WORDS["first"], _WORDS["last"], _WORDS["places"]
_ORG_A, _ORG_B, _VOCAB = _WORDS["org_a"], _WORDS["org_b"], _WORDS["vocab"]
_VERBS_UP, _VERBS_DOWN, _SAY = _WORDS["verbs_up"], _WORDS["verbs_down"], _WORDS["say"]
_DAYS, _MONTHS, _PERIODS = _WORDS["days"], _WORDS["months"], _WORDS["periods"]
_ADJ, _CONNECT, _TEMPLATES = _WORDS["adj"], _WORDS["connect"], _WORDS["templates"]
_NOUNS, _CLAUSES = _WORDS["nouns"], _WORDS["clauses"]
_SITE_A, _SITE_B, _NAV_WORDS = _WORDS["site_a"], _WORDS["site_b"], _WORDS["nav_words"]
_SHARE, _TEASE, _FOOT = _WORDS["share"], _WORDS["tease"], _WORDS["foot"]

_NUM_RE = re.compile(r"(\d+)")


def _grammar_sentence(rng: random.Random, topic: str) -> str:
    v = _VOCAB[topic]
    g1, g2 = rng.sample(v["group"], 2)
    fill = {
        "Person": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        "Org": f"{rng.choice(_ORG_A)} {rng.choice(_ORG_B)}",
        "Place": rng.choice(_PLACES),
        "role": rng.choice(v["role"]),
        "thing": rng.choice(v["thing"]),
        "group": g1,
        "group2": g2,
        "group_cap": g1.capitalize(),
        "event": rng.choice(v["event"]),
        "say": rng.choice(_SAY),
        "up": rng.choice(_VERBS_UP),
        "down": rng.choice(_VERBS_DOWN),
        "pct": str(rng.randint(1, 60)),
        "num": str(rng.randint(2, 5000)),
        "many": str(rng.randint(2, 900)),
        "money": f"${rng.randint(1, 999)}.{rng.randint(0, 9)}{rng.choice('mb')}n",
        "period": rng.choice(_PERIODS),
        "Day": rng.choice(_DAYS),
        "Month": rng.choice(_MONTHS),
        "dom": str(rng.randint(1, 28)),
        "year": str(rng.randint(1990, 2023)),
        "year2": str(rng.randint(2024, 2030)),
        "adj": rng.choice(_ADJ),
        "ordinal": rng.choice(("first", "second", "third", "largest", "biggest")),
        "Connect": rng.choice(_CONNECT),
        "period_short": rng.choice(("week", "month", "year", "spring", "autumn")),
    }
    sentence = rng.choice(_TEMPLATES).format(**fill)
    for _ in range(rng.randint(1, 2)):  # optional clauses widen the vocabulary
        clause = rng.choice(_CLAUSES).format(
            **{**fill, "noun": rng.choice(_NOUNS), "noun2": rng.choice(_NOUNS), "adj": rng.choice(_ADJ)}
        )
        sentence = f"{sentence[:-1]}, {clause}."
    return sentence


class SentencePool:
    """Sentences and titles per topic, from the grammar or from a folder of articles.

    Sentences are stored split at their numbers so each use can re-draw them cheaply.
    """

    def __init__(self, source: Path | None, seed: int = 0, per_topic: int = 4000) -> None:
        self.sentences: dict[str, list[list[str]]] = {}
        self.titles: dict[str, list[str]] = {}
        if source is not None:
            self._load(source)
        else:
            rng = random.Random(f"grammar-{seed}")
            for topic in TOPICS:
                self.sentences[topic] = [_NUM_RE.split(_grammar_sentence(rng, topic)) for _ in range(per_topic)]
                self.titles[topic] = [_grammar_title(rng, topic) for _ in range(per_topic // 10)]
        self.topics: tuple[str, ...] = tuple(self.sentences)

    def _load(self, source: Path) -> None:
        splitter = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")
        for topic_dir in sorted(p for p in source.iterdir() if p.is_dir()):
            sents: list[list[str]] = []
            titles: list[str] = []
            for path in sorted(topic_dir.glob("*.txt")):
                lines = path.read_text(encoding="utf-8", errors="replace").strip().split("\n")
                titles.append(lines[0].strip())
                for para in lines[1:]:
                    sents.extend(_NUM_RE.split(s.strip()) for s in splitter.split(para.strip()) if len(s.strip()) > 30)
            if sents:
                self.sentences[topic_dir.name] = sents
                self.titles[topic_dir.name] = titles
        if not self.sentences:
            raise SystemExit(f"gen_corpus: no DIR/<topic>/*.txt articles under {source}")

    def sentence(self, rng: random.Random, topic: str) -> str:
        """A sentence of ``topic``; half the time its numbers are re-drawn."""
        sents = self.sentences[topic]
        parts = sents[int(rng.random() * len(sents))]
        if len(parts) == 1 or rng.random() < 0.5:
            return "".join(parts) if len(parts) > 1 else parts[0]
        out = list(parts)
        for k in range(1, len(out), 2):
            out[k] = str(int(rng.random() * 998) + 2)
        return "".join(out)

    def title(self, rng: random.Random, topic: str) -> str:
        titles = self.titles[topic]
        return titles[int(rng.random() * len(titles))]


def _grammar_title(rng: random.Random, topic: str) -> str:
    v = _VOCAB[topic]
    return (
        f"{rng.choice(_PLACES)} {rng.choice(v['event'])}: {rng.choice(v['group'])} react as "
        f"{rng.choice(v['thing'])} {rng.choice(_VERBS_UP + _VERBS_DOWN)}"
    ).capitalize()


class Site:
    """A made-up news site with the boilerplate it repeats on every page."""

    def __init__(self, index: int, seed: int) -> None:
        rng = random.Random(f"site-{seed}-{index}")
        self.name = f"The {rng.choice(_SITE_A)} {rng.choice(_SITE_B)} {index}"
        self.domain = f"{self.name.lower().replace(' ', '')[3:]}.example"
        nav = rng.sample(_NAV_WORDS, rng.randint(6, 10))
        self.header = [f"{self.name} | " + " | ".join(nav)]
        if rng.random() < 0.5:
            self.header.append("Skip to main content")
        self.tail = [rng.choice(_SHARE), *rng.sample(_TEASE, rng.randint(1, 3))]
        foot = [f.format(reg=rng.randint(100000, 999999)) for f in rng.sample(_FOOT, rng.randint(2, 4))]
        self.footer = [f"© {rng.randint(2015, 2024)} {self.name}", *foot]


class Generator:
    """Builds documents deterministically from (seed, document index)."""

    def __init__(self, seed: int, pool: SentencePool, n_sites: int) -> None:
        self.seed = seed
        self.pool = pool
        self.sites = [Site(i, seed) for i in range(n_sites)]

    def _rng(self, index: int, salt: str = "") -> random.Random:
        return random.Random(f"{self.seed}:{index}:{salt}")

    def body(self, index: int) -> tuple[int, str, str, list[list[str]], int]:
        """(site, topic, title, paragraphs of sentences, day) of original ``index``."""
        rng = self._rng(index)
        site = rng.randrange(len(self.sites))
        topic = rng.choice(self.pool.topics)
        target = rng.randint(2600, 4300)  # body chars; boilerplate brings the page to 3-5 KB
        paras: list[list[str]] = []
        size = 0
        while size < target:
            para: list[str] = []
            for _ in range(2 + int(rng.random() * 4)):
                sent = self.pool.sentence(rng, topic)
                para.append(sent)
                size += len(sent) + 1
                if size >= target:
                    break
            paras.append(para)
        return site, topic, self.pool.title(rng, topic), paras, rng.randrange(3650)

    def page(self, site: int, title: str, paras: list[list[str]], day: int) -> str:
        s = self.sites[site]
        lines = [*s.header, title, f"Published {_date(day)}", ""]
        lines.append("\n\n".join(" ".join(p) for p in paras))
        lines += ["", *s.tail, *s.footer]
        return "\n".join(lines)

    def meta(self, doc_id: str, site: int, topic: str, day: int) -> dict[str, str]:
        s = self.sites[site]
        return {
            "site": s.name,
            "url": f"https://{s.domain}/{topic}/{doc_id}",
            "topic": topic,
            "published": _date(day),
        }


def _date(day: int) -> str:
    y, rem = divmod(day, 365)
    m, d = divmod(rem % 336, 28)
    return f"{2014 + y:04d}-{m + 1:02d}-{d + 1:02d}"


def _edit(
    rng: random.Random,
    paras: list[list[str]],
    rate: float,
    pool: SentencePool,
    topic: str,
) -> list[list[str]]:
    """Edit ``rate`` of the words in runs of 1-3 words; add or remove one sentence."""
    words_per = [[s.split(" ") for s in p] for p in paras]
    flat = [(pi, si) for pi, p in enumerate(words_per) for si in range(len(p))]
    total = sum(len(words_per[pi][si]) for pi, si in flat)
    budget = max(1, round(total * rate))
    filler = pool.sentence(rng, topic).split(" ")
    while budget > 0:
        pi, si = rng.choice(flat)
        words = words_per[pi][si]
        run = min(rng.randint(1, 3), budget, len(words))
        at = rng.randrange(len(words) - run + 1)
        op = rng.random()
        if op < 0.6:  # substitute
            words[at : at + run] = [rng.choice(filler) for _ in range(run)]
        elif op < 0.8 and len(words) > run + 3:  # delete
            del words[at : at + run]
        else:  # insert
            words[at:at] = [rng.choice(filler) for _ in range(run)]
        budget -= run
    out = [[" ".join(w) for w in p] for p in words_per]
    change = rng.random()
    if change < 0.35:
        out[rng.randrange(len(out))].append(pool.sentence(rng, topic))
    elif change < 0.7:
        p = max(out, key=len)
        if len(p) > 1:
            del p[rng.randrange(len(p))]
    return out


def generate(
    n_docs: int,
    seed: int,
    *,
    exact_rate: float,
    near_rate: float,
    negative_rate: float,
    edit_min: float,
    edit_max: float,
    source: Path | None = None,
    n_sites: int = 40,
) -> Iterator[tuple[dict, dict | None]]:
    """Yield ``(record, label or None)`` for ``n_docs`` documents, streaming."""
    gen = Generator(seed, SentencePool(source, seed), n_sites)
    plan = random.Random(f"plan-{seed}")
    originals: list[int] = []  # indices only (8 bytes each), never texts
    for i in range(n_docs):
        doc_id = f"d{i:08d}"
        r = plan.random()
        kind = None
        if originals:
            if r < exact_rate:
                kind = "exact"
            elif r < exact_rate + near_rate:
                kind = "near"
            elif r < exact_rate + near_rate + negative_rate:
                kind = "negative"
        if kind is None:
            site, topic, title, paras, day = gen.body(i)
            originals.append(i)
            yield (
                {
                    "id": doc_id,
                    "text": gen.page(site, title, paras, day),
                    "meta": gen.meta(doc_id, site, topic, day),
                },
                None,
            )
            continue
        j = originals[plan.randrange(len(originals))]
        rng = gen._rng(i, kind)
        site, topic, title, paras, day = gen.body(j)
        day2 = day + rng.randint(0, 3)
        if kind == "exact":
            text = gen.page(site, title, paras, day)
        elif kind == "near":
            rate = rng.uniform(edit_min, edit_max)
            paras = _edit(rng, paras, rate, gen.pool, topic)
            if rng.random() < 0.8:
                site = rng.randrange(len(gen.sites))
            text = gen.page(site, title, paras, day2)
        else:
            keep = [s for p in paras for s in p]
            keep = rng.sample(keep, max(1, len(keep) * rng.randint(25, 33) // 100))
            _s2, _t2, _ti2, fresh, _d2 = gen.body(n_docs + i)  # new text, same topic below
            fresh = [[gen.pool.sentence(rng, topic) for _ in p] for p in fresh]
            fresh[0] = keep[: max(1, len(keep) // 2)] + fresh[0]
            fresh.insert(len(fresh) // 2, keep[len(keep) // 2 :] or keep)
            text = gen.page(site, title, fresh, day2)
        yield (
            {"id": doc_id, "text": text, "meta": gen.meta(doc_id, site, topic, day2)},
            {"id": doc_id, "original": f"d{j:08d}", "kind": kind},
        )
