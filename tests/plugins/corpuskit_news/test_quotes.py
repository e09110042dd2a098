"""news.quotes: quotations, attribution, pronouns and canonical speakers."""

from __future__ import annotations

from corpuskit import Document, Pipeline


def quotes_of(text: str) -> list[dict]:
    (doc,) = Pipeline.from_dict({"stages": ["news.entities", "news.quotes"]}).process([Document("q", text)])
    for quote in doc.meta["quotes"]:
        assert doc.text[quote["start"] : quote["end"]] == quote["text"]
    return doc.meta["quotes"]


def test_pronoun_speaker_resolves_to_the_nearest_preceding_person():
    text = (
        "Prime Minister Mikhail Mishustin opened the session. President Vladimir Putin then spoke.\n\n"
        'He told the government to "ensure further co-operation with our partners in research".'
    )
    (quote,) = quotes_of(text)
    assert quote["speaker"] == "Vladimir Putin"
    assert quote["text"] == "ensure further co-operation with our partners in research"


def test_speaker_is_the_canonical_entity_name():
    text = (
        "President Vladimir Putin visited Moscow.\n\n"
        "Mr. Putin affirmed: “Russia must lead the world in artificial intelligence.”\n\n"
        '"We will invest in our scientists and our schools," Putin said at the conference.'
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Vladimir Putin", "Vladimir Putin"]


def test_said_x_according_to_x_and_descriptions():
    text = (
        '"The market is caught between supply and demand," said Hanna Lindgren, an analyst.\n\n'
        '"We ran out of pole beans by April," said children\'s librarian Rosa Delgado.\n\n'
        'According to Tomas Reyes, "the next few months look soft for oil".'
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Hanna Lindgren", "Rosa Delgado", "Tomas Reyes"]


def test_continued_quote_keeps_its_speaker_and_unnamed_speakers_are_null():
    text = (
        '"For twenty years this was a fence," said council member Grace Lindholm. '
        '"Now it will be a place where people live."\n\n'
        'The plan was approved. "It is a step in the right direction," a spokesman said.'
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Grace Lindholm", "Grace Lindholm", None]


def test_scare_quotes_are_not_quotations():
    assert quotes_of('Putin spoke about Russia\'s "traditional" culture and "strong AI".') == []


def test_curly_straight_and_guillemet_quotes():
    text = (
        "Sabine Meier kritisierte den Preis. „Wer jeden Tag fährt, zahlt mehr“, sagte Meier.\n\n"
        "« Au début, on nous prenait pour des fous », raconte Karim Benali."
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Sabine Meier", "Karim Benali"]
