"""news.boilerplate's page analysis: which lines are the article."""

from __future__ import annotations

from corpuskit_news.page.article import analyse

from corpuskit._stages.dedup.linefreq import line_hash
from tests.plugins.corpuskit_news.pages import COMMENT, NEWSLETTER, PARAGRAPHS, SYNDICATION, TEASER, page


def test_keeps_every_paragraph_also_after_a_mid_article_teaser():
    result = analyse(page())
    assert [line.text for line in result.kept] == PARAGRAPHS


def test_teaser_block_and_prose_like_furniture_go_with_reasons():
    reasons = {line.text: reason for line, reason in analyse(page()).removed}
    assert all(t in reasons for t in TEASER)
    assert reasons["Related News"].startswith("cue")
    assert reasons[NEWSLETTER] != "" and reasons[SYNDICATION] != "" and reasons[COMMENT] != ""
    assert "caption" in reasons["The closed bridge seen from the east bank. Photo: Ana Ortiz / The Valley Ledger"]


def test_header_roles():
    result = analyse(page())
    assert result.title is not None and result.title.text == "County will rebuild the Alder River bridge"
    assert result.author == "Tomas Lindgren"
    assert result.dateline is not None and result.dateline.text.startswith("Published March 3, 2025")
    reasons = {line.text: reason for line, reason in result.removed}
    assert reasons["County will rebuild the Alder River bridge"] == "title"
    assert reasons["By Tomas Lindgren"] == "byline"


def test_subheading_between_paragraphs_stays():
    text = "\n".join(["Example Post", PARAGRAPHS[0], PARAGRAPHS[1], "What happens next", PARAGRAPHS[3], PARAGRAPHS[4]])
    assert "What happens next" in analyse(text).text


def test_every_line_is_either_kept_or_removed():
    result = analyse(page())
    kept = {line.index for line in result.kept}
    removed = {line.index for line, _ in result.removed}
    assert not kept & removed
    assert kept | removed == {line.index for line in result.lines}


def test_corpus_frequent_line_goes_but_interior_prose_stays():
    outlet_note = "Readers can reach the newsroom at the address printed on the last page of every edition."
    text = page(extra_footer=outlet_note)
    kept_before = analyse(text).text
    frequent = frozenset({line_hash(outlet_note), line_hash(PARAGRAPHS[2])})
    result = analyse(text, frequent)
    reasons = {line.text: reason for line, reason in result.removed}
    assert reasons[outlet_note] == "frequent in corpus"
    assert result.text == kept_before  # the interior paragraph that is frequent stays


def test_syndicated_copy_keeps_its_prose():
    text = page()
    everything = frozenset(line_hash(p) for p in PARAGRAPHS)
    assert [line.text for line in analyse(text, everything).kept] == PARAGRAPHS


def test_page_without_article():
    result = analyse("Home\nNews\nSports\nContact us\n© 2025 Example")
    assert result.kept == [] and len(result.removed) == 5


def test_language_without_stopword_list():
    sentences = ["这座桥在两年前的洪水中受损，从那以后一直禁止汽车通行，居民每天都要绕行很远的路。",
                 "工程师说修复工作大约需要十八个月，费用主要由省里的农村道路补助金支付。",
                 "工程预计在春天开始，届时河水水位下降，承包商可以到达桥墩进行施工作业。"]
    text = "\n".join(["首页", "新闻", "体育", *sentences, "版权所有"])
    assert analyse(text).text.split("\n") == sentences


def test_article_paragraphs_that_mention_cue_words_stay():
    about_copyright = ("Sampling, now a standard practice among musicians, involves taking a segment of another "
                       "recording, and the court held that three notes were too short to be protected by copyright. "
                       "Lawyers for the flautist said they would appeal, arguing that the notes were distinctive.")
    about_signing_up = ("The creditors have given the group until Wednesday to sign up to a rescue plan, and warned "
                        "that they would seek sanctions if it refused. The group said it was still studying the plan.")
    text = "\n".join(["Example Daily", "Court rules on sampling", PARAGRAPHS[0], about_copyright, about_signing_up,
                      PARAGRAPHS[1]])
    assert analyse(text).text.split("\n") == [PARAGRAPHS[0], about_copyright, about_signing_up, PARAGRAPHS[1]]


