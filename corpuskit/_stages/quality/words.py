"""English words as spaCy's rule-based tokenizer counts them, without spaCy.

The published quality filters count "words" as datatrove does: the tokens of spaCy's
blank English pipeline, punctuation marks included (``end.`` is two words, ``don't`` is
``do`` + ``n't``, ``U.S.`` is one). A plain ``str.split`` or ``\\w+`` disagrees with it on
most web pages, enough to flip the Gopher word-count and ratio rules on menus and short
pages. :func:`words` follows the same procedure, written for corpuskit:

1. split on whitespace (``str.isspace``);
2. a chunk listed in :data:`SPECIAL_CASES` is its listed tokens;
3. otherwise peel prefixes (opening punctuation, quotes, currency signs, symbols) and
   suffixes (closing punctuation, quotes, ``'s``, units and currency after a number, a
   period after a lower-case letter or a digit or two capitals) off both ends, in turn,
   until nothing changes or what is left is a special case;
4. what is left is one token if it is a URL, else it is split at infixes (``...``,
   hyphens and ``/:<>=`` between letters, a comma between letters, a period between a
   lower-case and an upper-case letter, arithmetic between digits).

Chunks repeat a lot in a corpus, so each chunk's tokens are cached (bounded).
:func:`sentence_count` counts sentences the way spaCy's rule-based sentencizer splits a
line (a new sentence starts at the first non-punctuation token after a terminal mark).
"""

from __future__ import annotations

import re
import unicodedata

from corpuskit._stages.quality.charsets import SENTENCE_END
from corpuskit._stages.quality.special_cases import SPECIAL_CASES

__all__ = ["document_words", "sentence_count", "words"]

def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_QUOTES = "'\"\u201d\u201c`\u2018\u00b4\u2019\u201a,\u201e\u00bb\u00ab\u300c\u300d\u300e\u300f\uff08\uff09" \
          "\u3014\u3015\u3010\u3011\u300a\u300b\u2329\u232a\u3008\u3009\u27e6\u27e7"
_PUNCT = "\u2026,:;!?\u00bf\u061f\u00a1()[]{}<>_#*&\u3002\uff1f\uff01\uff0c\u3001\uff1b\uff1a\uff5e\u00b7\u0964" \
         "\u060c\u06d4\u061b\u066a"
_CURRENCY_CHARS = "$\u00a3\u20ac\u00a5\u0e3f\u20bd\ufdfc\u20b4" + "".join(map(chr, range(0x20A0, 0x20C0)))
_PREFIX_CHARS = frozenset("\u00a7%=\u2014\u2013" + _PUNCT + _QUOTES + _CURRENCY_CHARS)
_SUFFIX_CHARS = frozenset(_PUNCT + _QUOTES + "\u2014\u2013")
_PERIOD_AFTER = frozenset("0123456789%\u00b2-+|" + _PUNCT + _QUOTES)
_UNITS = frozenset((
    *_names("km km\u00b2 km\u00b3 m m\u00b2 m\u00b3 dm dm\u00b2 dm\u00b3 cm cm\u00b2 cm\u00b3 mm mm\u00b2 mm\u00b3"),
    *_names("ha \u00b5m nm yd in ft kg g mg \u00b5g t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB"),
    *_names("T G M K % \u043a\u043c \u043c \u0441\u043c \u043c\u043c \u043a\u0433 \u0433 \u043c\u0433"),
    *_CURRENCY_CHARS, "US$", "C$", "A$",
))
_LONGEST_UNIT = max(map(len, _UNITS))
_DIGITS = frozenset("0123456789")
_HYPHENS = ("---", "--", "\u2014\u2014", "-", "\u2013", "\u2014", "~")
_INFIX_CANDIDATE = re.compile(r"[^\w\s]")
_URL = re.compile(
    r"^(?:[\w+\-.]{2,}://)?(?:\S+(?::\S*)?@)?"
    r"(?:(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))"
    r"|(?:(?:[A-Za-z0-9\u00a1-\uffff][A-Za-z0-9\u00a1-\uffff_-]{0,62})?[A-Za-z0-9\u00a1-\uffff]\.)+(?P<tld>[^\W\d_]{2,63}))"
    r"(?::\d{2,5})?(?:[/?#]\S*)?$"
)
"""A URL or a domain name; the top-level domain must be lower case (``google.JPG`` is not one)."""
_LONGEST_SPECIAL_RUN = 5
_LONGEST_URL = 8192
_CACHE_LIMIT = 200_000
_LONGEST_CACHED = 64  # a base64 blob is not worth remembering
_cache: dict[str, tuple[str, ...]] = {}


