"""news.quotes in long paragraphs: the whole-text span filter never hides a match the scan would find."""

from __future__ import annotations

import random

from corpuskit_news.quotes.patterns import EARLIER
from corpuskit_news.quotes.speakers import Speakers
from corpuskit_news.quotes.stage import NewsQuotes, _any_within, _last_match, _match_spans

from corpuskit import Document
from corpuskit.testing import run_stage

WORDS = ["Mr", "Jones", "said", "he", "told", "according", "to", "the", "Mayor", "Ana", "Silva", "added",
         "Smith,", "who", "leads", "it,", "warned", "and", "a", "plan", "."]


def test_the_span_filter_agrees_with_the_backward_scan():
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(6000))
    speakers = Speakers.from_entities([])
    for pattern, spans in zip(EARLIER, _match_spans(text, speakers), strict=True):
        for _ in range(400):
            end = rng.randrange(1, len(text))
            start = max(0, end - rng.randrange(1, 3000))
            if _last_match(pattern, text, start, end) is not None:
                assert _any_within(spans, start, end), (pattern.pattern, start, end)


def test_quotes_in_one_long_paragraph_are_those_of_its_parts():
    unit = ('Mr Jones went on. "This is a long quote indeed," said Ana Silva. Words follow '
            '"with no speaker at all here" and more words. ')
    (one,) = run_stage(NewsQuotes(), [Document("a", unit, {})]).docs
    (many,) = run_stage(NewsQuotes(), [Document("a", unit * 400, {})]).docs
    expected = [{**q, "start": q["start"] + k * len(unit), "end": q["end"] + k * len(unit)}
                for k in range(400) for q in one.meta["quotes"]]
    assert one.meta["quotes"][0]["speaker"] == "Ana Silva"
    assert many.meta["quotes"] == expected
