"""Find and type name mentions in a text: capitalised spans, titles, gazetteers, cues.

:func:`find_mentions` scans the text once for runs of capitalised words (joined by
"of", "de", "van"...), cut at sentence ends and possessives (:mod:`corpuskit_news.entities.spans`),
and types each piece:

* a title or honorific before a name makes it a person ("President Vladimir Putin",
  "Mr. Putin", "Sberbank CEO German Gref", "chief executive Tim Cook"); what stands
  before the title is the person's employer or country ("Sberbank", "US");
* a gazetteer place, a place cue ("Red Sea", "Republic of Korea") makes a place;
* an organisation cue ("Bank", "Ministry", "University", "Inc"), an acronym that is not
  a common noun ("BRICS", "TASS") or "the X" makes an organisation;
* a known given name followed by one to three capitalised words makes a person;
* the words around a name with no cue (:mod:`corpuskit_news.entities.name_context`): "union
  Unison", "the Mirror newspaper", "economist at Fannie Mae"; event names are dropped;
* any other single capitalised word is kept as ``unknown``: the entity stage resolves it
  against the document's and the corpus's typed names (a bare "Putin" or "Sberbank").

Sentence-initial words are only names when the gazetteers know them or the document
also writes them capitalised mid-sentence; common words and demonyms never are.
"""

from __future__ import annotations

import re

from corpuskit_news.entities import name_context as ctx
from corpuskit_news.entities.gazetteer import (
    COMMON_WORDS,
    HONORIFICS,
    MODIFIERS,
    NEWS_AGENCIES,
    NON_ENTITY,
    NON_ORG_ACRONYMS,
    ORG_CUES,
    PLACE_CUES,
    TITLE_PREFIXES,
    TITLES,
    Gazetteer,
)
from corpuskit_news.entities.mention import ORG, PERSON, PLACE, UNKNOWN, Mention
from corpuskit_news.entities.mention_cues import (
    CAMEL,
    CONNECTED,
    PLACE_PREPOSITIONS_CYRILLIC,
    STANDALONE_ORGS,
    TITLEISH,
    Cues,
)
from corpuskit_news.entities.mention_state import Found
from corpuskit_news.entities.mention_text import DocumentWords
from corpuskit_news.entities.namekeys import translit_key
from corpuskit_news.entities.nicknames import with_nicknames
from corpuskit_news.entities.spans import Tok, bare, is_acronym, title_word, trim
from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = ["find_mentions"]

_OPEN_MARKS = frozenset("\"“‘'«„")
_CLOSE_MARKS = frozenset("\"”’'»“")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,2}$")
"""A person's initials ("P.J."): not an acronym that makes a name an organisation."""
_ROMANISED = re.compile(r"[A-Z][a-z]{1,5}-[A-Za-z][a-z]{1,5}$")
"""A romanised Korean or Chinese given name of two syllables ("Jae-in", "Yuan-Hao")."""
_FAMILY = re.compile(r"[A-Z][a-z]{1,4}$")
_COMPOUND_TAILS = word_set(
    "based backed led era style born owned made run funded linked related like wide bound free type only area"
)
"""Second halves of compounds after a name ("Paris-based", "Obama-era"), never of a given name."""
_MODEL_CODE = re.compile(r"(?=[\w\-]*\d)(?=[\w\-]*[A-Z])[A-Z\d][A-Z\d\-]*$")
"""A product's model code ("Q2HD", "XW-SMA3", "A380"): the words before it are its maker."""
_DIGIT_LETTER = re.compile(r"\d[A-Za-z]")
_PUBLICATIONS = frozenset(("poll", "polls", "survey"))
"""A poll named by its pollster: "Wall Street Journal Poll" is the Wall Street Journal's."""
_PORTFOLIOS = TITLE_PREFIXES | frozenset(("state", "commerce", "labor", "transportation", "agriculture", "war"))
"""The object of "Secretary of ...": a portfolio, not the start of the name after it."""
_EPOCH_ENDINGS = ("cene", "zoic")
_KIND_ACRONYMS = frozenset(("ngo", "ngos"))
"""An acronym for a kind of organisation before a name: the name is an organisation's."""
_PLACE_OPENERS = frozenset(("mount", "mt", "fort", "ft", "camp", "lake", "port", "cape", "isle", "loch"))
"""First words of two-word place names: "Camp Pendleton", "Mount Everest", "Port Talbot"."""
_NUMBERED_PLACES = frozenset(("district", "ward", "precinct", "borough", "zone", "sector"))
_NUMBER_AFTER = re.compile(r" \d{1,3}\b(?![.,]\d)")
_BOARDS = frozenset(("directors", "trustees", "governors", "regents"))
"""A board's members after an organisation's name ("X Association Board of Directors"): the organisation."""
_PARTY_ADJECTIVES = frozenset(("republican", "democratic", "democrat", "conservative", "liberal"))
_NAME_OPENERS = frozenset(("new", "old", "big", "first", "next", "more", "one", "two", "three", "four", "five", "six",
                           "seven", "eight", "nine", "ten"))
