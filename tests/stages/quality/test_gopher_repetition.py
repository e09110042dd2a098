"""gopher_repetition: repeated paragraphs, lines and word n-grams."""

from __future__ import annotations

import pytest

from corpuskit._stages.quality import GopherRepetition
from corpuskit._stages.quality.gopher_repetition import _repeated_ngram_chars, duplicated
from tests.stages.quality.pages import ARTICLE


def _verdict(run_stage, text, **params):
    out = run_stage(GopherRepetition(**params), [text])
    return out.rejects[0]["reason"] + " | " + out.rejects[0]["detail"] if out.rejects else "kept"


def test_an_article_is_kept(run_stage):
    assert _verdict(run_stage, ARTICLE) == "kept"


LINES = ["The ferry left at nine.", "It came back at noon.", "Nobody was on board.", "The crew had gone home."]


@pytest.mark.parametrize("text, verdict", [
    ("", "empty | empty"),
    ("The ferry left at nine.\n\nIt came back at noon.\n\nThe ferry left at nine.",
     "dup_para_frac > 0.3 | dup_para_frac 0.3333 > 0.3"),
    ("\n".join([*LINES, LINES[0], LINES[1], LINES[2]]), "dup_line_frac > 0.3 | dup_line_frac 0.4286 > 0.3"),
    ("buy now " * 30, "top_2_gram > 0.2 | top_2_gram 0.875 > 0.2"),
])
def test_each_rule_names_itself_and_the_value(run_stage, text, verdict):
    assert _verdict(run_stage, text) == verdict


def test_duplicated_counts_repeats_of_earlier_items():
    assert duplicated(["a", "bb", "a", "bb", "bb", "c"]) == (3, 5)
    assert duplicated([]) == (0, 0)


def test_repeated_ngrams_jump_past_a_repeat():
    tokens = ["a", "b", "c", "a", "b", "c"]
    joined = "".join(tokens)
    offsets = [0, 1, 2, 3, 4, 5, 6]
    # 2-grams ab, bc, ca, then ab again (2 characters), after which the scan jumps to the end
    assert _repeated_ngram_chars(joined, offsets, len(tokens), 2) == 2
    assert _repeated_ngram_chars(joined, offsets, len(tokens), 3) == 3
    assert _repeated_ngram_chars(joined, offsets, len(tokens), 7) == 0


def test_thresholds_are_parameters(run_stage):
    text = "\n".join([*LINES, LINES[0], LINES[1], LINES[2]])
    assert _verdict(run_stage, text, dup_line_frac=0.5, dup_line_char_frac=0.5, dup_n_grams=(),
                    top_n_grams=((2, 0.5),)) == "kept"
    assert _verdict(run_stage, text, dup_line_frac=None, dup_line_char_frac=None) == (
        "top_4_gram > 0.16 | top_4_gram 0.2166 > 0.16")
    assert _verdict(run_stage, text, dup_line_frac=None, dup_line_char_frac=None, top_n_grams=()).startswith(
        "dup_5_gram > 0.15 | dup_5_gram 0.")


def test_annotate_records_every_fraction(run_stage):
    out = run_stage(GopherRepetition(action="annotate"), [ARTICLE])
    record = out.docs[0].meta["gopher_repetition"]
    assert list(record) == ["dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac",
                            "top_2_gram", "top_3_gram", "top_4_gram", "dup_5_gram", "dup_6_gram", "dup_7_gram",
                            "dup_8_gram", "dup_9_gram", "dup_10_gram", "keep", "reason"]
    assert record["keep"] is True and record["dup_line_frac"] == 0.0


def test_a_50mb_single_line_without_spaces(run_stage):
    assert run_stage(GopherRepetition(), ["x" * 50_000_000]).texts == ["x" * 50_000_000]


@pytest.mark.parametrize("text", ["a", "\n", "\n\na\n\nb\n", "a\nb", "\n\n\n", "x\n\n\n", "\nx", ""])
def test_lines_split_at_runs_of_line_breaks(text):
    import re

    from corpuskit._stages.quality.gopher_repetition import _lines

    assert _lines(text) == (re.split(r"\n+", text) if text else [])
