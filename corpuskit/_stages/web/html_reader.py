"""``read_html``: one document per saved web page (``.html``, ``.htm``, gzip or zstandard)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from corpuskit._document import Document
from corpuskit._io.files import compression_of, file_size, open_read
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.readers import expand_paths
from corpuskit._stages.web.charset import NotText, decode_page

__all__ = ["HTML_CONTENT_TYPE", "ReadHtml", "canonical_link", "page_document", "page_stem"]

HTML_CONTENT_TYPE = "text/html"
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL_CANONICAL = re.compile(r"""\brel\s*=\s*["']?canonical\b""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HEAD_CHARS = 65536


def canonical_link(text: str) -> str | None:
    """The page's ``<link rel="canonical" href=...>`` in its first 64 KiB, if any."""
    for tag in _LINK.findall(text[:_HEAD_CHARS]):
        if _REL_CANONICAL.search(tag):
            m = _HREF.search(tag)
            if m:
                href = html.unescape(next(g for g in m.groups() if g is not None)).strip()
                return href or None
    return None


def page_stem(path: str) -> str:
    """The file's name without its compression and page extensions (``a.html.gz`` -> ``a``)."""
    name = Path(path).name
    if compression_of(name):
        name = name.rsplit(".", 1)[0]
    return Path(name).stem


def page_document(
    doc_id: str, data: bytes, meta: dict[str, Any], where: str, ctx: StageContext, http_charset: str | None = None
) -> Document | None:
    """The decoded page as a ``text/html`` document, or None after rejecting it.

    Rejects (the raw bytes kept, escaped) with reason ``empty page``, ``not text`` or
    ``unknown charset``; the detail starts with ``where`` (file or file:offset).
    """
    meta["content_type"] = HTML_CONTENT_TYPE
    try:
        decoded = decode_page(data, http_charset)
    except NotText as exc:
        raw = data.decode("utf-8", errors="backslashreplace")
        ctx.reject(Document(doc_id, raw, meta), exc.reason, f"{where}: {exc}")
        return None
    meta["charset"] = decoded.encoding
    if "url" not in meta:
        url = canonical_link(decoded.text)
        if url:
            meta["url"] = url
    return Document(doc_id, decoded.text, meta)


@stage("read_html", kind="load", writes=["source", "content_type", "charset", "url"])
@attrs.frozen
class ReadHtml(Loader):
    """Reads one document per saved web page; the id is the file's stem (``a.html.gz`` -> ``a``).

    Files may be plain, ``.gz`` or ``.zst``, local or fsspec URLs. The text is the decoded
    HTML: the byte-order mark, then the ``<meta>`` charset, then UTF-8, then detection
    (charset-normalizer) choose the encoding; a declared charset the bytes do not decode in
    is passed over. meta: ``source`` = ``{"path": ...}``, ``content_type`` = ``text/html``,
    ``charset`` (the codec used), ``url`` (the page's canonical link, when it has one).
    Empty pages, binary bodies and pages no charset decodes are rejected (reasons
    ``empty page``, ``not text``, ``unknown charset``) with their path; the run goes on.
    Run ``extract_html`` next to turn the pages into article text.
    """

    paths: tuple[str, ...] = param(
        doc="files, directories or glob patterns (** recurses); fsspec URLs (s3://...) too"
    )
    files_per_shard: int = param(256, doc="files read together as one unit of parallel work",
                                 validator=attrs.validators.ge(1))

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = expand_paths(self.paths, "read_html")
        shards = []
        for i in range(0, len(files), self.files_per_shard):
            group = tuple(files[i : i + self.files_per_shard])
            shards.append(Shard(source=group[0], items=group, weight=sum(file_size(f) for f in group)))
        return shards

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        for path in shard.items or (shard.source,):
            with open_read(path) as fh:
                data = fh.read()
            doc = page_document(page_stem(path), data, {"source": {"path": path}}, path, ctx)
            if doc is not None:
                yield doc
