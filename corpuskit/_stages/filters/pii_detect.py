"""Finding personal data in text: e-mail and IP addresses, phone, payment card and IBAN numbers.

Each finder yields ``(start, end)`` spans. Candidates are found with regular expressions
whose work per start position is bounded (no nested unbounded repeats, possessive
quantifiers where a run could be long), so a 50 MB line costs linear time; each
candidate is then checked by a library that knows the format: :mod:`ipaddress`,
python-stdnum (Luhn, IBAN country formats and the mod-97 checksum) and phonenumbers
(Google's libphonenumber metadata: is this a valid number in that region?).
:func:`find_pii` resolves overlaps (an IBAN's digits are not also a phone number).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator

__all__ = ["PII_TYPES", "find_pii"]

PII_TYPES = ("email", "ip", "phone", "card", "iban")
"""Every kind of personal data the ``pii`` stage knows, in the order overlaps are won."""

_PRIORITY = {"email": 0, "iban": 1, "card": 2, "ip": 3, "phone": 4}

_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_MAX_LOCAL = 64
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,10}[A-Za-z]{2,24}(?![A-Za-z0-9-])")
# Each pattern starts with a character class and puts its left boundary in a lookbehind after
# that first character: the regex engine then skips ahead to candidate characters instead of
# trying the lookbehind at every position (twice as fast on prose).
_IPV4 = re.compile(r"\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?!\w|\.\d)")
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f:]{2,39}+(?![\w:])")
_CARD = re.compile(r"\d(?<![\d-]\d)(?:[ -]?\d){12,18}(?!\d)")
_IBAN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]){11,30}+\b")
_PHONE_RUN = re.compile(r"[+(\d](?:[ ().+-]{0,3}\d){6,}")
"""At least 7 digits with few separators between them: the phone pattern runs only inside such a run."""
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?![\w])"
)
_NOT_DIGIT = re.compile(r"\D")
_CARD_FIRST_DIGITS = frozenset("23456")  # Mastercard 2-series, Amex/Diners 3, Visa 4, Mastercard 5, Discover/UnionPay 6

Span = tuple[int, int]


def find_pii(text: str, types: tuple[str, ...], *, region: str, public_ips_only: bool) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, type)`` spans of the wanted types, in text order."""
    finders: dict[str, Callable[[], Iterator[Span]]] = {
        "email": lambda: _emails(text),
        "ip": lambda: _ips(text, public_ips_only),
        "phone": lambda: _phones(text, region),
        "card": lambda: _cards(text),
        "iban": lambda: _ibans(text),
    }
    found = [(start, end, kind) for kind in types for start, end in finders[kind]()]
    found.sort(key=lambda s: (s[0], _PRIORITY[s[2]], -s[1]))
    out: list[tuple[int, int, str]] = []
    for span in found:
        # spans kept so far do not overlap and are in order: only the last can overlap this one
        if out and span[0] < out[-1][1]:
            if _PRIORITY[span[2]] < _PRIORITY[out[-1][2]]:
                out[-1] = span
        else:
            out.append(span)
    return out


def _emails(text: str) -> Iterator[Span]:
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and at - start < _MAX_LOCAL and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        while start < at and text[start] == ".":
            start += 1
        domain = _DOMAIN.match(text, at + 1)
        if start < at and domain is not None:
            yield start, domain.end()
            at = text.find("@", domain.end())
        else:
            at = text.find("@", at + 1)


def _ips(text: str, public_only: bool) -> Iterator[Span]:
    for pattern, parse in ((_IPV4, ipaddress.IPv4Address), (_IPV6, ipaddress.IPv6Address)):
        if pattern is _IPV6 and "::" not in text and text.count(":") < 7:
            continue
        for m in pattern.finditer(text):
            candidate = m.group()
            if parse is ipaddress.IPv6Address and candidate.count(":") < 2:
                continue
            try:
                address = parse(candidate)
            except ValueError:
                continue
            if not public_only or address.is_global:
                yield m.span()


def _cards(text: str) -> Iterator[Span]:
    from stdnum import luhn

    for m in _CARD.finditer(text):
        digits = _NOT_DIGIT.sub("", m.group())
        if 13 <= len(digits) <= 19 and digits[0] in _CARD_FIRST_DIGITS and luhn.is_valid(digits):
            yield m.span()


def _ibans(text: str) -> Iterator[Span]:
    from stdnum import iban

    for m in _IBAN.finditer(text):
        candidate = m.group()
        while len(candidate) >= 15:
            if iban.is_valid(candidate):
                yield m.start(), m.start() + len(candidate)
                break
            cut = candidate.rfind(" ")
            if cut < 0:
                break
            candidate = candidate[:cut]


def _phones(text: str, region: str) -> Iterator[Span]:
    for run in _PHONE_RUN.finditer(text):
        # endpos one past the run, so the right-boundary lookahead sees the next character
        yield from _phones_in(text, run.start(), min(run.end() + 1, len(text)), region)


def _phones_in(text: str, start: int, end: int, region: str) -> Iterator[Span]:
    import phonenumbers

    for m in _PHONE.finditer(text, start, end):
        candidate = m.group()
        digits = len(_NOT_DIGIT.sub("", candidate))
        if not 7 <= digits <= 15:
            continue
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            yield m.span()
