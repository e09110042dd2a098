"""Group one document's mentions into entities with a canonical name.

People cluster by surname key (:func:`~corpuskit_news.entities.namekeys.translit_key` of the last
word): full names with the same given-name skeleton are one person, and a bare surname
or "Mr. Putin" joins the person with that surname mentioned most. Organisations and
places cluster by name key (case, accents, punctuation and a leading "the" ignored);
places take their gazetteer spelling ("U.S." -> "United States"). A bare capitalised
word of unknown type joins a person whose surname it is, or an organisation or place it
names; otherwise it stays ``unknown`` for the corpus-level merge to resolve.
"""

from __future__ import annotations

import re
from collections import Counter

import attrs

from corpuskit_news.entities.gazetteer import ORG_CUES, PLACE_ALIASES, Gazetteer
from corpuskit_news.entities.mention import ORG, PERSON, PLACE, UNKNOWN, Mention
from corpuskit_news.entities.mentions import find_mentions
from corpuskit_news.entities.namekeys import name_key, skeleton, translit_key
from corpuskit_news.entities.spans import is_acronym
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["Entity", "extract_entities", "head_key", "pick_name", "recognize"]

_PARENTHESISED = re.compile(r"\(([A-Z]{2,6})\)")
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|&|und|oder|et|ou|y|o|e|ed|en)\s*")


@attrs.define
class Entity:
    """One entity of one document while it is being built."""

    type: str
    name: str
    key: str
    given: str = ""
    forms: Counter[str] = attrs.field(factory=Counter)
    names: Counter[str] = attrs.field(factory=Counter)
    first: int = 0

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    def add(self, mention: Mention) -> None:
        self.forms[mention.form] += 1
        self.names[mention.name] += 1

    def absorb(self, other: Entity) -> None:
        self.forms.update(other.forms)
        self.names.update(other.names)
        self.first = min(self.first, other.first)

    def to_meta(self) -> dict:
        forms = sorted(self.forms, key=lambda f: (-self.forms[f], f))
        return {"name": self.name, "type": self.type, "count": self.count, "forms": forms}


def head_key(name: str) -> str:
    """The corpus-level blocking key of a non-person name (one word: its transliteration key)."""
    if " " not in name and name.isalpha():
        return translit_key(name) or name_key(name)
    return name_key(name)


def pick_name(counts: Counter[str]) -> str:
    """The canonical spelling among case variants: a short all-caps acronym, else the commonest."""
    caps = [n for n in counts if n.isupper() and " " not in n and len(n) <= 6]
    if caps and len({n.casefold() for n in counts}) == 1:
        return max(caps, key=lambda n: counts[n])
    best = max(counts.values())
    return next(n for n in counts if counts[n] == best)


def _people(mentions: list[Mention]) -> dict[str, list[Entity]]:
    """Person entities by surname key: full names first, then bare surnames."""
    by_key: dict[str, list[Entity]] = {}
    bare: list[Mention] = []
    for m in mentions:
        words = m.name.split()
        if len(words) == 1:
            bare.append(m)
            continue
        key, given = translit_key(words[-1]), skeleton(words[0])
        group = by_key.setdefault(key, [])
        entity = next((e for e in group if e.given == given or (given.startswith(e.given[:1]) and
                       len(words[0].rstrip(".")) == 1)), None)
        if entity is None:
            entity = Entity(PERSON, "", key, given=given, first=m.start)
            group.append(entity)
        entity.add(m)
    by_given: dict[str, list[Entity]] = {}  # given-name skeleton -> the full names with it
    for g in by_key.values():
        for e in g:
            if e.given:
                by_given.setdefault(e.given, []).append(e)
    for m in bare:
        key = translit_key(m.name)
        group = by_key.get(key, [])
        if not group:
            # "Sir Digby" for "Digby Jones": a given name that only one full name has
            owners = by_given.get(skeleton(m.name), [])
            if len(owners) == 1 and key not in by_key:
                owners[0].add(m)
                continue
            group = by_key.setdefault(key, [])
            group.append(Entity(PERSON, "", key, first=m.start))
        max(group, key=lambda e: e.count).add(m)
    for group in by_key.values():
        for entity in group:
            full = Counter({n: c for n, c in entity.names.items() if " " in n}) or entity.names
            entity.name = _with_suffix(max(full, key=lambda n: (full[n], len(n))), entity.forms)
    return by_key


