"""Find the article on a scraped news page: which lines are its body, which are furniture.

The decision combines, line by line (see :mod:`corpuskit_news.page.lines` for the local ones):

1. **Densest run of prose.** Each line gets a weight: prose lines count their words
   (discounted when they stand alone between non-prose lines, as teaser blurbs and
   comments do), other lines cost a little, cue headings ("Related News"), date and
   byline lines cost more. The article is the maximum-sum run of lines (Kadane).
2. **Header.** Byline, date, reading-time and caption lines above the first run of
   consecutive paragraphs mark where the body starts: the headline, standfirst and credits
   sit above them.
3. **Continuations.** After a teaser block inserted mid-article, a run of at least two
   consecutive cue-free paragraphs within ``max_gap`` lines continues the article. A
   comments heading, a comment thread found by its shape (:mod:`corpuskit_news.page.comments`:
   its lines go as ``comments``) or a copyright line ends the search.
4. **Inside the article.** A lone short line between paragraphs is a subheading and stays;
   two short lines keep the second when it is subheading-shaped; three or more are a teaser
   block and go. Prose lines with a strong cue (copyright, syndication, newsletter,
   disclaimer, cookies) go; captions go.
5. **Edges.** Paragraphs at the start or end of the article that carry any cue (reader
   appeals, author bios, contact lines) or repeat across the corpus are trimmed, one by
   one, until a clean paragraph is reached.
6. **Repetition.** A line repeated on the same page counts as furniture outside the
   article; a line frequent across the corpus goes unless it is interior article prose
   (or most of the page's prose is frequent: a syndicated copy, which is deduplication's
   business, not this stage's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from corpuskit import line_hash
from corpuskit_news.page.bylines import byline_name, is_desk
from corpuskit_news.page.comments import is_comments_heading, mark_comments
from corpuskit_news.page.headline import choose_title
from corpuskit_news.page.lines import (
    Line,
    is_readtime,
    lead_in,
    mark_captions_under_credits,
    measure,
    non_latin,
    relax_prose,
    unwrapped_lines,
)
from corpuskit_news.text.lexicon import AGENCIES as AGENCY_NAMES
from corpuskit_news.text.lexicon import NON_NAME_WORDS

__all__ = ["Page", "analyse"]

@dataclass(slots=True)
class Page:
    """The outcome of :func:`analyse` on one page."""

    lines: list[Line]
    kept: list[Line] = field(default_factory=list)
    removed: list[tuple[Line, str]] = field(default_factory=list)
    title: Line | None = None
    byline: Line | None = None
    author: str | None = None
    dateline: Line | None = None
    standfirst: Line | None = None
    header: list[Line] = field(default_factory=list)
    """Lines above the article: masthead, navigation, headline, byline, dates, captions."""

    @property
    def text(self) -> str:
        """The article: kept lines, one per line."""
        return "\n".join(line.text for line in self.kept)


def _one_word_heading(line: Line) -> bool:
    """A one-word subheading ("Background", "Consenso"), not a label ("Advertisement", "Share")."""
    text = line.text.rstrip(":")
    return line.words == 1 and len(text) >= 4 and text.isalpha() and text[0].isupper() and (
        text.casefold() not in NON_NAME_WORDS
    )


def _subheading_shaped(line: Line) -> bool:
    return (
        (2 <= line.words <= 12 or _one_word_heading(line))
        and len(line.text) <= 100
        and not line.linky
        and line.cue is None
        and not line.caption
        and not line.dated
        and not line.repeated
        and not line.frequent
        and not line.text.endswith((".", ","))
        and not is_readtime(line.text)
    )


_FURNITURE_WORDS = 80
"""Furniture prose (pitches, notes, bios) is short: longer paragraphs never go on a cue alone."""


def _strong_cue(line: Line) -> bool:
    """A strong cue that removes the line: any non-prose line; prose only when it reads as a pitch
    or note (short, or several cue phrases, or addressing the reader), never a long paragraph."""
    if line.cue is None or line.cue[0] != "strong":
        return False
    if not line.prose:
        return True
    if line.words > _FURNITURE_WORDS:
        return False
    return line.words <= 20 or line.hits >= 2 or line.reader


def _short_sentence(line: Line) -> bool:
    """A line that is not prose-shaped but still a sentence ("Crews are still working.")."""
    return (
        line.words >= 2
        and line.terminal
        and line.caps <= 0.6
        and line.cue is None
        and not (line.dated or line.linky or line.caption or line.repeated or line.frequent)
    )


def _island(lines: list[Line], i: int) -> bool:
    before = i == 0 or not lines[i - 1].prose
    after = i == len(lines) - 1 or not lines[i + 1].prose
    return before and after


def _weights(lines: list[Line]) -> list[float]:
    weights = []
    prose_words = 0
    in_comments = False  # below a comments heading that follows article prose, prose counts little
    for i, line in enumerate(lines):
        if line.comment:
            w = -8.0
        elif line.repeated or line.frequent:
            w = -4.0
        elif line.cue and line.cue[0] == "teaser":
            w = -20.0
        elif line.prose:
            w = float(min(line.words, 80))
            if _strong_cue(line) or line.caption:
                w = -6.0
            elif _island(lines, i):
                w *= 0.7 if line.sentences >= 2 else 0.3
            prose_words += line.words
            if in_comments:
                w *= 0.1
        elif is_comments_heading(line) and prose_words >= 50:
            in_comments = True
            w = -30.0
        elif line.dated or byline_name(line.text) or is_readtime(line.text):
            w = -10.0
        elif _subheading_shaped(line) and i + 1 < len(lines) and lines[i + 1].prose:
            nxt = lines[i + 1]
            w = -6.0 if (nxt.sentences < 2 and _island(lines, i + 1)) else -1.0
        else:
            w = -6.0
        weights.append(w)
    return weights


def _densest_run(weights: list[float]) -> tuple[int, int] | None:
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = w, i
        else:
            total += w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _first_paragraph_run(lines: list[Line], start: int, end: int) -> int:
    for i in range(start, end):
        if lines[i].prose and lines[i + 1].prose and not (lines[i].caption or lines[i + 1].caption):
            return i
    return start


def _is_header_line(line: Line) -> bool:
    return line.dated or line.caption or is_readtime(line.text) or byline_name(line.text) is not None


def _continuations(lines: list[Line], end: int, max_gap: int) -> list[tuple[int, int]]:
    """Runs of paragraphs that continue the article after a teaser block."""
    runs = []
    i, gap = end + 1, 0
    while i < len(lines) - 1:
        line = lines[i]
        # Comments, footers and time-stamped lists (comment headers, dated teasers) end the article.
        if is_comments_heading(line) or line.comment or line.dated or (line.cue and line.cue[1] == "copyright"):
            break
        clean = line.prose and not line.cue and not line.repeated and not line.frequent
        nxt = lines[i + 1]
        above_cue = lines[i - 1].cue
        under_heading = above_cue is not None and above_cue[1] == "teaser_heading"
        if clean and nxt.prose and not nxt.cue and not nxt.frequent and not under_heading:
            j = i
            while j + 1 < len(lines) and (lines[j + 1].prose or (
                _subheading_shaped(lines[j + 1]) and j + 2 < len(lines) and lines[j + 2].prose
            )):
                j += 1
            runs.append((i, j))
            i, gap = j + 1, 0
            continue
        gap += 1
        if gap > max_gap:
            break
        i += 1
    return runs


def _bio_like(line: Line, author: str | None) -> bool:
    return bool(author) and line.text.startswith(author) and line.words <= _FURNITURE_WORDS  # type: ignore[arg-type]


def _blocks(lines: list[Line], start: int, end: int) -> list[tuple[bool, int, int]]:
    """``(is_prose, first, last)`` runs of prose and non-prose lines in ``start..end``."""
    blocks: list[tuple[bool, int, int]] = []
    i = start
    while i <= end:
        kind = lines[i].prose
        j = i
        while j + 1 <= end and lines[j + 1].prose == kind:
            j += 1
        blocks.append((kind, i, j))
        i = j + 1
    return blocks


def _teaser_gap(lines: list[Line], first: int, last: int) -> bool:
    gap = lines[first : last + 1]
    return len(gap) >= 3 or any(g.cue and g.cue[0] == "teaser" for g in gap)


def _is_teaser_heading(line: Line) -> bool:
    return line.cue is not None and line.cue[1] == "teaser_heading"


_CARD_WORDS = 50
"""Teaser cards' blurbs are short: one or two sentences."""


