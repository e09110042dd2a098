"""The English tokenizer that counts words as spaCy's rule-based English tokenizer does."""

from __future__ import annotations

import pytest

from corpuskit._stages.quality.words import document_words, sentence_count, words


@pytest.mark.parametrize("text, tokens", [
    ("", []),
    ("   \n\t ", []),
    ("The end.", ["The", "end", "."]),
    ("Hello, world!", ["Hello", ",", "world", "!"]),
    ("I don't know, we can't say.", ["I", "do", "n't", "know", ",", "we", "ca", "n't", "say", "."]),
    ("They’re here and I'm not.", ["They", "’re", "here", "and", "I", "'m", "not", "."]),
    ("It's Anna's cat.", ["It", "'s", "Anna", "'s", "cat", "."]),
    ("We cannot go, gonna stay.", ["We", "can", "not", "go", ",", "gon", "na", "stay", "."]),
    ("Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
     ["Mr.", "Smith", "met", "Dr.", "Jones", "in", "the", "U.S.", "on", "Jan.", "5", "."]),
    ("Ask e.g. the staff at 9am.", ["Ask", "e.g.", "the", "staff", "at", "9", "am", "."]),
    ("A 10km run and 5GB of data cost $5 or 20%.",
     ["A", "10", "km", "run", "and", "5", "GB", "of", "data", "cost", "$", "5", "or", "20", "%", "."]),
    ("a well-known first-ever result", ["a", "well", "-", "known", "first", "-", "ever", "result"]),
    ("wait...what and/or this", ["wait", "...", "what", "and/or", "this"]),
    ("(see https://example.com/a-b?x=1).", ["(", "see", "https://example.com/a-b?x=1", ")", "."]),
    ("\"Quoted,\" she said.", ["\"", "Quoted", ",", "\"", "she", "said", "."]),
    ("Nice :) thanks", ["Nice", ":)", "thanks"]),
    ("y'all isn't've", ["y'", "all", "isn't've"]),
    ("end.Next sentence", ["end", ".", "Next", "sentence"]),
    ("#tag #news", ["#", "tag", "#", "news"]),
    ("• item – dash — em", ["•", "item", "–", "dash", "—", "em"]),
    ("USA. and NATO.", ["USA", ".", "and", "NATO", "."]),
])
def test_tokens(text, tokens):
    assert words(text) == tokens


@pytest.mark.parametrize("line, count", [
    ("", 0),
    ("One sentence only", 1),
    ("One. Two! Three?", 3),
    ("It ended... Then it began.", 1),  # an ellipsis token is not a sentence end (as in spaCy)
    ("He said \"stop.\" Then he left.", 2),
    ("Mr. Smith arrived.", 1),  # the abbreviation is one token, not a sentence end
])
def test_sentence_count(line, count):
    assert sentence_count(words(line)) == count


def test_document_words_reuses_the_last_tokenisation():
    text = "One two three."
    first = document_words(text)
    assert document_words("".join(["One two", " three."])) is first  # equal text, same list
    assert document_words("Other text") == ["Other", "text"]


def test_a_50mb_line_without_spaces_is_one_token():
    blob = "a" * 50_000_000
    assert words(blob) == [blob]
