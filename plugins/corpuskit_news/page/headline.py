"""Which line above the article is its headline.

Every headline-shaped line before the article body is a candidate (3-30 words, no
terminal period, not a link, cue, caption, date, reading time or byline). Each is scored
on several signals rather than picked by one:

- **shared words**: the share of its content words found in the article's opening
  (headlines summarise the story);
- **place**: a headline sits just above the byline / date / caption block, often right
  above it with only sharing buttons or counters between (graded: near, then adjacent),
  and close to the body;
- **repetition**: the same headline also appears in a longer line of the page (a
  page-title line "Headline | Site", a share box);
- **length**: 5-20 words is the usual headline length;
- **label prefix**: a line opened by a label in capitals and a colon ("NEW: ...",
  "UPDATE: ...", "WATCH: ...") is a highlight bullet or a teaser, not the headline;
- **caption**: a line right above a bare photo credit ("Image: Agency") describes the
  picture.
- **teaser cards**: a line over a time line that recurs with other numbers ("AP - 53 mins
  ago", "AP - 55 mins ago"), or opening with a one-word label that several different lines
  share ("Article: ...", "Video: ..."), is a related-story card and never the headline; short
  lines listed under a teaser heading ("More from X") score lower;
- **standfirst**: words are compared on their first five letters, and a headline may share
  them with the standfirst right under it instead (when the article opens with quotes);
- **repetition as a whole line**: a show or section name the page repeats elsewhere scores
  lower;
- **dated headline**: a line stating a date is a candidate when three or more capitalised
  words besides the date are not a person's name ("Weekly Tech Digest for Friday, April 19,
  2013"), and then it is not the date line under another headline.

Headline, kicker and deck often all qualify. The kicker (section or place label) sits
above the headline and is shorter; the deck sits below it, is longer and reads as a
sentence. When the best line looks like the deck of the line above it, that line is the
headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from corpuskit_news.page.bylines import ABBREVIATION_END, byline_name, content_words, is_name
from corpuskit_news.page.lines import Line, is_readtime
from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.dates import MONTHS
from corpuskit_news.text.lexicon import BYLINE_PREFIX

__all__ = ["choose_title", "dated_headline", "headline_shaped", "label_prefixed"]

_NEAR = 8
"""Lines below a candidate searched for the byline / date block (sharing buttons may sit between)."""
_FILLER_WORDS = 2
"""Lines this short between a headline and its byline are buttons, counters or a bare name."""
_CREDIT_WORDS = 6
_LABEL_CHARS = 24
_DECK_CAPS = 0.5
_DECK_WORDS = 10
"""A deck is a sentence of ten words or more; a shorter line under a headline-shaped one is the headline."""
_MIN_SCORE = 1.2
_STEM = 5
"""Words compared on their first five letters ("groceries" ~ "grocery", "resigning" ~ "resigns")."""
_DECK_MIN_WORDS = 12
_DATE_TOKEN = re.compile(r"[^\W\d_]+")
_DATE_WORDS = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "on", "at", "the", "of", "published", "posted", "updated", "am",
    "pm", "a.m", "p.m", "et", "est", "edt", "pt", "pst", "pdt", "gmt", "utc", "cet", "bst", "ist", "yesterday",
    "today", "ago", "hr", "hrs", "min", "mins",
))
_NOT_DIGITS = re.compile(r"\d+")


def headline_shaped(line: Line) -> bool:
    """Whether ``line`` could be a headline: 3-30 words, no terminal period, not a link, cue,
    caption, date, reading time or byline."""
    if not 3 <= line.words <= 30 or len(line.text) > 220 or line.linky or line.cue or line.caption:
        return False
    if (line.dated and not dated_headline(line.text)) or is_readtime(line.text) or BYLINE_PREFIX.match(line.text):
        return False  # ("By: Wire Service" is the byline, not a headline)
    if line.text.endswith(".") and not ABBREVIATION_END.search(line.text):
        return False
    return not line.prose or line.words <= 20


def dated_headline(text: str) -> bool:
    """Whether a line stating a date is a headline that contains its date ("Weekly Tech
    Digest for Friday, April 19, 2013"): three words or more besides the date, weekdays, times
    and "published on" words, at least two of them capitalised, and not a person's name (a
    byline "Jane Doe 8/17/13 11:04am")."""
    words = [w for w in _DATE_TOKEN.findall(text) if w.casefold() not in MONTHS and w.casefold() not in _DATE_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 2 and not is_name(" ".join(words))


def label_prefixed(text: str) -> bool:
    """Whether ``text`` opens with a label in capitals and a colon ("NEW: ...", "EN DIRECT : ...")."""
    colon = text.find(":", 0, _LABEL_CHARS)
    if colon < 2 or colon + 1 >= len(text) or not text[colon + 1].isspace():
        return False
    label = text[:colon].strip()
    tokens = label.split()
    return 1 <= len(tokens) <= 2 and any(c.isalpha() for c in label) and label.isupper()


def _bare_credit(line: Line) -> bool:
    """A photo credit alone on its line ("Image: Agency", "Photo: Jane Doe")."""
    return line.caption and line.words <= _CREDIT_WORDS and not line.prose and not line.text.endswith(":")


def _bare_byline(candidates: Sequence[Line], pos: int) -> bool:
    """A name alone (or "NAME at PLACE") right above a date line is the byline."""
    nxt = pos + 1
    if nxt >= len(candidates) or not candidates[nxt].dated:
        return False
    return byline_name(candidates[pos].text, bare_ok=True) is not None


def _filler(line: Line) -> bool:
    return line.words <= _FILLER_WORDS


def _above_block(candidates: Sequence[Line], pos: int, header: Sequence[bool]) -> bool | None:
    """Whether only filler (buttons, counters, a photo's caption and credit) separates
    ``candidates[pos]`` from the next byline / date / caption line (True) or from the
    article (None: the headline's place on pages without a byline, but also a section's)."""
    for nxt in range(pos + 1, min(len(candidates), pos + 1 + _NEAR)):
        if header[nxt]:
            return True
        line = candidates[nxt]
        over_credit = nxt + 1 < len(candidates) and _bare_credit(candidates[nxt + 1])
        if not (_filler(line) or over_credit):
            return False
    return None if pos + _NEAR >= len(candidates) else False


def _score(candidates: Sequence[Line], pos: int, header: Sequence[bool], overlap: float, size: float,
           listed: bool = False) -> float:
    line = candidates[pos]
    score = 2.0 * overlap * size - (1.0 if listed else 0.0)
    over_credit = pos + 1 < len(candidates) and _bare_credit(candidates[pos + 1])
    if over_credit:
        score -= 1.0  # the picture's caption, part of the header block
    else:
        block = _above_block(candidates, pos, header) if overlap > 0 else False
        if block:
            score += 1.8
        elif (block is None and overlap >= 0.5) or any(header[pos + 1 : pos + _NEAR]):
            score += 1.0
    folded = line.text.casefold()
    if any(folded in other.text.casefold() for other in candidates if other is not line):
        score += 0.5
    if pos >= len(candidates) - _NEAR:
        score += 0.5
    if 5 <= line.words <= 20:
        score += 0.3
    if label_prefixed(line.text):
        score -= 1.0
    if line.repeated and not any(folded in other.text.casefold() for other in candidates if other.words > line.words):
        score -= 0.6  # a show or section name the page repeats as a whole line
    if line.dated:
        score -= 0.3
    return score


def _card_lines(candidates: Sequence[Line], header: Sequence[bool], shaped: Sequence[bool]) -> set[int]:
    """Positions of teaser cards: a line over a header line that recurs with other numbers
    ("Story ... / AP - 53 mins ago", "Story ... / AP - 55 mins ago") and a line opening with
    a one-word label several different lines share ("Article: ...", "Video: ...")."""
    shapes: dict[str, list[int]] = {}
    labels: dict[str, list[int]] = {}
    for pos, line in enumerate(candidates):
        if header[pos]:
            if line.words <= _CREDIT_WORDS and _DATE_TOKEN.search(line.text):
                shapes.setdefault(_NOT_DIGITS.sub("#", line.text.casefold()), []).append(pos)
        elif shaped[pos] and ":" in line.text[:_LABEL_CHARS]:
            colon = line.text.find(":")
            if colon > 1 and " " not in line.text[:colon]:
                labels.setdefault(line.text[:colon].casefold(), []).append(pos)
    cards = {at - 1 for group in shapes.values() if len(group) > 1 for at in group if at > 0}
    for group in labels.values():
        if len(group) < 2:
            continue
        texts = {candidates[at].text.casefold() for at in group}
        distinct = [t for t in texts if not any(t != u and (t in u or u in t) for u in texts)]
        if len(distinct) > 1:  # (one headline repeated in a longer line is not a list)
            cards.update(group)
    return cards


def _listed(candidates: Sequence[Line], header: Sequence[bool]) -> set[int]:
    """Positions of the short lines listed under a teaser heading ("More from X", "Related").

    A run that reaches the byline / date block is not such a list: the headline may close
    a menu that happens to follow a heading."""
    items: set[int] = set()
    for pos, line in enumerate(candidates):
        if not (line.cue and line.cue[1] == "teaser_heading"):
            continue
        run: list[int] = []
        for nxt in range(pos + 1, min(len(candidates), pos + 1 + _NEAR)):
            item = candidates[nxt]
            if header[nxt]:
                run = []
                break
            if item.prose or item.words > 12:
                break
            run.append(nxt)
        items.update(run)
    return items


def _stems(words: set[str]) -> set[str]:
    return {w[:_STEM] for w in words}


@register_cache
@lru_cache(maxsize=16384)
def line_stems(text: str) -> frozenset[str]:
    """The stems of a candidate line's content words (menus and section labels repeat
    across a corpus's pages: cached; :func:`corpuskit_news.text.caches.clear_caches` empties it)."""
    return frozenset(_stems(content_words(text)))


def _deck_stems(candidates: Sequence[Line], pos: int) -> set[str]:
    """The words of the standfirst right under ``candidates[pos]`` (a sentence-shaped line)."""
    if pos + 1 >= len(candidates):
        return set()
    deck = candidates[pos + 1]
    if not deck.prose or deck.caption or deck.cue or deck.words < _DECK_MIN_WORDS:
        return set()
    return _stems(content_words(deck.text))


def _deck_of(upper: Line, lower: Line) -> bool:
    """Whether ``lower`` reads as the deck under the headline ``upper``: clearly longer, a
    sentence's length and sentence-cased (a short or title-cased line under a shorter one
    is the headline under its kicker)."""
    return lower.words >= max(upper.words + 3, _DECK_WORDS) and lower.caps <= _DECK_CAPS


def _list_like(line: Line) -> bool:
    """A list of labels or names ("World, Business, Sport"), not a sentence-like headline."""
    return line.text.count(",") >= 2 * max(1, line.words // 6) and line.stop < 0.1


def choose_title(candidates: Sequence[Line], opening: str, header: Sequence[bool]) -> Line | None:
    """The headline among the lines before the article, or None.

    ``opening`` is the article's first few hundred words; ``header[i]`` says whether
    ``candidates[i]`` is a byline, date, reading-time or caption line (the headline
    usually sits just above those). Words are compared on their first letters, and a
    line's words may also be found in the standfirst right under it (a headline
    summarises its deck when the article opens with quotes).
    """
    body = _stems(content_words(opening))
    best: tuple[float, int] | None = None
    overlaps: dict[int, float] = {}
    shaped = [headline_shaped(line) for line in candidates]
    if any(line.dated and shaped[pos] for pos, line in enumerate(candidates)):
        # a headline stating its date is not the date line under another headline
        header = [flag and not (shaped[pos] and candidates[pos].dated) for pos, flag in enumerate(header)]
    cards = _card_lines(candidates, header, shaped) if any(shaped) else set()
    listed = _listed(candidates, header) if any(shaped) else set()
    for pos, line in enumerate(candidates):
        if not shaped[pos] or pos in cards or _list_like(line) or _bare_byline(candidates, pos):
            continue
        words = line_stems(line.text)
        if not words:
            continue
        overlap = len(words & body) / len(words)
        if overlap < 1.0 and (deck := _deck_stems(candidates, pos)):
            overlap = max(overlap, len(words & deck) / len(words))
        overlaps[pos] = overlap
        score = _score(candidates, pos, header, overlap, min(1.0, len(words) / 4), pos in listed)
        if best is None or score > best[0]:
            best = (score, pos)
    if best is None or best[0] < _MIN_SCORE:
        return None
    return candidates[_headline_over_decks(candidates, best[1], overlaps)]


def _headline_over_decks(candidates: Sequence[Line], pos: int, overlaps: dict[int, float]) -> int:
    """Move up from the best line while the line above it is its headline.

    Both lines must share words with the article alike (compared on those words, not on
    place bonuses). The line above is the headline when the best line reads as its deck,
    or when it is shorter (a highlight bullet or short deck under a longer headline; a
    kicker is shorter than the headline under it). A line followed by shorter
    headline-shaped lines heads a list of bullets: it is the headline, not a deck.
    """
    while pos - 1 in overlaps:
        upper, lower = candidates[pos - 1], candidates[pos]
        shared = overlaps[pos - 1]
        deck = _deck_of(upper, lower)
        if shared < 0.6 or shared < 0.75 * overlaps[pos] or not (deck or upper.words > lower.words):
            break
        after = candidates[pos + 1] if pos + 1 < len(candidates) else None
        if deck and after is not None and headline_shaped(after) and after.words <= lower.words:
            break
        pos -= 1
    return pos
