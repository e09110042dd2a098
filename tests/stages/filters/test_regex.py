"""regex: drop, keep and replace; invalid patterns point into the pattern; timeouts reject."""

from __future__ import annotations

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._stages.filters.patterns import RegexFilter

DOCS = ["Lorem ipsum dolor sit amet.", "Council approves the budget.  ", "Click here to subscribe!"]


def test_drop_names_the_pattern_and_the_match(run_stage):
    out = run_stage(RegexFilter(drop_matching=("(?i)lorem ipsum", "subscribe")), DOCS)
    assert out.texts == [DOCS[1]]
    assert out.reasons == ["drop pattern 0 matched", "drop pattern 1 matched"]
    assert out.rejects[0]["detail"] == "'(?i)lorem ipsum' matched 'Lorem ipsum' at character 0"


def test_keep_requires_a_match(run_stage):
    out = run_stage(RegexFilter(keep_matching=(r"\bbudget\b", "amet")), DOCS)
    assert out.texts == DOCS[:2]
    assert out.reasons == ["no keep pattern matched"]


def test_replace_rewrites_kept_documents_with_groups(run_stage):
    replace = ({"pattern": r"\s+$", "with": ""}, {"pattern": r"(?P<verb>approves) the", "with": r"\g<verb> a"})
    out = run_stage(RegexFilter(drop_matching=("Lorem",), replace=replace), DOCS)
    assert out.texts == ["Council approves a budget.", "Click here to subscribe!"]
    assert out.stats.counters["changed"] == 1


def test_replacing_everything_rejects_as_empty(run_stage):
    out = run_stage(RegexFilter(replace=({"pattern": r"[\s\S]+", "with": " "},)), ["some text"])
    assert out.reasons == ["empty"]


def test_annotate_keeps_documents_unchanged(run_stage):
    out = run_stage(RegexFilter(drop_matching=("Lorem",), replace=({"pattern": "a", "with": "b"},),
                                action="annotate"), DOCS[:2])
    assert out.texts == DOCS[:2]
    assert out.docs[0].meta["regex"]["keep"] is False
    assert out.docs[1].meta["regex"] == {"keep": True, "reason": None}


def test_catastrophic_backtracking_is_a_reject_not_a_hang(run_stage):
    out = run_stage(RegexFilter(drop_matching=("(x+x+)+y",), timeout=0.05), ["x" * 5000, "short text"])
    assert out.texts == ["short text"]
    assert out.reasons == ["regex timeout"]
    assert out.rejects[0]["detail"] == "the patterns took more than 0.05 s on this document"


@pytest.mark.parametrize("params, where, caret", [
    ('{drop_matching: ["ok", "ab(cd"]}', "<string>:2:41: regex.drop_matching.1: invalid regular expression: "
                                          "missing )", "    ab(cd\n         ^"),
    ("{keep_matching: ['a[b']}", "<string>:2:33: regex.keep_matching.0: invalid regular expression: "
                                 "unterminated character set", "    a[b\n       ^"),
])
def test_invalid_pattern_points_into_it(params, where, caret):
    text = f"stages:\n  - regex: {params}\n"
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text)
    message = str(err.value)
    assert message.startswith(where.split(": ", 1)[0])
    assert where.split(": ", 1)[1] in message
    assert caret in message


def test_invalid_replacement_entry_and_group():
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string("stages:\n  - regex:\n      replace: [{pattern: a, into: b}]\n")
    assert "regex.replace.0: expected {pattern: REGEX, with: TEXT}, found keys ['into', 'pattern']" in str(err.value)
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string("stages:\n  - regex:\n      replace: [{pattern: '(a)', with: 'x\\2'}]\n")
    assert str(err.value).startswith("<string>:3:42: regex.replace.0.with: the replacement refers to group 2, "
                                     "which the pattern does not have\n    x\\2\n     ^")
