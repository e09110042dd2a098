"""Text statistics an expression can read as ``text.NAME``, each computed on first use."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["TEXT_STATS", "TextStats"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class TextStats:
    """The statistics of one text, each computed once, when first read."""

    __slots__ = ("_values", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] | None = None
        self._values: dict[str, float | int] = {}

    def get(self, name: str) -> float | int:
        value = self._values.get(name)
        if value is None:
            value = self._values[name] = TEXT_STATS[name][0](self)
        return value


def _count(text: str, test: Callable[[str], bool]) -> int:
    return sum(map(test, text))


def _nonspace(text: str) -> int:
    return len(text) - _count(text, str.isspace)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _words(s: TextStats) -> list[str]:
    if s.words is None:
        s.words = s.text.split()
    return s.words


def _mean_word_length(s: TextStats) -> float:
    words = _words(s)
    return round(sum(len(w) for w in words) / len(words), 6) if words else 0.0


def _unique_word_ratio(s: TextStats) -> float:
    words = _words(s)
    return _ratio(len(set(words)), len(words))


TEXT_STATS: dict[str, tuple[Callable[[TextStats], float | int], str]] = {
    "chars": (lambda s: len(s.text), "characters"),
    "words": (lambda s: len(_words(s)), "words (runs of non-space characters)"),
    "lines": (lambda s: len([line for line in s.text.splitlines() if line.strip()]), "lines holding non-space text"),
    "paragraphs": (lambda s: len([p for p in _BLANK_LINE.split(s.text) if p.strip()]),
                   "blocks of non-blank lines between blank lines"),
    "mean_word_length": (_mean_word_length, "mean characters per word (0 without words)"),
    "unique_word_ratio": (_unique_word_ratio, "distinct words / words (0 without words)"),
    "alpha_ratio": (lambda s: _ratio(_count(s.text, str.isalpha), _nonspace(s.text)),
                    "letters / non-space characters"),
    "digit_ratio": (lambda s: _ratio(_count(s.text, str.isdigit), _nonspace(s.text)),
                    "digits / non-space characters"),
    "upper_ratio": (lambda s: _ratio(_count(s.text, str.isupper), _count(s.text, str.isalpha)),
                    "upper-case letters / letters"),
}
"""name -> (how it is computed, what it means) - docs/filters.md lists the same."""
