"""Who wrote a page: author candidates from its markup, cleaned into person names, best source first.

A page names its authors in many places, and most of them also carry things that are not
a person: the outlet (``"author": {"@type": "Organization"}``, ``<meta name=author
content="lefigaro.fr">``), a wire service or desk (``AP``, ``CNN Wire``, ``National Desk``),
the outlet after the names (``Jefferson Graham, USA TODAY``), a role after them (``Andrea
Stone Senior Washington Correspondent``, ``LILIAN ALEMAGNA Envoyés spéciaux``), several
names in one string (``X and Y``, ``X / Y``), the page's editor under the author's key.

:func:`person_names` turns one raw value into person names (or none), by rules about
what a personal name looks like - never about particular sites. :func:`page_author`
takes the first source, in order of how explicit it is, that gives at least one name:
JSON-LD, then ``itemprop=author`` / ``rel=author`` markup, then ``<meta>`` author names
(OpenGraph ``article:author``, ``author``, ``*.author``/``*.byline``, ``dc.creator``, a
Twitter creator that is not a handle), then byline-classed elements, then a visible
``By ...`` line. Sources whose structure is weaker (byline classes, ``By`` lines, a
library's guess) must give names of at least two words (in alphabetic scripts).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["join_names", "page_author", "person_names", "site_names"]

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|story|text|words|photos?|video|interview)\s+)?"
    r"(?:by|von|par|por|door|av|af|di|da)\b\s*:?\s*|^\s*(?:autor|auteur|author|texto|text)\s*:\s*",
    re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[,;/|·•、，]|\s[&–—-]\s)\s*(?:(?:and|und|et|y|e|i|og|en|och|ve|AND)\s+)?"
                    r"|\s(?:and|und|et|y|e|i|og|en|och|ve|AND)\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DOMAIN = re.compile(r"\b[\w-]+\.[a-z]{2,24}\b(?:/|$)")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PARTICLES = _wordset("de da del della der den van von la le du dos das di bin ibn al el ten ter zu y e of")
_ROLE = _wordset("""
    correspondent correspondents reporter reporters editor editors writer writers journalist journalists
    columnist contributor contributors staff senior chief deputy special envoy envoyé envoyée envoyés envoyées
    spécial spéciale spéciaux correspondant correspondante correspondants corresponsal redakteur redakteurin
    rédacteur rédactrice redactor redactora photographer photographe producer anchor analyst columnista
    periodista giornalista inviato inviata fotógrafo host presenter""")
_ORG = _wordset("""
    desk team newsroom wire wires news press agency agencies service services media magazine online redaktion
    rédaction redacción redazione bureau reports correspondents editorial associated reuters afp dpa efe ansa
    xinhua bloomberg kyodo yonhap tass upi aap apa anp epa sda ats nachrichten noticias nouvelles notizie
    admin administrator webmaster guest anonymous unknown account logged login subscribe sign""")
_MAX_WORDS = 5


def site_names(*values: str | None) -> frozenset[str]:
    """Comparison keys of the outlet's names (publisher, site name, host and its first label)."""
    keys: set[str] = set()
    for value in values:
        if not value:
            continue
        name = value.casefold().strip()
        host = re.sub(r"^(?:[a-z]+:)?//", "", name).split("/")[0].removeprefix("www.")
        for key in (name, host, host.split(".")[0] if "." in host else ""):
            if key:
                keys.add(re.sub(r"\W+", "", key))
    return frozenset(k for k in keys if k)


def _key(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold())


