"""Text stages: ``normalize`` and ``length_filter``."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import attrs

from corpuskit._document import Document
from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, Mapper, param, stage

__all__ = ["LengthFilter", "Normalize", "comparable_text", "normalize_text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """NFC, control characters removed, space runs collapsed, lines stripped.

    Runs of spaces, tabs and other Unicode spaces (non-breaking too) become one
    space; every line is stripped; runs of blank lines become one blank line, so
    paragraph breaks survive.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    lines: list[str] = []
    blank = True  # no blank line at the start
    for line in text.split("\n"):
        line = " ".join(line.split())  # str.split() knows every Unicode space, NBSP included
        if line:
            lines.append(line)
            blank = False
        elif not blank:
            lines.append("")
            blank = True
    if lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def comparable_text(text: str) -> str:
    """The text as exact comparison sees it: NFC, no control characters, every run of
    whitespace (line breaks included) one space.

    Two texts equal after :func:`normalize_text` are equal here too; this form is
    cheaper and also ignores how lines were broken.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return " ".join(text.split())


@stage("normalize", kind="clean", writes=[])
@attrs.frozen
class Normalize(Mapper):
    """Normalizes Unicode and whitespace (see :func:`normalize_text`); drops nothing."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        text = normalize_text(doc.text)
        if text == doc.text:
            return doc
        ctx.count("changed")
        return Document(doc.id, text, doc.meta)


_OPTIONAL_COUNT = attrs.validators.optional(attrs.validators.ge(0))


@stage("length_filter", kind="clean", writes=[])
@attrs.frozen
class LengthFilter(Filter):
    """Drops documents outside word or character bounds.

    The reject reason names the bound (``below min_words=50``); the detail gives the
    document's length (``12 words``, ``80 characters``).
    """

    min_words: int | None = param(None, doc="fewest words kept", validator=_OPTIONAL_COUNT)
    max_words: int | None = param(None, doc="most words kept", validator=_OPTIONAL_COUNT)
    min_chars: int | None = param(None, doc="fewest characters kept", validator=_OPTIONAL_COUNT)
    max_chars: int | None = param(None, doc="most characters kept", validator=_OPTIONAL_COUNT)

    def keep(self, doc: Document, ctx: StageContext) -> bool | tuple[str, str]:
        if self.min_words is not None or self.max_words is not None:
            words = len(doc.text.split())
            if self.min_words is not None and words < self.min_words:
                return f"below min_words={self.min_words}", _count(words, "word")
            if self.max_words is not None and words > self.max_words:
                return f"above max_words={self.max_words}", _count(words, "word")
        chars = len(doc.text)
        if self.min_chars is not None and chars < self.min_chars:
            return f"below min_chars={self.min_chars}", _count(chars, "character")
        if self.max_chars is not None and chars > self.max_chars:
            return f"above max_chars={self.max_chars}", _count(chars, "character")
        return True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(Normalize)
    registry.add(LengthFilter)
