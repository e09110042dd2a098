"""The issue's bad inputs through the filter stages: empty text, no word, a 50 MB single line."""

from __future__ import annotations

import pytest

from corpuskit import Document, Pipeline

ALL = """\
stages:
  - fix_text
  - language_filter: {languages: [en]}
  - pii
  - regex: {drop_matching: ["(?i)lorem ipsum"]}
  - keep_if: {expr: "text.words >= 3 and meta.language == 'en'"}
  - sample: {fraction: 1.0}
"""

ANNOTATE = """\
stages:
  - fix_text
  - language_filter: {action: annotate}
  - pii: {action: annotate}
  - regex: {drop_matching: ["(?i)lorem ipsum"], action: annotate}
  - keep_if: {expr: "text.words >= 3", action: annotate}
"""


def _run(config, docs):
    rejects = []
    out = list(Pipeline.from_string(config).process(docs, rejects=rejects))
    return out, rejects


@pytest.mark.parametrize("text", ["", "   \n\t  ", "... --- !!! 123 456 ###"])
def test_empty_and_wordless_texts_are_rejected_by_language_filter_with_a_reason(text):
    out, rejects = _run(ALL, [Document("x", text, {})])
    assert out == []
    assert [(r["stage"], r["reason"]) for r in rejects] == [("1:language_filter", "no letters")]


@pytest.mark.parametrize("text", ["", "   \n\t  ", "... --- !!! 123 456 ###"])
def test_empty_and_wordless_texts_pass_every_stage_when_annotating(text):
    out, rejects = _run(ANNOTATE, [Document("x", text, {})])
    assert rejects == [] and len(out) == 1
    meta = out[0].meta
    assert meta["language"] is None and meta["language_filter"]["keep"] is False
    assert meta["pii"] == {"keep": True, "reason": None}
    words = len(text.split())
    assert meta["keep_if"] == {"keep": words >= 3, "reason": None if words >= 3 else f"text.words = {words}"}


@pytest.mark.slow
def test_a_50_mb_single_line_document_goes_through_every_stage():
    unit = "The council met on Tuesday evening to discuss the new budget for the public library in 2024. "
    line = (unit * (50_000_000 // len(unit) + 1))[:50_000_000] + " Write to ana@example.com."
    assert "\n" not in line
    out, rejects = _run(ALL.replace("language_filter: {languages: [en]}",
                                    "language_filter: {languages: [en], unit: paragraph}"), [Document("big", line, {})])
    assert rejects == []
    (doc,) = out
    assert doc.text.endswith("Write to <EMAIL>.") and len(doc.text) == len(line) - len("ana@example.com") + 7
    assert doc.meta["language"] == "en" and doc.meta["pii"] == {"email": 1}
