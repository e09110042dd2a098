"""The keep_if expression language: grammar, semantics that never raise, errors with offsets."""

from __future__ import annotations

import pytest

from corpuskit._stages.filters.expr import MAX_DEPTH, MAX_TOKENS, Env, ExprError, compile_expr

META = {"language": "en", "word_count": 120, "score": 0.8, "tags": ["news", "local"],
        "dedup": {"size": 3}, "odd key": 5, "flag": None}
TEXT = "Town council meets.\n\nBudget approved after a long debate.\nVotes: 7 to 2."


def ev(source, meta=META, text=TEXT, doc_id="doc-1"):
    return compile_expr(source).run(Env(doc_id, text, meta))


@pytest.mark.parametrize("source, value", [
    ('meta.language == "en" and meta.word_count >= 100', True),
    ("meta.language == 'de' or meta.score > 0.5", True),
    ("not meta.score > 0.5", False),
    ("meta.word_count / 4 == 30 and meta.word_count % 7 == 1", True),
    ("-meta.score < 0 and 2 * 3 + 1 == 7 and (1 + 2) * 3 == 9", True),
    ('"news" in meta.tags and "sport" not in meta.tags', True),
    ('meta.language in ["en", "de"]', True),
    ("meta.dedup.size >= 2 and meta[\"odd key\"] == 5", True),
    ("meta.missing == null and meta.flag == null and meta.missing.deeper == null", True),
    ('"council" in lower(text) and len(meta.tags) == 2', True),
    ('id == "doc-1"', True),
    ("text.words == 13 and text.lines == 3 and text.paragraphs == 2 and text.chars == 72", True),
    ("text.alpha_ratio > 0.8 and text.digit_ratio > 0 and text.upper_ratio < 0.2", True),
    ("text.mean_word_length > 4 and text.unique_word_ratio == 1", True),
    ("true and not false", True),
    ("1e3 == 1000", True),
])
def test_evaluates(source, value):
    assert ev(source) is value


@pytest.mark.parametrize("source", [
    "meta.missing > 3",              # null in an ordering comparison: false
    'meta.language > 3',             # string vs number: false
    "meta.missing + 1 == 1",         # arithmetic on null: null
    "meta.word_count / 0 == 0",      # division by zero: null
    '"x" in meta.word_count',        # 'in' a number: false
    "meta.tags.first == 1",          # a path through a list: null
])
def test_mismatched_types_are_false_never_errors(source):
    assert ev(source) is False


def test_empty_text_statistics():
    assert ev("text.words == 0 and text.mean_word_length == 0 and text.alpha_ratio == 0", text="") is True


@pytest.mark.parametrize("source, at, message", [
    ("", 0, "the expression is empty"),
    ('meta.language == "en" and', 25, "expected a value, found the end of the expression"),
    ("meta.language ==", 16, "expected a value, found the end of the expression"),
    ("meta.a = 1", 7, "unexpected character '='"),
    ("(meta.a > 1", 11, "expected ')', found the end of the expression"),
    ("1 < meta.a < 3", 11, "comparisons cannot be chained"),
    ("language == 'en'", 0, "unknown name 'language'"),
    ("text.word == 3", 5, "unknown text statistic 'word'"),
    ("meta.", 5, "expected a field name after '.', found the end of the expression"),
    ('meta.language == "en', 17, "unterminated string"),
    ("meta.a meta.b", 7, "expected 'and', 'or' or the end, found 'meta'"),
    ("__import__('os')", 0, "unknown name '__import__'"),
    ("meta.__class__ == 1 and ()", 25, "expected a value, found ')'"),
])
def test_errors_carry_the_offset(source, at, message):
    with pytest.raises(ExprError) as err:
        compile_expr(source)
    assert (err.value.at, err.value.message) == (at, message)


def test_hints():
    with pytest.raises(ExprError) as err:
        compile_expr("language == 'en'")
    assert err.value.hint.startswith("did you mean meta.language?")
    with pytest.raises(ExprError) as err:
        compile_expr("text.word == 3")
    assert err.value.hint.startswith("did you mean 'words'?")


def test_limits_keep_hostile_expressions_from_the_stack():
    with pytest.raises(ExprError) as err:
        compile_expr("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert err.value.message == f"nested more than {MAX_DEPTH} levels deep"
    with pytest.raises(ExprError) as err:
        compile_expr(" + ".join(["1"] * MAX_TOKENS))
    assert err.value.message == f"the expression has more than {MAX_TOKENS} tokens"
    assert ev(" + ".join(["1"] * (MAX_TOKENS // 2 - 1)) + " > 0") is True


def test_meta_keys_and_paths_are_recorded():
    compiled = compile_expr('meta.language == "en" and text.words > 3 and meta.dedup.size > 1 and meta.language')
    assert compiled.meta_keys == (("language", 0), ("dedup", 45), ("language", 69))
    assert [name for name, _ in compiled.paths] == ["meta.language", "text.words", "meta.dedup.size"]
