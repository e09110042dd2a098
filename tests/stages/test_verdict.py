"""Rule-based filters: Rules, Verdict and ``action: drop | annotate`` through the Filter loop."""

from __future__ import annotations

import sys

import attrs
import pytest

from corpuskit import (
    Action,
    ConfigError,
    Document,
    Filter,
    Pipeline,
    Rules,
    StageContext,
    Verdict,
    action_param,
    format_number,
    hookimpl,
    param,
    stage,
)


@stage("test.symbols", kind="clean")
@attrs.frozen
class Symbols(Filter):
    """Drops documents with too few words or too many '#' per word."""

    min_words: int = param(2, doc="fewest words")
    max_hash_ratio: float = param(0.1, doc="most '#' per word")
    action: Action = action_param()

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        words = doc.text.split()
        rules = Rules(measure_all=self.action == "annotate")
        rules.at_least("word_count", len(words), self.min_words)
        if rules.done:
            return rules.verdict()
        rules.at_most("hash_ratio", doc.text.count("#") / max(len(words), 1), self.max_hash_ratio)
        if "lorem ipsum" in doc.text:
            rules.fail("lorem_ipsum")
        return rules.verdict()


@hookimpl
def corpuskit_register_stages(registry):
    registry.add(Symbols)


DOCS = ["one two three four five six seven eight nine ten",
        "# one # two three",
        "alone",
        "lorem ipsum dolor sit amet"]


def test_drop_rejects_with_the_rule_as_reason_and_the_value_as_detail(run_stage):
    out = run_stage(Symbols(), DOCS)
    assert out.texts == [DOCS[0]]
    assert out.reasons == ["hash_ratio > 0.1", "word_count < 2", "lorem_ipsum"]
    assert [r["detail"] for r in out.rejects] == ["hash_ratio 0.4 > 0.1", "word_count 1 < 2", "lorem_ipsum"]
    assert out.stats.rejected == {"hash_ratio > 0.1": 1, "word_count < 2": 1, "lorem_ipsum": 1}
    assert "test.symbols" not in out.docs[0].meta  # drop mode writes nothing on kept documents


def test_annotate_keeps_every_document_and_writes_values_and_verdict(run_stage):
    out = run_stage(Symbols(action="annotate"), DOCS)
    assert out.texts == DOCS
    assert not out.rejects
    records = [doc.meta["test.symbols"] for doc in out.docs]
    assert records[0] == {"word_count": 10, "hash_ratio": 0.0, "keep": True, "reason": None}
    assert records[1] == {"word_count": 5, "hash_ratio": 0.4, "keep": False, "reason": "hash_ratio 0.4 > 0.1"}
    # annotate measures every value even after a failed rule; the first failure is the reason
    assert records[2] == {"word_count": 1, "hash_ratio": 0.0, "keep": False, "reason": "word_count 1 < 2"}
    assert records[3]["reason"] == "lorem_ipsum"
    assert out.stats.counters == {"annotated: hash_ratio > 0.1": 1, "annotated: word_count < 2": 1,
                                  "annotated: lorem_ipsum": 1}


def test_annotate_merges_into_a_record_the_filter_already_wrote(run_stage):
    @stage("test.cleans", kind="clean")
    @attrs.frozen
    class Cleans(Filter):
        action: Action = action_param()

        def keep(self, doc, ctx):
            rules = Rules()
            rules.at_most("x_count", doc.text.count("x"), 0)
            cleaned = Document(doc.id, doc.text.replace("x", ""), {**doc.meta, "test.cleans": {"removed": 1}})
            return rules.verdict(cleaned)

    kept = run_stage(Cleans(), ["ab"]).docs[0]
    assert (kept.text, kept.meta["test.cleans"]) == ("ab", {"removed": 1})
    annotated = run_stage(Cleans(action="annotate"), ["axb"]).docs[0]
    assert annotated.text == "ab"
    assert annotated.meta["test.cleans"] == {"removed": 1, "x_count": 1, "keep": False,
                                             "reason": "x_count 1 > 0"}


def test_action_is_checked_in_the_pipeline_file(make_plugins):
    plugins = make_plugins(sys.modules[__name__])
    pipeline = Pipeline.from_string("stages:\n  - test.symbols: {action: annotate}\n", plugins=plugins)
    assert pipeline.config.stages[0].stage == Symbols(action="annotate")
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string("stages:\n  - test.symbols: {action: anotate}\n", plugins=plugins)
    assert str(err.value).startswith(
        "<string>:2:28: test.symbols.action: expected one of 'drop', 'annotate', found 'anotate' (a string)\n"
        "  hint: drop: reject the documents that fail a rule")


def test_annotate_through_a_pipeline(make_plugins):
    plugins = make_plugins(sys.modules[__name__])
    pipeline = Pipeline.from_string("stages:\n  - test.symbols: {action: annotate}\n", plugins=plugins)
    out = list(pipeline.process([Document("a", "alone")]))
    assert out[0].meta["test.symbols"]["reason"] == "word_count 1 < 2"


@pytest.mark.parametrize("value, shown", [(12, "12"), (0.14, "0.14"), (10 / 3, "3.3333"), (2.0, "2"),
                                          (0.00001234, "1.23e-05")])
def test_format_number(value, shown):
    assert format_number(value) == shown


def test_a_value_just_above_the_limit_does_not_read_as_equal():
    rules = Rules()
    rules.at_most("ratio", 0.10000001, 0.1)
    assert rules.verdict().detail == "ratio 0.10000001 > 0.1"


def test_action_param_refuses_an_unknown_default():
    with pytest.raises(ValueError, match="action must be one of"):
        action_param("delete")  # type: ignore[arg-type]
