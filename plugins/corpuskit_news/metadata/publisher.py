"""Who published a page: masthead, "© 2025 X", "X staff", "X's website", "X is part of".

Each clue proposes a name with a weight; names that are the same outlet ("Weser-Bote" and
"Weser-Bote Verlag GmbH", "THE RIFT STANDARD" and "The Rift Standard") pool their weight,
mentions elsewhere on the page add a little, and the best pool wins if it has at least one
strong clue's worth. A page that never names its outlet gets None.

On real pages the masthead is often a logo (no text) and the first short lines are menus,
so one more clue counts: the name that recurs across many distinct furniture lines ("More
From X", "X Staff", "Subscribe to X", "Jobs at X", "X Store") - outlets name themselves all
over their menus and footers. Only name-shaped words count (all-capital or camel-case
single words, capitalised word runs), compared without case or accents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from corpuskit_news.metadata.pagenames import (
    ARTICLES,
    CONNECTORS,
    find_masthead,
    line_names,
    shaped_single,
)
from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.dates import find_date
from corpuskit_news.text.folding import fold_accents
from corpuskit_news.text.lexicon import AGENCIES, STOPWORDS

__all__ = ["find_publisher", "publisher_key"]

_LEGAL_DOTTED = re.compile(
    r"\b(?:S\.\s?[AL]\.|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\.|L\.P\.|Ltd\.|Inc\.|Co\.|Corp\.|P\.?IVA.*)", re.IGNORECASE
)
_LEGAL = {"ltd", "limited", "llc", "inc", "gmbh", "ag", "sa", "sl", "srl", "spa", "bv", "nv", "as", "asa", "ab",
          "oy", "plc", "pvt", "private", "corp", "corporation", "lp", "llp", "kg"}
_HOUSE = {"co", "company", "group", "media", "verlag", "ediciones", "editora", "edizioni", "éditions",
          "publishing", "publications", "holdings", "uitgeverij", "ventures", "enterprises", "the"}
_PARTICLES = (
    "of|the|on|upon|de|del|della|dello|do|da|das|dos|du|di|van|het|aan|la|le|el|am|an|im|auf|ob|bei|zu|zum|zur|"
    "sur|sul|sulla|og|och|und|y|i"
)
_NAME = (
    rf"(?P<name>[A-ZÀ-Þ0-9][\w&'’-]*(?:[ \t]+(?:[A-ZÀ-Þ0-9][\w&'’-]*|{_PARTICLES})(?![\w]))*)"
)
_COPYRIGHT = re.compile(
    r"(?i:©|\(c\)|\bcopyrights?\b)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?:(?i:all rights reserved|by)\s+)?"  # "© 2011 All Rights Reserved AOL News", "Copyright by x.com"
    r"(?P<name>[^\W\d_](?:[^.,|;:()/\n]|\.(?=[a-z]{2,4}\b)){1,80}?)(?=\s*(?:[,|;:()/]|\.(?![a-z]{2,4}\b)|\s[-–—]\s|\s(?:19|20)\d\d\b|$))"
)
_CREDIT_MAX_WORDS = 4
"""A "© Name" line this short, without a year or "rights", above the page's last fifth, credits a photo."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TLD = re.compile(r"(?<=\w)\.(?:com|net|org|info|co\.uk|[a-z]{2})$", re.IGNORECASE)
_LEAD_HOUSE = frozenset(("ediciones", "editions", "éditions", "edizioni", "editora", "editorial", "grupo", "gruppo",
                         "groupe", "verlag", "verlagsgruppe"))
