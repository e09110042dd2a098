"""gopher_quality: the Gopher quality rules, their reasons and the annotate record."""

from __future__ import annotations

import pytest

from corpuskit._stages.quality import GopherQuality
from tests.stages.quality.pages import ARTICLE, MENU_PAGE


def _verdict(run_stage, text, **params):
    out = run_stage(GopherQuality(**params), [text])
    return out.rejects[0]["reason"] + " | " + out.rejects[0]["detail"] if out.rejects else "kept"


def test_an_article_is_kept(run_stage):
    assert _verdict(run_stage, ARTICLE) == "kept"


@pytest.mark.parametrize("text, verdict", [
    ("", "word_count < 50 | word_count 0 < 50"),
    ("!!! ... ??? ### ---", "word_count < 50 | word_count 0 < 50"),
    ("Too short to keep.", "word_count < 50 | word_count 4 < 50"),
    (MENU_PAGE, "word_count < 50 | word_count 24 < 50"),
    (" ".join(["a b"] * 30), "mean_word_length < 3 | mean_word_length 1 < 3"),
    (" ".join(["alpha"] * 50 + ["#x"] * 10), "symbol_word_ratio > 0.1 | symbol_word_ratio 0.1429 > 0.1"),
    ("\n".join(["- the cat and the dog sat with me"] * 12), "bullet_lines_ratio > 0.9 | bullet_lines_ratio 1 > 0.9"),
    ("\n".join(["the harbour library opened with new computers and quiet rooms for homework clubs "
               "and visitors..."] * 10),
     "ellipsis_lines_ratio > 0.3 | ellipsis_lines_ratio 1 > 0.3"),
    ("the and with " + " ".join(str(1000 + i) for i in range(60)),
     "alpha_words_ratio < 0.8 | alpha_words_ratio 0.0476 < 0.8"),
    (" ".join(["harbour library opened"] * 20), "stop_words < 2 | stop_words 0 < 2"),
])
def test_each_rule_names_itself_and_the_value(run_stage, text, verdict):
    assert _verdict(run_stage, text) == verdict


def test_stop_words_are_case_sensitive(run_stage):
    text = " ".join(["The harbour library opened With"] * 12)
    assert _verdict(run_stage, text) == "stop_words < 2 | stop_words 0 < 2"
    assert _verdict(run_stage, text, stop_words=["The", "With"]) == "kept"


def test_a_null_threshold_turns_its_rule_off(run_stage):
    assert _verdict(run_stage, "Too short to keep.", min_doc_words=None, min_stop_words=None) == "kept"
    assert _verdict(run_stage, "", min_doc_words=None) == "no words | no words"
    assert _verdict(run_stage, "!!!", min_doc_words=None) == "alpha_words_ratio < 0.8 | alpha_words_ratio 0 < 0.8"


def test_annotate_keeps_everything_and_records_every_value(run_stage):
    out = run_stage(GopherQuality(action="annotate"), [ARTICLE, "Too short to keep."])
    assert len(out.docs) == 2 and not out.rejects
    good, short = (doc.meta["gopher_quality"] for doc in out.docs)
    assert list(good) == ["word_count", "mean_word_length", "symbol_word_ratio", "bullet_lines_ratio",
                          "ellipsis_lines_ratio", "alpha_words_ratio", "stop_words", "keep", "reason"]
    assert good["keep"] is True and good["reason"] is None and good["stop_words"] == 7
    assert short["word_count"] == 4 and short["keep"] is False and short["reason"] == "word_count 4 < 50"
    assert short["stop_words"] == 1  # "to": measured although an earlier rule failed
    assert out.stats.counters == {"annotated: word_count < 50": 1}


def test_a_50mb_single_line_without_spaces(run_stage):
    out = run_stage(GopherQuality(), ["x" * 50_000_000])
    assert out.reasons == ["word_count < 50"]
