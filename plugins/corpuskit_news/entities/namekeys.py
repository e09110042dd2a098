"""Comparison keys for names: case, accents, transliteration variants.

Two spellings of one name ("German Gref" / "Herman Gref", "Zelensky" / "Zelenskyy",
"Aleksey" / "Alexei", "BRICS" / "Brics") map to one key here, so the entity stages can
merge them. The keys are deliberately lossy; callers combine them with other evidence
(same surname, shared context) before merging people.
"""

from __future__ import annotations

import functools
import re

from corpuskit_news.text.folding import fold_to_latin

__all__ = ["name_key", "skeleton", "translit_key"]

# Ordered rewrites: spellings that transliterations of one name alternate between.
_REWRITES = (
    ("tch", "ch"),
    ("kh", "h"),
    ("cks", "x"),
    ("ks", "x"),
    ("cs", "x"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "y"),
    ("ou", "u"),
    ("g", "h"),
    ("y", "i"),
)
_NON_LETTERS = re.compile(r"[^a-z]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
_CONNECTORS = re.compile(r"(?<= )(?:and|of|the|for|on|&)(?= )")


@functools.lru_cache(maxsize=1 << 16)
def translit_key(word: str) -> str:
    """A key shared by transliteration variants of one name.

    Rules: accents and case dropped; tch/ch, kh/h, ks/x, ph/f, w/v, j/y, ou/u, g/h,
    y/i (so -sky/-ski, Dmitry/Dmitri) equal; -ff/-v, -iev/-ev, a leading i before a
    vowel (Yevgeny/Evgeny) and doubled letters removed.
    """
    key = _NON_LETTERS.sub("", fold_to_latin(word))
    if key.endswith("ff"):
        key = key[:-2] + "v"
    for old, new in _REWRITES:
        if old in key:
            key = key.replace(old, new)
    key = _DOUBLES.sub(r"\1", key)
    key = key.replace("iev", "ev").replace("iov", "ov")
    if len(key) > 2 and key[0] == "i" and key[1] in "aeou":
        key = key[1:]
    return key


def skeleton(word: str) -> str:
    """The consonants of :func:`translit_key` after its first letter: "Aleksandr" ~ "Alexander"."""
    key = translit_key(word)
    return key[:1] + _VOWELS.sub("", key[1:])


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The case- and punctuation-blind key of an organisation or place name.

    A leading "the" and a possessive ending are dropped: "The BRICS", "Brics", "BRICS'"
    share one key; so are the small words inside a name ("and", "of", "the", "for", "on",
    "&"): "Economic and Social Research Council" = "Economic Social Research Council".
    """
    key = fold_to_latin(name)
    if key.startswith("the "):
        key = key[4:]
    key = key.removesuffix("'s").removesuffix("’s")
    if " " in key:  # "Economic and Social ...", "Summit for/on the ...": the small words vary between spellings
        key = _CONNECTORS.sub(" ", f" {key} ")
    return _NON_ALNUM.sub("", key.replace("&", " ")) or key
