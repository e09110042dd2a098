"""The article's header lines: who wrote it (byline) and which line is its headline.

A byline is "By NAME", "Von NAME", "Par NAME", ..., a bare agency ("Reuters"), "NAME |",
"NAME - Jan 22, 2025", "NAME 8/17/13 11:04am", "NAME Senior Correspondent" (a job title
ending in a role word), or a bare person's name right under the headline. A name is two to
five capitalised words (particles such as "de", "van", "da" allowed), none of them a
section label. The headline is chosen in :mod:`corpuskit_news.page.headline`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from corpuskit_news.page.lines import is_readtime
from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.dates import MONTHS, find_date, find_dates, looks_relative
from corpuskit_news.text.lexicon import AGENCIES, BYLINE_PREFIX, NAME_PARTICLES, NON_NAME_WORDS, STOPWORDS

__all__ = ["ABBREVIATION_END", "byline_name", "content_words", "is_desk", "is_name", "signoff_author"]

_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-])*$")
_BY_INSIDE = re.compile(r"\b(?:by|von|par|por|di|door)\s+(?P<rest>[^\W\d_].*)$", re.IGNORECASE)
_SPLIT = re.compile(r"\s+[|•·—–-]\s+|\s*\|\s*$|\s*\|\s+|,\s+|\s+\(|\s+(?:at|in|for|en|à|em|a|für|aus)\s+")
_DESK = re.compile(r"\b(?:desk|staff|team|newsroom|wire|redaktion|rédaction|redacción|redação|redazione|redactie)\b",
                   re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
"""A maximal run of four or more letters (the same words as ``_WORD`` longer than three)."""
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_MAX_PREFIXED = 240
_DIGIT = re.compile(r"\d")
_GLUED_DATE = re.compile(r"(?<=[^\W\d_]{2})(?=(?:19|20)\d\d[-/.]\d|\d{1,2}[-/.]\d{1,2}[-/.]\d)")
_AND = re.compile(r"^(?:and|und|et|y|e|en|&)\s+", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s+(?:and|und|et|y|e|en|&)\s+")
_CONJ_WORDS = frozenset(("and", "und", "et", "en", "y", "e"))
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
"""The conjunction before the last of several names ("A, B, and C")."""
_ROLE_WORDS = """correspondent correspondents reporter writer editor columnist contributor critic producer analyst
    photographer anchor host editor-at-large corresponsal redactor redactora columnista enviado enviada
    correspondant correspondante rédacteur rédactrice chroniqueur envoyé envoyée korrespondent korrespondentin
    redakteur redakteurin reporterin autor autorin corrispondente inviato inviata giornalista repórter colunista
    correspondente"""
_ROLES = frozenset(_ROLE_WORDS.split())
"""Job titles that close a writer's byline ("Senior Washington Correspondent")."""


def is_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name ("Pieter de Vries", "Nguyễn Văn An")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for tok in tokens:
        low = tok.lower()
        if low in NAME_PARTICLES:
            continue
        if not tok[0].isupper() or not _NAME_TOKEN.match(tok):
            return False
        if low in NON_NAME_WORDS or low in STOPWORDS or (tok.isupper() and len(tok) > 3 and not _INITIALS.match(tok)):
            return False
        capitalised += 1
    return capitalised >= 2 and tokens[0].lower() not in NAME_PARTICLES


def is_desk(text: str) -> bool:
    """Whether a byline names a desk or the staff rather than a person ("StarWire Desk")."""
    return bool(_DESK.search(text))


def _agency(text: str) -> str | None:
    cleaned = text.strip(" |-–—:·•()")
    return cleaned if cleaned.casefold() in AGENCIES else None


@register_cache
@lru_cache(maxsize=16384)
def byline_name(text: str, *, bare_ok: bool = False) -> str | None:
    """The author named by a byline line, or None.

    ``bare_ok`` accepts a line that is only a name (right under a headline, such a line is
    the byline; elsewhere it could be anything).
    """
    if _DIGIT.search(text):
        text = _GLUED_DATE.sub(" ", text)  # "By Jane Roe2014-01-26 21:32 UTC": the name glued to the date
    m = BYLINE_PREFIX.match(text)
    if len(text) > (_MAX_PREFIXED if m else 120):
        return None  # (an explicit "By" survives tags the page glued on after the date)
    if m:
        rest = text[m.end():]
        first = _SPLIT.split(rest, maxsplit=1)[0].strip(" .")
        if first.isupper() and len(first) > 4:
            first = first.title()  # "By JANE O'DOE" after an explicit "By": a name in capitals
        if agency := _agency(first):
            return agency
        if is_name(first):
            return ", ".join([first, *_more_names(rest)])
        # "By Sam Whitford and Ana Díaz": keep the people, joined as written ("By SAM WHITFORD and
        # ANA DÍAZ": names in capitals title-cased, the conjunction kept).
        people = [p.strip(" .") for p in _CONJUNCTION.split(first)]
        if len(people) > 1 and all(is_name(p.title() if p.isupper() else p) for p in people):
            return " ".join(w.title() if w.isupper() and w.casefold() not in _CONJ_WORDS else w for w in first.split())
        return _leading_name(first)
    if agency := _agency(text):
        return agency
    inside = _BY_INSIDE.search(text)
    if inside and len(text.split()) <= 16 and _dateish(text[: inside.start()]):
        # "Posted on August 27, 2024 by Jenna Marsh"
        return byline_name("By " + inside.group("rest"))
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    if not parts:
        return None
    head = parts[0].strip(" .")
    after_head = parts[1:]
    trailing_bar = text.rstrip().endswith("|")
    if is_name(head) and not is_desk(head) and (
        (bare_ok and "," not in text) or trailing_bar or (after_head and _dateish(", ".join(after_head)))
    ):
        return head
    # "2023-12-05 · Ravi Menon · 7 min": a name between date and reading-time parts.
    names = [p for p in parts if is_name(p)]
    others = [p for p in parts if p not in names]
    if len(names) == 1 and others and (_dateish(", ".join(others)) or all(_dateish(p) for p in others)):
        return names[0]
    if agency := _agency(head):
        return agency if after_head and all(_dateish(p) for p in after_head) else None
    return _name_then_date(text) or _name_then_role(text)


