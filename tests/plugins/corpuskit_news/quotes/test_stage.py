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


def test_a_name_inside_a_quotation_is_not_a_pronouns_antecedent():
    text = ('Olivia Marsh, the director, spoke first. "Nobody works harder than Peter Vance does," '
            'she said. He added: "We will open the new wing in the spring."')
    assert [q["speaker"] for q in quotes_of(text)] == ["Olivia Marsh", "Olivia Marsh"]


def test_a_pronoun_skips_people_of_the_other_gender():
    text = ('Daniel Ford directed the film with Margaret Hale. "I was the only woman on the set for years," '
            'she said.')
    assert [q["speaker"] for q in quotes_of(text)] == ["Margaret Hale"]


def test_a_pronoun_prefers_the_subject_over_a_nearer_name_inside_the_sentence():
    text = ('Speaking in Leeds on Monday, Rahul Mehta praised the plan. Standing next to Thomas Grey '
            'he added that it was "a plan that will change the whole region for good".')
    assert [q["speaker"] for q in quotes_of(text)] == ["Rahul Mehta"]


def test_an_attribution_that_introduces_the_next_quote_is_not_this_ones():
    text = ('Carla Jensen left the band last year. Martin Kobel said "she gave the group ten good years". '
            'He said: "This was the hardest call we have ever made as a band."')
    assert [q["speaker"] for q in quotes_of(text)] == ["Martin Kobel", "Martin Kobel"]


def test_said_that_after_a_finished_quote_starts_reported_speech():
    text = ('Anna Berg wrote the script. "I had to carve a niche for myself." Lukas Moser said that '
            'working with her was "one of the best times of my life".')
    assert [q["speaker"] for q in quotes_of(text)] == ["Anna Berg", "Lukas Moser"]


def test_description_before_the_name_and_sentence_final_attribution():
    text = ('Party officials met on Friday. "The board is giving in to pressure from the banks," '
            'party spokesman Felix Brandt said. The band had "no other course of action" than to part '
            'ways, lead singer Gary Moss has said.')
    assert [q["speaker"] for q in quotes_of(text)] == ["Felix Brandt", "Gary Moss"]


def test_saying_and_an_age_description_attribute_quotes():
    text = ('Hanna Roth welcomed the ruling, with minister Paul Stein saying it was "on the right track at '
            'last". Oldham signed striker Leon Price on Monday. "It was an easy decision to make," '
            'the 31-year-old told reporters.')
    assert [q["speaker"] for q in quotes_of(text)] == ["Paul Stein", "Leon Price"]


def test_added_before_the_next_quote_also_claims_the_previous_one():
    text = ('Ian Cole, editor of a trade magazine, said the machine would sell well.\n\n'
            '"They want more of what they already have." Cole added: "It is a bold move for the firm."')
    assert [q["speaker"] for q in quotes_of(text)] == ["Ian Cole", "Ian Cole"]


def test_a_quotation_closed_by_two_single_marks_ends_there_and_keeps_its_speaker():
    text = (
        "Ilse Brandauer runs the ferry. “We will not give up on this crossing,’’ said Ilse Brandauer, "
        "adding that money would come. Her deputy Tomasz Wrona disagreed.\n\n"
        "\"The timetable cannot hold through the winter,'' Wrona said."
    )
    first, second = quotes_of(text)
    assert (first["text"], first["speaker"]) == ("We will not give up on this crossing", "Ilse Brandauer")
    assert (second["text"], second["speaker"]) == ("The timetable cannot hold through the winter", "Tomasz Wrona")


def test_speaker_named_before_a_description_between_commas():
    text = (
        '"Our results were far better than we had expected," Petra Lindqvist, chief executive of Norrvik '
        "Foods, said on Monday.\n\n"
        "Orders rose. \"We expect the same next year and will hire more staff,\" Aldo Ferrante, a director "
        "at the firm, told reporters."
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Petra Lindqvist", "Aldo Ferrante"]


def test_speaker_named_between_commas_after_a_description():
    text = (
        "Karel Vondra criticised the ban. \"I am outraged at what the council has done to us,\" the festival's "
        "organiser in Brno, Lenka Dvorakova, told reporters."
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Lenka Dvorakova"]


def test_a_named_bodys_report_speaks_for_the_body_and_an_unnamed_spokesman_for_nobody():
    text = (
        "The Harbour Development Bank published its review on Monday.\n\n"
        "\"Poorer regions are catching up with the rich ones quickly,\" the Harbour Development Bank report said.\n\n"
        "\"The gap is still very real and must be closed,\" a spokesman said."
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Harbour Development Bank", None]


def test_the_attribution_nearest_before_an_unattributed_quote_wins():
    text = (
        "The Film Guild said its tool was free. \"Our goal is to help parents find what they need,\" said "
        "Dora Klimt, the guild's chief. \"Many parents worry about what their children have downloaded.\"\n\n"
        "Ferrero spoke after the match. \"I do not know when it is going to happen,\" Ferrero told Radio Nord. "
        "\"But I have a lot of confidence that I will be the same player again.\""
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Dora Klimt", "Dora Klimt", "Ferrero", "Ferrero"]


def test_a_body_named_with_the_speaks_for_itself():
    text = "\"The exercise is an outright hostile act against us,\" the Rodong Sinmun said in a commentary."
    assert [q["speaker"] for q in quotes_of(text)] == ["Rodong Sinmun"]


def test_a_pronoun_refers_to_the_subject_after_an_opening_phrase_with_commas_or_a_describing_word():
    text = (
        "Royce Delano said he barely knew the man.\n\n"
        "In a video dated May 23, 2015, Ilias Varga declared himself a candidate.\n\n"
        "\"The country is in danger and needs a new leader,\" he said.\n\n"
        "Orla Minton said the law hurt her business. Grower Tomas Lindqvist said his farm could lose money.\n\n"
        "\"We will be lucky to be in business next year,\" he said."
    )
    assert [q["speaker"] for q in quotes_of(text)] == ["Ilias Varga", "Tomas Lindqvist"]
