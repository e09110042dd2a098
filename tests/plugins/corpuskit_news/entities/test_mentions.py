"""news.entities: the context rules for names with no cue of their own, on short made-up sentences."""

from __future__ import annotations

from corpuskit import Document, Pipeline


def entities(text: str) -> dict[str, str]:
    (doc,) = Pipeline.from_dict({"stages": ["news.entities"]}).process([Document("d", text)])
    return {e["name"]: e["type"] for e in doc.meta["entities"]}


def forms(text: str, name: str) -> list[str]:
    (doc,) = Pipeline.from_dict({"stages": ["news.entities"]}).process([Document("d", text)])
    return next(e["forms"] for e in doc.meta["entities"] if e["name"] == name)


def test_events_and_awards_are_not_entities():
    found = entities("The band won at the Harbour Awards and the team lifted the Hallam Cup on Sunday.")
    assert "Harbour Awards" not in found and "Hallam Cup" not in found


def test_a_kind_of_organisation_before_or_an_outlet_after_the_name():
    found = entities("Marta Vidal leads the union Corvex. She told the Daily Lantern newspaper about it "
                     "and spoke to trade magazine Gear Weekly.")
    assert found["Corvex"] == "organization"
    assert found["Daily Lantern"] == "organization"
    assert found["Gear Weekly"] == "organization"


def test_a_job_title_at_a_name_makes_it_the_employer_and_examples_of_firms_are_firms():
    found = entities("said Tom Reyes, chief economist at Harlow Mae. Shops compete with makers like Brontek.")
    assert found["Harlow Mae"] == "organization"
    assert found["Brontek"] == "organization"


def test_portfolio_words_belong_to_the_title():
    found = entities("Economic Affairs Commissioner Ana Lopes spoke in Madrid.")
    assert found["Ana Lopes"] == "person"
    assert "Economic Affairs" not in found and "Economic" not in found


def test_a_title_word_after_a_given_name_is_a_surname_and_a_cue_with_of_keeps_the_title_word():
    found = entities("It was based on a Stephen King novel. The Northern Court of Justice ruled on Monday.")
    assert found["Stephen King"] == "person"
    assert found["Northern Court of Justice"] == "organization"


def test_a_creative_title_does_not_make_the_work_an_employer():
    found = entities("Moonfall writer Dana Pike has died. Acme chief executive Raj Patel said it would grow.")
    assert "Moonfall" not in found
    assert found["Acme"] == "organization"


def test_demonym_with_an_organisation_cue_and_plural_possessive_names():
    found = entities("Danish Navy ships arrived. The Nordic People's Party (NPP) won seats; the NPP gained.")
    assert found["Danish Navy"] == "organization"
    assert found["Nordic People's Party"] == "organization"
    assert "NPP" in forms("The Nordic People's Party (NPP) won seats; the NPP gained.", "Nordic People's Party")


def test_an_acronym_defined_in_parentheses_joins_a_two_word_name():
    text = "The Harbour Trust (HT) met on Monday. Later the HT said it would act."
    assert set(forms(text, "Harbour Trust")) == {"Harbour Trust", "HT"}


def test_a_word_that_begins_an_organisations_name_joins_it():
    text = "The US Federal Reserve raised rates. Analysts expect the Fed to pause."
    assert set(forms(text, "US Federal Reserve")) == {"US Federal Reserve", "Fed"}


def test_given_names_alone_join_the_full_name():
    text = "Juan Pablo Ortega won in Lyon. Fans chanted for Juan Pablo after the match."
    assert set(forms(text, "Juan Pablo Ortega")) == {"Juan Pablo Ortega", "Juan Pablo"}


def test_list_items_take_the_type_a_name_has_elsewhere_in_the_document():
    found = entities("Harwick midfielder Sam Doyle has played for Tolbury, Marnock and Harwick.")
    assert found["Tolbury"] == found["Marnock"] == found["Harwick"] == "organization"


def test_an_outlet_acronym_keeps_its_section_word_and_sport_club_suffixes():
    found = entities("He told NBX Sport on Friday before signing for Dunmore United.")
    assert found["NBX Sport"] == "organization"
    assert found["Dunmore United"] == "organization"
