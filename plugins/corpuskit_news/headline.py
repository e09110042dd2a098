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

Headline, kicker and deck often all qualify. The kicker (section or place label) sits
above the headline and is shorter; the deck sits below it, is longer and reads as a
sentence. When the best line looks like the deck of the line above it, that line is the
headline.
"""

from __future__ import annotations

from collections.abc import Sequence

from corpuskit_news.header import ABBREVIATION_END, byline_name, content_words
from corpuskit_news.lexicon import BYLINE_PREFIX
from corpuskit_news.lines import Line, is_readtime

__all__ = ["choose_title", "headline_shaped", "label_prefixed"]

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


def headline_shaped(line: Line) -> bool:
    """Whether ``line`` could be a headline: 3-30 words, no terminal period, not a link, cue,
    caption, date, reading time or byline."""
    if not 3 <= line.words <= 30 or len(line.text) > 220 or line.linky or line.cue or line.caption:
        return False
    if line.dated or is_readtime(line.text) or BYLINE_PREFIX.match(line.text):
        return False  # ("By: Wire Service" is the byline, not a headline)
    if line.text.endswith(".") and not ABBREVIATION_END.search(line.text):
        return False
    return not line.prose or line.words <= 20


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
    return line.caption and line.words <= _CREDIT_WORDS and not line.prose


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


def _score(candidates: Sequence[Line], pos: int, header: Sequence[bool], overlap: float, size: float) -> float:
    line = candidates[pos]
    score = 2.0 * overlap * size
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
    return score


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
    usually sits just above those).
    """
    body = content_words(opening)
    best: tuple[float, int] | None = None
    overlaps: dict[int, float] = {}
    shaped = [headline_shaped(line) for line in candidates]
    for pos, line in enumerate(candidates):
        if not shaped[pos] or _list_like(line) or _bare_byline(candidates, pos):
            continue
        words = content_words(line.text)
        if not words:
            continue
        overlap = len(words & body) / len(words)
        overlaps[pos] = overlap
        score = _score(candidates, pos, header, overlap, min(1.0, len(words) / 4))
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
