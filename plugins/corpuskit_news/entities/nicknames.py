"""Nicknames written inside a name: `Lee "Faker" Sang-hyeok`, `Joaquín "El Chapo" Guzmán`.

A player's or a figure's nickname in quotation marks between the given and the family name
makes the whole a person (named without the nickname, the form as written), and the nickname
used alone later in the text is a form of that person.
"""

from __future__ import annotations

import re

from corpuskit_news.entities.gazetteer import COMMON_WORDS, NON_ENTITY, TITLES
from corpuskit_news.entities.mention import PERSON, Mention
from corpuskit_news.entities.spans import bare

__all__ = ["with_nicknames"]

_WORD = r"[A-Z][\w\-]*[a-z][\w\-]*"
_NICKNAMED = re.compile(
    rf"\b({_WORD}(?:[ \t]{_WORD})?)[ \t][\"“‘']([A-Z][\w\-]*(?:[ \t][A-Z][\w\-]*)?)[\"”’'][ \t]({_WORD})"
)


def with_nicknames(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each nicknamed name as one person and its nickname alone as a form of it."""
    if "“" not in text and '"' not in text and "‘" not in text and "'" not in text:
        return mentions
    people: list[Mention] = []
    nicknames: dict[str, str] = {}
    for found in _NICKNAMED.finditer(text):
        given, nickname, family = found.group(1), found.group(2), found.group(3)
        if bare(given.split()[0]) in NON_ENTITY or bare(given.split()[0]) in COMMON_WORDS \
                or bare(given.split()[-1]) in TITLES:
            continue  # "The "Big" Show", "Coach "X" Y"
        name = f"{given} {family}"
        people.append(Mention(found.start(), found.end(), name, " ".join(found.group().split()), PERSON))
        nicknames.setdefault(nickname, name)
    if not people:
        return mentions
    spans = [(p.start, p.end) for p in people]
    out = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    out = [m._replace(name=nicknames[m.name], type=PERSON) if m.name in nicknames else m for m in out]
    out.extend(people)
    out.sort(key=lambda m: m.start)
    return out
