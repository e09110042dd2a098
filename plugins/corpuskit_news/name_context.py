"""Words around a capitalised name that say what kind of name it is.

Small, general signals the recognizer (:mod:`corpuskit_news.mentions`) consults:

* an event or award word ends the name ("Brit Awards", "FA Cup", "World Tennis
  Tournament"): events are not entities;
* a common noun for a kind of organisation right before the name, or "newspaper",
  "magazine"... right after it, makes it an organisation ("Britain's biggest union
  Unison", "UK magazine Mac Format", "the Daily Record newspaper");
* a job title and "at"/"of"/"for" before the name make it the employer ("chief economist
  at Fannie Mae", "a spokesman for Gracenote");
* a plural kind of organisation and "like"/"such as"/"including" before the name make it
  one of them ("manufacturers like Dell").
"""

from __future__ import annotations

import re

from corpuskit_news.gazetteer import TITLES, word_set

__all__ = [
    "COMMA_WORD",
    "COMPASS",
    "CREATIVE_TITLES",
    "EVENT_WORDS",
    "IN_PLACE",
    "ORG_AFTER",
    "ORG_NOUNS",
    "ORG_SUFFIX",
    "PLACE_NOUNS",
    "PLACE_OF",
    "PLACE_PREPOSITIONS",
    "PREP_THE",
    "SHARES_IN",
    "STAKE_IN",
    "employer_before",
    "example_of_orgs",
    "org_context",
    "org_noun_after",
    "org_noun_before",
]

EVENT_WORDS = word_set(
    """
    awards award prize prizes cup championship championships tournament festival olympics
    trophy grand-prix marathon expo
    """
)
"""Last words of event and award names."""

CREATIVE_TITLES = word_set(
    "writer author star actor actress singer producer composer designer filmmaker presenter director creator"
)
"""Titles whose word before is a work, not an employer: "Halloween writer Debra Hill"."""

ORG_NOUNS = word_set(
    """
    union firm company group band club newspaper magazine broadcaster network channel airline
    carmaker retailer bank insurer consultancy charity party outfit label publisher website
    operator manufacturer supermarket chain studio agency regulator watchdog giant rival rivals
    tabloid daily weekly
    """
)
"""Common nouns for kinds of organisation: "the union Unison", "carmaker Renault"."""

# Context patterns of the recognizer: organisations ("Intel said it"), places ("in X").
ORG_SUFFIX = re.compile(
    r"(?:bank|soft|corp|tech|gaz|neft|flix|book|gram|mart|com|bund|verband|verein|partei|gesellschaft|stiftung)$"
)
COMMA_WORD = re.compile(r",[ \t]+([A-Z][\w\-]+(?:[ \t][A-Z][\w\-]+)?)")
IN_PLACE = re.compile(r"[ \t]+in[ \t]+([A-Z][\w\-]+(?:[ \t][A-Z][\w\-]+)?)")
STAKE_IN = re.compile(r"(?:shares?|stakes?|invest\w*|interest|jobs?|role|career|deal)[ \t]+in[ \t]+$", re.I)
PLACE_OF = re.compile(
    r"\b(?:state|city|town|village|province|region|county|district|island|republic|capital)[ \t]+of[ \t]+$"
)
PREP_THE = re.compile(r"\b(?:in|near|across|around|outside)[ \t]+the[ \t]+$")
ORG_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:said|says|announced|reported)[ \t]+(?:it|its)\b"
    r"|['’]s[ \t]+(?:shares|stock|profits?|revenues?|sales|chief|boss|board|customers|employees|staff"
    r"|headquarters|shareholders|subsidiary|parent)\b"
    r"|[ \t]+(?:shares|stock)[ \t]+(?:rose|fell|jumped|dropped|slipped|climbed|gained)\b"
    r"|,[ \t]+which[ \t]+(?:makes|owns|sells|employs|operates|runs|manufactures)\b"
)
SHARES_IN = re.compile(r"\b(?:shares|stake|stakes)[ \t]+in[ \t]+$")
COMPASS = word_set(
    """
    north south east west central northern southern eastern western upper lower greater
    nord süd sud ost oost noord zuid norte sur
    """
)
PLACE_PREPOSITIONS = word_set("in near outside around across towards")
PLACE_NOUNS = word_set(
    """
    reservoir dam lake river region province district county valley village town city area
    border coast peninsula basin delta island neighbourhood neighborhood suburb
    """
)
_OUTLET_AFTER = word_set("newspaper magazine website tabloid broadcaster channel")
_ORG_NOUN_BEFORE = re.compile(r"(?<![\w\-])([a-z][a-z\-]+)(?:,)?[ \t]+$")
_OUTLET = re.compile(r"[ \t]+([a-z]+)\b")
_EMPLOYER = re.compile(r"(?<![\w\-])([a-z][\w\-]*)[ \t]+(?:at|of|for|with)(?:[ \t]+the)?[ \t]+$")


_EXAMPLES = re.compile(
    r"\b(?:companies|firms|manufacturers|makers|carmakers|rivals|retailers|clubs|sides|banks|groups|brands"
    r"|airlines|newspapers|broadcasters|networks|unions|charities|bands|labels|publishers|studios)"
    r"[ \t]+(?:such[ \t]+as|like|including)[ \t]+$"
)


def org_context(text: str, start: int, end: int) -> bool:
    """Any of the organisation contexts around the name at ``text[start:end]``."""
    return (org_noun_before(text, start) or org_noun_after(text, end) or employer_before(text, start)
            or example_of_orgs(text, start))


def example_of_orgs(text: str, start: int) -> bool:
    """ "manufacturers like Dell", "firms such as Acme": named as an example of organisations."""
    return _EXAMPLES.search(text, max(0, start - 40), start) is not None


def org_noun_before(text: str, start: int) -> bool:
    """ "union Unison", "magazine Mac Format": a kind of organisation right before the name."""
    found = _ORG_NOUN_BEFORE.search(text, max(0, start - 30), start)
    return bool(found) and found.group(1) in ORG_NOUNS


def org_noun_after(text: str, end: int) -> bool:
    """ "the Daily Record newspaper": an outlet noun right after the name."""
    found = _OUTLET.match(text, end)
    return bool(found) and found.group(1) in _OUTLET_AFTER


def employer_before(text: str, start: int) -> bool:
    """ "chief economist at Fannie Mae", "a spokesman for Gracenote": a title, then at/of/for."""
    found = _EMPLOYER.search(text, max(0, start - 40), start)
    return bool(found) and found.group(1) in TITLES
