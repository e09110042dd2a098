"""Pairing quotation marks into quotations, one paragraph at a time.

A regular expression that pairs each opening mark with the next closing one goes wrong
on the house style of many English outlets, where a quotation that runs over several
paragraphs opens each paragraph with a mark and only closes the last one - and where
paragraphs were joined into one line, that leaves ``"First part. "Second part."`` with
three marks. :func:`quotations` reads the marks' direction instead: a straight ``"`` is an
opening mark after a space or at a line start and before a word, a closing mark after a
word; curly marks and guillemets say their direction (``“`` closes a German ``„``). An
opening mark inside an open quotation ends that quotation where its last sentence ended
(it ran on), and a quotation still open at the end of a paragraph ends there when its
text ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["Quotation", "quotations"]

_MARKS = re.compile("''|’’|‘‘|``|[\"“”„«»]")
_DOUBLED = {"''": '"', "’’": "”", "‘‘": "“", "``": "“"}
"""Two single marks typed for one double mark (typewriter and TeX habits): read as that double mark."""
_OPENS_BEFORE = frozenset(" \t\n([{—–-/")
_SENTENCE_END = (".", "!", "?", ".'", "?'", "!'", "…", ".’", "?’", "!’")
_SINGLE_CLOSE = ("'", "’")


class Quotation(NamedTuple):
    """One quotation: its marks (``close`` is where the text ends when no mark closed it)."""

    open: int
    start: int
    end: int
    close: int


def _direction(text: str, at: int, after_at: int, mark: str, opened_with: str | None) -> str:
    """``"open"``, ``"close"`` or ``"either"`` for the mark at ``text[at:after_at]``."""
    if mark in "„«":
        return "open"
    if mark == "»":
        return "close"
    if mark == "“" and opened_with == "„":
        return "close"
    before = text[at - 1] if at > 0 else "\n"
    after = text[after_at] if after_at < len(text) else "\n"
    left = before in _OPENS_BEFORE and not after.isspace()   # may open
    right = before not in _OPENS_BEFORE or after.isspace() or after in ",.;:!?)"  # may close
    if mark == "“":
        return "close" if right and not left and opened_with is not None else "open"
    if mark == "”":
        return "open" if left and not right and opened_with is None else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _ran_on(text: str, start: int, end: int) -> int | None:
    """Where a quotation interrupted at ``end`` ends, when its text ends a sentence (a single closing
    mark typed for the double one, ``... work.’``, is left out of it)."""
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop <= start or not text[start:stop].endswith(_SENTENCE_END):
        return None
    return stop - 1 if text[stop - 1] in _SINGLE_CLOSE and text[stop - 2] in ".!?" else stop



def quotations(text: str) -> Iterator[Quotation]:
    """The quotations of ``text``, in order."""
    opened_at: int | None = None
    opened_with: str | None = None
    width = 1  # the opening mark's length (2 for a doubled single mark)
    for match in _MARKS.finditer(text):
        at = match.start()
        mark = _DOUBLED.get(match.group(), match.group())
        after_at = match.end()
        if opened_at is not None:
            newline = text.find("\n", opened_at, at)
            if newline != -1:  # the paragraph ended while the quotation was open
                stop = _ran_on(text, opened_at + width, newline)
                if stop is not None:
                    yield Quotation(opened_at, opened_at + width, stop, stop)
                opened_at = opened_with = None
        if mark == '"':  # the common mark, inline: after a space and before a word it opens
            before = text[at - 1] if at else "\n"
            after = text[after_at] if after_at < len(text) else "\n"
            if before in ".!?" and after.isupper() and opened_at is None:
                direction = "open"  # 'said Tim Kaine."So that is ...': a quotation opened with no space
            elif before not in _OPENS_BEFORE or after.isspace():
                direction = "close"
            else:
                direction = "either" if after in ",.;:!?)" else "open"
        else:
            direction = _direction(text, at, after_at, mark, opened_with)
        if opened_at is not None and at == opened_at + width and not text[after_at : after_at + 1].isspace():
            width += after_at - at  # '“”This is ...': a doubled opening mark opens once
            continue
        if opened_at is None:
            if direction != "close":
                opened_at, opened_with, width = at, mark, after_at - at
            continue
        if direction == "open":
            stop = _ran_on(text, opened_at + width, at)
            if stop is not None:
                yield Quotation(opened_at, opened_at + width, stop, stop)
            opened_at, opened_with, width = at, mark, after_at - at
            continue
        yield Quotation(opened_at, opened_at + width, at, after_at)
        opened_at = opened_with = None
    if opened_at is not None:
        newline = text.find("\n", opened_at)
        stop = _ran_on(text, opened_at + width, newline if newline != -1 else len(text))
        if stop is not None:
            yield Quotation(opened_at, opened_at + width, stop, stop)
