"""Words around a capitalised name that say what kind of name it is.

Small, general signals the recognizer (:mod:`corpuskit_news.entities.mentions`) consults:

* an event or award word ends the name ("Brit Awards", "FA Cup", "World Tennis
  Tournament"): events are not entities;
* a common noun for a kind of organisation right before the name, or "newspaper",
  "magazine"... right after it, makes it an organisation ("Britain's biggest union
  Unison", "UK magazine Mac Format", "the Daily Record newspaper");
* a job title and "at"/"of"/"for" before the name make it the employer ("chief economist
  at Fannie Mae", "a spokesman for Gracenote");
* a plural kind of organisation and "like"/"such as"/"including" before the name make it
  one of them ("manufacturers like Dell");
* an apposition naming a kind of organisation ("Zentrix, the chipmaker,"), "jobs at X",
  a business verb after the name ("X unveiled", "X posted a loss") make an organisation;
* a statement verb after a place ("Downing Street said") makes it the office in it, a
  sports title after a city ("Liverpool manager") its club, a kind of work before a name
  ("the film Summer Bridge") the title of a work, which is no entity.
"""

from __future__ import annotations

import functools
import re

from corpuskit_news.entities.gazetteer import HONORIFICS, TITLE_PREFIXES, TITLES
from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = [
    "CLUB_AFTER",
    "COMMA_WORD",
    "COMPASS",
    "CREATIVE_TITLES",
    "EVENT_WORDS",
    "IN_PLACE",
    "KIN",
    "LEGAL_SUFFIX",
    "NOT_NAMES_AFTER",
    "ORG_AFTER",
    "ORG_NOUNS",
    "ORG_SUFFIX",
    "OUTLET_AFTER",
    "PLACE_NOUNS",
    "PLACE_OF",
    "PLACE_PREPOSITIONS",
    "PREP_THE",
    "SHARES_IN",
    "STAKE_IN",
    "STATES",
    "WORKS",
    "after_name",
    "kinds_before",
    "org_before",
    "person_apposition",
    "told",
    "work_before",
]