def words(text: str) -> list[str]:
    """The tokens of ``text`` (punctuation marks included, whitespace never a token)."""
    out: list[str] = []
    cache = _cache
    for chunk in text.split():
        tokens = cache.get(chunk)
        if tokens is None:
            tokens = _chunk_tokens(chunk)
            if len(chunk) <= _LONGEST_CACHED:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[chunk] = tokens
        if len(tokens) == 1:
            out.append(tokens[0])
        else:
            out.extend(tokens)
    return out


_last: list[object] = [None, []]


def document_words(text: str) -> list[str]:
    """:func:`words` of ``text``, remembered for the next call with the same text.

    Consecutive quality stages (``gopher_quality`` then ``gopher_repetition``) see the
    same document one after the other: the second one does not tokenise it again. The
    list is shared: do not change it.
    """
    if _last[0] is text or _last[0] == text:
        return _last[1]  # type: ignore[return-value]
    tokens = words(text)
    _last[0], _last[1] = text, tokens
    return tokens


def sentence_count(tokens: list[str]) -> int:
    """How many sentences spaCy's sentencizer finds in a line made of ``tokens`` (0 if none)."""
    if not tokens:
        return 0
    count = 1
    seen_end = False
    for token in tokens:
        if token in SENTENCE_END:
            seen_end = True
        elif seen_end and not _is_punct(token):
            count += 1
            seen_end = False
    return count


def _is_url(s: str) -> bool:
    if "." not in s or len(s) > _LONGEST_URL:  # every URL has a dot; the regex is slow on huge chunks
        return False
    match = _URL.match(s)
    if match is None:
        return False
    tld = match.group("tld")
    return tld is None or not any(ch.isupper() for ch in tld)


def _is_punct(token: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in token)


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) == "So"


def _is_lower(ch: str) -> bool:
    return ch.isalpha() and not ch.isupper() and not ch.istitle()


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    special = SPECIAL_CASES.get(chunk)
    if special is not None:
        return special
    if chunk.isascii() and (chunk.isalpha() or chunk.isdigit()):
        return (chunk,)
    prefixes: list[str] = []
    suffixes: list[str] = []
    core = _peel(chunk, prefixes, suffixes)
    tokens = prefixes
    if core:
        special = SPECIAL_CASES.get(core)
        if special is not None:
            tokens.extend(special)
        elif _is_url(core):
            tokens.append(core)
        else:
            tokens.extend(_split_infixes(core))
    tokens.extend(reversed(suffixes))
    if len(tokens) > 1:
        _merge_special_spans(tokens)
    return tuple(tokens)


def _merge_special_spans(tokens: list[str]) -> None:
    """Join runs of tokens that together spell a special case (``m`` ``.`` -> ``m.``), in place.

    The affix rules can cut a special case apart when it sits inside a longer chunk
    (``5m.`` -> ``5`` ``m`` ``.``); the special case wins, longest run first.
    """
    i = 0
    while i < len(tokens) - 1:
        for length in range(min(_LONGEST_SPECIAL_RUN, len(tokens) - i), 1, -1):
            joined = "".join(tokens[i:i + length])
            special = SPECIAL_CASES.get(joined)
            if special is not None:
                tokens[i:i + length] = special
                i += len(special) - 1
                break
        i += 1


