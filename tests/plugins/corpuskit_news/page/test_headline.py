"""Headline choice: the signals that tell the headline from kickers, bullets, captions and decks."""

from __future__ import annotations

from corpuskit_news.page.article import analyse
from corpuskit_news.page.headline import dated_headline, label_prefixed

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


def test_dated_headline_shape():
    assert dated_headline("Valley Bridge Report for Monday, March 3, 2025")
    assert not dated_headline("Published on Monday, March 3, 2025")
    assert not dated_headline("Tomas Lindgren, March 3, 2025")
    assert not dated_headline("Valley Desk - 3 hrs ago")


def test_headline_containing_its_date():
    # the show's name repeats as a whole line on the page; the episode's headline carries its date
    page = ["The Valley Ledger", "Valley Bridge Report", "03/03/25", "Valley Bridge Report for Monday, March 3, 2025",
            "Episode Description:", *PARAGRAPHS, "Valley Bridge Report", "Valley Bridge Report"]
    result = analyse("\n".join(page))
    assert result.title is not None and result.title.text == page[3]


def test_headline_sharing_words_only_with_its_standfirst():
    # the article opens with quotes that share no word with the headline; the link list under
    # a teaser heading shares more, but the headline summarises the standfirst right under it
    lines = ["The Valley Ledger", "Money", "Ways to Spend Less on Groceries",
             "A store manager shares the ways to spend less on your weekly grocery bill, and more ideas from our "
             "partners.", "More from Our Partners", "Cheap ideas for holiday party food",
             "How to make the holidays more affordable", "Ten healthy foods that cost less than $1"]
    assert _title(lines) == lines[2]


def test_related_story_cards_with_times_lose_to_the_headline():
    # each card sits over its own time line, like a headline over its date line
    lines = ["The Valley Ledger", "County to rebuild the Alder bridge",
             "By TOMAS LINDGREN and ALMA REYES - Valley Ledger Staff Writers | VL – 1 hr 4 mins ago",
             "Related Content", "Article: Alder River bridge closed to cars since the flood", "VL - 53 mins ago",
             "Article: The board's rebuild vote on the old stone bridge", "VL - 55 mins ago"]
    result = analyse("\n".join([*lines, *PARAGRAPHS]))
    assert result.title is not None and result.title.text == lines[1]
    assert result.author == "Tomas Lindgren and Alma Reyes"


def test_one_headline_repeated_with_a_label_is_not_a_card_list():
    lines = ["The Valley Ledger", "Alma Reyes", "Alma Reyes: 'The bridge is our most requested project'",
             "Alma Reyes: 'The bridge is our most requested project' | The Valley Ledger", "By Tomas Lindgren",
             "March 3, 2025"]
    assert _title(lines) == lines[2]


def test_byline_of_two_people_in_capitals():
    from corpuskit_news.page.bylines import byline_name

    assert byline_name("By TOMAS LINDGREN and ALMA REYES - Staff Writers | VL – 1 hr ago") == (
        "Tomas Lindgren and Alma Reyes")
    assert byline_name("By TOMAS E. LINDGREN and ALMA REYES") == "Tomas E. Lindgren and Alma Reyes"
