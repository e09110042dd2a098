"""news.entities on the failure classes of the second held-out run (issue 15), one invented text per class."""

from __future__ import annotations

from tests.plugins.corpuskit_news.entities.probe import forms, types


# -- people ------------------------------------------------------------------------------
def test_a_surname_the_demonym_suffix_rules_would_make_is_still_a_surname():
    # "Martini" (Saint Martin + "i") and "Saban" (Saba + "n") are no demonyms
    text = "The hearing was delayed, Lena Martini said. Harbour coach Ivo Saban agreed with her."
    assert types(text) == {"Lena Martini": "person", "Harbour": "organization", "Ivo Saban": "person"}


def test_initials_make_a_person_not_an_acronym():
    text = "In Lisbon, Harbour Office spokesman T.R. Mendel said the talks went well. T.R. Mendel left at noon."
    assert types(text)["T.R. Mendel"] == "person"


def test_a_title_opens_a_list_of_people_not_a_work_title():
    text = "Critics like Senator Anna Keller and Tomas Brandt were not invited."
    assert types(text)["Anna Keller"] == "person"


def test_a_person_named_before_a_noun_after_the_is_a_person():
    text = "She served in the Robert Halvorsen administration for four years."
    assert types(text) == {"Robert Halvorsen": "person"}


# -- long names cut at a lowercase word ------------------------------------------------------
def test_a_cued_name_goes_on_over_for_the():
    text = ("Figures from the Northern Office for the Coordination of Rural Affairs were cited. "
            "She works at the Center for a New Maritime Policy in town.")
    assert types(text) == {
        "Northern Office for the Coordination of Rural Affairs": "organization",
        "Center for a New Maritime Policy": "organization",
    }


def test_a_body_named_for_its_cause_is_one_organisation():
    text = "Protesters from Friends for the Humane Treatment of Horses marched. Funds went to Okafor for the Harbour."
    names = types(text)
    assert names["Friends for the Humane Treatment of Horses"] == "organization"
    assert "Okafor for the Harbour" not in names


def test_a_name_for_the_next_one_is_two_names():
    text = "Analysts saw no support by Okafor for the Taliban."
    assert types(text).get("Taliban") == "organization"


# -- places ----------------------------------------------------------------------------------
def test_compass_regions_named_alone_are_places():
    text = "Snow hit the Northeast on Monday, and storms moved across the Upper Midwest and the Southwest."
    assert types(text) == {"Northeast": "place", "Upper Midwest": "place", "Southwest": "place"}


def test_corps_is_an_organisation_cue():
    text = "He spoke of the Harbour Corps roll of honour."
    assert types(text) == {"Harbour Corps": "organization"}


# -- organisations named once with no cue word -------------------------------------------------
def test_a_list_after_a_plural_kind_of_organisation_names_organisations():
    text = ("The rise of companies building drones, like Veltrix, Morlan and Quessa, worried some. "
            "Offers from competitors such as Brightwave came later. NGOs such as Al-Noor filed a complaint.")
    names = types(text)
    assert {names.get(n) for n in ("Veltrix", "Morlan", "Quessa", "Brightwave", "Al-Noor")} == {"organization"}


def test_staff_after_a_name_and_company_statements_make_an_organisation():
    text = ("At the show, Quellon executives showed a new box. Travix reported no delays on Monday. "
            "Ostrana said in a statement that it would appeal. A researcher at Brixa-Lund said so.")
    names = types(text)
    assert {names.get(n) for n in ("Quellon", "Travix", "Ostrana", "Brixa-Lund")} == {"organization"}


def test_a_verb_that_names_a_kind_of_work_does_not_hide_a_place():
    text = "The storm hit Ohio on Monday. They played the hit Summer Bridge again."
    assert types(text) == {"Ohio": "place"}


def test_a_place_and_a_plural_nickname_is_a_team():
    text = ("The Miami Sharks beat the Denver Owls, and Ohio State lost. Divers went west of the Florida Keys. "
            "CNN meteorologist Chad Myers said rain was coming.")
    names = types(text)
    assert names["Miami Sharks"] == names["Denver Owls"] == names["Ohio State"] == "organization"
    assert names.get("Florida Keys") != "organization" and names["Chad Myers"] == "person"


def test_a_plural_possessive_before_a_cue_stays_in_the_name():
    text = "The Oklahoma Sheriffs' Association said the law was unfair."
    assert types(text) == {"Oklahoma Sheriffs' Association": "organization"}


def test_common_noun_acronyms_are_no_organisations():
    text = "The new DVR records VOD shows over HDMI, and the NGO said the MVP award was fair."
    assert types(text) == {}