def _peel(string: str, prefixes: list[str], suffixes: list[str]) -> str:
    """Take prefixes and suffixes off ``string`` until nothing changes; return what is left."""
    last = -1
    while string and len(string) != last:
        if string in SPECIAL_CASES:
            break
        last = len(string)
        pre = _prefix_length(string)
        if pre and string[pre:] in SPECIAL_CASES:
            prefixes.append(string[:pre])
            return string[pre:]
        suf = _suffix_length(string[pre:])
        if suf and string[:-suf] in SPECIAL_CASES:
            suffixes.append(string[-suf:])
            return string[:-suf]
        if pre and suf:
            prefixes.append(string[:pre])
            suffixes.append(string[-suf:])
            string = string[pre:-suf]
        elif pre:
            prefixes.append(string[:pre])
            string = string[pre:]
        elif suf:
            suffixes.append(string[-suf:])
            string = string[:-suf]
    return string


def _prefix_length(s: str) -> int:
    first = s[0]
    if first == "." and s[1:2] == ".":
        return len(s) - len(s.lstrip("."))
    if first in _PREFIX_CHARS:
        return 1
    if first == "+":
        return 0 if s[1:2].isdigit() and s[1:2] in _DIGITS else 1
    if s.startswith("US$"):
        return 3
    if s.startswith(("C$", "A$")):
        return 2
    return 1 if _is_symbol(first) else 0


def _suffix_length(s: str) -> int:
    """The length of the suffix that starts leftmost among the suffix rules that match."""
    n = len(s)
    if n == 0:
        return 0
    start = n
    last = s[-1]
    if last == "." and n >= 2 and s[-2] == ".":
        start = n - (len(s) - len(s.rstrip(".")))
    for j in range(max(1, n - _LONGEST_UNIT), n):  # a unit or currency after a digit: leftmost wins
        if j >= start:
            break
        if s[j - 1] in _DIGITS and s[j:] in _UNITS:
            start = j
            break
    if start <= n - 2:
        return n - start
    if n >= 2 and s[-2:] in ("'s", "'S", "\u2019s", "\u2019S", "\u2026\u2026"):
        return 2
    if start < n:
        return n - start
    if last in _SUFFIX_CHARS or _is_symbol(last):
        return 1
    if last == "+" and n >= 2 and s[-2] in _DIGITS:
        return 1
    if last == "." and n >= 2:
        before = s[-2]
        if before in _PERIOD_AFTER or _is_lower(before):
            return 1
        if n >= 3 and before.isupper() and s[-3].isupper():
            return 1
        if n >= 3 and before in "FfCcKk" and s[-3] == "\u00b0":
            return 1
    return 0


def _split_infixes(s: str) -> list[str]:
    out: list[str] = []
    start = 0
    n = len(s)
    candidate = _INFIX_CANDIDATE.search(s)
    while candidate is not None:  # only a character that is not a letter or digit can start an infix
        i = candidate.start()
        length = _infix_at(s, i, n)
        if length and i != 0:
            if i != start:
                out.append(s[start:i])
            out.append(s[i:i + length])
            start = i + length
        candidate = _INFIX_CANDIDATE.search(s, i + (length or 1))
    if start < n:
        out.append(s[start:])
    return out


def _infix_at(s: str, i: int, n: int) -> int:
    ch = s[i]
    if ch == "." and i + 1 < n and s[i + 1] == ".":
        j = i
        while j < n and s[j] == ".":
            j += 1
        return j - i
    if ch == "\u2026" or _is_symbol(ch):
        return 1
    before = s[i - 1] if i else ""
    after = s[i + 1] if i + 1 < n else ""
    if ch in "+-*^" and before in _DIGITS and (after in _DIGITS or after == "-") and before and after:
        return 1
    if ch == "." and before and after and (_is_lower(before) or before in _QUOTES) and (
            after.isupper() or after in _QUOTES):
        return 1
    letter_before = before.isalpha()
    if ch == "," and letter_before and after.isalpha():
        return 1
    if before and (letter_before or before in _DIGITS):
        for hyphen in _HYPHENS:
            if s.startswith(hyphen, i):
                following = s[i + len(hyphen):i + len(hyphen) + 1]
                if following.isalpha():
                    return len(hyphen)
        if ch in ":<>=/" and after.isalpha():
            return 1
    return 0
