"""Page texts written for these tests: an article, a menu-heavy page, spam of several kinds."""

from __future__ import annotations

ARTICLE = """Harbour town opens its new library

The new library on Quay Street opened on Saturday morning, and by noon more than four hundred people had \
walked through its doors. The building replaces the old reading room that closed in 2019 after the roof \
began to leak.

"We wanted a place that is warm, quiet and open to everyone," said Ana Ruiz, who chairs the library trust. \
She said the trust had raised most of the money from local businesses and that the council had paid for \
the rest.

Children were given their first library cards at a desk by the entrance. Upstairs, a row of computers and a \
room for homework clubs will be open until eight in the evening on weekdays.

The old reading room will become a small museum of the harbour, with photographs of the fishing fleet and \
the ferry that ran to the island until 1962.
"""

MENU_PAGE = """Home
News
Sport
Weather
Sign in
Subscribe
Contact us
Privacy Policy
Harbour town opens its new library
Share this page
More from the section"""
"""Page furniture with one headline: mostly short lines without punctuation."""


def repeated_lines(line: str, times: int) -> str:
    return "\n".join([line] * times)
