"""Capitalised spans: the tokens a name can be made of, cut at sentence ends and possessives.

:data:`SPAN` finds runs of capitalised words joined by spaces and connectors ("of",
"and", "de", "van", "&"...); :func:`segments` cuts one run into pieces at sentence ends
("Russia. The") and possessives ("Kremlin's website"), and says whether each piece starts
a sentence; :func:`headline_spans` finds Title Case lines, whose capitals say nothing.
The helpers are cached: the same words recur across documents.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from corpuskit_news.entities.gazetteer import ORG_CUES, PLACE_CUES, TITLES
from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = ["SPAN", "Tok", "bare", "headline_spans", "is_acronym", "segments", "title_word", "trim"]

_UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x2000) if chr(c).isupper())
_TOKEN = rf"(?:[{_UPPER}]\.){{2,}}|[{_UPPER}](?:[\w&'’‘]|-(?!-))*\.?"  # "YORK--Verizon": two words
_CONNECT = r"(?:of[ \t]+the|for[ \t]+(?:the|an?)|of|and|for|&|de|del|da|di|dos|van|von|der|den|al|bin|la|le|du)"
_START = (
    r"(?:(?<![\w'’‘])|(?<=\b[dlDL]['’])|(?<=ll['’]))"  # a word start, or after d' l' dell' (French, Italian)
    r"(?<!-de-)(?<!-du-)(?<!-la-)(?<!-le-)(?<!-en-)(?<!-am-)(?<!-sur-)(?<!-upon-)"  # not inside Île-de-France
)
# the lookahead first: most positions fail on it at once, before the lookbehinds are tried
SPAN = re.compile(rf"(?=[{_UPPER}]){_START}(?:{_TOKEN})(?:[ \t]+(?:{_CONNECT}[ \t]+)?(?:{_TOKEN}))*")
_INITIAL_CHARS = frozenset("\n.!?:;\"“”„«»'‘’|•·()[]–—-")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st jr sr inc corp co ltd gen col lt capt sgt rev sen rep gov adm maj no vs"
)
_NAME_SUFFIXES = word_set("jr jr. sr sr. ii iii iv")
_POSSESSIVES = ("'s", "’s", "‘s", "'", "’")
_GROUP_NOUNS = word_set(
    "people women children men workers farmers citizens consumers teachers nurses miners veterans"
)
"""Plural nouns whose possessive is part of an organisation's name ("European People's Party")."""
_HEADLINE = re.compile(r"^[^\n]{12,160}$", re.M)
_SMALL_WORDS = word_set("a an the of and or in on at to for by with from as vs is are")


def is_headline(line: str) -> bool:
    """A Title Case line: most of its words, small words aside, start with a capital."""
    if line.rstrip().endswith((".", "!", "\"", "”")):
        return False
    words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.85 * len(words)


class Tok(NamedTuple):
    """One word of a span and where it is."""

    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=1 << 16)
def bare(word: str) -> str:
    return fold_to_latin(word.rstrip("."))


@functools.lru_cache(maxsize=1 << 16)
def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and letters.isupper() and letters[0].isalpha()


def sentence_start(text: str, start: int) -> bool:
    """Whether position ``start`` begins a sentence, line, quotation or list item."""
    i = start - 1
    if i > 0 and text[i] in "'’" and text[i - 1].isalpha():
        return False  # "d'Europa", "dell'Italia": an elided article, mid-sentence
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _INITIAL_CHARS


@functools.lru_cache(maxsize=1 << 16)
def _clean(word: str) -> tuple[str, bool, bool]:
    """``(word, ends_sentence, possessive)``: a token without its final period or possessive."""
    for suffix in _POSSESSIVES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)], False, True
    if word.endswith(".") and word.count(".") == 1 and len(word) > 2 and bare(word) not in _ABBREVIATIONS:
        return word[:-1], True, False
    return word, False, False


def segments(text: str, match: re.Match[str]) -> list[tuple[list[Tok], bool]]:
    """Cut one capitalised span into (tokens, sentence_initial) pieces at sentence ends and possessives."""
    initial = sentence_start(text, match.start())
    base = match.start()
    span = match.group()
    if " " not in span and "\t" not in span:
        word = _clean(span)[0]
        return [([Tok(word, base, base + len(word))], initial)]
    out: list[tuple[list[Tok], bool]] = []
    current: list[Tok] = []
    pieces: list[tuple[str, int]] = []
    offset = 0
    for raw in span.split():
        offset = span.find(raw, offset)
        pieces.append((raw, offset))
        offset += len(raw)
    last = len(pieces) - 1
    for n, (raw, offset) in enumerate(pieces):
        word, cut, possessive = _clean(raw)
        if possessive and n < last and (bare(pieces[n + 1][0]) in PLACE_CUES or (  # "People's Republic"
                word.lower() in _GROUP_NOUNS and bare(pieces[-1][0]) in ORG_CUES)  # "People's Party"
                or (raw[-1] in "'’" and raw[-2:-1] == "s" and bare(pieces[n + 1][0]) in ORG_CUES)):  # "Sheriffs'
            # Association": a plural possessive before a cue
            word, possessive = raw, False
        start = base + offset
        current.append(Tok(word, start, start + len(word)))
        if cut or possessive:
            out.append((current, initial))
            current, initial = [], cut
    if current:
        out.append((current, initial))
    return out


@functools.lru_cache(maxsize=1 << 14)
def title_word(word: str) -> str:
    """A word's title form: "Co-Chairman" -> "chairman", "President-elect" -> "president"."""
    key = bare(word)
    for prefix in ("co-", "vice-", "deputy-", "ex-"):
        if key.startswith(prefix) and key[len(prefix) :] in TITLES:
            return key[len(prefix) :]
    return key.removesuffix("-elect") if key.endswith("-elect") else key


def trim(tokens: list[Tok]) -> list[Tok]:
    if len(tokens) == 1:
        return tokens if tokens[0].text[0].isupper() else []
    while tokens and tokens[0].text[0].islower():
        tokens = tokens[1:]
    while tokens and tokens[-1].text[0].islower():
        tokens = tokens[:-1]
    while tokens and bare(tokens[-1].text) in _NAME_SUFFIXES and len(tokens) > 1:
        tokens = tokens[:-1]
    return tokens


def headline_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every Title Case line of ``text``, in order."""
    return [(m.start(), m.end()) for m in _HEADLINE.finditer(text) if is_headline(m.group())]
