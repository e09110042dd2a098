"""``extract_html``: a web page's article text and its own metadata, with a per-site boilerplate pass."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal
from urllib.parse import urlsplit

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.dedup.linefreq import drop_units, frequent_line_decisions, line_keys
from corpuskit._stages.kinds import GlobalStage, Ref, param, stage
from corpuskit._stages.web.article import Extraction, extract_page
from corpuskit._stages.web.html_reader import HTML_CONTENT_TYPE
from corpuskit._stages.web.structured import FIELDS

__all__ = ["ExtractHtml", "site_of"]

MiB = 1 << 20
_FAILED = "extract_html.failed"


def site_of(meta: dict[str, Any]) -> str:
    """The page's site: the host of its URL (``www.`` dropped), else its publisher, else ``""``."""
    for key in ("url", "canonical_url"):
        url = meta.get(key)
        if isinstance(url, str) and url:
            host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
            if host:
                return host.removeprefix("www.")
    publisher = meta.get("publisher")
    return publisher.casefold() if isinstance(publisher, str) else ""


@stage("extract_html", kind="clean", writes=[*FIELDS, "field_sources", "content_type", "html"])
@attrs.frozen
class ExtractHtml(GlobalStage):
    """Turns a web page (``content_type`` ``text/html``) into its article text and metadata.

    The page is parsed once; its markup's own metadata is read from the tree (JSON-LD
    ``NewsArticle`` and friends, OpenGraph and ``article:`` tags, Twitter cards, ``<meta>``
    names, ``<time>`` and byline markup, ``<link rel=canonical>``, ``<html lang>``), then
    trafilatura extracts the main content from the same tree (menus, teasers, comments,
    share prompts, footers dropped; one paragraph per line), and fills what the markup
    did not state from its own metadata heuristics (htmldate for dates).

    Corpus signal (a global stage): paragraphs found on at least ``site_repeats`` pages of
    one site (URL host, else publisher) are site furniture the extractor kept (newsletter
    prose, a standard disclaimer) and are removed - unless they make up most of the page
    (a page crawled several times, syndicated copies). Uses the core line-frequency
    mechanism (:func:`corpuskit.line_keys` with the site as scope).

    Writes: ``text`` = the article, ``content_type`` = ``text/plain``; meta ``title``,
    ``author`` (names joined with ", "), ``publisher`` (the site's name), ``published``
    and ``modified`` (``YYYY-MM-DD``), ``language`` (ISO 639-1, as the page declares it),
    ``canonical_url``, ``description`` (absent = None), and ``field_sources``
    (``{field: "json-ld" | "opengraph" | "twitter" | "meta" | "time" | "byline" | "html" |
    "trafilatura"}``). ``keep_html: true`` keeps the page in ``meta.html``. Documents that
    are not HTML pass unchanged. Rejects: ``page too large`` (over ``max_bytes``),
    ``no article`` (nothing extracted; ``drop_empty: false`` keeps the page, with empty text).
    """

    keep_html: bool = param(False, doc="keep the raw page in meta.html (for audit)")
    favor: Literal["precision", "balanced", "recall"] = param(
        "precision", doc="trafilatura's trade-off: fewer leftovers, or fewer lost paragraphs",
        validator=attrs.validators.in_(("precision", "balanced", "recall")))
    include_tables: bool = param(True, doc="keep tables inside the article")
    site_repeats: int = param(
        4, doc="a paragraph on at least this many pages of one site is removed (0: off)",
        validator=attrs.validators.ge(0))
    min_repeat_chars: int = param(20, doc="shorter paragraphs are never counted across pages",
                                  validator=attrs.validators.ge(1))
    max_bytes: int = param(16 * MiB, doc="pages larger than this (UTF-8 bytes) are rejected",
                           validator=attrs.validators.ge(1))
    drop_empty: bool = param(True, doc="reject pages where no article text is found")

    def prepare(self, doc: Document, ctx: StageContext) -> Document:
        if doc.meta.get("content_type") != HTML_CONTENT_TYPE:
            ctx.count("not html")
            return doc
        size = len(doc.text.encode("utf-8", errors="replace"))
        if size > self.max_bytes:
            return doc.with_meta(**{_FAILED: ("page too large", f"{size} bytes, over max_bytes {self.max_bytes}")})
        found = extract_page(doc.text, url=doc.meta.get("url"), favor=self.favor,
                             include_tables=self.include_tables)
        return self._with_extraction(doc, found)

    def _with_extraction(self, doc: Document, found: Extraction) -> Document:
        meta = dict(doc.meta)
        if self.keep_html:
            meta["html"] = doc.text
        meta.update(found.fields)
        meta["field_sources"] = found.sources
        meta["content_type"] = "text/plain"
        if not found.text.strip():
            meta[_FAILED] = ("no article", "the extractor found no main content")
        return Document(doc.id, found.text, meta)

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterator[tuple[int, Ref]]:
        if not self.site_repeats or _FAILED in doc.meta or "field_sources" not in doc.meta:
            return iter(())
        return line_keys(doc.text, ref, min_length=self.min_repeat_chars, scope=site_of(doc.meta))

    def reduce(self, bucket: int, items: Iterator[tuple[int, Ref]], ctx: StageContext) -> Iterator[tuple[Ref, int]]:
        return frequent_line_decisions(items, max(0, self.site_repeats - 1))

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        failed = doc.meta.get(_FAILED)
        if failed is not None:
            meta = {k: v for k, v in doc.meta.items() if k != _FAILED}
            reason, detail = failed
            if reason == "no article" and not self.drop_empty:
                return Document(doc.id, doc.text, meta)
            where = _where(meta)
            ctx.reject(Document(doc.id, doc.text, meta), reason, f"{where}: {detail}" if where else detail)
            return None
        if not decisions:
            return doc
        text, removed, chars = drop_units(doc.text, decisions, min_length=self.min_repeat_chars,
                                          scope=site_of(doc.meta))
        if not removed or chars * 2 > len(doc.text):
            if removed:
                ctx.count("site repeats kept (most of the page)")
            return doc
        ctx.count("site repeats removed", removed)
        return doc.with_text(text)


def _where(meta: dict[str, Any]) -> str:
    source = meta.get("source")
    if not isinstance(source, dict) or "path" not in source:
        return ""
    return f"{source['path']}:{source['offset']}" if "offset" in source else str(source["path"])