def _more_names(rest: str) -> list[str]:
    """The further people of "Par Ana Díaz, Luc Martin, and Paul Roux, Agency" (up to the first non-name)."""
    names: list[str] = []
    for part in _SPLIT.split(rest)[1:]:
        part = _AND.sub("", part.strip(" ."))
        for person in _CONJUNCTION.split(part):
            if not person:
                return names
            name = _caps_run(person) if rest.isupper() or person.split()[0].isupper() else person
            if not name or not is_name(name) or is_desk(name) or _agency(name):
                return names  # ("..., Metro Wire", "..., Reuters": the outlet closes the byline)
            names.append(name)
    return names


def _name_then_date(text: str) -> str | None:
    """A name run straight into the date ("Jane Roe 8/17/13 11:04am"; not "North Korea 09:31 August 20")."""
    if _DIGIT.search(text) is None:
        return None
    name = _leading_name(text)
    if not name:
        return None
    tail = text[len(name):].strip(" ,.")
    dates = tail[:1].isdigit() and (find_dates(tail) or find_dates(tail, dayfirst=True))
    return name if dates and dates[0][0] == 0 else None  # the date itself follows, not a time or a figure


def _name_then_role(text: str) -> str | None:
    """A name followed by the writer's job title ("Jane Roe Senior Washington Correspondent")."""
    tokens = text.split()
    if len(tokens) > 9 or tokens[-1].casefold().strip(".,") not in _ROLES:
        return None
    for cut in range(2, min(5, len(tokens) - 1) + 1):
        name, title = tokens[:cut], tokens[cut:]
        if is_name(" ".join(name)) and all(t[0].isupper() or t.casefold() in NAME_PARTICLES for t in title):
            return " ".join(name)
    return None


def _caps_run(text: str) -> str | None:
    """The leading words in capitals, title-cased ("LAURE BRETTON Envoyée spéciale" -> "Laure Bretton")."""
    run = list(itertools.takewhile(lambda t: t.isupper() and len(t) > 1, text.split()))
    return " ".join(run).title() if run else None


def _leading_name(text: str) -> str | None:
    """The capitalised words that open ``text`` ("Richard Lawler posted Aug 18" -> the name)."""
    taken: list[str] = []
    for tok in text.split():
        if tok.lower().strip(".,") in MONTHS or tok.lower().strip(".,") in NON_NAME_WORDS:
            break  # "Bryan Walsh Tuesday, Aug. 17": a weekday or a label ends the name
        if tok[0].isupper() or tok.lower() in NAME_PARTICLES:
            taken.append(tok)
        else:
            break
    while taken and taken[-1].lower() in NAME_PARTICLES:
        taken.pop()
    name = " ".join(taken).strip(" .,")
    return name if is_name(name) else None


def _dateish(part: str) -> bool:
    # (a day-first reading only tells a date from a non-date: "08/01/2014" is a date either way)
    dated = find_date(part) is not None or find_date(part, dayfirst=True) is not None
    return dated or looks_relative(part) or is_readtime(part) or not _WORD.search(part)


_SIGNOFF = re.compile(
    r"^[(（\[]?\s*(?:"
    r"(?P<ko>[가-힣]{2,4})\s?(?:선임)?(?:기자|특파원)(?:\s+[\w.+-]+@[\w.-]+)?"  # "최윤호 기자 name@outlet.com"
    r"|(?:记者|記者)\s*(?P<zh>[\u4e00-\u9fff]{2,4})"  # "（记者 王小明）"
    r"|(?P<ja>[\u4e00-\u9fff]{2,4})\s?(?:记者|記者)"  # "（山田太郎記者）"
    r")\s*[)）\]]?$"
)
_SIGNOFF_LINES = 12


def signoff_author(footer: Sequence[str]) -> str | None:
    """The reporter's sign-off among the first lines under the article ("최윤호 기자
    name@outlet.com", "（记者 王小明）"): Korean, Chinese and Japanese papers name the writer
    there instead of in a byline."""
    for line in footer[:_SIGNOFF_LINES]:
        m = _SIGNOFF.match(line.strip())
        if m:
            return m.group("ko") or m.group("zh") or m.group("ja")
    return None


def content_words(text: str) -> set[str]:
    """Lower-cased words of ``text`` longer than three letters that are not function words."""
    return set(_LONG_WORD.findall(text.lower())) - STOPWORDS
