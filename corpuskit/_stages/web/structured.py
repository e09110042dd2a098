"""A page's own metadata from its markup: JSON-LD, OpenGraph, Twitter cards, ``<meta>``, ``<time>``, bylines.

:func:`page_metadata` reads a parsed page (an lxml tree, before any cleaning) and returns,
per field, the first value found by the most explicit source: JSON-LD (``NewsArticle``
and friends) before OpenGraph / article tags, before Twitter cards, before ``<meta>``
names, before ``<time>`` and byline markup. Each value comes with the name of its source
(``json-ld``, ``opengraph``, ``twitter``, ``meta``, ``time``, ``byline``, ``html``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson

from corpuskit._stages.web.authors import page_author, site_names

__all__ = ["ARTICLE_TYPES", "FIELDS", "iso_date", "page_headings", "page_metadata"]

FIELDS = ("title", "author", "publisher", "published", "modified", "language", "canonical_url", "description")
ARTICLE_TYPES = frozenset((
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "SocialMediaPosting", "LiveBlogPosting",
    "TechArticle", "ScholarlyArticle", "Report", "WebPage",
))
_ISO = re.compile(r"((?:19|20)\d\d)-?(\d\d)-?(\d\d)")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)

Found = dict[str, tuple[Any, str]]


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from an ISO-like date string (``2024-03-01T10:00Z``, ``20240301``)."""
    if not isinstance(value, str):
        return None
    m = _ISO.search(value.strip()[:40])
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object, list), URLs left out."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        value = value.get("name")
        return _names(value) if not isinstance(value, dict) else []
    if isinstance(value, str):
        name = " ".join(_BY.sub("", value).split())
        return [name] if name and not _URLISH.search(name) and len(name) <= 80 else []
    return []


def _join(names: list[str]) -> str | None:
    seen: list[str] = []
    for name in names:
        if name.casefold() not in {s.casefold() for s in seen}:
            seen.append(name)
    return ", ".join(seen) or None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = orjson.loads((script.text or "").strip().encode("utf-8"))
        except orjson.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                yield item


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _from_json_ld(tree: Any, found: Found) -> list[Any]:
    """Fills ``found`` from the page's JSON-LD; returns the articles' raw author values."""
    objects = list(_json_ld_objects(tree))
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    articles.sort(key=lambda o: "WebPage" in _types(o))  # a page's article before the page itself
    for obj in articles:
        publisher = obj.get("publisher")
        entity = obj.get("mainEntityOfPage")
        values = {
            "title": obj.get("headline") or (obj.get("name") if "WebPage" not in _types(obj) else None),
            "publisher": _join(_names(publisher)) if publisher else None,
            "published": iso_date(obj.get("datePublished") or obj.get("dateCreated")),
            "modified": iso_date(obj.get("dateModified")),
            "language": obj.get("inLanguage") if isinstance(obj.get("inLanguage"), str) else None,
            "description": obj.get("description"),
            "canonical_url": obj.get("url") or (entity.get("@id") if isinstance(entity, dict) else entity),
        }
        _put(found, values, "json-ld")
    for obj in objects:  # the site's own Organization / WebSite object names the publisher
        if _types(obj) & {"NewsMediaOrganization", "Organization", "WebSite"}:
            _put(found, {"publisher": _join(_names(obj))}, "json-ld")
    return [a for obj in articles if (a := obj.get("author") or obj.get("creator"))]


def _put(found: Found, values: dict[str, Any], source: str) -> None:
    for key, value in values.items():
        if isinstance(value, str):
            value = " ".join(value.split())
        if value and key not in found:
            found[key] = (value, source)


def _meta(tree: Any) -> dict[str, str]:
    """``<meta>`` property/name -> content, first one wins, names case-folded."""
    out: dict[str, str] = {}
    for el in tree.xpath("//meta[@content]"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = (el.get("content") or "").strip()
        if key and content:
            out.setdefault(key.strip().lower(), content)
    return out


def _from_meta(m: dict[str, str], found: Found) -> None:
    _put(found, {
        "title": m.get("og:title"), "publisher": m.get("og:site_name"), "description": m.get("og:description"),
        "published": iso_date(m.get("article:published_time")), "modified": iso_date(m.get("article:modified_time")
                                                                                   or m.get("og:updated_time")),
        "canonical_url": m.get("og:url"),
    }, "opengraph")
    _put(found, {"title": m.get("twitter:title"), "description": m.get("twitter:description")}, "twitter")
    date_keys = ("datepublished", "date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
                 "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
                 "article.published", "og:published_time", "published_time", "original-publish-date")
    _put(found, {
        "published": next((d for k in date_keys if (d := iso_date(m.get(k)))), None),
        "modified": iso_date(m.get("datemodified") or m.get("dcterms.modified") or m.get("last-modified")),
        "description": m.get("description"), "language": m.get("content-language") or m.get("language"),
        "publisher": m.get("application-name") or m.get("publisher") or m.get("dc.publisher"),
    }, "meta")


def _from_markup(tree: Any, found: Found) -> None:
    times = tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class, "publish")]'
                       '|//*[@itemprop="datePublished"][@datetime or @content]')
    for el in times:
        date = iso_date(el.get("datetime") or el.get("content"))
        if date:
            _put(found, {"published": date}, "time")
            break
    for link in tree.xpath('//link[@rel="canonical"][@href]'):
        _put(found, {"canonical_url": link.get("href")}, "html")
    lang = tree.xpath("/html/@lang")
    _put(found, {"language": lang[0] if lang else None}, "html")


def page_headings(tree: Any) -> list[str]:
    """The page's top headings (``<h1>``; else ``<h2>`` classed as a title), as text, longest first."""
    heads = tree.xpath("//body//h1") or tree.xpath(
        '//body//h2[contains(@class, "title") or contains(@class, "headline")]')
    texts = {" ".join(h.text_content().split()) for h in heads[:8]}
    return sorted((t for t in texts if 4 <= len(t) <= 400), key=len, reverse=True)


def page_metadata(tree: Any, url: str | None = None) -> Found:
    """``{field: (value, source)}`` for the fields the page's markup states (``url``: where it was fetched)."""
    found: Found = {}
    json_ld_authors = _from_json_ld(tree, found)
    m = _meta(tree)
    _from_meta(m, found)
    _from_markup(tree, found)
    outlet = site_names(found.get("publisher", ("",))[0], m.get("og:site_name"), m.get("application-name"),
                        found.get("canonical_url", ("",))[0], url)
    author = page_author(tree, m, json_ld_authors, outlet)
    if author:
        found["author"] = author
    if "language" in found:
        code = re.split(r"[-_]", str(found["language"][0]).strip().lower())[0]
        if re.fullmatch(r"[a-z]{2}", code):
            found["language"] = (code, found["language"][1])
        else:
            del found["language"]
    return found
