"""``fix_text``: ftfy's repair of mojibake and broken Unicode."""

from __future__ import annotations

import functools
from typing import Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Mapper, param, stage

__all__ = ["FixText"]


@stage("fix_text", kind="clean", writes=[])
@attrs.frozen
class FixText(Mapper):
    """Repairs mojibake and broken Unicode with ftfy (``ftfy.fix_text``); drops nothing.

    ``donâ€™t`` becomes ``don't``, ``&amp;`` in plain text ``&``, terminal escapes and
    control characters go. The parameters are ftfy's own, with ftfy's defaults: note
    that ``uncurl_quotes`` straightens curly quotes and ``fix_character_width`` turns
    full-width Latin letters into ASCII; set them to false to keep typography. Counter:
    ``changed``. Text is processed in ftfy's segments of ``max_decode_length`` characters,
    so a 50 MB single line is repaired piece by piece. See docs/filters.md.
    """

    fix_encoding: bool = param(True, doc="undo mojibake (text decoded in the wrong encoding)")
    unescape_html: bool | Literal["auto"] = param(
        "auto", doc="decode HTML entities (&amp;): auto does so unless the text looks like HTML")
    remove_terminal_escapes: bool = param(True, doc="remove ANSI terminal escape sequences")
    fix_latin_ligatures: bool = param(True, doc="ﬁ -> fi")
    fix_character_width: bool = param(True, doc="full-width Latin letters and half-width katakana -> normal width")
    uncurl_quotes: bool = param(True, doc="curly quotes -> straight quotes")
    fix_line_breaks: bool = param(True, doc="CRLF, CR and Unicode line separators -> \\n")
    remove_control_chars: bool = param(True, doc="remove control characters that have no use in text")
    normalization: Literal["NFC", "NFD", "NFKC", "NFKD"] | None = param(
        "NFC", doc="Unicode normalization form applied at the end (null: none)")
    max_decode_length: int = param(1_000_000, doc="characters ftfy repairs at a time",
                                   validator=attrs.validators.ge(1000))

    def map(self, doc: Document, ctx: StageContext) -> Document:
        import ftfy

        text = ftfy.fix_text(doc.text, _config(self))
        if text == doc.text:
            return doc
        ctx.count("changed")
        return Document(doc.id, text, doc.meta)


@functools.cache
def _config(stage: FixText) -> Any:
    import ftfy

    return ftfy.TextFixerConfig(**attrs.asdict(stage), explain=False)
