"""The local signals: line shape, cues, bylines, headline choice, publisher clues."""

from __future__ import annotations

import pytest
from corpuskit_news.metadata.publisher import find_publisher
from corpuskit_news.page.bylines import byline_name, is_desk, is_name
from corpuskit_news.page.headline import choose_title
from corpuskit_news.page.lines import measure
from corpuskit_news.text.lexicon import cue_of

PARAGRAPH = ("The council voted on Tuesday to close the old bridge for repairs, and officials said the work "
             "would take at least six months.")


def test_prose_line_shape():
    line = measure(0, PARAGRAPH)
    assert line.prose and line.terminal and line.stop > 0.3 and line.caps < 0.2


@pytest.mark.parametrize("text", [
    "Council Delays Vote On Waterfront Parking Plan",   # headline: capitalised, no punctuation
    "Residents push back on height limits near downtown",  # short teaser line
    "Home / World News / Markets",                      # breadcrumb
    "www.example-news.org",                             # address
    "Share",
])
def test_non_prose_lines(text):
    assert not measure(0, text).prose


def test_german_prose_with_capitalised_nouns():
    line = measure(0, "Die Fähre bietet Platz für 24 Autos und rund 150 Fahrgäste und fährt jede halbe Stunde.")
    assert line.prose


def test_caption_and_date_signals():
    assert measure(0, "Workers at the plant on Monday. Photo: Jane Doe / Example Daily").caption
    assert measure(0, "The reservoir seen from the dam on Sunday. EFE").caption
    assert not measure(0, "The big picture: prices rose again in March, the third rise in a row.").caption
    assert measure(0, "Updated 3:14 PM EST, March 4, 2025").dated
    assert measure(0, "Updated 2 hours ago").dated  # relative: a date line, but no date


@pytest.mark.parametrize(("text", "strength"), [
    ("Related News", "teaser"),
    ("Lesen Sie auch:", "teaser"),
    ("Read More   Ten things to know about the budget", "teaser"),
    ("Sign up for our newsletter and get the best stories in your inbox every morning.", "strong"),
    ("This story was originally published by Example Desk and is republished with permission.", "strong"),
    ("The views expressed in this column are those of the author.", "strong"),
    ("© 2025 Example Daily. All rights reserved.", "strong"),
    ("Support independent journalism: readers like you keep us going.", "weak"),
    ("Spotted a mistake? Select the text and press Ctrl+Enter to tell the editors.", "strong"),
    ("Ana Diaz and Luc Martin contributed to this report.", "weak"),
    ("A lire aussi : Le conseil reporte le vote", "teaser"),
])
def test_cues(text, strength):
    cue = cue_of(text)
    assert cue is not None and cue[0] == strength


def test_no_cue_in_ordinary_prose():
    assert cue_of(PARAGRAPH) is None
    assert cue_of("Related to the vote, the mayor said the budget would be published next week.") is None


