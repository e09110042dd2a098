"""Headline choice: the signals that tell the headline from kickers, bullets, captions and decks."""

from __future__ import annotations

from corpuskit_news.headline import label_prefixed
from corpuskit_news.segment import analyse

from tests.plugins.corpuskit_news.pages import PARAGRAPHS

TITLE = "Old stone crossing to reopen after flood repairs"
"""A headline sharing few words with the article's opening (as real ones often do)."""


def _title(lines: list[str]) -> str | None:
    result = analyse("\n".join([*lines, *PARAGRAPHS]))
    return result.title.text if result.title else None


def test_label_prefix():
    assert label_prefixed("NEW: Board votes to rebuild the bridge")
    assert label_prefixed("EN DIRECT : la crue atteint Lyon")
    assert not label_prefixed("Square deal: county buys the bridge")  # a headline with a colon
    assert not label_prefixed("NEW YORK CITY GUIDES")
    assert not label_prefixed("UK:")


def test_highlight_bullets_lose_to_the_headline_over_the_byline():
    # the bullets share more words with the article than the headline does, but carry a label
    lines = ["The Valley Ledger", "Share", "Drivers' long wait for the bridge nears its end", "By Tomas Lindgren",
             "March 3, 2025 -- Updated 0203 GMT",
             "STORY HIGHLIGHTS", "NEW: County board votes to rebuild the Alder River bridge",
             "NEW: Repairs will take eighteen months and cost $14 million"]
    assert _title(lines) == lines[2]


def test_tag_line_over_the_headline_is_a_kicker():
    # the tag line names the story's subjects (more shared words); the headline sits right over byline and date
    lines = ["Politics", "Local More: Alder River County Board Bridges", "Why The County Finally Chose To Rebuild",
             "Tomas Lindgren", "Mar. 3, 2025, 9:49 AM 1,204 40", "facebook", "twitter", "email"]
    assert _title(lines) == "Why The County Finally Chose To Rebuild"


def test_photo_caption_between_headline_and_byline():
    lines = ["The Valley Ledger", "News", "Alder River bridge vote", TITLE, "1.1k", "Shares", "Share", "Tweet",
             "The Alder River bridge, closed since the flood", "Image: Ana Ortiz", "By Tomas Lindgren",
             "March 3, 2025"]
    assert _title(lines) == TITLE


def test_kicker_over_a_headline_with_bullets():
    lines = ["Regional News", "In the Alder valley", "County will rebuild the old stone bridge over the Alder River "
             "after two years of detours for drivers",
             "Repairs will take about eighteen months and cost $14 million",
             "Most of the money comes from a state grant for rural roads",
             "Work starts in the spring when the river level drops",
             "Tomas Lindgren | Alder Falls", "Updated Monday 03/03/2025 07:21"]
    assert _title(lines) == lines[2]


def test_headline_over_two_decks():
    lines = ["The Valley Ledger", "Bridge to reopen at last",
             "County votes to rebuild the old stone bridge over the river",
             "The repairs will take eighteen months and cost roughly $14 million from a state grant for rural roads",
             "Tomas Lindgren", "March 3, 2025"]
    assert _title(lines) == "Bridge to reopen at last"


def test_a_name_at_a_place_over_the_date_is_the_byline():
    lines = ["The Valley Ledger", "Local", TITLE, "Alder bridge vote 5-2",
             "Tomas Lindgren at Alder Falls", "Mon 3 Mar 2025 17.45 GMT", "Share"]
    result = analyse("\n".join([*lines, *PARAGRAPHS]))
    assert result.title is not None and result.title.text == lines[2]
    assert result.author == "Tomas Lindgren"
