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

import bisect
import re
from typing import NamedTuple

from corpuskit_news.entities import name_context as ctx
from corpuskit_news.entities.gazetteer import (
    COMMON_WORDS,
    HONORIFICS,
    NEWS_AGENCIES,
    NON_ENTITY,
    NON_ORG_ACRONYMS,
    ORG_CUES,
    PLACE_ALIASES,
    PLACE_CUES,
    TITLE_PREFIXES,
    TITLES,
    Gazetteer,
)
from corpuskit_news.entities.spans import SPAN, Tok, bare, headline_spans, is_acronym, segments, title_word, trim
from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = ["Mention", "find_mentions"]

PERSON, ORG, PLACE, UNKNOWN = "person", "organization", "place", "unknown"

_PREV_WORD = re.compile(r"(?<![\w\-.])([^\W\d_][\w\-.]*)$")
_STANDALONE_ORGS = word_set("congress parliament senate pentagon kremlin nato")
_TITLEISH = TITLES | TITLE_PREFIXES
_NEVER = (NON_ENTITY | COMMON_WORDS) - _TITLEISH
_NEXT_WORD = re.compile(r"(?:['’‘]s)?[ \t]+([\w\-]+)")
_CONNECTED = re.compile(r"(?:de|du|des|la|le|sur|upon|on|am|an|en|di|del|da)-[A-ZÀ-Þ]")
_PLACE_PREPOSITIONS_CYRILLIC = frozenset(("в", "во", "из", "под", "у"))
_CAMEL = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|Van|Von)[A-Z][a-z]+[A-Z][A-Za-z]*$")
_SPEECH = word_set("said says told added explained argued noted insisted warned")
_VERBS_AFTER_NAME = word_set("said says has have had is was were will would announced reported added told")


class Mention(NamedTuple):
    """One typed name in the text: ``name`` without titles, ``form`` as written."""

    start: int
    end: int
    name: str
    form: str
    type: str
    form_start: int = -1  # where ``form`` starts when a title precedes the name; -1: at ``start``


