"""news publisher: the name an outlet gives itself all over its menus and footers."""

import pytest
from corpuskit_news.metadata.publisher import find_publisher

MENUS = ["Sign In", "Sections", "World", "Business", "KESTREL Studios", "Shop the KESTREL Store"]
FOOTER = ["More From KESTREL", "Kestrel Staff", "Careers", "© 2024 Kestrel Holdings USA, LLC. All rights reserved."]
BODY = "The council met on Tuesday. It voted to approve the plan, officials said."


def test_recurring_brand_beats_menu_lines_and_the_owner_company() -> None:
    assert find_publisher(["SubscribeSubscribe", *MENUS], FOOTER, BODY) == "KESTREL"


def test_recurring_name_needs_several_lines() -> None:
    assert find_publisher(["Menu", "World"], ["Careers", "Shop the KESTREL Store"], BODY) is None


def test_a_topic_the_article_keeps_naming_is_not_the_publisher() -> None:
    teasers = ["Harbor Bridge reopens", "Harbor Bridge tolls rise", "Why Harbor Bridge matters", "Sports"]
    body = "Harbor Bridge closed on Monday. Engineers said Harbor Bridge needs new cables."
    assert find_publisher(["Menu", *teasers], ["Careers"], body) is None


def test_a_recurring_word_backs_the_masthead_it_belongs_to() -> None:
    footer = ["More from the BEACON", "BEACON Events", "BEACON Jobs", "© Beacon Media Ltd 2025"]
    assert find_publisher(["DAILY BEACON", "News", "Sport"], footer, BODY) == "Daily Beacon"


def test_a_menu_item_adding_a_section_to_the_brand_gives_the_brand():
    header = ["KESTREL Jobs", "Top", "KESTREL", "KESTREL Pro", "News"]
    footer = ["More on KESTREL", "KESTREL Jobs", "Oct 9 2010", "Oct 9 2010 - 7:28", "Oct 9 2010 - 8:01"]
    assert find_publisher(header, footer, BODY) == "KESTREL"


def test_a_venture_holding_the_copyright_is_the_owner_not_the_outlet():
    footer = ["KESTREL Commentary", "KESTREL Conversations", "KESTREL Headlines", "© 2011 KESTREL Internet Ventures."]
    assert find_publisher(["Editions", "USA"], footer, BODY) == "KESTREL"


def test_a_name_spelling_the_pages_own_address_is_a_clue():
    footer = ["Sign up", "Look for your photo in KESTREL NEWS online and in print.", "Terms | kestrelnews.com/terms"]
    assert find_publisher(["Menu", "World"], footer, BODY) == "Kestrel News"  # (capitals are title-cased)


def test_a_platform_address_is_not_the_outlet():
    footer = ["Share on Facebook", "Facebook", "Follow us at facebook.com/valley", "Careers"]
    assert find_publisher(["Menu", "World"], footer, BODY) is None


@pytest.mark.parametrize(
    ("footer", "name"),
    [
        ("© 2011 All Rights Reserved Kestrel News.", "Kestrel News"),
        ("Copyright by kestrel.com", "kestrel.com"),  # (a name written as the address stays so)
        ("© 2010 Kestrel L.P. All rights reserved.", "Kestrel"),
        ("© 2023 中央通訊社版權所有", "中央通訊社"),
    ],
)
def test_copyright_lines_name_the_holder(footer, name):
    assert find_publisher(["Menu"], [footer], BODY) == name


def test_capital_names_are_title_cased_acronyms_kept():
    assert find_publisher(["Menu"], ["© 2014 USA TODAY"], BODY) == "USA Today"


def test_short_copyright_credits_on_photos_do_not_name_the_outlet():
    footer = ["© Harbor Pictures", "A crane over the dock.", "© Harbor Pictures", "The dock at night.",
              *[f"Footer link {i}" for i in range(6)], "© 2020 Kestrel Courier. All rights reserved."]
    assert find_publisher(["Menu"], footer, BODY) == "Kestrel Courier"


def test_a_copyright_holder_written_as_a_web_address_keeps_it_and_stops_at_a_slash():
    footer = ["About us", "Original content © 2002-2023 by Kestrel.net/Signs Of Birds. See: Fair use."]
    assert find_publisher(["Menu"], footer, BODY) == "Kestrel.net"


def test_a_web_address_written_as_a_name_in_several_lines_names_the_outlet():
    header = ["Kestrelton.com", "Menu", "Local News", "Sports"]
    footer = ["Search Kestrelton.com", "About Kestrelton.com", "Careers"]
    assert find_publisher(header, footer, BODY) == "Kestrelton.com"


def test_a_logo_link_names_the_outlet_before_homepage():
    assert find_publisher(["Kestrel Daily Homepage", "Politics"], ["Contact"], BODY) == "Kestrel Daily"


def test_a_publishing_house_word_before_the_name_is_dropped():
    assert find_publisher(["Menu"], ["© 2012 EDICIONES EL CÁRABO, S.L."], BODY) == "El Cárabo"


def test_the_group_owning_the_outlet_is_not_the_outlet():
    footer = ["KESTREL Radio", "KESTREL TV", "KESTREL Books", "KESTREL Digital", "Una empresa de KESTREL", "El Cárabo",
              "© 2012 El Cárabo"]
    assert find_publisher(["Menu"], footer, BODY) == "El Cárabo"


def test_ranked_table_rows_are_not_menus():
    rows = [f"{i} Show {i} NETX {100 + i}" for i in range(1, 7)]
    assert find_publisher(["Menu"], rows, BODY) is None


def test_a_single_word_logo_opening_the_page_and_repeated_is_the_masthead():
    header = ["Kestrel", "Kinja", "Kestrel", "White Noise", "Science"]
    assert find_publisher(header, ["Kestrel", "About", "© Talon Media 2013"], BODY) == "Kestrel"


def test_of_the_first_lines_the_one_sharing_a_word_with_the_copyright_holder_is_the_masthead():
    header = ["Business Exchange", "Kestrel Weekly", "Home", "Blogs"]
    assert find_publisher(header, ["© 2011 Kestrel L.P. All Rights Reserved."], BODY) == "Kestrel Weekly"


def test_an_edition_switcher_is_not_the_masthead():
    from corpuskit_news.metadata.pagenames import find_masthead

    header = ["EDITION: INTERNATIONAL", "U.S.", "NORGE", "ARABIC", "Set edition preference", "Sign up",
              "The Kestrel Post", "World"]
    assert find_masthead(header, header, set(), set) == "The Kestrel Post"
    assert find_masthead(header[2:], header[2:], set(), set) == "NORGE"  # (without the label: a masthead shape)