"""Publishing-house words before an outlet's name ("Ediciones El País"): the outlet is what follows."""
_NAV_TAIL = re.compile(r"\s+(?:homepage|home\s+page|startseite|page\s+d'accueil)$", re.IGNORECASE)
"""A logo's link text ("X Homepage") names the outlet before it."""
_NAV_ENDS = frozenset(("page", "eite", "ueil"))
_OWNER = re.compile(
    r"\b(?i:(?:a|an|une?|una|uno|ein|eine)\s+(?:company|member|division|subsidiary|brand|empresa|entreprise|"
    r"soci[ée]t[ée]|filiale|unternehmen|marca|azienda)\s+(?:of|de|du|des|der|del|della|di)|part\s+of|owned\s+by|"
    r"propiedad\s+de|filiale\s+de)(?i:\s+(?:the\s+|la\s+|le\s+|el\s+)?(?:groupe?\s+|grupo\s+|gruppo\s+)?)"
    + _NAME
)
"""An owner named by the page ("Una empresa de PRISA", "part of X Media"): not the outlet itself."""
_OWNER_WORDS = ("company", "member", "division", "subsidiary", "brand", "empresa", "entreprise", "société",
                "societe", "filiale", "unternehmen", "marca", "azienda", "part of", "owned by", "propiedad")
"""Case-folded words without which no line names an owner (a cheap test before :data:`_OWNER`)."""
_RANK_ROW = re.compile(r"^\d{1,2}[.)]?\s")
"""A ranked list or table row ("1 NCIS CBS 138", "3. Most read story"): data, not menus."""
_STAFF = re.compile(r"\b(?:by\s+)?(?:the\s+)?" + _NAME + r"\s+staff\b")
_WEBSITE = re.compile(_NAME + r"[’']s\s+(?:website|site|app|newsletter)\b")
_SUBJECT = re.compile(
    r"^" + _NAME + r"\s+is\s+(?:published\s+by|part\s+of|a\s+registered|a\s+nonprofit|an\s+independent|"
    r"a\s+division|a\s+member|owned\s+by)"
)
_DOMAIN = re.compile(r"\b(?:www\.)?([a-z0-9-]{3,})\.(?:[a-z]{2,3})(?:\.[a-z]{2})?\b")
_YEAR_TAIL = re.compile(r"\s+(?:19|20)\d\d$")
_RIGHTS = re.compile(
    r"\s+(?:all|todos|tous|alle|direitos|riproduzione|powered)\b.*$|\s*(?:版權所有|版权所有|著作権).*$",
    re.IGNORECASE,
)


_LEGAL_TAIL = re.compile(r",?\s*(?:" + "|".join(sorted(_LEGAL)) + r")\b\.?", re.IGNORECASE)
_RECUR_MIN_LINES = 3
_RECUR_MAX_WORDS = 8
"""Only short lines (menus, footers, credits) are counted: teaser headlines and blurbs name topics."""
"""A name counts as recurring when found in at least this many distinct furniture lines."""


@dataclass
class _Pool:
    key: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (source, display)
    score: float = 0.0
    owner_checked: bool = False


def publisher_key(name: str) -> str:
    """A comparison key: case-folded words without legal forms, publishing-house words, 'the'."""
    if "." in name:
        name = _TLD.sub("", _LEGAL_DOTTED.sub(" ", name).strip())
    words = re.findall(r"[\w&]+", name.casefold())
    while len(words) > 1 and words[0] in _LEAD_HOUSE:
        words.pop(0)
    while len(words) > 1 and (words[-1] in _LEGAL or words[-1] in _HOUSE):
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _display(name: str) -> str:
    name = _YEAR_TAIL.sub("", _RIGHTS.sub("", _LEGAL_DOTTED.sub(" ", name))).strip(" ,.-–|")
    words = (_NAV_TAIL.sub("", name) if name[-4:].casefold() in _NAV_ENDS else name).split()
    while len(words) > 1 and words[-1].casefold().strip(".") in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0].casefold() in _LEAD_HOUSE:
        words.pop(0)
    return " ".join(words)


def _is_corporate(name: str) -> bool:
    words = [w.casefold().strip(".,") for w in _LEGAL_DOTTED.sub(" Ltd ", name).split()]
    return any(w in _LEGAL or w in _HOUSE - {"the"} for w in words[1:])


@register_cache
@lru_cache(maxsize=65536)
def _line_keys(line: str) -> tuple[tuple[str, str, bool], ...]:
    """``(key, name, shaped)`` for the names of one line (menus and footers repeat across a corpus: cached)."""
    if len(line.split()) > _RECUR_MAX_WORDS:
        return ()
    return tuple((fold_accents(n), n, " " not in n and shaped_single(n)) for n in line_names(line))


