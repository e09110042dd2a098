"""news.entities on the failure classes seen on unseen news (issue 15), one invented text per class."""

from __future__ import annotations

from tests.plugins.corpuskit_news.entities.probe import forms, types


# -- merging within one article ---------------------------------------------------------
def test_a_surname_transliterated_two_ways_in_one_article_is_one_person():
    text = "Oleksandr Kovalenko won the race in Lviv. Kowalenko said afterwards that the course was hard."
    assert forms(text)["Oleksandr Kovalenko"] == {"Oleksandr Kovalenko", "Kowalenko"}


def test_a_shortened_body_name_joins_the_full_one():
    text = ("The Senate Finance Committee will meet next week. The Finance Committee has delayed the vote. "
            "Ugandan Media Council members met. The Media Council banned the play.")
    names = forms(text)
    assert names["Senate Finance Committee"] == {"Senate Finance Committee", "Finance Committee"}
    assert names["Ugandan Media Council"] == {"Ugandan Media Council", "Media Council"}
    assert "Finance Committee" not in names and "Media Council" not in names


def test_members_plural_joins_their_party():
    text = ("The Conservative Party will vote on Monday. The Conservatives said the plan was costly. "
            "The Democratic Party disagreed, and the Democrats walked out.")
    names = forms(text)
    assert "Conservatives" in names["Conservative Party"]
    assert "Democrats" in names["Democratic Party"]
    assert "Conservatives" not in names and "Democrats" not in names


# -- spans glued across entities ----------------------------------------------------------
def test_an_organisation_is_not_glued_to_the_next_persons_name():
    text = "A study the Harbour Bank Maria Ortiz wrote last year was cited by analysts."
    assert types(text) == {"Harbour Bank": "organization", "Maria Ortiz": "person"}


def test_a_modifier_before_an_employer_is_not_part_of_its_name():
    text = "Former ByteLedger chief Bernie Ebbers was convicted. Senior ByteLedger staff were questioned."
    assert types(text) == {"ByteLedger": "organization", "Bernie Ebbers": "person"}


def test_a_sentence_adverb_before_a_title_is_no_employer():
    text = "Anna Keller opened the hearing. Later Senator Keller told reporters she was confident."
    assert types(text) == {"Anna Keller": "person"}


# -- wrong types ----------------------------------------------------------------------------
def test_the_head_of_a_hyphenated_compound_completes_a_place_name():
    text = "The New York-based firm Lumatek grew fast, and Los Angeles-born Dana Pike joined it."
    got = types(text)
    assert got["New York"] == "place" and got["Los Angeles"] == "place"
    assert "York" not in got and "Angeles" not in got


def test_clinics_and_named_bodies_with_a_lowercase_kind_after_are_organisations():
    text = "Patients at the Harrow Clinic were moved. The Marie Stopes charity in Leeds took them in."
    got = types(text)
    assert got["Harrow Clinic"] == "organization"
    assert got["Marie Stopes"] == "organization"


def test_a_government_building_that_speaks_is_an_institution():
    text = "Downing Street said the report was wrong. The White House declined to comment."
    got = types(text)
    assert got["Downing Street"] == "organization"
    assert got["White House"] == "organization"


def test_a_city_with_a_club_title_after_it_is_a_club():
    text = "Ashcombe manager Rafael Benitez praised his side after the match in Leeds."
    assert types(text) == {"Ashcombe": "organization", "Rafael Benitez": "person", "Leeds": "place"}
    text = "Liverpool manager Rafael Benitez praised his side. England coach Sven Eriksson watched."
    got = types(text)
    assert got["Liverpool"] == "organization" and got["England"] == "place"


def test_a_title_of_a_work_is_not_a_person():
    text = "He starred in the film Summer Bridge and the album Rosa Lane. The actor Tom Hale was there."
    assert types(text) == {"Tom Hale": "person"}


def test_a_place_that_is_the_surname_of_a_person_in_the_article_is_that_person():
    text = "Daniel Lincoln scored twice for the visitors. Lincoln said he was happy with the result."
    assert forms(text) == {"Daniel Lincoln": {"Daniel Lincoln", "Lincoln"}}


# -- organisations without a cue word ---------------------------------------------------------
def test_organisations_named_by_an_apposition_or_a_business_verb():
    text = ("Zentrix, the chipmaker, said profits rose. Halvard, a supermarket chain based in Leeds, "
            "cut prices. Later Vantora unveiled a phone, and jobs at Quillon were cut.")
    got = types(text)
    for name in ("Zentrix", "Halvard", "Vantora", "Quillon"):
        assert got.get(name) == "organization", name


# -- found on a development set of other outlets (invented texts of the same shapes) -----------
def test_people_named_with_an_apposition_or_after_according_to():
    text = ("But Tarik Vendramin, an analyst with a research firm, disagreed. The plan stalled, according to "
            "Qasimo Tarrant, a businessman.")
    got = types(text)
    assert got["Tarik Vendramin"] == "person" and got["Qasimo Tarrant"] == "person"