@pytest.mark.parametrize(("line", "name"), [
    ("By Daniel Okafor, Staff Writer", "Daniel Okafor"),
    ("Von Anna Becker", "Anna Becker"),
    ("Par Claire Dumas", "Claire Dumas"),
    ("By Richard Lawler posted Aug 18th 2010 7:30PM", "Richard Lawler"),
    ("Posted on August 27, 2024 by Jenna Marsh", "Jenna Marsh"),
    ("Sam Whitford - Jan 22, 2025 4:30 pm UTC", "Sam Whitford"),
    ("2023-12-05 · Ravi Menon · 7 min", "Ravi Menon"),
    ("Reuters", "Reuters"),
    ("By Associated Press", "Associated Press"),
    ("Ngọc Vân |", "Ngọc Vân"),
    ("By JANE O'DOHERTY", "Jane O'Doherty"),
    ("By SAM WHITFORD & ANA DIAZ | 10/9/10 7:15 AM EDT", "Sam Whitford & Ana Diaz"),
    ("Par Claire Dumas, Luc Martin", "Claire Dumas, Luc Martin"),
    ("Authors: Anna Becker (regional news editor)", "Anna Becker"),
    ("Pablo Ortega | Valencia | 08/01/2014", "Pablo Ortega"),
    ("Par CLAIRE DUMAS, LUC MARTIN Envoyés spéciaux à Lyon", "Claire Dumas, Luc Martin"),
    ("By Ana Wirth Tuesday, Aug. 17, 2010", "Ana Wirth"),
])
def test_bylines(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize("line", ["Breaking News", "Text Size", "Join Now", "Vladimir Putin, Putin", "Written by"])
def test_not_bylines(line):
    assert byline_name(line, bare_ok=True) is None


def test_wire_service_bylines_are_desks():
    assert is_desk("Metro Wire") and is_desk("StarWire Desk") and not is_desk("Ana Wirth")


def test_bare_name_only_where_allowed():
    assert byline_name("Pieter de Vries") is None
    assert byline_name("Pieter de Vries", bare_ok=True) == "Pieter de Vries"
    assert is_name("Bùi Đức") and not is_name("Local News")


def test_headline_is_the_line_sharing_words_with_the_article():
    lines = [measure(i, t) for i, t in enumerate([
        "Example Daily", "Pop star announces surprise world tour", "Bridge closes for six months of repairs",
        "By Jane Doe",
    ])]
    title = choose_title(lines, PARAGRAPH + " The bridge repairs begin in May.", [False, False, False, True])
    assert title is not None and title.text == "Bridge closes for six months of repairs"


def test_a_byline_is_no_headline_and_a_headline_may_have_commas():
    texts = ["Example Daily", "Facebook", "Tweet", "New year, new rules: bridges, buses and ferries", "By: Metro Wire",
             "Posted at 2025-01-01", "By Jane Doe"]
    lines = [measure(i, t) for i, t in enumerate(texts)]
    opening = "New rules for bridges, buses and ferries take effect with the new year across the county."
    title = choose_title(lines, opening, [False, False, False, False, True, True, True])
    assert title is not None and title.text == texts[3]


def test_publisher_clues_pool():
    assert find_publisher(["Skip to content", "The Harbor Tribune"],
                          ["Copyright 2025 The Associated Press. All rights reserved.",
                           "© 2025 The Harbor Tribune, a division of Coastal Media Group."]) == "The Harbor Tribune"
    assert find_publisher(["Weser-Bote"], ["© Weser-Bote Verlag GmbH 2025"]) == "Weser-Bote"
    assert find_publisher([], ["Only the headline was reworked by the Market Courier staff."]) == "Market Courier"
    assert find_publisher(["×", "Written by"], ["Join our newsletter"]) is None


def test_headline_beats_the_deck_under_it():
    lines = [measure(i, t) for i, t in enumerate([
        "Culture", "Museum reopens after three years",
        "New rooms, a library and a workshop for schools after the restoration work",
        "By Jane Doe", "April 12, 2025",
    ])]
    opening = ("The museum reopened on Saturday after three years of restoration work, with new rooms, a library "
               "and a workshop where schools can build models.")
    title = choose_title(lines, opening, [False, False, False, True, True])
    assert title is not None and title.text == "Museum reopens after three years"


def test_outlet_names_with_particles():
    assert find_publisher(["Landbote am Main"], ["© Landbote am Main 2025"]) == "Landbote am Main"
    assert find_publisher(["DAILY EXAMPLE"], ["Published by Example Media Ltd", "© Example Media Ltd 2025"]) == (
        "Daily Example"
    )


def test_hard_wrapped_paragraphs_are_joined():
    from corpuskit_news.page.lines import unwrapped_lines

    text = ("So, let's start from the beginning. There are no plans for us to\n"
            "reimplement everything that is out there; that has been pointed\n"
            "out from the beginning as a fallacy.\n"
            "Next paragraph starts here.\n"
            "Torino, il mercato di Porta Palazzo cambia orari per l'estate\n"
            "di Marco Ferri\n")
    units = [t for _, t in unwrapped_lines(text)]
    assert units[0].startswith("So, let's start") and units[0].endswith("as a fallacy.")
    assert units[1:] == ["Next paragraph starts here.", "Torino, il mercato di Porta Palazzo cambia orari per l'estate",
                         "di Marco Ferri"]


def test_an_image_file_name_under_a_headline_is_not_its_continuation():
    from corpuskit_news.page.lines import unwrapped_lines

    text = "Let me look that up for you: the year's most popular searches\nsearch.JPG\nwww.example.org\n"
    assert [t for _, t in unwrapped_lines(text)] == [
        "Let me look that up for you: the year's most popular searches", "search.JPG", "www.example.org"]


def test_a_wire_credit_closing_a_paragraph_is_not_a_copyright_line():
    line = measure(0, PARAGRAPH + " The work is due to start in the spring, the county said. (c)AFP/Ana Diaz")
    assert line.prose and line.terminal and line.cue is None
    assert measure(0, "(c) 2024 Example Daily. All rights reserved.").cue == ("strong", "copyright")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Jane Roe Senior Washington Correspondent", "Jane Roe"),
        ("Ana Díaz Corresponsal en Bruselas", None),  # (a lower-case word inside the title: not this form)
        ("Jane Roe 8/17/13 11:04am Yesterday 11:04am", "Jane Roe"),
        ("North Korea 09:31 August 20, 2019", None),  # a time, then the date: a section line
        ("Partly Sunny 17.3℃ 16° / 28°", None),
        ("By JANE ROE, Executive Editor | Friday June 7, 2013 @ 6:43pm EDTTags: " + "Topic One, Topic Two, " * 4,
         "Jane Roe"),
    ],
)
def test_bylines_with_a_job_title_a_glued_date_or_glued_tags(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize(
    ("text", "teaser"),
    [
        ("Laptops are at a point right now where they should all be more or less excellent, and… Read…", True),
        ("The county has finally settled the long dispute over the dock... Read more", True),
        ("A short excerpt of a post about the harbour festival and its many stalls [...]", True),
        ("Die Stadt hat den Streit um den Hafen endlich beigelegt … weiterlesen", True),
        ("The council met... and then, after a long debate, it voted to close the old bridge.", False),
        ("He paused for a long time before answering the question...", False),
    ],
)
def test_a_blurb_cut_short_with_a_link_to_the_story_is_a_teaser(text, teaser):
    assert (measure(0, text).cue == ("teaser", "teaser")) is teaser


def test_byline_glued_to_its_date():
    assert byline_name("By Jane Roe2014-01-26 21:32:46 UTC") == "Jane Roe"
    assert byline_name("Jane Roe8/17/13 11:04am") == "Jane Roe"
    assert byline_name("Windows2000 turns 25") is None


def test_several_authors_with_initials_a_conjunction_and_the_outlet():
    assert byline_name("By Ana R. Díaz , Luc S.T. Martin, Mei-Ling Chen, and Tom Berg, Metro Wire") == (
        "Ana R. Díaz, Luc S.T. Martin, Mei-Ling Chen, Tom Berg"
    )
    assert byline_name("Par Ana Díaz, Luc Martin et Paul Roux") == "Ana Díaz, Luc Martin, Paul Roux"
    assert byline_name("By Ana Díaz, Luc Martin, Associated Press") == "Ana Díaz, Luc Martin"
    assert is_name("J.R. Hartley") and not is_name("NASA Officials")
