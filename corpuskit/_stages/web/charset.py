"""Bytes of a web page -> text: BOM, then the HTTP charset, then ``<meta>``, then detection.

Bytes that are valid UTF-8 are read as UTF-8 whatever the label (a page labelled
ISO-8859-1 that is really UTF-8 is the common lie; the reverse cannot decode). A
declared charset that is unknown, or that the bytes do not decode in (a lying label), is
passed over for the next clue; detection is charset-normalizer's. A body that is not text
at all (NUL bytes, mostly control characters: an image or archive labelled text/html)
and an empty body are refused with a reason, never guessed.
"""

from __future__ import annotations

import codecs
import re

import attrs

__all__ = ["Decoded", "NotText", "declared_charset", "decode_page"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096
_SAMPLE = 8192


@attrs.frozen
class Decoded:
    """A decoded page: its text, the codec used, and which clue chose it."""

    text: str
    encoding: str
    how: str  # "bom", "http", "meta", "utf-8" or "detected"


class NotText(ValueError):
    """The bytes are not a text page; ``reason`` is the reject reason, the message the detail."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def declared_charset(content_type: str | None) -> str | None:
    """The ``charset=`` of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _binary(data: bytes) -> str | None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        at = sample.index(b"\x00")
        return f"NUL byte at byte offset {at}: not a text page"
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if control > len(sample) // 10:
        return f"{control} control bytes in the first {len(sample)}: not a text page"
    return None


def decode_page(data: bytes, http_charset: str | None = None) -> Decoded:
    """The page's text; raises :class:`NotText` for empty, binary or undecodable bodies."""
    if not data.strip():
        raise NotText("empty page", "the page has no content")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec, "bom")
    problem = _binary(data)
    if problem:
        raise NotText("not text", problem)
    meta = _META_CHARSET.search(data[:_HEAD_BYTES])
    clues = (("http", _codec(http_charset)), ("meta", _codec(meta.group(1).decode("ascii") if meta else None)))
    try:  # valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says (the common lie)
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", next((h for h, c in clues if c == "utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    for clue, label in clues:
        if label and label != "utf-8":
            try:
                return Decoded(data.decode(label), label, clue)
            except UnicodeDecodeError:
                continue  # a lying label: the next clue decides
    from charset_normalizer import from_bytes  # only pages without a charset that works need it

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise NotText("unknown charset", "no declared charset decodes the page and detection found none")
    return Decoded(data.decode(best.encoding, errors="replace"), best.encoding, "detected")