def _card_blurbs(lines: list[Line], blocks: list[tuple[bool, int, int]]) -> set[int]:
    """Indices (into ``blocks``) of the blurbs of a list of teaser cards.

    A card is a headline, a one- or two-sentence blurb and often a name or a date: a chain
    of at least three lone short paragraphs, each two or three short lines from the next,
    is such a list ("More from ...", "Most popular"). An article's subheadings come one at a
    time and its paragraphs run on.
    """
    def blurb(b: int) -> bool:
        kind, first, last = blocks[b]
        line = lines[first]
        return kind and first == last and line.words <= _CARD_WORDS and line.sentences <= 2

    def card_gap(b: int) -> bool:
        kind, first, last = blocks[b]
        return not kind and 2 <= last - first + 1 <= 3 and not any(ln.terminal for ln in lines[first : last + 1])

    found: set[int] = set()
    chain: list[int] = []
    for b in range(len(blocks)):
        if not blurb(b):
            continue
        if chain and not (b - chain[-1] == 2 and card_gap(b - 1)):
            if len(chain) >= 3:
                found.update(chain)
            chain = []
        chain.append(b)
    if len(chain) >= 3:
        found.update(chain)
    return found


def _absorb_blurbs(lines: list[Line], blocks: list[tuple[bool, int, int]]) -> list[tuple[bool, int, int]]:
    """Single one-sentence paragraphs next to a teaser block are its blurbs: merge them in."""
    kinds = [kind for kind, _, _ in blocks]
    for b in _card_blurbs(lines, blocks):
        kinds[b] = False
    for b, (kind, first, last) in enumerate(blocks):
        if kind and b > 0 and last - first < 3 and _is_teaser_heading(lines[blocks[b - 1][2]]):
            kinds[b] = False  # paragraphs right under "Popular posts" are its blurbs
            continue
        if not kind or first != last or lines[first].sentences > 1:
            continue
        near = [blocks[k] for k in (b - 1, b + 1) if 0 <= k < len(blocks)]
        if any(not k and _teaser_gap(lines, f, la) for k, f, la in near):
            kinds[b] = False
    merged: list[tuple[bool, int, int]] = []
    for kind, (_, first, last) in zip(kinds, blocks, strict=True):
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1], last)
        else:
            merged.append((kind, first, last))
    return merged