def _article_subject(name: str, body: str) -> bool:
    """Whether the article mentions a word of ``name`` (exact case, not a function word) twice or more."""
    return any(body.count(w) > 1 for w in name.split() if fold_accents(w) not in STOPWORDS)


def _recurring_names(
    lines: Sequence[str], skip: set[str], body: str, named: Sequence[str] = ()
) -> list[tuple[str, int]]:
    """Names found in at least ``_RECUR_MIN_LINES`` distinct furniture lines, with that count.

    Of names that recur equally often, only the longest is given ("FOX 13" over "FOX"). A
    name the article itself mentions more than once is its subject, not its publisher -
    unless a masthead or copyright clue (``named``, the names they give) names it: outlets cite
    themselves. Ranked list and table rows ("1 NCIS CBS 138") are data, not furniture.
    """
    counts: Counter[str] = Counter()
    shaped: Counter[str] = Counter()
    display: dict[str, str] = {}
    for line in dict.fromkeys(lines):
        if line.count(" ") >= _RECUR_MAX_WORDS or line.casefold() in skip:
            continue
        if line[:1].isdigit() and _RANK_ROW.match(line):
            continue
        for key, name, is_shaped in _line_keys(line):
            counts[key] += 1
            if is_shaped:
                shaped[key] += 1
                display[key] = name
            display.setdefault(key, name)
    frequent = {
        k: n
        for k, n in counts.items()
        if n >= _RECUR_MIN_LINES
        and find_date(display[k]) is None  # comment timestamps ("Oct 9 2010") recur too
        and (" " in k or 2 * shaped[k] > n)  # a single word is a brand when mostly written as one
        and (not _article_subject(display[k], body) or _named(display[k], named))
    }
    kept = [
        (display[k], n)
        for k, n in frequent.items()
        if not any(o != k and n <= m and (o.startswith(k + " ") or o.endswith(" " + k)) for o, m in frequent.items())
    ]
    return sorted(kept, key=lambda item: -item[1])


def _named(name: str, named: Sequence[str]) -> bool:
    key = publisher_key(name)
    return any(_same(key, publisher_key(_display(n))) for n in named)


def find_publisher(
    header: Sequence[str], footer: Sequence[str], body: str = "", *, exclude: Sequence[str] = ()
) -> str | None:
    """The outlet named by a page, from its header lines (masthead first), footer and body.

    ``exclude`` holds lines that are known to be something else (the headline, the byline).
    """
    skip = {e.casefold() for e in exclude if e}
    lines = [*header, *footer]
    clues = _line_clues(lines)
    joined = "\n".join(lines)
    furniture = joined.casefold()
    squashed_domains = {m.group(1).replace("-", "") for m in _DOMAIN.finditer(furniture)} if "." in furniture else set()
    domains = _domain_names(lines, squashed_domains - _PLATFORMS)
    def hints() -> set[str]:
        return {w for _, name, _ in clues for w in fold_accents(name).split()} | squashed_domains

    masthead = find_masthead(header, lines, skip, hints)
    if masthead:
        clues.insert(0, ("masthead", masthead, 1.5))
    clues.extend(("address", name, 1.0) for name in _address_names(joined, squashed_domains))
    named = [n for s, n, _ in clues if s in ("masthead", "copyright", "staff", "website")]
    for name, count in _recurring_names(lines, skip, body, named)[:3]:
        # A recurring word of a name already proposed ("BEACON" of "DAILY BEACON") backs that name.
        words = set(fold_accents(name).split())
        owner = next(
            (
                c
                for c in clues
                if c[0] not in ("company", "credit")
                and words < set(fold_accents(c[1]).split())
                and not fold_accents(c[1]).startswith(fold_accents(name))
            ),
            None,
        )
        weight = min(3.0, 0.4 * count)
        clues.append((owner[0], owner[1], weight) if owner else ("recurring", name, weight))
    clues.extend(("domain", name, 1.0) for name in domains)
    pools = _pool(clues)
    if not pools:
        return None
    text = furniture + "\n" + body.casefold()
    for pool in pools:
        mentions = max(text.count(display.casefold()) for _, display in pool.names)
        pool.score += min(1.2, 0.3 * max(0, mentions - len(pool.names)))
        if pool.key.replace(" ", "") in squashed_domains:
            pool.score += 0.5
    best = max(pools, key=lambda p: p.score)
    own = ("masthead", "copyright", "staff", "website")
    if not any(src in own for src, _ in best.names) and any(word in furniture for word in _OWNER_WORDS):
        # (a name the page gives itself is not its owner's; a recurring one may be)
        best = _demote_owners(pools, lines, furniture.split("\n"))
    if best.score < 1.5:
        return None
    return _choose_display(best, lines)