_SUFFIXED = re.compile(r",?[ \t]+(?:Jr\.?|Sr\.?|II|III|IV)")


def _with_suffix(name: str, forms: Counter[str]) -> str:
    """The name with the generational suffix a form gives it ("James Roosevelt Jr."), else as it is."""
    for form in forms:
        if form.startswith(name) and _SUFFIXED.fullmatch(form, len(name)):
            return form
    return name


def _others(mentions: list[Mention], gaz: Gazetteer, text: str = "", surnames: frozenset[str] = frozenset()
            ) -> dict[str, Entity]:
    """Organisation, place and unknown entities by name key."""
    by_key: dict[str, Entity] = {}
    types: dict[str, Counter[str]] = {}
    for m in mentions:
        name = gaz.place(m.name) or m.name if m.type == PLACE else m.name
        if m.type == PLACE and " " not in m.name and m.name.isupper():
            name = PLACE_ALIASES.get(fold_to_latin(m.name), m.name)
        key = name_key(name)  # exact up to case, accents and punctuation within a document
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(m.type, "", key, first=m.start)
            types[key] = Counter()
        entity.forms[m.form] += 1
        entity.names[name] += 1
        if m.type != UNKNOWN:
            types[key][m.type] += 1
    for key, entity in by_key.items():
        votes = types[key]
        # ties go to the stronger evidence: cues and acronyms (organisation) beat context (place)
        entity.type = max(votes, key=lambda t: (votes[t], t == ORG)) if votes else UNKNOWN
        entity.name = pick_name(entity.names)
    return _short_names(by_key, text, surnames, gaz)


def _short_names(by_key: dict[str, Entity], text: str = "", surnames: frozenset[str] = frozenset(),
                 gaz: Gazetteer | None = None) -> dict[str, Entity]:
    """ "Labour" joins "Labour Party", "Tortoise" joins "Tortoise Media": an organisation named without its cue."""
    short: dict[str, Entity] = {}
    for entity in by_key.values():
        words = entity.name.split()
        if entity.type == ORG and len(words) == 2 and fold_to_latin(words[1]) in ORG_CUES \
                and fold_to_latin(words[0]) not in surnames:  # "Cross" is Shannon Cross, not Cross Research
            short.setdefault(name_key(words[0]), entity)
            for plural in _members(words[0]):  # "Conservatives" for "Conservative Party"
                short.setdefault(name_key(plural), entity)
    defined = _defined_acronyms(text)
    for entity in by_key.values():  # "Securities and Exchange Commission" is also "SEC"
        if entity.type == ORG and " " in entity.name:
            short.setdefault(name_key(_initials(entity.name)), entity)
            for form in entity.forms if defined else ():  # "European Commission (EC)", "University of Georgia
                for at, acronym in defined.get(form.rsplit(None, 1)[-1], ()):  # (UGA)": an acronym in brackets
                    if text.endswith(form, 0, at) and acronym[0] == form[:1].upper():  # right after the name
                        short.setdefault(name_key(acronym), entity)
                        break
    for entity in by_key.values():  # "Gators" for "Florida Gators": a team's nickname alone
        words = entity.name.split()
        if entity.type == ORG and 2 <= len(words) <= 3 and words[-1].endswith("s") and words[-1][1:].islower() \
                and gaz is not None and gaz.place(" ".join(words[:-1])):
            short.setdefault(name_key(words[-1]), entity)
    pairs: dict[str, list[Entity]] = {}  # "AP" for "Associated Press": two words, when no other name has them
    for entity in by_key.values():
        name = entity.name.removeprefix("The ")
        if entity.type == ORG and len(name.split()) == 2:
            pairs.setdefault(name_key(_initials(name, least=2)), []).append(entity)
    for key, owners in pairs.items():
        if len(owners) == 1 and by_key.get(key) is not None and by_key[key].type == ORG:
            short.setdefault(key, owners[0])
    for key in list(by_key):
        target = short.get(key)
        entity = by_key[key]
        if target is not None and target is not entity and " " not in entity.name:
            target.absorb(entity)
            del by_key[key]
    _truncated(by_key, surnames)
    _shortened(by_key)
    _place_heads(by_key)
    return by_key


