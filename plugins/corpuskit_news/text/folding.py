"""Comparison forms of words: two foldings that mean different things.

* :func:`fold_accents`: case-folded, accents dropped, every script kept ("Zürich" ->
  "zurich", "Москва" -> "москва"). Page names (mastheads, publishers) are compared so.
* :func:`fold_to_latin`: the same, and Cyrillic written in Latin letters ("Ирина" ->
  "irina"), so a name meets its transliteration. Entity names, gazetteer keys and
  quote speakers are compared so.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["fold_accents", "fold_to_latin", "word_set"]


def fold_accents(text: str) -> str:
    """``text`` case-folded and without accents, every script kept (page names are compared so)."""
    if text.isascii():
        return text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "і": "i", "є": "ye", "ґ": "g",
})
"""Cyrillic to Latin (after accents are dropped: й -> и, ё -> е), so "Ирина" meets "Irina"."""


@functools.lru_cache(maxsize=1 << 16)
def fold_to_latin(text: str) -> str:
    """Case-folded text without accents, Cyrillic in Latin letters: the comparison form of names."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_CYRILLIC)


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, folded like the words they are compared with."""
    return frozenset(fold_to_latin(word) for word in text.split())
