"""Reader comment threads found by their shape, and article text with times that must stay."""

from __future__ import annotations

from corpuskit_news.page.article import analyse
from corpuskit_news.page.boilerplate import NewsBoilerplate

from corpuskit.testing import run_stage
from tests.plugins.corpuskit_news.pages import PARAGRAPHS

HEAD = ["The Valley Ledger", "News", "Sports", "County will rebuild the Alder River bridge", "By Tomas Lindgren",
        "Published March 3, 2025 at 7:10 a.m."]
FOOT = ["Most Read", "High school wins state title", "Storm knocks out power to 2,000 homes",
        "© 2025 The Valley Ledger. All rights reserved."]

# Each comment: a title, its text, then "Posted by: NAME, DATE | TIME" (the signature closes the unit).
CLOSING_THREAD = [
    "Visitor remarks Add yours",
    "Finally",
    "I have been driving around the valley for two years and it cannot open soon enough for our family.",
    "Posted by: Ridge Dad, 04 Mar 2025 | 08:12",
    "What about the cost?",
    "Fourteen million dollars is a lot of money for one bridge when our roads are full of holes.",
    "The grant should have gone to the roads in the east of the county instead.",
    "Posted by: Marta K, 04 Mar 2025 | 09:40",
    "Bikes please",
    "A lane for bicycles would make this the safest way for the kids to get to the school.",
    "Posted by: cyclist22, 05 Mar 2025 | 17:03",
    "Add yours",
]

# Each comment: name line, relative time line, text, action lines (the signature opens the unit).
OPENING_THREAD = [
    "What readers say",
    "Ana Ruiz", "3 hours ago",
    "Good news for the farms on the east bank, they lose an hour every day on the detour.",
    "Reply", "12 likes",
    "Old Miller", "5 hours ago",
    "They said the same thing ten years ago and nothing happened, so I will believe it when I see it.",
    "Reply", "4 likes",
]


def _reasons(text: str) -> dict[str, str]:
    return {line.text: reason for line, reason in analyse(text).removed}


def test_a_thread_under_an_unknown_heading_goes_as_comments():
    text = "\n".join([*HEAD, *PARAGRAPHS, *CLOSING_THREAD, *FOOT])
    page = analyse(text)
    assert [line.text for line in page.kept] == PARAGRAPHS
    reasons = _reasons(text)
    for line in CLOSING_THREAD[1:-1]:
        assert reasons[line] == "comments", line


def test_name_and_time_on_separate_lines_with_actions():
    text = "\n".join([*HEAD, *PARAGRAPHS, *OPENING_THREAD, *FOOT])
    assert [line.text for line in analyse(text).kept] == PARAGRAPHS
    reasons = _reasons(text)
    for line in OPENING_THREAD[1:]:
        assert reasons[line] == "comments", line


def test_the_stage_records_comment_lines_with_their_reason():
    text = "\n".join([*HEAD, *PARAGRAPHS, *CLOSING_THREAD, *FOOT])
    doc = run_stage(NewsBoilerplate(), [text]).docs[0]
    assert doc.text.split("\n") == PARAGRAPHS
    removed = {r["line"]: r["reason"] for r in doc.meta["boilerplate"]["removed"]}
    assert removed["Posted by: Marta K, 04 Mar 2025 | 09:40"] == "comments"
    assert removed[CLOSING_THREAD[5]] == "comments"


def test_paragraphs_with_times_and_dates_stay():
    paragraphs = [
        "The board met at 7:30 p.m. on March 3, 2025 and voted five to two to rebuild the old stone bridge.",
        "Engineers said on Tuesday at 10:15 that the repairs would take about eighteen months to finish.",
        "Alma Reyes, who has sat on the board since 2019, said the vote at 9:40 pm ended a long fight.",
        "The contractor will start on April 2, 2025 at 6 am, once the river level has dropped enough.",
        *PARAGRAPHS[:3],
    ]
    text = "\n".join([*HEAD, *paragraphs, *FOOT])
    assert [line.text for line in analyse(text).kept] == paragraphs


def test_an_article_with_dated_updates_stays():
    inline = [
        *PARAGRAPHS[:3],
        "Update 3:45 pm: The county's engineer, Dana Holt, said the piers would be checked again on Friday.",
        "Update, 4:10 p.m. March 3, 2025: Board member Alma Reyes said she expected the first cars to cross "
        "the bridge by next autumn.",
        "Updated 5:30 pm: The state roads office confirmed that the grant had been approved in full.",
    ]
    page = analyse("\n".join([*HEAD, *inline, *FOOT]))
    assert [line.text for line in page.kept] == inline
    # update stamps on lines of their own are no commenters' signatures either (the stage's other
    # signals decide those short paragraphs)
    own_lines = [*PARAGRAPHS[:3], "Update 3:45 pm", PARAGRAPHS[3], "Update, 4:10 p.m. March 3, 2025",
                 PARAGRAPHS[4], "Updated 5:30 pm", PARAGRAPHS[5]]
    page = analyse("\n".join([*HEAD, *own_lines, *FOOT]))
    assert not any(line.comment for line in page.lines)
    assert [line.text for line in page.kept][:3] == PARAGRAPHS[:3]


def test_a_live_blog_stays():
    entries = [PARAGRAPHS[0], PARAGRAPHS[1]]
    times = ["10:32 am", "10:45 am", "11:02 am", "11:20 am"]
    for time, paragraph in zip(times, PARAGRAPHS[2:], strict=False):
        entries += [time, paragraph]
    signed = [PARAGRAPHS[0], PARAGRAPHS[1]]
    for time, paragraph in zip(times, PARAGRAPHS[2:], strict=False):
        signed += [f"Tomas Lindgren, {time}", paragraph]
    for body in (entries, signed):
        page = analyse("\n".join([*HEAD, *body, *FOOT]))
        assert not any(line.comment for line in page.lines)
        kept = [line.text for line in page.kept]
        assert all(p in kept for p in PARAGRAPHS)


def test_quoted_posts_inside_an_article_stay():
    body = [
        *PARAGRAPHS[:4],
        "Residents reacted on the county's forum within minutes of the vote.",
        "Ridge Dad, 7:41 pm", "Finally some good news for the valley.",
        "Marta K, 7:52 pm", "Fourteen million is too much.",
        "cyclist22, 8:03 pm", "Add a bike lane!",
        *PARAGRAPHS[4:],
    ]
    page = analyse("\n".join([*HEAD, *body, *FOOT]))
    assert not any(line.comment for line in page.lines)
    kept = [line.text for line in page.kept]
    assert all(p in kept for p in PARAGRAPHS)


def test_teaser_cards_with_times_are_no_thread():
    cards = ["More news",
             "Valley Daily · 5 hours ago", "School board approves new budget",
             "River Times · 7 hours ago", "Storm knocks out power to 2,000 homes",
             "The Hill Post · 1 day ago", "High school wins state title",
             "Valley Daily · 2 days ago", "Library extends weekend hours"]
    page = analyse("\n".join([*HEAD, *PARAGRAPHS, *cards, *FOOT]))
    assert not any(line.comment for line in page.lines)
    assert [line.text for line in page.kept] == PARAGRAPHS
