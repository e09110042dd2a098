"""Who a name or a pronoun in a text stands for: ``Speakers``, the lookups ``news.quotes`` builds
from ``meta["entities"]`` (spelling -> canonical name, mentions in the text, gender, subject position)."""

from __future__ import annotations

import bisect
import re
from typing import Any

import attrs

from corpuskit_news.entities.gazetteer import NON_ENTITY, ORG_CUES, TITLE_PREFIXES, TITLES, gazetteer
from corpuskit_news.quotes.patterns import (
    ADVERB,
    ATTRIBUTED,
    CLOSE,
    LOOKBACK,
    NAME_AFTER_QUOTE,
    NAME_BEFORE,
    QUOTE_BEFORE,
    SPACE,
    UNNAMED,
    VERBS,
)
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["LAST_SPEAKER", "Speakers", "clean_phrase"]

LAST_SPEAKER = "last speaker"
"""The ``memo`` key of ``(where, speaker)`` of the quotation before the one being attributed."""

@attrs.frozen
class Speakers:
    """Name lookups built from ``meta["entities"]``: spelling -> canonical name, by type."""

    canonical: dict[str, str]
    spellings: dict[str, tuple[str, ...]]
    people: frozenset[str]
    entities: tuple[dict[str, Any], ...] = ()
    genders: dict[str, str | None] = attrs.field(factory=dict)
    memo: dict[Any, Any] = attrs.field(factory=dict)
    """Per-text caches (mentions by kind, subject tests), emptied for each text by ``find``."""
    quoted: tuple[tuple[int, int], ...] = ()
    """Spans inside quotation marks: a name there is talked about, not an antecedent."""
    owners: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """A spelling two or more people share (a surname: "Roosevelt") -> their canonical names."""
    places: frozenset[str] = frozenset()
    """Place spellings (folded): a name that is a place never speaks."""

    @classmethod
    def from_entities(cls, entities: list[dict[str, Any]]) -> Speakers:
        canonical: dict[str, str] = {}
        spellings: dict[str, list[str]] = {"person": [], "organization": []}
        owners: dict[str, set[str]] = {}
        places: set[str] = set()
        for entity in entities or []:
            name = entity.get("name")
            if name and entity.get("type") == "place":
                places.update(fold_to_latin(f) for f in {name, *entity.get("forms", [])})
            if not name or entity.get("type") not in spellings:
                continue  # places do not speak
            own = {name, *entity.get("forms", [])}
            if entity.get("type") == "person":
                own.add(_SUFFIX.sub("", name).split()[-1])  # "Roosevelt" for "James Roosevelt Jr."
                own.add(_SUFFIX.sub("", name))
            for spelling in own:
                canonical.setdefault(fold_to_latin(spelling), name)
                if entity.get("type") == "person":
                    owners.setdefault(fold_to_latin(spelling), set()).add(name)
            spellings[entity["type"]].extend(own)
        people = frozenset(e["name"] for e in entities or [] if e.get("type") == "person" and e.get("name"))
        shared = {k: tuple(sorted(v)) for k, v in owners.items() if len(v) > 1}
        return cls(canonical, {k: tuple(v) for k, v in spellings.items()}, people, tuple(entities or ()),
                   owners=shared, places=frozenset(places))

    def for_text(self, text: str, quoted: tuple[tuple[int, int], ...]) -> Speakers:
        """These lookups for one text: fresh caches, and the people and bodies the text's attributions
        name ("Kheradpir said", '"...," said Jane Roe', "the Ministry of Health said") that the entity
        stage did not find, added."""
        canonical, people = dict(self.canonical), set(self.people)
        added: list[str] = []
        bodies: list[str] = []
        for phrase in _attributed_names(text):
            name = self.resolve(clean_phrase(phrase))
            if name is not None and fold_to_latin(name) not in canonical and _names_a_body(name.split()):
                canonical[fold_to_latin(name)] = name  # "the Ministry of Health said": a body "the ministry" is
                bodies.append(name)
            if name is None or not _looks_like_a_person(name) or fold_to_latin(name) in self.places:
                continue
            if " " not in name and name not in canonical.values() and not _inside_a_sentence(text, name):
                continue  # "Residents told me": a capitalised word only ever at a sentence start
            for spelling in {name, name.split()[-1]}:
                key = fold_to_latin(spelling)
                if key not in canonical and key not in self.places:
                    canonical[key] = name
                    added.append(spelling)
            people.add(canonical.get(fold_to_latin(name), name))
        spellings = {**self.spellings, "person": self.spellings["person"] + tuple(added),
                     "organization": self.spellings["organization"] + tuple(bodies)}
        return attrs.evolve(self, canonical=canonical, spellings=spellings, people=frozenset(people), memo={},
                            quoted=quoted)

    def gender(self, name: str) -> str | None:
        """ "m", "f" or None for the person of that canonical name (worked out on first use)."""
        if name not in self.genders:
            entity = next((e for e in self.entities if e.get("name") == name and e.get("type") == "person"), None)
            self.genders[name] = _gender(entity) if entity is not None else None
        return self.genders[name]

    def resolve(self, phrase: str, text: str = "", at: int = 0) -> str | None:
        """The canonical name for a speaker phrase ("President Vladimir Putin" -> "Vladimir Putin")."""
        found = self.known(phrase, text, at)
        if found:
            return found
        words = phrase.split()
        if len(words) > 1 and words[0] == "The":
            words = words[1:]  # "The Greater Oklahoma City Chamber wrote"
        while words and (fold_to_latin(words[0]).rstrip(".") in TITLES or fold_to_latin(words[0]) in TITLE_PREFIXES):
            words = words[1:]
        last_title = max((i for i, w in enumerate(words) if fold_to_latin(w).rstrip(".") in TITLES), default=-1)
        if 0 <= last_title < len(words) - 1 and words[last_title + 1][:1].isupper():
            words = words[last_title + 1 :]  # "Patrol Chief James Hall": the name after the last title
        if not words or fold_to_latin(words[0]) == "the" or any(fold_to_latin(w) in TITLES for w in words):
            return None  # "The Conservative Party Co-Chairman": a description, not a name
        if any(fold_to_latin(w) in ORG_CUES for w in words):
            return " ".join(words) if _names_a_body(words) else None  # "Ministry of Health said"
        if fold_to_latin(" ".join(words)) in self.places:
            return None  # "Geneva, told": a place does not speak
        if len(words) == 1 and text and _common_word(text, words[0]):
            return None  # "Economists said": a common noun at a sentence start
        return " ".join(words)

    def known(self, phrase: str, text: str = "", at: int = 0) -> str | None:
        """The canonical name of a phrase that ends with an entity's name, else None; a spelling
        several people share ("Roosevelt") is the one of them mentioned last before ``text[at]``."""
        words = phrase.split()
        for i in range(len(words)):
            key = fold_to_latin(" ".join(words[i:]))
            found = self.canonical.get(key)
            if found and key in self.owners and text:
                return self._last_of(self.owners[key], text, at) or found
            if found:
                return found
        return None

    def _last_of(self, names: tuple[str, ...], text: str, at: int) -> str | None:
        """Which of ``names`` was mentioned last before ``text[at]``."""
        mentions = self._mentions(text, "person")
        for i in range(bisect.bisect_left(mentions, (at,)) - 1, -1, -1):
            if mentions[i][2] in names:
                return mentions[i][2]
        return None

    def nearest(self, text: str, end: int, pronoun: str, since: int = 0, *, subject: bool = True) -> str | None:
        """The person (for "it": organisation) a pronoun before ``end`` refers to.

        Candidates are the mentions in ``text[since:end]`` outside quotation marks whose
        gender does not contradict the pronoun's; the last one in subject position (it
        starts its sentence or follows a short opening phrase: "Speaking in London,
        Gen X said") wins over a nearer mention inside a sentence ("next to Mr Blair he
        added"); without one, or with ``subject=False``, the last mention.
        """
        pronoun = pronoun.lower()
        wrong = {"he": "f", "she": "m"}.get(pronoun)
        since = max(since, end - LOOKBACK)  # antecedents are near; keeps long documents linear
        mentions = self._mentions(text, "organization" if pronoun == "it" else "person")
        last: tuple[int, str] | None = None
        for i in range(bisect.bisect_left(mentions, (end,)) - 1, -1, -1):
            at, stop, name, quoted = mentions[i]
            if at < since:
                break
            if quoted or (wrong and self.gender(name) == wrong):
                continue
            if not subject:
                return self._or_last_speaker(text, (at, name), end, pronoun, since)
            last = last or (at, name)
            if self._subject(text, at, stop):
                return self._or_last_speaker(text, (at, name), end, pronoun, since)
        return self._or_last_speaker(text, last, end, pronoun, since)

    def _or_last_speaker(
        self, text: str, found: tuple[int, str] | None, end: int, pronoun: str, since: int
    ) -> str | None:
        """The previous quotation's speaker when it was quoted after the mention found (the run of one
        person's quotes: '"...," said Jo Roe, ... "...," she added'); a speaker not named ('"...," says a
        doctor ... "...," he says') stays unnamed within its paragraph."""
        previous = self.memo.get(LAST_SPEAKER)
        if previous is not None and since <= previous[0] < end and (found is None or previous[0] > found[0]):
            speaker = previous[1]
            if speaker == UNNAMED and "\n" in text[previous[0] : end]:
                return found[1] if found else None
            kind_fits = (speaker in self.people) == (pronoun != "it") or speaker == UNNAMED
            wrong = {"he": "f", "she": "m"}.get(pronoun)
            if speaker is not None and kind_fits and not (wrong and self.gender(speaker) == wrong):
                return speaker
        return found[1] if found else None

    def titled(self, title: str, text: str, end: int) -> str | None:
        """The person mentioned last before ``text[end]`` whose forms carry ``title`` (folded):
        "the president" for "President Anna Holm"."""
        mentions = self._mentions(text, "person")
        for i in range(bisect.bisect_left(mentions, (end,)) - 1, -1, -1):
            at, _, name, _ = mentions[i]
            if at < end - LOOKBACK:
                break
            if title in self._titles(name):
                return name
        return None

    def _titles(self, name: str) -> frozenset[str]:
        """The title words in the forms of the person of that canonical name ("president", "senator")."""
        key = ("titles", name)
        if key not in self.memo:
            forms: list[str] = next((e.get("forms", []) for e in self.entities if e.get("name") == name), [])
            self.memo[key] = frozenset(
                fold_to_latin(w).rstrip(".") for f in forms for w in f.split() if fold_to_latin(w).rstrip(".") in TITLES
            )
        return self.memo[key]

    def last_organisation(self, text: str, end: int, word: str | None = None) -> str | None:
        """The organisation mentioned last before ``text[end]`` outside quotation marks (whose name has
        the folded ``word``, when given: "council" for "Media Council")."""
        mentions = self._mentions(text, "organization")
        for i in range(bisect.bisect_left(mentions, (end,)) - 1, -1, -1):
            at, _, name, quoted = mentions[i]
            if at < end - LOOKBACK:
                break
            if not quoted and (word is None or word in fold_to_latin(name).split()):
                return name
        return None

    def _mentions(self, text: str, kind: str) -> list[tuple[int, int, str, bool]]:
        """``(start, end, name, inside a quote)`` of every mention of a person (organisation) in ``text``,
        in order; a mention inside a longer one ("Blair" in "Mr Blair") is left out. Built once per text."""
        found = self.memo.get(kind)
        if found is not None:
            return found
        spans: list[tuple[int, int, str]] = []
        for spelling in set(self.spellings[kind]):
            name = self.canonical.get(fold_to_latin(spelling), "")
            at = text.find(spelling) if name else -1
            while at != -1:
                stop = at + len(spelling)
                if (at == 0 or not text[at - 1].isalnum()) and (stop == len(text) or not text[stop].isalnum()):
                    spans.append((at, -stop, name))
                at = text.find(spelling, at + 1)
        spans.sort()
        found, reach = [], -1
        seen: dict[str, int] = {}  # name -> where it was last mentioned by a spelling of its own
        for at, negative_stop, name in spans:
            if -negative_stop <= reach:
                continue  # inside the previous, longer mention
            reach = -negative_stop
            shared = self.owners.get(fold_to_latin(text[at:reach])) if kind == "person" else None
            if shared:  # "Roosevelt" after "James Roosevelt ... said" (and "Franklin Roosevelt" before him)
                name = max(shared, key=lambda n: seen.get(n, -1)) if any(n in seen for n in shared) else name
            elif self.owners and kind == "person" and self._subject(text, at, reach):
                seen[name] = at  # the last one named in full as the subject of a sentence
            found.append((at, reach, name, self._inside_quote(at)))
        self.memo[kind] = found
        return found

    def _subject(self, text: str, start: int, end: int) -> bool:
        key = ("subject", start)
        if key not in self.memo:
            self.memo[key] = _subject_position(text, start, end)
        return self.memo[key]

    def _inside_quote(self, at: int) -> bool:
        return any(start <= at < stop for start, stop in self.quoted)