def _cased(token: str) -> str:
    """``upper``, ``title``, ``lower`` or ``other`` (initials, particles, non-letters)."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or "." in token:
        return "other"
    if all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    return "lower"


def _one_name(raw: str, strict: bool) -> str | None:
    """A person's name from one part of an author string, or None."""
    text = _PREFIX.sub("", raw).strip(" \t\"'“”‘’.,:;|-–—()[]")
    if not text or any(c.isdigit() for c in text) or "@" in text or _DOMAIN.search(text.lower()):
        return None
    if _CJK.search(text):
        return text if len(text) <= 12 and " " not in text.strip() else None
    tokens = text.split()
    kept: list[str] = []
    style = None
    for token in tokens:
        word = token.strip(".,:;()'’\"").casefold()
        if word in _ROLE:
            if len(kept) < 2:
                return None  # "Herald Staff", "Staff Writer": a role, no name before it
            break
        case = _cased(token)
        if case in ("upper", "title"):
            if style is None:
                style = case
            elif case != style:
                break  # "LAURE BRETTON Envoyés", "Leigh Ann Caldwell CNN WASHINGTON": the name ended
        elif case == "lower" and word not in _PARTICLES:
            return None  # "Account You're logged", "the staff": prose, not a name
        kept.append(token)
    while kept and kept[-1].casefold() in _PARTICLES:
        kept.pop()
    if not kept or len(kept) > _MAX_WORDS:
        return None
    words = {t.strip(".,:;()'’\"").casefold() for t in kept}
    if words & _ORG:
        return None
    if len(kept) == 1 and (strict or _cased(kept[0]) == "upper"):
        return None  # one word: a handle, an acronym (AP, CNN), a first name a library guessed
    if style == "upper":  # "LAURE BRETTON" -> "Laure Bretton"
        return " ".join(t.title() if _cased(t) == "upper" else t for t in kept)
    return " ".join(kept)


def person_names(raw: Any, exclude: frozenset[str] = frozenset(), *, strict: bool = False) -> list[str]:
    """The person names in an author value (a string, a JSON-LD object or a list of them).

    JSON-LD objects typed as organisations are left out; a string is split at commas,
    slashes, ``&`` and "and" in several languages, and each part is cleaned
    (``By``/``Par`` prefixes, trailing roles, a change of letter case that ends the name)
    or dropped (the outlet's own names in ``exclude``, domains, desks and agencies, prose,
    anything with digits). ``strict`` drops one-word names too (weak sources).
    """
    if isinstance(raw, list):
        return [n for item in raw for n in person_names(item, exclude, strict=strict)]
    if isinstance(raw, dict):
        kinds = raw.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and ("Organization" in k or k in ("Corporation", "WebSite", "Brand"))
               for k in kinds):
            return []
        return person_names(raw.get("name"), exclude, strict=strict) if isinstance(raw.get("name"), str) else []
    if not isinstance(raw, str) or len(raw) > 300:
        return []
    names = []
    for part in _SPLIT.split(" ".join(raw.split())):
        name = _one_name(part, strict)
        if name and _key(name) not in exclude:
            names.append(name)
    return names