def test_a_short_sentence_between_paragraphs_stays():
    text = "\n".join(["Example Daily", "Storm update", PARAGRAPHS[0], "Crews are still working.", PARAGRAPHS[1]])
    assert "Crews are still working." in analyse(text).text.split("\n")


def test_long_comments_below_a_short_article_go():
    comment = ("I have lived next to that bridge for thirty years and I can tell you that the council has promised "
               "to fix it at least four times before. Every time there is an election the same plans come out, and "
               "every time the money goes somewhere else. I will believe it when I see the first lorry arrive.")
    lines = ["The Valley Ledger", "County will rebuild the Alder River bridge", "By Tomas Lindgren",
             PARAGRAPHS[0], PARAGRAPHS[1], "Share", "12 Comments"]
    for n in range(5):
        lines += [f"reader_{n}", "Submitted on March 4, 2025 at 9:1{n} am", comment.replace("thirty", f"{n + 20}")]
    assert analyse("\n".join(lines)).text.split("\n") == PARAGRAPHS[:2]


def test_non_latin_article_among_latin_furniture():
    russian = ["В среду в Казани открыли движение по новому мосту через реку Казанку, который соединил два района.",
               "Строительство продолжалось три года и обошлось примерно в девять миллиардов рублей.",
               "По словам мэра, в следующем году в этом районе также построят новую школу и поликлинику."]
    text = "\n".join(["Example Herald", "News", "Sports", "Новый мост через Казанку", "By Jane Doe", *russian,
                      "Related News", "Council delays vote on parking plan", "© 2025 Example Herald"])
    assert analyse(text).text.split("\n") == russian


CARDS = [
    "Ferry service to resume after winter repairs",
    "The ferry between the two banks will run again from April. The operator said so on Friday.",
    "Grace Mutua",
    "Police identify driver in highway crash",
    "Investigators said the driver lost control on the wet road. It happened shortly after midnight.",
    "Jonas Weber",
    "High school robotics team heads to finals",
    "The team built its robot in a borrowed garage. It beat twelve other schools at the regional round.",
    "Priya Natarajan",
    "Council delays vote on waterfront parking plan",
    "The council wants another study of traffic on the riverside road before it decides anything at all.",
    "Alma Reyes",
    "The Valley Ledger is the valley's independent newspaper. It has reported on the towns of the Alder River "
    "since 1921 and is owned by a local foundation that funds its reporting and keeps it free to read.",
    "Subscribe",
]


def test_a_list_of_teaser_cards_and_a_lone_paragraph_after_it_go():
    text = "\n".join(["The Valley Ledger", "County will rebuild the Alder River bridge", *PARAGRAPHS, *CARDS])
    assert analyse(text).text.split("\n") == PARAGRAPHS


def test_a_prose_shaped_caption_marks_where_the_body_starts():
    deck = "The valley has waited two years for the bridge. Now the county has found the money to rebuild it."
    caption = "The closed bridge over the Alder River, seen from the east bank.Photograph: Ana Ortiz/Getty Images"
    text = "\n".join(["The Valley Ledger", "County will rebuild the Alder River bridge", deck, caption, *PARAGRAPHS])
    result = analyse(text)
    assert result.text.split("\n") == PARAGRAPHS
    assert result.standfirst is not None and result.standfirst.text == deck


def test_photo_credits_glued_to_captions_are_captions():
    credits = [
        "Ana Ortiz/Valley Images Board member Alma Reyes said the bridge was the most requested project.",
        "The bridge has been closed to cars since the flood damaged its piers two years ago. | AP Photo",
    ]
    text = "\n".join(["The Valley Ledger", *PARAGRAPHS[:3], credits[0], *PARAGRAPHS[3:5], credits[1], PARAGRAPHS[5]])
    assert analyse(text).text.split("\n") == PARAGRAPHS


