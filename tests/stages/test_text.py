"""normalize and length_filter."""

from __future__ import annotations

import pytest

from corpuskit._stages.text import LengthFilter, Normalize, normalize_text


@pytest.mark.parametrize("raw, clean", [
    ("e\u0301te", "\u00e9te"),  # NFC
    ("a\u00a0\u00a0b\t\tc   d", "a b c d"),  # non-breaking spaces and tabs collapse
    ("  line one  \n   line two\t\n", "line one\nline two"),  # lines stripped
    ("p1\n\n\n\n p2", "p1\n\np2"),  # paragraph breaks kept, one blank line
    ("bell\x07 and\x00 nul", "bell and nul"),  # control characters removed
    ("win\r\nline\rmac", "win\nline\nmac"),
    ("thin\u2009space", "thin space"),
])
def test_normalize_text(raw, clean):
    assert normalize_text(raw) == clean


def test_normalize_stage_counts_changes(run_stage):
    out = run_stage(Normalize(), ["fine", "not\u00a0fine"])
    assert out.texts == ["fine", "not fine"]
    assert out.stats.counters["changed"] == 1


def test_length_filter_reasons_name_the_bound(run_stage):
    out = run_stage(LengthFilter(min_words=2, max_chars=12), ["one", "one two", "one two three four"])
    assert out.texts == ["one two"]
    assert out.reasons == ["below min_words=2", "above max_chars=12"]
    assert out.stats.rejected == {"below min_words=2": 1, "above max_chars=12": 1}
    assert [r["detail"] for r in out.rejects] == ["1 word", "18 characters"]


def test_length_filter_validates_bounds():
    with pytest.raises(ValueError, match="'min_words' must be >= 0: -1"):
        LengthFilter(min_words=-1)
