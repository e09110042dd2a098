"""The typing rules of a mention scan: what makes a piece a place, an organisation or a person.

Predicates only: :class:`Cues` reads the gazetteer, the document's words
(:class:`~corpuskit_news.entities.mention_text.DocumentWords`) and the mentions found so far
(:class:`~corpuskit_news.entities.mention_state.Found`); it never records a mention.
"""

from __future__ import annotations

import re

from corpuskit_news.entities import name_context as ctx
from corpuskit_news.entities.gazetteer import (
    HONORIFICS,
    NEWS_AGENCIES,
    NON_ORG_ACRONYMS,
    ORG_CUES,
    PLACE_ALIASES,
    PLACE_CUES,
    TITLE_PREFIXES,
    TITLES,
    Gazetteer,
)
from corpuskit_news.entities.mention_state import Found
from corpuskit_news.entities.mention_text import DocumentWords
from corpuskit_news.entities.namekeys import translit_key
from corpuskit_news.entities.spans import Tok, bare, is_acronym
from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = ["CAMEL", "CONNECTED", "PLACE_PREPOSITIONS_CYRILLIC", "STANDALONE_ORGS", "TITLEISH", "Cues"]

STANDALONE_ORGS = word_set("congress parliament senate house pentagon kremlin nato navy army")
"""Organisations named by one cue word alone."""
TITLEISH = TITLES | TITLE_PREFIXES
CONNECTED = re.compile(r"(?:de|du|des|la|le|sur|upon|on|am|an|en|di|del|da|a)-[A-ZÀ-Þ]")
"""A hyphenated particle inside a place name ("Île-de-France", "Stratford-upon-Avon")."""
PLACE_PREPOSITIONS_CYRILLIC = frozenset(("в", "во", "из", "под", "у"))
CAMEL = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|Van|Von)[A-Z][a-z]+[A-Z][A-Za-z]*$")
"""Camel-case brand words ("PayPal"), not surnames ("McDonald")."""
_GEO_PLURALS = word_set(
    """keys islands isles hills mountains falls springs heights lakes rapids plains highlands lowlands downs
    glades sands shores flats woods dunes rocks cliffs marshes fields gardens meadows narrows straits waters"""
)
"""Plural landforms: a place and one of them is a place ("the Florida Keys"), not a team."""
_SPEECH = word_set("said says told added explained argued noted insisted warned reports")
_VERBS_AFTER_NAME = word_set("said says has have had is was were will would announced reported added told")