EVENT_WORDS = word_set(
    """
    awards award prize prizes cup championship championships tournament festival olympics
    trophy grand-prix marathon expo accord accords treaty agreement protocol
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
    r"|headquarters|shareholders|subsidiary|parent|executives|subscribers|spokes(?:man|woman|person)"
    r"|products|platform|app|website|stores|brand|rivals|competitors)\b"
    r"|[ \t]+(?:announced|reported)[ \t]+(?!to\b|by\b|he\b|she\b)[a-z$\d]"
    r"|[ \t]+said[ \t]+in[ \t]+a[ \t]+statement\b"
    r"|[ \t]+(?:shares|stock)[ \t]+(?:rose|fell|jumped|dropped|slipped|climbed|gained)\b"
    r"|,[ \t]+which[ \t]+(?:makes|owns|sells|employs|operates|runs|manufactures|helps|provides|offers|builds)\b"
    r"|[ \t]+(?:has[ \t]+)?(?:unveiled|acquired|employs|manufactures|posted[ \t]+(?:a[ \t]+)?(?:record[ \t]+)?"
    r"(?:profits?|loss|losses|revenues?|sales))\b"
)
STATES = re.compile(
    r"[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+)?(?:said|says|announced|denied|confirmed|declined|insisted|warned|"
    r"rejected|responded|stated|refused|dismissed|welcomed|urged)\b"
)
"""A statement verb right after a name: a place named so is the office in it ("Downing Street said")."""
CLUB_AFTER = re.compile(
    r"[ \t]+(?:manager|coach|boss|striker|midfielder|defender|goalkeeper|keeper|winger|forward|captain|chairman)\b"
)
"""A sports title after a city's name: the city's club ("Liverpool manager ...")."""
WORKS = word_set(
    """film movie album song single novel book play musical series show documentary opera sitcom drama programme
    poem painting track hit comedy thriller"""
)
"""Kinds of work: a name right after one is the work's title ("the film Summer Bridge")."""


def work_before(text: str, start: int) -> bool:
    """A kind of work right before ``start`` (a quotation mark between allowed): "the film Summer Bridge"."""
    end = start - 1 if start and text[start - 1] in "\"“‘'" else start
    if end < 2 or text[end - 1] not in " \t":
        return False
    cut = text.rfind(" ", max(0, end - 16), end - 1)
    word = text[cut + 1 : end - 1]
    if word in _VERB_WORKS:  # "the hit Summer Bridge", not "snow hit Ohio"
        return text[max(0, cut - 8) : cut].rsplit(None, 1)[-1:] in ([w] for w in _DETERMINERS)
    return word in WORKS or (word.endswith("s") and word[:-1] in WORKS)


_VERB_WORKS = word_set("hit play show track single series drama")
"""Kinds of work that are also verbs or adjectives: a name after one is a title only after a determiner."""
_DETERMINERS = word_set("the a an his her their its new latest debut")
LEGAL_SUFFIX = re.compile(r",[ \t]+(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|GmbH|AG|SA|NV|LLP)\b\.?")
"""A company's legal form after a comma: "Durand Jirga, Inc."."""
NOT_NAMES_AFTER = re.compile(r"[ \t]+(?:language|languages|dialect|word|words)\b")
"""A noun that makes the name before it a language or a word, not an entity: "the Dari language"."""
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
    counties provinces regions districts islands cities towns villages valleys
    """
)
OUTLET_AFTER = word_set(
    "newspaper magazine website tabloid broadcaster channel clinic charity agency foundation hospital firm plant"
    " factory factories store stores dealership executives employees subscribers shareholders staffers"
)
"""Nouns after an organisation's name: "the Daily Record newspaper", "the Marie Stopes charity"."""
_EMPLOYER_LINKS = frozenset(("at", "of", "for", "with"))
KIN = word_set(
    """daughter son wife husband brother sister mother father grandson granddaughter grandmother grandfather niece
    nephew cousin widow fiancée fiancee girlfriend boyfriend"""
)
"""Title words for family: "the father of the Orlando gunman" names no employer."""
_JOBS = (TITLES - KIN) | word_set(
    "researcher scientist engineer official employee staffer fellow consultant adviser advisor lecturer student"
    " member members"
)
_STAFF = word_set(
    "jobs staff workers employees executives engineers bosses shareholders investors customers"
)
"""Plural nouns whose "at X" is an employer: "jobs at Quillon"."""
_APPOSITION_NOUNS = ORG_NOUNS | word_set(
    "lender conglomerate startup start-up insurer carrier accelerator nonprofit non-profit organization"
    " organisation provider platform"
)
APPOSITION = re.compile(
    r",[ \t]+(?:the|a|an|another)[ \t]+(?:(?!(?:for|of|at|with|in|from|to|by)[ \t])[\w'’\-.]+[ \t]+){0,3}?"
    r"(?:(?P<noun>[a-z\-]+))(?=[ \t]*[,.;)]|[ \t]+(?:based|which|that|owned|headquartered|listed|whose)\b)"
)
"""An apposition that says what kind of organisation the name is: "Zentrix, the chipmaker,"."""


@functools.cache
def _person_apposition(occupations: frozenset[str]) -> re.Pattern[str]:
    jobs = {t for t in TITLES if t.isalpha() and t not in HONORIFICS} | occupations
    return re.compile(
        r",[ \t]+(?:\d{1,3},[ \t]+)?(?:a|an|the)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:"
        + "|".join(sorted(jobs, key=len, reverse=True)) + r")\b"
    )


def person_apposition(text: str, end: int, occupations: frozenset[str]) -> bool:
    """An apposition that gives a person's job after ``end``: "Trip Chowdhry, an analyst with ...", "X, 45, a
    farmer"."""
    return text.startswith(",", end) and _person_apposition(occupations).match(text, end) is not None
_LAST_WORDS = ORG_NOUNS | _EMPLOYER_LINKS | {"the", "like", "including", "as"}
_GROUP_PLURALS = word_set(
    """companies firms manufacturers makers carmakers rivals retailers clubs sides banks groups brands airlines
    newspapers broadcasters networks unions charities bands labels publishers studios competitors providers
    organizations organisations ngos platforms carriers operators vendors suppliers startups start-ups
    automakers chipmakers insurers lenders agencies outlets broadcasters teams institutions"""
)


def _group_before(text: str, end: int) -> bool:
    """A plural kind of organisation among the six words before ``end``, in the same clause: "companies
    producing surveillance systems, like ...", "competitors such as ..."."""
    window = text[max(0, end - 80) : end]
    cut = max(window.rfind(c) for c in ".;:!?\n")
    words = [w.strip(",()").lower() for w in window[cut + 1 :].split()]
    return any(w in _GROUP_PLURALS for w in words[-6:])


def _words_before(text: str, start: int) -> list[str]:
    """The (up to four) words right before ``start``, in order; [] when punctuation other than a comma
    comes first."""
    if start < 2 or not text[start - 1].isspace():
        return []
    window = text[max(0, start - 48) : start]
    words = window.split()
    if len(window) == 48 and words:
        words = words[1:]  # the first may be cut
    return words[-4:]


_TOLD = re.compile(r"(?:\btold|\binterview[ \t]+with|\bspeaking[ \t]+to)[ \t]+(?:the[ \t]+)?$")


def told(text: str, start: int) -> bool:
    """ "told Mashable", "in an interview with the Daily Planet": a name with no person evidence there is
    the outlet spoken to (people told are named with a given name or a title)."""
    return text[start - 1 : start] in (" ", "\t") and _TOLD.search(text, max(0, start - 24), start) is not None


def kinds_before(text: str, start: int) -> bool:
    """A plural kind of organisation right before the name: "mortgage giants Fannie Mae and Freddie Mac"."""
    cut = text.rfind(" ", max(0, start - 24), start - 1)
    last = text[cut + 1 : start - 1] if start > 1 and text[start - 1] == " " else ""
    return last.endswith("s") and (last[:-1] in ORG_NOUNS or last in _GROUP_PLURALS)


def org_before(text: str, start: int) -> bool:
    """An organisation context before the name at ``start``: "union Unison", "economist at Fannie
    Mae", "makers like Dell"."""
    if start < 2 or text[start - 1] not in " \t":
        return False
    cut = text.rfind(" ", max(0, start - 24), start - 1)
    last = text[cut + 1 : start - 1]
    if last not in _LAST_WORDS and not (last.endswith(",") and last[:-1] in ORG_NOUNS):
        return False  # the usual case, decided without splitting the window
    words = _words_before(text, start)
    if not words:
        return False
    last = words[-1]
    if last.rstrip(",") in ORG_NOUNS:
        return True
    if last == "the" and len(words) > 2 and words[-2] in _EMPLOYER_LINKS and words[-3] in _JOBS:
        return True
    if last in _EMPLOYER_LINKS and len(words) > 1 and (words[-2] in _JOBS or (last == "at" and words[-2] in _STAFF)):
        return True
    if last in ("like", "including") and len(words) > 1:
        return _group_before(text, start - len(last) - 1)
    return last == "as" and len(words) > 2 and words[-2] == "such" and _group_before(text, start - 9)



_NEXT_TWO = re.compile(r"[ \t]+([a-z][\w\-]*)(?:[ \t]+([a-z][\w\-]*))?")


def after_name(text: str, end: int) -> str:
    """ "title" for "Yandex chief executive Tigran ..." (a title names its employer), "outlet" for
    "the Mirror newspaper", else ""."""
    if text.startswith(",", end):
        apposition = APPOSITION.match(text, end)
        noun = apposition.group("noun") if apposition else ""
        return "outlet" if noun in _APPOSITION_NOUNS or noun.endswith("maker") else ""
    if end >= len(text) or text[end] not in " \t":
        return ""  # "However,", "Police's": no word follows
    found = _NEXT_TWO.match(text, end)
    if not found:
        return ""
    first = fold_to_latin(found.group(1))
    if first in OUTLET_AFTER:
        return "outlet"
    if first in CREATIVE_TITLES:
        return ""  # "Halloween writer Debra Hill": the work, not an employer
    if first in TITLES:
        return "" if first in HONORIFICS else "title"
    second = found.group(2)
    return "title" if first in TITLE_PREFIXES and second is not None and fold_to_latin(second) in TITLES else ""