def _inside(lines: list[Line], spans: list[tuple[int, int]], page: Page) -> list[Line]:
    """Decide the lines of the article's spans; return the kept ones."""
    kept: list[Line] = []
    for start, end in spans:
        blocks = _absorb_blurbs(lines, _blocks(lines, start, end))
        tail = blocks[-1]
        if len(blocks) >= 3 and tail[0] and tail[1] == tail[2] and _teaser_gap(lines, *blocks[-2][1:]):
            # one paragraph after a teaser block is not the article going on (two are: see continuations)
            page.removed.append((lines[tail[1]], _reason(lines[tail[1]], "after article")))
            blocks = blocks[:-1]
        for kind, first, last in blocks:
            if kind:
                for line in lines[first : last + 1]:
                    if line.comment:
                        page.removed.append((line, "comments"))
                    elif _strong_cue(line) or (line.cue and line.cue[0] == "teaser"):
                        assert line.cue is not None  # a strong cue is a cue
                        page.removed.append((line, f"cue: {line.cue[1]}"))
                    elif line.caption:
                        page.removed.append((line, "caption"))
                    else:
                        kept.append(line)
                continue
            gap = lines[first : last + 1]
            heading = gap[0].cue is not None and gap[0].cue[1] == "teaser_heading"
            keep_last = (
                (len(gap) == 1 or (len(gap) == 2 and not heading))
                and not any(g.prose for g in gap)
                and (_subheading_shaped(gap[-1]) or (len(gap) == 1 and _short_sentence(gap[-1]))
                     or (len(gap) == 1 and last < end and lead_in(gap[-1], lines[last + 1])))
                and last < end
            )
            reason = "teaser block" if len(gap) >= 3 or heading or any(g.prose for g in gap) else "short line"
            for k, g in enumerate(gap):
                if keep_last and k == len(gap) - 1:
                    kept.append(g)
                else:
                    page.removed.append((g, _reason(g, reason)))
    return kept


