"""fineweb_quality: FineWeb's line-shape rules."""

from __future__ import annotations

import pytest

from corpuskit._stages.quality import FineWebQuality
from tests.stages.quality.pages import ARTICLE, MENU_PAGE


def _verdict(run_stage, text, **params):
    out = run_stage(FineWebQuality(**params), [text])
    return out.rejects[0]["reason"] + " | " + out.rejects[0]["detail"] if out.rejects else "kept"


def test_an_article_is_kept(run_stage):
    assert _verdict(run_stage, ARTICLE) == "kept"


@pytest.mark.parametrize("text, verdict", [
    ("", "empty | empty"),
    ("\n  \n\t\n", "empty | empty"),
    (MENU_PAGE, "line_punct_ratio < 0.12 | line_punct_ratio 0 < 0.12"),
    ("Yes.\nNo.\nMaybe.\nWhy not?\nThe harbour library opened on Saturday morning.",
     "short_line_ratio > 0.67 | short_line_ratio 0.8 > 0.67"),
    (ARTICLE + "\n" + ARTICLE.split("\n\n")[1], "char_dup_ratio > 0.01 | char_dup_ratio 0.2157 > 0.01"),
    ("\n".join(f"Supercalifragilistically number{i}." for i in range(20)),  # 19 breaks, 60 tokens
     "list_ratio > 0.3 | list_ratio 0.3167 > 0.3"),
])
def test_each_rule_names_itself_and_the_value(run_stage, text, verdict):
    assert _verdict(run_stage, text) == verdict


def test_a_line_ending_in_a_space_does_not_end_with_punctuation(run_stage):
    text = "\n".join(["The harbour library opened on Saturday morning. "] * 1 + ["Menu"] * 9)
    assert _verdict(run_stage, text).startswith("line_punct_ratio < 0.12 | line_punct_ratio 0 <")


def test_exclude_zero_lets_pages_without_punctuation_pass_that_rule(run_stage):
    assert _verdict(run_stage, MENU_PAGE, line_punct_exclude_zero=True).startswith("short_line_ratio > 0.67")


def test_annotate_records_the_ratios(run_stage):
    record = run_stage(FineWebQuality(action="annotate"), [MENU_PAGE]).docs[0].meta["fineweb_quality"]
    assert list(record) == ["line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio", "keep", "reason"]
    assert record["reason"] == "line_punct_ratio 0 < 0.12"


def test_a_50mb_single_line(run_stage):
    assert run_stage(FineWebQuality(), ["x" * 50_000_000 + "."]).reasons == []
