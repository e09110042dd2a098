"""The date parser behind news.metadata's ``published``."""

from __future__ import annotations

import datetime as dt

import pytest
from corpuskit_news.metadata.stage import published_date
from corpuskit_news.page.boilerplate_record import PageHeader
from corpuskit_news.text.dates import find_date, find_dates, looks_relative


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Wednesday, January 01, 2025", dt.date(2025, 1, 1)),
        ("Jan 01 2025 | 11:45 PM IST", dt.date(2025, 1, 1)),
        ("01.01.2025", dt.date(2025, 1, 1)),
        ("12.03.2025, 14:30 Uhr", dt.date(2025, 3, 12)),
        ("2025-04-02", dt.date(2025, 4, 2)),
        ("Nairobi, Kenya | 2025-04-02", dt.date(2025, 4, 2)),
        ("Published October 16, 2024 at 6:05 p.m.", dt.date(2024, 10, 16)),
        ("Updated 3:14 PM EST, March 4, 2025", dt.date(2025, 3, 4)),
        ("Sat 8 Feb 2025 17.45 GMT", dt.date(2025, 2, 8)),
        ("posted Aug 18th 2010 7:30PM", dt.date(2010, 8, 18)),
        ("Sevilla, 14 de enero de 2025 - 09:45 CET", dt.date(2025, 1, 14)),
        ("Publié le 5 février 2025 à 10h12", dt.date(2025, 2, 5)),
        ("3 ottobre 2024", dt.date(2024, 10, 3)),
        ("29 nov. 2024 om 07:15", dt.date(2024, 11, 29)),
        ("12. März 2025", dt.date(2025, 3, 12)),
        ("Publicado em 21/06/2024 às 09h15", dt.date(2024, 6, 21)),
        ("Apr. 24, 2014, 9:49 AM", dt.date(2014, 4, 24)),
        ("18 сентября 2024, 14:20", dt.date(2024, 9, 18)),
        ("2018年6月18日 10:01　発信地：東京", dt.date(2018, 6, 18)),
        ("2024년 3월 5일 09:30", dt.date(2024, 3, 5)),
        ("الأربعاء، 28 آب/أغسطس 2013، آخر تحديث 14:00", dt.date(2013, 8, 28)),
        ("5 كانون الثاني 2014", dt.date(2014, 1, 5)),
    ],
)
def test_absolute_dates(line, expected):
    assert find_date(line) == expected


@pytest.mark.parametrize("line", ["2 hours ago", "Updated 2 hours ago", "5 mins ago", "yesterday", "vor 3 Stunden"])
def test_relative_times_are_not_dates(line):
    assert find_date(line) is None
    assert looks_relative(line)


def test_ambiguous_numeric_date_needs_an_order():
    assert find_date("03/04/2025") is None
    assert find_date("03/04/2025", dayfirst=True) == dt.date(2025, 4, 3)
    assert find_date("03/04/2025", dayfirst=False) == dt.date(2025, 3, 4)
    assert find_date("06/21/2024") == dt.date(2024, 6, 21)  # 21 cannot be a month


def test_impossible_dates_and_plain_numbers_give_nothing():
    assert find_date("February 30, 2025") is None
    assert find_date("Brent crude fell 0.8% to $74.21") is None
    assert find_date("11.2 trillion roubles in 2030") is None


def test_find_dates_in_order():
    dates = find_dates("Publicado em 21/06/2024 às 09h15 | Atualizado em 22/06/2024 às 11h02")
    assert [d for _, d in dates] == [dt.date(2024, 6, 21), dt.date(2024, 6, 22)]


def _header(*lines: str, title: str, byline: str | None = None, dateline: str | None = None) -> PageHeader:
    return PageHeader(tuple(lines), (), title, None, byline, dateline)


def test_published_beats_updated_and_a_photo_date_is_not_the_page_date():
    header = _header("Ledger", "Bridge to reopen", "Mis à jour le 06/04/2013 à 10:37", "Publié le 05/04/2013 à 17:08",
                     title="Bridge to reopen")
    assert published_date(header, dayfirst=True) == "2013-04-05"
    caption = "The bridge on 27 June 2012. Photo: Ana Ortiz"
    header = _header("Ledger", "Nov 7, 2023 2:00 AM", "Bridge to reopen", caption, title="Bridge to reopen")
    assert published_date(header) == "2023-11-07"  # the date over the headline, not the caption's


def test_a_dated_byline_comes_first_and_an_ambiguous_date_is_left_to_the_caller():
    byline = "Pablo Ortega | Valencia | 08/01/2014"
    header = _header("Bridge to reopen", byline, "27-06-2012", title="Bridge to reopen", byline=byline,
                     dateline="27-06-2012")
    assert published_date(header) is None
    assert published_date(header, dayfirst=True) == "2014-01-08"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Roe 8/17/13 11:04am", dt.date(2013, 8, 17)),
        ("posted 12/12/99", dt.date(1999, 12, 12)),
        ("10/9/10", None),  # day and month could be swapped
        ("see page 3/4/5", None),
        ("version 1/2/13.4", None),
    ],
)
def test_two_digit_years_with_slashes(line, expected):
    assert find_date(line) == expected


def test_a_tool_bar_ending_in_the_date_right_over_the_headline_dates_the_page():
    bar = "text size: T T Your Company September 20, 2011, 6:37 PM EDT"
    header = _header("Most read", bar, "Five Lessons", "By Jane Roe", title="Five Lessons")
    assert published_date(header) == "2011-09-20"
    far = _header(bar, "Most read", "Five Lessons", title="Five Lessons")  # not right over it
    assert published_date(far) is None


def test_two_digit_year_padded_with_spaces_and_a_north_american_zone():
    # a space pads the one-digit month or day; a US time zone makes a numeric date month first
    assert find_date("By JANE ROE 10/ 5/11 09:19 PM ET") == dt.date(2011, 10, 5)
    assert find_date("03/04/2025 11:00 a.m. EST") == dt.date(2025, 3, 4)
    assert find_date("03/04/2025") is None  # still ambiguous without the zone
    assert find_date("10/ 5/11") is None
    assert find_date("Mix 1/ 2 cup of flour") is None
