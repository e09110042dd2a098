"""The shape of one page line: the local signals of the boilerplate decision.

:func:`measure` turns a line into a :class:`Line` with its word count, stopword density,
share of capitalised words, terminal punctuation, sentence count, link-likeness, furniture
cue, caption and date signals, and the verdict ``prose`` (a line shaped like running
text). Every field is cheap to compute: one regex pass for the words, a few ``search``
calls, no per-character Python loops.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.dates import find_date, looks_relative
from corpuskit_news.text.lexicon import AGENCIES, BYLINE_PREFIX, READER_WORDS, STOPWORDS, cue_of, strong_hits

__all__ = ["Line", "is_readtime", "measure", "non_latin", "relax_prose", "unwrapped_lines"]

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"”»’')\]]*\s+[\"“«‘(]?[A-ZÀ-ÖØ-Þ]")
_BULLET = re.compile(r"^(?:[•◦▪●*–—-]|\d{1,2}[.)])\s")
_TRAILING = " \t\"”»’')]*"
_LINKY = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|co\.[a-z]{2}|ir|in|de|fr|es|it|nl|pt|br)\b(?!\.)|"
    r"(?:\s[/>›»|]\s.*){2}",
)
_CAPTION = re.compile(
    r"\((?i:[^()]{0,40}\b(?:photo|foto|image|picture|file)\b[^()]{0,40})\)|"
    r"\b(?:Photo|PHOTO|Foto|FOTO|Photograph|Picture|Image|IMAGE|Credit|Crédit|Crédito|Bild|Imagen|Immagine|Illustration)s?"
    r"\s*(?::|/|by\b)|(?i:\bfile photo\b|© ?photo|\bgetty images|\bshutterstock\b|\bphoto by\b)|"
    r"\|\s*[^|]{0,40}\b(?:Photo|PHOTO|Foto|FOTO|Photograph|Image)s?\b[^|]{0,12}$",  # "... | AP Photo"
)
_CREDIT_START = re.compile(r"^[A-ZÀ-Þ][\w'.-]+(?: [A-ZÀ-Þ][\w'.-]+){1,2} ?/ ?[A-ZÀ-Þ][\w&.-]*(?: [A-ZÀ-Þ][\w&.-]*)* ")
"""A photographer's credit glued to the front of a caption: "Jane Doe/Agency Name The mayor ..." """
_READTIME = re.compile(
    r"\b\d+\s*(?:-\s*)?(?:min(?:ute)?s?|minuten|minutos|minuti|minuut|minuten)\b\.?\s*(?:read|lesezeit|de lecture|"
    r"de lectura|de leitura|di lettura|leestijd)?|\b(?:lesezeit|leestijd|temps de lecture|tiempo de lectura)\b|"
    r"listen to this article|\bmin read\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Line:
    """One non-blank line of a page and its local signals."""

    index: int
    """0-based line number in the page text."""
    text: str
    """The line without surrounding whitespace."""
    words: int
    stop: float
    """Share of words that are function words (any covered language)."""
    caps: float
    """Share of words that start with a capital letter."""
    terminal: bool
    """Ends like a sentence (., !, ?, … possibly followed by quotes or brackets)."""
    sentences: int
    linky: bool
    """Looks like an address or a breadcrumb trail."""
    cue: tuple[str, str] | None
    """``(strength, category)`` of a furniture cue (see :func:`corpuskit_news.text.lexicon.cue_of`)."""
    caption: bool
    """Carries a photo credit."""
    dated: bool
    """A short line that states an absolute date or a relative time."""
    prose: bool
    """Shaped like running text: long enough, function words, sentence punctuation."""
    hits: int = 0
    """Strong cue phrases in a prose line with a strong cue (pitches carry several)."""
    reader: bool = False
    """Addresses the reader or speaks for the outlet ("your inbox", "our reporting")."""
    repeated: bool = False
    """The same line occurs elsewhere on the page."""
    frequent: bool = False
    """The line occurs in many documents of the corpus."""
    comment: bool = False
    """Inside a thread of reader comments (see :mod:`corpuskit_news.page.comments`)."""


def unwrapped_lines(text: str) -> list[tuple[int, str]]:
    """``(index, stripped line)`` for the non-blank lines of ``text``, hard wraps undone.

    A text wrapped at a fixed width (mail, ``<pre>`` blocks, some dumps) cuts paragraphs
    into lines of 40-100 characters that end mid-sentence and continue in lower case on
    the next line: those are joined back (the paragraph keeps its first line's index).
    A file name or address alone on the next line ("photo.JPG") is not a continuation.
    """
    units: list[tuple[int, str]] = []
    last_width = 0  # width of the previous physical line, 0 after a blank one
    for i, raw in enumerate(text.split("\n")):
        s = raw.strip()
        if not s:
            last_width = 0
            continue
        wrapped = (
            40 <= last_width <= 100
            and s[0].islower()
            and not units[-1][1].endswith(_WRAP_END)
            and BYLINE_PREFIX.match(s) is None  # "di Marco Ferri" under a headline
            and _LONE_NAME.fullmatch(s) is None  # an image's file name under a headline ("photo.JPG")
        )
        if wrapped:
            units[-1] = (units[-1][0], units[-1][1] + " " + s)
        else:
            units.append((i, s))
        last_width = len(s)
    return units


_LONE_NAME = re.compile(r"[\w-]+(?:\.[A-Za-z0-9]{2,5})+")
"""A file name or web address alone on a line: never the rest of a wrapped sentence."""
_WRAP_END = (".", "!", "?", "…", ":", '"', "”", "»", "|", "。")


def is_readtime(text: str) -> bool:
    """Whether a short line states a reading time or a listen prompt ("3 min read")."""
    return len(text) < 80 and bool(_READTIME.search(text))


_CAPTION_WORDS = frozenset((
    "photo", "photos", "foto", "fotos", "photograph", "picture", "image", "file", "credit", "crédit", "crédito",
    "bild", "imagen", "immagine", "illustration", "getty", "shutterstock",
))
_RELATIVE_WORDS = frozenset((
    "ago", "yesterday", "today", "now", "gestern", "heute", "vor", "hier", "aujourd", "il", "hace", "ayer", "hoy",
    "há", "ontem", "hoje", "ieri", "oggi", "fa", "gisteren", "vandaag", "geleden",
))
_YEAR = re.compile(r"(?:19|20)\d\d")
_LINK_HINT = re.compile(r"://|www\.|\s[/>›»|]\s|\.(?:com|org|net|co|ir|in|de|fr|es|it|nl|pt|br)\b")


def _maybe_linky(text: str) -> bool:
    return ("/" in text or "." in text or "|" in text or ">" in text or "›" in text or "»" in text) and bool(
        _LINK_HINT.search(text)
    )


_TRUNCATED = re.compile(
    r"(?:…|\.\.\.)\s*(?:\(|\[)?(?i:read|read more|more|continue reading|weiterlesen|mehr|lire la suite|la suite|"
    r"leer más|seguir leyendo|leia mais|continua(?: a leggere)?|lees verder|meer)(?:\s*(?:…|\.\.\.|»|›|>|→))?"
    r"\s*(?:\)|\])?$|\[(?:…|\.\.\.)\]$"
)
"""A teaser blurb cut short: an ellipsis, then a link to the story ("... Read more", "… Read…", "[…]")."""
_COPYRIGHT_MARK = re.compile(r"©|\((?i:c)\)|(?i:copyright)")


def _maybe_copyright(text: str) -> bool:
    return "©" in text or "(c)" in text or "(C)" in text or "opyright" in text or "OPYRIGHT" in text


def _credit_suffix(text: str) -> int | None:
    """Where a credit starts when the line's only copyright mark sits in its last fifth, after the text proper."""
    marks = [m.start() for m in _COPYRIGHT_MARK.finditer(text)]
    return marks[0] if len(marks) == 1 and marks[0] >= 0.8 * len(text) else None


_BRACKET_TAIL = re.compile(r"\s*\[[^\[\]]{3,}\]$")
_PARAGRAPH_WORDS = 25


def _without_credit_tail(text: str) -> str:
    """A paragraph without the bracketed image credits some pages append ("... [Top Image: X, Maps: Y]")."""
    tail = _BRACKET_TAIL.search(text) if text.endswith("]") else None
    if tail is None or len(text[: tail.start()].split()) < _PARAGRAPH_WORDS:
        return text
    return text[: tail.start()]


def _ends_with_agency(text: str) -> bool:
    head, _, last = text.rpartition(". ")
    return bool(head) and last.strip().casefold() in AGENCIES


def measure(index: int, text: str) -> Line:
    """The signals of one stripped, non-blank line.

    Short lines (menus, footers, teasers) repeat across a corpus's pages: their signals are
    computed once per process and copied.
    """
    if len(text) <= _CACHED_CHARS:
        return Line(index, *_short_line_fields(text))
    return _measure(index, text)


_CACHED_CHARS = 120


@register_cache
@lru_cache(maxsize=65536)
def _short_line_fields(text: str) -> tuple[Any, ...]:
    line = _measure(0, text)
    return tuple(getattr(line, f.name) for f in fields(Line)[1:])


def _measure(index: int, text: str) -> Line:
    tokens = _WORD.findall(text)
    n = len(tokens)
    lowered = [t.lower() for t in tokens]
    if n:
        stop = sum(map(STOPWORDS.__contains__, lowered)) / n
        caps = sum(map(str.isupper, [t[0] for t in tokens])) / n
    else:
        stop = caps = 0.0
    bare = text.rstrip(_TRAILING)
    credit = _credit_suffix(text) if len(text) >= 100 and _maybe_copyright(text) else None
    if credit is not None:
        bare = text[:credit].rstrip(_TRAILING)  # "... the minister said. (c)AFP": the credit is not the end
    terminal = bare.endswith((".", "!", "?", "…", "。", "！", "？", "؟", "۔", "।")) or (bare.endswith(":") and n >= 8)
    lower = set(lowered)
    linky = (n < 25 or text.count("/") > 3) and _maybe_linky(text) and bool(_LINKY.search(text))
    cue = cue_of(text, lower)
    if cue is None and ("…" in text or "..." in text) and _TRUNCATED.search(text):
        cue = ("teaser", "teaser")  # a blurb cut short with a link to the story ("... Read more")
    if cue is not None and cue[1] == "copyright" and credit is not None:
        cue = None  # the wire's credit closing a paragraph does not make it a copyright line
    caption = (
        (not lower.isdisjoint(_CAPTION_WORDS) and bool(_CAPTION.search(_without_credit_tail(text))))
        or _ends_with_agency(text)
        or ("/" in text[:60] and _CREDIT_START.match(text) is not None)
    )
    dated = n <= 20 and (
        (_YEAR.search(text) is not None and find_date(text, dayfirst=True) is not None)
        or (n <= 6 and not lower.isdisjoint(_RELATIVE_WORDS) and looks_relative(text))
    )
    running = stop >= 0.15 and (
        (n >= 8 and caps <= 0.65 and (terminal or n >= 16))
        or (n >= 10 and caps <= 0.5 and _BULLET.match(text) is not None)
        or (n >= 5 and caps <= 0.4 and bare.endswith(".") and stop >= 0.2)
    )
    # a dense lead sentence: few function words, but long, lower-case and punctuated
    dense = stop >= 0.08 and n >= 12 and caps <= 0.4 and terminal
    prose = not linky and (running or dense)
    sentences = (1 + len(_SENTENCE_END.findall(text))) if prose else min(n, 1)
    line = Line(index, text, n, stop, caps, terminal, sentences, linky, cue, caption, dated, prose)
    if cue is not None and prose:
        line.reader = not lower.isdisjoint(READER_WORDS)
        if cue[0] == "strong":
            line.hits = strong_hits(text, lower)
    return line


_QUOTES = ('"', "“", "„", "«", "‘", "'", "»", "‹", "›", "「", "『")


def lead_in(line: Line, nxt: Line) -> bool:
    """Whether ``line`` introduces the quotation that ``nxt`` opens ("Pompeo declared," / '"The ...').

    A sentence that hands over to a quoted paragraph ends in a comma or colon, so it is not
    prose-shaped; it belongs to the article all the same.
    """
    return (
        line.text.endswith((",", ":"))
        and line.words >= 4
        and line.stop >= 0.15
        and line.cue is None
        and not (line.linky or line.caption or line.dated)
        and nxt.prose
        and nxt.text.startswith(_QUOTES)
    )


_CREDIT_WORDS = 6
_CAPTION_MAX_WORDS = 60


def mark_captions_under_credits(lines: list[Line]) -> None:
    """Mark the line under a photo's "© Holder" credit as the photo's caption.

    Pages that print the credit above the picture's description leave a prose-shaped
    caption between paragraphs; a short "© Name" line without a year (not the page's
    copyright) says a picture sits there, and its description follows (one or two
    sentences, or a short label). Credits in other forms ("AP Photo/X", "(Credit: X)")
    close a caption as often as they open one, so they say nothing about the next line.
    """
    for above, line in itertools.pairwise(lines):
        credit = (
            above.text.startswith("©") and above.words <= _CREDIT_WORDS and not any(c.isdigit() for c in above.text)
        )
        describes = not line.dated and line.cue is None and line.words <= _CAPTION_MAX_WORDS and line.sentences <= 2
        if credit and describes:
            line.caption = True


_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


def non_latin(text: str) -> bool:
    """Whether most letters of ``text`` are outside the Latin script (no function-word list applies)."""
    return len(_LATIN.findall(text)) < 0.3 * len(text)


def relax_prose(line: Line) -> None:
    """Re-judge ``line`` for a page in a language without function-word lists.

    Without stopwords (Arabic, Russian, Chinese, Korean...) running text is told by its
    length and sentence punctuation alone; unspaced scripts count characters, not words.
    """
    if line.linky:
        return
    chars = len(line.text)
    spaced = len(line.text.split()) >= 3
    if not spaced:
        line.words = max(line.words, chars // 3)
    long_enough = chars >= 40 if spaced else chars >= 20
    line.sentences = max(line.sentences, 1 + len(_SENTENCE_END.findall(line.text)))
    line.prose = long_enough and (line.terminal or chars >= 120) and (line.caps <= 0.65 or not spaced)
