"""What a mention scan accumulates: the mentions found so far and the positions they mark."""

from __future__ import annotations

import re

from corpuskit_news.entities.mention import ORG, PERSON, PLACE, Mention
from corpuskit_news.entities.namekeys import translit_key
from corpuskit_news.entities.spans import Tok
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["Found"]

_SUFFIX = re.compile(r",?[ \t]+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])")


class Found:
    """The scan's output and the context earlier decisions leave for later ones.

    ``out``: the mentions, in the order they were decided. ``after_the`` / ``after_prep``:
    start positions of words that followed a dropped sentence-initial "the" / place
    preposition ("In Luleå ..."), which makes them more likely an organisation / a place.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Mention] = []
        self.after_the: set[int] = set()
        self.after_prep: set[int] = set()
        self.seen: set[str] = set()  # organisation and place names of ``out``, filled when needed
        self.seen_upto = 0
        self.surnames: set[str] = set()  # transliteration keys of the surnames of full names emitted
        self.place_heads: dict[str, int] = {}  # first words (folded) of the multi-word places emitted
        self.org_tails: dict[str, set[str]] = {}  # last word -> the multi-word organisation names emitted

    def emit(self, tokens: list[Tok], etype: str, form_start: int | None = None, name: str | None = None) -> None:
        """Record a mention of ``tokens``; ``name``: the entity it names when that is not its text."""
        start, end = tokens[0].start, tokens[-1].end
        name = name or self.text[start:end]
        begin = form_start if form_start is not None else start
        suffix = _SUFFIX.match(self.text, end) if etype == PERSON else None
        form = self.text[begin : suffix.end() if suffix else end]  # "James Roosevelt Jr.": the suffix in the form
        self.out.append(Mention(start, end, " ".join(name.split()), " ".join(form.split()), etype, begin))
        if etype == PERSON and len(tokens) > 1:
            self.surnames.add(translit_key(tokens[-1].text))
        elif etype == ORG and len(tokens) > 1:
            self.org_tails.setdefault(tokens[-1].text, set()).add(self.out[-1].name)
        elif etype == PLACE and len(tokens) > 1:
            head = fold_to_latin(tokens[0].text)
            self.place_heads[head] = self.place_heads.get(head, 0) + 1

    def ending_with(self, word: str) -> str | None:
        """The one organisation named so far whose name of two or more words ends with ``word`` ("the
        Commission" after "European Commission"), else None."""
        names = self.org_tails.get(word)
        return next(iter(names)) if names is not None and len(names) == 1 else None

    def typed_before(self, tokens: list[Tok]) -> bool:
        """Whether the document named this organisation or place already ("Charlton midfielder ...")."""
        self.seen.update(m.name for m in self.out[self.seen_upto :] if m.type in (ORG, PLACE))  # new ones only
        self.seen_upto = len(self.out)
        return " ".join(t.text for t in tokens) in self.seen
