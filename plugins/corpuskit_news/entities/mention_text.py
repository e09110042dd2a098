"""The text a mention scan reads: its capitalised pieces and what the document says about its words.

:class:`DocumentWords` cuts the text into pieces (runs of capitalised words, see
:mod:`corpuskit_news.entities.spans`) and, while doing so, records the words the document
capitalises mid-sentence (outside headlines); it answers the questions the typing rules ask
about the text around a position: the word before or after it, whether a word also occurs in
lower case, whether a position is inside a Title Case headline.
"""

from __future__ import annotations

import bisect
import itertools
import re

from corpuskit_news.entities.gazetteer import COMMON_WORDS, NON_ENTITY, TITLE_PREFIXES, TITLES
from corpuskit_news.entities.spans import SPAN, Tok, bare, headline_spans, is_acronym, segments

__all__ = ["DocumentWords"]

_PREV_WORD = re.compile(r"(?<![\w\-.])([^\W\d_][\w\-.]*)$")
_NEXT_WORD = re.compile(r"(?:['’‘]s)?[ \t]+([\w\-]+)")
_ALNUM_RUN = re.compile(r"[^\W_]+")
_NEVER = (NON_ENTITY | COMMON_WORDS) - (TITLES | TITLE_PREFIXES)


class DocumentWords:
    """One document's text and its document-level word evidence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headlines = headline_spans(text)
        self.headline_starts = [start for start, _ in self.headlines]
        self.mid_sentence: set[str] = set()
        self.lowercase_memo: dict[str, bool] = {}
        self.alnum_runs: set[str] | None = None
        self.pairs: set[tuple[str, str]] = set()
        """Capitalised words that stand next to each other somewhere in the text ("Seddique", "Mateen")."""

    def pieces(self) -> list[tuple[list[Tok], bool]]:
        """The capitalised pieces in text order, ``(tokens, sentence_initial)``; fills :attr:`mid_sentence` and
        :attr:`pairs`."""
        pieces = []
        for match in SPAN.finditer(self.text):
            span = match.group()
            if " " not in span and bare(span) in _NEVER and not is_acronym(span):
                continue  # "The", "However", "December": the commonest capitalised words, skipped early
            for tokens, initial in segments(self.text, match):
                pieces.append((tokens, initial))
                if len(tokens) > 1:
                    words = [t.text for t in tokens]
                    self.pairs.update(itertools.pairwise(words))
                if not self.in_headline(tokens[0].start):
                    for tok in tokens[1:] if initial else tokens:
                        self.mid_sentence.add(tok.text)
        return pieces

    def written_lowercase(self, word: str) -> bool:
        """Whether the text also has ``word`` in lower case as a whole word (a common word, then)."""
        known = self.lowercase_memo.get(word)
        if known is None:
            known = self.lowercase_memo[word] = self._find_lowercase(word)
        return known

    def _find_lowercase(self, word: str) -> bool:
        lower, text = word.lower(), self.text
        if lower.isalnum():  # one set of the text's alphanumeric runs instead of a scan a word: linear
            if self.alnum_runs is None:
                self.alnum_runs = set(_ALNUM_RUN.findall(text))
            return lower in self.alnum_runs
        at = text.find(lower)
        while at != -1:
            end = at + len(lower)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                return True
            at = text.find(lower, at + 1)
        return False

    def in_headline(self, pos: int) -> bool:
        if not self.headlines:
            return False
        i = bisect.bisect_right(self.headline_starts, pos) - 1
        return i >= 0 and pos < self.headlines[i][1]

    def prev_word(self, start: int) -> str:
        """The word before ``start`` (a comma in between allowed): "CEO, German Gref" -> "CEO"."""
        window = self.text[max(0, start - 40) : start].rstrip(" \t")
        if window.endswith(","):
            window = window[:-1].rstrip(" \t")
        if not window or not (window[-1].isalpha() or window[-1] in "-."):
            return ""
        found = _PREV_WORD.search(window, max(0, len(window) - 25))
        return found.group(1) if found else ""

    def next_word(self, end: int) -> str:
        found = _NEXT_WORD.match(self.text, end)
        return found.group(1) if found else ""
