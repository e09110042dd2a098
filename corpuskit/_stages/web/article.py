"""One page -> article text and metadata, parsing the HTML once and sharing the tree.

The tree is parsed by trafilatura's loader (it copes with encodings declarations, broken
markup and XML prologues); :func:`corpuskit._stages.web.structured.page_metadata` reads
the page's own metadata from it first, :func:`corpuskit._stages.web.library.library_fields`
asks trafilatura's heuristics and htmldate only for the fields the markup left open, and
trafilatura extracts the main content from the same tree (without its metadata pass).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import attrs

from corpuskit._stages.web.furniture import drop_teasers, prune_comments
from corpuskit._stages.web.library import library_fields
from corpuskit._stages.web.structured import FIELDS, page_headings, page_metadata

__all__ = ["Extraction", "clean_title", "extract_page"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_SEPARATORS = re.compile(r"\s+[|–—•:»-]\s+")
_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b"} | {c: '"' for c in "\u201c\u201d\u201e\u201f"})
_SEPARATOR_START = re.compile(r"^\s*(?:[|–—•:»/·_~-]|::)")
_SEPARATOR_END = re.compile(r"(?:[|–—•:»/·_~-]|::)\s*$")
_ANY_SEPARATOR = re.compile(r"[|–—•:»/·_~-]+")
_MAX_TREE_BYTES = 1 << 40  # size limits are the stage's (max_bytes), not trafilatura's


@attrs.frozen
class Extraction:
    """The article text, the metadata fields (all of FIELDS, None where unknown), their sources."""

    text: str
    fields: dict[str, Any]
    sources: dict[str, str]


def clean_title(title: str | None, site: str | None, host: str | None) -> str | None:
    """The headline without a trailing (or leading) ``| Site`` naming the site."""
    if not title:
        return None
    names = {n.casefold() for n in (site, host) if n}
    names |= {n.split(".")[0] for n in names if "." in n}
    parts = _SEPARATORS.split(title)
    if len(parts) > 1:
        def is_site(part: str) -> bool:
            key = part.strip().casefold()
            return bool(key) and any(key == n or key.replace(" ", "") == n.replace(" ", "") for n in names)

        while len(parts) > 1 and is_site(parts[-1]):
            parts.pop()
        while len(parts) > 1 and is_site(parts[0]):
            parts.pop(0)
        if len(parts) == 1:
            return parts[0].strip()
    return title.strip()


def _comparable(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold()


def headline(title: str | None, headings: list[str]) -> str | None:
    """The page's visible headline where the metadata title is it plus a site or section name.

    A heading that is the title itself (up to case, spacing and quote style), or the
    title's start or end with a separator (``- | : » / ·``) between it and the rest
    (``Headline - Section - Site``, ``Show: Headline``, ``Headline-新华网``), is taken as
    the title; otherwise the title stays as the metadata gave it.
    """
    if not title:
        return title
    key = _comparable(title)
    for heading in headings:
        head = _comparable(heading)
        if head == key:
            return heading
        if len(head) < len(key) and (
            (key.startswith(head) and _SEPARATOR_START.match(key[len(head):]) and _main_part(head, key[len(head):]))
            or (key.endswith(head) and _SEPARATOR_END.search(key[: -len(head)]) and _main_part(head, key[: -len(head)]))
        ):
            return heading
    return title


def _main_part(head: str, rest: str) -> bool:
    """Whether a heading that begins or ends the title is its headline, not a section name ("Politics: ...")."""
    if len(head.split()) >= 3 or (len(head) >= 12 and " " not in head):
        return True
    return all(len(head) > len(part.strip()) for part in _ANY_SEPARATOR.split(rest))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^(?:[a-z]+:)?//(?:www\.)?([^/:]+)", url, re.IGNORECASE)
    return m.group(1).lower() if m else None


def extract_page(html: str, *, url: str | None = None, favor: str = "precision",
                 include_tables: bool = True) -> Extraction:
    """The article text and metadata of one page (never raises on bad markup: empty text)."""
    import trafilatura  # here, not at the top: commands and pipelines without extract_html don't load it
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return Extraction("", dict.fromkeys(FIELDS), {})
    found = page_metadata(tree, url)
    headings = page_headings(tree)
    prune_comments(tree)
    missing = {f for f in FIELDS if f not in found}
    for key, value in library_fields(tree, missing, found.get("canonical_url", (url,))[0]).items():
        if value:
            found[key] = (value, "trafilatura")
    result: Any = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=include_tables,
        favor_precision=favor == "precision", favor_recall=favor == "recall", max_tree_size=None,
    )
    text = (result.text or "") if result is not None else ""
    fields: dict[str, Any] = dict.fromkeys(FIELDS)
    sources: dict[str, str] = {}
    for key, (value, source) in found.items():
        fields[key] = value
        sources[key] = source
    host = _host(fields["canonical_url"] or url)
    raw_title = fields["title"]
    fields["title"] = headline(clean_title(raw_title, fields["publisher"], host), headings)
    return Extraction(_without_headline(drop_teasers(text), (raw_title, fields["title"])), fields, sources)


def _without_headline(text: str, titles: tuple[str | None, ...]) -> str:
    """The text without a first line that repeats the headline (the gold of an article excludes it)."""
    first, _, rest = text.partition("\n")
    keys = {" ".join(t.split()).casefold() for t in titles if t}
    return rest if rest and " ".join(first.split()).casefold() in keys else text