class Cues:
    """The evidence that types a piece of capitalised words."""

    def __init__(self, words: DocumentWords, gaz: Gazetteer, found: Found) -> None:
        self.words = words
        self.gaz = gaz
        self.found = found

    def headline_ok(self, tokens: list[Tok]) -> bool:
        """In a Title Case line only known places and names the prose also capitalises count."""
        return self.place(tokens) or all(
            t.text in self.words.mid_sentence or t.text.islower() or bare(t.text) in TITLEISH for t in tokens
        )

    def place(self, tokens: list[Tok]) -> bool:
        if len(tokens) == 1:
            word = tokens[0].text
            if is_acronym(word):  # "US", "UK"; a dateline's "TOKYO"
                folded = fold_to_latin(word)
                return folded in PLACE_ALIASES or (len(word) >= 4 and folded in self.gaz.places)
            return fold_to_latin(word) in self.gaz.places
        return self.gaz.place(" ".join(t.text for t in tokens)) is not None

    def club(self, tokens: list[Tok]) -> bool:
        """A city (not a country or region) with a sports title after it: its club ("Liverpool manager")."""
        if len(tokens) > 2 or ctx.CLUB_AFTER.match(self.words.text, tokens[-1].end) is None or not self.place(tokens):
            return False
        name = fold_to_latin(" ".join(t.text for t in tokens))
        return name not in self.gaz.countries or name in self.gaz.us_states  # "Alabama coach": a college team

    def team(self, tokens: list[Tok]) -> bool:
        """A place and a plural nickname ("Miami Dolphins", "Leeds Rhinos"), or a US state and "State" (its
        university: "Ohio State"): a sports team or a school, not a place."""
        n = len(tokens)
        last = tokens[-1].text
        if not 2 <= n <= 4 or not (last == "State" or (last[-1] == "s" and len(last) > 3 and last[1:].islower())) \
                or not all(t.text[:1].isupper() for t in tokens):
            return False  # the usual case, decided on the last word
        if last == "State":
            return fold_to_latin(" ".join(t.text for t in tokens[:-1])) in self.gaz.countries
        key = bare(last)
        if key in PLACE_CUES or key in ORG_CUES or key[:-1] in self.gaz.demonyms or key in _GEO_PLURALS:
            return False
        if bare(tokens[0].text) in self.gaz.given_names and n == 2:
            return False  # "Chad Myers"
        if not any(self.place(tokens[:k]) and not any(self.place([t]) for t in tokens[k:]) for k in (1, 2) if k < n):
            return False
        return not self.placed(tokens, self.words.prev_word(tokens[0].start))  # not "in the Florida Keys"

    def org_acronym(self, word: str) -> bool:
        return is_acronym(word) and bare(word) not in NON_ORG_ACRONYMS and fold_to_latin(word) not in PLACE_ALIASES

    def org_with_and(self, tokens: list[Tok]) -> bool:
        """ "Securities and Exchange Commission", "Commission for Racial Equality": one name."""
        i = next(i for i, t in enumerate(tokens) if t.text in ("and", "for"))
        cue_before = any(bare(t.text) in ORG_CUES for t in tokens[:i])
        if tokens[i].text == "for":
            return cue_before and i > 0
        cue_after = bare(tokens[-1].text) in ORG_CUES
        return cue_after and not (i > 1 and cue_before) and i > 0

    def known(self, tokens: list[Tok]) -> bool:
        """Whether a piece has evidence of its own: a place, a given name, a cue, an acronym."""
        if not tokens:
            return False
        words = [bare(t.text) for t in tokens]
        return (self.place(tokens) or words[0] in self.gaz.given_names or any(w in ORG_CUES for w in words)
                or (words[0] in TITLEISH and len(tokens) > 1)  # "Congressman Paul Ryan and Newt Gingrich"
                or (len(tokens) == 1 and translit_key(tokens[0].text) in self.found.surnames)  # "Hafner and Franzese"
                or any(is_acronym(t.text) for t in tokens) or self.found.typed_before(tokens)
                or self.org_signal(tokens[0], words[0]) or self.placed(tokens, self.words.prev_word(tokens[0].start)))

    def person_like(self, tokens: list[Tok]) -> bool:
        if not 1 <= len(tokens) <= 4:
            return False
        if any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in tokens):
            return False
        if self.place(tokens) or (bare(tokens[0].text) in self.gaz.demonyms and len(tokens) == 1):
            return False
        if len(tokens) == 1 and self.words.written_lowercase(tokens[0].text):
            return False  # "General Election": a common noun after a title word
        return all(not is_acronym(t.text) or len(t.text.replace(".", "")) <= 2 for t in tokens)  # "P.J. Crowley"

    def name_shaped(self, tokens: list[Tok]) -> bool:
        if not self.person_like(tokens):
            return False
        last = tokens[-1].text
        return not last.isupper() and bare(last) not in self.gaz.demonyms

    def speaks(self, tokens: list[Tok], prev: str) -> bool:
        """ "says Taran Adarsh", "Taran Adarsh said", "according to Qasim Tarin": two or three words next to a
        speech verb."""
        if len(tokens) > 3:
            return False
        if prev.lower() in _SPEECH or self.words.next_word(tokens[-1].end).lower() in _SPEECH:
            return True
        return prev == "to" and self.words.text.endswith("according to ", 0, tokens[0].start)

    def named_in_apposition(self, tokens: list[Tok], prev: str) -> bool:
        """ "One participant, Curie Kim was ...": two capitalised words after a common noun and a comma, as the
        subject of a verb; neither word is written in lowercase elsewhere in the document."""
        if len(tokens) != 2 or not prev.isalpha() or not prev.islower():
            return False
        if not self.words.text[: tokens[0].start].rstrip(" \t").endswith(","):
            return False
        if self.words.next_word(tokens[-1].end).lower() not in _VERBS_AFTER_NAME:
            return False
        return not any(self.words.written_lowercase(t.text) for t in tokens)

    def title_before(self, prev: str) -> bool:
        """Whether the word before a name is a title ("Senator", "activist"), not one that ended the sentence
        before ("... the company's new leader. Apple said")."""
        key = bare(prev)
        titled = key in TITLES or (prev.islower() and key in self.gaz.occupations)
        return titled and (not prev.endswith(".") or key in HONORIFICS)

    def compass_place(self, tokens: list[Tok]) -> bool:
        """ "West Asia", "Central Asia", "Northern Norway"."""
        return len(tokens) >= 2 and bare(tokens[0].text) in ctx.COMPASS and self.place(tokens[1:])

    def placed(self, tokens: list[Tok], prev: str) -> bool:
        """Context that makes an unknown name a place: "in X", "X, Portugal", "the X reservoir"."""
        if ctx.PLACE_OF.search(self.words.text, max(0, tokens[0].start - 30), tokens[0].start):
            return True  # "the state of Andhra Pradesh", "the town of Marlow Bend"
        if ctx.PREP_THE.search(self.words.text, max(0, tokens[0].start - 20), tokens[0].start):
            return True  # "in the Yorkshire Wolds"
        preposition = prev in ctx.PLACE_PREPOSITIONS or prev in PLACE_PREPOSITIONS_CYRILLIC
        if preposition and not ctx.STAKE_IN.search(self.words.text, max(0, tokens[0].start - 30), tokens[0].start):
            return True
        if tokens[0].start in self.found.after_prep:
            return True
        located = ctx.IN_PLACE.match(self.words.text, tokens[-1].end) if len(tokens) == 1 else None  # "Luleå in Sweden"
        if located and self.gaz.place(located.group(1)):
            return True
        nxt = self.words.next_word(tokens[-1].end)
        if nxt.lower() in ctx.PLACE_NOUNS:
            return True
        after = ctx.COMMA_WORD.match(self.words.text, tokens[-1].end)
        return bool(after and self.gaz.place(after.group(1))
                    and fold_to_latin(after.group(1)) not in self.gaz.given_names)

    def org_like(self, tok: Tok, key: str, *, employer: bool, prev: str) -> bool:
        if employer or ctx.after_name(self.words.text, tok.end) or key in STANDALONE_ORGS:
            return True  # "Yandex chief executive ...", "the Mirror newspaper"
        if ctx.org_before(self.words.text, tok.start) or ctx.told(self.words.text, tok.start) \
                or self.words.text.endswith("according to ", 0, tok.start):
            return True  # "union Unison", "economist at Acme", "makers like Dell", "told Mashable"
        if ctx.ORG_SUFFIX.search(key) or (CAMEL.match(tok.text) and key not in NON_ORG_ACRONYMS):
            return True
        text = self.words.text
        if ctx.ORG_AFTER.match(text, tok.end) or ctx.SHARES_IN.search(text, max(0, tok.start - 20), tok.start):
            return True  # "Intel said it", "Vodafone's chief executive", "shares in Yandex"
        return (prev == "the" or tok.start in self.found.after_the) and self.ends_phrase(tok.end)

    def org_signal(self, tok: Tok, key: str) -> bool:
        """Evidence enough at a sentence start: "Sberbank", "PayPal", "Reuters", "Electrolux said it",
        "Yandex chief executive ...", "Mirror newspaper" (not "Moroccan newspaper")."""
        if key in NEWS_AGENCIES or ctx.ORG_SUFFIX.search(key) or CAMEL.match(tok.text):
            return True
        if ctx.ORG_AFTER.match(self.words.text, tok.end):
            return True
        after = ctx.after_name(self.words.text, tok.end)
        return after == "title" or (after == "outlet" and key not in self.gaz.demonyms)

    def ends_phrase(self, end: int) -> bool:
        """"the X" names an organisation unless X modifies a following noun ("the Alqueva lake")."""
        nxt = self.words.next_word(end)
        return not nxt or nxt in _VERBS_AFTER_NAME
