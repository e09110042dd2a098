"""Furniture trafilatura keeps: reader comments in several languages, "Read more:" teasers, closing link lists."""

from __future__ import annotations

from trafilatura.utils import load_html

from corpuskit._stages.web.article import extract_page
from corpuskit._stages.web.furniture import drop_teasers, prune_comments
from tests.stages.web.webpages import PARAGRAPHS

ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
COMMENT = "What a waste of public money, the old wall was fine and everybody in the port knew it."


def _page(extra: str, article_class: str = "story") -> str:
    return (f"<html><head><title>Breakwater</title></head><body><div class='{article_class}'><h1>Breakwater</h1>"
            f"{ARTICLE}{extra}</div></body></html>")


def test_reader_comments_in_other_languages_are_removed():
    for container in ("<div id='comentarios'><ol><li><p>{c}</p></li></ol></div>",
                      "<section class='visitors_comment_content'><p>{c}</p><p>Posted by: Jo, 27 Sep</p></section>",
                      "<div class='kommentare-liste'><p>{c}</p></div>"):
        text = extract_page(_page(container.format(c=COMMENT))).text
        assert COMMENT not in text
        assert text.split("\n")[:3] == list(PARAGRAPHS)


def test_a_wrapper_named_after_comments_that_holds_the_article_stays():
    tree = load_html(_page("", article_class="post has-comments"))
    assert prune_comments(tree) == 0
    tree = load_html(f"<html><body><div class='comment-wrap'><h1>Breakwater</h1>{ARTICLE}</div></body></html>")
    assert prune_comments(tree) == 0  # it holds the headline


def test_teaser_lines_and_a_closing_list_of_headlines_go():
    text = "\n".join([PARAGRAPHS[0], "Read more: Ferry fares rise again", PARAGRAPHS[1],
                      "(MORE: Council votes on bus lanes)", "À lire aussi : Le port en chiffres", PARAGRAPHS[2],
                      "More Must-Reads From The Herald", "- Council votes on bus lanes", "- Ferry fares rise"])
    assert drop_teasers(text).split("\n") == list(PARAGRAPHS)


def test_lists_that_are_the_article_stay():
    text = "\n".join([PARAGRAPHS[0], "What the works include:", "- a new wall", "- two cranes", PARAGRAPHS[1],
                      "Steps:", "- pour the blocks", "- check the foundations"])
    assert drop_teasers(text) == text
