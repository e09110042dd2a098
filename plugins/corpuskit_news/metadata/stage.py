"""``news.metadata``: title, author, publisher, publication date, language, word count."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from corpuskit import Document, Mapper, StageContext, param, stage
from corpuskit_news.metadata.language import detect_language, load_identifier
from corpuskit_news.metadata.publisher import find_publisher, publisher_key
from corpuskit_news.page.article import analyse
from corpuskit_news.page.boilerplate_record import PageHeader, build_record, kept_lines
from corpuskit_news.page.bylines import signoff_author
from corpuskit_news.page.lines import measure
from corpuskit_news.text.dates import find_dates

__all__ = ["NewsMetadata", "published_date"]

_PUBLISH_WORD = re.compile(
    r"\b(?:published|posted|updated|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|"
    r"veröffentlicht|aktualisiert|gepubliceerd|bijgewerkt|first published|last updated)\b",
    re.IGNORECASE,
)
_UPDATE_WORDS = ("updated", "mis à", "actualizado", "atualizado", "aggiornato", "aktualisiert", "bijgewerkt",
                 "last updated")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]{2,60})$")


def published_date(header: PageHeader, *, dayfirst: bool | None = None) -> str | None:
    """The publication date as ``YYYY-MM-DD`` from the page's date lines, or None.

    In order: a header line that says published (then one that says updated); the byline
    when it carries a date; the date line under the headline; any short dated line between
    the headline and the article (captions excluded); a short dated line just above the
    headline, or the line right over it when it ends in the date; a footer line that says
    published ("First Published: ..."). Relative times give nothing.
    """
    seen: set[str] = set()
    for line in _date_candidates(header):
        if line in seen:
            continue
        seen.add(line)
        date = _date_after_keyword(line, dayfirst)
        if date:
            return date
        if dayfirst is None and _AMBIGUOUS.search(line) and find_dates(line, dayfirst=True):
            return None  # the date line's date is ambiguous ("08/01/2014"): the caller decides the order
    return None


_AMBIGUOUS = re.compile(r"\d[./-]\d")
_TOOLBAR_WORDS = 16
_ENDS_DATED = re.compile(r"(?:19|20)\d\d(?:,?\s+\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$", re.IGNORECASE)
"""A line ending in a year, perhaps with a time and zone ("..., 2011, 6:37 PM EDT")."""


def _date_candidates(header: PageHeader) -> Iterator[str]:
    """The lines that may state the publication date, most telling first (generated lazily)."""
    said = [ln for ln in header.header if _PUBLISH_WORD.search(ln)]
    yield from (ln for ln in said if not _updated(ln))
    yield from said
    if header.byline:
        yield header.byline  # "Jane Doe | Madrid | 08/01/2014"
    if header.dateline:
        yield header.dateline
    # a photo's date is not the page's
    yield from (ln for ln in _below_title(header) if len(ln.split()) <= 20 and not measure(0, ln).caption)
    above = _above_title(header)
    yield from (ln for ln in above if len(ln.split()) <= 8)  # a date over the headline
    if above and len(above[-1].split()) <= _TOOLBAR_WORDS and _ENDS_DATED.search(above[-1]):
        yield above[-1]  # a tool bar ending in the date right over it ("text size: T T Section May 2, 2011")
    yield from (ln for ln in header.footer if _PUBLISH_WORD.search(ln) and len(ln.split()) <= 20)


def _updated(line: str) -> bool:
    m = _PUBLISH_WORD.search(line)
    return m is not None and m.group(0).lower().startswith(_UPDATE_WORDS)


def _above_title(header: PageHeader) -> list[str]:
    if header.title_line and header.title_line in header.header:
        at = header.header.index(header.title_line)
        return list(header.header[max(0, at - 3) : at])
    return []


def _below_title(header: PageHeader) -> list[str]:
    if header.title_line and header.title_line in header.header:
        return list(header.header[header.header.index(header.title_line) + 1 :])
    return []


def _date_after_keyword(line: str, dayfirst: bool | None) -> str | None:
    dates = find_dates(line, dayfirst=dayfirst)
    if not dates:
        return None
    m = _PUBLISH_WORD.search(line)
    if m and not m.group(0).lower().startswith(_UPDATE_WORDS):
        after = [d for offset, d in dates if offset >= m.start()]
        if after:
            return after[0].isoformat()
    return dates[0][1].isoformat()


def _clean_title(title: str | None, publisher: str | None) -> str | None:
    if not title:
        return None
    m = _TITLE_SUFFIX.search(title)
    if m and publisher and publisher_key(m.group("site")) == publisher_key(publisher):
        return title[: m.start()].strip()
    return title


def _word_count(text: str) -> int:
    return len(text.split())


@stage("news.metadata", kind="extract")
@attrs.frozen
class NewsMetadata(Mapper):
    """Extracts a news article's title, author, publisher, publication date and language.

    Reads the header that ``news.boilerplate`` found (``meta["boilerplate"]``); without
    it, analyses the document's text as a page itself (the text is left unchanged).

    After ``extract_html`` (the document has ``meta.field_sources``), the page's own
    markup wins: a field ``extract_html`` found (JSON-LD, OpenGraph, ``<time>``...) is
    kept as it is, and the text heuristics below only fill the fields it left None.
    ``meta.field_sources`` then says where each field came from: ``extract_html``'s
    source names (``json-ld``, ``opengraph``, ``twitter``, ``meta``, ``time``,
    ``byline``, ``html``, ``trafilatura``) or ``text`` for these heuristics. On plain
    text (no ``field_sources``) nothing of this applies and no ``field_sources`` is written.

    Writes (absent = None, never a guess):

    - ``title``: the headline line (a trailing " | Site" naming the publisher is cut).
    - ``author``: the byline's person(s), or the agency ("Reuters") when that is the
      byline; desk and staff bylines give None. Without a byline, a reporter's sign-off
      under the article ("최윤호 기자 name@outlet.com", "（记者 王小明）").
    - ``publisher``: the outlet, from the masthead, "© 2025 X", "X staff", "X's website",
      "X is part of ...", the name the page repeats across its menus and footers, and a
      name spelling the page's own web address (clues that name one outlet pool their
      weight; an owner company's name weighs less).
    - ``published``: ``YYYY-MM-DD`` from the page's date lines ("Wednesday, January 01,
      2025", "Jan 01 2025 | 11:45 PM IST", "01.01.2025", "14 de enero de 2025", ...).
      "2 hours ago" is not a date; "03/04/2025" is ambiguous (None) on English pages and
      day-first on others.
    - ``language``: ISO 639-1 code from py3langid on the article's first
      ``language_chars`` characters, None when the text is too short or the detector is
      unsure (probability below ``min_language_prob``).
    - ``word_count``: whitespace-separated words of the article text (after ``extract_html``: of the text).
    """

    language_chars: int = param(200, doc="characters of the article given to the language detector")
    min_language_prob: float = param(0.5, doc="below this detector probability, language is None")

    def setup(self, ctx: StageContext) -> None:
        load_identifier()

    def map(self, doc: Document, ctx: StageContext) -> Document:
        record = doc.meta.get("boilerplate")
        body = doc.text
        if not isinstance(record, dict):
            record = build_record(analyse(doc.text))
            if "field_sources" not in doc.meta:  # a raw page; after extract_html the text is the article
                body = "\n".join(kept_lines(doc.text, record))
        header = PageHeader.from_meta(record)
        language = detect_language(body, chars=self.language_chars, min_prob=self.min_language_prob)
        exclude = [x for x in (header.title_line, header.byline) if x]
        publisher = find_publisher(header.header, header.footer, body, exclude=exclude)
        author = header.author or signoff_author(header.footer)
        published = published_date(header)
        if published is None and language not in (None, "en"):
            published = published_date(header, dayfirst=True)
        found = {"title": _clean_title(header.title_line, publisher), "author": author, "publisher": publisher,
                 "published": published, "language": language}
        sources = doc.meta.get("field_sources")
        if isinstance(sources, dict):
            found, sources = _markup_first(doc.meta, found, sources)
        for label in ("title", "author", "publisher", "published", "language"):
            if found[label] is None:
                ctx.count(f"no {label}")
        extra = {"field_sources": sources} if isinstance(sources, dict) else {}
        return doc.with_meta(**found, word_count=_word_count(body), **extra)


def _markup_first(meta: dict[str, Any], heuristic: dict[str, str | None],
                  sources: dict[str, Any]) -> tuple[dict[str, str | None], dict[str, Any]]:
    """The fields ``extract_html`` read from the markup, else the text heuristics' ("text")."""
    fields: dict[str, str | None] = {}
    merged = dict(sources)
    for key, guess in heuristic.items():
        stated = meta.get(key)
        if stated is not None:
            fields[key] = stated
        else:
            fields[key] = guess
            merged.pop(key, None)
            if guess is not None:
                merged[key] = "text"
    return fields, merged
