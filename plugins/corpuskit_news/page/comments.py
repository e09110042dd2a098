"""Reader comments under an article, found by their headings or by the shape of a thread.

A comments heading ("Comments (3)", "Leave a reply") is the plain signal, but pages name
their comment sections many ways ("Visitor comments", "Reader Comments 3 Total"). The
structural signal does without the heading: a thread is a run of short units that repeat
one shape - a **signature** (a commenter's name or handle and when they wrote: "Posted by:
Jane Roe, 27 Sep 2011 | 15:22", "SalinaDave (1 day ago)", or a name line over a time line),
the comment's text, and often **action** lines ("Reply", "Report Comment", "12 likes").

:func:`mark_comments` marks the lines of such a region (``Line.comment``) when all of
these hold, so that article text with times and dates is left alone:

- at least three signatures, each at most ``_MAX_UNIT`` lines from the next (two are
  enough when action lines recur too), from at least two different names and one for every
  three signatures - a live blog's entries carry times but one writer's name, or none
  ("10:32 am", "Update 3:45 pm:"), and teaser lists repeat one stamp ("Updated 1358 GMT");
- at least half of the stretches between signatures hold a paragraph (comments are
  sentences; a list of teaser cards, "Outlet · 5 hours ago" over a headline, is not);
- the first signature comes after at least ``_MIN_ARTICLE_WORDS`` words of prose (the
  thread follows an article);
- no two consecutive paragraphs of ``_RUN_WORDS`` words follow the region (a thread ends
  the page's content; signatures inside an article - quoted posts - have the article going
  on after them).

The region runs from the first unit to the last: when signatures close their units (the
text above them), the first comment's text and title above the first signature are taken
too, as far as the lines between two signatures elsewhere in the thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from corpuskit_news.page.lines import Line
from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.dates import MONTHS

__all__ = ["is_comments_heading", "mark_comments", "stamped_name"]

_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?(?:comments?|replies|responses|reactions?|réactions?|réagir|commentaires?|kommentare|"
    r"kommentieren|comentarios|comentários|commenti|reacties|reageer|leave a reply|join the conversation|"
    r"comment|commenter|comentar|commentare|commenta|"
    r"discussion|show comments|view comments)\s*(?:\(\d+\)|\d+)?\s*:?$",
    re.IGNORECASE,
)

_MAX_UNIT = 12
"""Most lines from one signature to the next (title, a few paragraphs, action lines)."""
_MIN_ARTICLE_WORDS = 80
_RUN_WORDS = 50
"""Two consecutive paragraphs with this many words after the thread: the article goes on (quoted posts
inside an article), while sign-in prompts, policies and teaser blurbs are shorter or stand alone."""

_CLOCK = re.compile(r"(?<![\d:])\d{1,2}[:.h]\d\d(?![\d:])|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|"
    r"y|yrs?|years?)\s+ago\b|\b(?:just now|yesterday|today)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"@?[^\W\d_][\w'’.-]*")
_NOT_NAME = frozenset((
    "ago", "at", "on", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "by", "posted", "published", "updated", "update",
    "updates", "modified", "last", "edited", "edit", "wrote", "writes", "said", "says", "commented", "replied",
    "from", "in", "reply", "to", "an", "a", "one", "just", "now", "yesterday", "today", "and", "the", "of",
    "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "h", "m", "d", "w", "y", "s", "mo", "utc", "gmt",
    "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "et", "pt", "ct", "breaking", "correction",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    # the same words in the other languages the stage reads (fr, de, es, it, pt, nl)
    "par", "le", "la", "à", "de", "del", "el", "von", "am", "um", "vor", "il", "y", "hace", "fa", "há",
    "soumis", "publié", "posté", "répondu", "écrit", "geschrieben", "antwortete", "publicado", "escrito",
    "pubblicato", "scritto", "geplaatst", "door", "op", "om",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
    "domingo", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
))
_ACTION = re.compile(
    r"^(?:(?:reply|report|report comment|report abuse|flag|like|unlike|dislike|recommend|permalink|share|quote|"
    r"upvote|downvote|vote up|vote down|respond|show replies|hide replies|load more comments|view replies|"
    r"read more|see more)\s*(?:\(\d+\)|\d+)?|\d+\s*(?:likes?|replies|reply|points?|votes?|recommendations?|"
    r"recommends?|comments? displayed|comments?))(?:\s*[|·•]\s*\S.*)?$",
    re.IGNORECASE,
)


def is_comments_heading(line: Line) -> bool:
    """A heading that names a comments section ("Comments (3)", "Leave a reply")."""
    return line.words <= 4 and _COMMENTS.match(line.text) is not None


def _is_action(line: Line) -> bool:
    return line.words <= 6 and not line.prose and _ACTION.match(line.text) is not None


_STAMP = re.compile(rf"{_CLOCK.pattern}|{_RELATIVE.pattern}", re.IGNORECASE)
_NO_STAMP = ""
"""What :func:`stamped_name` gives for a line that states no time."""


@register_cache
@lru_cache(maxsize=65536)
def stamped_name(text: str) -> str | None:
    """For a line stating a clock or relative time ("15:22", "3h ago"): the commenter's name on it
    (the words that are not date, time or "posted by" words, 1-6 of them) or None; for other lines
    ``_NO_STAMP``. Cached: short lines repeat across a corpus's pages."""
    if not _STAMP.search(text):
        return _NO_STAMP
    return _name_of(text)