def join_names(names: Iterable[str]) -> str | None:
    """Names joined with ", ", each once (case-insensitive)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return ", ".join(seen.values()) or None


_ITEMPROP = '//@itemprop[. = "author"]/..|//a/@rel[. = "author"]/..'
_BYLINE_WORDS = ("byline", "author", "autor", "auteur", "firma", "submitted-by", "posted-by", "journalist")
_BYLINE_CLASS = "//@class[{}]/..|//@id[contains(., 'author')]/..".format(
    " or ".join(f"contains(., '{w}')" for w in _BYLINE_WORDS))
"""Elements by their class (or id) attribute: the attribute axis is twice as fast as testing every element."""
_BY_LINE = ('//body//text()[contains("BbPpVvDd", substring(normalize-space(substring(., 1, 40)), 1, 1))]'
            '[normalize-space(substring(., 1, 40))][not(ancestor::script or ancestor::style)]')
"""Text nodes that may start with "By" (or Par, Von...), by their first letter: cheap native XPath;
:data:`_BY_START` decides (an EXSLT regex in the XPath would call back into Python for every node)."""
_BY_START = re.compile(r"^\s*(?:by|par|von|por|door|di)\s*:?(?:\s|$)", re.IGNORECASE)
_NAME_CHILDREN = ('.//*[@itemprop="name" or contains(@class, "fn") or contains(@class, "name")]'
                  '|.//a|.//strong|.//b|.//em')
_AGENCIES = _wordset("""
    reuters afp agencefrancepresse ap associatedpress theassociatedpress dpa deutschepresseagentur efe agenciaefe
    europapress ansa xinhua xinhuanewsagency kyodo kyodonews yonhap yonhapnewsagency tass upi
    unitedpressinternational pti presstrustofindia ians ani bernama antara lusa anp apa sda ats aap
    australianassociatedpress pa paMedia pressassociation canadianpress thecanadianpress anadolu anadoluagency
    kna epd ntb tt ritzau stt bta mti ctk pap""".casefold())

Source = tuple[str, list[Any], bool]


def _text(el: Any) -> str:
    return " ".join(el.text_content().split()) if hasattr(el, "text_content") else " ".join(str(el).split())


def _json_ld_names(value: Any) -> Iterator[str]:
    """The name strings in a JSON-LD author value, organisations included (for the agency pass)."""
    if isinstance(value, list):
        for item in value:
            yield from _json_ld_names(item)
    elif isinstance(value, dict) and isinstance(value.get("name"), str):
        yield value["name"]
    elif isinstance(value, str):
        yield value


def _meta_sources(meta: dict[str, str]) -> Iterator[Source]:
    editor = _key(meta.get("editor", ""))
    keys = [k for k in meta if k in ("author", "dc.creator", "byl", "parsely-author")
            or re.search(r"[.:_-](author|byline|creator)$", k)]
    keys.sort(key=lambda k: k != "article:author")  # OpenGraph's first
    for key in keys:
        value = meta[key]
        if (key == "twitter:creator" and value.startswith("@")) or (editor and _key(value) == editor):
            continue  # a handle; the page's editor under the author's key
        yield ("opengraph" if key == "article:author" else "twitter" if key.startswith("twitter:") else "meta",
               [value], False)


def _itemprop_values(tree: Any) -> list[Any]:
    """The texts of ``itemprop=author`` markup (its ``itemprop=name`` parts if any) and ``rel=author`` links."""
    values: list[Any] = []
    for el in tree.xpath(_ITEMPROP):
        names = el.xpath('.//*[@itemprop="name"]') if el.get("itemprop") == "author" else []
        values.extend(_text(n) or n.get("content") for n in names or [el])
    return values[:8]


def _class_sources(tree: Any) -> Iterator[Source]:
    found = (el for el in tree.xpath(_BYLINE_CLASS)
             if el.tag not in ("script", "style", "html", "body") and "comment" not in el.get("class", ""))
    for el in itertools.islice(found, 12):
        text = _text(el)
        if not text or len(text) > 200:
            continue
        parts = [t for c in el.xpath(_NAME_CHILDREN) if (t := _text(c))]
        if parts:
            yield "byline", parts, True
        yield "byline", [text], True


def _by_line_sources(tree: Any) -> Iterator[Source]:
    for node in [n for n in tree.xpath(_BY_LINE) if _BY_START.match(n)][:6]:
        text = _text(node)
        parent = node.getparent()
        if parent is not None and len(text.split()) <= 2 and len(_text(parent)) <= 200:
            text = _text(parent)  # "By <a>Name</a>": the name is in the element, not the text node
        yield "byline", [text], True


def _sources(tree: Any, meta: dict[str, str], json_ld: list[Any]) -> Iterator[Source]:
    """Raw author values, most explicit source first: ``(source, values, strict)``."""
    yield "json-ld", json_ld, False
    yield "byline", _itemprop_values(tree), False
    yield from _meta_sources(meta)
    yield from _class_sources(tree)
    yield from _by_line_sources(tree)


def _agency(value: Any) -> str | None:
    for raw in _json_ld_names(value):
        for part in _SPLIT.split(_PREFIX.sub("", " ".join(raw.split()))):
            name = part.strip(" \t\"'“”‘’.,:;|-–—()[]")
            if _key(name) in _AGENCIES:
                return name
    return None


class _Replay:
    """An iterator's items, computed on first use and replayed on later passes."""

    def __init__(self, items: Iterator[Source]) -> None:
        self._items = items
        self._seen: list[Source] = []

    def __iter__(self) -> Iterator[Source]:
        yield from self._seen
        for item in self._items:
            self._seen.append(item)
            yield item


def page_author(tree: Any, meta: dict[str, str], json_ld: list[Any], exclude: frozenset[str]) -> tuple[str, str] | None:
    """``(names joined with ", ", source)`` from the most explicit source that names a person, or None.

    Names that are the outlet's own (``exclude``) are passed over first; when nothing else
    names a person, a two-word name equal to the outlet's is taken after all (a personal
    site named after its author). When no source names a person, a news agency credited by
    any of them (``Reuters``, ``AFP``) is the author, as wire copy is credited.
    """
    sources = _Replay(_sources(tree, meta, json_ld))  # the XPath searches run once, whatever the passes
    for outlet, strictest in ((exclude, False), (frozenset[str](), True)):
        for source, values, strict in sources:
            names = (n for value in values for n in person_names(value, outlet, strict=strict or strictest))
            joined = join_names(names)
            if joined:
                return joined, source
    for source, values, _ in sources:
        agency = next((a for value in values if (a := _agency(value))), None)
        if agency:
            return agency, source
    return None
