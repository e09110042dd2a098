"""c4_quality: C4's line removals (recorded in meta) and page rules."""

from __future__ import annotations

import pytest

from corpuskit._stages.quality import C4Quality
from tests.stages.quality.pages import ARTICLE

PARAGRAPHS = [p.replace("\n", " ") for p in ARTICLE.split("\n\n")[1:]]


def test_an_article_loses_its_title_and_keeps_its_paragraphs(run_stage):
    out = run_stage(C4Quality(), [ARTICLE])
    assert out.texts == ["\n".join(p.strip() for p in PARAGRAPHS)]
    assert out.docs[0].meta["c4_quality"] == {
        "removed": [{"line": "Harbour town opens its new library", "reason": "no terminal punctuation", "lineno": 1}],
        "kept": 4,
    }
    assert out.stats.counters == {"lines removed: no terminal punctuation": 1}


def test_each_line_rule_records_its_reason(run_stage):
    page = "\n".join([
        "Menu",
        "Read more.",
        "Please enable JavaScript to see the comments.",
        "This site uses cookies to give you the best experience.",
        "The river is long and slow in summer.[1]",
        "A " + "x" * 1001 + " word.",
        "Then it rained... ",
        *PARAGRAPHS,
    ])
    out = run_stage(C4Quality(), [page])
    removed = out.docs[0].meta["c4_quality"]["removed"]
    assert [(r["lineno"], r["reason"]) for r in removed] == [
        (1, "no terminal punctuation"), (2, "too few words"), (3, "javascript"), (4, "policy"),
        (6, "too long word"), (7, "no terminal punctuation")]
    assert out.texts[0].split("\n")[0] == "The river is long and slow in summer."  # citation taken out


@pytest.mark.parametrize("extra, verdict", [
    ("Lorem ipsum dolor sit amet.", "lorem_ipsum | lorem_ipsum"),
    ("Call f(x) { return 1; } now.", "curly_bracket | curly_bracket"),
])
def test_page_rules_on_kept_lines(run_stage, extra, verdict):
    out = run_stage(C4Quality(), [ARTICLE + "\n" + extra])
    assert f"{out.rejects[0]['reason']} | {out.rejects[0]['detail']}" == verdict


def test_a_removed_line_never_drops_the_page():
    assert C4Quality().keep(_doc(ARTICLE + "\nlorem ipsum menu"), _ctx()).keep  # no terminal punctuation


def test_too_few_sentences(run_stage):
    out = run_stage(C4Quality(), ["It was a warm day. The sea was calm.\nNothing else happened today."])
    assert (out.reasons, out.rejects[0]["detail"]) == (["sentences < 5"], "sentences 3 < 5")


@pytest.mark.parametrize("text", ["", "\n\n", "!!!", "x" * 50_000_000], ids=["empty", "blank", "no word", "50MB"])
def test_texts_without_sentences_are_rejected(run_stage, text):
    assert run_stage(C4Quality(), [text]).reasons == ["sentences < 5"]


def test_annotate_keeps_the_page_with_its_lines_removed(run_stage):
    out = run_stage(C4Quality(action="annotate"), ["Menu\nIt was a warm day. The sea was calm."])
    doc = out.docs[0]
    assert doc.text == "It was a warm day. The sea was calm."
    assert doc.meta["c4_quality"] == {
        "removed": [{"line": "Menu", "reason": "no terminal punctuation", "lineno": 1}], "kept": 1,
        "sentences": 2, "keep": False, "reason": "sentences 2 < 5"}


def test_rules_can_be_turned_off(run_stage):
    text = "Menu\nIt was a warm day. The sea was calm."
    out = run_stage(C4Quality(filter_no_terminal_punct=False, min_num_sentences=-1, min_words_per_line=-1), [text])
    assert out.texts == [text]


def _doc(text):
    from corpuskit import Document

    return Document("d", text)


def _ctx():
    from corpuskit import StageContext, StageStats

    return StageContext("c4_quality", StageStats("c4_quality"), lambda record: None)