def test_an_author_bio_above_the_article_and_comment_rules_below_it_go():
    bio = ("Tomas Lindgren currently works at the Ledger. He grew up in the valley and has written about "
           "its roads and rivers since 2015.")
    rules = ["Comment", "Comments are the opinion of their authors, not of the newspaper or its staff.",
             "Insults and comments that break the law will be removed by the moderators without notice."]
    text = "\n".join(["The Valley Ledger", "County will rebuild the Alder River bridge", "By Tomas Lindgren",
                      "March 3, 2025", bio, *PARAGRAPHS, *rules, "© 2025 The Valley Ledger"])
    assert analyse(text).text.split("\n") == PARAGRAPHS


def test_a_share_box_quoting_the_lead_does_not_cost_the_article_its_lead():
    share = ["Share this story", "Post to Facebook", PARAGRAPHS[0], "Cancel", "Send"]
    text = "\n".join(["The Valley Ledger", *share, "County will rebuild the Alder River bridge", "By Tomas Lindgren",
                      *PARAGRAPHS])
    assert analyse(text).text.split("\n") == PARAGRAPHS


def test_bylines_beside_a_handle_or_over_the_headline():
    title = "County will rebuild the Alder River bridge"
    with_handle = "\n".join(["The Valley Ledger", title, "Share", "Tomas Lindgren", "@tlindgren", *PARAGRAPHS])
    assert analyse(with_handle).author == "Tomas Lindgren"
    over_title = "\n".join(["The Valley Ledger", "Tomas Lindgren", "Local", "Mar 3, 2025 7:10 AM", title, *PARAGRAPHS])
    result = analyse(over_title)
    assert result.author == "Tomas Lindgren" and result.title is not None and result.title.text == title


def test_a_one_word_subheading_stays_an_ad_label_goes():
    text = "\n".join(["The Valley Ledger", *PARAGRAPHS[:2], "Background", *PARAGRAPHS[2:4], "Advertisement",
                      *PARAGRAPHS[4:]])
    kept = analyse(text).text.split("\n")
    assert "Background" in kept and "Advertisement" not in kept
    assert [k for k in kept if k != "Background"] == PARAGRAPHS


def test_the_description_under_a_short_copyright_credit_is_a_caption():
    caption = "The old crane over the east dock was taken down on Thursday. Engineers watched from the pier."
    text = "\n".join(["Example Post", PARAGRAPHS[0], PARAGRAPHS[1], "© Harbor Pictures", caption,
                      PARAGRAPHS[3], PARAGRAPHS[4], "© 2025 Example Post. All rights reserved."])
    result = analyse(text)
    reasons = {line.text: reason for line, reason in result.removed}
    assert reasons.get(caption) == "caption"
    assert [line.text for line in result.kept] == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3], PARAGRAPHS[4]]


def test_a_dated_copyright_line_marks_no_caption():
    text = "\n".join(["Example Post", PARAGRAPHS[0], "© 2025 Example Post", PARAGRAPHS[1], PARAGRAPHS[3]])
    assert PARAGRAPHS[1] in analyse(text).text


def test_a_sentence_handing_over_to_a_quoted_paragraph_stays():
    quote = ('"We will rebuild the bridge before winter, and we will do it without closing the ferry," '
             "the mayor told the council on Tuesday evening.")
    text = "\n".join(["Example Post", PARAGRAPHS[0], PARAGRAPHS[1], "Speaking after the vote, the mayor declared,",
                      quote, PARAGRAPHS[3]])
    kept = [line.text for line in analyse(text).kept]
    assert "Speaking after the vote, the mayor declared," in kept and quote in kept


def test_bracketed_image_credits_closing_a_paragraph_do_not_make_it_a_caption():
    from corpuskit_news.page.lines import measure

    last = ("Now all you need to do is keep your gadgets charged through the day and you might just make it "
            "through this semester in one piece. [Top Image: Jane Roe, Notes Image: Photo Agency / Shutterstock]")
    assert not measure(0, last).caption
    assert measure(0, "Students at the library. [Image: Photo Agency / Shutterstock]").caption