def _defined_acronyms(text: str) -> dict[str, list[tuple[int, str]]]:
    """Acronyms in brackets by the word right before them: "Commission" -> [(end of "Commission", "EC")]."""
    out: dict[str, list[tuple[int, str]]] = {}
    for found in _PARENTHESISED.finditer(text) if "(" in text else ():
        before = text[max(0, found.start() - 40) : found.start()]
        if before.endswith(" ") and before.strip():
            out.setdefault(before.split()[-1], []).append((found.start() - 1, found.group(1)))
    return out


def _place_heads(by_key: dict[str, Entity]) -> None:
    """ "the Gulf" joins "the Gulf of Mexico": a one-word place that begins exactly one longer place."""
    heads: dict[str, list[Entity]] = {}
    for entity in by_key.values():
        if entity.type == PLACE and " " in entity.name:
            heads.setdefault(name_key(entity.name.split()[0]), []).append(entity)
    for key, entity in list(by_key.items()) if heads else ():
        owners = heads.get(key) if entity.type == PLACE and " " not in entity.name else None
        if owners and len(owners) == 1:
            owners[0].absorb(entity)
            del by_key[key]


LONGEST_PART = 12
"""Words of the longest tail or head of a name that can be another entity's whole name: names
longer than any real one (a page that repeats "Bank of the" for a megabyte) then cost time in
proportion to their length, not its square."""


def _members(word: str) -> tuple[str, ...]:
    """The plural a party's members go by: "Conservative" -> "Conservatives", "Democratic" -> "Democrats"."""
    if word.endswith("ic"):
        return (word[:-2] + "s",)
    return (word + "s",) if word[-1:].isalpha() and not word.endswith("s") else ()


def _shortened(by_key: dict[str, Entity]) -> None:
    """ "Finance Committee" joins "Senate Finance Committee", "Media Council" joins "Ugandan Media
    Council": an organisation of two or more words, ending in a cue, that ends the name of one other."""
    tails: dict[str, list[Entity]] = {}
    for entity in by_key.values():
        words = entity.name.split()
        if entity.type == ORG and len(words) > 2 and fold_to_latin(words[-1]) in ORG_CUES:
            for n in range(2, min(len(words), LONGEST_PART + 1)):
                tails.setdefault(name_key(" ".join(words[-n:])), []).append(entity)
    if not tails:
        return
    for key, entity in list(by_key.items()):
        owners = tails.get(key) if entity.type == ORG else None
        if owners and len(owners) == 1 and owners[0] is not entity:
            owners[0].absorb(entity)
            del by_key[key]


def _given_names_only(people: dict[str, list[Entity]], gaz: Gazetteer) -> None:
    """ "Juan Carlos" joins "Juan Carlos Ferrero": a name of given names only that begins a full name."""
    by_start: dict[str, list[Entity]] = {}  # "Juan Carlos" -> the people whose names go on after it
    for group in people.values():
        for entity in group:
            words = entity.name.split()
            for n in range(2, min(len(words), LONGEST_PART + 1)):
                by_start.setdefault(" ".join(words[:n]), []).append(entity)
    if not by_start:
        return
    for key, group in list(people.items()):
        for entity in list(group):
            owners = by_start.get(entity.name)
            if owners and len(owners) == 1 and all(fold_to_latin(w) in gaz.given_names for w in entity.name.split()):
                owners[0].absorb(entity)
                group.remove(entity)
        if not group:
            del people[key]


def _truncated(by_key: dict[str, Entity], surnames: frozenset[str] = frozenset()) -> None:
    """ "Fed" joins "US Federal Reserve", "Florida" (an organisation) "Florida Gators": one word that begins
    the first word of an organisation's name (a leading acronym aside), or is that word, when it is no
    surname of a person in the text ("Trump" is not "Trump Tower")."""
    owners: dict[str, list[Entity]] = {}  # "Fed" -> the organisations whose head word starts so
    for entity in by_key.values():
        if entity.type == ORG and " " in entity.name:
            for head in _head_words(entity.name):
                for n in range(3, len(head)):
                    owners.setdefault(head[:n], []).append(entity)
                if head.istitle() and fold_to_latin(head) not in surnames:
                    owners.setdefault(head, []).append(entity)
                if is_acronym(head):  # "IK" for "IK Multimedia" (a word might be a surname: "Cross Research")
                    owners.setdefault(head, []).append(entity)
    if not owners:
        return
    for key, entity in list(by_key.items()):
        found = owners.get(entity.name) if entity.type in (ORG, UNKNOWN) else None
        if found and len(found) == 1 and (entity.name.istitle() or entity.name.isupper()):
            found[0].absorb(entity)
            del by_key[key]