_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f",
                     "ms.": "f", "miss": "f", "dame": "f", "lady": "f"}
_OPENING = re.compile(r"(?:(?:^|[.!?][\"”’']?\s+|\n)(?:(?:But|And|So|Yet|However|Then),?\s+)?"
                      r"(?:[^.!?\n\"“”,]{0,60},\s+){0,2}|,?\s+but\s+|;\s+)$")
_SPEAKS_NEXT = re.compile(rf"(?:,[^,\n]{{1,120}},)?[ \t]+{ADVERB}(?:{VERBS})\b")
_SPOKEN_BY = re.compile(rf"[,.!?]?[{CLOSE}][ \t]*(?:{VERBS})[ \t]+(?:[a-z][\w'’\-]*[ \t]+){{0,3}}$")
"""'"...," said Mr Palmer', '"...," said county officer Jo Doe': the speaker after the quote."""
_LAST_WORD = re.compile(r"([A-Z][\w.\-]*)\s+$")


def _gender(entity: dict[str, Any]) -> str | None:
    """A person's gender from an honorific in its forms ("Mrs Lee") or its given name."""
    for form in entity.get("forms", []):
        found = _HONORIFIC_GENDER.get(fold_to_latin(form.split()[0])) if form.split() else None
        if found:
            return found
    words = entity["name"].split()
    return gazetteer().gender(words[0]) if len(words) > 1 else None


