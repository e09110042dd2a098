"""Authors and headlines from a page's markup: the classes of wrong values real pages carry."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from corpuskit._stages.web.article import extract_page, headline
from corpuskit._stages.web.authors import person_names, site_names
from corpuskit._stages.web.structured import page_metadata


@pytest.mark.parametrize(("raw", "names"), [
    ("By Mara Quell and Tobin Vey", ["Mara Quell", "Tobin Vey"]),
    ("Mara Quell & Tobin Vey", ["Mara Quell", "Tobin Vey"]),
    ("Ana Ruiz, Pol Mas, and Eva Roig", ["Ana Ruiz", "Pol Mas", "Eva Roig"]),
    ("María R. Sahuquillo / Emilio de Benito", ["María R. Sahuquillo", "Emilio de Benito"]),
    ("Mara Quell, Velmar Herald", ["Mara Quell"]),  # the outlet after the name
    ("MARA QUELL, TOBIN VEY - AP", ["Mara Quell", "Tobin Vey"]),  # an agency after them; capitals made names
    ("Mara Quell Senior Harbour Correspondent", ["Mara Quell"]),  # a role after the name
    ("Par LILA MOREAU, Envoyée spéciale à Nantes", ["Lila Moreau"]),
    ("Tobin Vey CNN WASHINGTON", ["Tobin Vey"]),  # the letter case changes where the name ends
    ("James S.A. Corey", ["James S.A. Corey"]),
    ("velmarherald.example", []), ("National Desk", []), ("Herald Staff", []), ("CNN Wire", []),
    ("Account You're logged in", []), ("AP", []), ("Posted on 12 March", []),
])
def test_person_names(raw, names):
    assert person_names(raw, site_names("Velmar Herald")) == names


def test_json_ld_organisation_and_weak_one_word_names_are_not_persons():
    authors = [{"@type": "Organization", "name": "Velmar Herald"}, {"@type": "Person", "name": "Mara Quell"}]
    assert person_names(authors) == ["Mara Quell"]
    assert person_names("Alcalino") == ["Alcalino"]  # a blogger's one name, from explicit markup
    assert person_names("Alcalino", strict=True) == []  # the same word from a weak source


def _author(head: str, body: str = "", url: str | None = None) -> tuple[str, str] | None:
    tree = load_html(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")
    return page_metadata(tree, url).get("author")


def test_markup_byline_beats_a_meta_author_that_names_the_site():
    assert _author('<meta name="author" content="velmarherald.example">',
                   '<span class="author">Par <a itemprop="author">Lila Moreau</a></span>') == ("Lila Moreau", "byline")
    assert _author('<meta name="author" content="Velmar Herald"><meta property="og:site_name" content="Velmar Herald">',
                   '<div class="byline">By <a href="/s/mq">Mara Quell</a></div>') == ("Mara Quell", "byline")


def test_meta_author_that_is_the_editor_is_not_the_author():
    assert _author('<meta name="editor" content="严玉洁"><meta name="author" content="严玉洁">') is None


def test_other_meta_author_keys_and_twitter_creator_that_is_not_a_handle():
    assert _author('<meta name="search.byline" content="Mara Quell">') == ("Mara Quell", "meta")
    assert _author('<meta name="twitter:creator" content="@mquell">') is None
    assert _author('<meta name="twitter:creator" content="Mara Quell">') == ("Mara Quell", "twitter")


def test_visible_by_line_when_the_markup_names_nobody():
    assert _author("", "<cite>By Mara Quell<br>Velmar Herald</cite>") == ("Mara Quell", "byline")
    assert _author("", "<p>By the harbour, the wind rose.</p>") is None


def test_agency_when_no_person_is_named_and_personal_site_named_after_its_author():
    assert _author('<meta name="author" content="Reuters">') == ("Reuters", "meta")
    assert _author('<meta name="author" content="AP">', "<p>By MARA QUELL</p>") == ("Mara Quell", "byline")
    assert _author('<meta name="author" content="Ravi Menon">', url="https://ravimenon.example/post") == (
        "Ravi Menon", "meta")


@pytest.mark.parametrize(("title", "headings", "expected"), [
    ("Breakwater nears completion - Harbour News - Velmar Herald", ["Breakwater nears completion"],
     "Breakwater nears completion"),
    ("港口防波堤即将完工-维尔马先驱报", ["港口防波堤即将完工"], "港口防波堤即将完工"),
    ("Harbour Hour: Breakwater nears completion", ["Breakwater nears completion"], "Breakwater nears completion"),
    ("Politics: Council votes on bus lanes", ["Politics"], "Politics: Council votes on bus lanes"),  # a section
    ("Ferry fares 'to rise'", ["Ferry fares ‘to rise’"], "Ferry fares ‘to rise’"),
    ("Ferry fares rise", ["Most read"], "Ferry fares rise"),
])
def test_headline(title, headings, expected):
    assert headline(title, headings) == expected


def test_title_with_site_and_author_suffix_becomes_the_pages_headline():
    html = ("<html><head><title>Breakwater nears completion - Mara Quell - Velmar Herald</title>"
            "<meta property=\"og:title\" content=\"Breakwater nears completion - Mara Quell\"></head><body>"
            "<h1>Breakwater nears completion</h1><p>" + "The harbour wall is nearly done. " * 30 + "</p></body></html>")
    assert extract_page(html).fields["title"] == "Breakwater nears completion"