def _demote_owners(pools: list[_Pool], lines: Sequence[str], folded: Sequence[str]) -> _Pool:
    """The best pool once the group that owns the outlet ("Una empresa de PRISA") counts half.

    Only the leading pools are checked, on the lines that name them (``folded``: ``lines``
    case-folded).
    """
    for _ in range(3):
        best = max(pools, key=lambda p: p.score)
        if best.owner_checked:
            return best
        best.owner_checked = True
        names = {display.casefold() for _, display in best.names}
        named = [lines[i] for i, low in enumerate(folded) if any(n in low for n in names)]
        owners = {publisher_key(_display(m.group("name"))) for line in named for m in _OWNER.finditer(line)}
        if not any(o and _same(best.key, o) for o in owners):
            return best
        best.score *= 0.5
    return max(pools, key=lambda p: p.score)


def _line_clues(lines: Sequence[str]) -> list[tuple[str, str, float]]:
    """Copyright holders, "X staff", "X's website", "X is part of" clues: (source, name, weight)."""
    clues: list[tuple[str, str, float]] = []
    site_footer = 0.8 * len(lines)
    for at, raw in enumerate(lines):
        low = raw.lower()
        if "©" in raw or "opyright" in low or "(c)" in low:
            line = _LEGAL_DOTTED.sub(" ", raw)
            short = len(raw.split()) <= _CREDIT_MAX_WORDS and not _YEAR.search(raw) and "right" not in low
            credit = short and at < site_footer  # (the page's own "© Outlet" closes the page)
            for m in _COPYRIGHT.finditer(line):
                # A company ("Beacon Media Ltd") may own the outlet, an agency ("AFP") wrote the
                # wire copy, a short "© Name" line credits a photo: all weigh less than the
                # outlet's own name.
                name = m.group("name")
                tail = re.search(re.escape(name) + _LEGAL_TAIL.pattern, raw, re.IGNORECASE)
                corporate = _is_corporate(name) or tail is not None
                if credit:
                    clues.append(("credit", name, 0.5))
                    continue
                weight = 0.5 if name.casefold() in AGENCIES else 1.0 if corporate else 1.5
                clues.append(("company" if corporate else "copyright", name, weight))
        checks = (
            (_STAFF, "staff", 1.5, "staff" in low),
            (_WEBSITE, "website", 1.5, "’s " in raw or "'s " in raw),
            (_SUBJECT, "subject", 1.0, " is " in raw),
        )
        for pattern, source, weight, plausible in checks:
            hit = pattern.search(raw) if plausible else None
            if hit:
                clues.append((source, hit.group("name"), weight))
    return clues


def _address_names(joined: str, labels: set[str]) -> list[str]:
    """A web address written as a name ("Cleveland.com", "SOTT.NET") in two or more short lines.

    ``joined`` is the page's furniture lines joined by newlines, ``labels`` the names of
    the web addresses found in it ("cleveland"): only those can be written so.
    """
    found: list[str] = []
    for label in labels:
        if len(label) < 3 or label in _PLATFORMS:
            continue
        seen: dict[int, str] = {}  # line start -> the address as written there
        pattern = r"(?<![\w.])" + re.escape(label) + r"\.(?:com|net|org|info|[a-z]{2})(?![\w.])"
        for m in re.finditer(pattern, joined, re.IGNORECASE):
            token = m.group(0)
            start = joined.rfind("\n", 0, m.start()) + 1
            end = joined.find("\n", m.end())
            if token[0].isupper() and joined.count(" ", start, end if end >= 0 else len(joined)) < _RECUR_MAX_WORDS:
                seen.setdefault(start, token)
        if len(seen) >= 2:
            shown = list(seen.values())
            found.append(next((t for t in shown if not t.isupper()), shown[0]))  # "Sott.net" over "SOTT.NET"
    return found