# -- alias merge ---------------------------------------------------------------------------------
def test_a_chief_officer_acronym_is_a_title_and_the_surname_joins():
    text = "At the home of Quellon CIO Darius Mehrabani, staff watched. Later Mehrabani said it works."
    names = forms(text)
    assert names["Darius Mehrabani"] == {"CIO Darius Mehrabani", "Mehrabani"}


def test_surnames_listed_after_their_full_names_join_them():
    text = "A film shot by Ray Holmqvist and Derek Tamburri. If I were Holmqvist and Tamburri I would show it."
    names = forms(text)
    assert names["Ray Holmqvist"] == {"Ray Holmqvist", "Holmqvist"}
    assert names["Derek Tamburri"] == {"Derek Tamburri", "Tamburri"}


def test_dc_is_a_form_of_washington_and_communications_a_cue():
    text = ("He flew to Washington, D.C. on Monday. Later, Veltron Communications said it would move. "
            "Veltron opened an office in DC.")
    names = forms(text)
    assert names["Washington"] == {"Washington", "D.C.", "DC"}
    assert names["Veltron Communications"] == {"Veltron Communications", "Veltron"}


# -- nicknames and romanised names -------------------------------------------------------------
def test_a_nickname_inside_a_name_is_one_person_and_a_form_alone():
    text = ("It is the third title of Park “Zephyr” Min-jae as well. Later, Zephyr said the final was hard. "
            'Police arrested Ramon "El Lobo" Quintero on Monday.')
    names = forms(text)
    assert names["Park Min-jae"] == {"Park “Zephyr” Min-jae", "Zephyr"}
    assert names["Ramon Quintero"] == {'Ramon "El Lobo" Quintero'}


def test_a_family_name_and_a_two_syllable_given_name_is_a_person():
    text = ("Talks with President Hwan Dae-sik went well. Lio Bo-Han played for the team. "
            "The Obama-era rules stayed, and the New York-area airports were shut.")
    names = types(text)
    assert names["Hwan Dae-sik"] == names["Lio Bo-Han"] == "person"
    assert names.get("New York") == "place" and "York" not in names and "Obama" not in names


def test_street_and_district_cues_make_places():
    text = "The Lotus Restaurant on St Aldhelms Place, Edinburgh, opened. Their office is in Nablus’s Old Town."
    assert types(text) == {"Lotus Restaurant": "organization", "St Aldhelms Place": "place",
                           "Edinburgh": "place", "Nablus": "place", "Old Town": "place"}


def test_a_double_hyphen_separates_a_dateline_from_the_first_name():
    text = "NEW YORK--Veltron Communications is preparing a new service."
    assert types(text) == {"New York": "place", "Veltron Communications": "organization"}


def test_the_cue_word_alone_joins_the_one_body_named_so():
    text = ("The Northern Fisheries Commission met on Monday. Later the Commission said no. "
            "The Senate Finance Committee and the House Rules Committee met; the Committee said nothing. "
            "The Kendal Rovers won. \"We fought,\" said the Rovers manager, Stuart Lawson.")
    names = forms(text)
    assert names["Northern Fisheries Commission"] == {"Northern Fisheries Commission", "Commission"}
    assert names["Kendal Rovers"] == {"Kendal Rovers"}  # "the Rovers manager, X" names X, the speaker
    assert "Committee" not in names["Senate Finance Committee"] | names["House Rules Committee"]


def test_a_contraction_of_i_does_not_glue_to_a_name():
    text = "A film by Ray Holmqvist and Derek Tamburri. If I were Holmqvist and Tamburri I’d show it."
    assert forms(text)["Derek Tamburri"] == {"Derek Tamburri", "Tamburri"}


# -- typing: products, polls, party adjectives ------------------------------------------------------
def test_a_model_code_makes_the_words_before_it_the_maker():
    text = "Bring a recorder like the Halvo Q2HD to class. The Skyra A380 landed. Formats like M4A and MP3 work."
    assert types(text) == {"Halvo": "organization", "Skyra": "organization"}


def test_a_poll_is_its_pollsters():
    text = "A new Daily Courier Poll shows the race is close."
    assert types(text) == {"Daily Courier": "organization"}


def test_a_party_adjective_before_a_legislature_is_not_part_of_its_name():
    text = ("She became the Republican Senate candidate in May. House Minority Leader Tom Brandt said so. "
            "Local councillor Anna Keller agreed.")
    assert types(text) == {"Senate": "organization", "House": "organization", "Tom Brandt": "person",
                           "Anna Keller": "person"}


# -- places named once without a preposition cue ------------------------------------------------------
def test_a_list_before_a_plural_place_noun_names_places():
    text = "The office, which represents Harlan, Boone and Tessick counties, also spoke up."
    assert types(text) == {"Harlan": "place", "Boone": "place", "Tessick": "place"}