class _Scanner:
    """One document's scan: holds the text and the document-level word evidence."""

    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.text = text
        self.gaz = gaz
        self.mid_sentence: set[str] = set()
        self.after_the: set[int] = set()
        self.after_prep: set[int] = set()
        self.headlines = headline_spans(text)
        self.headline_starts = [start for start, _ in self.headlines]
        self.lowercase_memo: dict[str, bool] = {}
        self.out: list[Mention] = []
        self.seen, self.seen_upto = set(), 0  # organisation and place names of ``out``, filled when needed

    def run(self) -> list[Mention]:
        pieces = []
        for match in SPAN.finditer(self.text):
            span = match.group()
            if " " not in span and bare(span) in _NEVER and not is_acronym(span):
                continue  # "The", "However", "December": the commonest capitalised words, skipped early
            for tokens, initial in segments(self.text, match):
                pieces.append((tokens, initial))
                if not self._in_headline(tokens[0].start):
                    for tok in tokens[1:] if initial else tokens:
                        self.mid_sentence.add(tok.text)
        for tokens, initial in pieces:
            self._piece(tokens, initial)
        return self.out

    # -- helpers -------------------------------------------------------------------
    def _written_lowercase(self, word: str) -> bool:
        """Whether the text also has ``word`` in lower case as a whole word (a common word, then)."""
        known = self.lowercase_memo.get(word)
        if known is None:
            known = self.lowercase_memo[word] = self._find_lowercase(word)
        return known

    def _find_lowercase(self, word: str) -> bool:
        lower, text = word.lower(), self.text
        at = text.find(lower)
        while at != -1:
            end = at + len(lower)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                return True
            at = text.find(lower, at + 1)
        return False

    def _in_headline(self, pos: int) -> bool:
        if not self.headlines:
            return False
        i = bisect.bisect_right(self.headline_starts, pos) - 1
        return i >= 0 and pos < self.headlines[i][1]

    def _headline_ok(self, tokens: list[Tok]) -> bool:
        """In a Title Case line only known places and names the prose also capitalises count."""
        return self._place(tokens) or all(
            t.text in self.mid_sentence or t.text.islower() or bare(t.text) in _TITLEISH for t in tokens
        )

    def _emit(self, tokens: list[Tok], etype: str, form_start: int | None = None) -> None:
        start, end = tokens[0].start, tokens[-1].end
        name = self.text[start:end]
        begin = form_start if form_start is not None else start
        form = self.text[begin:end]
        self.out.append(Mention(start, end, " ".join(name.split()), " ".join(form.split()), etype, begin))

    def _place(self, tokens: list[Tok]) -> bool:
        if len(tokens) == 1:
            word = tokens[0].text
            if is_acronym(word):  # "US", "UK"; a dateline's "TOKYO"
                folded = fold_to_latin(word)
                return folded in PLACE_ALIASES or (len(word) >= 4 and folded in self.gaz.places)
            return fold_to_latin(word) in self.gaz.places
        return self.gaz.place(" ".join(t.text for t in tokens)) is not None

    def _prev_word(self, start: int) -> str:
        """The word before ``start`` (a comma in between allowed): "CEO, German Gref" -> "CEO"."""
        window = self.text[max(0, start - 40) : start].rstrip(" \t")
        if window.endswith(","):
            window = window[:-1].rstrip(" \t")
        if not window or not (window[-1].isalpha() or window[-1] in "-."):
            return ""
        found = _PREV_WORD.search(window, max(0, len(window) - 25))
        return found.group(1) if found else ""

    # -- the decision --------------------------------------------------------------
    def _piece(self, tokens: list[Tok], initial: bool) -> None:
        tokens = trim(tokens)
        if not tokens or bare(tokens[-1].text) in ctx.EVENT_WORDS:
            return  # "Brit Awards", "FA Cup": events are not entities
        for i, tok in enumerate(tokens):
            if "-" not in tok.text:
                continue
            head, dash, tail = tok.text.partition("-")
            if dash and tail[:1].islower() and bare(tok.text) not in TITLES and not _CONNECTED.match(tail):
                # "UK-based", "Kremlin-backed"; not "Île-de-France", "Stratford-upon-Avon"
                if self._place([Tok(head, tok.start, tok.start + len(head))]):
                    self._emit([Tok(head, tok.start, tok.start + len(head))], PLACE)
                self._piece(tokens[:i], initial)
                self._piece(tokens[i + 1 :], False)
                return
        if self._in_headline(tokens[0].start) and not self._headline_ok(tokens):
            return
        if self._place(tokens) or self._compass_place(tokens):
            self._emit(tokens, PLACE)
            return
        if initial:
            word = tokens[0].text
            key = bare(word)
            drop = key in NON_ENTITY or key in COMMON_WORDS or (key in self.gaz.demonyms and not (
                len(tokens) == 2 and bare(tokens[1].text) in ORG_CUES))  # "British Navy ships ..."
            if not drop and key not in _TITLEISH and self._written_lowercase(word):
                drop = not self._place(tokens[:1])
            if not drop and len(tokens) == 1 and not is_acronym(word) and word not in self.mid_sentence \
                    and tokens[0].start not in self.after_prep:
                drop = not (self._place(tokens) or key in self.gaz.given_names or self._org_signal(tokens[0], key))
            if drop:
                if key == "the" and len(tokens) == 2:
                    self.after_the.add(tokens[1].start)
                if (key in ctx.PLACE_PREPOSITIONS or word.lower() in _PLACE_PREPOSITIONS_CYRILLIC) and len(tokens) > 1:
                    self.after_prep.add(tokens[1].start)
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
                if any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in tokens[i + 1 :]):
                    continue  # "Home Office", "Old Vic Theatre School", "BBC World Service"
                if i and self._org_acronym(tokens[0].text):
                    continue  # "BBC Sport", "ITV News": an outlet and its section
                self._piece(tokens[:i], False)
                self._piece(tokens[i + 1 :], False)
                return
        if self._titled(tokens):
            return
        self._untitled(tokens, employer=False, checked=True)

    def _org_acronym(self, word: str) -> bool:
        return is_acronym(word) and bare(word) not in NON_ORG_ACRONYMS and fold_to_latin(word) not in PLACE_ALIASES

    def _joined(self, tokens: list[Tok]) -> bool:
        """Pieces joined by "&", "and", "for" or "of": one name, two names, or a title of a work."""
        texts = [t.text for t in tokens]
        if "&" in texts:
            self._emit(tokens, ORG)  # "Marsh & McLennan", "Standard & Poor's"
            return True
        if ("and" in texts or "for" in texts) and not self._org_with_and(tokens):
            i = next(i for i, t in enumerate(tokens) if t.text in ("and", "for"))  # "Sberbank and Yandex"
            if self._known(tokens[:i]) or self._known(tokens[i + 1 :]):
                self._piece(tokens[:i], False)
                self._piece(tokens[i + 1 :], False)
            return True  # "Bride and Prejudice": a title, not two names
        return len(tokens) > 2 and any(t[0].islower() for t in texts) and self._name_before_connector(tokens)

    def _org_with_and(self, tokens: list[Tok]) -> bool:
        """ "Securities and Exchange Commission", "Commission for Racial Equality": one name."""
        i = next(i for i, t in enumerate(tokens) if t.text in ("and", "for"))
        cue_before = any(bare(t.text) in ORG_CUES for t in tokens[:i])
        if tokens[i].text == "for":
            return cue_before and i > 0
        cue_after = bare(tokens[-1].text) in ORG_CUES
        return cue_after and not (i > 1 and cue_before) and i > 0

    def _known(self, tokens: list[Tok]) -> bool:
        """Whether a piece has evidence of its own: a place, a given name, a cue, an acronym."""
        if not tokens:
            return False
        words = [bare(t.text) for t in tokens]
        return (self._place(tokens) or words[0] in self.gaz.given_names or any(w in ORG_CUES for w in words)
                or any(is_acronym(t.text) for t in tokens) or self._typed_before(tokens)
                or self._org_signal(tokens[0], words[0]) or self._placed(tokens, self._prev_word(tokens[0].start)))

    def _typed_before(self, tokens: list[Tok]) -> bool:
        """Whether the document named this organisation or place already ("Charlton midfielder ...")."""
        self.seen.update(m.name for m in self.out[self.seen_upto :] if m.type in (ORG, PLACE))  # new ones only
        self.seen_upto = len(self.out)
        return " ".join(t.text for t in tokens) in self.seen

    def _name_before_connector(self, tokens: list[Tok]) -> bool:
        """ "Antonio Reina of Spain": a person's name, then a connector and a place."""
        i = next(i for i, t in enumerate(tokens) if t.text[0].islower())
        head, tail = tokens[:i], tokens[i + 1 :]
        if len(head) < 2 or bare(head[0].text) not in self.gaz.given_names or not tail:
            return False
        if any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in tokens):
            return False
        self._piece(head, False)
        self._piece(tail, False)
        return True

    def _titled(self, tokens: list[Tok]) -> bool:
        """A title inside the piece: a person after it, an employer or country before it."""
        n = len(tokens)
        for i, tok in enumerate(tokens):
            key = title_word(tok.text)
            nxt = title_word(tokens[i + 1].text) if i + 1 < n else ""
            if key in TITLES or (key in TITLE_PREFIXES and nxt in TITLES):
                break
        else:
            return False
        while i and title_word(tokens[i - 1].text) in TITLE_PREFIXES:
            i -= 1  # "Monetary Affairs Commissioner": the portfolio belongs to the title
        j = i
        while j < n and (title_word(tokens[j].text) in _TITLEISH or tokens[j].text.islower()):
            j += 1
        right = tokens[j:]
        cut = next((k for k, t in enumerate(right) if t.text[0].islower()), None)
        if cut:  # "King Offa of Mercia": the name ends at the connector
            self._piece(right[cut + 1 :], False)
            right = right[:cut]
        if right and tokens[j - 1].text.islower():  # "Speaker of the House Nancy Pelosi"
            k = next((m for m, t in enumerate(right) if bare(t.text) in self.gaz.given_names), None)
            if k is None:
                return False
            right = right[k:]
        left = tokens[:i]
        if not right and left and j == n:  # "Conservative Party Co-Chairman": the title ends the piece
            if any(t.text.islower() for t in left) and any(bare(t.text) in ORG_CUES for t in left):
                self._emit(tokens, ORG)  # "Court of Justice", "Ministry of Defence": the cue names it
            elif len(left) == 1 and j == i + 1 and bare(left[0].text) in self.gaz.given_names:
                self._emit(tokens, PERSON)  # "Stephen King", "Ben Judge": a surname that is a title word
            else:
                self._untitled(left, employer=title_word(tokens[i].text) not in ctx.CREATIVE_TITLES)
            return True
        honorific = all(bare(t.text) in HONORIFICS for t in tokens[i:j])
        if not right or not (self._person_like(right) or (honorific and len(right) == 1)):
            return False  # "Mr Bello" is a person even where Bello is also a city
        if left:  # "Sberbank CEO German Gref"; not "Harry Potter author J.K. Rowling"
            self._untitled(left, employer=title_word(tokens[i].text) not in ctx.CREATIVE_TITLES)
        self._emit(right, PERSON, form_start=tokens[i].start)
        return True

    def _person_like(self, tokens: list[Tok]) -> bool:
        if not 1 <= len(tokens) <= 4:
            return False
        if any(bare(t.text) in ORG_CUES or bare(t.text) in PLACE_CUES for t in tokens):
            return False
        if self._place(tokens) or (bare(tokens[0].text) in self.gaz.demonyms and len(tokens) == 1):
            return False
        if len(tokens) == 1 and self._written_lowercase(tokens[0].text):
            return False  # "General Election": a common noun after a title word
        return all(not is_acronym(t.text) or len(t.text.rstrip(".")) <= 2 for t in tokens)

    def _untitled(self, tokens: list[Tok], *, employer: bool, checked: bool = False) -> None:
        """Type a piece with no title in it; ``checked``: the caller already knows it is no place."""
        n = len(tokens)
        words = [bare(t.text) for t in tokens]
        placed = False if checked else self._place(tokens)
        if n == 1 and "-" in tokens[0].text and not placed:
            self._hyphenated(tokens[0])
            return
        if placed:
            self._emit(tokens, PLACE)
            return
        if n >= 2 and (words[-1] in PLACE_CUES or (words[0] in PLACE_CUES and tokens[1].text.islower())):
            self._emit(tokens, PLACE)
            return
        if self._compass_place(tokens):
            self._emit(tokens, PLACE)
            return
        if any(w in ORG_CUES for w in words) and (n > 1 or words[0] in _STANDALONE_ORGS):
            self._emit(tokens, ORG)
            return
        if words[0] in self.gaz.demonyms and not (n > 1 and words[0] in self.gaz.given_names):
            if n == 2 and words[1] in ORG_CUES:
                self._emit(tokens, ORG)  # "British Navy", "Ugandan Media Council"
                return
            if n > 1:
                self._untitled(tokens[1:], employer=employer)
            return
        prev = self._prev_word(tokens[0].start)
        if n > 1 and (ctx.after_name(self.text, tokens[-1].end) == "outlet"
                      or ctx.org_before(self.text, tokens[0].start)):
            self._emit(tokens, ORG)  # "union Unison", "magazine Mac Format", "economist at Fannie Mae"
            return
        given = words[0] in self.gaz.given_names and not tokens[0].text.isupper()
        if n >= 2 and (given or bare(prev) in TITLES or self._speaks(tokens, prev)) and self._name_shaped(tokens):
            self._emit(tokens, PERSON)
            return
        if n >= 3 and words[1] in self.gaz.given_names and tokens[1].text.istitle() and \
                words[0] not in self.gaz.given_names and self._name_shaped(tokens[1:]):
            self._untitled(tokens[:1], employer=False)  # "Tory Liam Fox", "Bollywood veteran ..."
            self._emit(tokens[1:], PERSON)
            return
        if n >= 2 and all(t.text[0].isupper() for t in tokens) and not all(t.text.isupper() for t in tokens) and any(
            (is_acronym(t.text) and bare(t.text) not in NON_ORG_ACRONYMS) or _CAMEL.match(t.text) for t in tokens
        ):
            self._emit(tokens, ORG)  # "NTT DoCoMo", "BBC Radio"
            return
        if n == 1:
            self._single(tokens[0], employer=employer, prev=prev)
        elif employer and all(t.text[0].isupper() for t in tokens):
            self._emit(tokens, ORG)  # "Carnegie Mellon Professor Raj Reddy"
        elif n <= 3 and all(t.text[0].isupper() and not is_acronym(t.text) for t in tokens) \
                and self._placed(tokens, prev):
            self._emit(tokens, PLACE)

    def _speaks(self, tokens: list[Tok], prev: str) -> bool:
        """ "says Taran Adarsh", "Taran Adarsh said": two or three words next to a speech verb."""
        if len(tokens) > 3:
            return False
        return prev.lower() in _SPEECH or self._next_word(tokens[-1].end).lower() in _SPEECH

    def _name_shaped(self, tokens: list[Tok]) -> bool:
        if not self._person_like(tokens):
            return False
        last = tokens[-1].text
        return not last.isupper() and bare(last) not in self.gaz.demonyms

    def _hyphenated(self, tok: Tok) -> None:
        if any(_CONNECTED.match(part + "-X") for part in tok.text.split("-")[1:-1]):
            self._emit([tok], PLACE)  # "Île-de-France", "Stratford-upon-Avon", "Frankfurt-am-Main"
            return
        head, _, rest = tok.text.partition("-")
        if fold_to_latin(head) in ctx.COMPASS and self.gaz.place(rest):  # "Oost-Groningen", "North-Rhine"
            self._emit([tok], PLACE)
            return
        offset = tok.start
        for part in tok.text.split("-"):
            if part and part[0].isupper() and self.gaz.place(part):
                self._emit([Tok(part, offset, offset + len(part))], PLACE)
            offset += len(part) + 1

    def _compass_place(self, tokens: list[Tok]) -> bool:
        """ "West Asia", "Central Asia", "Northern Norway"."""
        return len(tokens) >= 2 and bare(tokens[0].text) in ctx.COMPASS and self._place(tokens[1:])

    def _next_word(self, end: int) -> str:
        found = _NEXT_WORD.match(self.text, end)
        return found.group(1) if found else ""

    def _placed(self, tokens: list[Tok], prev: str) -> bool:
        """Context that makes an unknown name a place: "in X", "X, Portugal", "the X reservoir"."""
        if ctx.PLACE_OF.search(self.text, max(0, tokens[0].start - 30), tokens[0].start):
            return True  # "the state of Andhra Pradesh", "the town of Marlow Bend"
        if ctx.PREP_THE.search(self.text, max(0, tokens[0].start - 20), tokens[0].start):
            return True  # "in the Yorkshire Wolds"
        preposition = prev in ctx.PLACE_PREPOSITIONS or prev in _PLACE_PREPOSITIONS_CYRILLIC
        if preposition and not ctx.STAKE_IN.search(self.text, max(0, tokens[0].start - 30), tokens[0].start):
            return True
        if tokens[0].start in self.after_prep:
            return True
        located = ctx.IN_PLACE.match(self.text, tokens[-1].end) if len(tokens) == 1 else None  # "Luleå in Sweden"
        if located and self.gaz.place(located.group(1)):
            return True
        nxt = self._next_word(tokens[-1].end)
        if nxt.lower() in ctx.PLACE_NOUNS:
            return True
        after = ctx.COMMA_WORD.match(self.text, tokens[-1].end)
        return bool(after and self.gaz.place(after.group(1))
                    and fold_to_latin(after.group(1)) not in self.gaz.given_names)

    def _single(self, tok: Tok, *, employer: bool, prev: str) -> None:
        word, key = tok.text, bare(tok.text)
        if key in TITLES or key in ORG_CUES or key in self.gaz.demonyms:
            if key in _STANDALONE_ORGS:
                self._emit([tok], ORG)
            return
        if key in NEWS_AGENCIES:
            self._emit([tok], ORG)
            return
        if is_acronym(word):
            if key not in NON_ORG_ACRONYMS and not word.endswith("s") and not self._written_lowercase(word):
                self._emit([tok], ORG)
            return
        if word.isupper() or len(word) < 2:
            return
        if bare(prev) in TITLES:
            self._emit([tok], PERSON)
        elif self._placed([tok], prev):
            self._emit([tok], PLACE)
        elif self._org_like(tok, key, employer=employer, prev=prev):
            self._emit([tok], ORG)
        else:
            self._emit([tok], UNKNOWN)

    def _org_like(self, tok: Tok, key: str, *, employer: bool, prev: str) -> bool:
        if employer or ctx.after_name(self.text, tok.end) or key in _STANDALONE_ORGS:
            return True  # "Yandex chief executive ...", "the Mirror newspaper"
        if ctx.org_before(self.text, tok.start):
            return True  # "union Unison", "economist at Acme", "makers like Dell"
        if ctx.ORG_SUFFIX.search(key) or (_CAMEL.match(tok.text) and key not in NON_ORG_ACRONYMS):
            return True
        if ctx.ORG_AFTER.match(self.text, tok.end) or ctx.SHARES_IN.search(self.text, max(0, tok.start - 20),
                                                                          tok.start):
            return True  # "Intel said it", "Vodafone's chief executive", "shares in Yandex"
        return (prev == "the" or tok.start in self.after_the) and self._ends_phrase(tok.end)

    def _org_signal(self, tok: Tok, key: str) -> bool:
        """Evidence enough at a sentence start: "Sberbank", "PayPal", "Reuters", "Electrolux said it",
        "Yandex chief executive ...", "Mirror newspaper" (not "Moroccan newspaper")."""
        if key in NEWS_AGENCIES or ctx.ORG_SUFFIX.search(key) or _CAMEL.match(tok.text):
            return True
        if ctx.ORG_AFTER.match(self.text, tok.end):
            return True
        after = ctx.after_name(self.text, tok.end)
        return after == "title" or (after == "outlet" and key not in self.gaz.demonyms)

    def _ends_phrase(self, end: int) -> bool:
        """"the X" names an organisation unless X modifies a following noun ("the Alqueva lake")."""
        nxt = self._next_word(end)
        return not nxt or nxt in _VERBS_AFTER_NAME


def find_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """The typed name mentions of ``text``, in order of appearance."""
    mentions = _Scanner(text, gaz).run()
    mentions.sort(key=lambda m: m.start)
    return mentions