def _reason(line: Line, default: str) -> str:
    if line.comment:
        return "comments"
    if line.repeated:
        return "repeated in page"
    if line.frequent:
        return "frequent in corpus"
    if line.cue:
        return f"cue: {line.cue[1]}"
    if line.caption:
        return "caption"
    return default


def _trim_edges(kept: list[Line], page: Page, author: str | None) -> list[Line]:
    def dirty(line: Line) -> bool:
        return line.prose and line.words <= _FURNITURE_WORDS and (line.cue is not None or line.frequent)

    while kept and (dirty(kept[-1]) or _bio_like(kept[-1], author)):
        line = kept.pop()
        page.removed.append((line, "edge: " + _reason(line, "bio")))
    while kept and (dirty(kept[0]) or _bio_like(kept[0], author)):
        line = kept.pop(0)
        page.removed.append((line, "edge: " + _reason(line, "bio" if _bio_like(line, author) else "note")))
    while kept and not kept[-1].prose and not _short_sentence(kept[-1]):
        # a heading cannot end the article ("About the ..." over a trimmed note)
        page.removed.append((kept.pop(), "edge: heading"))
    return kept


def _mark_repetition(lines: list[Line], frequent: Collection[int]) -> None:
    counts = Counter(line.text.casefold() for line in lines if line.words >= 3)
    for line in lines:
        if line.words >= 3 and counts[line.text.casefold()] > 1:
            line.repeated = True
    for i, line in enumerate(lines[:-1]):
        # a share box or a teaser may quote the lead: the copy running on into more prose is the article's
        nxt = lines[i + 1]
        if line.repeated and line.prose and line.words >= 15 and nxt.prose and not nxt.repeated:
            line.repeated = False
    if frequent:
        flagged = [line for line in lines if line_hash(line.text) in frequent]
        prose_words = sum(line.words for line in lines if line.prose)
        frequent_prose = sum(line.words for line in flagged if line.prose)
        majority = prose_words and frequent_prose * 2 > prose_words
        for line in flagged:
            if not (majority and line.prose):
                line.frequent = True


_LONE_BY = frozenset(("by", "von", "par", "por", "door", "di", "written by", "av", "af"))


