"""The fields a page's markup left open, from trafilatura's metadata heuristics and htmldate.

``trafilatura.bare_extraction(with_metadata=True)`` runs every heuristic on every page:
the author search alone (a dozen XPath scans) costs more than the rest of the page's
metadata, and its categories, tags and licence are not used here. :func:`library_fields`
calls only the heuristics for the fields still missing after
:func:`corpuskit._stages.web.structured.page_metadata`, in trafilatura's own order
(``<meta>`` and JSON-LD, then the ``<title>``/``<h1>`` search; the site name from the
title, else the URL's host; the canonical URL; htmldate for the date, without its
extensive search: that free-text scan is most of htmldate's time and, on the development
pages, its extra dates were mostly wrong (a copyright year's 1 January, a comment's date):
published right on 0.80 of them without it, 0.75 with it).
trafilatura's author guess is not used: the markup sources in
:mod:`corpuskit._stages.web.authors` cover its XPaths, and on the development pages it
added no right author.
"""

from __future__ import annotations

import logging
from typing import Any

from corpuskit._stages.web.structured import iso_date

__all__ = ["library_fields"]

_LOG = logging.getLogger(__name__)
_DATE_SEARCH = {"extensive_search": False, "original_date": True, "max_date": None}


def _markup_document(tree: Any) -> Any:
    from trafilatura.metadata import examine_meta, extract_meta_json

    document = examine_meta(tree)
    try:
        document = extract_meta_json(tree, document)
    except Exception as exc:  # trafilatura guards its JSON-LD reader the same way
        _LOG.debug("trafilatura's JSON-LD reader failed: %s", exc)
    return document


def _site_name(document: Any, tree: Any, url: str | None) -> str | None:
    from trafilatura.metadata import META_URL, extract_sitename

    name: str | None = document.sitename or extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = META_URL.match(url) if url else None
    return match[1] if match else None


def library_fields(tree: Any, missing: set[str], url: str | None) -> dict[str, Any]:
    """``{field: value}`` for the ``missing`` fields trafilatura/htmldate can fill (None where they cannot)."""
    from htmldate import find_date
    from trafilatura.metadata import extract_title, extract_url

    out: dict[str, Any] = {}
    if not missing & {"title", "publisher", "description", "canonical_url", "published"}:
        return out
    document = _markup_document(tree)
    page_url = document.url or extract_url(tree, url)
    if "title" in missing:
        out["title"] = document.title or extract_title(tree)
    if "publisher" in missing:
        out["publisher"] = _site_name(document, tree, page_url)
    if "description" in missing:
        out["description"] = document.description
    if "canonical_url" in missing:
        out["canonical_url"] = page_url
    if "published" in missing:
        out["published"] = iso_date(find_date(tree, url=page_url, **_DATE_SEARCH))
    return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in out.items()}