"""Words never a name alone that may open an organisation's name when the context says it is one."""


class _Typer:
    """One document's scan: decides each piece, recursing into its parts; the rules live in :class:`Cues`."""

    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.words = DocumentWords(text)
        self.found = Found(text)
        self.cues = Cues(self.words, gaz, self.found)

    def run(self) -> list[Mention]:
        for tokens, initial in self.words.pieces():
            self._piece(tokens, initial)
        return self.found.out

    def _piece(self, tokens: list[Tok], initial: bool) -> None:
        tokens = trim(tokens)
        if not tokens or bare(tokens[-1].text) in ctx.EVENT_WORDS:
            return  # "Brit Awards", "FA Cup": events are not entities
        for i, tok in enumerate(tokens):
            if "-" not in tok.text:
                continue
            head, dash, tail = tok.text.partition("-")
            romanised = i > 0 and _ROMANISED.match(tok.text) and _FAMILY.match(tokens[i - 1].text) \
                and tail not in _COMPOUND_TAILS and not self.gaz.place(f"{tokens[i - 1].text} {head}")
            # "Moon Jae-in", not "Obama-era" or "New York-area"
            if dash and tail[:1].islower() and bare(tok.text) not in TITLES and not CONNECTED.match(tail) \
                    and not romanised:
                # "UK-based", "Kremlin-backed"; not "Île-de-France", "Stratford-upon-Avon"
                place = [*tokens[:i], Tok(head, tok.start, tok.start + len(head))]
                k = next((k for k in range(max(0, len(place) - 4), len(place)) if self.cues.place(place[k:])),
                         len(place))  # place names are short: the last four words at most
                if k < len(place):  # "New York-based": the words before complete the place
                    self.found.emit(place[k:], PLACE)
                self._piece(tokens[: min(k, i)], initial)
                self._piece(tokens[i + 1 :], False)
                return
        if self.words.in_headline(tokens[0].start) and not self.cues.headline_ok(tokens):
            return
        number = _NUMBER_AFTER.match(self.words.text, tokens[-1].end) if len(tokens) == 1 else None
        if number and bare(tokens[0].text) in _NUMBERED_PLACES:  # "District 12", "Ward 3": the number names it
            self.found.emit([Tok(tokens[0].text + number.group(), tokens[0].start, number.end())], PLACE)
            return
        if len(tokens) > 1 and (_MODEL_CODE.match(tokens[-1].text) or bare(tokens[-1].text) in _PUBLICATIONS) \
                and not any(t.text[0].islower() or _MODEL_CODE.match(t.text) for t in tokens[:-1]):
            maker = tokens[:-1]
            while maker and bare(maker[0].text) in NON_ENTITY:
                maker = maker[1:]
            if maker and not self.cues.place(maker):  # "Zoom Q2HD", "Airbus A380": the maker; "Gallup Poll"
                self.found.emit(maker, ORG)
            return
        text, end = self.words.text, tokens[-1].end
        after = text[end : end + 2]  # the checks below need " x" (a lower-case word) or "," after the piece
        word_after = after[:1] == " " and after[1:].islower()
        if ctx.work_before(text, tokens[0].start) or (word_after and ctx.NOT_NAMES_AFTER.match(text, end)) \
                or (len(tokens) > 1 and self._quoted_whole(tokens) and not self.cues.place(tokens)):
            return  # "the film Summer Bridge", 'starred in "Summer Bridge"': a title of a work; "the Dari language"
        if after[:1] == "," and ctx.LEGAL_SUFFIX.match(text, end) and not self.cues.place(tokens):
            self.found.emit(tokens, ORG)  # "Durand Jirga, Inc."
            return
        if word_after and self.cues.club(tokens):
            self.found.emit(tokens, ORG)  # "Liverpool manager ..."
            return
        if len(tokens) > 1 and self.cues.team(tokens):
            self.found.emit(tokens, ORG)  # "Miami Dolphins", "Ohio State"
            return
        if self.cues.place(tokens) or self.cues.compass_place(tokens):
            self.found.emit(tokens, PLACE)
            return
        if initial:
            word = tokens[0].text
            key = bare(word)
            drop = key in NON_ENTITY or key in COMMON_WORDS or (key in self.gaz.demonyms and not (
                len(tokens) >= 2 and bare(tokens[-1].text) in ORG_CUES))  # "British Navy ships ..."
            if not drop and key not in TITLEISH and self.words.written_lowercase(word) and not (
                    key in ORG_CUES and len(tokens) > 2):  # "Federal Reserve Bank of ..." after "federal"
                drop = not self.cues.place(tokens[:1])
            if not drop and len(tokens) == 1 and not is_acronym(word) and word not in self.words.mid_sentence \
                    and tokens[0].start not in self.found.after_prep:
                drop = not (self.cues.place(tokens) or key in self.gaz.given_names
                            or self.cues.org_signal(tokens[0], key) or translit_key(word) in self.found.surnames)
            if not drop and len(tokens) > 1 and key.endswith("ing") and len(key) > 5 and key not in ORG_CUES \
                    and self.cues.known(tokens[1:]) and not self.cues.known(tokens[:1]):
                drop = True  # "Defeating Weibo Gaming, ...": a verb opening the sentence
            if drop:
                if key == "the" and len(tokens) == 2:
                    self.found.after_the.add(tokens[1].start)
                if (key in ctx.PLACE_PREPOSITIONS or word.lower() in PLACE_PREPOSITIONS_CYRILLIC) and len(tokens) > 1:
                    self.found.after_prep.add(tokens[1].start)
                self._piece(tokens[1:], key not in ("the", "a", "an"))
                return
        if len(tokens) > 1 and self._joined(tokens):
            return
        # split at words that are never part of a name (months, weekdays, pronouns)
        for i, tok in enumerate(tokens):
            key = bare(tok.text)
            if tok.text[0].islower() or (i and bare(tokens[i - 1].text) in self.gaz.given_names):
                continue  # a connector, or "Theresa May"
            if (key in NON_ENTITY or key in COMMON_WORDS) and not is_acronym(tok.text):
                if any(bare(tokens[j].text) in ORG_CUES or bare(tokens[j].text) in PLACE_CUES
                       for j in range(i + 1, len(tokens))):  # indices, not a slice: no copy per word
                    continue  # "Home Office", "Old Vic Theatre School", "BBC World Service"
                if i > 1 and tokens[i - 1].text.islower() and bare(tokens[0].text) not in self.gaz.given_names \
                        and any(bare(tokens[j].text) in ORG_CUES for j in range(i - 1)):
                    continue  # "Center for a New American Security": the cued name's complement
                if i and self.cues.org_acronym(tokens[0].text):
                    continue  # "BBC Sport", "ITV News": an outlet and its section
                if i == 0 and len(tokens) > 1 and key in _NAME_OPENERS and (
                        ctx.after_name(self.words.text, tokens[-1].end) == "outlet"
                        or ctx.org_before(self.words.text, tokens[0].start)):
                    continue  # "Uganda's New Vision newspaper", "the newspaper New Vision"
                self._piece(tokens[:i], False)
                self._piece(tokens[i + 1 :], False)
                return
        if self._titled(tokens):
            return
        self._untitled(tokens, employer=False, checked=True)

    def _quoted_whole(self, tokens: list[Tok]) -> bool:
        """Whether quotation marks enclose exactly this piece: the title of a work, not a name."""
        text, start, end = self.words.text, tokens[0].start, tokens[-1].end
        return start > 0 and text[start - 1] in _OPEN_MARKS and text[end : end + 1] in _CLOSE_MARKS \
            and text[end : end + 1] != ""

    def _joined(self, tokens: list[Tok]) -> bool:
        """Pieces joined by "&", "and", "for" or "of": one name, two names, or a title of a work."""
        texts = [t.text for t in tokens]
        if "&" in texts:
            self.found.emit(tokens, ORG)  # "Marsh & McLennan", "Standard & Poor's"
            return True
        if ("and" in texts or "for" in texts) and not self.cues.org_with_and(tokens):
            i = next(i for i, t in enumerate(tokens) if t.text in ("and", "for"))  # "Sberbank and Yandex"
            if tokens[i].text == "and" and ctx.kinds_before(self.words.text, tokens[0].start):
                self.found.emit(tokens[:i], ORG)  # "mortgage giants Fannie Mae and Freddie Mac"
                self.found.emit(tokens[i + 1 :], ORG)
                return True
            article = tokens[i].text == "for" and tokens[i + 1].text in ("the", "a", "an")  # "Mateen for the Taliban"
            if article:  # "People for the Ethical Treatment of Animals", "Members of the Campaign for the ..."
                k = max((k + 1 for k in range(i) if tokens[k].text.islower()), default=0)
                if self._cause_name(tokens[k:], i - k):
                    if k:
                        self._piece(tokens[: k - 1], False)
                    self.found.emit(tokens[k:], ORG)
                    return True
            if article or self.cues.known(tokens[:i]) or self.cues.known(tokens[i + 1 :]) or self._listed(tokens):
                self._piece(tokens[:i], False)
                self._piece(tokens[i + 1 :], False)
            return True  # "Bride and Prejudice": a title, not two names
        return len(tokens) > 2 and any(t[0].islower() for t in texts) and self._name_before_connector(tokens)

    def _listed(self, tokens: list[Tok], etype: str = "") -> bool:
        """ "like Veltrix, Morlan and Quessa": the piece goes on a list whose previous item was typed (an
        organisation or place); with ``etype`` PERSON: "Senator Paul Ryan and Newt Gingrich"."""
        out = self.found.out
        last = out[-1] if out else None
        if etype == PERSON:
            return last is not None and last.type == PERSON and len(tokens) == 2 and \
                self.words.text[last.end : tokens[0].start].strip() in ("and", ",", ", and")
        return last is not None and last.type in (ORG, PLACE) and \
            self.words.text[last.end : tokens[0].start].strip() == ","

    def _cause_name(self, tokens: list[Tok], i: int) -> bool:
        """ "X for the Y Z": a body named for its cause: a short head with no title, given name or place, then
        two or more capitalised words."""
        head, tail = tokens[:i], tokens[i + 2 :]
        words = [bare(t.text) for t in head]
        return 0 < len(head) <= 3 and sum(t.text[0].isupper() for t in tail) >= 2 and not self.cues.place(head) \
            and words[0] not in TITLEISH and words[0] not in self.gaz.given_names and words[0] not in MODIFIERS

    def _name_before_connector(self, tokens: list[Tok]) -> bool:
        """ "Antonio Reina of Spain": a person's name, then a connector and a place."""
        i = next(i for i, t in enumerate(tokens) if t.text[0].islower())
        head, tail = tokens[:i], tokens[i + 1 :]
        if len(head) < 2 or bare(head[0].text) not in self.gaz.given_names or not tail:
            return False
        if any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in head) or (
                tokens[i].text != "of" and any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in tail)):
            return False  # "Shannon Cross of Cross Research" is split; "Bank of England" is not
        self._piece(head, False)
        self._piece(tail, False)
        return True

    def _titled(self, tokens: list[Tok]) -> bool:
        """A title inside the piece: a person after it, an employer or country before it."""
        n = len(tokens)
        for i, tok in enumerate(tokens):
            key = title_word(tok.text)
            nxt = title_word(tokens[i + 1].text) if i + 1 < n else ""
            if key in TITLES or (key in TITLE_PREFIXES and nxt in TITLES) or (i == 0 and key in self.gaz.occupations):
                break  # "Farmer Chad Smith": an occupation opening the piece is a title too
        else:
            return False
        if ctx.org_before(self.words.text, tokens[0].start):
            return False  # "president of Associated General Contractors": a title word inside an employer's name
        while i and title_word(tokens[i - 1].text) in TITLE_PREFIXES:
            i -= 1  # "Monetary Affairs Commissioner": the portfolio belongs to the title
        j = i
        while j < n and (title_word(tokens[j].text) in TITLEISH or tokens[j].text.islower()):
            j += 1
        right = tokens[j:]
        cut = next((k for k, t in enumerate(right) if t.text[0].islower()), None)
        if cut:  # "King Offa of Mercia": the name ends at the connector
            self._piece(right[cut + 1 :], False)
            right = right[:cut]
        if right and tokens[j - 1].text.islower():  # "Speaker of the House Nancy Pelosi"
            k = next((m for m, t in enumerate(right) if bare(t.text) in self.gaz.given_names), None)
            if k is None and len(right) >= 3 and bare(right[0].text) in _PORTFOLIOS:
                k = 1  # "Secretary of State Condoleezza Rice": a portfolio, then the name
            if k is None:
                return False
            right = right[k:]
        left = tokens[:i]
        if not right and left and j == n:  # "Conservative Party Co-Chairman": the title ends the piece
            if any(t.text.islower() for t in left) and any(bare(t.text) in ORG_CUES for t in left):
                self.found.emit(tokens, ORG)  # "Court of Justice", "Ministry of Defence": the cue names it
            elif len(left) == 1 and j == i + 1 and bare(left[0].text) in self.gaz.given_names:
                self.found.emit(tokens, PERSON)  # "Stephen King", "Ben Judge": a surname that is a title word
            else:
                self._untitled(left, employer=title_word(tokens[i].text) not in ctx.CREATIVE_TITLES)
            return True
        honorific = all(bare(t.text) in HONORIFICS for t in tokens[i:j])
        if not right or not (self.cues.person_like(right) or (honorific and len(right) == 1)):
            return False  # "Mr Bello" is a person even where Bello is also a city
        if left:  # "Sberbank CEO German Gref"; not "Harry Potter author J.K. Rowling"
            self._untitled(left, employer=title_word(tokens[i].text) not in ctx.CREATIVE_TITLES)
        self.found.emit(right, PERSON, form_start=tokens[i].start)
        return True

    def _untitled(self, tokens: list[Tok], *, employer: bool, checked: bool = False) -> None:
        """Type a piece with no title in it; ``checked``: the caller already knows it is no place."""
        if len(tokens) > 1 and bare(tokens[0].text) in MODIFIERS:
            tokens = tokens[1:]  # "Former WorldCom chief ...", "Senior WorldCom staff"
        n = len(tokens)
        words = [bare(t.text) for t in tokens]
        glued = self._glued(tokens, words) if n >= 3 else 0
        if glued:  # "World Bank Maria Ortiz": an organisation, then a person's name
            self._untitled(tokens[:glued], employer=employer)
            self.found.emit(tokens[glued:], PERSON)
            return
        placed = False if checked else self.cues.place(tokens)
        if n == 1 and "-" in tokens[0].text and not placed:
            tok = tokens[0]
            if all(part[:1].isupper() for part in tok.text.split("-")) and self.cues.org_like(
                    tok, bare(tok.text), employer=employer, prev=self.words.prev_word(tok.start)):
                self.found.emit(tokens, ORG)  # "NGOs such as Al-Haq", "a researcher at Al-Haq"
            else:
                self._hyphenated(tok)
            return
        if placed:
            self.found.emit(tokens, PLACE)
            return
        cue_of = any(w in ORG_CUES and tokens[k + 1].text == "of" for k, w in enumerate(words[:-1]))
        if n >= 2 and not cue_of and (words[-1] in PLACE_CUES or (words[0] in PLACE_CUES and tokens[1].text.islower())):
            speaks = ctx.STATES.match(self.words.text, tokens[-1].end)  # "Downing Street said": the office in it
            self.found.emit(tokens, ORG if speaks else PLACE)
            return
        if self.cues.compass_place(tokens) or (n == 2 and words[0] in _PLACE_OPENERS and tokens[1].text.istitle()):
            self.found.emit(tokens, PLACE)  # "Upper Midwest", "Camp Pendleton", "Mount Everest", "Port Talbot"
            return
        if n == 2 and words[0] in _PARTY_ADJECTIVES and words[1] in STANDALONE_ORGS:
            self.found.emit(tokens[1:], ORG)  # "the Republican Senate candidate": the Senate
            return
        if any(w in ORG_CUES for w in words) and (n > 1 or words[0] in STANDALONE_ORGS):
            if n > 4 and words[-3:-1] == ["board", "of"] and words[-1] in _BOARDS and words[-4] in ORG_CUES:
                # "the Sheriffs' Association Board of Directors": the association, the board in the form
                self.found.emit(tokens, ORG, name=self.words.text[tokens[0].start : tokens[-4].end])
                return
            self.found.emit(tokens, ORG)
            return
        if n > 1 and words[0] in _KIND_ACRONYMS:
            self.found.emit(tokens[1:], ORG)  # "the NGO Front Line Defenders"
            return
        if words[0] in self.gaz.demonyms and not (n > 1 and words[0] in self.gaz.given_names):
            if words[-1] in ORG_CUES or (n > 2 and ctx.org_before(self.words.text, tokens[0].start)):
                self.found.emit(tokens, ORG)  # "British Navy", "Ugandan Media Council"
                return
            if n > 1:
                self._untitled(tokens[1:], employer=employer)
            return
        prev = self.words.prev_word(tokens[0].start)
        if n > 1 and (ctx.after_name(self.words.text, tokens[-1].end) == "outlet"
                      or ctx.org_before(self.words.text, tokens[0].start)
                      or (prev.lower() == "the" and ctx.STATES.match(self.words.text, tokens[-1].end)
                          and words[-1] not in self.gaz.demonyms)):
            self.found.emit(tokens, ORG)  # "union Unison", "magazine Mac Format", "economist at Fannie Mae"
            return
        if n >= 3 and words[1] in self.gaz.given_names and tokens[1].text.istitle() and \
                words[0] not in self.gaz.given_names and self.cues.name_shaped(tokens[1:]):
            if (tokens[0].text, tokens[-1].text) in self.words.pairs and self.cues.name_shaped(tokens):
                self.found.emit(tokens, PERSON)  # "Seddique Mir Mateen", who is also "Seddique Mateen"
                return
            self._untitled(tokens[:1], employer=False)  # "Tory Liam Fox", "Bollywood veteran ..."
            self.found.emit(tokens[1:], PERSON)
            return
        if n == 2 and _ROMANISED.match(tokens[1].text) and _FAMILY.match(tokens[0].text) and \
                words[0] not in self.gaz.demonyms and words[0] not in NON_ENTITY:
            self.found.emit(tokens, PERSON)  # "Moon Jae-in", "Li Yuan-Hao": a family name, a two-syllable given name
            return
        given = words[0] in self.gaz.given_names and not tokens[0].text.isupper()
        if n >= 2 and (given or self.cues.title_before(prev) or self.cues.speaks(tokens, prev)
                       or self.cues.named_in_apposition(tokens, prev) or self._listed(tokens, PERSON)
                       or ctx.person_apposition(self.words.text, tokens[-1].end, self.gaz.occupations)) \
                and self.cues.name_shaped(tokens) and (prev.lower() != "the" or (  # not "the Rodong Sinmun said";
                    given and self.words.next_word(tokens[-1].end).islower()  # "the George Bush administration"
                    and not self.cues.ends_phrase(tokens[-1].end))):
            self.found.emit(tokens, PERSON)
            return
        if n >= 2 and all(t.text[0].isupper() for t in tokens) and not all(t.text.isupper() for t in tokens) and any(
            (is_acronym(t.text) and bare(t.text) not in NON_ORG_ACRONYMS and not _INITIALS.match(t.text))
            or CAMEL.match(t.text) for t in tokens
        ):
            self.found.emit(tokens, ORG)  # "NTT DoCoMo", "BBC Radio"
            return
        if n == 1:
            self._single(tokens[0], employer=employer, prev=prev)
        elif (employer or ctx.told(self.words.text, tokens[0].start)) and all(t.text[0].isupper() for t in tokens):
            self.found.emit(tokens, ORG)  # "Carnegie Mellon Professor Raj Reddy"
        elif n <= 3 and all(t.text[0].isupper() and not is_acronym(t.text) for t in tokens) \
                and self.cues.placed(tokens, prev):
            self.found.emit(tokens, PLACE)

    def _glued(self, tokens: list[Tok], words: list[str]) -> int:
        """Where a person's name (a given name and one or two more words) starts right after a name
        ending in a cue or an acronym, else 0."""
        for k in range(1, len(tokens) - 1):
            ends = words[k - 1] in ORG_CUES or words[k - 1] in PLACE_CUES or self.cues.org_acronym(tokens[k - 1].text)
            if ends and words[k] in self.gaz.given_names and tokens[k].text.istitle() and len(tokens) - k <= 3 \
                    and self.cues.name_shaped(tokens[k:]):
                return k
        return 0

    def _hyphenated(self, tok: Tok) -> None:
        if any(CONNECTED.match(part + "-X") for part in tok.text.split("-")[1:-1]):
            self.found.emit([tok], PLACE)  # "Île-de-France", "Stratford-upon-Avon", "Frankfurt-am-Main"
            return
        head, _, rest = tok.text.partition("-")
        if fold_to_latin(head) in ctx.COMPASS and self.gaz.place(rest):  # "Oost-Groningen", "North-Rhine"
            self.found.emit([tok], PLACE)
            return
        offset = tok.start
        for part in tok.text.split("-"):
            if part and part[0].isupper() and self.gaz.place(part):
                self.found.emit([Tok(part, offset, offset + len(part))], PLACE)
            offset += len(part) + 1

    def _single(self, tok: Tok, *, employer: bool, prev: str) -> None:
        word, key = tok.text, bare(tok.text)
        if key in TITLES or key in ORG_CUES or key in self.gaz.demonyms:
            named = self.found.ending_with(word) if key in ORG_CUES and prev.lower() == "the" \
                and self.cues.ends_phrase(tok.end) else None  # not "the Rovers manager, X": that names X
            if key in STANDALONE_ORGS or named:
                self.found.emit([tok], ORG, name=named)  # "the Commission" after "the European Commission"
            return
        if key in PLACE_CUES and self.found.place_heads.get(key):
            self.found.emit([tok], PLACE)  # "the Gulf" after "the Gulf of Mexico"
            return
        if key in NEWS_AGENCIES:
            self.found.emit([tok], ORG)
            return
        if is_acronym(word):
            if key not in NON_ORG_ACRONYMS and not word.endswith("s") and not self.words.written_lowercase(word) \
                    and not _DIGIT_LETTER.search(word):  # "M4A", "Q2HD": formats and models (not "U2", "BBC2")
                self.found.emit([tok], ORG)
            return
        if word.isupper() or len(word) < 2 or key.endswith(_EPOCH_ENDINGS):
            return  # "Pliocene", "Cenozoic": geological epochs
        if self.cues.title_before(prev):
            self.found.emit([tok], PERSON)
        elif self.cues.placed([tok], prev):
            self.found.emit([tok], PLACE)
        elif self.cues.org_like(tok, key, employer=employer, prev=prev):
            self.found.emit([tok], ORG)
        else:
            self.found.emit([tok], UNKNOWN)


def find_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """The typed name mentions of ``text``, in order of appearance."""
    mentions = _Typer(text, gaz).run()
    mentions.sort(key=lambda m: m.start)
    return with_nicknames(text, mentions)