def _subject_position(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` opens its sentence (titles and a short opening
    phrase before it aside) and is not a possessive."""
    if text.startswith(("'s", "’s"), end):
        return False
    if _SPEAKS_NEXT.match(text, end, end + 200):
        return True  # "Kise said", "Hoenig, the Fed's longest-serving policymaker, said": the speaker
    head = text[max(0, start - 120) : start]
    while (word := _LAST_WORD.search(head)) and (
        fold_to_latin(word.group(1)).rstrip(".") in TITLES or fold_to_latin(word.group(1)) in TITLE_PREFIXES
    ):
        head = head[: word.start()]  # "Gen Musharraf", "Prime Minister Tony Blair"
    if _OPENING.search(head) is not None or _SPOKEN_BY.search(head) is not None:
        return True
    word = _LAST_WORD.search(head)  # "Farmer Chad Smith said": one describing word opens the sentence
    return word is not None and word.group(1).isalpha() and _OPENING.search(head[: word.start()]) is not None


def _looks_like_a_person(name: str) -> bool:
    """Whether a name an attribution gives could be a person's: no pronoun, article or organisation word."""
    words = [fold_to_latin(w).rstrip(".") for w in name.split()]
    return bool(words) and len(words) <= 4 and not any(
        w in NON_ENTITY or w in ORG_CUES or w in TITLES for w in words
    )


def _inside_a_sentence(text: str, word: str) -> bool:
    """Whether ``word`` stands once after a lowercase word or a comma (so it is capitalised as a name)
    and never in lowercase."""
    if re.search(rf"[a-z,][ \t]+{re.escape(word)}\b", text) is None:
        return False
    return not _common_word(text, word)


def _common_word(text: str, word: str) -> bool:
    """Whether a capitalised word is a common noun or adjective: the text also writes it in lowercase
    ("Economists said ... economists"), or it names an occupation ("Economists", "Farmers")."""
    lower = word.lower()
    return lower in gazetteer().occupations or lower.removesuffix("s") in gazetteer().occupations or (
        re.search(rf"\b{re.escape(lower)}\b", text) is not None
    )


_SUFFIX = re.compile(r",?[ \t]+(?:Jr|Sr|II|III|IV)\.?$")
"""A generational suffix after a name ("James Roosevelt Jr."): the name is the words before it."""


def clean_phrase(phrase: str) -> str:
    """A speaker phrase as matched, cut where its sentence ended ("McIlroy. New ..."; "U.S." is no end),
    without a possessive, a generational suffix or trailing punctuation."""
    phrase = SPACE.sub(" ", phrase).strip()
    words = phrase.split()
    for i, word in enumerate(words[:-1]):
        if word.endswith(".") and len(word) > 3 and "." not in word[:-1] and fold_to_latin(word[:-1]) not in TITLES:
            phrase = " ".join(words[: i + 1])
            break
    return _SUFFIX.sub("", phrase.removesuffix("'s").removesuffix("’s").rstrip(".,"))


def _attributed_names(text: str) -> list[str]:
    """The names in the text's attributions: "Kheradpir said", '"...," said Jo Roe'."""
    names = []
    for verb in ATTRIBUTED.finditer(text):
        start, end = verb.span()
        before = NAME_BEFORE.search(text, max(0, start - 80), start)
        if before is not None:
            names.append(before.group("name"))
        elif QUOTE_BEFORE.search(text, max(0, start - 4), start) and (after := NAME_AFTER_QUOTE.match(text, end)):
            names.append(after.group("name"))
    return names


def _names_a_body(words: list[str]) -> bool:
    """Whether capitalised words name an organisation by its cue word ("Ministry of Health",
    "Greater Riverton Chamber of Commerce"): every word capitalised but "of"/"and"/"for", a cue among them."""
    return len(words) > 1 and all(w[:1].isupper() or w in ("of", "and", "for") for w in words) and any(
        fold_to_latin(w) in ORG_CUES for w in words
    )
