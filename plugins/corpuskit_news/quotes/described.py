"""Speakers named by a description: '"...," the company said', 'the council's ruling said', 'the
Facebook founder said', 'the report said' - who each refers back to.

A description with an indefinite article ("a spokesman for the service") names nobody. With "the":

- a document ("the report", "the statement") is its body's: the body named with it before ("a
  World Bank report") or the owner in the description ("the council's ruling");
- a body ("the company", "the council", "the ministry") is the last organisation met whose name
  has that word ("Media Council"); "the company", "the firm", "the group" and "the paper" are the
  last organisation met, whatever its name;
- a person's role ("the Facebook founder", "the California Republican") is the last person named
  before the description, unless the role is one that stands for someone unnamed ("the WSIS
  spokesman", "the official") or a body's role ("the festival's artistic director").
"""

from __future__ import annotations

import re

from corpuskit_news.entities.gazetteer import TITLES, gazetteer
from corpuskit_news.quotes.patterns import NAME, UNNAMED
from corpuskit_news.quotes.speakers import Speakers
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["described_speaker"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DOCUMENTS = _word_set(
    "report statement study survey ruling letter document analysis review release filing "
    "judgment judgement verdict memo paper "
)
_ANY_BODY = _word_set("company firm group paper newspaper business carrier retailer maker")
_BODIES = _word_set(
    "agency ministry department council committee commission bank government union court board "
    "party organisation organization institute university authority office service club team "
    "association federation network channel website site station league "
) | _ANY_BODY
_UNNAMED_ROLES = _word_set(
    "spokesman spokeswoman spokesperson official officials source sources aide aides person man "
    "woman witness resident residents "
)
_WORDS = re.compile(r"[\w'’\-]+")
_DOCUMENT_FROM = re.compile(rf"\b(?:statement|letter|report|release|memo|post)[ \t]+(?:from|by|of)[ \t]+(?:the[ \t]+)?"
                            rf"(?P<name>{NAME})")
_DOCUMENT_BY = re.compile(rf"(?P<name>{NAME})(?:['’]s)?[ \t]+(?P<doc>[a-z]+)\b")


def described_speaker(description: str, text: str, at: int, speakers: Speakers) -> str | None:
    """Who ``description`` (the words before the speech verb, article first) standing at ``text[at]``
    refers to; ``UNNAMED`` for someone not named, None when the description says nothing of it."""
    words = _WORDS.findall(description)
    source = _DOCUMENT_FROM.search(description)
    if source is not None:  # '"...," said a statement from Northline Rail'
        return _named_body(source.group("name"), text, at, speakers) or UNNAMED
    if not words or words[0].lower() != "the":
        return UNNAMED if words and words[0].lower() in ("a", "an", "one") else None
    head = fold_to_latin(words[-1])
    owner = next((fold_to_latin(w[:-2]) for w in words[1:-1] if w.endswith(("'s", "’s"))), None)
    if head in _DOCUMENTS:
        if owner is not None:
            return _body(owner, text, at, speakers) or UNNAMED
        return _document_body(head, text, at, speakers) or UNNAMED
    if head in _BODIES:
        return _body(head, text, at, speakers) or UNNAMED
    if head in _UNNAMED_ROLES or owner is not None:
        return UNNAMED  # "the WSIS spokesman", "the festival's artistic director": someone not named
    if head in TITLES and (titled := speakers.titled(head, text, at)) is not None:
        return titled  # "the president said": the last person named with that title
    if head in TITLES or head in gazetteer().occupations or head in gazetteer().demonyms or head in (
        "republican", "democrat", "conservative", "liberal"
    ):
        return speakers.nearest(text, at, "they", subject=False) or UNNAMED
    return None


def _body(noun: str, text: str, at: int, speakers: Speakers) -> str | None:
    """The last organisation before ``text[at]`` whose name has ``noun`` (any one for "the company")."""
    return speakers.last_organisation(text, at, None if noun in _ANY_BODY else noun)


def _document_body(document: str, text: str, at: int, speakers: Speakers) -> str | None:
    """The body whose document of that kind was named last before ``text[at]`` ("a World Bank report")."""
    body = None
    for match in _DOCUMENT_BY.finditer(text, max(0, at - 3000), at):
        if match.group("doc") == document:  # "The report's figures" names no body: keep the last one named
            name = speakers.known(match.group("name"), text, match.start())
            body = name if name is not None and name not in speakers.people else body
    return body


def _named_body(phrase: str, text: str, at: int, speakers: Speakers) -> str | None:
    """The body a document names as its source: known, else as written when it names a body."""
    name = speakers.resolve(phrase, text, at)
    return name if name is not None and name not in speakers.people else None
