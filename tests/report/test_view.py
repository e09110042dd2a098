"""A sampled document's removed lines, put back in place with their stage and reason."""

from __future__ import annotations

from corpuskit._report.view import NO_RECORD, annotate

AUDIT = [["1:news.boilerplate", "boilerplate"], ["3:line_dedup", "line_dedup"]]


def test_lines_are_placed_by_a_diff_with_the_loaded_text_and_labelled_by_their_record():
    before = "Title\n\nMenu | Home\n\nFirst paragraph.\n\nShare this\n\nSecond paragraph.\nFooter"
    doc = {"text": "First paragraph.\nSecond paragraph.", "before": before, "meta": {
        "boilerplate": {"removed": [{"line": "Title", "reason": "title", "lineno": 1},
                                    {"line": "Menu | Home", "reason": "before article", "lineno": 3},
                                    {"line": "Share this", "reason": "cue: share", "lineno": 7}]}}}
    segments, labels = annotate(doc, AUDIT)
    shown = [(text, labels[i] if i >= 0 else None) for text, i in segments]
    assert shown == [("Title", ["1:news.boilerplate", "title"]),
                     ("Menu | Home", ["1:news.boilerplate", "before article"]),
                     ("First paragraph.", None),
                     ("Share this", ["1:news.boilerplate", "cue: share"]),
                     ("Second paragraph.", None),
                     ("Footer", ["", NO_RECORD])]


def test_without_the_loaded_text_records_are_put_back_by_line_number_last_stage_first():
    doc = {"text": "a\nc", "meta": {
        "boilerplate": {"removed": [{"line": "x", "reason": "title", "lineno": 1}]},
        "line_dedup": {"removed": [{"line": "b", "reason": "in more than 10 documents", "lineno": 2}]}}}
    segments, labels = annotate(doc, AUDIT)
    assert [(t, labels[i][1] if i >= 0 else "") for t, i in segments] == [
        ("x", "title"), ("a", ""), ("b", "in more than 10 documents"), ("c", "")]


def test_an_html_page_is_not_diffed_against_its_markup():
    doc = {"text": "Body", "before": "<html><p>Body</p></html>", "before_type": "text/html", "meta": {}}
    segments, _ = annotate(doc, AUDIT)
    assert segments == [["Body", -1]]
