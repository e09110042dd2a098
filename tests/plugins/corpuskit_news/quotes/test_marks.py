"""Quotation marks paired by their direction, run-on quotations split where they ran on."""

from corpuskit_news.quotes.marks import quotations


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotations(text)]


def test_a_quotation_that_runs_on_ends_where_the_next_opens():
    text = 'She said: "The first part is done. "The second part starts now." Then she left.'
    assert texts(text) == ["The first part is done.", "The second part starts now."]


def test_an_interrupted_quotation_without_a_sentence_end_is_dropped():
    assert texts('He spoke of "a plan for "the town" today.') == ["the town"]


def test_a_quotation_open_at_the_paragraph_end_ends_there_when_it_ends_a_sentence():
    text = 'He said: "We will win the vote.\n\n"We have the numbers." And "an open'
    assert texts(text) == ["We will win the vote.", "We have the numbers."]


def test_direction_of_curly_german_and_guillemet_marks():
    assert texts("Sie sagte: „Das wird teuer“, und ging.") == ["Das wird teuer"]
    assert texts("« Nous restons ici », dit-elle.") == [" Nous restons ici "]
    assert texts("“One,” he said, “two.”") == ["One,", "two."]


def test_a_closing_mark_with_nothing_open_is_ignored():
    assert texts('A 12" record and "a real quote here" too') == ["a real quote here"]


def test_two_single_marks_typed_for_one_double_mark_close_the_quotation():
    text = "“We will not give up on this,’’ she said. “The plan is sound,'' he added. ``Go on,'' they said."
    assert texts(text) == ["We will not give up on this,", "The plan is sound,", "Go on,"]