def test_a_title_that_ended_the_previous_sentence_does_not_make_a_person():
    text = "Investors bought shares in Vantora. Dana Pike became its new leader. Vantora said profits rose."
    assert types(text) == {"Vantora": "organization", "Dana Pike": "person"}


def test_an_unknown_first_word_used_again_with_the_surname_stays_in_the_name():
    text = "Seddiqo Mir Vatanen spoke on Monday. \"I, Seddiqo Vatanen, will stand,\" he said. Vatanen left."
    assert forms(text)["Seddiqo Mir Vatanen"] >= {"Seddiqo Mir Vatanen", "Vatanen"}


def test_a_body_named_with_the_and_a_statement_verb_is_an_organisation_not_a_person():
    assert types("\"We will not stop,\" the Rodong Sinmun said in a commentary.") == {
        "Rodong Sinmun": "organization"}


def test_kin_of_a_place_and_names_of_languages_agreements_and_party_adjectives():
    text = ("The father of the Orlando gunman spoke. He made videos in the Dari language. The Paris Climate Accord "
            "was signed. Republican leaders met the Democratic senator.")
    got = types(text)
    assert got.get("Orlando") != "organization"
    for name in ("Dari", "Paris Climate Accord", "Paris Climate", "Republican", "Democratic"):
        assert name not in got, name


def test_a_legal_form_after_a_comma_and_a_title_word_inside_an_employers_name():
    text = ("He started a group called Durand Jirga, Inc. in 2010. Bill Caton, president of Allied General "
            "Contractors of Alabama, said work had slowed.")
    got = types(text)
    assert got["Durand Jirga"] == "organization"
    assert got["Allied General Contractors of Alabama"] == "organization"
    assert "Contractors" not in got


def test_landmarks_are_places_and_acronyms_join_the_name_they_begin_or_abbreviate():
    text = ("The Washington Monument developed a crack and the National Cathedral lost stones. "
            "IK Multimedia makes rings. IK showed them at a fair, The Associated Press reported. AP said more.")
    names = forms(text)
    assert types(text)["Washington Monument"] == "place" and types(text)["National Cathedral"] == "place"
    assert names["IK Multimedia"] == {"IK Multimedia", "IK"}
    assert names["The Associated Press"] == {"The Associated Press", "AP"}


def test_occupations_from_the_name_parser_make_people():
    text = "The protest was led by activist Qorvan Sollik. Zyrnel Ilvask, a blogger from Tartu, joined her."
    got = types(text)
    assert got["Qorvan Sollik"] == "person" and got["Zyrnel Ilvask"] == "person"


def test_spellings_of_a_body_that_differ_in_small_words_are_one_and_new_opens_an_outlets_name():
    text = ("The Civic and Social Research Council published a study. The Civic Social Research Council said "
            "more. Uganda's New Horizon newspaper reported it.")
    names = forms(text)
    assert names["Civic and Social Research Council"] == {"Civic and Social Research Council",
                                                          "Civic Social Research Council"}
    assert types(text)["New Horizon"] == "organization"


def test_a_us_state_abbreviated_in_a_dateline_is_the_state():
    text = "TAMPA, Fla. — The firm moved its offices to Boulder, Colo., last year."
    got = forms(text)
    assert got["Florida"] == {"Fla"} and got["Colorado"] == {"Colo"}


def test_the_outlet_someone_told_or_gave_an_interview_is_an_organisation():
    text = ("\"It slowed me down,\" Jim Ketter told Quillmark. In an interview with the Harbor Ledger Review, "
            "he told Tomas Lindqvist about it.")
    got = types(text)
    assert got["Quillmark"] == "organization" and got["Harbor Ledger Review"] == "organization"
    assert got["Tomas Lindqvist"] == "person"


def test_a_title_in_quotation_marks_is_not_a_person():
    text = "He starred in \"Summer Bridge\" and \"Rosa Lane Returns\". The actor Tom Hale visited \"New York\"."
    assert types(text) == {"Tom Hale": "person", "New York": "place"}


def test_bank_of_a_city_kinds_before_a_list_and_defined_acronyms():
    text = ("The federal budget grew.\n\nFederal Reserve Bank of Ashford City President Tom Hale spoke. He "
            "criticised lenders and mortgage giants Fannie Mae and Freddie Mac. Researchers at the University "
            "of Westmoor (UWM) agreed; the UWM team said so, according to Quorvane. Brightfield Research disagreed.")
    got = types(text)
    assert got["Federal Reserve Bank of Ashford City"] == "organization"
    assert got["Fannie Mae"] == "organization" and got["Freddie Mac"] == "organization"
    assert forms(text)["University of Westmoor"] == {"University of Westmoor", "UWM"}
    assert got["Quorvane"] == "organization" and got["Brightfield Research"] == "organization"


def test_a_lone_place_word_joins_the_place_it_begins_and_a_surname_stays_with_its_person():
    text = ("Oil spilled into the Gulf of Tarsk. The Gulf is deep. Shannon Cross of Cross Research said "
            "Cross would know.")
    names = forms(text)
    assert names["Gulf of Tarsk"] == {"Gulf of Tarsk", "Gulf"}
    assert "Cross" in names["Shannon Cross"] and names["Cross Research"] == {"Cross Research"}
