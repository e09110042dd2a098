"""Find calendar dates in page lines: "Wednesday, January 01, 2025", "Jan 01 2025 | 11:45 PM
IST", "01.01.2025", "2025-04-02", "14 de enero de 2025", "5 février 2025", "29 nov. 2024", "2025年4月2日".

A two-digit year ("8/17/13") is read with slashes only, 00-68 as 20xx.

Only absolute dates count: "2 hours ago", "yesterday" or "Updated Tuesday" give None. A
numeric date whose day and month could be swapped ("03/04/2025") is ambiguous and gives
None unless the caller says which comes first (``dayfirst``); dotted dates ("12.03.2025")
are day-first everywhere they are used. Month names cover English, German, French,
Spanish, Portuguese, Italian, Dutch and Russian, full and abbreviated, and Arabic.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "find_date", "find_dates", "looks_relative"]

_MONTH_NAMES = {
    1: "january jan januar janvier janv enero ene janeiro gennaio gen januari jän jänner",
    2: "february feb februar février févr fevrier febrero fevereiro fev fevereiro febbraio februari",
    3: "march mar märz maerz mars marzo março marco maart mrt",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juni juin junio junho giugno giu",
    7: "july jul juli juillet juil julio julho luglio lug",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre set setembro settembre",
    10: "october oct oktober octobre octubre outubro out ottobre ott okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre dic diciembre dezembro dez dicembre",
}
_RUSSIAN = ["января январь янв", "февраля февраль фев", "марта март мар", "апреля апрель апр", "мая май",
            "июня июнь июн", "июля июль июл", "августа август авг", "сентября сентябрь сен сент",
            "октября октябрь окт", "ноября ноябрь ноя", "декабря декабрь дек"]
for _n, _names in enumerate(_RUSSIAN, 1):
    _MONTH_NAMES[_n] += " " + _names
# Arabic: the Levantine/Iraqi names (some of two words) and the Egyptian/Gulf ones, often
# written together as "آب/أغسطس"; with and without hamza.
_ARABIC = [
    ("كانون الثاني", "يناير"), ("شباط", "فبراير"), ("آذار", "مارس"), ("نيسان", "أبريل ابريل إبريل"),
    ("أيار", "مايو"), ("حزيران", "يونيو يونيه"), ("تموز", "يوليو يوليه"), ("آب", "أغسطس اغسطس"),
    ("أيلول", "سبتمبر"), ("تشرين الأول", "أكتوبر اكتوبر"), ("تشرين الثاني", "نوفمبر"), ("كانون الأول", "ديسمبر"),
]
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
"""Month name or abbreviation (lower case) -> month number."""
for _n, (_levant, _names) in enumerate(_ARABIC, 1):
    MONTHS[_levant] = _n
    MONTHS.update(dict.fromkeys(_names.split(), _n))

_MON = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_SEP = r"[\s,./-]*(?:de\s+|del\s+)?"

_PATTERNS = [
    # 2025-04-02, 2025/04/02
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)"),
    # 2025年4月2日 (Chinese, Japanese), 2025년 4월 2일 (Korean)
    re.compile(rf"(?<!\d){_YEAR}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
    # January 01, 2025 / Jan. 1 2025 / Jan 01 2025
    re.compile(rf"\b(?P<mon>{_MON})\.?\s+{_DAY}(?:,)?\s*,?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # 1 January 2025 / 8 Feb 2025 / 14 de enero de 2025 / 29 nov. 2024 / 12. März 2025
    # (a second name for the same month may follow: "28 آب/أغسطس 2013")
    re.compile(
        rf"(?<![\d:]){_DAY}\s*(?:de\s+)?(?P<mon>{_MON})\.?(?:\s*/\s*[^\W\d_]+)?{_SEP}{_YEAR}(?!\d)", re.IGNORECASE
    ),
    # 01.01.2025 (day first), 21/06/2024 and 03-04-2025 (order decided below)
    re.compile(r"(?<![\d.:/])(?P<a>[0-3]?\d)(?P<s>[./-])(?P<b>[0-3]?\d)(?P=s)(?P<y>(?:19|20)\d\d)(?!\d)"),
    # 8/17/13, "10/ 5/11" (two-digit year, slashes only, a space may pad a one-digit day or month;
    # order decided below like the four-digit form)
    re.compile(r"(?<![\w.:/])(?P<a>[0-3]?\d)(?P<s>/) ?(?P<b>[0-3]?\d)/ ?(?P<yy>\d\d)(?![\w/.,:])"),
]
_US_ZONE = re.compile(r"\d\s*(?:[aApP]\.?[mM]\.?\s+)?(?:E|C|M|P|AK|H)[SD]?T\b")
"""A time in a North American zone ("09:19 PM ET", "3:53 p.m. EST"): numeric dates there are month first."""
_PIVOT = 69
"""Two-digit years below this are 20xx, the others 19xx (as ``strptime``'s ``%y``)."""

_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|"
    r"\b(?:yesterday|today|just now|gestern|heute|vor \d+ (?:minuten|stunden|tagen)|hier|aujourd'hui|"
    r"il y a \d+|hace \d+|ayer|hoy|há \d+|ontem|hoje|ieri|oggi|"
    r"\d+ (?:ore|minuti|giorni) fa|gisteren|vandaag|\d+ uur geleden)\b",
    re.IGNORECASE,
)


def looks_relative(line: str) -> bool:
    """Whether ``line`` states a relative time ("2 hours ago", "gestern") rather than a date."""
    return bool(_RELATIVE.search(line))


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _numeric(a: int, b: int, y: int, sep: str, dayfirst: bool | None) -> dt.date | None:
    if sep == ".":
        return _make(y, b, a)
    if a > 12 >= b:
        return _make(y, b, a)
    if b > 12 >= a:
        return _make(y, a, b)
    if a == b:
        return _make(y, a, b)
    if dayfirst is None:
        return None
    return _make(y, b, a) if dayfirst else _make(y, a, b)


def find_dates(line: str, *, dayfirst: bool | None = None) -> list[tuple[int, dt.date]]:
    """Every absolute date in ``line`` as ``(offset, date)``, in order of offset."""
    found: dict[int, dt.date] = {}
    taken: list[tuple[int, int]] = []
    zone_checked = dayfirst is not None
    for pattern in _PATTERNS:
        for m in pattern.finditer(line):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else int(g["yy"]) + (2000 if int(g["yy"]) < _PIVOT else 1900)
            if g.get("mon"):
                date = _make(y, MONTHS[g["mon"].lower()], int(g["d"]))
            elif g.get("a"):
                if not zone_checked:
                    zone_checked = True
                    if _US_ZONE.search(line):
                        dayfirst = False  # "10/5/11 09:19 PM ET": a North American time zone, month first
                date = _numeric(int(g["a"]), int(g["b"]), y, g["s"], dayfirst)
            else:
                date = _make(y, int(g["m"]), int(g["d"]))
            if date is not None:
                found[start] = date
                taken.append((start, end))
    return sorted(found.items())


def find_date(line: str, *, dayfirst: bool | None = None) -> dt.date | None:
    """The first absolute date in ``line``, or None (relative times give None)."""
    dates = find_dates(line, dayfirst=dayfirst)
    return dates[0][1] if dates else None