def test_a_leading_place_word_oceans_and_ranges_make_places():
    text = ("Marines trained at Camp Morrow before the Pacific campaign. Snow fell in the Rockies. "
            "She climbed Mount Kessel last year.")
    assert types(text) == {"Camp Morrow": "place", "Pacific Ocean": "place", "Rocky Mountains": "place",
                           "Mount Kessel": "place"}


# -- long organisation names -------------------------------------------------------------------------
def test_more_organisation_and_building_cues():
    text = ("According to Amnesty International, the rule is unfair. The Greater Harlan City Chamber wrote to him. "
            "Two members of the British Red Cross were on hand. It was revealed by the NGO Front Line Allies. "
            "He beat Bilibili Gaming, and his lawyers met at Halvorsen Tower.")
    assert types(text) == {"Amnesty International": "organization", "Greater Harlan City Chamber": "organization",
                           "British Red Cross": "organization", "Front Line Allies": "organization",
                           "Bilibili Gaming": "organization", "Halvorsen Tower": "place"}


def test_appositions_epochs_and_hemispheres():
    text = ("Programs include Nine Lanterns, a financial technology accelerator, and more. Vantel, the leading "
            "U.S. cable operator, lost subscribers. Ice grew in the Northern Hemisphere during the Pliocene.")
    assert types(text) == {"Nine Lanterns": "organization", "Vantel": "organization", "United States": "place",
                           "Northern Hemisphere": "place"}


def test_a_us_state_with_a_sports_title_after_it_is_its_team():
    text = "Alabama coach Nick Halloran compared agents to pimps. England manager Tom Brandt agreed."
    names = types(text)
    assert names["Alabama"] == "organization" and names["England"] == "place"


def test_the_services_alone_and_a_name_suffix_in_the_form():
    text = "The Navy said the Army would help. James Halvorsen Jr., the grandson of a senator, spoke."
    assert forms(text) == {"Navy": {"Navy"}, "Army": {"Army"}, "James Halvorsen Jr.": {"James Halvorsen Jr."}}


def test_a_name_suffix_stays_in_the_name_and_the_surname_alone_still_joins_it():
    text = "James Halvorsen Jr., the grandson of a senator, spoke. Mr. Halvorsen said he was glad."
    assert forms(text) == {"James Halvorsen Jr.": {"James Halvorsen Jr.", "Mr. Halvorsen"}}


def test_a_verb_opening_the_sentence_is_no_part_of_a_name():
    text = "Defeating Weibo Gaming, the team won. Sterling Bank said it would pay."
    assert types(text) == {"Weibo Gaming": "organization", "Sterling Bank": "organization"}


def test_a_portfolio_after_secretary_of_is_no_part_of_the_name():
    text = "Aides said former Secretary of State Condolea Brisbane recommended him. Brisbane said he was able."
    names = forms(text)
    assert names["Condolea Brisbane"] == {"Secretary of State Condolea Brisbane", "Brisbane"}


def test_a_team_is_named_by_its_place_or_its_nickname():
    text = "The Miami Sharks lost on Sunday. Later, Miami coach Dan Ortiz said the Sharks had played well."
    assert forms(text)["Miami Sharks"] == {"Miami Sharks", "Miami", "Sharks"}


def test_a_surname_does_not_join_a_building_or_company_named_after_the_person():
    text = "Donald Halvorsen owns Halvorsen Tower and the Halvorsen Organization. Halvorsen said so."
    names = forms(text)
    assert names["Donald Halvorsen"] == {"Donald Halvorsen", "Halvorsen"}
    assert names["Halvorsen Organization"] == {"Halvorsen Organization"}


def test_a_compound_title_before_a_name_is_all_title():
    text = "The judge agreed. Assistant District Attorney Donald Palik said the rule was unfair."
    assert types(text) == {"Donald Palik": "person"}


def test_a_name_in_apposition_to_a_common_noun_as_the_subject_is_a_person():
    text = "The contest was hard. One participant, Curie Kim was so ill that she left early."
    assert types(text) == {"Curie Kim": "person"}


def test_a_board_after_an_organisation_is_the_organisation():
    text = "The Harbour Pilots' Association Board of Directors voted against the plan on Monday."
    assert types(text) == {"Harbour Pilots' Association": "organization"}


def test_a_name_listed_after_a_person_is_a_person():
    text = "Critics like Senator Paula Ryde and Newt Garvin and people like that disagree."
    assert types(text) == {"Paula Ryde": "person", "Newt Garvin": "person"}


def test_a_numbered_district_is_a_place_with_its_number():
    text = "Voters in Ward 3 were angry. District 12 District Attorney Jan Steider agreed with them."
    assert types(text) == {"Ward 3": "place", "District 12": "place", "Jan Steider": "person"}
