"""Synthetic news pages for the news plugin tests (invented outlet, people and events)."""

from __future__ import annotations

PARAGRAPHS = [
    "The county board voted on Monday to rebuild the old stone bridge over the Alder River, which has been "
    "closed to cars since a flood damaged its piers two years ago.",
    "Engineers told the board that the repairs would take about eighteen months and cost roughly $14 million, "
    "most of it paid for by a state grant for rural roads.",
    "\"People have been driving twenty minutes around the valley every day,\" said board member Alma Reyes. "
    "\"This is the most requested project we have.\"",
    "Work is expected to start in the spring, once the river level drops and the contractor can reach the "
    "piers from the gravel bars below the bridge.",
    "A temporary footbridge will stay open during the work so that pupils can still walk to the school on "
    "the east bank, officials said.",
    "The board also asked the engineers to study whether the rebuilt bridge could carry a lane for bicycles, "
    "which residents requested at two public meetings last year.",
]

TEASER = ["Related News", "County fair returns after two-year break", "New bus line links valley towns",
          "Library extends weekend hours"]

NEWSLETTER = ("Get the Valley Briefing, our free morning newsletter, with the stories that matter to your town "
              "delivered straight to your inbox every weekday.")
SYNDICATION = ("This article was produced by the Valley Ledger in partnership with a regional reporting network "
               "and may be republished under a Creative Commons license.")
COMMENT = "I drive around every morning and honestly it cannot open soon enough for our family."


def page(*, with_teaser: bool = True, extra_footer: str | None = None) -> str:
    """A page with header furniture, a mid-article teaser, prose-like boilerplate, comments, footer."""
    lines = [
        "The Valley Ledger", "News", "Sports", "Opinion", "Obituaries", "Subscribe",
        "County will rebuild the Alder River bridge",
        "By Tomas Lindgren",
        "Published March 3, 2025 at 7:10 a.m.",
        "The closed bridge seen from the east bank. Photo: Ana Ortiz / The Valley Ledger",
        *PARAGRAPHS[:3],
        *(TEASER if with_teaser else []),
        *PARAGRAPHS[3:],
        NEWSLETTER,
        SYNDICATION,
        "Share this story", "Facebook", "Email",
        "3 Comments", "ridgeway_dad", COMMENT, "Reply",
        "Most Read", "High school wins state title", "Storm knocks out power to 2,000 homes",
        *([extra_footer] if extra_footer else []),
        "© 2025 The Valley Ledger. All rights reserved.",
    ]
    return "\n".join(lines) + "\n"
