"""Nicknames written inside a name: `Lee "Faker" Sang-hyeok`, `Joaquín "El Chapo" Guzmán`.

A player's or a figure's nickname in quotation marks between the given and the family name
makes the whole a person (named without the nickname, the form as written), and the nickname
used alone later in the text is a form of that person.
"""

from __future__ import annotations

import bisect
import re

from corpuskit_news.entities.gazetteer import COMMON_WORDS, NON_ENTITY, TITLES
from corpuskit_news.entities.mention import PERSON, Mention
from corpuskit_news.entities.spans import bare

__all__ = ["with_nicknames"]

_WORD = r"[A-Z][\w\-]*[a-z][\w\-]*"
_NICKNAME = re.compile(rf"[ \t][\"“‘']([A-Z][\w\-]*(?:[ \t][A-Z][\w\-]*)?)[\"”’'][ \t]({_WORD})")
"""The nickname in quotes and the family name after it; the scan starts at the quotation mark (fast)."""
_GIVEN = re.compile(rf"(?<![\w\-])({_WORD}(?:[ \t]{_WORD})?)$")
"""The given name right before the nickname."""


def with_nicknames(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each nicknamed name as one person and its nickname alone as a form of it."""
    if "“" not in text and '"' not in text and "‘" not in text and "'" not in text:
        return mentions
    people: list[Mention] = []
    nicknames: dict[str, str] = {}
    for found in _NICKNAME.finditer(text):
        before = _GIVEN.search(text, max(0, found.start() - 60), found.start())
        if before is None:
            continue
        given, nickname, family = before.group(1), found.group(1), found.group(2)
        if bare(given.split()[0]) in NON_ENTITY or bare(given.split()[0]) in COMMON_WORDS \
                or bare(given.split()[-1]) in TITLES:
            continue  # "The "Big" Show", "Coach "X" Y"
        name = f"{given} {family}"
        form = " ".join(text[before.start() : found.end()].split())
        people.append(Mention(before.start(), found.end(), name, form, PERSON))
        nicknames.setdefault(nickname, name)
    if not people:
        return mentions
    starts = [p.start for p in people]  # in text order, never overlapping: one bisect a mention
    out = [m for m in mentions if not _inside(m, people, starts)]
    out = [m._replace(name=nicknames[m.name], type=PERSON) if m.name in nicknames else m for m in out]
    out.extend(people)
    out.sort(key=lambda m: m.start)
    return out


def _inside(mention: Mention, people: list[Mention], starts: list[int]) -> bool:
    """Whether ``mention`` overlaps one of the nicknamed ``people`` (sorted by start)."""
    i = bisect.bisect_left(starts, mention.end) - 1
    return i >= 0 and people[i].end > mention.start