def _header(page: Page, before: list[Line], body: list[Line]) -> None:
    """Find the headline, byline, date line and standfirst among the lines above the body."""
    opening = " ".join(line.text for line in body[:6])[:1500]
    page.title = choose_title(before, opening, [_is_header_line(ln) for ln in before])
    zone_from = page.title.index if page.title else (before[0].index if before else 0)
    for pos, line in enumerate(before):
        if line.index < zone_from or line is page.title:
            continue
        if page.author is None and line.text.casefold() in _LONE_BY and pos + 1 < len(before):
            name = byline_name("By " + before[pos + 1].text)  # "By" on its own line, the name below
            if name and not is_desk(name):
                page.author, page.byline = name, before[pos + 1]
                continue
        if page.author is None and not line.caption:
            near_date = any(ln.dated for ln in before[max(0, pos - 1) : pos + 4] if ln is not line)
            handle = pos + 1 < len(before) and _HANDLE.match(before[pos + 1].text) is not None  # "Jane Doe", "@janedoe"
            bare_ok = page.title is not None and line.index > zone_from and (near_date or handle)
            name = byline_name(line.text, bare_ok=bare_ok)
            if name and not is_desk(name):
                page.author, page.byline = name, line
                continue
        if page.dateline is None and line.dated and not line.prose:
            page.dateline = line
        elif page.standfirst is None and line.prose and not line.caption and line.cue is None and page.title:
            page.standfirst = line
    if page.author is None and page.title is not None:
        _byline_over_title(page, before)


_HANDLE = re.compile(r"^@\w{2,30}$")


def _byline_over_title(page: Page, before: list[Line]) -> None:
    """A bare name a few lines over the headline, next to a date line ("Jane Doe / Section / Nov 7, 2023")."""
    at = before.index(page.title)  # type: ignore[arg-type]
    above = before[max(0, at - 3) : at]
    if not any(ln.dated for ln in above):
        return
    for line in above:
        name = None if line.dated or line.caption else byline_name(line.text, bare_ok=True)
        if name and not is_desk(name) and name.casefold() not in AGENCY_NAMES:
            page.author, page.byline = name, line
            return


def analyse(text: str, frequent: Collection[int] = frozenset(), *, max_gap: int = 15) -> Page:
    """Split a page into article lines and furniture (see the module docstring).

    ``frequent`` holds :func:`corpuskit.line_hash` values of lines that repeat
    across the corpus.
    """
    lines = [measure(i, t) for i, t in unwrapped_lines(text)]
    page = Page(lines)
    if not lines:
        return page
    words = sum(line.words for line in lines)
    if words == 0 or sum(line.stop * line.words for line in lines) < 0.05 * words:
        for line in lines:
            relax_prose(line)
    else:  # a non-Latin article among Latin furniture: judge its lines without stopwords
        for line in lines:
            if not line.prose and line.stop == 0.0 and len(line.text) >= 20 and non_latin(line.text):
                relax_prose(line)
    _mark_repetition(lines, frequent)
    mark_captions_under_credits(lines)
    mark_comments(lines)
    span = _densest_run(_weights(lines))
    if span is None:
        page.removed = [(line, "no article prose") for line in lines]
        page.header = list(lines)
        return page
    start, end = span
    first_run = _first_paragraph_run(lines, start, end)
    # a caption marks the body's start even when it is a long, prose-shaped one
    headers = [i for i in range(first_run) if _is_header_line(lines[i]) and (not lines[i].prose or lines[i].caption)]
    if headers and headers[-1] >= start:
        start = headers[-1] + 1
    spans = [(start, end), *_continuations(lines, end, max_gap)]
    before = lines[:start]
    page.header = before
    kept = _inside(lines, spans, page)
    _header(page, before, kept)
    page.kept = _trim_edges(kept, page, page.author)
    inside = {line.index for line in page.kept} | {line.index for line, _ in page.removed}
    roles = {id(line): role for line, role in ((page.title, "title"), (page.byline, "byline"),
                                               (page.dateline, "dateline"), (page.standfirst, "standfirst"))
             if line is not None}
    last = spans[-1][1]
    for line in lines:
        if line.index in inside:
            continue
        role = roles.get(id(line))
        where = "before article" if line.index < lines[start].index else "after article"
        if line.index > lines[start].index and line.index < lines[last].index:
            where = "teaser block"
        page.removed.append((line, role or _reason(line, where)))
    page.removed.sort(key=lambda item: item[0].index)
    return page