def _head_words(name: str) -> list[str]:
    words = name.split()
    return words[1:2] if words[0].isupper() and len(words) > 2 else words[:1]


def _initials(name: str, least: int = 3) -> str:
    """ "Securities and Exchange Commission" -> "SEC" (capitalised words only; names of ``least`` words)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper()) if len(name.split()) >= least else "\0"


def _coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """An unknown word listed with a typed one ("Sberbank and Yandex") takes its type; a name
    typed elsewhere in the document counts as typed ("Everton, Chelsea and Charlton", where
    "Charlton midfielder" made Charlton an organisation)."""
    typed = {m.name: m.type for m in mentions if m.type == ORG or m.type == PLACE}
    out = [m._replace(type=typed[m.name]) if m.type == UNKNOWN and m.name in typed else m for m in mentions]
    changed = True
    while changed:  # along a list: each newly typed item types its neighbours
        changed = False
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if (a.type == UNKNOWN) == (b.type == UNKNOWN) or PERSON in (a.type, b.type):
                continue
            if _LIST_GAP.fullmatch(text, a.end, b.start) or _in_list(text, out, i):
                if a.type == UNKNOWN:
                    out[i] = a._replace(type=b.type)
                else:
                    out[i + 1] = b._replace(type=a.type)
                changed = True
    return out


def recognize(text: str, gaz: Gazetteer) -> list[Mention]:
    """The built-in recognizer's typed mentions of ``text``."""
    return _coordinated(text, find_mentions(text, gaz))


def _surname(name: str) -> str:
    return fold_to_latin(name.split()[-1])


def _same_surname(name: str, word: str, *, exact: bool) -> bool:
    """Whether ``word`` is the surname of ``name``: spelled so, or (not ``exact``) a transliteration
    variant of five letters or more that starts with the same letter ("Kowalenko" for "Kovalenko";
    not "Href" for "Gref", where the first letter differs)."""
    surname, folded = _surname(name), fold_to_latin(word)
    if surname == folded:
        return True
    return not exact and len(folded) >= 5 and surname[:1] == folded[:1] and " " in name


def _in_list(text: str, mentions: list[Mention], i: int) -> bool:
    """Mentions i and i+1 are items of one list: "Standard & Poor's, Moody's and Fitch"."""
    if text[mentions[i].end : mentions[i + 1].start].strip() != ",":
        return False
    if i + 2 < len(mentions) and _LIST_GAP.fullmatch(text, mentions[i + 1].end, mentions[i + 2].start):
        return True
    return i > 0 and text[mentions[i - 1].end : mentions[i].start].strip() == ","


def extract_entities(text: str, gaz: Gazetteer, mentions: list[Mention] | None = None) -> list[Entity]:
    """The entities of one text (``unknown`` ones included), in order of first mention.

    ``mentions`` replaces the built-in recognizer (e.g. a spaCy model's).
    """
    if mentions is None:
        mentions = recognize(text, gaz)
    people = _people([m for m in mentions if m.type == PERSON])
    surnames = frozenset(_surname(n) for group in people.values() for e in group for n in e.names if " " in n)
    others = _others([m for m in mentions if m.type != PERSON], gaz, text, surnames)
    _given_names_only(people, gaz)
    entities: list[Entity] = [e for group in people.values() for e in group]
    given = {fold_to_latin(n.split()[0]): e for g in people.values() for e in g for n in e.names if " " in n}
    for entity in others.values():
        single = " " not in entity.name and entity.type in (UNKNOWN, ORG)
        surname_like = single or (  # "Lincoln" after "Daniel Lincoln": a person, not the city
            entity.type == PLACE and " " not in entity.name and fold_to_latin(entity.name) not in gaz.countries)
        group = people.get(translit_key(entity.name)) if surname_like else None
        if group and not any(_same_surname(n, entity.name, exact=not single) for e in group for n in e.names):
            group = None  # "Href" does not join "Gref"; "Kowalenko" joins "Kovalenko"
        if group:
            max(group, key=lambda e: e.count).absorb(entity)
        elif single and entity.type == UNKNOWN and fold_to_latin(entity.name) in given:
            given[fold_to_latin(entity.name)].absorb(entity)  # "Xi" of "Xi Jinping"
        else:
            entities.append(entity)
    entities.sort(key=lambda e: e.first)
    return entities


__all__ += ["ORG", "PERSON", "PLACE", "UNKNOWN"]