def _pool(clues: list[tuple[str, str, float]]) -> list[_Pool]:
    """Clues naming one outlet pooled by their comparison key."""
    pools: list[_Pool] = []
    for source, name, weight in clues:
        display = _display(name)
        key = publisher_key(display)
        if not key or key.isdigit():
            continue
        pool = next((p for p in pools if _same(p.key, key)), None)
        if pool is None:
            pool = _Pool(key)
            pools.append(pool)
        pool.names.append((source, display))
        pool.score += weight
        if len(key) < len(pool.key):
            pool.key = key
    return pools


_PLATFORMS = frozenset(
    (
        "facebook", "twitter", "google", "youtube", "instagram", "linkedin", "pinterest", "whatsapp", "tiktok",
        "reddit", "tumblr", "wordpress", "gmail", "yahoo", "apple", "microsoft", "amazon", "disqus", "flickr",
        "vimeo", "medium", "substack", "blogspot",
    )
)
"""Domains of platforms a page links to or mails through: never the outlet's own."""


def _domain_names(lines: Sequence[str], labels: set[str]) -> list[str]:
    """Names on the page that spell one of its own web addresses ("USA TODAY" for usatoday.com)."""
    found: list[str] = []
    for label in labels:
        if len(label) < 3:
            continue
        spelled: set[str] = set()
        for line in lines:
            if label not in line.casefold().replace(" ", ""):
                continue
            for name in line_names(line):
                words = fold_accents(name).split()
                if words and words[0] in ARTICLES:
                    words = words[1:]
                if "".join(re.sub(r"\W", "", w) for w in words) == label:
                    spelled.add(name)
        if spelled:
            found.append(max(spelled, key=lambda n: (len(n.split()), n)))  # with its article: "Le Figaro"
    return found


def _same(a: str, b: str) -> bool:
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _choose_display(pool: _Pool, lines: Sequence[str]) -> str:
    # The outlet's own name (masthead, copyright, staff) over its web address written as a name
    # over a recurring or address-spelling name over a company's or a photo credit's.
    names = (
        [d for s, d in pool.names if s not in ("recurring", "domain", "company", "credit", "address")]
        or [d for s, d in pool.names if s == "address"]
        or [d for s, d in pool.names if s == "recurring"]
        or [d for s, d in pool.names if s == "domain"]
        or [d for _, d in pool.names]
    )
    mixed = [n for n in names if not n.isupper()] or names
    # a brand that stands alone on a line, or is written as one ("KESTREL") where no other clue
    # confirms the longer masthead, beats a menu item that adds a section to it ("BRAND Jobs")
    sources = {s for s, _ in pool.names}
    if "recurring" in sources and "masthead" in sources:
        alone = {line.casefold() for line in lines}
        heads = {d.casefold() for s, d in pool.names if s == "masthead"}
        confirmed = any(s not in ("masthead", "recurring") and d.casefold() in heads for s, d in pool.names)
        brands = (
            d
            for s, d in pool.names
            if s == "recurring" and (d.casefold() in alone or (shaped_single(d) and not confirmed))
        )
        for r in brands:
            if any(s == "masthead" and d.casefold().startswith(r.casefold() + " ") for s, d in pool.names):
                return r
    masthead = [d for s, d in pool.names if s == "masthead" and not d.isupper()]
    if masthead:
        return masthead[0]
    best = min(mixed, key=lambda n: (len(publisher_key(n)), len(n)))
    if _TLD.search(best):  # "CNBC.com" -> "CNBC" when the page also names itself without the address
        named = ("recurring", "company", "copyright", "masthead")
        plain = [d for s, d in pool.names if s in named and not _TLD.search(d)]
        best = next((d for d in plain if publisher_key(d) == publisher_key(best)), best)
    if best.isupper() and " " in best:  # "THE RIFT STANDARD" -> "The Rift Standard", "USA TODAY" -> "USA Today"
        return " ".join(w if len(w) <= 3 and w.isalpha() and w.casefold() not in CONNECTORS else w.title()
                        for w in best.split())
    return best