def _name_of(text: str) -> str | None:
    """The words of a signature that are not date, time or "posted by" words: the commenter (1-6 words)."""
    words = [w for w in _TOKEN.findall(text) if w.casefold().rstrip(".") not in _NOT_NAME
             and w.casefold().rstrip(".") not in MONTHS]
    if not 1 <= len(words) <= 6:
        return None
    return " ".join(words).casefold()


def _name_line(line: Line) -> bool:
    """A line that is only a name or handle ("Jane Roe", "@ridgeway_dad", "SalinaDave")."""
    if line.prose or line.terminal or not 1 <= line.words <= 4 or any(c.isdigit() for c in line.text[:1]):
        return False
    words = line.text.split()
    return len(words) == 1 or all(w[:1].isupper() for w in words)


def _signature(lines: Sequence[Line], i: int) -> str | None:
    """The commenter's name when line ``i`` is a signature (the name on it or on the line above)."""
    line = lines[i]
    if line.prose or line.words > 14 or line.cue is not None or line.linky:
        return None
    name = stamped_name(line.text)
    if name == _NO_STAMP:
        if not line.dated:
            return None
        name = _name_of(line.text)
    if name is None and i > 0 and _name_line(lines[i - 1]):
        name = _name_of(lines[i - 1].text)
    return name


def _chains(lines: Sequence[Line]) -> list[list[tuple[int, str]]]:
    sigs = [(i, name) for i in range(len(lines)) if (name := _signature(lines, i)) is not None]
    chains: list[list[tuple[int, str]]] = []
    for i, name in sigs:
        if chains and i - chains[-1][-1][0] <= _MAX_UNIT:
            chains[-1].append((i, name))
        else:
            chains.append([(i, name)])
    return chains


def _clean(line: Line) -> bool:
    return line.prose and not (line.repeated or line.frequent or line.cue)


def _clean_prose_words(lines: Sequence[Line]) -> int:
    return sum(ln.words for ln in lines if _clean(ln))


def _goes_on(lines: Sequence[Line]) -> bool:
    """Whether two consecutive clean paragraphs of ``_RUN_WORDS`` words or more are among ``lines``."""
    return any(_clean(a) and _clean(b) and a.words + b.words >= _RUN_WORDS for a, b in pairwise(lines))


def _region(lines: Sequence[Line], chain: list[tuple[int, str]]) -> tuple[int, int] | None:
    first, last = chain[0][0], chain[-1][0]
    actions = sum(_is_action(ln) for ln in lines[first : last + 1])
    if 3 * len({name for _, name in chain}) < max(6, len(chain)) or (len(chain) < 3 and actions < 2):
        return None
    bodies = [lines[a[0] + 1 : b[0]] for a, b in pairwise(chain)]
    if 2 * sum(any(ln.prose for ln in body) for body in bodies) < len(bodies):
        return None  # teaser cards ("Outlet · 5 hours ago" over a headline): their text is no prose
    if first > 0 and _name_line(lines[first - 1]) and _name_of(lines[first].text) is None:
        first -= 1  # the name over the first time line
    gap = max(b[0] - a[0] for a, b in pairwise(chain))
    closing = last + 1 >= len(lines) or not lines[last + 1].prose  # signatures under their comments
    end = last
    if closing:
        start = first
        while start > 0 and first - start < gap and lines[start - 1].prose:
            start -= 1
        if start < first and start > 0 and not lines[start - 1].prose and first - start < gap:
            start -= 1  # the first comment's title
        if start > 0 and lines[start - 1].prose:
            start = first  # no break found above the first comment: leave the text above alone
        first = start
    else:
        while end + 1 < len(lines) and end - last < gap and lines[end + 1].prose:
            end += 1
    while end + 1 < len(lines) and _is_action(lines[end + 1]):
        end += 1
    while first > 0 and _is_action(lines[first - 1]):
        first -= 1
    if _goes_on(lines[end + 1 :]):
        return None
    return first, end


def mark_comments(lines: Sequence[Line]) -> None:
    """Set ``comment`` on the lines of comment threads found by their shape (see the module docstring)."""
    for chain in _chains(lines):
        while chain and _clean_prose_words(lines[: chain[0][0]]) < _MIN_ARTICLE_WORDS:
            chain = chain[1:]  # date lines over the article are no signatures of a thread after it
        region = _region(lines, chain) if len(chain) >= 2 else None
        if region is not None:
            for line in lines[region[0] : region[1] + 1]:
                line.comment = True
